package envprobe

import (
	"fmt"
	"go/version"
	"path/filepath"

	"github.com/goroot-lens/goroot-lens/internal/gotree"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// toolchainWhere says where a switched-to toolchain would come from.
type toolchainWhere struct {
	GOROOT  string // found: its root
	Found   string // "PATH …" or "module cache …"
	Blocked string // why it can be neither found nor downloaded
	// Neither set: the go command would download it.
}

func (p *probe) locateSelected() toolchainWhere {
	name := p.sel.Selected
	// The go command looks on PATH first, in every mode.
	for _, e := range p.path {
		if bin, ok := lookInDir(e.Dir, name, p.goos); ok {
			return toolchainWhere{GOROOT: gotree.RootOf(bin), Found: "PATH " + bin}
		}
	}
	if p.sel.Mode == "path" {
		return toolchainWhere{Blocked: fmt.Sprintf("GOTOOLCHAIN=%s looks only on PATH, and every command fails with go: cannot find %q in PATH", p.sel.Setting, name)}
	}
	dir := toolchainModuleDir(p.gomodcache(), name, p.goos, p.goarch)
	if fileExists(filepath.Join(dir, "bin", exeName("go", p.goos))) {
		return toolchainWhere{GOROOT: dir, Found: "module cache " + dir}
	}
	if proxy, _ := p.effective("GOPROXY"); proxy.Value == "off" {
		// Where off comes from is where the user changes it.
		return toolchainWhere{Blocked: name + " is not in the module cache (" + dir + ") and GOPROXY=off (" + proxy.Source + ") forbids the download"}
	}
	return toolchainWhere{}
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
		where := p.where
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
		p.reportUnavailable(s.Selected, where.Blocked, mod, "blocked")
		return
	}
	if s.TooOld() {
		setting := "GOTOOLCHAIN=" + orQuote(s.Setting, "local")
		why := setting + " forbids switching"
		switch s.Mode {
		case "forced":
			why = setting + " pins " + s.Selected + " and ignores go.mod"
		case "auto", "path":
			why = "the file says toolchain default, so " + setting + " keeps " + s.Selected
		}
		p.reportUnavailable(s.Needed, why, mod, "")
	}
}

// reportUnavailable: the workspace needs a newer Go than can be had without
// a download that is not allowed.
func (p *probe) reportUnavailable(needed, why string, mod *ModuleFile, variant string) {
	f := p.add(findings.ToolchainUnavailable, map[string]string{"file": fileName(mod), "needed": needed,
		"running": p.sel.SelectedVersion(), "why": why, "variant": variant})
	f.Location = p.switchLocation()
	if mod != nil && mod.GoLine > 0 {
		f.Evidencef("%s:%d: go %s", mod.File, mod.GoLine, mod.Go)
	}
	if mod != nil && mod.ToolchainLine > 0 {
		f.Evidencef("%s:%d: toolchain %s", mod.File, mod.ToolchainLine, mod.Toolchain)
	}
	f.Evidencef("GOTOOLCHAIN=%s (%s)", orQuote(p.sel.Setting, "local"), p.sourceOf("GOTOOLCHAIN"))
	f.Evidencef("the go on PATH is %s (%s)", p.winner.Path, p.sel.Local)
	if p.sel.TooOld() && mod != nil {
		// The go command's own words (cmd/go/internal/gover.TooNewError).
		f.Evidencef("every build fails with: go: %s requires go >= %s (running go %s; GOTOOLCHAIN=%s)",
			filepath.Base(mod.File), mod.Go, trimGo(p.sel.SelectedVersion()), orQuote(p.sel.Setting, "local"))
	}
	f.Fixes = append(f.Fixes, p.unavailableFixes(needed)...)
	if mod != nil && mod.GoLine > 0 && p.sel.Local != "" {
		f.Fixes = append(f.Fixes, findings.Fix{ID: "lower-go-line", Kind: findings.FixEditFile,
			Title:    p.fixTitle("fix.toolchain-local", map[string]string{"version": trimGo(p.sel.Local), "file": filepath.Base(mod.File)}),
			Location: &findings.Location{File: mod.File, Line: mod.GoLine}, NewText: "go " + trimGo(p.sel.Local)})
	}
	if len(f.Fixes) > 0 {
		f.Fixes[0].Preferred = true
	}
}

// unavailableFixes are the ways to get the needed toolchain that fit what
// blocks it.
func (p *probe) unavailableFixes(needed string) []findings.Fix {
	switch {
	case p.sel.Mode == "path":
		// path mode runs goX.Y.Z from PATH: golang.org/dl puts one in GOBIN.
		return []findings.Fix{p.recipes().InstallDL(needed)}
	case p.sel.Mode == "auto" && !p.sel.TooOld():
		// auto mode, blocked by GOPROXY=off: fetch it once with the
		// default proxy of go.env.
		return []findings.Fix{p.recipes().FetchToolchain("fetch-once-"+needed, p.fixTitle("fix.fetch-once", map[string]string{"version": needed}), needed, p.defaultProxy())}
	}
	// GOTOOLCHAIN=auto downloads the toolchain on first use unless the
	// module cache has it; with the user's GOPROXY=off that download fails,
	// so it is fetched once first, through the default proxy of go.env.
	key, fetch := "fix.toolchain-auto", false
	if !p.inModuleCache(needed) {
		key = "fix.toolchain-auto-download"
		if p.goEnv["GOPROXY"] == "off" {
			key, fetch = "fix.toolchain-auto-offline", true
		}
	}
	title := p.fixTitle(key, map[string]string{"version": needed})
	var fix findings.Fix
	if eff, _ := p.effective("GOTOOLCHAIN"); eff.Kind == SourceProcessEnv {
		// go env -w cannot beat the environment: change the variable itself.
		fix = p.recipes().SetUserVar("toolchain-auto-env", "GOTOOLCHAIN", "auto")
	} else {
		fix = p.recipes().GoenvSet("toolchain-auto", "GOTOOLCHAIN", "auto")
	}
	fix.Title = title
	fixes := []findings.Fix{fix}
	if fetch {
		fixes = append(fixes, p.recipes().FetchToolchain("fetch-once-"+needed, p.fixTitle("fix.fetch-once", map[string]string{"version": needed}), needed, p.defaultProxy()))
	}
	return fixes
}

// defaultProxy is the GOPROXY of $GOROOT/go.env, the one a fetch names
// when the user's is off.
func (p *probe) defaultProxy() string {
	if e, ok := p.rootFile.Lookup("GOPROXY"); ok && e.Value != "off" {
		return e.Value
	}
	return ""
}

// inModuleCache: the toolchain module of version is in go env GOMODCACHE.
func (p *probe) inModuleCache(version string) bool {
	cache := p.goEnv["GOMODCACHE"]
	if cache == "" {
		return false
	}
	return dirExists(toolchainModuleDir(cache, version, p.goos, p.goarch))
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
