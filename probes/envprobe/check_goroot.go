package envprobe

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/goroot-lens/goroot-lens/internal/pathlist"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

func (p *probe) checkGoFound() {
	if p.winner != nil {
		return
	}
	f := p.add(findings.GoNotFound, nil)
	f.Evidencef("searched %d PATH entries: %s", len(p.path), p.env.Get("PATH"))
	for _, s := range p.skipped {
		f.Evidencef("skipped %s: it is %s", s.Path, s.Reason)
	}
	if p.root.Value != "" {
		if t := p.tree(p.root.Value); t.Valid() {
			bin := filepath.Join(p.root.Value, "bin")
			f.Evidencef("GOROOT %s (%s) is a Go tree, but %s is not on PATH", p.root.Value, p.root.Source, bin)
			f.Fixes = append(f.Fixes, p.recipes().PrependPath("add-goroot-bin", bin))
			return
		}
	}
	f.Fixes = append(f.Fixes, findings.Fix{ID: "install-go", Kind: findings.FixCommand, Preferred: true,
		Title: p.fixTitle("fix.install-go", nil), Command: "https://go.dev/doc/install"})
}

func (p *probe) checkGoCommand() {
	r := p.goEnvRun
	if r == nil || r.Err == nil {
		return
	}
	// The message names the command as a user would type it; the evidence
	// below has every variable name it was asked for.
	shown := r.Args
	if len(shown) > 2 && shown[0] == "env" {
		shown = shown[:2]
	}
	args := map[string]string{"go": p.winner.Path, "args": strings.Join(shown, " "), "reason": firstLine(r.Stderr, r.Err.Error())}
	if r.TimedOut {
		args["variant"], args["timeout"] = "timeout", p.opts.timeout().String()
	}
	f := p.add(findings.GoCommandFailed, args)
	f.Evidencef("command: GOTOOLCHAIN=local %s %s (in %s)", p.winner.Path, strings.Join(r.Args, " "), p.dir)
	if r.ExitCode != 0 {
		f.Evidencef("exit status %d", r.ExitCode)
	}
	for _, l := range strings.Split(r.Stderr, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			f.Evidencef("stderr: %s", printable(l, 400))
		}
	}
	if r.Err != nil && r.Stderr == "" {
		f.Evidencef("error: %v", r.Err)
		// A wrapper that fails may say why on stdout.
		if line := firstLine(string(r.Stdout), ""); line != "" {
			f.Evidencef("stdout: %s", printable(line, 200))
		}
	}
}

// checkGoroot judges every GOROOT that is set explicitly, and the tree of
// the go that runs.
func (p *probe) checkGoroot() {
	goVersion := p.runningVersion()
	// Every explicit GOROOT: process environment and GOENV file.
	if v := p.env.Get("GOROOT"); v != "" {
		p.judgeExplicitRoot(filepath.Clean(v), p.describeProcessVar("GOROOT"), nil, goVersion, true)
	}
	if e, ok := p.userFile.Lookup("GOROOT"); ok && e.Value != "" {
		loc := &findings.Location{File: p.userFile.Path, Line: e.Line}
		p.judgeExplicitRoot(filepath.Clean(e.Value), "GOENV file "+loc.String(), loc, goVersion, p.env.Get("GOROOT") == "")
	}
	p.judgeFreshRoot(goVersion)
	p.checkTreeConsistency()
}

