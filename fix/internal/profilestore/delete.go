package profilestore

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"

	"github.com/goroot-lens/goroot-lens/internal/shellprofile"
)

// DeleteLine returns data without line line (1-based): its text and its
// ending, no other byte. It refuses unless the line is exactly one simple
// statement that sets, exports or unsets name and nothing else, optionally
// indented and followed by a comment:
//
//	export NAME=value, NAME=value, export NAME, declare -x NAME=value,
//	typeset -x NAME=value, readonly NAME=value, unset NAME
//	fish: set [-g|-U|-x|-e|...] NAME values...
//
// For PATH, zsh's path=(...) and fish's fish_user_paths count as setting
// PATH, as in shellprofile. Deleting a fish `set -U` line stops it from
// running, but the universal value stays in fish_variables.
//
// Refused: a line that holds other statements too, continues onto the next
// line or from the previous one (backslash, open quote, && at the end), sits
// in a here-document, or does not set name; and a statement nested in if,
// case or a function whose removal would leave the file unparseable (an
// empty then-branch is a syntax error).
func DeleteLine(data []byte, line int, name string, sh shellprofile.Shell) ([]byte, error) {
	if !validName(name) {
		return nil, refuse(line, "%q is not a variable name", name)
	}
	bom, body := splitBOM(data)
	span, err := lineAt(body, line)
	if err != nil {
		return nil, err
	}
	if isFish(sh) {
		err = checkFishLine(body, line, name)
	} else {
		err = checkPOSIXLine(body, span, line, name, sh)
	}
	if err != nil {
		return nil, err
	}
	return splice(data, len(bom)+span.start, len(bom)+span.next, ""), nil
}

// parseable is body as the parser should see it, offset for offset: the
// '\r' of CRLF endings becomes a blank (the shell would glue it to the last
// word, which changes values, not where statements begin and end), and
// bytes that are not UTF-8 become '?', which the parser would otherwise
// reject the whole file over.
func parseable(body []byte) []byte {
	src := bytes.ReplaceAll(body, []byte("\r\n"), []byte(" \n"))
	for i := 0; i < len(src); {
		c, size := utf8.DecodeRune(src[i:])
		if c == utf8.RuneError && size == 1 {
			src[i] = '?'
		}
		i += size
	}
	return src
}

func language(sh shellprofile.Shell) syntax.LangVariant {
	switch sh {
	case shellprofile.Bash:
		return syntax.LangBash
	case shellprofile.Zsh:
		return syntax.LangZsh
	}
	return syntax.LangPOSIX // as shellprofile parses ~/.profile for dash
}

// parseTop returns the top-level statements of src up to the first syntax
// error, and that error's line (0 when there is none): statements before
// an error are complete and parsed as the shell runs them.
func parseTop(src []byte, sh shellprofile.Shell) (stmts []*syntax.Stmt, errLine int) {
	parser := syntax.NewParser(syntax.Variant(language(sh)))
	for stmt, err := range parser.StmtsSeq(bytes.NewReader(src)) {
		switch {
		case errLine > 0:
			// Keep draining: leaving early makes StmtsSeq (v3.14.1) panic.
		case err != nil:
			errLine = 1
			var parseErr syntax.ParseError
			var langErr syntax.LangError
			switch {
			case errors.As(err, &parseErr):
				errLine = max(1, int(parseErr.Pos.Line()))
			case errors.As(err, &langErr):
				errLine = max(1, int(langErr.Pos.Line()))
			}
		default:
			stmts = append(stmts, stmt)
		}
	}
	return stmts, errLine
}

