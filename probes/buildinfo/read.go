package buildinfo

import (
	debugbuildinfo "debug/buildinfo"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// info is what one executable file says about itself; nil means "not a Go
// program" (or not an executable at all).
type info struct {
	goVersion    string
	pkg          string
	mainPath     string
	mainVersion  string
	goos, goarch string
	platformFrom string
	trimpath     bool
	cgoEnabled   string
}

// The cache is process-wide on purpose: it is keyed by file identity (the
// resolved path plus size and modification time), so whoever scans, the
// same file gives the same answer, and a rebuilt or replaced file misses.
// Each path keeps only its latest entry, so the cache grows with the number
// of distinct files ever scanned, not with the number of scans. Negative
// answers (not a Go program) are cached too; files that could not be opened
// are not, since permissions change without touching the mtime.
var cache = struct {
	sync.Mutex
	m map[string]cacheEntry
}{m: map[string]cacheEntry{}}

type cacheEntry struct {
	size  int64
	mtime time.Time
	info  *info
}

// resetCache empties the cache (benchmarks measure cold scans with it).
func resetCache() {
	cache.Lock()
	cache.m = map[string]cacheEntry{}
	cache.Unlock()
}

// read returns the build info of the file at resolved (a path without
// symlinks), or nil when it is not a regular file, not executable (only
// checked when needExec), or not a Go program.
func read(resolved string, needExec bool) *info {
	st, err := os.Stat(resolved)
	if err != nil || !st.Mode().IsRegular() || (needExec && !executable(resolved, st.Mode())) {
		return nil
	}
	cache.Lock()
	e, ok := cache.m[resolved]
	cache.Unlock()
	if ok && e.size == st.Size() && e.mtime.Equal(st.ModTime()) {
		return e.info
	}
	inf, cacheable := readFile(resolved)
	if cacheable {
		cache.Lock()
		cache.m[resolved] = cacheEntry{size: st.Size(), mtime: st.ModTime(), info: inf}
		cache.Unlock()
	}
	return inf
}

// executable is the shell's view: an exec bit on Unix, the .exe extension on
// Windows (the only one go install writes).
func executable(path string, mode fs.FileMode) bool {
	if runtime.GOOS == "windows" {
		return strings.EqualFold(filepath.Ext(path), ".exe")
	}
	return mode&0o111 != 0
}

func readFile(path string) (inf *info, cacheable bool) {
	bi, err := debugbuildinfo.ReadFile(path)
	if err != nil {
		// An I/O error (permission denied, …) is reported as *fs.PathError;
		// anything else means the content is not a Go program.
		var pe *fs.PathError
		return nil, !errors.As(err, &pe)
	}
	inf = &info{
		goVersion:   bi.GoVersion,
		pkg:         bi.Path,
		mainPath:    bi.Main.Path,
		mainVersion: bi.Main.Version,
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "GOOS":
			inf.goos = s.Value
		case "GOARCH":
			inf.goarch = s.Value
		case "-trimpath":
			inf.trimpath = s.Value == "true"
		case "CGO_ENABLED":
			inf.cgoEnabled = s.Value
		}
	}
	if inf.goos != "" && inf.goarch != "" {
		inf.platformFrom = fromSettings
	} else {
		inf.goos, inf.goarch, inf.platformFrom = platformFromHeader(path)
	}
	return inf, true
}
