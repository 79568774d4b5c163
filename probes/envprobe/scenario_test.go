package envprobe_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goroot-lens/goroot-lens/internal/testgo"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// scenario is one user's machine: its own HOME, PATH, GOENV file and
// workspace, with the machine's real go and real older toolchains.
type scenario struct {
	t        *testing.T
	home     string
	ws       string
	env      map[string]string
	settings map[string]string
	timeout  time.Duration
}

func newScenario(t *testing.T) *scenario {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("Unix scenarios; Windows is covered under Wine")
	}
	home := t.TempDir()
	testgo.QuietHome(t, home)
	ws := filepath.Join(home, "ws")
	s := &scenario{t: t, home: home, ws: ws, settings: map[string]string{}}
	s.write("ws/go.mod", "module example.com/ws\n\ngo 1.22\n")
	s.env = map[string]string{
		"HOME":       home,
		"PATH":       filepath.Join(testgo.Local(t), "bin") + ":/usr/bin:/bin",
		"GOENV":      filepath.Join(home, ".config", "go", "env"),
		"GOPROXY":    "off",
		"GOCACHE":    filepath.Join(home, ".cache", "go-build"),
		"GOMODCACHE": filepath.Join(home, "go", "pkg", "mod"),
		"SHELL":      "/bin/bash",
	}
	return s
}

// write creates a file under HOME (dirs made as needed).
func (s *scenario) write(rel, content string) string {
	s.t.Helper()
	p := filepath.Join(s.home, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		s.t.Fatal(err)
	}
	return p
}

func (s *scenario) run() *envprobe.Snapshot {
	s.t.Helper()
	var env []string
	for k, v := range s.env {
		env = append(env, k+"="+v)
	}
	snap, err := envprobe.Run(context.Background(), envprobe.Options{Dir: s.ws, Env: env, Settings: s.settings, Timeout: s.timeout})
	if err != nil {
		s.t.Fatalf("Run: %v", err)
	}
	assertChinese(s.t, snap)
	return snap
}

// find returns the findings with code, failing when there is none.
func find(t *testing.T, snap *envprobe.Snapshot, code findings.Code, sev findings.Severity) findings.Finding {
	t.Helper()
	for _, f := range snap.Findings {
		if f.Code == code {
			if f.Severity != sev {
				t.Errorf("%s: severity %s, want %s", code, f.Severity, sev)
			}
			return f
		}
	}
	t.Fatalf("no %s finding; got %s", code, summary(snap))
	return findings.Finding{}
}

func absent(t *testing.T, snap *envprobe.Snapshot, code findings.Code) {
	t.Helper()
	for _, f := range snap.Findings {
		if f.Code == code {
			t.Errorf("unexpected %s: %s", code, f.Message)
		}
	}
}

func summary(snap *envprobe.Snapshot) string {
	var parts []string
	for _, f := range snap.Findings {
		parts = append(parts, string(f.Code)+"("+string(f.Severity)+"): "+f.Message)
	}
	return "[" + strings.Join(parts, "; ") + "]"
}

// evidence asserts one evidence line contains each of the fragments.
func evidence(t *testing.T, f findings.Finding, fragments ...string) {
	t.Helper()
	all := f.Message + "\n" + strings.Join(f.Evidence, "\n")
	for _, frag := range fragments {
		if !strings.Contains(all, frag) {
			t.Errorf("%s: %q not in message/evidence:\n%s", f.Code, frag, all)
		}
	}
}

