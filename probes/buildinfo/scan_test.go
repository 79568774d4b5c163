package buildinfo

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goroot-lens/goroot-lens/internal/testgo"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

func skipUnlessUnix(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("builds and checks Unix executables (exec bits, ELF/Mach-O)")
	}
}

// localOptions judges with the machine's go as the go that runs.
func localOptions(t *testing.T) Options {
	root := testgo.Local(t)
	goBin := filepath.Join(root, "bin", "go")
	return Options{
		GoCandidates:    []string{goBin},
		GoRunning:       goBin,
		GoRunningGOROOT: root,
		WorkspaceGo:     "1.26",
		SelectedVersion: testgo.LocalVersion(t),
		Lang:            findings.LangEnglish,
	}
}

func scan(t *testing.T, o Options) *Result {
	t.Helper()
	r, err := Scan(context.Background(), o)
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return r
}

func findingFor(t *testing.T, r *Result, name string) findings.Finding {
	t.Helper()
	for _, f := range r.Findings {
		if filepath.Base(f.Args["tool"]) == name {
			return f
		}
	}
	t.Fatalf("no finding for %s in %v", name, codes(r))
	return findings.Finding{}
}

// TestStaleTools builds tools with the real go1.22.12 into a GOBIN while the
// workspace says go 1.26.
func TestStaleTools(t *testing.T) {
	skipUnlessUnix(t)
	old := testgo.Toolchain(t, testgo.Old, "", "")
	gobin := t.TempDir()
	env := buildEnv("GOBIN=" + gobin)
	goRun(t, old, module(t, "example.com/tool", "1.22"), env, "install", ".")
	goRun(t, old, module(t, "example.com/gopls", "1.22"), env, "install", ".")
	cla := module(t, "example.com/cla", "1.22")
	goRun(t, old, cla, env, "build", "-o", filepath.Join(gobin, "cla"), "main.go")
	link := filepath.Join(t.TempDir(), "bin")
	if err := os.Symlink(gobin, link); err != nil {
		t.Fatal(err)
	}

	o := localOptions(t)
	o.ToolDirs = []string{gobin, gobin + "/", link, filepath.Join(t.TempDir(), "missing")}
	r := scan(t, o)

	var kinds []string
	for _, b := range r.Binaries {
		kinds = append(kinds, b.Kind+":"+b.Name)
	}
	if want := []string{"go:go", "gofmt:gofmt", "tool:cla", "tool:gopls", "tool:tool"}; !slices.Equal(kinds, want) {
		t.Fatalf("binaries %v, want %v (each once)", kinds, want)
	}
	tool := r.Binaries[4]
	want := Binary{Path: filepath.Join(gobin, "tool"), Name: "tool", Kind: KindTool, GoVersion: testgo.Old,
		Package: "example.com/tool", MainPath: "example.com/tool", MainVersion: "(devel)",
		GOOS: runtime.GOOS, GOARCH: runtime.GOARCH, PlatformFrom: fromSettings, CGOEnabled: tool.CGOEnabled}
	if !reflect.DeepEqual(tool, want) || tool.CGOEnabled == "" {
		t.Errorf("tool:\n got %+v\nwant %+v", tool, want)
	}
	if !r.Binaries[0].Trimpath {
		t.Errorf("the official go binary should be -trimpath: %+v", r.Binaries[0])
	}
	if got, want := codes(r), []string{"tool-stale/workspace cla", "tool-stale/workspace tool", "tool-stale/gopls-workspace gopls"}; !slices.Equal(got, want) {
		t.Fatalf("findings %v, want %v", got, want)
	}
	if r.Skipped != 0 {
		t.Errorf("Skipped = %d", r.Skipped)
	}

	f := findingFor(t, r, "tool")
	if f.Severity != findings.Warning || f.Location != nil {
		t.Errorf("severity %s, location %v", f.Severity, f.Location)
	}
	if len(f.Fixes) != 1 || f.Fixes[0].Kind != findings.FixRunGo || f.Fixes[0].Store != findings.StoreToolBinary || f.Fixes[0].Command != "go install example.com/tool@latest" {
		t.Errorf("fix %+v", f.Fixes)
	}
	for _, ev := range []string{"tool: " + filepath.Join(gobin, "tool"), "built with: go1.22.12", "main module: example.com/tool@(devel)", "workspace go.mod: go 1.26", "selected toolchain: " + o.SelectedVersion} {
		if !slices.Contains(f.Evidence, ev) {
			t.Errorf("evidence %q missing from %q", ev, f.Evidence)
		}
	}

	g := findingFor(t, r, "gopls")
	for _, s := range []string{"go/types of go1.22", `"package requires newer Go version go1.26"`} {
		if !strings.Contains(g.Message, s) {
			t.Errorf("gopls message lacks %q: %s", s, g.Message)
		}
	}
	zh := []findings.Finding{g}
	findings.Relocalize(findings.LangChinese, zh)
	if !strings.Contains(zh[0].Message, "类型检查") {
		t.Errorf("zh-CN gopls message: %s", zh[0].Message)
	}

	c := findingFor(t, r, "cla")
	if len(c.Fixes) != 1 || c.Fixes[0].ID != "rebuild-manually" || c.Fixes[0].Command != "" || !strings.Contains(c.Fixes[0].Title, "cannot rebuild") {
		t.Errorf("command-line-arguments fix %+v", c.Fixes)
	}

	// The same tools with a workspace on go 1.22 and go1.22.12 selected: fine.
	o.WorkspaceGo, o.SelectedVersion = "1.22", testgo.Old
	if r := scan(t, o); len(r.Findings) != 0 {
		t.Errorf("go 1.22 workspace: %v", codes(r))
	}
}

