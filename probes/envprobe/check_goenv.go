package envprobe

import (
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// checkGoenvFile reports values of the user's GOENV file that the
// environment overrides, that apply to every project (GOROOT, GOTOOLCHAIN),
// or that break every go command (a GOROOT that is not a Go tree).
func (p *probe) checkGoenvFile() {
	seen := map[string]bool{}
	for i := len(p.userFile.Entries) - 1; i >= 0; i-- {
		e := p.userFile.Entries[i]
		if seen[e.Key] {
			continue // an earlier line the later one replaces
		}
		seen[e.Key] = true
		loc := &findings.Location{File: p.userFile.Path, Line: e.Line}
		args := map[string]string{"name": e.Key, "fileValue": e.Value, "location": loc.String()}
		var f *findings.Finding
		switch envValue := p.env.Get(e.Key); {
		case e.Key == "GOROOT" && e.Value != "" && !p.tree(e.Value).Valid():
			args["variant"] = "broken"
			f = p.add(findings.GoenvFileOverride, args)
			good := "<a Go tree>"
			if p.winner != nil && p.winner.GOROOT != "" {
				good = p.winner.GOROOT
			}
			f.Evidencef("go env -u GOROOT alone fails too, because go must find GOROOT before it reads its arguments")
			if envValue != "" {
				f.Evidencef("right now the environment's GOROOT=%s hides it, but go.env is still read from the file's tree", envValue)
			}
			f.Fixes = append(f.Fixes, p.recipes().RecoverGoroot(good, loc))
		case envValue != "" && envValue != e.Value:
			args["variant"], args["envValue"] = "overridden", envValue
			f = p.add(findings.GoenvFileOverride, args)
			f.Evidencef("environment: %s=%s (%s)", e.Key, envValue, p.describeProcessVar(e.Key))
			// Either the file's value is dead weight, or the override is the mistake.
			if fix, ok := p.goenvUnsetFix(e.Key); ok {
				fix.Preferred = true
				f.Fixes = append(f.Fixes, fix)
			}
			for _, fix := range p.unsetFixes(e.Key) {
				fix.Preferred = false
				f.Fixes = append(f.Fixes, fix)
			}
		case e.Key == "GOROOT" || e.Key == "GOTOOLCHAIN":
			if e.Value == "" {
				continue
			}
			args["variant"] = "global"
			f = p.add(findings.GoenvFileOverride, args)
			if fix, ok := p.goenvUnsetFix(e.Key); ok {
				fix.Preferred = true
				f.Fixes = append(f.Fixes, fix)
			}
		default:
			continue
		}
		f.Location = loc
		f.Evidencef("%s: %s=%s", loc, e.Key, e.Value)
	}
}
