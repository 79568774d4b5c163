package profilestore

import (
	"strings"
)

// fish has no parser in Go (shellprofile has a tokenizer of its own, not
// exported), and deciding whether one line is one `set` statement needs
// only fish's quoting: quotes, backslashes, (command substitutions),
// comments, and where statements are separated or continued.

// fishLine is what the scan learns about one line.
type fishLine struct {
	startsFresh bool     // not inside quotes or (...) and not continuing the line before
	endsFresh   bool     // same at its end: no open quote or (...), no trailing \, |, && or ||
	operators   bool     // ; & | < or > outside quotes and (...): more than one statement or a redirection
	words       []string // the words outside any comment, as written
}

// fishScan scans src: stack holds the open quotes (single or double) and
// substitutions ('(').
type fishScan struct {
	src        []byte
	stack      []byte
	lines      []fishLine
	cur        fishLine
	word       []byte
	inWord     bool
	continues  bool // a backslash-newline or operator ends the current line
	afterPipe  bool // the last thing on the line so far is |, && or ||
	tokenStart bool
}

func scanFish(src []byte) []fishLine {
	s := &fishScan{src: src, cur: fishLine{startsFresh: true}, tokenStart: true}
	for i := 0; i < len(src); i++ {
		i = s.step(i)
	}
	if len(src) > 0 && src[len(src)-1] != '\n' {
		s.endLine()
	}
	return s.lines
}

func (s *fishScan) top() byte {
	if len(s.stack) == 0 {
		return 0
	}
	return s.stack[len(s.stack)-1]
}

// step handles src[i] and returns the index of the last byte it consumed.
func (s *fishScan) step(i int) int {
	c, next := s.src[i], byte(0)
	if i+1 < len(s.src) {
		next = s.src[i+1]
	}
	if c == '\n' {
		s.endLine()
		return i
	}
	switch s.top() {
	case '\'':
		if c == '\\' && (next == '\'' || next == '\\') {
			s.add(c)
			s.add(next)
			return i + 1
		}
		if c == '\'' {
			s.stack = s.stack[:len(s.stack)-1]
		}
		s.add(c)
		return i
	case '"':
		switch {
		case c == '\\' && next == '\n':
			s.continues = true
			return i
		case c == '\\' && next != 0:
			s.add(c)
			s.add(next)
			return i + 1
		case c == '"':
			s.stack = s.stack[:len(s.stack)-1]
		case c == '$' && next == '(':
			s.stack = append(s.stack, '(')
			s.add(c)
			s.add(next)
			return i + 1
		}
		s.add(c)
		return i
	}
	return s.plain(i, c, next)
}

// plain handles a byte outside quotes, at the top level or in (...).
func (s *fishScan) plain(i int, c, next byte) int {
	topLevel := len(s.stack) == 0
	switch {
	case c == '#' && s.tokenStart:
		for i+1 < len(s.src) && s.src[i+1] != '\n' {
			i++
		}
		return i
	case c == ' ' || c == '\t' || c == '\r':
		s.endWord()
		return i
	case c == '\\' && next == '\n':
		s.continues = true
		return i
	case c == '\\' && next != 0:
		s.add(c)
		s.add(next)
		return i + 1
	case c == '\'' || c == '"' || c == '(':
		s.stack = append(s.stack, c)
	case c == ')' && s.top() == '(':
		s.stack = s.stack[:len(s.stack)-1]
	case strings.IndexByte(";&|<>", c) >= 0 && topLevel:
		s.endWord()
		s.cur.operators = true
		s.afterPipe = c == '|' || c == '&' && next == '&'
		s.tokenStart = true
		if (c == '&' || c == '|') && next == c {
			return i + 1
		}
		return i
	}
	s.add(c)
	return i
}

func (s *fishScan) add(c byte) {
	s.word = append(s.word, c)
	s.inWord, s.tokenStart = true, false
	if c != ' ' {
		s.afterPipe = false
	}
}

func (s *fishScan) endWord() {
	if s.inWord && len(s.stack) == 0 {
		s.cur.words = append(s.cur.words, string(s.word))
		s.word, s.inWord = s.word[:0], false
	}
	if len(s.stack) == 0 || s.top() == '(' {
		s.tokenStart = true
	}
}

func (s *fishScan) endLine() {
	s.endWord()
	inside := len(s.stack) > 0
	s.cur.endsFresh = !inside && !s.continues && !s.afterPipe
	s.lines = append(s.lines, s.cur)
	s.cur = fishLine{startsFresh: s.cur.endsFresh}
	if inside {
		s.word = append(s.word, '\n') // a quote or (...) spans lines: the word goes on
	}
	s.continues, s.afterPipe = false, false
	s.tokenStart = !inside || s.top() == '('
}

// fishSetOptions are the options of set that still set (or erase) the
// variable for the session; -q, -S, -n, -l and -f do not.
var fishSetOptions = map[string]bool{
	"g": true, "U": true, "x": true, "u": true, "e": true, "a": true, "p": true,
	"global": true, "universal": true, "export": true, "unexport": true,
	"erase": true, "append": true, "prepend": true, "path": true, "unpath": true,
}

// checkFishLine decides whether line n of a fish body is one deletable
// `set` statement about name.
func checkFishLine(body []byte, n int, name string) error {
	lines := scanFish(body)
	line := lines[n-1]
	switch {
	case !line.startsFresh:
		return refuse(n, "the line continues the statement from the line before (a backslash, an open quote or (...), or a trailing | or &&)")
	case !line.endsFresh:
		return refuse(n, "the statement continues onto the next line (a trailing backslash, an open quote or (...), or a trailing | or &&)")
	case line.operators:
		return refuse(n, "the line holds more than one statement or a redirection")
	case len(line.words) == 0:
		return refuse(n, "the line holds no statement (blank or a comment)")
	case line.words[0] != "set":
		return refuse(n, "the statement is not a fish set")
	}
	words := line.words[1:]
	for len(words) > 0 && strings.HasPrefix(words[0], "-") {
		opt := words[0]
		words = words[1:]
		if opt == "--" {
			break
		}
		if !fishOptionOK(opt) {
			return refuse(n, "set %s does not set a variable for the session", opt)
		}
	}
	want := name
	if len(words) > 0 && words[0] == "fish_user_paths" && name == "PATH" {
		want = "fish_user_paths" // fish puts it in front of PATH
	}
	if len(words) == 0 || words[0] != want {
		return refuse(n, "the statement does not set %s", name)
	}
	return nil
}

func fishOptionOK(opt string) bool {
	if long, ok := strings.CutPrefix(opt, "--"); ok {
		return fishSetOptions[long]
	}
	for _, letter := range opt[1:] {
		if !fishSetOptions[string(letter)] {
			return false
		}
	}
	return len(opt) > 1
}