// checkPOSIXLine decides whether line n (span) of a bash, zsh or sh body is
// one deletable statement about name.
func checkPOSIXLine(body []byte, span lineSpan, n int, name string, sh shellprofile.Shell) error {
	src := parseable(body)
	stmts, errLine := parseTop(src, sh)
	if errLine > 0 && errLine <= n {
		return refuse(n, "the profile has a syntax error at line %d, so where this line's statement ends is unclear", errLine)
	}
	var touching []*syntax.Stmt
	for _, top := range stmts {
		var found error
		syntax.Walk(top, func(node syntax.Node) bool {
			switch node := node.(type) {
			case *syntax.Stmt:
				if lineOf(node.Pos()) <= n && n <= lineOf(node.End()) {
					touching = append(touching, node)
				}
			case *syntax.Redirect:
				if node.Hdoc != nil && lineOf(node.Hdoc.Pos()) <= n && n <= lineOf(node.Hdoc.End()) {
					found = refuse(n, "the line is inside a here-document that starts on line %d", lineOf(node.Pos()))
				}
			}
			return found == nil
		})
		if found != nil {
			return found
		}
	}
	if text := bytes.TrimLeft(src[span.start:span.end], " \t"); len(text) == 0 || text[0] == '#' {
		return refuse(n, "the line holds no statement (blank or a comment)")
	}
	stmt, nested, err := onlyStatementOn(touching, n)
	if err != nil {
		return err
	}
	if err := lineHoldsOnly(src, span, stmt, n); err != nil {
		return err
	}
	if reason := setsOnly(stmt, name, sh); reason != "" {
		return refuse(n, "%s", reason)
	}
	if !nested {
		return nil
	}
	// Inside if, case, a loop or a function: only delete when the file
	// still parses without the line.
	if errLine > 0 {
		return refuse(n, "the statement is nested in a block and the profile has a syntax error at line %d, so deleting it cannot be checked", errLine)
	}
	if _, after := parseTop(splice(src, span.start, span.next, ""), sh); after > 0 {
		return refuse(n, "the statement is the only content of its block; deleting it would leave a syntax error at line %d", after)
	}
	return nil
}

func lineOf(p syntax.Pos) int { return int(p.Line()) }

// onlyStatementOn finds the one statement that starts on line n among the
// statements touching it, and whether it is nested in another statement.
func onlyStatementOn(touching []*syntax.Stmt, n int) (stmt *syntax.Stmt, nested bool, err error) {
	for _, s := range touching {
		if lineOf(s.Pos()) == n && (stmt == nil || s.Pos().Offset() < stmt.Pos().Offset()) {
			stmt = s
		}
	}
	if stmt == nil {
		from := 0 // the innermost statement around the line
		for _, s := range touching {
			from = max(from, lineOf(s.Pos()))
		}
		if from == 0 {
			return nil, false, refuse(n, "the line holds no statement")
		}
		return nil, false, refuse(n, "the line continues the statement that starts on line %d (a backslash, an open quote or an operator at the end of a line)", from)
	}
	if end := lineOf(stmt.End()); end > n {
		return nil, false, refuse(n, "the statement continues onto line %d (a trailing backslash or an open quote)", end)
	}
	for _, s := range touching {
		switch {
		case s == stmt || contains(stmt, s): // the statement or one inside it, e.g. in $(...)
		case contains(s, stmt) && lineOf(s.Pos()) < n && lineOf(s.End()) > n:
			nested = true // an if, case, loop or function around it, not on this line
		case lineOf(s.Pos()) < n:
			return nil, false, refuse(n, "the line also holds part of the statement that starts on line %d", lineOf(s.Pos()))
		default:
			return nil, false, refuse(n, "the line holds more than one statement")
		}
	}
	return stmt, nested, nil
}

func contains(outer, inner syntax.Node) bool {
	return outer.Pos().Offset() <= inner.Pos().Offset() && inner.End().Offset() <= outer.End().Offset()
}

// lineHoldsOnly checks the text around the statement: indentation before
// it, at most a comment after it.
func lineHoldsOnly(src []byte, span lineSpan, stmt *syntax.Stmt, n int) error {
	start, end := int(stmt.Pos().Offset()), int(stmt.End().Offset())
	if before := bytes.Trim(src[span.start:start], " \t"); len(before) > 0 {
		return refuse(n, "the line has %q in front of the statement", before)
	}
	after := bytes.TrimLeft(src[end:span.end], " \t")
	if len(after) > 0 && after[0] != '#' {
		return refuse(n, "the line has %q after the statement", bytes.TrimRight(after, " "))
	}
	return nil
}

