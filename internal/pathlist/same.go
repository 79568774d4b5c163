package pathlist

import (
	"os"
	"path"
	"runtime"
	"strings"
	"unicode"
)

// Same reports whether two paths name the same directory as far as their
// text can tell. It is goroot-lens's one rule for comparing paths, see Key.
func Same(a, b, goos string) bool { return Key(a, goos) == Key(b, goos) }

// Key is the comparison form of a path on goos, for Same and for map keys:
//
//   - windows: '/' and '\' are equal, case is ignored (rune by rune
//     upper-casing, as NTFS compares names), "." and ".." and repeated or
//     trailing separators are cleaned like path/filepath.Clean does on
//     Windows, and the root of a drive or share keeps its separator (C: is
//     the current folder on drive C, not C:\);
//   - darwin: path.Clean, and case is ignored, because the volumes macOS
//     creates (APFS, HFS+) are case-insensitive unless the user chose
//     otherwise;
//   - every other system: path.Clean, case-sensitive.
//
// No file system access: symlinks, junctions and 8.3 short names are not
// resolved. SameDir adds that for paths of this host.
func Key(p, goos string) string {
	switch goos {
	case "windows":
		return windowsKey(p)
	case "darwin":
		return strings.Map(unicode.ToUpper, path.Clean(p))
	}
	return path.Clean(p)
}

// SameDir is Same for paths of this host (goos is the host's, or a test's
// stand-in for it), and also true when both exist and are the same file
// once symlinks are followed: a case-sensitive macOS volume, a junction or
// a symlinked tree then still compare right.
func SameDir(a, b, goos string) bool {
	if a == "" || b == "" {
		return a == b
	}
	if Same(a, b, goos) {
		return true
	}
	if goos != runtime.GOOS {
		return false
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// Contains returns the index of the first entry that is the same directory
// as dir (see Same), or -1.
func Contains(entries []string, dir, goos string) (index int) {
	for i, e := range entries {
		if Same(e, dir, goos) {
			return i
		}
	}
	return -1
}

// windowsKey is the canonical comparison form of a Windows path: cleaned and
// upper-cased rune by rune, which is how NTFS compares names (an upper-case
// table, not Unicode case folding).
func windowsKey(p string) string {
	return strings.Map(unicode.ToUpper, cleanWindows(p))
}

// cleanWindows is filepath.Clean for Windows, written here because the host's
// filepath only knows the host's rules.
func cleanWindows(p string) string {
	p = strings.ReplaceAll(p, "/", `\`)
	vol := volumeWindows(p)
	rest := strings.ReplaceAll(p[len(vol):], `\`, "/")
	if strings.HasPrefix(vol, `\\`) && rest == "" {
		rest = "/" // \\server\share is the root of the share
	}
	return vol + strings.ReplaceAll(path.Clean(rest), "/", `\`)
}

// volumeWindows returns the leading drive ("C:") or UNC share
// (\\server\share, also \\?\C: and \\.\pipe) of p, whose separators are
// already '\'.
func volumeWindows(p string) string {
	if len(p) >= 2 && p[1] == ':' && isASCIILetter(p[0]) {
		return p[:2]
	}
	if !strings.HasPrefix(p, `\\`) {
		return ""
	}
	i := 2
	for n := 0; n < 2; n++ { // server, then share
		for i < len(p) && p[i] != '\\' {
			i++
		}
		if n == 0 && i < len(p) {
			i++
		}
	}
	return p[:i]
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