func TestCleanMachine(t *testing.T) {
	s := newScenario(t)
	snap := s.run()
	for _, f := range snap.Findings {
		if f.Severity != findings.Info {
			t.Errorf("clean machine: %s %s: %s", f.Severity, f.Code, f.Message)
		}
	}
	root := testgo.Local(t)
	if snap.Toolchain.Go != filepath.Join(root, "bin", "go") || snap.Toolchain.GOROOT != root {
		t.Errorf("toolchain = %+v, want go in %s", snap.Toolchain, root)
	}
	if snap.Toolchain.GOROOTSourceKind != envprobe.SourceExecutable {
		t.Errorf("GOROOT source kind %q, want executable-location", snap.Toolchain.GOROOTSourceKind)
	}
	if snap.Toolchain.Version != testgo.LocalVersion(t) || snap.Toolchain.Selected != testgo.LocalVersion(t) {
		t.Errorf("version %q selected %q, want %s", snap.Toolchain.Version, snap.Toolchain.Selected, testgo.LocalVersion(t))
	}
	var gopath *envprobe.Variable
	for i, v := range snap.Variables {
		if v.Name == "GOPATH" && v.Effective {
			gopath = &snap.Variables[i]
		}
	}
	if gopath == nil || gopath.Value != filepath.Join(s.home, "go") || gopath.SourceKind != envprobe.SourceDefault {
		t.Errorf("effective GOPATH = %+v, want default %s/go", gopath, s.home)
	}
}

func TestGorootEnvMismatch(t *testing.T) {
	s := newScenario(t)
	old := testgo.Toolchain(t, testgo.Old, "", "")
	s.env["GOROOT"] = old
	snap := s.run()
	f := find(t, snap, findings.GorootEnvMismatch, findings.Error)
	evidence(t, f, testgo.Old, testgo.LocalVersion(t), old,
		`compile: version "`+testgo.Old+`" does not match go tool version "`+testgo.LocalVersion(t)+`"`)
	if len(f.Fixes) == 0 || !f.Fixes[0].Preferred {
		t.Errorf("want a preferred fix, got %+v", f.Fixes)
	}
	absent(t, snap, findings.GorootRedundant)
}

func TestGorootInvalid(t *testing.T) {
	s := newScenario(t)
	s.env["GOROOT"] = "/nonexistent"
	snap := s.run()
	f := find(t, snap, findings.GorootInvalid, findings.Error)
	evidence(t, f, "/nonexistent", "does not exist")
	g := find(t, snap, findings.GoCommandFailed, findings.Error)
	evidence(t, g, "go: cannot find GOROOT directory: /nonexistent")
}

func TestShadowedAndToolchainUnavailable(t *testing.T) {
	s := newScenario(t)
	old := testgo.Toolchain(t, testgo.Old, "", "")
	s.env["PATH"] = filepath.Join(old, "bin") + ":" + s.env["PATH"]
	s.env["GOTOOLCHAIN"] = "local"
	s.write("ws/go.mod", "module example.com/ws\n\ngo 1.26\n")
	snap := s.run()
	f := find(t, snap, findings.GoShadowed, findings.Warning)
	evidence(t, f, filepath.Join(old, "bin", "go"), testgo.Old, testgo.LocalVersion(t), "wins", "shadowed", "PATH #1", "PATH #2")
	u := find(t, snap, findings.ToolchainUnavailable, findings.Error)
	// The evidence quotes what the real go command says, word for word.
	s.write("ws/main.go", "package main\n\nfunc main() {}\n")
	build := exec.Command(filepath.Join(old, "bin", "go"), "build", ".")
	build.Dir, build.Env = s.ws, append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=", "HOME="+s.home)
	out, _ := build.CombinedOutput()
	said := strings.TrimSpace(string(out))
	if !strings.HasPrefix(said, "go: go.mod requires go >= 1.26") {
		t.Fatalf("the real go1.22 said %q", said)
	}
	evidence(t, u, "go1.26.0", testgo.Old, "GOTOOLCHAIN=local", said)
	if u.Location == nil || u.Location.Line != 3 || filepath.Base(u.Location.File) != "go.mod" {
		t.Errorf("location %+v, want go.mod:3", u.Location)
	}
}

