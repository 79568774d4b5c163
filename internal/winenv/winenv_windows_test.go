package winenv

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/sys/windows/registry"

	"github.com/goroot-lens/goroot-lens/internal/pathlist"
)

// These tests write to the real HKCU\Environment (under Wine in CI: see
// scripts/wine-test.sh). Names carry a per-run prefix so that parallel runs
// and leftovers of a crashed run cannot collide, and t.Cleanup deletes them.

func writeTestValues(t *testing.T) (prefix string) {
	t.Helper()
	prefix = fmt.Sprintf("GOROOTLENS_TEST_%d_", os.Getpid())
	k, _, err := registry.CreateKey(registry.CURRENT_USER, "Environment", registry.QUERY_VALUE|registry.SET_VALUE)
	if err != nil {
		t.Fatalf("open %s for writing: %v", UserKey, err)
	}
	names := []string{"SZ", "EXPAND", "PATHLIKE", "DWORD"}
	t.Cleanup(func() {
		defer k.Close()
		for _, n := range names {
			if err := k.DeleteValue(prefix + n); err != nil && err != registry.ErrNotExist {
				t.Errorf("delete %s: %v", prefix+n, err)
			}
		}
	})
	for _, err := range []error{
		k.SetStringValue(prefix+"SZ", `C:\Program Files\Go`),
		k.SetExpandStringValue(prefix+"EXPAND", `%USERPROFILE%\go\bin`),
		k.SetExpandStringValue(prefix+"PATHLIKE", `%SystemRoot%\system32;"C:\a;b";%NOT_DEFINED_GOROOTLENS%\bin`),
		k.SetDWordValue(prefix+"DWORD", 1),
	} {
		if err != nil {
			t.Fatalf("write test value: %v", err)
		}
	}
	return prefix
}

func TestReadUserValues(t *testing.T) {
	prefix := writeTestValues(t)
	user, system, err := Read()
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	got := map[string]Value{}
	for _, v := range user {
		if strings.HasPrefix(v.Name, prefix) {
			got[strings.TrimPrefix(v.Name, prefix)] = v
		}
	}
	want := map[string]Value{
		"SZ":       {prefix + "SZ", `C:\Program Files\Go`, TypeSZ, ScopeUser, UserKey},
		"EXPAND":   {prefix + "EXPAND", `%USERPROFILE%\go\bin`, TypeExpandSZ, ScopeUser, UserKey},
		"PATHLIKE": {prefix + "PATHLIKE", `%SystemRoot%\system32;"C:\a;b";%NOT_DEFINED_GOROOTLENS%\bin`, TypeExpandSZ, ScopeUser, UserKey},
		"DWORD":    {prefix + "DWORD", "", "REG_4", ScopeUser, UserKey},
	}
	for n, w := range want {
		if got[n] != w {
			t.Errorf("%s: got %+v, want %+v", n, got[n], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d test values, want %d: %+v", len(got), len(want), got)
	}
	for _, v := range system {
		if strings.HasPrefix(v.Name, prefix) {
			t.Errorf("user test value %q found in the system scope", v.Name)
		}
	}
}

func TestReadSystemPath(t *testing.T) {
	_, system, err := Read()
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	var path *Value
	for i, v := range system {
		if v.Scope != ScopeSystem || v.Key != SystemKey {
			t.Errorf("%s: scope %q key %q", v.Name, v.Scope, v.Key)
		}
		if strings.EqualFold(v.Name, "Path") {
			path = &system[i]
		}
	}
	if path == nil {
		t.Fatalf("no Path among %d system values", len(system))
	}
	if path.Type != TypeSZ && path.Type != TypeExpandSZ || path.Value == "" {
		t.Fatalf("system Path = %+v", *path)
	}
	t.Logf("system Path (%s) = %q", path.Type, path.Value)
}

func TestNewProcessEnvFromRegistry(t *testing.T) {
	prefix := writeTestValues(t)
	user, system, err := Read()
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	base := map[string]string{}
	for _, n := range []string{"SystemRoot", "SystemDrive", "USERPROFILE", "USERNAME"} {
		if v, ok := os.LookupEnv(n); ok {
			base[n] = v
		}
	}
	env := NewProcessEnv(user, system, base)
	profile, root := os.Getenv("USERPROFILE"), os.Getenv("SystemRoot")
	if profile == "" || root == "" {
		t.Fatalf("USERPROFILE=%q SystemRoot=%q: the process basics are missing", profile, root)
	}
	checks := map[string]string{
		"EXPAND":   profile + `\go\bin`,
		"PATHLIKE": root + `\system32;"C:\a;b";%NOT_DEFINED_GOROOTLENS%\bin`,
		"SZ":       `C:\Program Files\Go`,
	}
	for n, want := range checks {
		if got := env[strings.ToUpper(prefix+n)].Value; got != want {
			t.Errorf("%s = %q, want %q", n, got, want)
		}
	}
	if _, ok := env[strings.ToUpper(prefix+"DWORD")]; ok {
		t.Errorf("a REG_DWORD value reached the environment")
	}
	p := env["PATH"]
	if p.Scope != "system" && p.Scope != "system+user" {
		t.Errorf("PATH = %+v", p)
	}
	entries := pathlist.Split(env[strings.ToUpper(prefix+"PATHLIKE")].Value, "windows")
	if len(entries) != 3 || entries[1] != `C:\a;b` {
		t.Errorf("Split(PATHLIKE) = %q", entries)
	}
}

// ExpandWindows must agree with the system's ExpandEnvironmentStringsW.
// Left out: an empty name followed by a reference, "%%X%", where Wine 8
// keeps "%%X%" but Windows gives "%" and X's value; the unit tests check
// that case against Windows' own results.
func TestExpandWindowsMatchesSystem(t *testing.T) {
	for _, s := range []string{
		`%SystemRoot%\system32`,
		`%systemroot%;%USERPROFILE%\go\bin`,
		`%NOT_DEFINED_GOROOTLENS%\bin`,
		`100%`,
		`%`,
		`C:\plain`,
		`%SystemRoot%%SystemRoot%`,
		`%NOPE_GOROOTLENS%%SystemRoot%`,
		`%%%SystemRoot%%%`,
		`% SystemRoot%`,
	} {
		want, err := registry.ExpandString(s)
		if err != nil {
			t.Fatalf("ExpandString(%q): %v", s, err)
		}
		got := pathlist.ExpandWindows(s, os.LookupEnv) // os.LookupEnv ignores case on Windows
		if got != want {
			t.Errorf("ExpandWindows(%q) = %q, system says %q", s, got, want)
		}
	}
}
