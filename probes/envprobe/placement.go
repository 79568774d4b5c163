package envprobe

import (
	"path/filepath"
	"strings"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// Place is a line of a file (1-based; 0 means the file as a whole).
type Place struct {
	File string
	Line int
}

// Placements says where an editor shows a finding (read gives a file's
// lines as the editor has them): its own location (a profile line,
// a settings key); for toolchain findings the toolchain/go line of the
// governing go.work/go.mod; for the others the go line of each go.mod.
func (snap *Snapshot) Placements(f findings.Finding, read func(path string) []string) []Place {
	if loc := f.Location; loc != nil && loc.File != "" {
		file := loc.File
		if !filepath.IsAbs(file) {
			file = filepath.Join(snap.Workspace, file)
		}
		line := loc.Line
		if line == 0 && loc.Key != "" {
			line = KeyLine(joinLines(read(file)), loc.Key)
		}
		return []Place{{file, line}}
	}
	mods := snap.Modules
	if f.Code == findings.ToolchainSwitch || f.Code == findings.ToolchainUnavailable {
		for _, m := range mods {
			if m.Governs {
				return []Place{{m.File, firstNonZero(m.ToolchainLine, m.GoLine)}}
			}
		}
		if len(mods) > 0 {
			return []Place{{mods[0].File, firstNonZero(mods[0].ToolchainLine, mods[0].GoLine)}}
		}
		return nil
	}
	var out []Place
	for _, m := range mods {
		if filepath.Base(m.File) == "go.mod" {
			out = append(out, Place{m.File, m.GoLine})
		}
	}
	if len(out) == 0 && len(mods) > 0 {
		out = append(out, Place{mods[0].File, mods[0].GoLine})
	}
	return out
}

func firstNonZero(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

func joinLines(lines []string) string { return strings.Join(lines, "\n") }

// KeyLine is the 1-based line of the JSON key in content, 0 if absent; a
// nested "go": {"goroot": …} is found by its last segment.
func KeyLine(content, key string) int {
	for _, k := range []string{key, key[strings.LastIndex(key, ".")+1:]} {
		quoted := `"` + k + `"`
		for i, line := range strings.Split(content, "\n") {
			if _, rest, ok := strings.Cut(line, quoted); ok && strings.HasPrefix(strings.TrimSpace(rest), ":") {
				return i + 1
			}
		}
	}
	return 0
}