func TestGopathIsGoroot(t *testing.T) {
	s := newScenario(t)
	root := testgo.Local(t)
	s.env["GOPATH"] = root
	f := find(t, s.run(), findings.GopathIsGoroot, findings.Error)
	evidence(t, f, "GOPATH="+root, "go env says: warning: both GOPATH and GOROOT are the same directory ("+root+")")
}

func TestGoNotFound(t *testing.T) {
	s := newScenario(t)
	s.env["PATH"] = filepath.Join(s.home, "empty") + ":/nonexistent"
	snap := s.run()
	find(t, snap, findings.GoNotFound, findings.Error)
	if snap.Toolchain.Go != "" || len(snap.Candidates) != 0 {
		t.Errorf("toolchain %+v candidates %+v, want none", snap.Toolchain, snap.Candidates)
	}
}

func TestGoThatHangs(t *testing.T) {
	s := newScenario(t)
	// A fake go: a hang cannot be caused on demand with a real toolchain.
	s.write("hang/go", "#!/bin/sh\nsleep 60\n")
	os.Chmod(filepath.Join(s.home, "hang", "go"), 0o755)
	s.env["PATH"] = filepath.Join(s.home, "hang") + ":/usr/bin:/bin"
	s.timeout = time.Second
	f := find(t, s.run(), findings.GoCommandFailed, findings.Error)
	evidence(t, f, "did not finish within 1s")
}

func TestProfileMissingExport(t *testing.T) {
	s := newScenario(t)
	s.env["SHELL"] = "/bin/sh"
	p := s.write(".profile", "# my profile\nGOROOT=/x\n")
	f := find(t, s.run(), findings.ProfileMissingExport, findings.Warning)
	if f.Location == nil || f.Location.File != p || f.Location.Line != 2 {
		t.Errorf("location %+v, want %s:2", f.Location, p)
	}
	evidence(t, f, p+":2", "GOROOT")
	if len(f.Fixes) == 0 || f.Fixes[0].NewText != "export GOROOT=/x" {
		t.Errorf("fixes %+v, want an edit to `export GOROOT=/x`", f.Fixes)
	}
}

func TestGorootRedundant(t *testing.T) {
	s := newScenario(t)
	s.env["GOROOT"] = testgo.Local(t)
	snap := s.run()
	find(t, snap, findings.GorootRedundant, findings.Info)
	absent(t, snap, findings.GorootEnvMismatch)
	absent(t, snap, findings.GorootBinNotOnPath)
}

func TestGorootBinNotOnPath(t *testing.T) {
	s := newScenario(t)
	// Another tree of the same release as the go that runs.
	other := testgo.Toolchain(t, testgo.LocalVersion(t), "", "")
	s.env["GOROOT"] = other
	snap := s.run()
	f := find(t, snap, findings.GorootBinNotOnPath, findings.Warning)
	evidence(t, f, filepath.Join(other, "bin"), filepath.Join(testgo.Local(t), "bin", "go"))
	absent(t, snap, findings.GorootEnvMismatch)
}

func TestGobinNotOnPath(t *testing.T) {
	s := newScenario(t)
	gobin := filepath.Join(s.home, "gobin")
	s.env["GOBIN"] = gobin
	os.MkdirAll(gobin, 0o755)
	info := find(t, s.run(), findings.GobinNotOnPath, findings.Info)
	evidence(t, info, gobin, "empty")
	s.write("gobin/gopls", "#!/bin/sh\n")
	os.Chmod(filepath.Join(gobin, "gopls"), 0o755)
	warn := find(t, s.run(), findings.GobinNotOnPath, findings.Warning)
	evidence(t, warn, "gopls", "1 programs")
}

func TestPathUnexpandedVariable(t *testing.T) {
	s := newScenario(t)
	s.env["PATH"] += ":$HOME/go/bin"
	f := find(t, s.run(), findings.PathUnexpandedVariable, findings.Error)
	evidence(t, f, "$HOME/go/bin", "$HOME")
}

