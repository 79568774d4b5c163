package buildinfo

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/goroot-lens/goroot-lens/fix/recipe"
	"github.com/goroot-lens/goroot-lens/internal/gotree"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// judge turns the binaries into findings.
func judge(o Options, bins []Binary) []findings.Finding {
	out := []findings.Finding{}
	running := runningVersion(o, bins)
	for _, b := range bins {
		if f, ok := wrongPlatform(o, b, running); ok {
			out = append(out, f)
			continue // its rebuild fix covers staleness too
		}
		if f, ok := stale(o, b, running); ok {
			out = append(out, f)
		}
	}
	return append(out, outsideGoroot(o, bins)...)
}

// runningVersion is the Go version of the go that runs, from its build info.
func runningVersion(o Options, bins []Binary) string {
	if o.GoRunning == "" {
		return ""
	}
	for _, b := range bins {
		if b.Kind == KindGo && b.Path == filepath.Clean(o.GoRunning) {
			return b.GoVersion
		}
	}
	return ""
}

func platform(goos, goarch string) string { return goos + "/" + goarch }

func isGopls(b Binary) bool {
	name := strings.TrimSuffix(strings.ToLower(b.Name), ".exe")
	return name == "gopls" || b.Package == "golang.org/x/tools/gopls"
}

// wrongPlatform reports a binary built for a platform the host cannot run.
// A Windows go inside WSL is left to the environment probe's wsl-windows-go.
func wrongPlatform(o Options, b Binary, running string) (findings.Finding, bool) {
	if ok, _ := runsHere(b.GOOS, b.GOARCH, o.HostGOOS, o.HostGOARCH); ok {
		return findings.Finding{}, false
	}
	if b.Kind == KindGo && o.WSL && b.GOOS == "windows" {
		return findings.Finding{}, false
	}
	args := map[string]string{
		"tool":         b.Path,
		"toolPlatform": platform(b.GOOS, b.GOARCH),
		"hostPlatform": platform(o.HostGOOS, o.HostGOARCH),
	}
	if o.WSL && b.GOOS == "windows" && o.HostGOOS == "linux" {
		args["variant"] = "wsl"
	}
	f := findings.New(o.Lang, findings.ToolWrongPlatform, args)
	f.Evidencef("binary: %s", b.Path)
	f.Evidencef("built for: %s (from the %s)", platform(b.GOOS, b.GOARCH), b.PlatformFrom)
	host := platform(o.HostGOOS, o.HostGOARCH)
	if o.WSL {
		host += " (WSL)"
	}
	f.Evidencef("host: %s", host)
	if b.Kind == KindTool {
		f.Fixes = append(f.Fixes, rebuildFix(o, b, running, true))
	}
	return f, true
}

// stale reports a tool built with a Go older than the workspace needs.
// go and gofmt are never stale: they are the toolchain, judged elsewhere.
func stale(o Options, b Binary, running string) (findings.Finding, bool) {
	if b.Kind != KindTool {
		return findings.Finding{}, false
	}
	needed, why := staleness(b.GoVersion, o.WorkspaceGo, o.SelectedVersion)
	if why == "" {
		return findings.Finding{}, false
	}
	toolLang := langOf(b.GoVersion)
	neededFull := needed
	if why == staleSelected {
		neededFull = o.SelectedVersion
	}
	variant := why
	if isGopls(b) {
		variant = "gopls-" + why
	}
	f := findings.New(o.Lang, findings.ToolStale, map[string]string{
		"variant":    variant,
		"tool":       b.Path,
		"toolGo":     b.GoVersion,
		"toolLang":   toolLang,
		"needed":     neededFull,
		"neededLang": needed,
	})
	f.Evidencef("tool: %s", b.Path)
	f.Evidencef("built with: %s", b.GoVersion)
	f.Evidencef("main package: %s", b.Package)
	if b.MainPath != "" {
		f.Evidencef("main module: %s@%s", b.MainPath, b.MainVersion)
	}
	if o.WorkspaceGo != "" {
		f.Evidencef("workspace go.mod: go %s", o.WorkspaceGo)
	}
	if o.SelectedVersion != "" {
		f.Evidencef("selected toolchain: %s", o.SelectedVersion)
	}
	if isGopls(b) {
		f.Evidencef("gopls type-checks with the go/types compiled into it (%s); go/types rejects a package whose Go version is newer with \"package requires newer Go version …\"", toolLang)
	}
	f.Fixes = append(f.Fixes, rebuildFix(o, b, running, false))
	return f, true
}