// TestWrongPlatform puts an arm64 (or amd64 on arm64) Linux build and a
// Windows build into GOBIN.
func TestWrongPlatform(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("judges Linux hosts")
	}
	other := "arm64"
	if runtime.GOARCH == "arm64" {
		other = "amd64"
	}
	gobin := t.TempDir()
	copyFile(t, crossHello(t, "linux", other), filepath.Join(gobin, "armtool"))
	copyFile(t, crossHello(t, "windows", "amd64"), filepath.Join(gobin, "wintool.exe"))

	o := localOptions(t)
	o.ToolDirs = []string{gobin}
	r := scan(t, o)
	if got, want := codes(r), []string{"tool-wrong-platform armtool", "tool-wrong-platform wintool.exe"}; !slices.Equal(got, want) {
		t.Fatalf("findings %v, want %v", got, want)
	}
	f := r.Findings[0]
	if f.Severity != findings.Error {
		t.Errorf("severity %s", f.Severity)
	}
	wantEv := []string{"binary: " + filepath.Join(gobin, "armtool"), "built for: linux/" + other + " (from the build settings)", "host: linux/" + runtime.GOARCH}
	if !slices.Equal(f.Evidence, wantEv) {
		t.Errorf("evidence %q, want %q", f.Evidence, wantEv)
	}
	wantCmd := "GOOS=linux GOARCH=" + runtime.GOARCH + " go install example.com/hello@latest"
	if len(f.Fixes) != 1 || f.Fixes[0].Command != wantCmd {
		t.Errorf("fix %+v, want %q", f.Fixes, wantCmd)
	}

	o.WSL = true
	r = scan(t, o)
	if got, want := codes(r), []string{"tool-wrong-platform armtool", "tool-wrong-platform/wsl wintool.exe"}; !slices.Equal(got, want) {
		t.Fatalf("WSL findings %v, want %v", got, want)
	}
	if !strings.Contains(r.Findings[1].Message, "Windows interop") || !slices.Contains(r.Findings[1].Evidence, "host: linux/"+runtime.GOARCH+" (WSL)") {
		t.Errorf("WSL finding %+v", r.Findings[1])
	}
}

