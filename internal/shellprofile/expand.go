package shellprofile

import (
	"io"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// fileCtx is the file a statement came from; src lets us quote the source.
type fileCtx struct {
	path string
	src  []byte
	// system and root come from the File being read (see File).
	system bool
	root   string
}

// text is the source of a node exactly as written.
func (fc *fileCtx) text(node syntax.Node) string {
	start, end := node.Pos().Offset(), node.End().Offset()
	if !node.Pos().IsValid() || !node.End().IsValid() || start > end || end > uint(len(fc.src)) {
		return ""
	}
	return string(fc.src[start:end])
}

// expandWord expands w literally, without running anything. Command and
// process substitutions come back as their source text. In an assignment
// (inAssignment) a ~ after a colon expands too, as in PATH=~/bin:~/go/bin.
func (r *reader) expandWord(fc *fileCtx, w *syntax.Word, inAssignment bool) (value string, exact bool) {
	if w == nil || len(w.Parts) == 0 {
		return "", true
	}
	raw := fc.text(w)
	// expand is third-party code run on arbitrary input: a panic there must
	// cost one value, not the whole probe.
	defer func() {
		if v := recover(); v != nil {
			value, exact = raw, false
			r.internalError(fc.path, int(w.Pos().Line()), "expanding %s: %v", raw, v)
		}
	}()
	exact = !needsShell(w)
	cfg := &expand.Config{
		Env: r.vars,
		CmdSubst: func(out io.Writer, cs *syntax.CmdSubst) error {
			_, err := io.WriteString(out, fc.text(cs))
			return err
		},
		ProcSubst: func(ps *syntax.ProcSubst) (string, error) { return fc.text(ps), nil },
	}
	segments := []*syntax.Word{w}
	if inAssignment {
		segments = splitBeforeTilde(w)
	}
	r.vars.inexact = false
	values := make([]string, len(segments))
	for i, seg := range segments {
		if len(seg.Parts) == 0 {
			continue
		}
		v, err := expand.Literal(cfg, seg)
		if err != nil {
			return raw, false
		}
		values[i] = v
	}
	return strings.Join(values, ":"), exact && !r.vars.inexact
}

// needsShell reports parts whose value only the running shell knows, or that
// expand does not model: substitutions, indirection, arrays, zsh flags and
// modifiers.
func needsShell(w *syntax.Word) bool {
	found := false
	syntax.Walk(w, func(node syntax.Node) bool {
		switch n := node.(type) {
		case *syntax.CmdSubst, *syntax.ProcSubst, *syntax.ExtGlob:
			found = true
		case *syntax.ParamExp:
			if n.Flags != nil || n.Excl || n.Width || n.IsSet || n.NestedParam != nil || n.Index != nil ||
				len(n.Modifiers) > 0 || n.Names != 0 || n.Split != 0 || n.GlobSubst != 0 || n.RcExpand != 0 {
				found = true
			}
		}
		return !found
	})
	return found
}

// splitBeforeTilde cuts an assignment value at each unquoted ":~" so every
// piece gets tilde expansion at its start. Shells do this for assignments
// (POSIX 2.6.1); expand.Literal only expands a leading ~. The pieces are
// joined again with ":" by the caller.
func splitBeforeTilde(w *syntax.Word) []*syntax.Word {
	segments := []*syntax.Word{{}}
	for _, part := range w.Parts {
		lit, ok := part.(*syntax.Lit)
		if !ok {
			last := segments[len(segments)-1]
			last.Parts = append(last.Parts, part)
			continue
		}
		rest := lit.Value
		for {
			i := colonBeforeTilde(rest)
			if i < 0 {
				break
			}
			appendLit(segments[len(segments)-1], lit, rest[:i])
			segments = append(segments, &syntax.Word{})
			rest = rest[i+1:]
		}
		appendLit(segments[len(segments)-1], lit, rest)
	}
	return segments
}

// colonBeforeTilde finds a ':' followed by '~' that no backslash escapes.
func colonBeforeTilde(s string) int {
	for i := 0; i+1 < len(s); i++ {
		switch {
		case s[i] == '\\':
			i++ // skip the escaped byte
		case s[i] == ':' && s[i+1] == '~':
			return i
		}
	}
	return -1
}

func appendLit(w *syntax.Word, from *syntax.Lit, value string) {
	if value != "" {
		w.Parts = append(w.Parts, &syntax.Lit{ValuePos: from.ValuePos, ValueEnd: from.ValueEnd, Value: value})
	}
}
