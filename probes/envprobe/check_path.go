package envprobe

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/pathlist"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// checkShadowed reports several go on PATH that are not the same toolchain.
func (p *probe) checkShadowed() {
	if len(p.cands) < 2 {
		return
	}
	distinct := map[string]bool{}
	for _, c := range p.cands {
		distinct[c.Version+"|"+c.GOROOT+"|"+c.Resolved] = true
	}
	// Two PATH entries reaching one binary (a symlink) are not shadowing.
	resolved := map[string]bool{}
	for _, c := range p.cands {
		resolved[c.Resolved] = true
	}
	if len(resolved) < 2 {
		return
	}
	w := p.winner
	f := p.add(findings.GoShadowed, map[string]string{"count": strconv.Itoa(len(resolved)), "winner": w.Path, "version": orUnknown(w.Version)})
	for _, c := range p.cands {
		role := "shadowed"
		if c.Wins {
			role = "wins"
		}
		f.Evidencef("PATH #%d %s → %s, %s, scope %s, GOROOT %s: %s", c.Position+1, c.Path, c.Resolved, orUnknown(c.Version), scopeText(c.Scope), orUnknown(c.GOROOT), role)
	}
	// Offer to put the newest shadowed toolchain first, when it is newer
	// than the winner: a newer go builds modules of older go lines, so an
	// older one first is never the cure, and after this fix the old go,
	// still on PATH, would otherwise be offered back.
	best := -1
	for i, c := range p.cands[1:] {
		if c.GOROOT != "" && (best < 0 || versionLess(p.cands[best].Version, c.Version)) {
			best = i + 1
		}
	}
	if best > 0 && (w.Version == "" || versionLess(w.Version, p.cands[best].Version)) {
		dir := filepath.Dir(p.cands[best].Path)
		prepend := p.recipes().PrependPath("prepend-"+p.cands[best].Version, dir)
		if pinned := p.pinnedRoot(); pinned != "" && !sameDir(pinned, p.cands[best].GOROOT, p.goos) {
			// A GOROOT naming another tree would make the go put first
			// build against it (goroot-env-mismatch): it goes first.
			f.Fixes = append(f.Fixes, p.unsetFixes("GOROOT")...)
			prepend.Preferred = false
			prepend.Title = p.fixTitle("fix.prepend-path-pinned", map[string]string{"title": prepend.Title, "goroot": pinned, "dir": dir})
		}
		f.Fixes = append(f.Fixes, prepend)
		if p.goos == "windows" && w.Scope == "system" {
			// A new process gets the system Path before the user Path:
			// the user entry cannot win, only an administrator can.
			f.Fixes = append(f.Fixes, p.recipes().SystemPathEntry(filepath.Dir(w.Path)))
		}
	}
}

// pinnedRoot is a GOROOT set explicitly for this process or a new one: the
// environment, the GOENV file, or what a new login shell or process gets.
func (p *probe) pinnedRoot() string {
	if p.root.Explicit {
		return p.root.Value
	}
	if fresh, ok := p.persisted.Final("GOROOT"); ok && !fresh.Unset && fresh.Exact && fresh.Exported && fresh.Value != "" {
		return filepath.Clean(fresh.Value)
	}
	return ""
}

// checkGopath reports GOPATH entries that are GOROOT or lie inside it.
func (p *probe) checkGopath() {
	root := p.root.Value
	gopath := p.goEnv["GOPATH"]
	if gopath == "" {
		gopath = p.env.Get("GOPATH")
	}
	if root == "" || gopath == "" {
		return
	}
	for i, entry := range filepath.SplitList(gopath) {
		if entry == "" || !within(entry, root, p.goos) {
			continue
		}
		f := p.add(findings.GopathIsGoroot, p.gopathWrites(i == 0, entry, root))
		if f.Args["variant"] == "nothing" {
			f.Severity = findings.Warning
		}
		f.Evidencef("GOPATH=%s (%s)", gopath, p.sourceOf("GOPATH"))
		f.Evidencef("GOROOT=%s (%s)", root, p.root.Source)
		if w := p.goWarning("both GOPATH and GOROOT"); w != "" {
			f.Evidencef("go env says: %s", w)
		}
		// Unsetting helps only when the default, ~/go, is outside GOROOT
		// (not so with HOME=/usr/local and GOROOT=/usr/local/go).
		alt := filepath.Join(p.env.home(p.goos), "go")
		if within(alt, root, p.goos) {
			alt = filepath.Join(p.env.home(p.goos), "gopath")
		} else {
			f.Fixes = p.unsetFixes("GOPATH")
		}
		f.Fixes = append(f.Fixes, p.recipes().SetUserVar("set-gopath", "GOPATH", alt))
		if len(f.Fixes) > 0 {
			f.Fixes[0].Preferred = true
		}
		return
	}
}

