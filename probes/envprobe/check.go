package envprobe

import (
	"fmt"
	"strings"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// check runs every check over what gather found.
func (p *probe) check() {
	p.checkGoFound()
	p.checkGoCommand()
	p.checkGoroot()
	p.checkShadowed()
	p.checkGopath()
	p.checkPathEntries()
	p.checkStale()
	p.checkToolchain()
	p.checkGoenvFile()
	p.checkProfiles()
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

// unsetFixes are the ways to stop a variable being set, one per place that
// sets it persistently, the first preferred.
func (p *probe) unsetFixes(name string) []findings.Fix {
	var fixes []findings.Fix
	if v := p.env.Get(name); v != "" {
		for _, pv := range p.persisted.All(name) {
			switch pv.Kind {
			case SourceUserRegistry:
				fixes = append(fixes, findings.Fix{ID: "unset-user-" + strings.ToLower(name), Kind: findings.FixUnsetUserVar, Var: name,
					Title:   p.fixTitle("fix.unset-var", map[string]string{"name": name, "scope": p.fixTitle("scope.user", nil)}),
					Command: `reg delete HKCU\Environment /v ` + name + ` /f`})
			case SourceSystemRegistry:
				fixes = append(fixes, findings.Fix{ID: "unset-system-" + strings.ToLower(name), Kind: findings.FixCommand, Var: name,
					Title:   p.fixTitle("fix.unset-system", map[string]string{"name": name}),
					Command: `reg delete "HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment" /v ` + name + ` /f`})
			case SourceShellProfile:
				if pv.Exact || pv.File != "" {
					fixes = append(fixes, p.commentOutFix(pv))
				}
			}
		}
	}
	// The GOENV file's value matters only when the environment does not
	// override it.
	if fix, ok := p.goenvUnsetFix(name); ok && p.env.Get(name) == "" {
		fixes = append(fixes, fix)
	}
	if len(fixes) == 0 && p.env.Get(name) != "" {
		fixes = append(fixes, findings.Fix{ID: "unset-session-" + strings.ToLower(name), Kind: findings.FixCommand, Var: name,
			Title:   p.fixTitle("fix.unset-session", map[string]string{"name": name}),
			Command: unsetCommand(name, p.goos)})
	}
	if len(fixes) > 0 {
		fixes[0].Preferred = true
	}
	return fixes
}

// goenvUnsetFix removes name from the GOENV file with go env -u; for GOROOT
// the command carries a good GOROOT, since a broken one stops go env itself.
func (p *probe) goenvUnsetFix(name string) (findings.Fix, bool) {
	e, ok := p.userFile.Lookup(name)
	if !ok {
		return findings.Fix{}, false
	}
	cmd := "go env -u " + name
	if name == "GOROOT" && p.winner != nil && p.winner.GOROOT != "" {
		cmd = "GOROOT=" + shellQuote(p.winner.GOROOT) + " go env -u GOROOT"
	}
	return findings.Fix{ID: "goenv-unset-" + strings.ToLower(name), Kind: findings.FixGoEnvWrite, Var: name,
		Title: p.fixTitle("fix.goenv-unset", map[string]string{"name": name}), Command: cmd,
		Location: &findings.Location{File: p.userFile.Path, Line: e.Line}}, true
}

// commentOutFix disables one profile line, keeping it for the user to see.
func (p *probe) commentOutFix(pv persistedVar) findings.Fix {
	loc := pv.location()
	line := readLine(pv.File, pv.Line)
	return findings.Fix{ID: fmt.Sprintf("comment-out-%s-%d", strings.ToLower(pv.Name), pv.Line), Kind: findings.FixEditFile, Var: pv.Name,
		Title:    p.fixTitle("fix.delete-line", map[string]string{"location": loc.String()}),
		Location: loc, NewText: "# " + line + "  # disabled by goroot-lens"}
}

func unsetCommand(name, goos string) string {
	if goos == "windows" {
		return "Remove-Item Env:" + name
	}
	return "unset " + name
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r == ':' || r == '\\' ||
			('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9'))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