// rebuildSpec is the go install that rebuilds b with the selected
// toolchain: the package@version and the variables it runs with; pkg is ""
// when b was built from a file list and cannot be installed by path.
// `go install pkg@version` ignores the workspace's go.mod, so the selected
// toolchain is named with GOTOOLCHAIN unless the go that runs is it;
// forHost also pins GOOS/GOARCH to the host in case the go env says
// otherwise.
func rebuildSpec(o Options, b Binary, running string, forHost bool) (pkg string, env []string) {
	if b.Package == "" || b.Package == "command-line-arguments" {
		return "", nil
	}
	v := b.MainVersion
	if v == "" || v == "(devel)" || strings.HasSuffix(v, "+dirty") {
		v = "latest"
	}
	if sel := goVersion(o.SelectedVersion); sel != "" && sel != goVersion(running) {
		env = append(env, "GOTOOLCHAIN="+o.SelectedVersion)
	}
	if forHost {
		env = append(env, "GOOS="+o.HostGOOS, "GOARCH="+o.HostGOARCH)
	}
	return b.Package + "@" + v, env
}

func rebuildFix(o Options, b Binary, running string, forHost bool) findings.Fix {
	toolchain := o.SelectedVersion
	if toolchain == "" {
		toolchain = running
	}
	pkg, env := rebuildSpec(o, b, running, forHost)
	if pkg == "" {
		return findings.Fix{
			ID:    "rebuild-manually",
			Title: findings.Text(o.Lang, "fix.rebuild-tool-manual", map[string]string{"tool": b.Name, "toolchain": toolchain}),
			Kind:  findings.FixCommand,
		}
	}
	rc := recipe.Context{Lang: o.Lang, GOOS: o.HostGOOS, Shell: o.Shell, LoginFile: o.LoginFile}
	return rc.RebuildTool("rebuild", b.Path, pkg, env)
}

// outsideGoroot reports the go that runs when it is not <GOROOT>/bin/go,
// go candidates that are dangling symlinks, and go binaries on PATH with no
// Go tree around them (exe/../.. holding pkg/tool).
func outsideGoroot(o Options, bins []Binary) []findings.Finding {
	out := []findings.Finding{}
	running := filepath.Clean(o.GoRunning)
	runningFlagged := false
	if o.GoRunning != "" && o.GoRunningGOROOT != "" {
		if f, ok := runningOutside(o, bins); ok {
			out = append(out, f)
			runningFlagged = true
		}
	}
	seen := map[string]bool{}
	for _, c := range append([]string{o.GoRunning}, o.GoCandidates...) {
		if c == "" || seen[filepath.Clean(c)] {
			continue
		}
		c = filepath.Clean(c)
		seen[c] = true
		if f, ok := danglingGo(o, c); ok {
			out = append(out, f)
			continue
		}
		if c == running && runningFlagged {
			continue
		}
		if f, ok := noTree(o, bins, c); ok {
			out = append(out, f)
		}
	}
	return out
}

// noTree reports the go candidate at path when it is cmd/go and no Go tree
// is around it, the way cmd/go's findGOROOT looks.
func noTree(o Options, bins []Binary, path string) (findings.Finding, bool) {
	b := binaryAt(bins, path)
	if b == nil || b.Package != "cmd/go" {
		return findings.Finding{}, false
	}
	resolved, err := filepath.EvalSymlinks(path)
	if err != nil {
		return findings.Finding{}, false
	}
	if gotree.RootOf(resolved) != "" {
		return findings.Finding{}, false
	}
	root := filepath.Dir(filepath.Dir(resolved))
	f := findings.New(o.Lang, findings.GoBinaryOutsideGoroot, map[string]string{
		"variant": "no-tree", "go": path, "root": root,
	})
	f.Evidencef("go on PATH: %s", describe(path, resolved))
	f.Evidencef("neither %s nor %s contains pkg/tool", root, filepath.Dir(root))
	f.Evidencef("built with: %s, -trimpath=%t", b.GoVersion, b.Trimpath)
	if b.Trimpath {
		f.Evidencef("without GOROOT set it fails: go: cannot find GOROOT directory: 'go' binary is trimmed and GOROOT is not set")
	}
	f.Fixes = append(f.Fixes, reinstallFix(o))
	return f, true
}

