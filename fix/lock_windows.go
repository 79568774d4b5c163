//go:build windows

package fix

import (
	"os"

	"golang.org/x/sys/windows"
)

// lockFile waits for an exclusive lock on f: two goroot-lens processes that
// apply or undo at once run one after the other.
func lockFile(f *os.File) error {
	var ol windows.Overlapped
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, &ol)
}

func unlockFile(f *os.File) {
	var ol windows.Overlapped
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
}
