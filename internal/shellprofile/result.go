package shellprofile

import (
	"fmt"
	"strings"
)

// Assignment is one statement in a profile that sets (or unsets) a variable
// we were asked about.
type Assignment struct {
	File   string
	Line   int
	Column int
	Name   string // GOROOT, PATH, ...
	// Raw is the value as written in the file.
	Raw string
	// Value is Raw expanded literally with the known variables (the env given
	// to Read and earlier assignments). References to the old PATH stay as
	// "$PATH" so the value reads as "what this line adds".
	Value string
	// Exact is false when Value still holds something we could not expand:
	// command substitution (kept as written), unknown variables (kept as
	// "$NAME"), zsh modifiers, arrays.
	Exact bool
	// Exported says whether children such as go see this value.
	Exported   bool
	ExportedBy string // why, e.g. "exported by this statement", "exported at /home/u/.profile:3"
	// Statement is "export", "assign", "declare", "typeset", "readonly",
	// "unset", "fish set", "fish set -e", "fish_add_path" or "fish universal";
	// for the literal system formats "pam_env" (/etc/environment) or
	// "path_helper" (/etc/paths, /etc/paths.d/*).
	Statement string
	// System is true when the statement is in a system-wide file (see
	// File.System): the user can override it but not edit it.
	System bool
	// Unset is true for `unset NAME` and fish `set -e NAME`: after this
	// statement the variable is gone.
	Unset bool
	// InFunction marks statements in a function body: they only run if the
	// function is called.
	InFunction bool
	// Conditional marks statements under if, case, loops, && or ||: we cannot
	// tell whether they run, so they stay candidates.
	Conditional bool

	// For PATH only.
	PathAdded    []string // entries this statement adds, without the old $PATH
	PathPrepends bool     // some added entry comes before the old $PATH
	PathReplaces bool     // the old $PATH is dropped: PATH is set outright
}

// Where is "file:line" for messages.
func (a Assignment) Where() string { return fmt.Sprintf("%s:%d", a.File, a.Line) }

// ParseError is a problem in one file. It never stops the other files.
type ParseError struct {
	File string
	Line int // 0 when the whole file is concerned
	Msg  string
	// Kind says what happened, for callers that word it themselves:
	// Errors are "syntax", "unreadable" or "internal"; Warnings are "crlf",
	// "bom", "non-utf8", "not-followed" or "too-deep". Detail is the part
	// of Msg that is not ours (the parser's words, the file's text).
	Kind, Detail string
	// System marks a problem in a system file (or one it sources).
	System bool
}

func (e ParseError) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Result is what Read found.
type Result struct {
	Files       []File // files actually read, sourced ones included, in load order
	Assignments []Assignment
	Errors      []ParseError // syntax errors and unreadable files
	// Warnings are things that parse but that the shell takes differently
	// from how they look, such as CRLF line endings or a byte order mark.
	Warnings []ParseError
}

// Final returns the last assignment of name in load order, the one a new
// login shell ends with; ok is false if there is none. Statements in function
// bodies are skipped because a login shell only defines those functions. The
// result may be an unset (Unset is true) or conditional: callers that care
// should look at those flags or at All.
func (r *Result) Final(name string) (Assignment, bool) {
	for i := len(r.Assignments) - 1; i >= 0; i-- {
		if a := r.Assignments[i]; a.Name == name && !a.InFunction {
			return r.Assignments[i], true
		}
	}
	return Assignment{}, false
}

// All returns every assignment of name, in load order.
func (r *Result) All(name string) []Assignment {
	var all []Assignment
	for _, a := range r.Assignments {
		if a.Name == name {
			all = append(all, a)
		}
	}
	return all
}

// GoVarsAndPath is the usual want for Read: PATH and every Go variable
// (GOROOT, GOPATH, GOTOOLCHAIN, GOFLAGS, GO111MODULE, CGO_ENABLED, ...).
func GoVarsAndPath(name string) bool {
	return name == "PATH" || strings.HasPrefix(name, "GO") || strings.HasPrefix(name, "CGO_")
}
