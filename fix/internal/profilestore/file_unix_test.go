//go:build unix

package profilestore

import (
	"bytes"
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// wantRefused fails unless err is a *RefusedError that names path.
func wantRefused(t *testing.T, err error, path, about string) {
	t.Helper()
	var refused *RefusedError
	if !errors.As(err, &refused) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), about) {
		t.Fatalf("err = %v; want a refusal naming %s and saying %q", err, path, about)
	}
}

func writeFile(t *testing.T, path, content string, mode fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // whatever the umask
		t.Fatal(err)
	}
}

// noLeftovers fails if a temporary file is left in dir.
func noLeftovers(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".goroot-lens-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestReadFileRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	socket := filepath.Join(dir, "socket")
	listener, err := net.Listen("unix", socket)
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Close()
	for path, about := range map[string]string{
		"/dev/null": "device", fifo: "FIFO", socket: "socket", dir: "directory",
	} {
		_, _, err := ReadFile(path)
		wantRefused(t, err, path, about)
		wantRefused(t, WriteFileAtomic(path, []byte("x"), FileState{Path: path}), path, about)
	}
}

// The FIFO check comes before opening, but a FIFO swapped in between must
// not hang ReadFile either.
func TestOpenForReadDoesNotBlockOnFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := openForRead(fifo)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestReadFileSizeCap(t *testing.T) {
	dir := t.TempDir()
	big, limit := filepath.Join(dir, "big"), filepath.Join(dir, "limit")
	writeFile(t, big, strings.Repeat("#", MaxFileSize+1), 0o644)
	writeFile(t, limit, strings.Repeat("#", MaxFileSize), 0o644)
	_, _, err := ReadFile(big)
	wantRefused(t, err, big, "more than")
	content, state, err := ReadFile(limit)
	if err != nil || len(content) != MaxFileSize {
		t.Fatalf("ReadFile of exactly %d bytes: %d bytes, %v", MaxFileSize, len(content), err)
	}
	err = WriteFileAtomic(limit, make([]byte, MaxFileSize+1), state)
	wantRefused(t, err, limit, "more than")
}

func TestMissingFileIsNotAnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "file")
	content, state, err := ReadFile(path)
	if err != nil || content != nil || state.Exists || state.Mode != 0o644 {
		t.Fatalf("ReadFile = %q, %+v, %v", content, state, err)
	}
}

func TestSymlinkEditsTargetAndKeepsLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "dotfiles", "profile")
	link := filepath.Join(dir, ".profile")
	if err := os.Mkdir(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, target, "export GOPATH=~/go\n", 0o640)
	if err := os.Symlink(filepath.Join("dotfiles", "profile"), link); err != nil {
		t.Fatal(err)
	}
	content, state, err := ReadFile(link)
	if err != nil || string(content) != "export GOPATH=~/go\n" {
		t.Fatalf("ReadFile = %q, %v", content, err)
	}
	resolved, _ := filepath.EvalSymlinks(target)
	if state.Target != resolved || !state.Exists || state.Mode != 0o640 {
		t.Fatalf("state = %+v, want target %s, mode 0640", state, resolved)
	}
	if err := WriteFileAtomic(link, []byte("new\n"), state); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link is gone: %v %v", info, err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new\n" {
		t.Fatalf("target = %q", got)
	}
	if info, _ := os.Stat(target); info.Mode().Perm() != 0o640 {
		t.Fatalf("target mode = %v", info.Mode())
	}
	noLeftovers(t, filepath.Dir(target))
}

func TestDanglingSymlinkRefused(t *testing.T) {
	link := filepath.Join(t.TempDir(), ".profile")
	if err := os.Symlink("nowhere", link); err != nil {
		t.Fatal(err)
	}
	_, _, err := ReadFile(link)
	wantRefused(t, err, link, "does not exist")
}

func TestWriteKeepsMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".bash_profile")
	writeFile(t, path, "old\n", 0o600)
	_, state, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, []byte("new\n"), state); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if got, _ := os.ReadFile(path); string(got) != "new\n" || info.Mode().Perm() != 0o600 {
		t.Fatalf("content %q, mode %v; want new, 0600", got, info.Mode())
	}
}

