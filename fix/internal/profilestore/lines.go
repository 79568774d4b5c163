package profilestore

import (
	"bytes"
	"strings"
)

// byteOrderMark belongs to the file, not to line 1: edits of line 1 keep it
// in front. The shell reads it as part of the first word, which is the
// reader's warning to give, not ours to fix silently.
const byteOrderMark = "\xef\xbb\xbf"

// lineSpan is one line of a profile body: its text is body[start:end] and
// its ending body[end:next], which is "\n", "\r\n" or, for a last line
// without a final newline, "". A lone '\r' elsewhere is text.
type lineSpan struct{ start, end, next int }

func (l lineSpan) ending(body []byte) string { return string(body[l.end:l.next]) }

// splitBOM separates the byte order mark (if any) from the rest.
func splitBOM(data []byte) (bom, body []byte) {
	if bytes.HasPrefix(data, []byte(byteOrderMark)) {
		return data[:len(byteOrderMark)], data[len(byteOrderMark):]
	}
	return nil, data
}

// splitLines numbers lines the way the shellprofile reader does: a final
// "\n" ends the last line rather than starting an empty one.
func splitLines(body []byte) []lineSpan {
	var spans []lineSpan
	for start := 0; start < len(body); {
		next := len(body)
		if i := bytes.IndexByte(body[start:], '\n'); i >= 0 {
			next = start + i + 1
		}
		end := next
		if end > start && body[end-1] == '\n' {
			end--
			if end > start && body[end-1] == '\r' {
				end--
			}
		}
		spans = append(spans, lineSpan{start, end, next})
		start = next
	}
	return spans
}

// lineAt returns line number n (1-based) of body.
func lineAt(body []byte, n int) (lineSpan, error) {
	spans := splitLines(body)
	if n < 1 || n > len(spans) {
		return lineSpan{}, refuse(n, "the profile has %d lines", len(spans))
	}
	return spans[n-1], nil
}

// dominantEnding is the line ending most lines of body use, for lines we
// add: CRLF only when CRLF lines outnumber LF lines, so a file without any
// line ending gets LF.
func dominantEnding(body []byte) string {
	crlf := bytes.Count(body, []byte("\r\n"))
	if crlf > bytes.Count(body, []byte("\n"))-crlf {
		return "\r\n"
	}
	return "\n"
}

// checkLineText refuses what cannot be one line of a profile.
func checkLineText(what, s string) error {
	if i := strings.IndexAny(s, "\x00\r\n"); i >= 0 {
		return refuse(0, "%s %q contains a NUL, CR or LF character, which cannot be written into one line", what, s)
	}
	return nil
}

// splice returns a new slice: data with data[start:end] replaced by insert.
func splice(data []byte, start, end int, insert string) []byte {
	out := make([]byte, 0, len(data)-(end-start)+len(insert))
	out = append(out, data[:start]...)
	out = append(out, insert...)
	return append(out, data[end:]...)
}

// ReplaceLine returns data with the text of line line (1-based) replaced by
// newText. The line's own ending stays, whether or not it is the file's
// usual one, and so does a byte order mark in front of line 1. Marker
// lines of the managed block are refused, as a newText or as the line.
//
// In a CRLF file the shell reads the '\r' as part of the line's last word;
// ReplaceLine does not protect newText against that (SetBlock does for its
// own lines), since newText is the caller's exact wish.
func ReplaceLine(data []byte, line int, newText string) ([]byte, error) {
	if err := checkLineText("new text", newText); err != nil {
		return nil, err
	}
	bom, body := splitBOM(data)
	span, err := lineAt(body, line)
	if err != nil {
		return nil, err
	}
	if markerKind(body[span.start:span.end]) != "" || markerKind([]byte(newText)) != "" {
		return nil, refuse(line, "goroot-lens block markers are only changed by SetBlock")
	}
	return splice(data, len(bom)+span.start, len(bom)+span.end, newText), nil
}
