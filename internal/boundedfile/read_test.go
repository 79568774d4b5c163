//go:build unix

package boundedfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(dir, "go.mod")
	os.WriteFile(ok, []byte("module m\n"), 0o644)
	if b, err := Read(ok, SmallFile); err != nil || string(b) != "module m\n" {
		t.Fatalf("regular file: %q %v", b, err)
	}
	big := filepath.Join(dir, "big")
	os.WriteFile(big, make([]byte, 2048), 0o644)
	if _, err := Read(big, 1024); !errors.Is(err, ErrTooLarge) {
		t.Errorf("large file: %v", err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err == nil {
		if _, err := Read(fifo, SmallFile); !errors.Is(err, ErrNotRegular) {
			t.Errorf("fifo: %v", err)
		}
	}
	zero := filepath.Join(dir, "zero")
	os.Symlink("/dev/zero", zero)
	for _, p := range []string{"/dev/zero", zero, dir} {
		if _, err := Read(p, SmallFile); !errors.Is(err, ErrNotRegular) {
			t.Errorf("%s: %v", p, err)
		}
	}
	if _, err := Read(filepath.Join(dir, "missing"), SmallFile); !os.IsNotExist(err) {
		t.Errorf("missing: %v", err)
	}
}
