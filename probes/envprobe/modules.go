package envprobe

import (
	"path/filepath"

	"github.com/goroot-lens/goroot-lens/internal/boundedfile"

	"golang.org/x/mod/modfile"
)

// Overlay is unsaved editor text by absolute, cleaned path.
type Overlay map[string][]byte

// findModules returns the go.work (unless GOWORK=off) and go.mod that govern
// dir, nearest first, as the go command finds them: go.work is searched
// upward from dir unless GOWORK names one; go.mod is the nearest upward.
func findModules(dir string, env environ, ov Overlay) []ModuleFile {
	return parseModules(governingPaths(dir, env, findUp), func(p string) (ModuleFile, bool) { return parseModuleFile(p, ov) })
}

// governingFiles lists the go.work and go.mod that govern dir, the governing one
// first, as the go command finds them (GOWORK, else the nearest go.work;
// the nearest go.mod), through the given lookups.
func governingFiles(dir string, env environ, up func(dir, name string) string, parse func(path string) (ModuleFile, bool)) []ModuleFile {
	return parseModules(governingPaths(dir, env, up), parse)
}

// governingPaths is where those files are: stats only, no reads, so that
// go env can start before they are parsed.
func governingPaths(dir string, env environ, up func(dir, name string) string) []string {
	var out []string
	work, mod := governingWorkAndMod(dir, env, up)
	for _, p := range []string{work, mod} {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// governingWorkAndMod is the go.work (GOWORK when it names one, none when
// GOWORK=off) and the go.mod the go command finds for dir, "" when none.
func governingWorkAndMod(dir string, env environ, up func(dir, name string) string) (work, mod string) {
	switch gowork := env.Get("GOWORK"); {
	case gowork == "off":
	case gowork != "" && filepath.IsAbs(gowork):
		work = gowork
	default:
		work = up(dir, "go.work")
	}
	return work, up(dir, "go.mod")
}

// parseModules parses the files at paths; one that cannot be read is left
// out, and the first that can governs.
func parseModules(paths []string, parse func(path string) (ModuleFile, bool)) []ModuleFile {
	var out []ModuleFile
	for _, p := range paths {
		if m, ok := parse(p); ok {
			out = append(out, m)
		}
	}
	if len(out) > 0 {
		out[0].Governs = true
	}
	return out
}

func findUp(dir, name string) string { return findUpWhere(dir, name, fileExists) }

// findUpWhere is the nearest dir/name, dir/../name, … for which found holds.
func findUpWhere(dir, name string, found func(path string) bool) string {
	for {
		p := filepath.Join(dir, name)
		if found(p) {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// parseModuleFile reads the go and toolchain lines of a go.mod or go.work.
// A file that does not parse still governs selection in the go command (it
// fails); we keep it with no lines so the finding can point at it.
//
// The editor's unsaved text of the file, when ov has it, is read instead.
func parseModuleFile(path string, ov Overlay) (ModuleFile, bool) {
	data, ok := ov[filepath.Clean(path)]
	if !ok {
		var err error
		if data, err = boundedfile.Read(path, boundedfile.SmallFile); err != nil {
			return ModuleFile{}, false
		}
	}
	m := ModuleFile{File: path}
	var goStmt *modfile.Go
	var tcStmt *modfile.Toolchain
	if filepath.Base(path) == "go.work" {
		if f, err := modfile.ParseWork(path, data, nil); err == nil {
			goStmt, tcStmt = f.Go, f.Toolchain
		}
	} else if f, err := modfile.Parse(path, data, nil); err == nil {
		goStmt, tcStmt = f.Go, f.Toolchain
	} else if f, err := modfile.ParseLax(path, data, nil); err == nil {
		// ParseLax skips the toolchain line; it still finds the go line of
		// a go.mod that Parse rejects for unrelated reasons.
		goStmt = f.Go
	}
	if goStmt != nil {
		m.Go = goStmt.Version
		if goStmt.Syntax != nil {
			m.GoLine = goStmt.Syntax.Start.Line
		}
	}
	if tcStmt != nil {
		m.Toolchain = tcStmt.Name
		if tcStmt.Syntax != nil {
			m.ToolchainLine = tcStmt.Syntax.Start.Line
		}
	}
	return m, true
}