// judgeFreshRoot judges the GOROOT that a new login shell (Unix) or a new
// process (Windows) gets from a persistent place when this process has
// another: the user's next terminal is where it breaks, so a broken or
// mismatched value there is reported as if in effect, with that place as its
// source — not as a stale environment that a restart would cure.
func (p *probe) judgeFreshRoot(goVersion string) {
	fresh, ok := p.persisted.Final("GOROOT")
	if !ok || fresh.Unset || !fresh.Exact || !fresh.Exported || fresh.InFunction || fresh.Value == "" {
		return
	}
	if cur := p.env.Get("GOROOT"); cur != "" && sameDir(cur, fresh.Value, p.goos) {
		return // judged above as the process's own value
	}
	root := filepath.Clean(fresh.Value)
	t := p.tree(root)
	mismatch := t.Valid() && t.Version != "" && goVersion != "" && !sameRelease(t.Version, goVersion) &&
		!p.freshPathHas(filepath.Join(root, "bin"))
	if t.Valid() && !mismatch {
		return
	}
	before := len(p.out)
	p.judgeExplicitRoot(root, fresh.Source, fresh.location(), goVersion, true)
	if len(p.out) == before {
		return
	}
	p.freshJudged = true
	f := &p.out[before]
	f.Args["variant"] = "fresh-shell"
	if p.goos == "windows" {
		f.Args["variant"] = "fresh-process"
	}
	f.Message = findings.Message(p.lang, f.Code, f.Args)
	cur := p.env.Get("GOROOT")
	if cur == "" {
		cur = "unset"
	}
	f.Evidencef("this process: GOROOT=%s; a new %s gets GOROOT=%s", cur, p.newProcessWord(), root)
}

// freshPathHas: the persistent PATH a new process gets adds dir, so the go
// found there would run with its own tree.
func (p *probe) freshPathHas(dir string) bool {
	for _, e := range p.persisted.FreshPath {
		if pathlist.Same(e.Dir, dir, p.goos) {
			return true
		}
	}
	for _, v := range p.persisted.All("PATH") {
		for _, d := range v.PathAdded {
			if v.Exact && !v.InFunction && pathlist.Same(d, dir, p.goos) {
				return true
			}
		}
	}
	return false
}

// newProcessWord is what gets a persisted value on this platform.
func (p *probe) newProcessWord() string {
	if p.goos == "windows" {
		return "process"
	}
	return "login shell"
}

// runningVersion is the version of the go that runs: go env GOVERSION when
// it ran, else its build info.
func (p *probe) runningVersion() string {
	if v := p.goEnv["GOVERSION"]; v != "" {
		return v
	}
	if p.winner != nil {
		return p.winner.Version
	}
	return ""
}

func (p *probe) judgeExplicitRoot(root, source string, loc *findings.Location, goVersion string, effective bool) {
	t := p.tree(root)
	if !t.Valid() {
		f := p.add(findings.GorootInvalid, map[string]string{"goroot": root, "source": source, "problem": missingText(t)})
		f.Location = loc
		f.Evidencef("GOROOT=%s from %s", root, source)
		f.Evidencef("missing: %s", strings.Join(t.Missing, ", "))
		if p.goEnvRun != nil && p.goEnvRun.Err != nil && effective {
			f.Evidencef("go says: %s", firstLine(p.goEnvRun.Stderr, p.goEnvRun.Err.Error()))
		}
		f.Fixes = p.unsetFixes("GOROOT")
		return
	}
	if !effective {
		return
	}
	if t.Version != "" && goVersion != "" && !sameRelease(t.Version, goVersion) {
		f := p.add(findings.GorootEnvMismatch, map[string]string{"goroot": root, "source": source, "rootVersion": t.Version, "goVersion": goVersion})
		f.Location = loc
		f.Evidencef("%s/VERSION: %s", root, t.Version)
		f.Evidencef("%s is %s (go env GOVERSION)", p.winner.Path, goVersion)
		f.Evidencef("GOROOT=%s from %s", root, source)
		// Only removal: pointing GOROOT at the tree of the go that runs
		// would be goroot-redundant, and wrong again after the next install.
		f.Fixes = p.unsetFixes("GOROOT")
		return
	}
	if p.winner != nil && p.winner.GOROOT != "" && sameDir(root, p.winner.GOROOT, p.goos) {
		f := p.add(findings.GorootRedundant, map[string]string{"goroot": root, "source": source})
		f.Location = loc
		f.Evidencef("%s lies in %s, so go finds GOROOT %s from its own location", p.winner.Path, filepath.Join(p.winner.GOROOT, "bin"), p.winner.GOROOT)
		f.Fixes = p.unsetFixes("GOROOT")
		return
	}
	bin := filepath.Join(root, "bin")
	if pathlist.Contains(p.pathDirs(), bin, p.goos) < 0 && (p.winner == nil || !sameDir(filepath.Dir(p.winner.Resolved), bin, p.goos)) {
		f := p.add(findings.GorootBinNotOnPath, map[string]string{"goroot": root, "source": source, "bin": bin})
		f.Location = loc
		f.Evidencef("GOROOT=%s from %s", root, source)
		if p.winner != nil {
			f.Evidencef("the go that runs is %s (%s)", p.winner.Path, p.winner.Version)
		}
		f.Fixes = append(f.Fixes, p.recipes().PrependPath("prepend-goroot-bin", bin))
		f.Fixes = append(f.Fixes, p.unsetFixes("GOROOT")...)
	}
}

