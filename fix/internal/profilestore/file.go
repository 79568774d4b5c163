package profilestore

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// MaxFileSize is the largest profile ReadFile and WriteFileAtomic accept.
// Real profiles are a few KiB; anything near this is not one.
const MaxFileSize = 1 << 20

// FileState is what WriteFileAtomic needs to know about a profile as it was
// read: which file to replace, and the mode and owner to give its new
// content.
type FileState struct {
	Path   string // as given
	Target string // Path with symlinks resolved: the file read and replaced; the links stay
	Exists bool
	Mode   fs.FileMode // permission bits; 0644 for a file still to be created
	// UID and GID own the file; -1 where unknown (Windows). For a file
	// still to be created they are the owner of the nearest existing folder
	// above it, which the file and new folders get when we run as root, so
	// that `sudo goroot-lens` does not leave root-owned files in a home.
	UID, GID int
	// Size and ModTime let WriteFileAtomic notice that someone else saved
	// the file after it was read.
	Size    int64
	ModTime time.Time
}

// ReadFile reads a profile: a regular file, or a symlink to one (the
// target is read, and later replaced, the link kept), of at most
// MaxFileSize bytes. A missing file is not an error: content is nil and
// FileState.Exists false. Directories, devices, FIFOs and sockets are
// refused.
func ReadFile(path string) (content []byte, state FileState, err error) {
	state, err = statProfile(path)
	if err != nil || !state.Exists {
		return nil, state, err
	}
	file, err := openForRead(state.Target)
	if err != nil {
		return nil, state, err
	}
	defer file.Close()
	// Check again on the open file: the path may have been swapped for a
	// FIFO or a device since statProfile looked (openForRead does not block
	// on one).
	info, err := file.Stat()
	if err != nil {
		return nil, state, err
	}
	if err := checkRegular(path, info); err != nil {
		return nil, state, err
	}
	state.fill(info)
	content, err = io.ReadAll(io.LimitReader(file, MaxFileSize+1))
	if err != nil {
		return nil, state, err
	}
	if len(content) > MaxFileSize {
		return nil, state, refuseFile(path, "it grew past %d bytes while being read", MaxFileSize)
	}
	return content, state, nil
}

func (s *FileState) fill(info fs.FileInfo) {
	s.Exists, s.Mode, s.Size, s.ModTime = true, info.Mode().Perm(), info.Size(), info.ModTime()
	s.UID, s.GID = owner(info)
}

// statProfile resolves path and checks what it is, without opening it.
func statProfile(path string) (FileState, error) {
	state := FileState{Path: path, Target: path, Mode: 0o644, UID: -1, GID: -1}
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		state.UID, state.GID = nearestDirOwner(filepath.Dir(path))
		return state, nil
	} else if err != nil {
		return state, err
	}
	target, err := filepath.EvalSymlinks(path)
	if errors.Is(err, fs.ErrNotExist) {
		return state, refuseFile(path, "it is a symlink to something that does not exist; writing there would need a guess")
	} else if err != nil {
		return state, err
	}
	state.Target = target
	info, err := os.Stat(target)
	if err != nil {
		return state, err
	}
	if err := checkRegular(path, info); err != nil {
		return state, err
	}
	state.fill(info)
	return state, nil
}

func checkRegular(path string, info fs.FileInfo) error {
	mode := info.Mode()
	switch {
	case mode.IsDir():
		return refuseFile(path, "it is a directory, not a profile")
	case mode&fs.ModeNamedPipe != 0:
		return refuseFile(path, "it is a FIFO (named pipe), not a regular file; reading it could block forever")
	case mode&fs.ModeSocket != 0:
		return refuseFile(path, "it is a socket, not a regular file")
	case mode&fs.ModeDevice != 0:
		return refuseFile(path, "it is a device, not a regular file")
	case !mode.IsRegular():
		return refuseFile(path, "it is not a regular file (%v)", mode.Type())
	case info.Size() > MaxFileSize:
		return refuseFile(path, "it is %d bytes, more than the %d a profile can reasonably be", info.Size(), MaxFileSize)
	}
	return nil
}

// nearestDirOwner is the owner of dir or of its nearest existing parent.
func nearestDirOwner(dir string) (uid, gid int) {
	for {
		if info, err := os.Stat(dir); err == nil {
			return owner(info)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return -1, -1
		}
		dir = parent
	}
}

