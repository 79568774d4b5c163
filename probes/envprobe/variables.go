package envprobe

import (
	"time"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

func (p *probe) snapshot(d time.Duration) *Snapshot {
	s := &Snapshot{
		SchemaVersion: SchemaVersion, Workspace: p.dir, GOOS: p.goos, GOARCH: p.goarch,
		WSL: p.wsl, Shell: p.persisted.Shell, ShellFrom: p.persisted.ShellFrom, Provisional: p.provisional, DefaultGOPROXY: p.defaultProxy(), Home: p.env.home(p.goos),
		Candidates: nonNil(p.cands), Modules: nonNil(p.mods), Findings: nonNil(p.out),
		GoEnv: p.goEnv, Duration: d, LoginFile: p.recipes().LoginFile, UnsetGOROOT: p.unsetFixes("GOROOT"),
	}
	if s.Findings == nil {
		s.Findings = []findings.Finding{}
	}
	s.Toolchain = Toolchain{
		GOROOT: p.root.Value, GOROOTSource: p.root.Source, GOROOTSourceKind: p.root.Kind,
	}
	if p.winner != nil {
		s.Toolchain.Go = p.winner.Path
		s.Toolchain.Version = p.runningVersion()
	}
	tc, _ := p.effective("GOTOOLCHAIN")
	s.Toolchain.GOTOOLCHAIN, s.Toolchain.GOTOOLCHAINSource = tc.Value, tc.Source
	if p.winner != nil && p.sel.Err == nil {
		s.Toolchain.Selected, s.Toolchain.SelectedReason = p.sel.Selected, p.sel.Reason
		if p.sel.Switches() {
			s.Toolchain.SelectedGOROOT = p.where.GOROOT
		}
	} else if p.sel.Err != nil {
		s.Toolchain.SelectedReason = p.sel.Err.Error()
	}
	s.Variables = p.variables(s.Toolchain)
	return s
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// variables lists every observation of every Go variable and PATH, marking
// the one the go command uses in the workspace.
func (p *probe) variables(tc Toolchain) []Variable {
	out := []Variable{}
	for _, name := range append(append([]string{}, goVariables...), "PATH") {
		start := len(out)
		eff, haveEff := p.effective(name)
		if name == "PATH" {
			haveEff = false
		}
		if v, ok := p.env.Lookup(name); ok {
			out = append(out, Variable{Name: name, Value: v, Source: p.describeProcessVar(name), SourceKind: SourceProcessEnv,
				Effective: name == "PATH" || (haveEff && eff.Kind == SourceProcessEnv)})
		}
		for _, f := range []struct {
			file envFile
			kind SourceKind
			text string
		}{{p.userFile, SourceGoenvFile, "GOENV file "}, {p.rootFile, SourceGorootGoEnv, "$GOROOT/go.env "}} {
			if e, ok := f.file.Lookup(name); ok {
				loc := findings.Location{File: f.file.Path, Line: e.Line}
				out = append(out, Variable{Name: name, Value: e.Value, Source: f.text + loc.String(), SourceKind: f.kind,
					File: f.file.Path, Line: e.Line, Effective: haveEff && eff.Kind == f.kind})
			}
		}
		for _, pv := range p.persisted.All(name) {
			out = append(out, Variable{Name: pv.Name, Value: pv.Value, Source: pv.Source, SourceKind: pv.Kind,
				File: pv.File, Line: pv.Line, Type: pv.Type})
		}
		for _, st := range p.settingsToJudge() {
			if name == "GOROOT" && !st.Binary {
				out = append(out, Variable{Name: name, Value: st.Value, Source: "editor setting " + st.Key, SourceKind: SourceEditorSetting,
					File: p.opts.SettingsFile})
			}
		}
		switch {
		case name == "GOROOT" && tc.SelectedGOROOT != "":
			for i := start; i < len(out); i++ {
				out[i].Effective = false
			}
			if p.root.Kind == SourceExecutable {
				out = append(out, Variable{Name: name, Value: p.root.Value, Source: p.root.Source, SourceKind: SourceExecutable})
			}
			out = append(out, Variable{Name: name, Value: tc.SelectedGOROOT, Effective: true, SourceKind: SourceToolchainSwitch,
				Source: "toolchain switch: " + tc.SelectedReason})
		case name == "GOROOT" && p.root.Kind == SourceExecutable:
			out = append(out, Variable{Name: name, Value: p.root.Value, Source: p.root.Source, SourceKind: SourceExecutable, Effective: true})
		case !haveEff && name != "PATH" && p.goEnv[name] != "":
			out = append(out, Variable{Name: name, Value: p.goEnv[name], Source: "default (go env " + name + ")", SourceKind: SourceDefault, Effective: true})
		}
	}
	return out
}
