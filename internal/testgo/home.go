package testgo

import (
	"os"
	"path/filepath"
	"testing"
)

// QuietHome turns Go telemetry off in a test's temporary HOME. Since Go
// 1.23 the go command writes counters under $HOME/.config/go/telemetry and
// starts a detached child that outlives it; in a fresh HOME that child
// still writes there while the test removes the folder ("directory not
// empty"). With the mode file saying off, go neither counts nor starts it.
func QuietHome(t testing.TB, home string) {
	t.Helper()
	dir := filepath.Join(home, ".config", "go", "telemetry")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "mode"), []byte("off"), 0o644); err != nil {
		t.Fatal(err)
	}
}