// WriteFileAtomic replaces the profile at path with data: it writes a
// temporary file next to the target, syncs it, gives it like's mode and
// owner, and renames it over the target, so a crash leaves either the old
// or the new content, never a mix. like must come from ReadFile(path) just
// before; its Mode may be changed, to restore a journaled mode. A new file
// gets like.Mode, which ReadFile sets to 0644, and missing folders above it
// (fish's conf.d) are created with 0755.
//
// Refused before anything is written: a file that changed since like was
// read, a file or folder without write permission for its owner (checked
// on the mode bits, since root could write anyway and a read-only profile
// is the user's wish), a target that is not a regular file, data over
// MaxFileSize, and an owner that cannot be kept.
func WriteFileAtomic(path string, data []byte, like FileState) error {
	if len(data) > MaxFileSize {
		return refuseFile(path, "the new content is %d bytes, more than %d", len(data), MaxFileSize)
	}
	now, err := statProfile(path)
	if err != nil {
		return err
	}
	if err := checkUnchanged(path, now, like); err != nil {
		return err
	}
	dir := filepath.Dir(now.Target)
	if now.Exists {
		if err := checkWritable(path, now.Target, now.Mode); err != nil {
			return err
		}
	}
	if err := makeFolders(path, dir, like); err != nil {
		return err
	}
	mode := like.Mode.Perm()
	if mode == 0 { // a FileState not from ReadFile; 0 on an existing file was refused as read-only
		mode = 0o644
	}
	return replace(now.Target, dir, data, mode, like)
}

func checkUnchanged(path string, now, like FileState) error {
	switch {
	case like.Path != "" && like.Path != path:
		return fmt.Errorf("profilestore: FileState of %s used to write %s", like.Path, path)
	case now.Exists && !like.Exists:
		return refuseFile(path, "it exists now but did not when it was read; read it again")
	case !now.Exists && like.Exists:
		return refuseFile(path, "it was deleted after it was read")
	case now.Exists && (now.Target != like.Target || now.Size != like.Size || !now.ModTime.Equal(like.ModTime)):
		return refuseFile(path, "it changed after it was read (another editor?); read it again")
	}
	return nil
}

// checkWritable refuses a target or folder whose owner has no write bit,
// and on Unix, when we are not root, one we cannot write.
func checkWritable(path, target string, mode fs.FileMode) error {
	if mode&0o200 == 0 {
		return refuseFile(path, "it is read-only (mode %#o); make it writable first if goroot-lens should edit it", mode.Perm())
	}
	if err := accessWritable(target); err != nil {
		return refuseFile(path, "it is not writable for this user: %v", err)
	}
	return checkFolderWritable(path, filepath.Dir(target))
}

func checkFolderWritable(path, dir string) error {
	info, err := os.Stat(dir)
	switch {
	case err != nil:
		return err
	case !info.IsDir():
		return refuseFile(path, "%s is not a folder", dir)
	case info.Mode()&0o200 == 0:
		return refuseFile(path, "its folder %s is read-only (mode %#o), so the file cannot be replaced", dir, info.Mode().Perm())
	}
	if err := accessWritable(dir); err != nil {
		return refuseFile(path, "its folder %s is not writable for this user: %v", dir, err)
	}
	return nil
}

// makeFolders creates the missing folders down to dir, each 0755 whatever
// the umask, after checking that the nearest existing one is writable.
func makeFolders(path, dir string, like FileState) error {
	var missing []string
	existing := dir
	for {
		if _, err := os.Stat(existing); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		parent := filepath.Dir(existing)
		if parent == existing {
			return refuseFile(path, "none of the folders above it exists")
		}
		missing, existing = append(missing, existing), parent
	}
	if err := checkFolderWritable(path, existing); err != nil {
		return err
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		if err := os.Chmod(missing[i], 0o755); err != nil {
			return err
		}
		if runningAsRoot() && like.UID >= 0 {
			if err := os.Lchown(missing[i], like.UID, like.GID); err != nil {
				return err
			}
		}
	}
	return nil
}

// replace writes data to a temporary file in dir and renames it to target.
func replace(target, dir string, data []byte, mode fs.FileMode, like FileState) (err error) {
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".goroot-lens-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(mode); err != nil { // exact: chmod ignores the umask
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := keepOwner(tmp, target, like); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return err
	}
	return syncDir(dir)
}

// keepOwner gives the temporary file like's owner. An existing file's
// owner must be kept or nothing is written: the rename would otherwise hand
// the profile to whoever runs goroot-lens. A new file gets the owner of the
// folder it goes into only when we are root; otherwise it is ours.
func keepOwner(tmp *os.File, target string, like FileState) error {
	if like.UID < 0 || !like.Exists && !runningAsRoot() {
		return nil
	}
	info, err := tmp.Stat()
	if err != nil {
		return err
	}
	if uid, gid := owner(info); uid == like.UID && gid == like.GID {
		return nil // nothing to change, so no chown that could fail with EPERM
	}
	if err := tmp.Chown(like.UID, like.GID); err != nil {
		return refuseFile(target, "its owner %d:%d cannot be kept (%v); not written", like.UID, like.GID, err)
	}
	return nil
}
