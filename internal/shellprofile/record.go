package shellprofile

import "fmt"

// newAssignment is what every front end (POSIX and fish) fills in; record
// does the rest.
type newAssignment struct {
	name      string
	line, col int
	raw       string
	value     string
	list      []string // fish: the list value; nil for POSIX shells
	exact     bool
	exported  bool // by this very statement
	statement string
	unset     bool
}

// record remembers the value for later expansions and, when the name is
// wanted, adds it to the result.
func (r *reader) record(fc *fileCtx, na newAssignment, sc scope) {
	// A function body only runs when called, so it must not change what
	// later lines see.
	if !sc.inFunction {
		switch {
		case na.unset:
			r.vars.unset(na.name)
		case na.list != nil:
			r.vars.setList(na.name, na.list, fishJoin(na.name), na.exact)
		default:
			r.vars.set(na.name, na.value, na.exact)
		}
	}
	if na.exported && !na.unset {
		r.markExport(fc, na.name, na.line, sc)
	}
	if !r.want(na.name) {
		return
	}
	a := Assignment{
		File: fc.path, Line: na.line, Column: na.col,
		Name: na.name, Raw: na.raw, Value: na.value, Exact: na.exact,
		Statement: na.statement, Unset: na.unset,
		InFunction: sc.inFunction, Conditional: sc.conditional,
		System: fc.system,
	}
	switch {
	case na.unset:
	case na.exported:
		a.Exported, a.ExportedBy = true, "exported by this statement"
	case r.allExport && !sc.inFunction:
		a.Exported, a.ExportedBy = true, "set -a (allexport) is in effect"
	}
	if a.Name == "PATH" {
		setPathChange(&a)
	}
	r.res.Assignments = append(r.res.Assignments, a)
}

// markExport notes that a statement exports name, with or without a value
// (fish too: a variable once exported stays exported when set again).
// Exports inside functions are left out: they only happen if the function
// is called.
func (r *reader) markExport(fc *fileCtx, name string, line int, sc scope) {
	if _, seen := r.exportMarks[name]; !seen && !sc.inFunction {
		r.exportMarks[name] = fmt.Sprintf("%s:%d", fc.path, line)
	}
}

// resolveExports runs after all files: `export NAME` anywhere in the files
// read exports NAME for the whole session, before or after the assignment,
// since children only start once the profiles are done.
func (r *reader) resolveExports() {
	for i := range r.res.Assignments {
		a := &r.res.Assignments[i]
		if a.Exported || a.Unset {
			continue
		}
		_, inherited := r.env[a.Name]
		switch where, marked := r.exportMarks[a.Name]; {
		case marked:
			a.Exported, a.ExportedBy = true, "exported at "+where
		case a.Name == "PATH":
			a.Exported, a.ExportedBy = true, "PATH is always in the environment a login shell inherits"
		case inherited:
			// go-environment-facts §6 (f): an inherited variable stays
			// exported, so even an unexported assignment reaches children.
			a.Exported, a.ExportedBy = true, a.Name+" is in the environment the shell inherits, so it stays exported"
		}
	}
}