func TestEnvStale(t *testing.T) {
	s := newScenario(t)
	s.env["SHELL"] = "/bin/bash"
	p := s.write(".bash_profile", "export GOPATH=$HOME/gp\n")
	f := find(t, s.run(), findings.EnvStale, findings.Warning)
	evidence(t, f, "GOPATH", filepath.Join(s.home, "gp"), p+":1", "unset")

	// A Go toolchain folder a new login shell would put on PATH.
	s2 := newScenario(t)
	old := testgo.Toolchain(t, testgo.Old, "", "")
	s2.write(".bash_profile", "export PATH=\""+filepath.Join(old, "bin")+":$PATH\"\n")
	g := find(t, s2.run(), findings.EnvStale, findings.Warning)
	evidence(t, g, filepath.Join(old, "bin"))
}

func TestToolchainSwitchFromModuleCache(t *testing.T) {
	s := newScenario(t)
	old := testgo.Toolchain(t, testgo.Old, "", "")
	s.env["PATH"] = filepath.Join(old, "bin") + ":/usr/bin:/bin"
	s.env["GOTOOLCHAIN"] = "auto"
	const want = "go1.25.5"
	dir := testgo.ModCacheDir(t, s.env["GOMODCACHE"], want)
	s.write("ws/go.mod", "module example.com/ws\n\ngo 1.22\n\ntoolchain "+want+"\n")
	snap := s.run()
	f := find(t, snap, findings.ToolchainSwitch, findings.Info)
	evidence(t, f, want, testgo.Old, dir)
	if f.Location == nil || f.Location.Line != 5 {
		t.Errorf("location %+v, want the toolchain line 5", f.Location)
	}
	if snap.Toolchain.Selected != want || snap.Toolchain.SelectedGOROOT != dir {
		t.Errorf("selected %q at %q, want %s at %s", snap.Toolchain.Selected, snap.Toolchain.SelectedGOROOT, want, dir)
	}
	i := slices.IndexFunc(snap.Variables, func(v envprobe.Variable) bool { return v.Name == "GOROOT" && v.Effective })
	if i < 0 || snap.Variables[i].SourceKind != envprobe.SourceToolchainSwitch || snap.Variables[i].Value != dir {
		t.Errorf("effective GOROOT variable: %+v", snap.Variables)
	}
}

// A go.mod asking for a release that does not exist must not start a
// download, whatever GOTOOLCHAIN and GOPROXY say.
func TestNoDownloadForFutureGo(t *testing.T) {
	for _, proxy := range []string{"off", ""} {
		s := newScenario(t)
		s.env["GOTOOLCHAIN"] = "auto"
		if proxy == "" {
			delete(s.env, "GOPROXY")
		} else {
			s.env["GOPROXY"] = proxy
		}
		s.write("ws/go.mod", "module example.com/ws\n\ngo 1.99\n")
		snap := s.run()
		if proxy == "off" {
			f := find(t, snap, findings.ToolchainUnavailable, findings.Error)
			evidence(t, f, "go1.99.0", "GOPROXY=off (process environment) forbids the download")
		} else {
			f := find(t, snap, findings.ToolchainSwitch, findings.Info)
			evidence(t, f, "go1.99.0", "would try to download it")
		}
		if _, err := os.Stat(s.env["GOMODCACHE"]); !os.IsNotExist(err) {
			t.Errorf("GOPROXY=%q: module cache %s was created: something downloaded", proxy, s.env["GOMODCACHE"])
		}
	}
}

// GOPROXY=off that blocks the download is named where it is set: that is
// where the user changes it.
func TestProxyOffNamesItsSource(t *testing.T) {
	s := newScenario(t)
	s.env["GOTOOLCHAIN"] = "auto"
	delete(s.env, "GOPROXY")
	file := s.write(".config/go/env", "GOFLAGS=\nGOPROXY=off\n")
	s.write("ws/go.mod", "module example.com/ws\n\ngo 1.99\n")
	f := find(t, s.run(), findings.ToolchainUnavailable, findings.Error)
	evidence(t, f, "GOPROXY=off (GOENV file "+file+":2) forbids the download")
}

