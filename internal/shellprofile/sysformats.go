package shellprofile

import (
	"strings"
)

// readPamEnv reads /etc/environment the way pam_env (Linux-PAM,
// modules/pam_env/pam_env.c, _parse_env_file and _assemble_line) does:
//
//   - a line ending in a backslash continues on the next line;
//   - blank lines and lines starting with # are skipped, and a # anywhere
//     ends the line;
//   - "export " in front is skipped, for compatibility with shells;
//   - the name must be letters, digits and _ up to the =, else the line is
//     ignored (so "GOROOT = /x" sets nothing);
//   - a value starting with " or ' loses that quote and a quote at its very
//     end, nothing else: no escapes, and no $VAR expansion at all;
//   - a line with a name alone unsets a variable set before.
//
// Every value is exact and exported: pam_env puts it in the environment the
// login shell starts with.
func (r *reader) readPamEnv(fc *fileCtx) {
	lines := strings.Split(string(fc.src), "\n")
	for i := 0; i < len(lines); {
		start := -1 // first physical line of the logical one
		var buf strings.Builder
		complete := false
		for i < len(lines) && !complete {
			phys := lines[i]
			i++
			content := strings.TrimLeft(phys, " \t")
			if content == "" || content[0] == '#' {
				continue // nothing here, even inside a continuation
			}
			if start < 0 {
				start = i
			}
			// Leading blanks stay in the buffer (pam_env skips only those
			// of the first line), so a continued line's indent is part of
			// the value.
			if hash := strings.IndexByte(phys, '#'); hash >= 0 {
				buf.WriteString(phys[:hash])
				complete = true
				break
			}
			trimmed := strings.TrimRight(phys, " \t")
			if body, more := strings.CutSuffix(trimmed, `\`); more {
				buf.WriteString(body)
				continue
			}
			buf.WriteString(phys)
			complete = true
		}
		if !complete {
			break // pam_env drops a continuation that runs into the end of the file
		}
		r.pamEnvLine(fc, start, buf.String())
	}
}

// pamEnvLine handles one logical line of /etc/environment.
func (r *reader) pamEnvLine(fc *fileCtx, line int, text string) {
	key := strings.TrimLeft(text, " \t")
	key = strings.TrimPrefix(key, "export ")
	name, raw, hasValue := strings.Cut(key, "=")
	if name == "" || !pamName(name) {
		return
	}
	col := 1 // also when the name is on a continuation line
	if i := strings.Index(fc.line(line), name); i >= 0 {
		col = i + 1
	}
	a := Assignment{Line: line, Column: col, Name: name, Raw: raw, Exact: true, Statement: "pam_env"}
	if !hasValue {
		// pam_env deletes only a variable that is set by then.
		if v, ok := r.vars.vars[name]; !ok || v.unset {
			return
		}
		a.Raw, a.Unset = "", true
		r.recordLiteral(fc, a)
		return
	}
	value := raw
	if value != "" && (value[0] == '"' || value[0] == '\'') {
		value = value[1:]
		if n := len(value); n > 0 && (value[n-1] == '"' || value[n-1] == '\'') {
			value = value[:n-1]
		}
	}
	a.Value = value
	a.Exported, a.ExportedBy = true, "pam_env puts it in the environment of every login session"
	if name == "PATH" {
		// Set outright, and literally: a "$PATH" here stays those five
		// characters, which is a directory no one has.
		a.PathAdded = nonEmpty(strings.Split(value, ":"))
		a.PathReplaces = true
	}
	r.recordLiteral(fc, a)
}

// pamName is pam_env's check: letters, digits and underscores only.
func pamName(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// readPaths reads /etc/paths or a file of /etc/paths.d the way path_helper
// does: every line is one directory, taken as written (no trimming, no
// comments, no expansion: path_helper escapes $ and quotes). Empty lines
// and directories already added by an earlier line or file are skipped.
// Each directory goes in front of the PATH the shell had, in file order.
func (r *reader) readPaths(fc *fileCtx) {
	if r.pathHelper == nil {
		r.pathHelper = map[string]bool{}
	}
	for i, dir := range strings.Split(string(fc.src), "\n") {
		if dir == "" || r.pathHelper[dir] {
			continue
		}
		r.pathHelper[dir] = true
		r.recordLiteral(fc, Assignment{
			Line: i + 1, Column: 1, Name: "PATH", Raw: dir, Value: dir, Exact: true,
			Exported: true, ExportedBy: "path_helper exports PATH", Statement: "path_helper",
			PathAdded: []string{dir}, PathPrepends: true,
		})
	}
}

// recordLiteral is record for the literal formats, which need no scope: a
// has everything but its file.
func (r *reader) recordLiteral(fc *fileCtx, a Assignment) {
	if a.Unset {
		r.vars.unset(a.Name)
	} else {
		r.vars.set(a.Name, a.Value, true)
		r.markExport(fc, a.Name, a.Line, scope{})
	}
	if !r.want(a.Name) {
		return
	}
	a.File, a.System = fc.path, fc.system
	r.res.Assignments = append(r.res.Assignments, a)
}

// line returns line n (1-based) of the file, without its newline.
func (fc *fileCtx) line(n int) string {
	lines := strings.SplitN(string(fc.src), "\n", n+1)
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

func nonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
