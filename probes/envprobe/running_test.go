package envprobe

import (
	"context"
	"strings"
	"testing"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// After a fix the probe judges a new process's environment; what the
// running editor still holds is said, with the restart that helps.
func TestRunningProgramsKeepTheOldValue(t *testing.T) {
	dir := t.TempDir()
	home := t.TempDir()
	fresh := []string{"HOME=" + home, "PATH=/usr/bin:/bin", "GOPROXY=off", "GOENV=off"}
	running := append([]string{"GOROOT=/opt/old-go"}, fresh...)
	snap, err := Run(context.Background(), Options{Dir: dir, Env: fresh, Running: running, SystemRoot: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var got *findings.Finding
	for i, f := range snap.Findings {
		if f.Code == findings.EnvStale && f.Args["variant"] == "running" {
			got = &snap.Findings[i]
		}
	}
	if got == nil {
		t.Fatalf("no env-stale for the running programs: %+v", snap.Findings)
	}
	if !strings.Contains(got.Message, "gopls") || !strings.Contains(got.Message, "GOROOT=/opt/old-go") || !strings.Contains(got.Message, "(unset)") {
		t.Errorf("message %q", got.Message)
	}
	if len(got.Fixes) != 1 || got.Fixes[0].Kind != findings.FixRestart || !strings.Contains(got.Fixes[0].Title, "Reload Window is not enough") {
		t.Errorf("fixes %+v", got.Fixes)
	}
	// Without Running (the editor's own environment is judged): nothing.
	snap, _ = Run(context.Background(), Options{Dir: dir, Env: running, SystemRoot: t.TempDir()})
	for _, f := range snap.Findings {
		if f.Code == findings.EnvStale && strings.HasPrefix(f.Args["variant"], "running") {
			t.Errorf("running finding without Running: %+v", f)
		}
	}
}
