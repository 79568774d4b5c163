package envprobe

import (
	"github.com/goroot-lens/goroot-lens/internal/pathlist"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// checkRunning compares the environment judged (what a program started
// now gets, e.g. after a fix) with the one the programs already running
// hold (Options.Running: the editor, gopls, open terminals), and says for
// each Go variable and PATH entry that differs which programs keep the
// old value and which restart helps.
func (p *probe) checkRunning() {
	if p.opts.Running == nil {
		return
	}
	running := newEnviron(p.opts.Running, p.goos)
	for _, name := range append([]string{"PATH"}, goVariables...) {
		old, oldSet := running.Lookup(name)
		now, nowSet := p.env.Lookup(name)
		if old == now && oldSet == nowSet {
			continue
		}
		if name == "PATH" {
			p.runningPath(running)
			continue
		}
		args := map[string]string{"variant": "running", "name": name, "current": orUnset(p.lang, old, oldSet), "fresh": orUnset(p.lang, now, nowSet)}
		f := p.add(findings.EnvStale, args)
		f.Evidencef("running programs: %s=%s", name, args["current"])
		f.Evidencef("programs started from now on: %s=%s", name, args["fresh"])
		p.restartAllFix(f)
	}
}

// runningPath reports the Go-relevant entries a new process has on PATH
// and the running ones lack.
func (p *probe) runningPath(running environ) {
	old := splitPath(running.Get("PATH"), p.goos)
	var oldDirs []string
	for _, e := range old {
		oldDirs = append(oldDirs, e.Dir)
	}
	for _, e := range p.path {
		if !p.goRelevant(e.Dir) || pathlist.Contains(oldDirs, e.Dir, p.goos) >= 0 {
			continue
		}
		f := p.add(findings.EnvStale, map[string]string{"variant": "running-path", "name": "PATH", "entry": e.Dir})
		f.Evidencef("programs started from now on have %s on PATH; the running ones do not", e.Dir)
		p.restartAllFix(f)
		oldDirs = append(oldDirs, e.Dir)
	}
}

func (p *probe) restartAllFix(f *findings.Finding) {
	f.Fixes = append(f.Fixes, findings.Fix{ID: "restart-editor", Kind: findings.FixRestart, Preferred: true, Title: p.fixTitle("fix.restart-editor", nil)})
}

func orUnset(lang, v string, set bool) string {
	if !set {
		return findings.Text(lang, "value.unset", nil)
	}
	return v
}
