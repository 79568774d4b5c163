package envprobe

import (
	"strconv"
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/pathlist"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// checkProfiles reports profile assignments without export and Go variables
// that several profile places disagree on.
func (p *probe) checkProfiles() {
	byName := map[string][]persistedVar{}
	for _, v := range p.persisted.Vars {
		if v.Kind != SourceShellProfile {
			continue
		}
		if v.Unset {
			continue
		}
		if !v.Exported && !v.InFunction {
			p.reportMissingExport(v)
		}
		if v.Name != "PATH" && v.Exact {
			byName[v.Name] = append(byName[v.Name], v)
		}
	}
	for name, vs := range byName {
		values := map[string]bool{}
		for _, v := range vs {
			values[v.Value] = true
		}
		if len(values) < 2 {
			continue
		}
		winner, ok := p.persisted.Final(name)
		if !ok {
			continue
		}
		f := p.add(findings.ProfileConflict, map[string]string{"name": name, "count": strconv.Itoa(len(vs)),
			"winner": winner.File + ":" + strconv.Itoa(winner.Line), "shell": orUnknown(p.persisted.Shell)})
		f.Location = winner.location()
		for _, v := range vs {
			mark := ""
			if v.Final {
				mark = " (wins)"
			}
			f.Evidencef("%s:%d: %s=%s%s", v.File, v.Line, name, v.Value, mark)
		}
		for _, v := range vs {
			if !v.Final {
				f.Fixes = append(f.Fixes, p.deleteLineFix(v))
			}
		}
	}
}

func (p *probe) reportMissingExport(v persistedVar) {
	args := map[string]string{"name": v.Name, "location": v.location().String()}
	f := p.add(findings.ProfileMissingExport, args)
	f.Location = v.location()
	line := readLine(v.File, v.Line)
	f.Evidencef("%s: %s", v.location(), strings.TrimSpace(line))
	if v.Name == "PATH" {
		f.Evidencef("PATH is normally exported already by the login environment, so bash and zsh pass the new value on; other variables are not")
	} else {
		f.Evidencef("bash and zsh pass an unexported assignment on only when %s was already in the inherited environment", v.Name)
	}
	trimmed := strings.TrimLeft(line, " \t")
	if strings.HasPrefix(trimmed, v.Name+"=") && p.persisted.Shell != "fish" {
		indent := line[:len(line)-len(trimmed)]
		f.Fixes = append(f.Fixes, findings.Fix{ID: "export-" + strings.ToLower(v.Name), Kind: findings.FixEditFile, Var: v.Name, Preferred: true,
			Store: findings.StoreProfile, Shell: p.persisted.Shell,
			Title:    p.fixTitle("fix.add-export", args),
			Location: v.location(), NewText: indent + "export " + trimmed})
	}
}

// checkStale compares the process environment with what a newly started
// process would get: the registry on Windows, the login-shell profiles
// elsewhere. Only values we can know exactly are compared.
func (p *probe) checkStale() {
	for _, name := range goVariables {
		if name == "GOROOT" && p.freshJudged {
			continue // reported as the value in effect, with its fixes
		}
		fresh, ok := p.persisted.Final(name)
		current, set := p.env.Lookup(name)
		cur := current
		if !set {
			cur = "unset"
		}
		switch {
		case ok && fresh.Unset && current != "":
			f := p.add(findings.EnvStale, map[string]string{"name": name, "current": cur, "fresh": "nothing (unset)", "source": fresh.Source})
			f.Location = fresh.location()
			f.Evidencef("%s unsets %s", fresh.Source, name)
			p.restartFix(f)
		case ok && !fresh.Unset && fresh.Exact && fresh.Exported && current != fresh.Value:
			f := p.add(findings.EnvStale, map[string]string{"name": name, "current": cur, "fresh": fresh.Value, "source": fresh.Source})
			f.Location = fresh.location()
			f.Evidencef("this process: %s=%s", name, cur)
			f.Evidencef("%s: %s=%s", fresh.Source, name, fresh.Value)
			p.restartFix(f)
		case !ok && p.persisted.Complete && current != "":
			// Windows: every new process gets its variables from the
			// registry, which no longer defines this one.
			f := p.add(findings.EnvStale, map[string]string{"name": name, "current": cur, "fresh": "nothing (unset)", "source": "the registry"})
			f.Evidencef("this process: %s=%s; neither HKCU\\Environment nor the system Environment key defines %s", name, cur, name)
			p.restartFix(f)
		}
	}
	p.checkStalePath()
}

// checkStalePath reports Go-relevant directories a new process would have on
// PATH that this one lacks.
func (p *probe) checkStalePath() {
	dirs := p.pathDirs()
	report := func(dir, source string, loc *findings.Location) {
		if !p.goRelevant(dir) || pathlist.Contains(dirs, dir, p.goos) >= 0 {
			return
		}
		f := p.add(findings.EnvStale, map[string]string{"variant": "path", "name": "PATH", "entry": dir, "source": source})
		f.Location = loc
		f.Evidencef("%s adds %s; this process's PATH does not have it", source, dir)
		p.restartFix(f)
		dirs = append(dirs, dir) // once per directory
	}
	if p.goos == "windows" {
		for _, e := range p.persisted.FreshPath {
			report(e.Dir, scopeText(e.Scope), nil)
		}
		return
	}
	for _, v := range p.persisted.All("PATH") {
		if !v.Exact || v.InFunction {
			continue
		}
		for _, d := range v.PathAdded {
			report(d, v.Source, v.location())
		}
	}
}

// goRelevant: the directory holds a go binary, or is GOROOT/bin, GOBIN or
// GOPATH/bin.
func (p *probe) goRelevant(dir string) bool {
	if _, ok := lookInDir(dir, "go", p.goos); ok {
		return true
	}
	for _, d := range []string{p.goEnv["GOBIN"], p.env.Get("GOBIN")} {
		if d != "" && pathlist.Same(d, dir, p.goos) {
			return true
		}
	}
	if p.root.Value != "" && pathlist.Same(dir, p.root.Value+string(sep(p.goos))+"bin", p.goos) {
		return true
	}
	gopath := p.goEnv["GOPATH"]
	if gopath == "" {
		gopath = p.env.Get("GOPATH")
	}
	for _, g := range strings.Split(gopath, string(listSep(p.goos))) {
		if g != "" && pathlist.Same(dir, g+string(sep(p.goos))+"bin", p.goos) {
			return true
		}
	}
	return false
}

func (p *probe) restartFix(f *findings.Finding) {
	f.Fixes = append(f.Fixes, findings.Fix{ID: "restart", Kind: findings.FixRestart, Preferred: true, Title: p.fixTitle("fix.restart", nil)})
}

func sep(goos string) byte {
	if goos == "windows" {
		return '\\'
	}
	return '/'
}

func listSep(goos string) byte {
	if goos == "windows" {
		return ';'
	}
	return ':'
}