func binaryAt(bins []Binary, path string) *Binary {
	for i := range bins {
		if bins[i].Path == path {
			return &bins[i]
		}
	}
	return nil
}

// runningOutside compares the go that runs with <GOROOT>/bin/go.
func runningOutside(o Options, bins []Binary) (findings.Finding, bool) {
	goPath := filepath.Clean(o.GoRunning)
	expected := filepath.Join(o.GoRunningGOROOT, "bin", "go"+o.exe())
	resolved, err := filepath.EvalSymlinks(goPath)
	if err != nil {
		return findings.Finding{}, false // dangling: reported by danglingGo
	}
	self := binaryAt(bins, goPath)
	args := map[string]string{"go": goPath, "expected": expected, "goroot": o.GoRunningGOROOT}
	evidence := []string{
		"go that runs: " + describe(goPath, resolved),
		"go env GOROOT: " + o.GoRunningGOROOT,
	}
	expResolved, err := filepath.EvalSymlinks(expected)
	switch {
	case err != nil:
		args["variant"] = "missing"
		evidence = append(evidence, "expected: "+expected+" (does not exist)")
	case pathKey(expResolved) == pathKey(resolved):
		return findings.Finding{}, false
	case self == nil || self.Package != "cmd/go":
		// A shim (a script, a wrapper) that hands over to <GOROOT>/bin/go:
		// the environment probe names the version manager.
		return findings.Finding{}, false
	default:
		evidence = append(evidence, "expected: "+describe(expected, expResolved))
		if own := gotree.RootOf(resolved); own != "" {
			args["variant"] = "other-tree"
			args["ownRoot"] = own
			evidence = append(evidence, "the binary's own tree: "+own)
		} else {
			args["variant"] = "copy"
			evidence = append(evidence, "no pkg/tool in "+filepath.Dir(filepath.Dir(resolved))+" or its parent: not inside a Go tree")
			if self.Trimpath {
				evidence = append(evidence, "without GOROOT set it fails: go: cannot find GOROOT directory: 'go' binary is trimmed and GOROOT is not set")
			}
		}
	}
	if self != nil {
		evidence = append(evidence, "built with: "+self.GoVersion)
	}
	f := findings.New(o.Lang, findings.GoBinaryOutsideGoroot, args)
	f.Evidence = evidence
	if args["variant"] != "missing" {
		bin := filepath.Dir(expected)
		rc := recipe.Context{Lang: o.Lang, GOOS: o.HostGOOS, Shell: o.Shell, LoginFile: o.LoginFile}
		f.Fixes = append(f.Fixes, rc.PrependPath("prepend-goroot-bin", bin))
	}
	f.Fixes = append(f.Fixes, reinstallFix(o))
	return f, true
}

// danglingGo reports a go candidate that is a symlink whose target is gone.
func danglingGo(o Options, path string) (findings.Finding, bool) {
	if _, err := os.Lstat(path); err != nil {
		return findings.Finding{}, false
	}
	if _, err := os.Stat(path); err == nil {
		return findings.Finding{}, false
	}
	target, err := os.Readlink(path)
	if err != nil {
		return findings.Finding{}, false
	}
	f := findings.New(o.Lang, findings.GoBinaryOutsideGoroot, map[string]string{
		"variant": "dangling", "go": path, "target": target,
	})
	f.Evidencef("go on PATH: %s -> %s", path, target)
	f.Evidencef("%s does not exist", target)
	f.Fixes = append(f.Fixes, reinstallFix(o))
	return f, true
}

func describe(path, resolved string) string {
	if pathKey(path) == pathKey(resolved) {
		return path
	}
	return path + " -> " + resolved
}

func reinstallFix(o Options) findings.Fix {
	return findings.Fix{
		ID:      "reinstall-go",
		Title:   findings.Text(o.Lang, "fix.reinstall-go", nil),
		Kind:    findings.FixCommand,
		Command: "https://go.dev/doc/install",
	}
}
