package shellprofile

import (
	"strings"
)

// readFish walks a fish script. Blocks are tracked only to know whether a
// statement is conditional or in a function body.
func (r *reader) readFish(fc *fileCtx, sc scope) {
	blocks := fishBlocks{sc}
	for _, stmt := range lexFish(fc.src) {
		s := blocks.current()
		if stmt.joined == "&&" || stmt.joined == "||" {
			s = s.cond()
		}
		if words, s := blocks.keywords(stmt.words, s); len(words) > 0 {
			r.fishCommand(fc, words, s)
		}
	}
}

// fishBlocks is the stack of open blocks, each with the scope of its body.
type fishBlocks []scope

func (b fishBlocks) current() scope { return b[len(b)-1] }

// keywords consumes the keywords in front of a statement, opening and
// closing blocks, and returns the command left (if any) and its scope.
func (b *fishBlocks) keywords(words []fishWord, s scope) ([]fishWord, scope) {
	for len(words) > 0 {
		switch words[0].keyword() {
		case "and", "or":
			s = s.cond()
		case "not", "builtin", "time":
		case "if", "while":
			*b = append(*b, s.cond()) // the body is conditional, the condition command is not
		case "begin":
			*b = append(*b, s)
		case "for", "switch":
			*b = append(*b, s.cond())
			return nil, s
		case "function":
			*b = append(*b, s.function())
			return nil, s
		case "else":
			s = b.current() // in "else if cond", cond is conditional
			if len(words) > 1 && words[1].keyword() == "if" {
				words = words[1:] // the if of "else if" opens no block
			}
		case "end":
			if len(*b) > 1 {
				*b = (*b)[:len(*b)-1]
			}
			return nil, s
		case "case":
			return nil, s
		default:
			return words, s
		}
		words = words[1:]
	}
	return nil, s
}

func (r *reader) fishCommand(fc *fileCtx, words []fishWord, sc scope) {
	switch name, _ := words[0].literal(); name {
	case "set":
		r.fishSet(fc, words[1:], sc)
	case "fish_add_path":
		r.fishAddPath(fc, words, sc)
	case "source", ".":
		if len(words) < 2 {
			return
		}
		if paths, exact := r.fishExpand(words[1]); exact && len(paths) == 1 && paths[0] != "" {
			r.sourceFile(fc, paths[0], words[0].line, sc)
		} else {
			r.warnKind("not-followed", fc.span(words[1:2]), fc.path, words[0].line, "not followed: cannot tell which file %s sources", fc.span(words[1:2]))
		}
	}
}

// fishOptions splits leading options into the set of long names used, short
// letters mapped through short; the rest are operands.
func fishOptions(words []fishWord, short map[byte]string) (map[string]bool, []fishWord) {
	opts := map[string]bool{}
	for len(words) > 0 {
		arg, ok := words[0].literal()
		if !ok || !isOption(arg) || arg[0] != '-' {
			break
		}
		words = words[1:]
		if arg == "--" {
			break
		}
		if long, ok := strings.CutPrefix(arg, "--"); ok {
			opts[long] = true
			continue
		}
		for i := 1; i < len(arg); i++ {
			opts[short[arg[i]]] = true
		}
	}
	return opts, words
}

var fishSetShort = map[byte]string{
	'e': "erase", 'q': "query", 'S': "show", 'n': "names", 'L': "long",
	'x': "export", 'u': "unexport", 'g': "global", 'U': "universal",
	'l': "local", 'f': "function", 'a': "append", 'p': "prepend",
}

