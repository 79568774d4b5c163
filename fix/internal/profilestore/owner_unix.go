//go:build unix

package profilestore

import (
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

func owner(info fs.FileInfo) (uid, gid int) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return int(st.Uid), int(st.Gid)
	}
	return -1, -1
}

// openForRead opens without blocking: opening a FIFO for reading would
// otherwise wait for a writer. ReadFile refuses anything but a regular file
// right after, and regular files ignore O_NONBLOCK.
func openForRead(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|unix.O_NONBLOCK, 0)
}

func runningAsRoot() bool { return os.Geteuid() == 0 }

// accessWritable asks the kernel whether we may write path. Root may write
// anything, which is why the owner's write bit is checked separately.
func accessWritable(path string) error {
	if runningAsRoot() {
		return nil
	}
	return unix.Access(path, unix.W_OK)
}

// syncDir makes the rename itself durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
