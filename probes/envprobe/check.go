package envprobe

import (
	"github.com/goroot-lens/goroot-lens/fix/recipe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// check runs every check over what gather found.
func (p *probe) check() {
	p.checkGoFound()
	p.checkGoCommand()
	p.checkGoroot()
	p.checkShadowed()
	p.checkSkippedGo()
	p.checkGopath()
	p.checkPathEntries()
	p.checkStale()
	p.checkRunning()
	p.checkToolchain()
	p.checkGoenvFile()
	p.checkUnreadable()
	p.checkProfiles()
	p.checkProfileReading()
	p.checkWSL()
	p.checkSettings()
	p.checkShim()
	findings.Sort(p.out)
}

// add records a finding built from the catalogue and returns it for
// evidence and fixes.
func (p *probe) add(code findings.Code, args map[string]string) *findings.Finding {
	p.out = append(p.out, findings.New(p.lang, code, args))
	return &p.out[len(p.out)-1]
}

// fixTitle renders a fix title from the phrase catalogue.
func (p *probe) fixTitle(key string, args map[string]string) string {
	return findings.Text(p.lang, key, args)
}

// recipes is the fix recipe context for this probe's user.
func (p *probe) recipes() recipe.Context {
	shell := p.persisted.ShellPath
	if shell == "" {
		shell = p.env.Get("SHELL")
	}
	return recipe.NewContext(p.lang, p.goos, shell, p.env.home(p.goos), p.env.Get("ZDOTDIR"), p.env.Get("XDG_CONFIG_HOME"))
}

// unsetFixes are the ways to stop a variable being set, one per place that
// sets it persistently, the first preferred (recipe.UnsetFixes).
func (p *probe) unsetFixes(name string) []findings.Fix {
	var places []recipe.Place
	// The user's own places first: theirs to change; a system file's value
	// gets the user-level override and the administrator's command.
	for _, pv := range p.persisted.userFirst(name) {
		if pl, ok := pv.place(); ok {
			places = append(places, pl)
		}
	}
	var goenv *findings.Location
	if e, ok := p.userFile.Lookup(name); ok {
		goenv = &findings.Location{File: p.userFile.Path, Line: e.Line}
	}
	// A place that sets it puts it in the environment of new processes even
	// when this process lacks it (judgeFreshRoot).
	inEnv := p.env.Get(name) != "" || len(places) > 0
	return p.recipes().UnsetFixes(name, places, inEnv, goenv, p.goodRoot())
}

// goodRoot is a GOROOT that works: the tree of the go on PATH.
func (p *probe) goodRoot() string {
	if p.winner != nil {
		return p.winner.GOROOT
	}
	return ""
}

// place is where pv lives, for a fix recipe.
func (pv persistedVar) place() (recipe.Place, bool) {
	switch pv.Kind {
	case SourceUserRegistry:
		return recipe.Place{Store: findings.StoreUserRegistry}, true
	case SourceSystemRegistry:
		return recipe.Place{Store: findings.StoreSystemRegistry}, true
	case SourceShellProfile:
		return recipe.Place{Store: findings.StoreProfile, File: pv.File, Line: pv.Line}, pv.File != ""
	case SourceSystemProfile:
		return recipe.Place{Store: findings.StoreSystemFile, File: pv.File, Line: pv.Line}, pv.File != ""
	}
	return recipe.Place{}, false
}

// goenvUnsetFix removes name from the GOENV file with go env -u.
func (p *probe) goenvUnsetFix(name string) (findings.Fix, bool) {
	e, ok := p.userFile.Lookup(name)
	if !ok {
		return findings.Fix{}, false
	}
	return p.recipes().GoenvUnset(name, &findings.Location{File: p.userFile.Path, Line: e.Line}, p.goodRoot()), true
}

// deleteLineFix removes one profile line (the journal keeps it for undo).
func (p *probe) deleteLineFix(pv persistedVar) findings.Fix {
	pl, _ := pv.place()
	f, _ := p.recipes().UnsetAt(pv.Name, pl)
	return f
}
