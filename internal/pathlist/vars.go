package pathlist

import (
	"sort"
	"strings"
)

// VarRef is a variable reference left literally in a PATH entry, such as
// Text "%GOROOT%" with Name "GOROOT", at byte offset Start of the entry.
type VarRef struct {
	Text  string
	Name  string
	Start int
}

// UnexpandedVars finds variable references in a PATH entry that nothing will
// expand: by the time an entry is searched, every expansion that was going to
// happen has happened (Windows expands only REG_EXPAND_SZ values, once; a
// Unix shell expands when it assigns, and exec never does). So a reference
// still present names a directory that does not exist.
//
// It finds %NAME% (paired like Windows pairs them), ${NAME}, $NAME and
// PowerShell's $env:NAME and ${env:NAME}. To avoid false positives a name
// must start with a letter or '_' (so "100%" and "50% or 60%" are not
// references), and a '$' not followed by a name is literal. On Windows a bare
// $NAME counts only at the start of the entry, because '$' is common in real
// folder names there (C:\$Recycle.Bin, \\server\c$).
func UnexpandedVars(entry, goos string) []VarRef {
	refs := percentRefs(entry)
	refs = append(refs, dollarRefs(entry, goos)...)
	sort.SliceStable(refs, func(i, j int) bool { return refs[i].Start < refs[j].Start })
	return refs
}

func percentRefs(s string) []VarRef {
	var refs []VarRef
	for i := 0; ; {
		open := strings.IndexByte(s[i:], '%')
		if open < 0 {
			return refs
		}
		open += i
		end := strings.IndexByte(s[open+1:], '%')
		if end < 0 {
			return refs
		}
		end += open + 1
		if name := s[open+1 : end]; isWindowsName(name) {
			refs = append(refs, VarRef{Text: s[open : end+1], Name: name, Start: open})
			i = end + 1
		} else {
			i = end // as in Windows, the closing '%' may open the next one
		}
	}
}

func dollarRefs(s, goos string) []VarRef {
	var refs []VarRef
	for i := 0; i < len(s); i++ {
		if s[i] != '$' {
			continue
		}
		rest := s[i+1:]
		text, name := "", ""
		switch {
		case strings.HasPrefix(rest, "{"):
			end := strings.IndexByte(rest, '}')
			if end < 0 {
				continue
			}
			inner := rest[1:end]
			if n, ok := cutPrefixFold(inner, "env:"); ok && isWindowsName(n) {
				name = n
			} else if identLen(inner) == len(inner) && inner != "" {
				name = inner
			}
			text = s[i : i+2+end]
		case hasPrefixFold(rest, "env:") && identLen(rest[4:]) > 0:
			name = rest[4 : 4+identLen(rest[4:])]
			text = s[i : i+5+len(name)]
		case identLen(rest) > 0 && (goos != "windows" || i == 0):
			name = rest[:identLen(rest)]
			text = s[i : i+1+len(name)]
		}
		if name != "" {
			refs = append(refs, VarRef{Text: text, Name: name, Start: i})
			i += len(text) - 1
		}
	}
	return refs
}

// identLen is the length of the shell identifier ([A-Za-z_][A-Za-z0-9_]*)
// at the start of s.
func identLen(s string) int {
	n := 0
	for n < len(s) && (isASCIILetter(s[n]) || s[n] == '_' || n > 0 && '0' <= s[n] && s[n] <= '9') {
		n++
	}
	return n
}

// isWindowsName accepts the names seen in real %...% references, including
// ProgramFiles(x86) and names with '.' or '-'; it rejects spaces so that
// prose with percent signs is not taken for a reference.
func isWindowsName(name string) bool {
	if identLen(name) == 0 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(isASCIILetter(c) || '0' <= c && c <= '9' || strings.IndexByte("_().-", c) >= 0) {
			return false
		}
	}
	return true
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if hasPrefixFold(s, prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
