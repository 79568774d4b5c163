package profilestore

import (
	"bytes"
	"slices"
	"strings"
)

// The managed block is delimited by these comment lines; '#' starts a
// comment in sh, bash, zsh and fish alike. Markers are recognised by their
// prefix (after indentation), so a future wording of the begin marker still
// matches.
const (
	BeginMarker = "# >>> goroot-lens >>> (managed by goroot-lens; `goroot-lens undo` reverts)"
	EndMarker   = "# <<< goroot-lens <<<"
	beginPrefix = "# >>> goroot-lens >>>"
)

// crlfGuard ends every block line written into a CRLF file. The shell keeps
// the '\r' before "\n" as part of the last word, so `unset GOROOT` would
// unset "GOROOT\r" and a PATH line would glue '\r' to the last PATH entry;
// behind " #" the '\r' is inside a comment and harmless. ReadBlock takes
// the guard off again.
const crlfGuard = " #"

// managedBlock is where the block sits in a profile body.
type managedBlock struct {
	begin, end lineSpan
	content    []lineSpan
}

func markerKind(text []byte) string {
	trimmed := string(bytes.TrimLeft(text, " \t"))
	switch {
	case strings.HasPrefix(trimmed, beginPrefix):
		return "begin"
	case strings.HasPrefix(trimmed, EndMarker):
		return "end"
	}
	return ""
}

// findBlock locates the one managed block of body. Two blocks, a lone
// marker or markers in the wrong order are refused: which lines are ours
// would be a guess.
func findBlock(body []byte) (b managedBlock, found bool, err error) {
	beginLine := 0
	for i, span := range splitLines(body) {
		n := i + 1
		switch markerKind(body[span.start:span.end]) {
		case "begin":
			switch {
			case found:
				return b, false, refuse(n, "a second goroot-lens block starts here (the first starts at line %d); remove one by hand", beginLine)
			case beginLine > 0:
				return b, false, refuse(n, "a goroot-lens begin marker inside the block that starts at line %d", beginLine)
			}
			beginLine, b.begin = n, span
		case "end":
			if beginLine == 0 || found {
				return b, false, refuse(n, "a goroot-lens end marker without a begin marker before it")
			}
			b.end, found = span, true
		default:
			if beginLine > 0 && !found {
				b.content = append(b.content, span)
			}
		}
	}
	if beginLine > 0 && !found {
		return b, false, refuse(beginLine, "the goroot-lens block that starts here has no end marker")
	}
	return b, found, nil
}

// ReadBlock returns the lines inside the managed block of data, without
// their endings (and without the CRLF guard SetBlock adds). found is false
// when there is no block.
func ReadBlock(data []byte) (lines []string, found bool, err error) {
	_, body := splitBOM(data)
	b, found, err := findBlock(body)
	if err != nil || !found {
		return nil, false, err
	}
	lines = []string{}
	for _, span := range b.content {
		text := string(body[span.start:span.end])
		if span.ending(body) == "\r\n" {
			text = strings.TrimSuffix(text, crlfGuard)
		}
		lines = append(lines, text)
	}
	return lines, true, nil
}

// SetBlock makes lines the contents of the managed block of data.
//
// An existing block has its contents replaced in place; its marker lines
// stay byte for byte. Otherwise the block is added at the end of the file.
// If the file lacks a final newline, "\n" goes in front of the block (the
// only byte added outside it) and the end marker is left without
// one, so the file still lacks a final newline and removing the block can
// take that ending away again. (Undo restores the journaled original bytes
// anyway; this keeps SetBlock(SetBlock(data, lines), nil) == data as well.)
//
// Empty lines remove the block, markers included, along with that extra
// line ending. New lines end like most lines of the file, CRLF ones behind
// a guard comment (see crlfGuard).
func SetBlock(data []byte, lines []string) ([]byte, error) {
	for _, line := range lines {
		if err := checkLineText("block line", line); err != nil {
			return nil, err
		}
		if markerKind([]byte(line)) != "" {
			return nil, refuse(0, "block line %q looks like a goroot-lens marker", line)
		}
	}
	bom, body := splitBOM(data)
	b, found, err := findBlock(body)
	if err != nil {
		return nil, err
	}
	eol := dominantEnding(body)
	var content strings.Builder
	for _, line := range lines {
		if eol == "\r\n" {
			line += crlfGuard
		}
		content.WriteString(line + eol)
	}
	at := len(bom)
	switch {
	case !found && len(lines) == 0:
		return slices.Clone(data), nil
	case !found:
		// The ending given to a last line without one is "\n" even in a
		// CRLF file: "\r\n" would glue a '\r' to that line's last word.
		// After a lone byte order mark the marker needs a line of its own
		// too: glued to the mark, "#" would not start a comment.
		if len(body) > 0 && body[len(body)-1] != '\n' || len(body) == 0 && len(bom) > 0 {
			return append(slices.Clone(data), "\n"+BeginMarker+eol+content.String()+EndMarker...), nil
		}
		return append(slices.Clone(data), BeginMarker+eol+content.String()+EndMarker+eol...), nil
	case len(lines) > 0:
		return splice(data, at+b.begin.next, at+b.end.start, content.String()), nil
	}
	start, stop := b.begin.start, b.end.next
	if b.end.ending(body) == "" && start > 0 {
		// The block ends the file without a final newline: the line ending
		// in front of it is the one SetBlock added.
		start--
		if start > 0 && body[start-1] == '\r' {
			start--
		}
	}
	return splice(data, at+start, at+stop, ""), nil
}