// TestNonGoFilesQuiet fills GOBIN with everything that is not a Go program.
func TestNonGoFilesQuiet(t *testing.T) {
	skipUnlessUnix(t)
	gobin := t.TempDir()
	write(t, filepath.Join(gobin, "script"), "#!/bin/sh\necho hi\n", 0o755)
	write(t, filepath.Join(gobin, "notes.txt"), "not a program\n", 0o644)
	write(t, filepath.Join(gobin, "empty"), "", 0o755)
	write(t, filepath.Join(gobin, "secret"), "\x7fELF but not really\n", 0o100) // unreadable unless root
	if err := os.Mkdir(filepath.Join(gobin, "subdir"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(gobin, "gone"), filepath.Join(gobin, "dangling")); err != nil {
		t.Fatal(err)
	}
	want := 6
	if gcc, err := exec.LookPath("gcc"); err == nil {
		src := filepath.Join(t.TempDir(), "hello.c")
		write(t, src, "#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n", 0o644)
		if out, err := exec.Command(gcc, "-o", filepath.Join(gobin, "cprog"), src).CombinedOutput(); err != nil {
			t.Fatalf("gcc: %v\n%s", err, out)
		}
		want++
	} else {
		t.Log("no gcc: the C program case is left out")
	}

	r, err := Scan(context.Background(), Options{ToolDirs: []string{gobin}, WorkspaceGo: "1.26", SelectedVersion: "go1.26.8"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Binaries) != 0 || len(r.Findings) != 0 || r.Skipped != want {
		t.Errorf("binaries %+v, findings %v, skipped %d (want %d)", r.Binaries, codes(r), r.Skipped, want)
	}
}

// TestCopiedGo copies the machine's go out of its tree.
func TestCopiedGo(t *testing.T) {
	skipUnlessUnix(t)
	root := testgo.Local(t)
	copied := filepath.Join(t.TempDir(), "bin", "go")
	if err := os.Mkdir(filepath.Dir(copied), 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join(root, "bin", "go"), copied)

	// The facts behind the messages: without GOROOT the copy fails, with it
	// `go env GOROOT` names the tree.
	cmd := exec.Command(copied, "env", "GOROOT")
	cmd.Env = buildEnv()
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "cannot find GOROOT directory: 'go' binary is trimmed and GOROOT is not set") {
		t.Fatalf("copied go without GOROOT: %v %s", err, out)
	}
	cmd = exec.Command(copied, "env", "GOROOT")
	cmd.Env = buildEnv("GOROOT=" + root)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	goroot := strings.TrimSpace(string(out))

	o := Options{GoCandidates: []string{copied}, GoRunning: copied, GoRunningGOROOT: goroot}
	r := scan(t, o)
	if got, want := codes(r), []string{"go-binary-outside-goroot/copy go"}; !slices.Equal(got, want) {
		t.Fatalf("findings %v, want %v", got, want)
	}
	f := r.Findings[0]
	if f.Severity != findings.Warning || f.Args["expected"] != filepath.Join(root, "bin", "go") || !slices.Contains(f.Evidence, "go that runs: "+copied) {
		t.Errorf("finding %+v", f)
	}
	if f.Fixes[0].Kind != findings.FixPrependPath || f.Fixes[0].Value != filepath.Join(root, "bin") {
		t.Errorf("fixes %+v", f.Fixes)
	}

	// Without a GOROOT from go env, the location check still sees it.
	o.GoRunningGOROOT = ""
	if got, want := codes(scan(t, o)), []string{"go-binary-outside-goroot/no-tree go"}; !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

// TestSymlinkedGo links to the machine's go: a symlink is resolved, so it is
// the go of its GOROOT.
func TestSymlinkedGo(t *testing.T) {
	skipUnlessUnix(t)
	root := testgo.Local(t)
	link := filepath.Join(t.TempDir(), "go")
	if err := os.Symlink(filepath.Join(root, "bin", "go"), link); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(link, "env", "GOROOT")
	cmd.Env = buildEnv()
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	r := scan(t, Options{GoCandidates: []string{link, filepath.Join(root, "bin", "go")}, GoRunning: link, GoRunningGOROOT: strings.TrimSpace(string(out))})
	if len(r.Findings) != 0 {
		t.Errorf("findings %v", codes(r))
	}
	if len(r.Binaries) != 2 || r.Binaries[0].Path != link || r.Binaries[1].Kind != KindGofmt {
		t.Errorf("binaries %+v (the link and its target are one go)", r.Binaries)
	}
}

// TestGoOtherTree runs the machine's go with GOROOT at go1.22.12's tree,
// and a PATH entry that is a symlink into a removed tree.
func TestGoOtherTree(t *testing.T) {
	skipUnlessUnix(t)
	root := testgo.Local(t)
	old := testgo.Toolchain(t, testgo.Old, "", "")
	goBin := filepath.Join(root, "bin", "go")
	dangling := filepath.Join(t.TempDir(), "go")
	if err := os.Symlink(filepath.Join(t.TempDir(), "removed", "bin", "go"), dangling); err != nil {
		t.Fatal(err)
	}
	r := scan(t, Options{GoCandidates: []string{goBin, dangling}, GoRunning: goBin, GoRunningGOROOT: old})
	if got, want := codes(r), []string{"go-binary-outside-goroot/dangling go", "go-binary-outside-goroot/other-tree go"}; !slices.Equal(got, want) {
		t.Fatalf("findings %v, want %v", got, want)
	}
	if r.Findings[1].Args["ownRoot"] != root || r.Skipped != 1 {
		t.Errorf("finding %+v, skipped %d", r.Findings[1], r.Skipped)
	}
}

// TestCacheFollowsFileIdentity replaces a tool and expects the rescan to see it.
func TestCacheFollowsFileIdentity(t *testing.T) {
	skipUnlessUnix(t)
	gobin := t.TempDir()
	tool := filepath.Join(gobin, "tool")
	copyFile(t, crossHello(t, runtime.GOOS, runtime.GOARCH), tool)
	o := Options{ToolDirs: []string{gobin}}
	if r := scan(t, o); len(r.Binaries) != 1 {
		t.Fatalf("binaries %+v", r.Binaries)
	}
	cache.Lock()
	_, cached := cache.m[tool]
	cache.Unlock()
	if !cached {
		t.Fatal("not cached")
	}
	write(t, tool, "#!/bin/sh\n", 0o755)
	if err := os.Chtimes(tool, time.Now(), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if r := scan(t, o); len(r.Binaries) != 0 || r.Skipped != 1 {
		t.Errorf("after replacing: binaries %+v, skipped %d", r.Binaries, r.Skipped)
	}
}

func TestScanCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Scan(ctx, Options{ToolDirs: []string{t.TempDir()}}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func TestRebuildCommand(t *testing.T) {
	gopls := Binary{Name: "gopls", Package: "golang.org/x/tools/gopls", MainPath: "golang.org/x/tools/gopls", MainVersion: "v0.20.0"}
	sc := Binary{Name: "staticcheck", Package: "honnef.co/go/tools/cmd/staticcheck", MainPath: "honnef.co/go/tools", MainVersion: "v0.6.1"}
	for _, tc := range []struct {
		b                Binary
		hostOS, selected string
		running          string
		forHost          bool
		want             string
	}{
		{gopls, "linux", "go1.26.8", "go1.26.8", false, "go install golang.org/x/tools/gopls@v0.20.0"},
		{sc, "linux", "go1.26.8", "go1.26.8", false, "go install honnef.co/go/tools/cmd/staticcheck@v0.6.1"},
		{gopls, "linux", "go1.27.0", "go1.26.8", false, "GOTOOLCHAIN=go1.27.0 go install golang.org/x/tools/gopls@v0.20.0"},
		{gopls, "linux", "go1.26.8", "", false, "GOTOOLCHAIN=go1.26.8 go install golang.org/x/tools/gopls@v0.20.0"},
		{gopls, "linux", "", "go1.26.8", true, "GOOS=linux GOARCH=amd64 go install golang.org/x/tools/gopls@v0.20.0"},
		{gopls, "windows", "go1.27.0", "go1.26.8", false, `cmd /c "set GOTOOLCHAIN=go1.27.0&& go install golang.org/x/tools/gopls@v0.20.0"`},
		{Binary{Package: "example.com/t", MainVersion: "(devel)"}, "linux", "", "", false, "go install example.com/t@latest"},
		{Binary{Package: "example.com/t", MainVersion: "v1.2.4-0.20260101000000-abcdefabcdef+dirty"}, "linux", "", "", false, "go install example.com/t@latest"},
		{Binary{Package: "example.com/t", MainVersion: "v2.0.0+incompatible"}, "linux", "", "", false, "go install example.com/t@v2.0.0+incompatible"},
		{Binary{Package: "command-line-arguments"}, "linux", "go1.26.8", "go1.26.8", false, ""},
		{Binary{}, "linux", "", "", false, ""},
	} {
		o := Options{HostGOOS: tc.hostOS, HostGOARCH: "amd64", SelectedVersion: tc.selected}
		if got := rebuildFix(o, tc.b, tc.running, tc.forHost).Command; got != tc.want {
			t.Errorf("rebuildFix(%s, %s, selected %q, running %q) = %q, want %q", tc.b.Package, tc.hostOS, tc.selected, tc.running, got, tc.want)
		}
	}
}

// TestCatalogue checks that every message this probe can produce exists in
// both languages and leaves no placeholder unfilled.
func TestCatalogue(t *testing.T) {
	all := map[string]string{"tool": "/t", "toolGo": "go1.22.12", "toolLang": "go1.22", "needed": "go1.26.8", "neededLang": "go1.26",
		"toolPlatform": "linux/arm64", "hostPlatform": "linux/amd64", "go": "/g", "expected": "/e", "goroot": "/r",
		"ownRoot": "/o", "target": "/x", "root": "/y"}
	cases := map[findings.Code][]string{
		findings.ToolStale:             {"workspace", "selected", "gopls-workspace", "gopls-selected"},
		findings.ToolWrongPlatform:     {"", "wsl"},
		findings.GoBinaryOutsideGoroot: {"copy", "other-tree", "missing", "dangling", "no-tree"},
	}
	for code, variants := range cases {
		for _, v := range variants {
			for _, lang := range []string{findings.LangEnglish, findings.LangChinese} {
				args := map[string]string{"variant": v}
				for k, val := range all {
					args[k] = val
				}
				m := findings.Message(lang, code, args)
				if m == string(code) || strings.ContainsAny(m, "{}") {
					t.Errorf("%s/%s in %s: %q", code, v, lang, m)
				}
			}
		}
	}
	for _, key := range []string{"fix.rebuild-tool", "fix.rebuild-tool-manual", "fix.reinstall-go", "fix.prepend-path"} {
		if m := findings.Text(findings.LangChinese, key, map[string]string{"tool": "t", "command": "c", "toolchain": "go1", "dir": "/d"}); m == key || strings.ContainsAny(m, "{}") {
			t.Errorf("%s: %q", key, m)
		}
	}
}