// checkTreeConsistency finds mixed installs: a tree whose VERSION, bin/go
// and compiler disagree. It looks at the effective GOROOT and at the tree of
// every go on PATH.
func (p *probe) checkTreeConsistency() {
	seen := map[string]bool{}
	roots := []string{p.root.Value}
	for _, c := range p.cands {
		roots = append(roots, c.GOROOT)
	}
	for _, root := range roots {
		if root == "" || seen[root] {
			continue
		}
		seen[root] = true
		t := p.tree(root)
		if !t.Valid() || t.Version == "" {
			continue
		}
		for _, part := range []struct{ name, version string }{
			{filepath.Join("bin", exeName("go", p.goos)), t.GoVersion},
			{filepath.Join("pkg", "tool", p.goos+"_"+p.goarch, exeName("compile", p.goos)), t.CompileVersion},
		} {
			if part.version == "" || sameRelease(part.version, t.Version) {
				continue
			}
			f := p.add(findings.GorootVersionMismatch, map[string]string{"goroot": root, "rootVersion": t.Version, "part": part.name, "partVersion": part.version})
			f.Evidencef("%s: %s", filepath.Join(root, "VERSION"), t.Version)
			f.Evidencef("%s: built by %s", filepath.Join(root, part.name), part.version)
			f.Fixes = append(f.Fixes, findings.Fix{ID: "reinstall-go", Kind: findings.FixCommand, Preferred: true,
				Title: p.fixTitle("fix.reinstall-go", nil), Command: "https://go.dev/doc/install"})
			break
		}
	}
}

// sameRelease compares versions ignoring suffixes like " X:nocoverageredesign"
// that VERSION files may carry.
func sameRelease(a, b string) bool {
	cut := func(s string) string { return strings.Fields(s + " ")[0] }
	return cut(a) == cut(b)
}

func missingText(t goTree) string {
	if len(t.Missing) == 1 && strings.HasPrefix(t.Missing[0], "the folder") {
		return t.Missing[0]
	}
	return "no " + strings.Join(t.Missing, ", no ")
}

func (p *probe) pathDirs() []string {
	out := make([]string, len(p.path))
	for i, e := range p.path {
		out[i] = e.Dir
	}
	return out
}

// sameDir compares two folders as the host does (pathlist.SameDir).
func sameDir(a, b, goos string) bool { return pathlist.SameDir(a, b, goos) }

func firstLine(s, fallback string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return fallback
}

// printable is s as one line a terminal shows safely: valid UTF-8, control
// characters as \uXXXX escapes, at most max runes.
func printable(s string, max int) string {
	var b strings.Builder
	n := 0
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if n == max {
			b.WriteString("…")
			break
		}
		if unicode.IsControl(r) {
			fmt.Fprintf(&b, "\\u%04x", r)
		} else {
			b.WriteRune(r)
		}
		n++
	}
	return b.String()
}

// readLine returns line n (1-based) of a file, or "".
func readLine(path string, n int) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for i := 1; sc.Scan(); i++ {
		if i == n {
			return strings.TrimRight(sc.Text(), "\r")
		}
	}
	return ""
}
