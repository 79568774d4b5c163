package envprobe

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/gotree"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// editorSetting is one editor setting that names a Go root or binary.
type editorSetting struct {
	Key, Value string
	// Binary is true when the setting should name the go binary
	// (go.alternateTools.go), false when it should name a root.
	Binary bool
}

// settingsToJudge flattens go.goroot, go.alternateTools and go.toolsEnvVars.
func (p *probe) settingsToJudge() []editorSetting {
	var out []editorSetting
	s := p.opts.Settings
	if v := s["go.goroot"]; v != "" {
		out = append(out, editorSetting{Key: "go.goroot", Value: v})
	}
	if v := s["go.alternateTools.go"]; v != "" {
		out = append(out, editorSetting{Key: "go.alternateTools", Value: v, Binary: true})
	} else if v := s["go.alternateTools"]; v != "" {
		var m map[string]string
		if json.Unmarshal([]byte(v), &m) == nil && m["go"] != "" {
			out = append(out, editorSetting{Key: "go.alternateTools", Value: m["go"], Binary: true})
		}
	}
	if v := s["go.toolsEnvVars"]; v != "" {
		var m map[string]string
		if json.Unmarshal([]byte(v), &m) == nil && m["GOROOT"] != "" {
			out = append(out, editorSetting{Key: "go.toolsEnvVars", Value: m["GOROOT"]})
		}
	}
	return out
}

// checkSettings judges editor settings against the toolchain on PATH.
func (p *probe) checkSettings() {
	for _, st := range p.settingsToJudge() {
		p.judgeSetting(st)
	}
}

func (p *probe) settingLocation(key string) *findings.Location {
	if p.opts.SettingsFile == "" {
		return nil
	}
	return &findings.Location{File: p.opts.SettingsFile, Key: key}
}

func (p *probe) judgeSetting(st editorSetting) {
	value := expandHome(st.Value, p.env.home(p.goos))
	loc := p.settingLocation(st.Key)
	mismatch := func(problem string, evidence ...string) *findings.Finding {
		f := p.add(findings.SettingsGorootMismatch, map[string]string{"key": st.Key, "value": st.Value, "problem": problem})
		f.Location = loc
		for _, e := range evidence {
			f.Evidencef("%s", e)
		}
		return f
	}
	root := value
	if st.Binary {
		if dirExists(value) {
			t := p.tree(value)
			f := mismatch("names a folder, but it must name the go binary")
			if t.Valid() {
				bin := filepath.Join(value, "bin", exeName("go", p.goos))
				f.Evidencef("%s is a Go root; the binary is %s", value, bin)
				f.Fixes = append(f.Fixes, findings.Fix{ID: "setting-binary", Kind: findings.FixEditFile, Preferred: true, Value: bin,
					Title: p.fixTitle("fix.setting-root", map[string]string{"key": st.Key, "value": bin}), Location: loc})
			}
			return
		}
		if !fileExists(value) {
			mismatch("names a go binary that does not exist")
			return
		}
		root = gotree.RootOf(value)
	} else if fileExists(value) {
		// A root setting that names the go binary instead of its root.
		r := gotree.RootOf(value)
		f := mismatch("names the go binary instead of its root")
		if r != "" {
			f.Evidencef("%s lives in the Go root %s", value, r)
			f.Fixes = append(f.Fixes, findings.Fix{ID: "setting-root", Kind: findings.FixEditFile, Preferred: true, Value: r,
				Title: p.fixTitle("fix.setting-root", map[string]string{"key": st.Key, "value": r}), Location: loc})
		}
		return
	} else if base := filepath.Base(value); base == "bin" && p.tree(filepath.Dir(value)).Valid() {
		f := mismatch("names the bin folder instead of the Go root")
		r := filepath.Dir(value)
		f.Fixes = append(f.Fixes, findings.Fix{ID: "setting-root", Kind: findings.FixEditFile, Preferred: true, Value: r,
			Title: p.fixTitle("fix.setting-root", map[string]string{"key": st.Key, "value": r}), Location: loc})
		return
	}
	t := p.tree(root)
	if root == "" || !t.Valid() {
		gi := p.add(findings.GorootInvalid, map[string]string{"goroot": value, "source": "editor setting " + st.Key, "problem": missingText(t)})
		gi.Location = loc
		gi.Evidencef("missing: %s", strings.Join(t.Missing, ", "))
		f := mismatch("is not a Go tree (" + missingText(t) + ")")
		f.Fixes = append(f.Fixes, findings.Fix{ID: "setting-remove", Kind: findings.FixEditFile, Preferred: true,
			Title: p.fixTitle("fix.setting-remove", map[string]string{"key": st.Key}), Location: loc})
		return
	}
	if p.winner == nil {
		return
	}
	running := p.runningVersion()
	settingVersion := t.Version
	if settingVersion == "" {
		settingVersion = t.GoVersion
	}
	sameTree := p.winner.GOROOT != "" && sameDir(root, p.winner.GOROOT, p.goos)
	if sameTree {
		return
	}
	f := mismatch("disagrees with the go on PATH",
		st.Key+" → Go root "+root+" ("+orUnknown(settingVersion)+")",
		"go on PATH: "+p.winner.Path+" ("+orUnknown(running)+", GOROOT "+orUnknown(p.winner.GOROOT)+")")
	if settingVersion != "" && running != "" && !sameRelease(settingVersion, running) {
		f.Evidencef("the editor's tools run %s while terminals run %s", settingVersion, running)
	}
	f.Fixes = append(f.Fixes, findings.Fix{ID: "setting-remove", Kind: findings.FixEditFile, Preferred: true,
		Title: p.fixTitle("fix.setting-remove", map[string]string{"key": st.Key}), Location: loc})
}

func expandHome(p, home string) string {
	if home != "" && (p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`)) {
		return filepath.Join(home, p[1:])
	}
	return os.ExpandEnv(strings.ReplaceAll(p, "${env:", "${"))
}