// Tests run as root here, where writing a 0444 file would just work: the
// refusal has to come from the mode bits.
func TestReadOnlyRefusedBeforeWriting(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, ".profile")
	writeFile(t, file, "old\n", 0o444)
	_, state, err := ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	wantRefused(t, WriteFileAtomic(file, []byte("new\n"), state), file, "read-only")
	if got, _ := os.ReadFile(file); string(got) != "old\n" {
		t.Fatalf("content = %q", got)
	}
	noLeftovers(t, dir)

	lockedDir := filepath.Join(dir, "locked")
	if err := os.Mkdir(lockedDir, 0o755); err != nil {
		t.Fatal(err)
	}
	inLocked := filepath.Join(lockedDir, ".profile")
	writeFile(t, inLocked, "old\n", 0o644)
	_, state, err = ReadFile(inLocked)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(lockedDir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(lockedDir, 0o755) })
	wantRefused(t, WriteFileAtomic(inLocked, []byte("new\n"), state), inLocked, "read-only")
	noLeftovers(t, lockedDir)

	newInLocked := filepath.Join(lockedDir, "conf.d", "goroot-lens.fish")
	_, state, _ = ReadFile(newInLocked)
	wantRefused(t, WriteFileAtomic(newInLocked, []byte("new\n"), state), newInLocked, "read-only")
	if _, err := os.Stat(filepath.Dir(newInLocked)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("conf.d was created in a read-only folder: %v", err)
	}
}

func TestNewFileAndFoldersIgnoreUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	config := t.TempDir()
	path := filepath.Join(config, "fish", "conf.d", "goroot-lens.fish")
	_, state, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, []byte("# block\n"), state); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]fs.FileMode{
		path: 0o644, filepath.Dir(path): 0o755 | fs.ModeDir, filepath.Join(config, "fish"): 0o755 | fs.ModeDir,
	} {
		if info, err := os.Stat(p); err != nil || info.Mode() != want {
			t.Errorf("%s: %v %v, want %v", p, info.Mode(), err, want)
		}
	}
}

// Undo restores a deleted file with its journaled mode.
func TestNewFileTakesModeFromState(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".profile")
	_, state, _ := ReadFile(path)
	state.Mode = 0o600
	if err := WriteFileAtomic(path, []byte("x\n"), state); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v; want 0600", info.Mode(), err)
	}
}

func TestChangedSinceReadRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".zprofile")
	writeFile(t, path, "old\n", 0o644)
	_, state, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, "saved by an editor\n", 0o644)
	wantRefused(t, WriteFileAtomic(path, []byte("new\n"), state), path, "changed")
	_, fresh, _ := ReadFile(filepath.Join(filepath.Dir(path), "missing"))
	wantRefused(t, WriteFileAtomic(path, []byte("new\n"), FileState{Path: path, Target: fresh.Target}), path, "exists now")
}

func TestOwnerKeptAsRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to hand files to another user")
	}
	const uid, gid = 4321, 4322
	dir := t.TempDir()
	path := filepath.Join(dir, ".profile")
	writeFile(t, path, "old\n", 0o644)
	if err := os.Chown(path, uid, gid); err != nil {
		t.Fatal(err)
	}
	_, state, err := ReadFile(path)
	if err != nil || state.UID != uid || state.GID != gid {
		t.Fatalf("state %+v, %v", state, err)
	}
	if err := WriteFileAtomic(path, []byte("new\n"), state); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); !ownedBy(info, uid, gid) {
		t.Fatalf("owner changed: %+v", info.Sys())
	}

	// A new file, and the folders above it, belong to the owner of the
	// folder they go into, not to root.
	home := filepath.Join(dir, "home")
	if err := os.Mkdir(home, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(home, uid, gid); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(home, ".config", "fish", "conf.d", "goroot-lens.fish")
	_, state, _ = ReadFile(fresh)
	if err := WriteFileAtomic(fresh, []byte("new\n"), state); err != nil {
		t.Fatal(err)
	}
	for p := fresh; p != home; p = filepath.Dir(p) {
		if info, _ := os.Stat(p); !ownedBy(info, uid, gid) {
			t.Errorf("%s is not owned by %d:%d", p, uid, gid)
		}
	}
}

func ownedBy(info fs.FileInfo, uid, gid int) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == uid && int(st.Gid) == gid
}

func TestWriteRoundTripsBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".profile")
	original := []byte("\xef\xbb\xbfexport GOROOT=/x\r\nno final newline")
	writeFile(t, path, string(original), 0o644)
	content, state, err := ReadFile(path)
	if err != nil || !bytes.Equal(content, original) {
		t.Fatalf("ReadFile = %q, %v", content, err)
	}
	edited, err := SetBlock(content, []string{"unset GOROOT"})
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, edited, state); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, edited) {
		t.Fatalf("file = %q, want %q", got, edited)
	}
}
