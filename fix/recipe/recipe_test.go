package recipe

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// One place per OS and shell: the ids, stores and commands users see.
func TestUnsetFixes(t *testing.T) {
	unix := Context{Lang: "en", GOOS: "linux", Shell: "/bin/bash", LoginFile: "/h/.bash_profile"}
	places := []Place{
		{Store: findings.StoreProfile, File: "/h/.bash_profile", Line: 3},
		{Store: findings.StoreSystemFile, File: "/etc/profile.d/go.sh", Line: 2},
	}
	fixes := unix.UnsetFixes("GOROOT", places, true, nil, "/usr/local/go")
	if len(fixes) != 2 || !fixes[0].Preferred || fixes[1].Preferred {
		t.Fatalf("fixes %+v", fixes)
	}
	if f := fixes[0]; f.ID != "delete-line-goroot-3" || f.Kind != findings.FixEditFile || f.Store != findings.StoreProfile ||
		f.Command != "sed -i.bak '3d' /h/.bash_profile" {
		t.Errorf("profile fix %+v", f)
	}
	if f := fixes[1]; f.Kind != findings.FixCommand || f.Store != findings.StoreSystemFile || f.Command != "sudo sed -i.bak '2d' /etc/profile.d/go.sh" {
		t.Errorf("system fix %+v", f)
	}
	// Only the session has it: advice in the user's shell.
	fish := Context{Lang: "en", GOOS: "linux", Shell: "/usr/bin/fish"}
	if f := fish.UnsetFixes("GOROOT", nil, true, nil, ""); len(f) != 1 || f[0].Command != "set -e GOROOT" || f[0].Store != findings.StoreSession {
		t.Errorf("fish session fix %+v", f)
	}
	// The GOENV file counts only when the environment does not override it;
	// a broken GOROOT there needs a good one to run go env at all.
	goenv := &findings.Location{File: "/h/.config/go/env", Line: 1}
	for _, tc := range []struct {
		c    Context
		want string
	}{
		{unix, "GOROOT=/usr/local/go go env -u GOROOT"},
		{fish, "env GOROOT=/usr/local/go go env -u GOROOT"},
		{Context{Lang: "en", GOOS: "windows"}, `cmd /c "set GOROOT=C:\Go&& go env -u GOROOT"`},
	} {
		root := "/usr/local/go"
		if tc.c.GOOS == "windows" {
			root = `C:\Go`
		}
		f := tc.c.UnsetFixes("GOROOT", nil, false, goenv, root)
		if len(f) != 1 || f[0].Command != tc.want || f[0].Store != findings.StoreGoenv {
			t.Errorf("%s/%s goenv fix %+v, want %q", tc.c.GOOS, tc.c.Shell, f, tc.want)
		}
	}
	// Windows user variable.
	win := Context{Lang: "en", GOOS: "windows"}
	if f := win.UnsetFixes("GOROOT", []Place{{Store: findings.StoreUserRegistry}}, true, nil, ""); len(f) != 1 ||
		f[0].Command != `reg delete HKCU\Environment /v GOROOT /f` || f[0].Kind != findings.FixUnsetUserVar {
		t.Errorf("registry fix %+v", f)
	}
}

// The printed commands, run in a real sh, write exactly the line the fix
// engine writes.
func TestSetAndPathFixes(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	file := filepath.Join(t.TempDir(), ".zprofile")
	unix := Context{Lang: "en", GOOS: "linux", Shell: "/bin/zsh", LoginFile: file}
	for _, f := range []findings.Fix{
		unix.SetUserVar("set-gopath", "GOPATH", `/h/my go's \dir`),
		unix.AppendPath("add-gobin", "/h/go/bin"),
		unix.PrependPath("prepend", "/opt/go 1/bin"),
	} {
		if f.Store != findings.StoreProfileBlock {
			t.Errorf("%s: store %s", f.ID, f.Store)
		}
		os.Remove(file)
		if out, err := exec.Command(sh, "-c", f.Command).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", f.Command, err, out)
		}
		got, _ := os.ReadFile(file)
		want := unix.ExportLine("GOPATH", `/h/my go's \dir`)
		switch f.Kind {
		case findings.FixAppendPath:
			want = unix.PathLine("/h/go/bin", false)
		case findings.FixPrependPath:
			want = unix.PathLine("/opt/go 1/bin", true)
		}
		if string(got) != want+"\n" {
			t.Errorf("%s wrote %q, want %q", f.Command, got, want+"\n")
		}
	}
	win := Context{Lang: "en", GOOS: "windows"}
	if f := win.SetUserVar("x", "Path", `%USERPROFILE%\go\bin`); f.Store != findings.StoreUserRegistry || !strings.HasSuffix(f.Command, "-Type ExpandString") {
		t.Errorf("windows set %+v", f)
	}
	if f := win.SetUserVar("x", "GOPATH", `C:\it's`); f.Command != `Set-ItemProperty HKCU:\Environment -Name GOPATH -Value 'C:\it''s' -Type String` {
		t.Errorf("windows quoting %q", f.Command)
	}
}

