package shellprofile

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"
)

// readPOSIX walks a bash, zsh or sh file statement by statement. Statements
// before a syntax error still count: the shell runs them before it fails.
func (r *reader) readPOSIX(fc *fileCtx, sc scope) {
	src := fc.src
	if !utf8.Valid(src) {
		src = r.maskInvalidUTF8(fc)
	}
	parser := syntax.NewParser(syntax.Variant(r.sh.language()))
	failed := false
	for stmt, err := range parser.StmtsSeq(bytes.NewReader(src)) {
		switch {
		case failed:
			// Keep draining: leaving the loop early makes StmtsSeq (mvdan.cc/sh
			// v3.14.1) yield its final error anyway, and the runtime panics.
		case err != nil:
			failed = true
			r.res.Errors = append(r.res.Errors, syntaxError(fc.path, err))
		default:
			r.stmt(fc, stmt, sc)
		}
	}
}

// maskInvalidUTF8 returns src with each byte that is not UTF-8 replaced by
// '?'. The parser rejects a whole file over one such byte (a Latin-1 comment,
// say) while the shell does not care; one byte for one keeps lines, columns
// and offsets valid for fc.text.
func (r *reader) maskInvalidUTF8(fc *fileCtx) []byte {
	masked := bytes.Clone(fc.src)
	first := 0
	for i := 0; i < len(masked); {
		c, size := utf8.DecodeRune(masked[i:])
		if c == utf8.RuneError && size == 1 {
			masked[i] = '?'
			if first == 0 {
				first = bytes.Count(masked[:i], []byte("\n")) + 1
			}
		}
		i += size
	}
	r.warnKind("non-utf8", "", fc.path, first, "has bytes that are not UTF-8; they are read as '?'")
	return masked
}

func syntaxError(path string, err error) ParseError {
	var parseErr syntax.ParseError
	var langErr syntax.LangError
	switch {
	case errors.As(err, &parseErr):
		return ParseError{File: path, Line: int(parseErr.Pos.Line()), Msg: parseErr.Text, Kind: "syntax", Detail: parseErr.Text}
	case errors.As(err, &langErr):
		msg := langErr.Error()
		if _, after, ok := strings.Cut(msg, ": "); ok {
			msg = after // drop the "line:col: " prefix; Line carries it
		}
		return ParseError{File: path, Line: int(langErr.Pos.Line()), Msg: msg, Kind: "syntax", Detail: msg}
	}
	return ParseError{File: path, Msg: err.Error(), Kind: "syntax", Detail: err.Error()}
}

func (r *reader) stmts(fc *fileCtx, list []*syntax.Stmt, sc scope) {
	for _, s := range list {
		r.stmt(fc, s, sc)
	}
}

// stmt follows the control flow only as far as it decides where a
// statement runs: in the shell, conditionally, in a function, or in a
// subshell whose assignments never reach the shell (skipped).
func (r *reader) stmt(fc *fileCtx, s *syntax.Stmt, sc scope) {
	if s == nil || s.Background || s.Coprocess {
		return // runs in a subshell
	}
	switch cmd := s.Cmd.(type) {
	case *syntax.CallExpr:
		r.call(fc, cmd, sc)
	case *syntax.DeclClause:
		r.declare(fc, cmd.Variant.Value, declArgsOf(fc, cmd.Args), sc)
	case *syntax.Block:
		r.stmts(fc, cmd.Stmts, sc)
	case *syntax.TimeClause:
		r.stmt(fc, cmd.Stmt, sc)
	case *syntax.IfClause:
		r.stmts(fc, cmd.Cond, sc)
		for branch := cmd; branch != nil; branch = branch.Else {
			if branch != cmd {
				r.stmts(fc, branch.Cond, sc.cond())
			}
			r.stmts(fc, branch.Then, sc.cond())
		}
	case *syntax.WhileClause:
		r.stmts(fc, cmd.Cond, sc.cond())
		r.stmts(fc, cmd.Do, sc.cond())
	case *syntax.ForClause:
		r.stmts(fc, cmd.Do, sc.cond())
	case *syntax.CaseClause:
		for _, item := range cmd.Items {
			r.stmts(fc, item.Stmts, sc.cond())
		}
	case *syntax.BinaryCmd:
		switch cmd.Op {
		case syntax.AndStmt, syntax.OrStmt:
			r.stmt(fc, cmd.X, sc)
			r.stmt(fc, cmd.Y, sc.cond())
		case syntax.Pipe, syntax.PipeAll:
			// Pipeline members run in subshells, except that zsh runs the
			// last one in the shell itself.
			if r.sh == Zsh {
				r.stmt(fc, cmd.Y, sc)
			}
		}
	case *syntax.FuncDecl:
		if cmd.Name == nil && len(cmd.Names) == 0 {
			r.stmt(fc, cmd.Body, sc) // a zsh anonymous function runs at once
		} else {
			r.stmt(fc, cmd.Body, sc.function())
		}
	}
}

// call handles a simple command: plain assignments, and the builtins that
// change variables or pull in other files.
func (r *reader) call(fc *fileCtx, call *syntax.CallExpr, sc scope) {
	if len(call.Args) == 0 {
		for _, as := range call.Assigns {
			r.assign(fc, declArgOf(fc, as), "assign", false, sc)
		}
		return
	}
	// Assignments in front of a command (GOROOT=/x go build) only reach
	// that command, so they are not profile assignments.
	args := call.Args[1:]
	switch name := call.Args[0].Lit(); name {
	case ".", "source":
		r.source(fc, call, sc)
	case "set":
		r.setOptions(args, sc)
	case "setopt", "unsetopt":
		if r.sh == Zsh {
			r.zshOptions(name == "setopt", args, sc)
		}
	case "unset":
		r.unset(fc, args, sc)
	case "export", "readonly", "local", "declare", "typeset":
		// Bash and zsh parse these as DeclClause; POSIX mode leaves them
		// as ordinary commands.
		r.declare(fc, name, declArgsOfWords(fc, args), sc)
	}
}
