package pathlist

import (
	"reflect"
	"testing"
)

func TestUnexpandedVars(t *testing.T) {
	tests := []struct {
		entry, goos string
		want        []VarRef
	}{
		{`C:\Go\bin`, "windows", nil},
		{`%GOROOT%\bin`, "windows", []VarRef{{"%GOROOT%", "GOROOT", 0}}},
		{`%USERPROFILE%\go\bin`, "linux", []VarRef{{"%USERPROFILE%", "USERPROFILE", 0}}},
		{`%ProgramFiles(x86)%\Go\bin`, "windows", []VarRef{{"%ProgramFiles(x86)%", "ProgramFiles(x86)", 0}}},
		{`C:\a%GOPATH%\b%GOBIN%`, "windows", []VarRef{{"%GOPATH%", "GOPATH", 4}, {"%GOBIN%", "GOBIN", 14}}},
		{`C:\100%`, "windows", nil},
		{`C:\50% or 60%`, "windows", nil},
		{`C:\50% %GOROOT%`, "windows", []VarRef{{"%GOROOT%", "GOROOT", 7}}}, // "% %" is not a name; the second '%' reopens
		{`C:\%%`, "windows", nil},
		{`C:\%1%`, "windows", nil},
		{"$HOME/go/bin", "linux", []VarRef{{"$HOME", "HOME", 0}}},
		{"${HOME}/go/bin", "linux", []VarRef{{"${HOME}", "HOME", 0}}},
		{"/opt/$GO_VERSION/bin", "darwin", []VarRef{{"$GO_VERSION", "GO_VERSION", 5}}},
		{"/opt/a$/bin", "linux", nil},
		{"/opt/$1/bin", "linux", nil},
		{"/opt/${1}/bin", "linux", nil},
		{"/opt/${HOME/bin", "linux", nil},
		{"/opt/$$/bin", "linux", nil},
		{"$", "linux", nil},
		{`C:\$Recycle.Bin`, "windows", nil},
		{`\\server\c$\go\bin`, "windows", nil},
		{`$HOME\go\bin`, "windows", []VarRef{{"$HOME", "HOME", 0}}},
		{`$env:GOROOT\bin`, "windows", []VarRef{{"$env:GOROOT", "GOROOT", 0}}},
		{`C:\x\$Env:GOPATH\bin`, "windows", []VarRef{{"$Env:GOPATH", "GOPATH", 5}}},
		{`${env:ProgramFiles(x86)}\Go\bin`, "windows", []VarRef{{"${env:ProgramFiles(x86)}", "ProgramFiles(x86)", 0}}},
		{"$HOME/%GOROOT%", "linux", []VarRef{{"$HOME", "HOME", 0}, {"%GOROOT%", "GOROOT", 6}}},
	}
	for _, tt := range tests {
		got := UnexpandedVars(tt.entry, tt.goos)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("UnexpandedVars(%q, %s) = %+v, want %+v", tt.entry, tt.goos, got, tt.want)
		}
		for _, r := range got {
			if tt.entry[r.Start:r.Start+len(r.Text)] != r.Text {
				t.Errorf("%q: Start %d does not point at %q", tt.entry, r.Start, r.Text)
			}
		}
	}
}
