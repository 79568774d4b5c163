package envprobe

import (
	"fmt"
	"go/version"
	"path/filepath"
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/gover"
)

// selection is the toolchain the go command would run in the workspace,
// worked out as cmd/go/internal/toolchain.Select does, without running it.
type selection struct {
	Setting string // the user's effective GOTOOLCHAIN
	Mode    string // "local", "auto", "path" or "forced"
	Local   string // version of the go on PATH
	Min     string // minimum version: Local, or X.Y.Z from the setting
	// Selected is a toolchain name (go1.25.5), equal to Local when no switch.
	Selected string
	Reason   string
	// File and Line point at the go.mod/go.work line that caused a switch.
	File string
	Line int
	// Needed is the version the governing file's go line requires.
	Needed     string
	NeededLine int
	// Err is set for a GOTOOLCHAIN value the go command rejects.
	Err error
}

// toolchainVersion extracts goX.Y.Z from a toolchain name such as
// go1.25.5 or go1.25.5-custom / a-name-go1.25.5 (gover.FromToolchain).
func toolchainVersion(name string) string {
	v := name
	if i := strings.Index(name, "-go"); i >= 0 && !strings.HasPrefix(name, "go") {
		v = name[i+1:]
	}
	if i := strings.IndexAny(v, "-+"); i >= 0 {
		v = v[:i]
	}
	if !version.IsValid(v) {
		return ""
	}
	return v
}

func selectToolchain(setting, local string, mod *ModuleFile) selection {
	s := selection{Setting: setting, Local: local, Min: local, Selected: local}
	if local == "" {
		// Neither build info nor go env told the version: no prediction.
		s.Reason = "the version of the go on PATH is unknown"
		return s
	}
	if mod != nil && mod.Go != "" {
		s.Needed, s.NeededLine = gover.FromGoLine(mod.Go), mod.GoLine
	}
	base, suffix, _ := strings.Cut(setting, "+")
	switch {
	case setting == "" || setting == "local":
		s.Mode = "local"
		s.Reason = "GOTOOLCHAIN=" + orQuote(setting, "local") + ": the go on PATH runs"
		return s
	case setting == "auto" || setting == "path":
		s.Mode = setting
	case strings.Contains(setting, "+"):
		if suffix != "auto" && suffix != "path" {
			s.Err = fmt.Errorf(`go: invalid GOTOOLCHAIN %q: only version suffixes are +auto and +path`, setting)
			return s
		}
		if toolchainVersion(base) == "" {
			s.Err = fmt.Errorf("go: invalid GOTOOLCHAIN %q", setting)
			return s
		}
		s.Mode, s.Min = suffix, toolchainVersion(base)
		s.Selected = base
	default:
		if toolchainVersion(setting) == "" {
			s.Err = fmt.Errorf("go: invalid GOTOOLCHAIN %q", setting)
			return s
		}
		s.Mode, s.Selected = "forced", setting
		s.Reason = "GOTOOLCHAIN=" + setting + " forces this toolchain and ignores go.mod/go.work"
		return s
	}
	s.Reason = "GOTOOLCHAIN=" + setting + ": the go on PATH (" + local + ") satisfies " + fileOrNone(mod)
	if s.Min != local {
		s.Reason = "GOTOOLCHAIN=" + setting + " sets the minimum " + s.Min
	}
	if mod == nil || mod.Toolchain == "default" {
		if mod != nil {
			s.Reason = fmt.Sprintf("%s:%d says toolchain default: GOTOOLCHAIN=%s decides", mod.File, mod.ToolchainLine, setting)
		}
		return s
	}
	if mod.Toolchain != "" {
		if tv := toolchainVersion(mod.Toolchain); tv != "" && version.Compare(tv, s.Min) > 0 {
			s.Selected, s.Min = mod.Toolchain, tv
			s.File, s.Line = mod.File, mod.ToolchainLine
			s.Reason = fmt.Sprintf("toolchain line of %s:%d is newer than %s", mod.File, mod.ToolchainLine, local)
		}
	}
	if s.Needed != "" && version.Compare("go"+mod.Go, s.Min) > 0 {
		s.Selected = s.Needed
		s.File, s.Line = mod.File, mod.GoLine
		s.Reason = fmt.Sprintf("go line of %s:%d requires %s, newer than %s", mod.File, mod.GoLine, s.Needed, local)
	}
	return s
}

// Switches reports whether another toolchain than the go on PATH would run.
func (s selection) Switches() bool {
	return s.Err == nil && s.Local != "" && s.Selected != "" && s.Selected != s.Local
}

// SelectedVersion is the version the selected toolchain runs.
func (s selection) SelectedVersion() string {
	if v := toolchainVersion(s.Selected); v != "" {
		return v
	}
	return s.Selected
}

// TooOld reports a selected toolchain that cannot build the module: the go
// command then fails with "go.mod requires go >= …".
func (s selection) TooOld() bool {
	return s.Err == nil && s.Needed != "" && version.IsValid(s.SelectedVersion()) &&
		version.Compare(s.SelectedVersion(), s.Needed) < 0
}

func fileOrNone(mod *ModuleFile) string {
	if mod == nil {
		return "(no go.mod or go.work)"
	}
	return filepath.Base(mod.File)
}

func orQuote(s, def string) string {
	if s == "" {
		return `"" (treated as ` + def + `)`
	}
	return s
}

// toolchainModuleDir is where the go command keeps a downloaded toolchain.
func toolchainModuleDir(gomodcache, name, goos, goarch string) string {
	return filepath.Join(gomodcache, "golang.org", "toolchain@v0.0.1-"+name+"."+goos+"-"+goarch)
}
