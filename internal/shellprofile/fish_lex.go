package shellprofile

import (
	"strconv"
	"strings"
)

// No Go library parses fish, and running fish is out of the question, so
// this is a small tokenizer of our own. It knows just enough fish to find
// variable statements: words, quotes, escapes, comments, $variables,
// command substitutions, statement separators and redirections.

type pieceKind int

const (
	litPiece    pieceKind = iota // literal text, escapes already decoded
	varPiece                     // $name; text is the name
	homePiece                    // a leading ~
	opaquePiece                  // only fish could expand it: (cmd), $$x, $x[1]; text is the source
)

type fishPiece struct {
	kind   pieceKind
	text   string
	quoted bool // inside double quotes, where a list joins with spaces
}

type fishWord struct {
	pieces     []fishPiece
	start, end int // byte offsets in the source
	line, col  int
	plain      bool // no quoting or expansion: the only form a keyword has
	opaque     bool // brace list or glob: the whole word needs fish
}

// literal returns the word's text when it has no expansions.
func (w fishWord) literal() (string, bool) {
	var b strings.Builder
	for _, p := range w.pieces {
		if p.kind != litPiece {
			return "", false
		}
		b.WriteString(p.text)
	}
	return b.String(), !w.opaque
}

// keyword is the word if it can act as a keyword (and, end, if, ...).
func (w fishWord) keyword() string {
	if s, ok := w.literal(); ok && w.plain {
		return s
	}
	return ""
}

type fishStmt struct {
	words  []fishWord
	joined string // how it follows the previous statement: "", "&&", "||" or "|"
}

type fishLexer struct {
	src       []byte
	pos       int
	line, col int
}

func lexFish(src []byte) []fishStmt {
	lx := &fishLexer{src: src, line: 1, col: 1}
	var stmts []fishStmt
	cur := fishStmt{}
	end := func(joined string) {
		if len(cur.words) > 0 {
			stmts = append(stmts, cur)
		}
		cur = fishStmt{joined: joined}
	}
	for lx.pos < len(src) {
		switch c, next := src[lx.pos], lx.peek(1); {
		case c == ' ' || c == '\t' || c == '\r':
			lx.advance(1)
		case c == '\\' && next == '\n':
			lx.advance(2)
		case c == '\n' || c == ';':
			end("")
			lx.advance(1)
		case c == '#':
			for lx.pos < len(src) && src[lx.pos] != '\n' {
				lx.advance(1)
			}
		case c == '&' && next == '&', c == '|' && next == '|':
			end(string(src[lx.pos : lx.pos+2]))
			lx.advance(2)
		case c == '|':
			end("|")
			lx.advance(1)
		case lx.atRedirect():
			lx.skipRedirect()
		case c == '&':
			end("") // background job: runs in the shell all the same, good enough
			lx.advance(1)
		default:
			cur.words = append(cur.words, lx.word())
		}
	}
	end("")
	return stmts
}

func (lx *fishLexer) peek(n int) byte {
	if lx.pos+n < len(lx.src) {
		return lx.src[lx.pos+n]
	}
	return 0
}

func (lx *fishLexer) advance(n int) {
	for ; n > 0 && lx.pos < len(lx.src); n-- {
		if lx.src[lx.pos] == '\n' {
			lx.line, lx.col = lx.line+1, 1
		} else {
			lx.col++
		}
		lx.pos++
	}
}

// atRedirect: >, >>, <, &>, 2>, 2>&1 and the like at a word start.
func (lx *fishLexer) atRedirect() bool {
	i := lx.pos
	for i < len(lx.src) && lx.src[i] >= '0' && lx.src[i] <= '9' {
		i++
	}
	if i < len(lx.src) && lx.src[i] == '&' && i+1 < len(lx.src) && lx.src[i+1] == '>' {
		return true
	}
	return i < len(lx.src) && (lx.src[i] == '<' || lx.src[i] == '>')
}

// skipRedirect drops a redirection and its target: neither is an argument.
func (lx *fishLexer) skipRedirect() {
	for lx.pos < len(lx.src) && strings.IndexByte("0123456789<>&?|", lx.src[lx.pos]) >= 0 {
		dup := lx.src[lx.pos] == '&' && lx.pos > 0 && lx.src[lx.pos-1] == '>'
		lx.advance(1)
		if dup { // >&2, >&-: the target is a descriptor, already consumed below
			for lx.pos < len(lx.src) && (lx.src[lx.pos] == '-' || lx.src[lx.pos] >= '0' && lx.src[lx.pos] <= '9') {
				lx.advance(1)
			}
			return
		}
	}
	for lx.pos < len(lx.src) && (lx.src[lx.pos] == ' ' || lx.src[lx.pos] == '\t') {
		lx.advance(1)
	}
	if lx.pos < len(lx.src) && !isFishWordEnd(lx.src[lx.pos]) {
		lx.word()
	}
}

func isFishWordEnd(c byte) bool {
	return strings.IndexByte(" \t\r\n;|&<>", c) >= 0
}

