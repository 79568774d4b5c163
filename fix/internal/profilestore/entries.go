package profilestore

import (
	"runtime"
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/pathlist"
	"github.com/goroot-lens/goroot-lens/internal/shellprofile"
)

// AddToBlock puts line (from ExportLine, UnsetLine, PrependPathLine or
// AppendPathLine) into the managed block of data, creating the block if
// needed. A block line about the same thing, the same variable or the same
// PATH directory, is replaced in place rather than joined by a second one;
// later duplicates go. Other lines stay as they are.
func AddToBlock(data []byte, sh shellprofile.Shell, line string) ([]byte, error) {
	lines, _, err := ReadBlock(data)
	if err != nil {
		return nil, err
	}
	key := blockKey(sh, line)
	var out []string
	placed := false
	for _, old := range lines {
		switch {
		case blockKey(sh, old) != key:
			out = append(out, old)
		case !placed:
			out, placed = append(out, line), true
		}
	}
	if !placed {
		out = append(out, line)
	}
	return SetBlock(data, out)
}

// RemoveFromBlock removes the block lines about the same thing as line:
// UnsetLine(sh, name) or ExportLine(sh, name, "") stands for anything the
// block does with name, PrependPathLine(sh, dir) for dir whether it is
// prepended or appended. The block goes away with its last line; nothing
// to remove leaves data as it is.
func RemoveFromBlock(data []byte, sh shellprofile.Shell, line string) ([]byte, error) {
	lines, found, err := ReadBlock(data)
	if err != nil || !found {
		return data, err
	}
	key := blockKey(sh, line)
	var out []string
	for _, old := range lines {
		if blockKey(sh, old) != key {
			out = append(out, old)
		}
	}
	if len(out) == len(lines) {
		return data, nil
	}
	return SetBlock(data, out)
}

// blockKey says what a block line is about. Lines the builders did not make
// (say, added to the block by hand) only match themselves.
func blockKey(sh shellprofile.Shell, line string) string {
	if dir, ok := pathLineDir(sh, line); ok {
		return "PATH entry\x00" + pathlist.Key(dir, runtime.GOOS)
	}
	if name, ok := lineVarName(sh, line); ok {
		return "variable\x00" + name
	}
	return "line\x00" + line
}

// lineVarName recognises ExportLine and UnsetLine output.
func lineVarName(sh shellprofile.Shell, line string) (string, bool) {
	set, unset := "export ", "unset "
	if isFish(sh) {
		set, unset = "set -gx ", "set -e "
	}
	if name, ok := strings.CutPrefix(line, unset); ok && validName(name) {
		return name, true
	}
	rest, ok := strings.CutPrefix(line, set)
	if !ok {
		return "", false
	}
	sep := "="
	if isFish(sh) {
		sep = " "
	}
	name, _, ok := strings.Cut(rest, sep)
	return name, ok && validName(name)
}

// pathLineDir recognises PrependPathLine and AppendPathLine output: it
// decodes the quoted directory and checks that building the line again
// gives exactly line.
func pathLineDir(sh shellprofile.Shell, line string) (string, bool) {
	prefix, unquote := "export PATH=", unquotePOSIX
	if isFish(sh) {
		prefix, unquote = "set -gx PATH ", unquoteFish
	}
	rest, ok := strings.CutPrefix(line, prefix)
	if !ok {
		return "", false
	}
	rest = strings.TrimPrefix(strings.TrimPrefix(rest, `"$PATH":`), "$PATH ")
	dir, _ := unquote(rest)
	for _, build := range []func(shellprofile.Shell, string) (string, error){PrependPathLine, AppendPathLine} {
		if again, err := build(sh, dir); err == nil && again == line {
			return dir, true
		}
	}
	return "", false
}

// unquotePOSIX decodes a leading run of single-quoted pieces and "'"
// pieces, as posixQuote writes them, and returns the rest.
func unquotePOSIX(s string) (value, rest string) {
	var b strings.Builder
	for {
		switch {
		case strings.HasPrefix(s, `"'"`):
			b.WriteByte('\'')
			s = s[3:]
		case strings.HasPrefix(s, "'"):
			end := strings.IndexByte(s[1:], '\'')
			if end < 0 {
				return b.String(), s
			}
			b.WriteString(s[1 : 1+end])
			s = s[end+2:]
		default:
			return b.String(), s
		}
	}
}

// unquoteFish decodes a leading '...' as fishQuote writes it.
func unquoteFish(s string) (value, rest string) {
	if !strings.HasPrefix(s, "'") {
		return "", s
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && (s[i+1] == '\\' || s[i+1] == '\''):
			i++
			b.WriteByte(s[i])
		case s[i] == '\'':
			return b.String(), s[i+1:]
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String(), ""
}
