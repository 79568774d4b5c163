package envprobe

import (
	"debug/buildinfo"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/boundedfile"
)

// goTree describes a folder that claims to be a GOROOT.
type goTree struct {
	Root string
	// Missing lists what a Go tree needs and this one lacks.
	Missing []string
	// Version is line 1 of VERSION ("" for source builds without one).
	Version string
	// GoVersion and CompileVersion are the Go versions that built bin/go and
	// pkg/tool/<os_arch>/compile, from their build info.
	GoVersion, CompileVersion string
}

func (t goTree) Valid() bool { return len(t.Missing) == 0 }

func exeName(name, goos string) string {
	if goos == "windows" {
		return name + ".exe"
	}
	return name
}

// tree inspects root once per probe: several checks ask about the same
// GOROOT, and each look reads the build info of two large binaries.
func (p *probe) tree(root string) goTree {
	if t, ok := p.trees[root]; ok {
		return t
	}
	if p.trees == nil {
		p.trees = map[string]goTree{}
	}
	t := inspectTree(root, p.goos, p.goarch)
	p.trees[root] = t
	return t
}

// inspectTree looks at root without running anything.
func inspectTree(root, goos, goarch string) goTree {
	t := goTree{Root: root}
	if fi, err := os.Stat(root); err == nil && !fi.IsDir() {
		t.Missing = []string{"the folder is a file, not a folder"}
		return t
	} else if errors.Is(err, fs.ErrPermission) {
		t.Missing = []string{"the folder cannot be read: " + err.Error()}
		return t
	}
	if !dirExists(root) {
		t.Missing = []string{"the folder does not exist"}
		return t
	}
	// Stat of an entry needs search permission on the folder itself.
	if _, err := os.Stat(filepath.Join(root, "VERSION")); errors.Is(err, fs.ErrPermission) {
		t.Missing = []string{"the folder cannot be read: " + err.Error()}
		return t
	}
	if b, err := boundedfile.Read(filepath.Join(root, "VERSION"), boundedfile.SmallFile); err == nil {
		t.Version = strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0])
	}
	goBin := filepath.Join(root, "bin", exeName("go", goos))
	t.GoVersion = binaryGoVersion(goBin)
	if t.Version == "" && t.GoVersion == "" {
		// A source build has no VERSION but a bin/go; anything else is not Go.
		t.Missing = append(t.Missing, "VERSION")
	}
	if !dirExists(filepath.Join(root, "src", "runtime")) {
		t.Missing = append(t.Missing, "src/runtime")
	}
	toolDir := filepath.Join(root, "pkg", "tool", goos+"_"+goarch)
	if !dirExists(filepath.Join(root, "pkg", "tool")) {
		t.Missing = append(t.Missing, "pkg/tool")
	} else {
		t.CompileVersion = binaryGoVersion(filepath.Join(toolDir, exeName("compile", goos)))
	}
	return t
}

// binaryGoVersion reads the Go version from a binary's build info; "" if the
// file is missing or not a Go binary.
func binaryGoVersion(path string) string {
	bi, err := buildinfo.ReadFile(path)
	if err != nil {
		return ""
	}
	return bi.GoVersion
}