// fishSet handles `set [options] NAME values...` and `set -e NAME`.
func (r *reader) fishSet(fc *fileCtx, words []fishWord, sc scope) {
	opts, words := fishOptions(words, fishSetShort)
	if len(words) == 0 || opts["query"] || opts["show"] || opts["names"] {
		return
	}
	nameWord, values := words[0], words[1:]
	name, ok := nameWord.literal()
	if !ok || !ValidName(name) {
		return // computed name or NAME[index]
	}
	na := newAssignment{
		name: name, line: nameWord.line, col: nameWord.col,
		raw: fc.span(values), exact: true, statement: "fish set",
		exported: opts["export"] && !opts["unexport"],
	}
	if opts["erase"] {
		na.statement, na.unset = "fish set -e", true
		r.record(fc, na, sc)
		return
	}
	for _, w := range values {
		items, exact := r.fishExpand(w)
		na.list, na.exact = append(na.list, items...), na.exact && exact
	}
	if opts["append"] || opts["prepend"] {
		old := r.vars.lookup(name)
		na.exact = na.exact && old.exact
		switch {
		case opts["append"] && opts["prepend"]:
			na.list = append(append(append([]string{}, na.list...), old.list...), na.list...)
		case opts["append"]:
			na.list = append(append([]string{}, old.list...), na.list...)
		default:
			na.list = append(append([]string{}, na.list...), old.list...)
		}
	}
	if na.list == nil {
		na.list = []string{}
	}
	if opts["local"] || opts["function"] {
		// Block- or function-local: later lines of this file may use it,
		// but it never reaches the session.
		if !sc.inFunction {
			r.vars.setList(name, na.list, fishJoin(name), na.exact)
		}
		return
	}
	if name == "fish_user_paths" {
		na.name, na.list = "PATH", userPathsInFront(na.list)
	}
	na.value = strings.Join(na.list, fishJoin(na.name))
	r.record(fc, na, sc)
}

// userPathsInFront is what PATH becomes when fish_user_paths is list: fish
// puts fish_user_paths in front of the rest of PATH.
func userPathsInFront(list []string) []string {
	var added []string
	for _, item := range list {
		if item != oldPath {
			added = append(added, item)
		}
	}
	return append(added, oldPath)
}

var fishAddPathShort = map[byte]string{
	'g': "global", 'U': "universal", 'P': "path", 'm': "move",
	'a': "append", 'p': "prepend", 'v': "verbose", 'n': "dry-run", 'h': "help", 'd': "debug",
}

// fishAddPath handles fish_add_path, which puts directories in
// fish_user_paths (or PATH with -P): in front of PATH unless -a. It skips
// directories that do not exist or are already there; we report the
// statement as written.
func (r *reader) fishAddPath(fc *fileCtx, words []fishWord, sc scope) {
	opts, dirs := fishOptions(words[1:], fishAddPathShort)
	if opts["dry-run"] || opts["help"] || len(dirs) == 0 {
		return
	}
	na := newAssignment{
		name: "PATH", line: words[0].line, col: words[0].col,
		raw: fc.span(dirs), exact: true, statement: "fish_add_path",
	}
	for _, w := range dirs {
		items, exact := r.fishExpand(w)
		na.list, na.exact = append(na.list, items...), na.exact && exact
	}
	if opts["append"] {
		na.list = append([]string{oldPath}, na.list...)
	} else {
		na.list = append(na.list, oldPath)
	}
	na.value = strings.Join(na.list, ":")
	r.record(fc, na, sc)
}

// fishJoin is how fish joins a list when it exports it: variables whose
// name ends in PATH with ":", others with spaces.
func fishJoin(name string) string {
	if strings.HasSuffix(name, "PATH") {
		return ":"
	}
	return " "
}

// fishExpand expands one word into list items, literally.
func (r *reader) fishExpand(w fishWord) (items []string, exact bool) {
	if len(w.pieces) == 1 && w.pieces[0].kind == varPiece && !w.pieces[0].quoted && !w.opaque {
		v := r.vars.lookup(w.pieces[0].text)
		if v.unset {
			return nil, true // an empty list makes no item at all
		}
		return v.list, v.exact
	}
	var b strings.Builder
	exact = !w.opaque
	for _, p := range w.pieces {
		switch p.kind {
		case litPiece:
			b.WriteString(p.text)
		case varPiece:
			v := r.vars.lookup(p.text)
			b.WriteString(strings.Join(v.list, " "))
			exact = exact && v.exact && (p.quoted || len(v.list) == 1)
		case homePiece:
			home := r.vars.lookup("HOME")
			b.WriteString(home.value)
			exact = exact && home.exact && !home.unset
		case opaquePiece:
			b.WriteString(p.text)
			exact = false
		}
	}
	return []string{b.String()}, exact
}

// span is the source text from the first to the last of words.
func (fc *fileCtx) span(words []fishWord) string {
	if len(words) == 0 {
		return ""
	}
	start, end := words[0].start, words[len(words)-1].end
	if start < 0 || end > len(fc.src) || start > end {
		return ""
	}
	return string(fc.src[start:end])
}
