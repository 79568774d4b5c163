package shellprofile

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// declArg is one operand of an assignment or of export/declare/typeset/
// readonly/local, whichever way the parser delivered it.
type declArg struct {
	option  string // "-x", "+x", "-gx": an option, nothing else is set
	name    string // "" for an operand only known at run time, e.g. export "$v"
	pos     syntax.Pos
	naked   bool // NAME without "=": declares or exports, assigns nothing
	append  bool // NAME+=value
	value   *syntax.Word
	array   *syntax.ArrayExpr
	raw     string
	indexed bool // NAME[i]=value sets one element; not followed
}

func declArgsOf(fc *fileCtx, assigns []*syntax.Assign) []declArg {
	args := make([]declArg, 0, len(assigns))
	for _, as := range assigns {
		args = append(args, declArgOf(fc, as))
	}
	return args
}

func declArgOf(fc *fileCtx, as *syntax.Assign) declArg {
	if as.Name == nil {
		if as.Value == nil {
			return declArg{naked: true}
		}
		if lit := as.Value.Lit(); isOption(lit) {
			return declArg{option: lit}
		}
		return declArg{naked: true}
	}
	arg := declArg{
		name: as.Name.Value, pos: as.Name.Pos(), naked: as.Naked, append: as.Append,
		value: as.Value, array: as.Array, indexed: as.Index != nil,
	}
	switch {
	case as.Array != nil:
		arg.raw = fc.text(as.Array)
	case as.Value != nil:
		arg.raw = fc.text(as.Value)
	}
	return arg
}

// declArgsOfWords splits "NAME=value" words the way the shell does when the
// parser (POSIX mode) hands export and friends over as plain words.
func declArgsOfWords(fc *fileCtx, words []*syntax.Word) []declArg {
	args := make([]declArg, 0, len(words))
	for _, w := range words {
		lit := w.Lit()
		if isOption(lit) {
			args = append(args, declArg{option: lit})
			continue
		}
		if ValidName(lit) {
			args = append(args, declArg{name: lit, pos: w.Pos(), naked: true})
			continue
		}
		args = append(args, splitAssignWord(fc, w))
	}
	return args
}

// splitAssignWord turns the word NAME=value (or NAME+=value) into a declArg.
// The name must be entirely in the word's first literal part.
func splitAssignWord(fc *fileCtx, w *syntax.Word) declArg {
	if len(w.Parts) == 0 {
		return declArg{naked: true}
	}
	first, ok := w.Parts[0].(*syntax.Lit)
	if !ok {
		return declArg{naked: true}
	}
	eq := strings.IndexByte(first.Value, '=')
	if eq < 0 {
		return declArg{naked: true}
	}
	name, appends := strings.CutSuffix(first.Value[:eq], "+")
	if !ValidName(name) {
		return declArg{naked: true}
	}
	value := &syntax.Word{}
	if rest := first.Value[eq+1:]; rest != "" {
		value.Parts = append(value.Parts, &syntax.Lit{ValuePos: first.ValuePos, ValueEnd: first.ValueEnd, Value: rest})
	}
	value.Parts = append(value.Parts, w.Parts[1:]...)
	raw := fc.text(w)
	if i := strings.IndexByte(raw, '='); i >= 0 {
		raw = raw[i+1:]
	}
	return declArg{name: name, pos: w.Pos(), append: appends, value: value, raw: raw}
}

func isOption(s string) bool {
	return len(s) > 1 && (s[0] == '-' || s[0] == '+')
}

// ValidName reports whether s is a shell variable name: a letter or _,
// then letters, digits and _.
func ValidName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		letter := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// declare handles export, declare, typeset, readonly and local.
func (r *reader) declare(fc *fileCtx, variant string, args []declArg, sc scope) {
	var minus, plus string // option letters, e.g. "gx" of -gx
	for _, arg := range args {
		if arg.option != "" {
			if arg.option[0] == '-' {
				minus += arg.option[1:]
			} else {
				plus += arg.option[1:]
			}
		}
	}
	switch {
	case variant == "local" || variant == "nameref":
		return // function-local or a reference: never a profile value
	case strings.ContainsAny(minus, "fFp"):
		return // functions (-f, -F) or printing (-p), not variables
	case (variant == "declare" || variant == "typeset") && sc.inFunction && !strings.Contains(minus, "g"):
		return // declare/typeset in a function body make locals
	}
	exported := variant == "export" && !strings.Contains(minus, "n") || strings.Contains(minus, "x")
	exported = exported && !strings.Contains(plus, "x")
	for _, arg := range args {
		if arg.option != "" || arg.name == "" || arg.indexed {
			continue
		}
		if arg.naked {
			if exported {
				r.markExport(fc, arg.name, int(arg.pos.Line()), sc)
			}
			continue
		}
		r.assign(fc, arg, variant, exported, sc)
	}
}

// assign records NAME=value, NAME+=value and NAME=(array).
func (r *reader) assign(fc *fileCtx, arg declArg, statement string, exported bool, sc scope) {
	if arg.name == "" || arg.indexed {
		return
	}
	na := newAssignment{
		name: arg.name, line: int(arg.pos.Line()), col: int(arg.pos.Col()),
		raw: arg.raw, exported: exported, statement: statement,
	}
	switch {
	case arg.array != nil && r.sh == Zsh && arg.name == "path":
		// zsh ties the array path to PATH: path=(~/go/bin $path).
		na.name = "PATH"
		na.value, na.exact = r.zshPathArray(fc, arg.array)
	case arg.array != nil:
		na.value, na.exact = arg.raw, false
	default:
		na.value, na.exact = r.expandWord(fc, arg.value, true)
	}
	if arg.append {
		old := r.vars.lookup(na.name)
		sep := ""
		if arg.array != nil && na.name == "PATH" {
			sep = ":"
		}
		na.value, na.exact = old.value+sep+na.value, na.exact && old.exact
	}
	r.record(fc, na, sc)
}

// zshPathArray turns the elements of path=(...) into a PATH value; an
// element $path or ${path[@]} stands for the old PATH.
func (r *reader) zshPathArray(fc *fileCtx, arr *syntax.ArrayExpr) (string, bool) {
	var entries []string
	exact := true
	for _, elem := range arr.Elems {
		if elem.Value == nil || elem.Index != nil {
			exact = false
			continue
		}
		if refersToPath(elem.Value) {
			entries = append(entries, oldPath)
			continue
		}
		v, ok := r.expandWord(fc, elem.Value, false)
		entries = append(entries, v)
		exact = exact && ok
	}
	return strings.Join(entries, ":"), exact
}

// refersToPath reports whether w is just $path, $PATH or ${path[@]}, quoted
// or not.
func refersToPath(w *syntax.Word) bool {
	if len(w.Parts) != 1 {
		return false
	}
	part := w.Parts[0]
	if dq, ok := part.(*syntax.DblQuoted); ok && len(dq.Parts) == 1 {
		part = dq.Parts[0]
	}
	pe, ok := part.(*syntax.ParamExp)
	return ok && pe.Param != nil && (pe.Param.Value == "path" || pe.Param.Value == "PATH")
}
