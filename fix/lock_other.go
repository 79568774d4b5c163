//go:build !unix && !windows

package fix

import "os"

// lockFile is a no-op where there is no file lock (plan9, wasm): goroot-lens
// does not ship there, but the package must build.
func lockFile(f *os.File) error { return nil }

func unlockFile(f *os.File) {}
