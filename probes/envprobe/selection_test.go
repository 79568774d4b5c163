package envprobe

import (
	"os"
	"testing"
)

// The rules of cmd/go/internal/toolchain.Select, case by case.
func TestSelectToolchain(t *testing.T) {
	mod := func(goLine, toolchain string) *ModuleFile {
		return &ModuleFile{File: "/w/go.mod", Go: goLine, GoLine: 3, Toolchain: toolchain, ToolchainLine: 5}
	}
	for _, tc := range []struct {
		name, setting, local string
		mod                  *ModuleFile
		selected             string
		switches, tooOld     bool
		err                  bool
	}{
		{"local keeps the go on PATH", "local", "go1.26.8", mod("1.22", ""), "go1.26.8", false, false, false},
		{"empty is local", "", "go1.26.8", mod("1.22", "go1.27.1"), "go1.26.8", false, false, false},
		{"local too old", "local", "go1.22.12", mod("1.26", ""), "go1.22.12", false, true, false},
		{"auto: toolchain line newer", "auto", "go1.22.12", mod("1.22", "go1.25.5"), "go1.25.5", true, false, false},
		{"auto: toolchain line older is ignored", "auto", "go1.26.8", mod("1.22", "go1.25.5"), "go1.26.8", false, false, false},
		{"auto: go line newer gets .0", "auto", "go1.22.12", mod("1.23", ""), "go1.23.0", true, false, false},
		{"auto: go line patch kept", "auto", "go1.22.12", mod("1.23.4", ""), "go1.23.4", true, false, false},
		{"auto: go line beats older toolchain line", "auto", "go1.22.12", mod("1.24", "go1.23.1"), "go1.24.0", true, false, false},
		{"path behaves like auto for selection", "path", "go1.22.12", mod("1.22", "go1.25.5"), "go1.25.5", true, false, false},
		{"+auto raises the minimum", "go1.25.0+auto", "go1.22.12", mod("1.22", ""), "go1.25.0", true, false, false},
		{"+auto then a newer toolchain line", "go1.23.0+auto", "go1.22.12", mod("1.22", "go1.25.5"), "go1.25.5", true, false, false},
		{"forced ignores go.mod", "go1.25.0", "go1.26.8", mod("1.22", "go1.27.0"), "go1.25.0", true, false, false},
		{"forced too old for the go line", "go1.25.0", "go1.26.8", mod("1.26", ""), "go1.25.0", true, true, false},
		{"toolchain default keeps the minimum", "auto", "go1.22.12", mod("1.27", "default"), "go1.22.12", false, true, false},
		{"no go.mod", "auto", "go1.26.8", nil, "go1.26.8", false, false, false},
		{"invalid", "bash", "go1.26.8", nil, "", false, false, true},
		{"invalid suffix", "go1.25.0+foo", "go1.26.8", nil, "", false, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := selectToolchain(tc.setting, tc.local, tc.mod)
			if (s.Err != nil) != tc.err {
				t.Fatalf("err = %v, want error %v", s.Err, tc.err)
			}
			if tc.err {
				return
			}
			if s.Selected != tc.selected || s.Switches() != tc.switches || s.TooOld() != tc.tooOld {
				t.Errorf("selected %q switches %v tooOld %v, want %q %v %v (reason %q)",
					s.Selected, s.Switches(), s.TooOld(), tc.selected, tc.switches, tc.tooOld, s.Reason)
			}
		})
	}
}

func TestGoEnvFileParsing(t *testing.T) {
	p := t.TempDir() + "/env"
	writeFile(t, p, "# comment\nGOPATH=/a\n lower=1\ngoflags=x\nGOFLAGS= -x \nGOPATH=/b\nnoequals\n")
	f := readEnvFile(p)
	e, ok := f.Lookup("GOPATH")
	if !ok || e.Value != "/b" || e.Line != 6 {
		t.Errorf("GOPATH = %+v, want /b on line 6 (the later line wins)", e)
	}
	if e, _ := f.Lookup("GOFLAGS"); e.Value != " -x " {
		t.Errorf("GOFLAGS = %q: values are not trimmed by cmd/go", e.Value)
	}
	if _, ok := f.Lookup("goflags"); ok {
		t.Error("lower-case keys are ignored by cmd/go")
	}
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
