package envprobe

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// For is snap, probed in another module with the same selection key, as
// seen from dir: its own module files, and whatever pointed at the other
// module's governing file (toolchain findings, their go-line fixes, file
// names in messages and evidence) now pointing at dir's.
func (snap *Snapshot) For(dir string, gov []ModuleFile) *Snapshot {
	out := *snap
	out.Workspace, out.Modules = dir, gov
	from, to := governing(snap.Modules), governing(gov)
	if from == nil || to == nil || from.File == to.File {
		return &out
	}
	move := func(loc *findings.Location) *findings.Location {
		if loc == nil || loc.File != from.File {
			return loc
		}
		l := *loc
		l.File = to.File
		switch {
		case l.Line != 0 && l.Line == from.ToolchainLine:
			l.Line = to.ToolchainLine
		case l.Line != 0 && l.Line == from.GoLine:
			l.Line = to.GoLine
		}
		return &l
	}
	text := fileReplacer(from, to)
	out.Toolchain.SelectedReason = text.Replace(snap.Toolchain.SelectedReason)
	out.Findings = make([]findings.Finding, len(snap.Findings))
	for i, f := range snap.Findings {
		f.Message = text.Replace(f.Message)
		f.Location = move(f.Location)
		f.Evidence = slices.Clone(f.Evidence)
		for j, e := range f.Evidence {
			f.Evidence[j] = text.Replace(e)
		}
		if f.Args != nil {
			f.Args = maps.Clone(f.Args)
			for k, v := range f.Args {
				f.Args[k] = text.Replace(v)
			}
		}
		f.Fixes = slices.Clone(f.Fixes)
		for j := range f.Fixes {
			f.Fixes[j].Location = move(f.Fixes[j].Location)
		}
		out.Findings[i] = f
	}
	return &out
}

// fileReplacer rewrites "from:line" references to the same line of to, then
// bare mentions of from; longer patterns first so that "go.mod:3" does not
// eat the start of "go.mod:30".
func fileReplacer(from, to *ModuleFile) *strings.Replacer {
	type pair struct{ old, new string }
	pairs := []pair{{from.File, to.File}}
	for _, l := range [][2]int{{from.GoLine, to.GoLine}, {from.ToolchainLine, to.ToolchainLine}} {
		if l[0] != 0 {
			pairs = append(pairs, pair{from.File + ":" + strconv.Itoa(l[0]), to.File + ":" + strconv.Itoa(l[1])})
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return len(pairs[i].old) > len(pairs[j].old) })
	var args []string
	for _, p := range pairs {
		args = append(args, p.old, p.new)
	}
	return strings.NewReplacer(args...)
}

func governing(mods []ModuleFile) *ModuleFile {
	for i := range mods {
		if mods[i].Governs {
			return &mods[i]
		}
	}
	return nil
}