func TestGoenvFileOverride(t *testing.T) {
	s := newScenario(t)
	file := s.write(".config/go/env", "GOTOOLCHAIN=local\nGOPATH=/from/file\n")
	s.env["GOPATH"] = filepath.Join(s.home, "gp")
	snap := s.run()
	var global, overridden bool
	for _, f := range snap.Findings {
		if f.Code != findings.GoenvFileOverride {
			continue
		}
		switch {
		case strings.Contains(f.Message, "GOTOOLCHAIN=local") && f.Location.Line == 1:
			global = true
		case strings.Contains(f.Message, "/from/file") && f.Location.Line == 2 && strings.Contains(f.Message, s.env["GOPATH"]):
			overridden = true
		}
		if f.Location == nil || f.Location.File != file {
			t.Errorf("location %+v, want %s", f.Location, file)
		}
	}
	if !global || !overridden {
		t.Errorf("global=%v overridden=%v: %s", global, overridden, summary(snap))
	}
}

func TestGoenvFileBrokenGoroot(t *testing.T) {
	s := newScenario(t)
	s.write(".config/go/env", "GOROOT=/nonexistent\n")
	snap := s.run()
	f := find(t, snap, findings.GoenvFileOverride, findings.Warning)
	evidence(t, f, "GOROOT=/nonexistent")
	if len(f.Fixes) == 0 || f.Fixes[0].Command != "GOROOT="+testgo.Local(t)+" go env -u GOROOT" {
		t.Errorf("fixes %+v, want the recovery command", f.Fixes)
	}
	find(t, snap, findings.GorootInvalid, findings.Error)
	g := find(t, snap, findings.GoCommandFailed, findings.Error)
	evidence(t, g, "cannot find GOROOT directory: /nonexistent")
}

func TestProfileConflict(t *testing.T) {
	s := newScenario(t)
	s.write(".bash_profile", "export GOPATH=/a\n")
	rc := s.write(".bashrc", "\nexport GOPATH=/b\n")
	s.env["GOPATH"] = "/b"
	f := find(t, s.run(), findings.ProfileConflict, findings.Warning)
	evidence(t, f, "/a", "/b", rc+":2")
}

func TestWSLWindowsDrive(t *testing.T) {
	s := newScenario(t)
	if runtime.GOOS != "linux" {
		t.Skip("WSL is Linux")
	}
	s.env["WSL_DISTRO_NAME"] = "Ubuntu"
	s.env["GOPATH"] = "/mnt/c/Users/dev/go"
	f := find(t, s.run(), findings.WSLWindowsGo, findings.Error)
	evidence(t, f, "/mnt/c/Users/dev/go")
}

func TestSettingsGorootMismatch(t *testing.T) {
	newScenario(t) // skips where the Unix scenarios do not apply
	old := testgo.Toolchain(t, testgo.Old, "", "")
	root := testgo.Local(t)
	for _, tc := range []struct {
		value, want string
	}{
		{old, "disagrees with the go on PATH"},
		{filepath.Join(root, "bin", "go"), "names the go binary instead of its root"},
		{"/nonexistent", "is not a Go tree"},
	} {
		s := newScenario(t)
		s.settings["go.goroot"] = tc.value
		f := find(t, s.run(), findings.SettingsGorootMismatch, findings.Warning)
		evidence(t, f, tc.want, tc.value)
	}
}

func TestVersionManagerShim(t *testing.T) {
	s := newScenario(t)
	shim := s.write(".asdf/shims/go", "#!/bin/sh\nexec "+filepath.Join(testgo.Local(t), "bin", "go")+" \"$@\"\n")
	os.Chmod(shim, 0o755)
	s.env["PATH"] = filepath.Dir(shim) + ":" + s.env["PATH"]
	f := find(t, s.run(), findings.VersionManagerShim, findings.Info)
	evidence(t, f, "asdf", shim)
}