// word reads one word, decoding quotes and escapes and splitting out
// expansions.
func (lx *fishLexer) word() fishWord {
	w := fishWord{start: lx.pos, line: lx.line, col: lx.col, plain: true}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			w.pieces = append(w.pieces, fishPiece{kind: litPiece, text: lit.String()})
			lit.Reset()
		}
	}
	add := func(p fishPiece) {
		flush()
		w.pieces = append(w.pieces, p)
		w.plain = false
	}
	braces := 0
	for lx.pos < len(lx.src) && !isFishWordEnd(lx.src[lx.pos]) {
		switch c := lx.src[lx.pos]; {
		case c == '\\' && lx.peek(1) == '\n':
			lx.advance(2)
		case c == '\\':
			lx.advance(1)
			lit.WriteString(lx.escape())
			w.plain = false
		case c == '\'':
			lit.WriteString(lx.singleQuoted())
			w.plain = false
		case c == '"':
			lx.doubleQuoted(&lit, add)
			w.plain = false
		case c == '$':
			add(lx.dollar(false))
		case c == '(':
			add(fishPiece{kind: opaquePiece, text: lx.substitution()})
		case c == '~' && lx.pos == w.start:
			lx.advance(1)
			add(fishPiece{kind: homePiece})
		case c == '{':
			// Braces only group here ({$HOME}/go); a list inside ({a,b})
			// makes the word opaque.
			braces++
			lx.advance(1)
			w.plain = false
		case c == '}':
			braces--
			lx.advance(1)
			w.plain = false
		case c == ',' && braces > 0, c == '*', c == '?':
			w.opaque = true
			lit.WriteByte(c)
			lx.advance(1)
		default:
			lit.WriteByte(c)
			lx.advance(1)
		}
	}
	flush()
	w.end = lx.pos
	return w
}

// escape decodes the escape after a backslash outside quotes.
func (lx *fishLexer) escape() string {
	if lx.pos >= len(lx.src) {
		return "\\"
	}
	c := lx.src[lx.pos]
	lx.advance(1)
	if simple, ok := map[byte]string{'n': "\n", 't': "\t", 'r': "\r", 'a': "\a", 'b': "\b", 'e': "\x1b", 'f': "\f", 'v': "\v"}[c]; ok {
		return simple
	}
	if digits, ok := map[byte]int{'x': 2, 'X': 2, 'u': 4, 'U': 8}[c]; ok {
		hex := lx.take(digits, "0123456789abcdefABCDEF")
		n, err := strconv.ParseUint(hex, 16, 32)
		switch {
		case err != nil:
			return string(c)
		case c == 'x' || c == 'X':
			return string([]byte{byte(n)})
		}
		return string(rune(n))
	}
	return string(c)
}

// take consumes up to max bytes from set.
func (lx *fishLexer) take(max int, set string) string {
	start := lx.pos
	for lx.pos-start < max && lx.pos < len(lx.src) && strings.IndexByte(set, lx.src[lx.pos]) >= 0 {
		lx.advance(1)
	}
	return string(lx.src[start:lx.pos])
}

// singleQuoted reads '...', where only \' and \\ are escapes.
func (lx *fishLexer) singleQuoted() string {
	var b strings.Builder
	lx.advance(1)
	for lx.pos < len(lx.src) && lx.src[lx.pos] != '\'' {
		if c := lx.peek(1); lx.src[lx.pos] == '\\' && (c == '\'' || c == '\\') {
			lx.advance(1)
		}
		b.WriteByte(lx.src[lx.pos])
		lx.advance(1)
	}
	lx.advance(1)
	return b.String()
}

// doubleQuoted reads "...": \" \\ \$ and backslash-newline are escapes, and
// $var and $(cmd) expand.
func (lx *fishLexer) doubleQuoted(lit *strings.Builder, add func(fishPiece)) {
	lx.advance(1)
	for lx.pos < len(lx.src) && lx.src[lx.pos] != '"' {
		switch c, next := lx.src[lx.pos], lx.peek(1); {
		case c == '\\' && next == '\n':
			lx.advance(2)
		case c == '\\' && (next == '"' || next == '\\' || next == '$'):
			lit.WriteByte(next)
			lx.advance(2)
		case c == '$':
			add(lx.dollar(true))
		default:
			lit.WriteByte(c)
			lx.advance(1)
		}
	}
	lx.advance(1)
}

// dollar reads $name, $name[index], $$name or $(cmd).
func (lx *fishLexer) dollar(quoted bool) fishPiece {
	start := lx.pos
	lx.advance(1)
	if lx.peek(0) == '(' {
		return fishPiece{kind: opaquePiece, text: "$" + lx.substitution(), quoted: quoted}
	}
	indirect := lx.take(len(lx.src), "$") != ""
	name := lx.take(len(lx.src), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
	if name == "" && !indirect {
		return fishPiece{kind: litPiece, text: "$", quoted: quoted}
	}
	if lx.peek(0) == '[' {
		for lx.pos < len(lx.src) && lx.src[lx.pos] != ']' && lx.src[lx.pos] != '\n' {
			lx.advance(1)
		}
		lx.advance(1)
		indirect = true
	}
	if indirect {
		return fishPiece{kind: opaquePiece, text: string(lx.src[start:lx.pos]), quoted: quoted}
	}
	return fishPiece{kind: varPiece, text: name, quoted: quoted}
}

// substitution reads (cmd) to its matching parenthesis and returns it as
// written. Quotes inside are skipped so a ")" in a string does not end it.
func (lx *fishLexer) substitution() string {
	start, depth := lx.pos, 0
	for lx.pos < len(lx.src) {
		switch lx.src[lx.pos] {
		case '\\':
			lx.advance(1)
		case '\'':
			lx.singleQuoted()
			continue
		case '"':
			var discard strings.Builder
			lx.doubleQuoted(&discard, func(fishPiece) {})
			continue
		case '(':
			depth++
		case ')':
			depth--
		}
		lx.advance(1)
		if depth == 0 {
			break
		}
	}
	return string(lx.src[start:lx.pos])
}
