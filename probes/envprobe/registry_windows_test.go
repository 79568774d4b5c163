package envprobe_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"golang.org/x/sys/windows/registry"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// These tests change the real HKCU\Environment (under Wine in CI, see
// scripts/wine-test.sh, which runs packages one at a time) and restore every
// value they touch.

// setUser sets a user variable with its type for the test's duration.
func setUser(t *testing.T, name, value string, expand bool) {
	t.Helper()
	k, err := registry.OpenKey(registry.CURRENT_USER, "Environment", registry.QUERY_VALUE|registry.SET_VALUE)
	if err != nil {
		t.Fatal(err)
	}
	old, oldType, getErr := k.GetStringValue(name)
	t.Cleanup(func() {
		defer k.Close()
		switch {
		case getErr == registry.ErrNotExist:
			k.DeleteValue(name)
		case oldType == registry.EXPAND_SZ:
			k.SetExpandStringValue(name, old)
		default:
			k.SetStringValue(name, old)
		}
	})
	if expand {
		err = k.SetExpandStringValue(name, value)
	} else {
		err = k.SetStringValue(name, value)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func runWindows(t *testing.T, env []string) *envprobe.Snapshot {
	t.Helper()
	snap, err := envprobe.Run(context.Background(), envprobe.Options{Dir: t.TempDir(), Env: env})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func processEnvWithout(names ...string) []string {
	var out []string
	for _, kv := range os.Environ() {
		keep := true
		for _, n := range names {
			if strings.HasPrefix(strings.ToUpper(kv), strings.ToUpper(n)+"=") {
				keep = false
			}
		}
		if keep {
			out = append(out, kv)
		}
	}
	return out
}

// A REG_SZ user Path that refers to %USERPROFILE% is never expanded.
func TestRegistryPathUnexpanded(t *testing.T) {
	setUser(t, "Path", `%USERPROFILE%\go\bin;C:\goroot-lens-tools`, false)
	snap := runWindows(t, processEnvWithout("GOROOT"))
	f := find(t, snap, findings.PathUnexpandedVariable, findings.Error)
	evidence(t, f, `%USERPROFILE%\go\bin`, "REG_SZ", "%USERPROFILE%")
	var sawPath bool
	for _, v := range snap.Variables {
		if strings.EqualFold(v.Name, "Path") && v.SourceKind == envprobe.SourceUserRegistry && v.Type == "REG_SZ" {
			sawPath = true
		}
	}
	if !sawPath {
		t.Errorf("no user-registry Path variable with type REG_SZ in %+v", snap.Variables)
	}
}

// A GOROOT the registry now defines but this process does not have: a new
// process would get it, so this one is stale.
func TestRegistryEnvStale(t *testing.T) {
	setUser(t, "GOPATH", `%USERPROFILE%\gopath-goroot-lens`, true)
	snap := runWindows(t, processEnvWithout("GOPATH"))
	f := find(t, snap, findings.EnvStale, findings.Warning)
	profile := os.Getenv("USERPROFILE")
	evidence(t, f, "GOPATH", profile+`\gopath-goroot-lens`, "user")
	for _, v := range snap.Variables {
		if v.Name == "GOPATH" && v.SourceKind == envprobe.SourceUserRegistry {
			if v.Type != "REG_EXPAND_SZ" || v.Value != profile+`\gopath-goroot-lens` {
				t.Errorf("GOPATH variable %+v, want the expanded REG_EXPAND_SZ value", v)
			}
			return
		}
	}
	t.Errorf("no user-registry GOPATH in %+v", snap.Variables)
}

// The real go.exe (GOROOTLENS_WIN_GOROOT, set by scripts/wine-test.sh): the
// verdict names it, its version and its root; a GOROOT that does not exist
// makes go.exe itself fail, and the finding quotes it.
func TestRealGoExe(t *testing.T) {
	root := os.Getenv("GOROOTLENS_WIN_GOROOT")
	if root == "" {
		t.Skip("GOROOTLENS_WIN_GOROOT not set: run through scripts/wine-test.sh")
	}
	env := append(processEnvWithout("GOROOT", "PATH", "GOTOOLCHAIN"),
		`PATH=`+root+`\bin;`+os.Getenv("SystemRoot")+`\system32`, "GOPROXY=off", "GOFLAGS=-work")
	snap := runWindows(t, env)
	if snap.Toolchain.Go != root+`\bin\go.exe` || snap.Toolchain.GOROOT != root ||
		snap.Toolchain.GOROOTSourceKind != envprobe.SourceExecutable || !strings.HasPrefix(snap.Toolchain.Version, "go1.") {
		t.Errorf("toolchain %+v, want go.exe in %s found by its location", snap.Toolchain, root)
	}
	for _, f := range snap.Findings {
		if f.Severity == findings.Error {
			t.Errorf("clean go.exe: %s: %s", f.Code, f.Message)
		}
	}

	bad := runWindows(t, append(env, `GOROOT=C:\nonexistent-goroot-lens`))
	g := find(t, bad, findings.GoCommandFailed, findings.Error)
	evidence(t, g, `go: cannot find GOROOT directory: C:\nonexistent-goroot-lens`)
	find(t, bad, findings.GorootInvalid, findings.Error)
}

// A user-registry GOROOT that does not exist, with a clean process: every
// new process breaks, so it is goroot-invalid from the registry, fixed by
// deleting the user variable.
func TestRegistryFreshGorootInvalid(t *testing.T) {
	setUser(t, "GOROOT", `C:\nonexistent-goroot-lens`, false)
	snap := runWindows(t, processEnvWithout("GOROOT"))
	f := find(t, snap, findings.GorootInvalid, findings.Error)
	evidence(t, f, `C:\nonexistent-goroot-lens`, "new process")
	if len(f.Fixes) == 0 || f.Fixes[0].Kind != findings.FixUnsetUserVar {
		t.Errorf("want the user variable's deletion first, got %+v", f.Fixes)
	}
	absent(t, snap, findings.EnvStale)
}