func TestMixedInstall(t *testing.T) {
	s := newScenario(t)
	old := testgo.Toolchain(t, testgo.Old, "", "")
	// A 1.22 tree whose bin/go was replaced by the machine's newer go, as a
	// release unpacked over another leaves it.
	mixed := filepath.Join(s.home, "mixed")
	tool := filepath.Join("pkg", "tool", runtime.GOOS+"_"+runtime.GOARCH)
	for _, d := range []string{"bin", "src/runtime", tool} {
		os.MkdirAll(filepath.Join(mixed, d), 0o755)
	}
	copyFile(t, filepath.Join(old, "VERSION"), filepath.Join(mixed, "VERSION"))
	copyFile(t, filepath.Join(old, tool, "compile"), filepath.Join(mixed, tool, "compile"))
	copyFile(t, filepath.Join(testgo.Local(t), "bin", "go"), filepath.Join(mixed, "bin", "go"))
	s.env["PATH"] = filepath.Join(mixed, "bin") + ":/usr/bin:/bin"
	f := find(t, s.run(), findings.GorootVersionMismatch, findings.Error)
	evidence(t, f, mixed, testgo.Old, testgo.LocalVersion(t), "bin/go")
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o755); err != nil {
		t.Fatal(err)
	}
}

// A login profile exporting a GOROOT of another release, with a clean
// process: the next login shell breaks, so it is the mismatch with that line
// as its source and the line's deletion as its fix — not a restart, which
// would walk the user into it. A broken profile GOROOT likewise.
func TestProfileGorootJudgedAsInEffect(t *testing.T) {
	s := newScenario(t)
	old := testgo.Toolchain(t, testgo.Old, "", "")
	p := s.write(".profile", "export GOROOT="+old+"\n")
	snap := s.run()
	f := find(t, snap, findings.GorootEnvMismatch, findings.Error)
	if f.Location == nil || f.Location.File != p || f.Location.Line != 1 {
		t.Errorf("location %+v, want %s:1", f.Location, p)
	}
	evidence(t, f, p+":1", testgo.Old, "new login shell")
	if len(f.Fixes) == 0 || !f.Fixes[0].Preferred || f.Fixes[0].Kind != findings.FixEditFile || f.Fixes[0].Location.File != p {
		t.Errorf("want the deletion of %s:1 first, got %+v", p, f.Fixes)
	}
	for _, x := range f.Fixes {
		if x.Kind == findings.FixRestart || x.Var == "GOROOT" && x.Kind == findings.FixSetUserVar {
			t.Errorf("fix %q would not cure it or would be goroot-redundant", x.Title)
		}
	}
	absent(t, snap, findings.EnvStale)

	s2 := newScenario(t)
	s2.write(".profile", "export GOROOT=/nonexistent/go\n")
	g := find(t, s2.run(), findings.GorootInvalid, findings.Error)
	evidence(t, g, "/nonexistent/go", ".profile:1")

	// The same tree as the go that runs is not a mismatch (goroot-redundant
	// judges the process's own values only).
	s3 := newScenario(t)
	s3.write(".profile", "export GOROOT="+testgo.Local(t)+"\n")
	snap3 := s3.run()
	absent(t, snap3, findings.GorootEnvMismatch)
	absent(t, snap3, findings.GorootInvalid)
}

