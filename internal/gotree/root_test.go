package gotree

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRootOf(t *testing.T) {
	base := t.TempDir()
	mk := func(rel string) string {
		p := filepath.Join(base, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	os.MkdirAll(filepath.Join(base, "go", "pkg", "tool"), 0o755)
	goBin := mk("go/bin/go")
	crossBin := mk("go/bin/linux_arm64/go")
	loose := mk("elsewhere/bin/go")
	link := filepath.Join(base, "links", "go")
	os.MkdirAll(filepath.Dir(link), 0o755)
	if err := os.Symlink(goBin, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	for exe, want := range map[string]string{
		goBin:    filepath.Join(base, "go"),
		crossBin: filepath.Join(base, "go"),
		link:     filepath.Join(base, "go"),
		loose:    "",
	} {
		if got := RootOf(exe); got != want {
			t.Errorf("RootOf(%s) = %q, want %q", exe, got, want)
		}
	}
}
