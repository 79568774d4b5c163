package check

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/goroot-lens/goroot-lens/internal/testgo"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

func scenario(t *testing.T, extra ...string) envprobe.Options {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("Unix scenario")
	}
	home := t.TempDir()
	ws := filepath.Join(home, "ws")
	os.MkdirAll(ws, 0o755)
	os.WriteFile(filepath.Join(ws, "go.mod"), []byte("module example.com/ws\n\ngo 1.22\n"), 0o644)
	env := append([]string{"HOME=" + home, "PATH=" + filepath.Join(testgo.Local(t), "bin") + ":/usr/bin:/bin",
		"GOENV=" + filepath.Join(home, "env"), "GOPROXY=off", "SHELL=/bin/sh"}, extra...)
	return envprobe.Options{Dir: ws, Env: env}
}

func codes(fs []findings.Finding) map[findings.Code]int {
	m := map[findings.Code]int{}
	for _, f := range fs {
		m[f.Code]++
	}
	return m
}

// One cause, one finding: an explicit GOROOT of another release is the
// environment probe's goroot-env-mismatch, not also the build-info probe's
// go-binary-outside-goroot.
func TestExplicitGorootReportedOnce(t *testing.T) {
	old := testgo.Toolchain(t, testgo.Old, "", "")
	opts := scenario(t, "GOROOT="+old)
	rep, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	got := codes(rep.Findings)
	if got[findings.GorootEnvMismatch] != 1 || got[findings.GoBinaryOutsideGoroot] != 0 {
		t.Errorf("findings %v: want one goroot-env-mismatch and no go-binary-outside-goroot", got)
	}
	if len(rep.Binaries) == 0 || rep.Binaries[0].Kind != "go" {
		t.Errorf("binaries %+v: want the go on PATH first", rep.Binaries)
	}
	rows := ConfiguredRoots(rep.Snapshot)
	if len(rows) != 1 || rows[0].Value != old || rows[0].Source != "process environment" {
		t.Errorf("configured rows %+v, want the environment's GOROOT", rows)
	}
}

// A clean machine has no configured GOROOT rows and no warning or error
// from either probe.
func TestCleanMachineBothProbes(t *testing.T) {
	rep, err := Run(context.Background(), scenario(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.Severity != findings.Info {
			t.Errorf("%s %s: %s", f.Severity, f.Code, f.Message)
		}
	}
	if rows := ConfiguredRoots(rep.Snapshot); len(rows) != 0 {
		t.Errorf("configured rows %+v, want none", rows)
	}
}