// gopath-is-goroot says what is really written into the installation: with
// GOMODCACHE and GOBIN elsewhere nothing is (a warning), with GOBIN unset
// go install is, and a module cache inside it is said as such.
func TestGopathIsGorootSaysWhatIsWritten(t *testing.T) {
	root := testgo.Local(t)
	for _, c := range []struct {
		name, gobin, modcache, variant string
		sev                            findings.Severity
	}{
		{"install", "", "", "install", findings.Error},
		{"nothing", "/tmp/gobin-elsewhere", "", "nothing", findings.Warning},
		{"both", "", filepath.Join(root, "pkg", "mod"), "", findings.Error},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newScenario(t)
			s.env["GOPATH"] = root
			if c.gobin != "" {
				s.env["GOBIN"] = c.gobin
			}
			if c.modcache != "" {
				s.env["GOMODCACHE"] = c.modcache
			}
			f := find(t, s.run(), findings.GopathIsGoroot, c.sev)
			if f.Args["variant"] != c.variant {
				t.Errorf("variant %q, want %q: %s", f.Args["variant"], c.variant, f.Message)
			}
		})
	}
}

// What the profile reader cannot read, or reads differently from the shell,
// is a finding at its line: CRLF (an error when a Go variable is assigned
// there, showing the value with its \r), a byte order mark, a syntax error,
// a sourced file only the shell could name.
func TestProfileReadingProblems(t *testing.T) {
	s := newScenario(t)
	prof := s.write(".bash_profile", "export GOPATH=/tmp/gp\r\n")
	rc := s.write(".bashrc", "\xef\xbb\xbfexport A=1\n. \"$HOME/$(whoami)\"\nif then\n")
	s.write(".bash_profile", "export GOPATH=/tmp/gp\r\n. ~/.bashrc\r\n")
	snap := s.run()
	var crlf, bom, syntax, sourced bool
	for _, f := range snap.Findings {
		loc := ""
		if f.Location != nil {
			loc = f.Location.String()
		}
		switch {
		case f.Code == findings.ProfileEncoding && f.Args["variant"] == "crlf":
			crlf = f.Severity == findings.Error && loc == prof+":1" && f.Args["name"] == "GOPATH" &&
				strings.Contains(strings.Join(f.Evidence, "\n"), `"/tmp/gp\r"`) && len(f.Fixes) == 1
		case f.Code == findings.ProfileEncoding && f.Args["variant"] == "bom":
			bom = loc == rc+":1"
		case f.Code == findings.ProfileUnreadable && f.Args["variant"] == "syntax":
			syntax = loc == rc+":3" && f.Severity == findings.Warning
		case f.Code == findings.ProfileUnreadable && f.Args["variant"] == "not-followed":
			sourced = loc == rc+":2" && f.Severity == findings.Info
		}
	}
	if !crlf || !bom || !syntax || !sourced {
		t.Errorf("crlf %v, bom %v, syntax %v, sourced %v; findings:\n%s", crlf, bom, syntax, sourced, summary(snap))
	}
}

// GOTOOLCHAIN=local and a go line newer than the local go, with GOPROXY=off
// in the GOENV file: switching to auto alone would fail on the download, so
// the fix says so and the fetch names the default proxy of $GOROOT/go.env
// itself (an empty GOPROXY would fall back to the GOENV file's off).
func TestToolchainFixWorksWithProxyOff(t *testing.T) {
	s := newScenario(t)
	s.env["GOTOOLCHAIN"] = "local"
	delete(s.env, "GOPROXY")
	s.write(".config/go/env", "GOPROXY=off\n")
	s.write("ws/go.mod", "module example.com/ws\n\ngo 1.99\n")
	f := find(t, s.run(), findings.ToolchainUnavailable, findings.Error)
	goEnvFile, err := os.ReadFile(filepath.Join(testgo.Local(t), "go.env"))
	if err != nil {
		t.Skip("this go has no go.env")
	}
	def := ""
	for _, l := range strings.Split(string(goEnvFile), "\n") {
		if v, ok := strings.CutPrefix(l, "GOPROXY="); ok {
			def = v
		}
	}
	var auto, fetch bool
	for _, x := range f.Fixes {
		auto = auto || strings.Contains(x.Title, "GOPROXY=off") && x.Var == "GOTOOLCHAIN"
		fetch = fetch || strings.Contains(x.Command, "GOPROXY="+def+" ") && strings.Contains(x.Command, "GOTOOLCHAIN=go1.99.0 go version")
	}
	if !auto || !fetch {
		t.Errorf("fixes %+v: want GOTOOLCHAIN=auto saying GOPROXY=off, and a fetch naming GOPROXY=%s", f.Fixes, def)
	}
}

