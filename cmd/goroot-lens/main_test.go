package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/goroot-lens/goroot-lens/internal/testgo"
)

// binary builds goroot-lens once per test run.
func binary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "goroot-lens")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

type result struct {
	stdout, stderr string
	code           int
}

func runCLI(t *testing.T, bin string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{so.String(), se.String(), code}
}

func machine(t *testing.T) (env []string, ws string) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix scenarios")
	}
	home := t.TempDir()
	testgo.QuietHome(t, home)
	ws = filepath.Join(home, "ws")
	os.MkdirAll(ws, 0o755)
	os.WriteFile(filepath.Join(ws, "go.mod"), []byte("module example.com/ws\n\ngo 1.22\n"), 0o644)
	return []string{"HOME=" + home, "PATH=" + filepath.Join(testgo.Local(t), "bin") + ":/usr/bin:/bin",
		"GOENV=" + filepath.Join(home, "env"), "GOPROXY=off", "SHELL=/bin/sh", "LANG=C.UTF-8"}, ws
}

func TestCheckExitCodesAndFormats(t *testing.T) {
	bin := binary(t)
	env, ws := machine(t)

	clean := runCLI(t, bin, env, "check", ws, "--json")
	if clean.code != 0 {
		t.Fatalf("clean: exit %d\n%s%s", clean.code, clean.stdout, clean.stderr)
	}
	var snap map[string]any
	if err := json.Unmarshal([]byte(clean.stdout), &snap); err != nil {
		t.Fatalf("JSON: %v\n%s", err, clean.stdout)
	}
	for _, key := range []string{"schemaVersion", "workspace", "toolchain", "candidates", "variables", "findings"} {
		if _, ok := snap[key]; !ok {
			t.Errorf("JSON lacks %q", key)
		}
	}
	if snap["schemaVersion"] != float64(1) || snap["workspace"] != ws {
		t.Errorf("schemaVersion %v workspace %v", snap["schemaVersion"], snap["workspace"])
	}
	tc := snap["toolchain"].(map[string]any)
	for _, key := range []string{"go", "version", "goroot", "gorootSource", "selected", "selectedReason"} {
		if s, _ := tc[key].(string); s == "" {
			t.Errorf("toolchain.%s empty: %v", key, tc)
		}
	}

	old := testgo.Toolchain(t, testgo.Old, "", "")
	bad := runCLI(t, bin, append(env, "GOROOT="+old), "check", "--format", "json", ws)
	if bad.code != 1 || !strings.Contains(bad.stdout, `"goroot-env-mismatch"`) ||
		!strings.Contains(bad.stdout, testgo.Old) || !strings.Contains(bad.stdout, testgo.LocalVersion(t)) {
		t.Errorf("mismatch: exit %d, want 1 with goroot-env-mismatch naming both versions\n%s", bad.code, bad.stdout)
	}

	text := runCLI(t, bin, append(env, "GOROOT="+old), "check", ws)
	if text.code != 1 || strings.Contains(text.stdout, "\x1b[") {
		t.Errorf("text: exit %d, colour codes off a terminal: %q", text.code, text.stdout)
	}
	if i, j := strings.Index(text.stdout, "GOROOT"), strings.Index(text.stdout, "goroot-env-mismatch"); i < 0 || j < i {
		t.Errorf("text output must start with the verdict, then findings:\n%s", text.stdout)
	}

	sarif := runCLI(t, bin, append(env, "GOROOT="+old), "check", ws, "--format=sarif")
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct{ Rules []struct{ ID string } }
			}
			Results []struct {
				RuleID, Level string
				Locations     []any
			}
		}
	}
	if err := json.Unmarshal([]byte(sarif.stdout), &log); err != nil || log.Version != "2.1.0" {
		t.Fatalf("SARIF: %v version %q\n%s", err, log.Version, sarif.stdout)
	}
	found := false
	for _, r := range log.Runs[0].Results {
		if r.RuleID == "goroot-env-mismatch" && r.Level == "error" && len(r.Locations) == 1 {
			found = true
		}
	}
	if !found || sarif.code != 1 {
		t.Errorf("SARIF lacks an error result goroot-env-mismatch with a location (exit %d)", sarif.code)
	}

	none := runCLI(t, bin, []string{"HOME=" + t.TempDir(), "PATH=/nonexistent", "GOENV=off"}, "check", ws)
	if none.code != 1 || !strings.Contains(none.stdout, "go-not-found") {
		t.Errorf("no go: exit %d\n%s%s", none.code, none.stdout, none.stderr)
	}
}

func TestCheckUsageErrors(t *testing.T) {
	bin := binary(t)
	env, ws := machine(t)
	for _, args := range [][]string{
		{"check", "--format", "xml", ws},
		{"check", ws, ws},
		{"check", filepath.Join(ws, "missing")},
		{"frobnicate"},
		{},
	} {
		if r := runCLI(t, bin, env, args...); r.code != 2 || r.stderr == "" {
			t.Errorf("%v: exit %d stderr %q, want 2 with a message", args, r.code, r.stderr)
		}
	}
}

func TestChineseMessages(t *testing.T) {
	bin := binary(t)
	env, ws := machine(t)
	r := runCLI(t, bin, append(env, "GOROOT=/nonexistent", "LANG=zh_CN.UTF-8"), "check", ws)
	if !strings.Contains(r.stdout, "不是 Go 安装目录") || !strings.Contains(r.stdout, "结论") {
		t.Errorf("LANG=zh_CN: want Chinese output\n%s", r.stdout)
	}
}
