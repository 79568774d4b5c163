package envprobe

import (
	"os"
	"path/filepath"
	"testing"
)

// The editor's unsaved text of go.mod and go.work wins over the disk's.
func TestOverlayModuleFiles(t *testing.T) {
	dir := t.TempDir()
	gomod := filepath.Join(dir, "go.mod")
	os.WriteFile(gomod, []byte("module m\n\ngo 1.22\n"), 0o644)
	env := newEnviron([]string{"GOWORK=off"}, "linux")
	if m := findModules(dir, env, nil); len(m) != 1 || m[0].Go != "1.22" || m[0].GoLine != 3 {
		t.Fatalf("from disk: %+v", m)
	}
	ov := Overlay{gomod: []byte("module m\n\n\ngo 1.26.1\ntoolchain go1.26.8\n")}
	m := findModules(dir, env, ov)
	if len(m) != 1 || m[0].Go != "1.26.1" || m[0].GoLine != 4 || m[0].Toolchain != "go1.26.8" || m[0].ToolchainLine != 5 {
		t.Fatalf("from the overlay: %+v", m)
	}
}
