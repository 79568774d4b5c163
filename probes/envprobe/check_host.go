package envprobe

import (
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// checkWSL reports, inside WSL, a Windows go that runs or Go folders on a
// Windows drive.
func (p *probe) checkWSL() {
	if !p.wsl {
		return
	}
	if p.winner != nil && p.winner.Windows {
		f := p.add(findings.WSLWindowsGo, map[string]string{"what": "the go that runs (" + p.winner.Path + ") is a Windows program",
			"consequence": "it builds Windows binaries, sees Windows paths and is slow across the /mnt boundary"})
		f.Evidencef("%s starts with the MZ header of a Windows executable", p.winner.Resolved)
		f.Fixes = append(f.Fixes, findings.Fix{ID: "use-linux-go", Kind: findings.FixCommand, Preferred: true, Title: p.fixTitle("fix.use-linux-go", nil)})
	}
	for _, name := range []string{"GOROOT", "GOPATH"} {
		v := p.goEnv[name]
		if v == "" {
			v = p.env.Get(name)
		}
		if underWindowsDrive(v) {
			f := p.add(findings.WSLWindowsGo, map[string]string{"what": name + " " + v + " lies on a Windows drive",
				"consequence": "file access through /mnt is many times slower and file modes are not Linux's"})
			f.Evidencef("%s=%s (%s)", name, v, p.sourceOf(name))
			f.Fixes = p.unsetFixes(name)
		}
	}
}

// checkShim notes a go reached through a version manager's shim.
func (p *probe) checkShim() {
	if p.winner == nil || p.winner.Shim == "" {
		return
	}
	f := p.add(findings.VersionManagerShim, map[string]string{"manager": p.winner.Shim, "shim": p.winner.Path})
	f.Evidencef("%s → %s", p.winner.Path, p.winner.Resolved)
	if p.goEnv["GOROOT"] != "" {
		f.Evidencef("go env GOROOT through the shim: %s", p.goEnv["GOROOT"])
	}
}
