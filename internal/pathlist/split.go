// Package pathlist reads PATH-like lists the way the operating system and
// the go command read them, for any GOOS, so that a probe running on one
// system can judge values written for another (a Windows registry Path seen
// from WSL, a shell profile seen from Windows). It is pure string logic: it
// never touches the file system or the process environment.
package pathlist

import "strings"

// Split splits a PATH value into its entries like the go command's
// os/exec.LookPath sees them (path/filepath.SplitList of goos).
//
// Unix (every goos but "windows"): entries are separated by ':' and an empty
// entry is kept as "" rather than rewritten to ".". It means the current
// directory (exec.LookPath searches "." for it), and keeping it lets a finding
// point at the empty entry itself; Same and Contains treat "" as ".". A value
// of "" has no entries, as in Go (a shell would search "." there).
//
// Windows: entries are separated by ';' outside double quotes; quotes group
// ("C:\a;b";C:\c is [C:\a;b C:\c]) and are removed, an unterminated quote runs
// to the end, and empty entries are dropped because exec.LookPath and
// PowerShell skip them.
func Split(value, goos string) []string {
	if value == "" {
		return nil
	}
	if goos != "windows" {
		return strings.Split(value, ":")
	}
	var out []string
	var b strings.Builder
	inQuote := false
	for i := 0; i < len(value); i++ {
		switch c := value[i]; {
		case c == '"':
			inQuote = !inQuote
		case c == ';' && !inQuote:
			if b.Len() > 0 {
				out = append(out, b.String())
			}
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// Join is the inverse of Split: Split(Join(e, goos), goos) gives back e for
// every e that Split can return. On Windows an entry containing ';' is
// quoted. Neither system can express everything: a Unix entry containing ':'
// and a Windows entry containing '"' (not a legal file name character) come
// back changed.
func Join(entries []string, goos string) string {
	if goos != "windows" {
		return strings.Join(entries, ":")
	}
	parts := make([]string, len(entries))
	for i, e := range entries {
		if strings.Contains(e, ";") {
			e = `"` + e + `"`
		}
		parts[i] = e
	}
	return strings.Join(parts, ";")
}
