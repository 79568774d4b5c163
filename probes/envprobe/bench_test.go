package envprobe_test

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
)

// BenchmarkCheck is a full environment probe of this repository on this
// machine (warm: files cached by the OS).
func BenchmarkCheck(b *testing.B) {
	dir, _ := os.Getwd()
	for b.Loop() {
		if _, err := envprobe.Run(context.Background(), envprobe.Options{Dir: dir}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGoEnvJSON is the baseline: a bare `go env -json` in the same folder.
func BenchmarkGoEnvJSON(b *testing.B) {
	dir, _ := os.Getwd()
	for b.Loop() {
		cmd := exec.Command("go", "env", "-json")
		cmd.Dir = dir
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
	}
}
