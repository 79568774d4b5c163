package pathlist

import (
	"reflect"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		value, goos string
		want        []string
	}{
		{"", "linux", nil},
		{"/usr/bin", "linux", []string{"/usr/bin"}},
		{"/a:/b", "darwin", []string{"/a", "/b"}},
		{":/a", "linux", []string{"", "/a"}}, // leading empty: current dir
		{"/a::/b", "linux", []string{"/a", "", "/b"}},
		{"/a:", "linux", []string{"/a", ""}},
		{":", "linux", []string{"", ""}},
		{`"/a"`, "linux", []string{`"/a"`}}, // quotes are literal on Unix
		{`C:\a;b`, "linux", []string{"C", `\a;b`}},
		{"", "windows", nil},
		{`C:\Go\bin`, "windows", []string{`C:\Go\bin`}},
		{`C:\a;C:\b`, "windows", []string{`C:\a`, `C:\b`}},
		{`"C:\a;b";C:\c`, "windows", []string{`C:\a;b`, `C:\c`}},
		{`C:\"Program Files"\Go\bin`, "windows", []string{`C:\Program Files\Go\bin`}},
		{`;C:\a;;C:\b;`, "windows", []string{`C:\a`, `C:\b`}}, // empty entries dropped
		{`"";C:\a`, "windows", []string{`C:\a`}},
		{`"C:\a;C:\b`, "windows", []string{`C:\a;C:\b`}}, // unterminated quote runs to the end
		{`C:\a:b`, "windows", []string{`C:\a:b`}},
		{"%GOROOT%\\bin;%USERPROFILE%\\go\\bin", "windows", []string{`%GOROOT%\bin`, `%USERPROFILE%\go\bin`}},
	}
	for _, tt := range tests {
		if got := Split(tt.value, tt.goos); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Split(%q, %s) = %q, want %q", tt.value, tt.goos, got, tt.want)
		}
	}
}

func TestJoin(t *testing.T) {
	tests := []struct {
		entries []string
		goos    string
		want    string
	}{
		{nil, "linux", ""},
		{[]string{"/a", "", "/b"}, "linux", "/a::/b"},
		{[]string{`C:\a;b`, `C:\c`}, "windows", `"C:\a;b";C:\c`},
		{[]string{`C:\Program Files\Go\bin`}, "windows", `C:\Program Files\Go\bin`},
	}
	for _, tt := range tests {
		got := Join(tt.entries, tt.goos)
		if got != tt.want {
			t.Errorf("Join(%q, %s) = %q, want %q", tt.entries, tt.goos, got, tt.want)
		}
		if back := Split(got, tt.goos); len(tt.entries) > 0 && !reflect.DeepEqual(back, tt.entries) {
			t.Errorf("Split(Join(%q)) = %q", tt.entries, back)
		}
	}
}