// gopathWrites says what the go command writes into the installation
// through a GOPATH entry inside it: only the first entry is a default, of
// GOBIN (entry/bin) and of GOMODCACHE (entry/pkg/mod), and go env reports
// the GOMODCACHE in effect.
func (p *probe) gopathWrites(first bool, entry, root string) map[string]string {
	gobin, modcache := p.goEnv["GOBIN"], p.goEnv["GOMODCACHE"]
	if modcache == "" && first {
		modcache = filepath.Join(entry, "pkg", "mod")
	}
	install := first && gobin == ""
	cache := modcache != "" && within(modcache, root, p.goos)
	args := map[string]string{"gopath": entry, "goroot": root, "gomodcache": modcache}
	switch {
	case install && cache:
	case install:
		args["variant"] = "install"
	case cache:
		args["variant"] = "modcache"
	default:
		args["variant"] = "nothing"
	}
	return args
}

// goWarning returns the line of go env's stderr that contains text, or "".
func (p *probe) goWarning(text string) string {
	if p.goEnvRun == nil {
		return ""
	}
	for _, l := range strings.Split(p.goEnvRun.Stderr, "\n") {
		if strings.Contains(l, text) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

// within reports dir == root or dir inside root.
func within(dir, root, goos string) bool {
	if sameDir(dir, root, goos) {
		return true
	}
	rel, err := filepath.Rel(root, dir)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return false
	}
	if goos == "windows" {
		return !strings.HasPrefix(strings.ToLower(rel), "..")
	}
	return true
}

// checkPathEntries finds unexpanded variables in PATH entries (the process
// PATH and, on Windows, the registry Path values new processes get) and
// Windows Path lengths, and GOBIN not on PATH.
func (p *probe) checkPathEntries() {
	for _, e := range p.path {
		p.reportUnexpanded(e.Dir, p.describePathEntry(e), p.registryPathType(e.Scope), nil)
	}
	for _, v := range p.persisted.All("Path") {
		if v.expandedByShell() || v.Type == "REG_EXPAND_SZ" {
			continue // profiles: judged when the shell runs; REG_EXPAND_SZ: Windows expands it
		}
		for _, d := range pathlist.Split(v.Value, p.goos) {
			if pathlist.Contains(p.pathDirs(), d, p.goos) >= 0 {
				continue // already reported from the process PATH
			}
			p.reportUnexpanded(d, v.Source, v.Type, v.location())
		}
	}
	if p.goos == "windows" {
		// The stored values meet the editor's limit; the Path a process
		// gets (system + user, expanded) meets cmd.exe's and Windows' own.
		p.checkPathLength("process", p.env.Get("PATH"), pathlist.WinPathLimitCmd)
		for _, v := range p.persisted.All("Path") {
			p.checkPathLength(scopeText(strings.TrimPrefix(strings.TrimSuffix(string(v.Kind), "-registry"), "windows-")), v.Value, pathlist.WinPathLimitEditor)
		}
	}
	p.checkGobin()
}

func (p *probe) describePathEntry(e pathEntry) string {
	return fmt.Sprintf("PATH entry #%d, %s", e.Index+1, scopeText(e.Scope))
}

// registryPathType is the value type of the registry Path that defines a
// PATH entry of scope user or system, "" otherwise.
func (p *probe) registryPathType(scope string) string {
	kind := map[string]SourceKind{"user": SourceUserRegistry, "system": SourceSystemRegistry}[scope]
	if kind == "" {
		return "" // a profile or the process: every PATH entry of a Unix probe
	}
	for _, v := range p.persisted.All("Path") {
		if v.Kind == kind {
			return v.Type
		}
	}
	return ""
}

func (p *probe) reportUnexpanded(entry, source, regType string, loc *findings.Location) {
	refs := pathlist.UnexpandedVars(entry, p.goos)
	if len(refs) == 0 {
		return
	}
	f := p.add(findings.PathUnexpandedVariable, map[string]string{"entry": entry, "source": source, "var": refs[0].Text})
	f.Location = loc
	f.Evidencef("PATH entry %q (%s)", entry, source)
	for _, r := range refs {
		if v, ok := p.env.Lookup(r.Name); ok {
			f.Evidencef("%s is defined (%s) but never expanded inside PATH", r.Text, v)
		} else {
			f.Evidencef("%s is not defined either", r.Text)
		}
	}
	if regType == "REG_SZ" {
		f.Evidencef("a REG_SZ value is used as written; only REG_EXPAND_SZ values have %%VAR%% expanded")
		for _, v := range p.persisted.All("Path") {
			if v.Kind == SourceUserRegistry && v.Type == "REG_SZ" {
				// Same text, stored as REG_EXPAND_SZ: Windows then expands it.
				fix := p.recipes().SetUserVar("path-expand-sz", "Path", v.Value)
				fix.Preferred, fix.Title = true, p.fixTitle("fix.path-expand-sz", nil)
				f.Fixes = append(f.Fixes, fix)
			}
		}
	}
}

func (p *probe) checkPathLength(scope, value string, smallest int) {
	n := pathlist.WindowsLen(value)
	var limits []pathlist.Limit
	for _, l := range pathlist.WindowsPathLimits(n) {
		if l.Max >= smallest {
			limits = append(limits, l)
		}
	}
	if len(limits) == 0 {
		return
	}
	worst := limits[len(limits)-1]
	f := p.add(findings.PathTooLong, map[string]string{"scope": scope, "length": strconv.Itoa(n), "limit": strconv.Itoa(worst.Max),
		"consequence": strings.TrimSuffix(worst.Consequence, ".")})
	// Past the cmd.exe limit things break outright; below it, only some
	// editors and setx cut the value.
	if worst.Max >= 8191 {
		f.Severity = findings.Error
	}
	for _, l := range limits {
		f.Evidencef("longer than %d: %s", l.Max, l.Consequence)
	}
	f.Fixes = append(f.Fixes, findings.Fix{ID: "shorten-path", Kind: findings.FixCommand, Preferred: true,
		Title: p.fixTitle("fix.shorten-path", map[string]string{"scope": scope})})
}

// checkGobin reports GOBIN (or the first GOPATH's bin) missing from PATH:
// a warning when it holds programs, a note when it is empty.
func (p *probe) checkGobin() {
	dir, name := p.goEnv["GOBIN"], "GOBIN"
	if dir == "" {
		dir, name = p.env.Get("GOBIN"), "GOBIN"
	}
	if dir == "" {
		gopath := p.goEnv["GOPATH"]
		if gopath == "" {
			gopath = p.env.Get("GOPATH")
		}
		if gopath == "" {
			if h := p.env.home(p.goos); h != "" {
				gopath = filepath.Join(h, "go")
			}
		}
		first := strings.Split(gopath, string(os.PathListSeparator))[0]
		if first == "" {
			return
		}
		dir, name = filepath.Join(first, "bin"), "GOPATH/bin"
	}
	if !dirExists(dir) || pathlist.Contains(p.pathDirs(), dir, p.goos) >= 0 {
		return
	}
	progs := programsIn(dir, p.goos)
	f := p.add(findings.GobinNotOnPath, map[string]string{"dir": dir, "var": name})
	if len(progs) == 0 {
		f.Severity = findings.Info
		f.Evidencef("%s is empty: nothing is missed yet", dir)
	} else {
		shown := progs
		if len(shown) > 8 {
			shown = append(shown[:8:8], "…")
		}
		f.Evidencef("%s holds %d programs: %s", dir, len(progs), strings.Join(shown, ", "))
	}
	f.Fixes = append(f.Fixes, p.recipes().AppendPath("add-gobin", dir))
}

func programsIn(dir, goos string) []string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if _, ok := lookInDir(dir, strings.TrimSuffix(e.Name(), ".exe"), goos); ok && !e.IsDir() {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// sourceOf describes where the effective value of a variable comes from.
func (p *probe) sourceOf(name string) string {
	if e, ok := p.effective(name); ok {
		return e.Source
	}
	return "default"
}
