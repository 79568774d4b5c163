package shellprofile

import (
	"fmt"
	"path/filepath"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// source follows `. FILE` and `source FILE` when FILE expands exactly. The
// sourced file is read right here, so its assignments land in load order.
func (r *reader) source(fc *fileCtx, call *syntax.CallExpr, sc scope) {
	if len(call.Args) < 2 {
		return
	}
	line := int(call.Args[0].Pos().Line())
	path, exact := r.expandWord(fc, call.Args[1], false)
	if !exact || path == "" {
		r.warnKind("not-followed", fc.text(call.Args[1]), fc.path, line, "not followed: cannot tell which file %s sources", fc.text(call.Args[1]))
		return
	}
	r.sourceFile(fc, path, line, sc)
}

// sourceFile reads a sourced file. A relative path is taken from $HOME, the
// usual working directory of a login shell (the shells would also search
// PATH first; profiles rarely rely on that).
//
// A file sourced from a system-wide file is system-wide too, unless it lies
// in $HOME; an absolute path there is taken under the root the system file
// was listed under. A file under /etc sourced from the user's own file (as
// Fedora's ~/.bashrc sources /etc/bashrc) is system-wide as well.
func (r *reader) sourceFile(fc *fileCtx, path string, line int, sc scope) {
	if !filepath.IsAbs(path) {
		if r.home == "" {
			return
		}
		path = filepath.Join(r.home, path)
	}
	f := File{Path: path, Reason: fmt.Sprintf("sourced at %s:%d", fc.path, line)}
	if !r.inHome(path) {
		if fc.system {
			f.System, f.root = true, fc.root
			if fc.root != "" {
				f.Path = filepath.Join(fc.root, path)
			}
		} else {
			f.System = underEtc(path, "")
		}
	}
	r.readFile(f, sc) // missing: the shell would just complain
}

// setOptions tracks `set -a` / `set -o allexport` and their + forms. Only
// top-level ones count: one in a function needs the function to be called.
func (r *reader) setOptions(args []*syntax.Word, sc scope) {
	if sc.inFunction {
		return
	}
	for i := 0; i < len(args); i++ {
		arg := args[i].Lit()
		switch {
		case arg == "-o" || arg == "+o":
			if i+1 < len(args) && args[i+1].Lit() == "allexport" {
				r.allExport = arg == "-o"
			}
			i++
		case isOption(arg) && arg != "--":
			if strings.Contains(arg[1:], "a") {
				r.allExport = arg[0] == '-'
			}
		default:
			return // "--" or positional parameters
		}
	}
}

// zshOptions handles setopt/unsetopt allexport. zsh option names ignore
// case and underscores, and "no" in front inverts them.
func (r *reader) zshOptions(on bool, args []*syntax.Word, sc scope) {
	if sc.inFunction {
		return
	}
	for _, arg := range args {
		name := strings.ToLower(strings.ReplaceAll(arg.Lit(), "_", ""))
		switch name {
		case "allexport":
			r.allExport = on
		case "noallexport":
			r.allExport = !on
		}
	}
}

// unset records `unset NAME`: the value a later Final sees is gone.
func (r *reader) unset(fc *fileCtx, args []*syntax.Word, sc scope) {
	for _, arg := range args {
		name := arg.Lit()
		switch {
		case name == "-f":
			return // functions
		case isOption(name):
			continue // -v
		case ValidName(name):
			r.record(fc, newAssignment{
				name: name, line: int(arg.Pos().Line()), col: int(arg.Pos().Col()),
				exact: true, statement: "unset", unset: true,
			}, sc)
		}
	}
}
