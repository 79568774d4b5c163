// Package gotree holds the one rule every probe uses to tie a go binary to
// its Go tree.
package gotree

import (
	"os"
	"path/filepath"
)

// RootOf returns the Go tree the go executable exe belongs to by location,
// as cmd/go's findGOROOT (cmd/go/internal/cfg) finds it: exe/../.. or
// exe/../../.. (bin/GOOS_GOARCH/go), whichever holds pkg/tool, tried on exe
// as given and again after resolving symlinks; "" when there is none.
func RootOf(exe string) string {
	if r := rootAbove(exe); r != "" {
		return r
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil && resolved != exe {
		return rootAbove(resolved)
	}
	return ""
}

func rootAbove(exe string) string {
	dir := filepath.Dir(exe)
	for _, root := range []string{filepath.Dir(dir), filepath.Dir(filepath.Dir(dir))} {
		if fi, err := os.Stat(filepath.Join(root, "pkg", "tool")); err == nil && fi.IsDir() {
			return root
		}
	}
	return ""
}