// A go left without its execute bit and a dangling go link, before the real
// go on PATH: each is reported, the first with the chmod that makes it run;
// a folder named go is not. With no go at all, go-not-found lists them.
func TestSkippedGoOnPath(t *testing.T) {
	s := newScenario(t)
	noExec := s.write("noexec/go", "#!/bin/sh\necho hi\n") // written 0644
	dangling := filepath.Join(s.home, "dangling", "go")
	os.MkdirAll(filepath.Dir(dangling), 0o755)
	if err := os.Symlink(filepath.Join(s.home, "nowhere", "go"), dangling); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(s.home, "folder", "go"), 0o755)
	real := filepath.Join(testgo.Local(t), "bin")
	s.env["PATH"] = strings.Join([]string{filepath.Dir(noExec), filepath.Join(s.home, "folder"), filepath.Dir(dangling), real, "/usr/bin", "/bin"}, ":")
	snap := s.run()
	var got []string
	for _, f := range snap.Findings {
		if f.Code == findings.GoSkipped {
			got = append(got, f.Message)
			if f.Severity != findings.Warning {
				t.Errorf("go-skipped is %s, want warning", f.Severity)
			}
			if strings.Contains(f.Message, noExec) && (len(f.Fixes) != 1 || f.Fixes[0].Command != "chmod +x "+noExec) {
				t.Errorf("fixes %+v: want chmod +x %s", f.Fixes, noExec)
			}
		}
	}
	want := []string{
		noExec + " comes before " + filepath.Join(real, "go") + " on PATH but is skipped: it is not executable.",
		dangling + " comes before " + filepath.Join(real, "go") + " on PATH but is skipped: it is a broken symbolic link.",
	}
	if len(got) != len(want) || !strings.HasPrefix(got[0], want[0]) && !strings.HasPrefix(got[1], want[0]) ||
		!strings.HasPrefix(got[0], want[1]) && !strings.HasPrefix(got[1], want[1]) {
		t.Errorf("go-skipped messages:\n%s\nwant the two starting:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	s.env["PATH"] = filepath.Dir(noExec) + ":/usr/bin:/bin"
	f := find(t, s.run(), findings.GoNotFound, findings.Error)
	evidence(t, f, "skipped "+noExec+": it is not executable")
}

// go-shadowed offers to put a shadowed go first only when it is newer than
// the winner: with the newest first, putting the old one back is no fix
// (it is what the fix of the reverse setup would be undone by).
func TestShadowedFixNeverPutsAnOlderGoFirst(t *testing.T) {
	s := newScenario(t) // first: it skips where these Unix scenarios do not run
	old := testgo.Toolchain(t, testgo.Old, "", "")
	local := filepath.Join(testgo.Local(t), "bin")
	prepends := func(f findings.Finding) []string {
		var dirs []string
		for _, x := range f.Fixes {
			if x.Kind == findings.FixPrependPath {
				dirs = append(dirs, x.Value)
			}
		}
		return dirs
	}

	s.env["PATH"] = filepath.Join(old, "bin") + ":" + local + ":/usr/bin:/bin"
	f := find(t, s.run(), findings.GoShadowed, findings.Warning)
	if got := prepends(f); len(got) != 1 || got[0] != local {
		t.Errorf("old go first: prepend fixes %q, want [%s]", got, local)
	}

	s = newScenario(t)
	s.env["PATH"] = local + ":" + filepath.Join(old, "bin") + ":/usr/bin:/bin"
	f = find(t, s.run(), findings.GoShadowed, findings.Warning)
	if got := prepends(f); len(got) != 0 {
		t.Errorf("newest go first: prepend fixes %q, want none", got)
	}
}
