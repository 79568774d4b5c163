//go:build unix

package shellprofile

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A system file that is a FIFO or a link to /dev/zero would block or never
// end if read: each is refused with a note, the others are still read, and
// path_helper's folder skips them altogether as path_helper does.
func TestSystemFilesThatAreNotRegular(t *testing.T) {
	root := writeRoot(t, map[string]string{
		"etc/profile":        "export GOPATH=/srv/go\nfor i in /etc/profile.d/*.sh; do . $i; done\n",
		"etc/profile.d/z.sh": "export GOROOT=/usr/local/go\n",
		"etc/paths":          "/usr/bin\n",
		"etc/paths.d/go":     "/usr/local/go/bin\n",
	})
	at := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	for _, rel := range []string{"etc/profile.d/a.sh", "etc/paths.d/fifo", "etc/fish/conf.d/fifo.fish"} {
		os.MkdirAll(filepath.Dir(at(rel)), 0o755)
		if err := syscall.Mkfifo(at(rel), 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	for _, rel := range []string{"etc/environment", "etc/paths.d/zero", "etc/zshenv"} {
		if err := os.Symlink("/dev/zero", at(rel)); err != nil {
			t.Fatal(err)
		}
	}

	read := func(sh Shell, goos string) *Result {
		t.Helper()
		done := make(chan *Result, 1)
		go func() {
			res, _ := Read(sh, SystemFiles(sh, goos, root), map[string]string{}, nil)
			done <- res
		}()
		select {
		case res := <-done:
			return res
		case <-time.After(30 * time.Second): // a guard, not a wait: Read returns at once
			t.Fatalf("%s/%s: Read hangs on a FIFO or /dev/zero", sh, goos)
			return nil
		}
	}
	refused := func(res *Result, rels ...string) {
		t.Helper()
		var got []string
		for _, e := range res.Errors {
			if !strings.Contains(e.Msg, "not a regular file") {
				t.Errorf("error %v", e)
			}
			got = append(got, strings.TrimPrefix(filepath.ToSlash(e.File), filepath.ToSlash(root)+"/"))
		}
		if !slices.Equal(got, rels) {
			t.Errorf("refused %v, want %v", got, rels)
		}
	}

	res := read(SH, "linux")
	refused(res, "etc/environment", "etc/profile.d/a.sh")
	diffLines(t, renderRoot(root, "", res.Assignments), []string{
		`/etc/profile:1 GOPATH="/srv/go" exported sys`,
		`/etc/profile.d/z.sh:1 GOROOT="/usr/local/go" exported sys`,
	})

	res = read(Zsh, "darwin")
	refused(res, "etc/zshenv") // paths.d/fifo and paths.d/zero are not even listed
	diffLines(t, renderRoot(root, "", res.Assignments), []string{
		`/etc/paths:1 PATH="/usr/bin" exported +[/usr/bin] prepend sys`,
		`/etc/paths.d/go:1 PATH="/usr/local/go/bin" exported +[/usr/local/go/bin] prepend sys`,
	})

	// fish itself skips a conf.d entry that is not a regular file.
	res = read(Fish, "linux")
	refused(res, "etc/environment")
}
