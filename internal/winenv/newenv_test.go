package winenv

import "testing"

func sz(name, value string) Value       { return Value{Name: name, Value: value, Type: TypeSZ} }
func expandSZ(name, value string) Value { return Value{Name: name, Value: value, Type: TypeExpandSZ} }

var base = map[string]string{
	"SystemRoot":   `C:\Windows`,
	"SystemDrive":  `C:`,
	"USERPROFILE":  `C:\Users\me`,
	"LOCALAPPDATA": `C:\Users\me\AppData\Local`,
	"ProgramFiles": `C:\Program Files`,
	"USERNAME":     "me",
}

func TestNewProcessEnv(t *testing.T) {
	tests := []struct {
		name         string
		user, system []Value
		want         map[string]Resolved // only these keys are checked
		absent       []string
	}{{
		name: "MSI install: system Path + user Path and GOPATH",
		system: []Value{
			expandSZ("Path", `%SystemRoot%\system32;%SystemRoot%;C:\Program Files\Go\bin`),
			expandSZ("windir", `%SystemRoot%`),
		},
		user: []Value{
			expandSZ("Path", `%USERPROFILE%\go\bin`),
			expandSZ("GOPATH", `%USERPROFILE%\go`),
		},
		want: map[string]Resolved{
			"PATH":   {"Path", `C:\Windows\system32;C:\Windows;C:\Program Files\Go\bin;C:\Users\me\go\bin`, "system+user", TypeExpandSZ},
			"GOPATH": {"GOPATH", `C:\Users\me\go`, "user", TypeExpandSZ},
			"WINDIR": {"windir", `C:\Windows`, "system", TypeExpandSZ},
		},
	}, {
		name: "system values cannot use user-step variables",
		system: []Value{
			expandSZ("Path", `%USERPROFILE%\go\bin;%ProgramFiles%\Go\bin;%GOROOT%\bin`),
		},
		user: []Value{sz("GOROOT", `C:\Go`)},
		want: map[string]Resolved{
			"PATH":   {"Path", `%USERPROFILE%\go\bin;%ProgramFiles%\Go\bin;%GOROOT%\bin`, "system", TypeExpandSZ},
			"GOROOT": {"GOROOT", `C:\Go`, "user", TypeSZ},
		},
	}, {
		name: "REG_EXPAND_SZ sees REG_SZ of its scope but not REG_EXPAND_SZ",
		user: []Value{
			expandSZ("GOBIN", `%GOPATH%\bin`),
			expandSZ("GOPATH", `%USERPROFILE%\go`),
			sz("GOROOT", `C:\Go`),
			expandSZ("Path", `%GOROOT%\bin;%GOBIN%`),
		},
		want: map[string]Resolved{
			"GOBIN": {"GOBIN", `%GOPATH%\bin`, "user", TypeExpandSZ},
			"PATH":  {"Path", `C:\Go\bin;%GOBIN%`, "user", TypeExpandSZ},
		},
	}, {
		name:   "REG_SZ is never expanded",
		system: []Value{sz("Path", `%SystemRoot%\system32`)},
		want:   map[string]Resolved{"PATH": {"Path", `%SystemRoot%\system32`, "system", TypeSZ}},
	}, {
		name:   "user variable overrides system; names ignore case",
		system: []Value{sz("GOROOT", `C:\Program Files\Go`), sz("PATH", `C:\Windows`)},
		user:   []Value{sz("goroot", `C:\sdk\go1.22`), sz("path", `C:\sdk\go1.22\bin`)},
		want: map[string]Resolved{
			"GOROOT": {"goroot", `C:\sdk\go1.22`, "user", TypeSZ},
			"PATH":   {"PATH", `C:\Windows;C:\sdk\go1.22\bin`, "system+user", TypeSZ},
		},
	}, {
		name:   "user Path using %PATH% repeats the system Path (the setx mistake)",
		system: []Value{sz("Path", `C:\Windows`)},
		user:   []Value{expandSZ("Path", `%PATH%;C:\Go\bin`)},
		want:   map[string]Resolved{"PATH": {"Path", `C:\Windows;C:\Windows;C:\Go\bin`, "system+user", TypeExpandSZ}},
	}, {
		name:   "system variables see core system ones and system REG_SZ",
		system: []Value{sz("GOROOT", `D:\go`), expandSZ("Path", `%SystemDrive%\bin;%GOROOT%\bin`), expandSZ("LibPath", `%SystemRoot%`)},
		user:   []Value{sz("LIBPATH", `C:\lib`)},
		want: map[string]Resolved{
			"PATH":    {"Path", `C:\bin;D:\go\bin`, "system", TypeExpandSZ},
			"LIBPATH": {"LibPath", `C:\Windows;C:\lib`, "system+user", TypeSZ},
		},
	}, {
		name: "account variables come last; other types are ignored",
		user: []Value{sz("USERNAME", "other"), {Name: "GOFLAGS", Type: "REG_4"}, {Name: "X", Value: "y", Type: "REG_7"}},
		want: map[string]Resolved{
			"USERNAME":    {"USERNAME", "me", "base", ""},
			"USERPROFILE": {"USERPROFILE", `C:\Users\me`, "base", ""},
		},
		absent: []string{"GOFLAGS", "X"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NewProcessEnv(tt.user, tt.system, base)
			for k, want := range tt.want {
				if got[k] != want {
					t.Errorf("%s = %+v, want %+v", k, got[k], want)
				}
			}
			for _, k := range tt.absent {
				if r, ok := got[k]; ok {
					t.Errorf("%s = %+v, want absent", k, r)
				}
			}
		})
	}
}

func TestNewProcessEnvEmpty(t *testing.T) {
	if got := NewProcessEnv(nil, nil, nil); len(got) != 0 {
		t.Errorf("NewProcessEnv(nil, nil, nil) = %v", got)
	}
}

func TestTypeName(t *testing.T) {
	for typ, want := range map[uint32]string{0: "REG_0", 1: TypeSZ, 2: TypeExpandSZ, 4: "REG_4", 7: "REG_7"} {
		if got := typeName(typ); got != want {
			t.Errorf("typeName(%d) = %q, want %q", typ, got, want)
		}
	}
}