// setsOnly returns why stmt is not a plain statement about name alone, or "".
func setsOnly(stmt *syntax.Stmt, name string, sh shellprofile.Shell) string {
	if stmt.Negated || stmt.Background || stmt.Coprocess || stmt.Disown || len(stmt.Redirs) > 0 {
		return "the statement has !, & or a redirection, so it is not a plain assignment"
	}
	var ops operands
	switch cmd := stmt.Cmd.(type) {
	case *syntax.CallExpr:
		switch {
		case len(cmd.Args) == 0:
			ops = assignOperands(cmd.Assigns, sh)
		case len(cmd.Assigns) > 0:
			return "the assignment only applies to the command it precedes, not to the profile"
		default:
			switch builtin := cmd.Args[0].Lit(); builtin {
			case "export", "readonly", "declare", "typeset":
				ops = wordOperands(cmd.Args[1:], false)
			case "unset":
				ops = wordOperands(cmd.Args[1:], true)
			default:
				return "the statement is not an assignment, export or unset"
			}
		}
	case *syntax.DeclClause:
		switch cmd.Variant.Value {
		case "export", "readonly", "declare", "typeset":
			ops = assignOperands(cmd.Args, sh)
		default:
			return cmd.Variant.Value + " does not set a profile variable"
		}
	case *syntax.BinaryCmd:
		return "the line holds more than one statement, joined by &&, || or |"
	default:
		return "the line is not a simple statement"
	}
	return ops.about(name)
}

// operands are what an assignment or declaration statement names.
type operands struct {
	names   []string
	options string // letters, e.g. "gx"
	unknown bool   // an operand only the running shell can name, e.g. export "$v"
	unset   bool
}

func (o operands) about(name string) string {
	switch {
	case o.unknown:
		return "an operand is only known when the shell runs"
	case o.unset && strings.Trim(o.options, "v") != "":
		return "unset -" + o.options + " does not (only) unset a variable"
	case strings.ContainsAny(o.options, "fFp"):
		return "-" + o.options + " is about functions or printing, not setting " + name
	case !slices.Contains(o.names, name):
		return "the statement does not set " + name
	}
	for _, other := range o.names {
		if other != name {
			return "the statement also sets " + other
		}
	}
	return ""
}

func assignOperands(assigns []*syntax.Assign, sh shellprofile.Shell) operands {
	var o operands
	for _, as := range assigns {
		switch {
		case as.Name == nil && as.Value != nil && isOption(as.Value.Lit()):
			o.options += as.Value.Lit()[1:]
		case as.Name == nil:
			o.unknown = true
		case as.Index != nil:
			o.names = append(o.names, as.Name.Value+"[...]")
		case sh == shellprofile.Zsh && as.Name.Value == "path" && as.Array != nil:
			o.names = append(o.names, "PATH") // zsh ties path=(...) to PATH
		default:
			o.names = append(o.names, as.Name.Value)
		}
	}
	return o
}

// wordOperands reads the operands of export and friends in POSIX mode,
// where the parser leaves NAME=value as a plain word.
func wordOperands(words []*syntax.Word, unset bool) operands {
	o := operands{unset: unset}
	for _, w := range words {
		lit := w.Lit()
		switch {
		case isOption(lit):
			o.options += lit[1:]
		case validName(lit):
			o.names = append(o.names, lit)
		case unset:
			o.unknown = true
		default:
			name, ok := wordAssignName(w)
			o.names = append(o.names, name)
			o.unknown = o.unknown || !ok
		}
	}
	return o
}

// wordAssignName is NAME of a NAME=value or NAME+=value word.
func wordAssignName(w *syntax.Word) (string, bool) {
	if len(w.Parts) == 0 {
		return "", false
	}
	first, ok := w.Parts[0].(*syntax.Lit)
	if !ok {
		return "", false
	}
	before, _, found := strings.Cut(first.Value, "=")
	name := strings.TrimSuffix(before, "+")
	return name, found && validName(name)
}

func isOption(s string) bool { return len(s) > 1 && (s[0] == '-' || s[0] == '+') }
