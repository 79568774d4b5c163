//go:build unix

package fix

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockFile waits for an exclusive lock on f: two goroot-lens processes that
// apply or undo at once run one after the other.
func lockFile(f *os.File) error {
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if err != unix.EINTR {
			return err
		}
	}
}

func unlockFile(f *os.File) { unix.Flock(int(f.Fd()), unix.LOCK_UN) }
