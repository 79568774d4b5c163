package envprobe

import (
	"fmt"
	"go/version"
	"path/filepath"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// toolchainWhere says where a switched-to toolchain would come from.
type toolchainWhere struct {
	GOROOT   string // found: its root
	Found    string // "PATH" or "module cache"
	Download bool   // would be downloaded
	Blocked  string // why it can be neither found nor downloaded
}

func (p *probe) locateSelected() toolchainWhere {
	name := p.sel.Selected
	// The go command looks on PATH first, in every mode.
	for _, e := range p.path {
		if bin, ok := lookInDir(e.Dir, name, p.goos); ok {
			return toolchainWhere{GOROOT: rootFromExecutable(bin), Found: "PATH " + bin}
		}
	}
	if p.sel.Mode == "path" {
		return toolchainWhere{Blocked: fmt.Sprintf("GOTOOLCHAIN=%s looks only on PATH: go: cannot find %q in PATH", p.sel.Setting, name)}
	}
	dir := toolchainModuleDir(p.gomodcache(), name, p.goos, p.goarch)
	if fileExists(filepath.Join(dir, "bin", exeName("go", p.goos))) {
		return toolchainWhere{GOROOT: dir, Found: "module cache " + dir}
	}
	if proxy, _ := p.effective("GOPROXY"); proxy.Value == "off" {
		return toolchainWhere{Blocked: "it is not in the module cache (" + dir + ") and GOPROXY=off forbids the download"}
	}
	return toolchainWhere{Download: true}
}

func (p *probe) gomodcache() string {
	if v := p.goEnv["GOMODCACHE"]; v != "" {
		return v
	}
	if v, ok := p.effective("GOMODCACHE"); ok && v.Value != "" {
		return v.Value
	}
	gopath := p.goEnv["GOPATH"]
	if gopath == "" {
		gopath = p.env.Get("GOPATH")
	}
	if gopath == "" {
		gopath = filepath.Join(p.env.home(p.goos), "go")
	}
	return filepath.Join(filepath.SplitList(gopath)[0], "pkg", "mod")
}

func (p *probe) checkToolchain() {
	if p.winner == nil {
		return
	}
	s := p.sel
	if s.Err != nil {
		f := p.add(findings.GoCommandFailed, map[string]string{"variant": "gotoolchain", "go": p.winner.Path, "reason": s.Err.Error()})
		setting, _ := p.effective("GOTOOLCHAIN")
		f.Location = setting.Location
		f.Evidencef("GOTOOLCHAIN=%s from %s", s.Setting, setting.Source)
		f.Fixes = p.unsetFixes("GOTOOLCHAIN")
		return
	}
	mod := p.governing()
	if s.Switches() && !s.TooOld() {
		where := p.locateSelected()
		if where.Blocked == "" {
			text := "it is neither on PATH nor in the module cache, so the go command would try to download it on first use"
			if where.GOROOT != "" {
				text = "found in " + where.Found
			}
			f := p.add(findings.ToolchainSwitch, map[string]string{"file": fileName(mod), "local": s.Local, "selected": s.Selected, "where": text})
			f.Location = p.switchLocation()
			f.Evidencef("%s", s.Reason)
			f.Evidencef("GOTOOLCHAIN=%s (%s)", s.Setting, p.sourceOf("GOTOOLCHAIN"))
			if where.GOROOT != "" {
				f.Evidencef("GOROOT of %s: %s", s.Selected, where.GOROOT)
			}
			return
		}
		p.reportUnavailable(s.Selected, where.Blocked, mod)
		return
	}
	if s.TooOld() {
		why := "forbids switching"
		switch s.Mode {
		case "forced":
			why = "pins that version"
		case "auto", "path":
			why = "keeps it because the file says toolchain default"
		}
		p.reportUnavailable(s.Needed, why, mod)
	}
}

func (p *probe) reportUnavailable(needed, why string, mod *ModuleFile) {
	f := p.add(findings.ToolchainUnavailable, map[string]string{"file": fileName(mod), "needed": needed,
		"local": p.sel.Local, "gotoolchain": orQuote(p.sel.Setting, "local"), "why": why})
	f.Location = p.switchLocation()
	if mod != nil && mod.GoLine > 0 {
		f.Evidencef("%s:%d: go %s", mod.File, mod.GoLine, mod.Go)
	}
	if mod != nil && mod.ToolchainLine > 0 {
		f.Evidencef("%s:%d: toolchain %s", mod.File, mod.ToolchainLine, mod.Toolchain)
	}
	f.Evidencef("GOTOOLCHAIN=%s (%s)", p.sel.Setting, p.sourceOf("GOTOOLCHAIN"))
	f.Evidencef("the go on PATH is %s (%s)", p.winner.Path, p.sel.Local)
	if p.sel.Mode == "local" && version.Compare(p.sel.Local, p.sel.Needed) < 0 {
		f.Evidencef("go build would fail: go: %s requires go >= %s (running go %s; GOTOOLCHAIN=local)",
			fileName(mod), trimGo(p.sel.Needed), trimGo(p.sel.Local))
	}
	f.Fixes = append(f.Fixes, findings.Fix{ID: "toolchain-auto", Kind: findings.FixGoEnvWrite, Var: "GOTOOLCHAIN", Value: "auto",
		Title: p.fixTitle("fix.toolchain-auto", map[string]string{"version": needed}), Command: "go env -w GOTOOLCHAIN=auto"})
	if mod != nil && mod.GoLine > 0 && p.sel.Local != "" {
		lang := version.Lang(p.sel.Local)
		f.Fixes = append(f.Fixes, findings.Fix{ID: "lower-go-line", Kind: findings.FixEditFile,
			Title:    p.fixTitle("fix.toolchain-local", map[string]string{"version": trimGo(lang), "file": filepath.Base(mod.File)}),
			Location: &findings.Location{File: mod.File, Line: mod.GoLine}, NewText: "go " + trimGo(p.sel.Local)})
	}
	if len(f.Fixes) > 0 {
		f.Fixes[0].Preferred = true
	}
}

func (p *probe) governing() *ModuleFile {
	if len(p.mods) == 0 {
		return nil
	}
	return &p.mods[0]
}

// switchLocation points at the go.mod/go.work line that decides selection.
func (p *probe) switchLocation() *findings.Location {
	if p.sel.File != "" {
		return &findings.Location{File: p.sel.File, Line: p.sel.Line}
	}
	if m := p.governing(); m != nil && m.GoLine > 0 {
		return &findings.Location{File: m.File, Line: m.GoLine}
	}
	return nil
}

func fileName(m *ModuleFile) string {
	if m == nil {
		return "(no go.mod)"
	}
	return m.File
}

func trimGo(v string) string {
	if len(v) > 2 && v[:2] == "go" {
		return v[2:]
	}
	return v
}

func versionLess(a, b string) bool {
	if !version.IsValid(a) {
		return version.IsValid(b)
	}
	return version.IsValid(b) && version.Compare(a, b) < 0
}