// fish reads \\ and \' inside single quotes as escapes.
func TestFishQuoting(t *testing.T) {
	fish := Context{Lang: "en", GOOS: "linux", Shell: "/usr/bin/fish"}
	for in, want := range map[string]string{
		`plain/path`: `plain/path`,
		`a b`:        `'a b'`,
		`a\b`:        `'a\\b'`,
		`it's`:       `'it\'s'`,
	} {
		if got := fish.shq(in); got != want {
			t.Errorf("fish quoting of %q = %s, want %s", in, got, want)
		}
	}
}

func TestRebuildTool(t *testing.T) {
	for _, tc := range []struct {
		c    Context
		env  []string
		want string
	}{
		{Context{GOOS: "linux", Shell: "/bin/bash"}, nil, "go install example.com/t@v1.0.0"},
		{Context{GOOS: "linux", Shell: "/bin/bash"}, []string{"GOTOOLCHAIN=go1.26.8"}, "GOTOOLCHAIN=go1.26.8 go install example.com/t@v1.0.0"},
		{Context{GOOS: "linux", Shell: "/usr/bin/fish"}, []string{"GOTOOLCHAIN=go1.26.8"}, "env GOTOOLCHAIN=go1.26.8 go install example.com/t@v1.0.0"},
		{Context{GOOS: "windows"}, []string{"GOTOOLCHAIN=go1.26.8"}, `cmd /c "set GOTOOLCHAIN=go1.26.8&& go install example.com/t@v1.0.0"`},
	} {
		f := tc.c.RebuildTool("rebuild", "/h/go/bin/t", "example.com/t@v1.0.0", tc.env)
		if f.Command != tc.want || f.Kind != findings.FixRunGo || f.Store != findings.StoreToolBinary || f.Location.File != "/h/go/bin/t" {
			t.Errorf("%s %s: %+v, want %q", tc.c.GOOS, tc.c.Shell, f, tc.want)
		}
	}
}

func TestWithEnvPerShell(t *testing.T) {
	env := []string{"GOPROXY=", "GOTOOLCHAIN=go1.26.8", "GOROOT=/opt/my go"}
	for _, tc := range []struct {
		c    Context
		want string
	}{
		{Context{GOOS: "linux", Shell: "/bin/bash"}, "GOPROXY= GOTOOLCHAIN=go1.26.8 GOROOT='/opt/my go' go version"},
		{Context{GOOS: "darwin", Shell: "/usr/local/bin/fish"}, "env GOPROXY= GOTOOLCHAIN=go1.26.8 GOROOT='/opt/my go' go version"},
		{Context{GOOS: "windows"}, `cmd /c "set GOPROXY=&& set GOTOOLCHAIN=go1.26.8&& set GOROOT=/opt/my go&& go version"`},
	} {
		if got := tc.c.WithEnv(env, "go version"); got != tc.want {
			t.Errorf("%s %s: %s, want %s", tc.c.GOOS, tc.c.Shell, got, tc.want)
		}
	}
	// Run the POSIX form for real: the variables reach the command.
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	cmd := Context{GOOS: "linux", Shell: "/bin/sh"}.WithEnv([]string{"A=x y", "B="}, `sh -c 'printf "%s|%s" "$A" "${B-unset}"'`)
	out, err := exec.Command(sh, "-c", cmd).Output()
	if err != nil || string(out) != "x y|" {
		t.Errorf("%s: %q %v", cmd, out, err)
	}
}
