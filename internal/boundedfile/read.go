// Package boundedfile reads the small files goroot-lens judges (go.mod,
// go.work, GOENV files, $GOROOT/VERSION and go.env, settings.json, profiles)
// the safe way: only regular files, and never more than a cap that fits the
// kind of file. GOENV=/dev/zero, a FIFO or a multi-gigabyte file is an
// error that says so, not an out-of-memory crash or a hang.
package boundedfile

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Caps for the kinds of file goroot-lens reads.
const (
	SmallFile = 1 << 20 // go.mod, go.work, go env files, VERSION, settings.json
)

// ErrNotRegular and ErrTooLarge are wrapped by Read's errors.
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("file too large")
)

// Read returns the content of path when it is a regular file (after
// following symlinks) of at most limit bytes. The file is checked before it
// is opened, so a FIFO is never opened (opening one blocks), and the read
// itself is bounded too, for a file that grows meanwhile.
func Read(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w (%s)", path, ErrNotRegular, describe(fi.Mode()))
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%s: %w: %d bytes, more than %d", path, ErrTooLarge, fi.Size(), limit)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: %w: more than %d bytes", path, ErrTooLarge, limit)
	}
	return data, nil
}

func describe(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return m.Type().String()
}
