package envprobe

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The tests of this package never read the /etc of the machine they run on
// (Debian's /etc/profile alone replaces PATH): a test that wants system files
// sets Options.SystemRoot to a folder of its own; every other test gets a
// root without any.
func init() {
	defaultSystemRoot = filepath.Join(os.TempDir(), "goroot-lens-tests-have-no-system-root")
}

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// probeOn is a probe that has read the persistent places of goos, with the
// system files under root; nothing is run.
func probeOn(t *testing.T, goos, root string, env ...string) *probe {
	t.Helper()
	p := &probe{goos: goos, opts: Options{SystemRoot: root}, env: newEnviron(env, goos)}
	p.persisted = readPersisted(p)
	return p
}

func TestSystemRootDefault(t *testing.T) {
	if got := (Options{}).systemRoot(); got != defaultSystemRoot {
		t.Errorf("systemRoot() = %q, want %q", got, defaultSystemRoot)
	}
	if got := (Options{SystemRoot: "/r"}).systemRoot(); got != "/r" {
		t.Errorf("systemRoot() = %q", got)
	}
}

// macOS: the Go installer's /etc/paths.d/go, read by path_helper from
// /etc/zprofile, after the user's ~/.zshenv.
func TestPathScopeSystemFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a macOS scenario with Unix paths; pathScope compares with the host's rules")
	}
	root, home := t.TempDir(), t.TempDir()
	writeTree(t, root, map[string]string{
		"etc/paths":      "/usr/local/bin\n/usr/bin\n/bin\n",
		"etc/paths.d/go": "/usr/local/go/bin\n",
		"etc/zprofile":   "if [ -x /usr/libexec/path_helper ]; then\n\teval `/usr/libexec/path_helper -s`\nfi\n",
	})
	writeTree(t, home, map[string]string{".zshenv": "export PATH=\"$HOME/go/bin:/usr/bin:$PATH\"\n"})
	p := probeOn(t, "darwin", root, "HOME="+home, "SHELL=/bin/zsh", "PATH=/usr/local/go/bin:/usr/bin")

	goFile := filepath.Join(root, "etc", "paths.d", "go")
	for dir, want := range map[string]string{
		"/usr/local/go/bin":              "system file " + goFile + ":1",
		filepath.Join(home, "go", "bin"): "profile " + filepath.Join(home, ".zshenv") + ":1",
		// Both add /usr/bin: the user's own line is the one to name.
		"/usr/bin": "profile " + filepath.Join(home, ".zshenv") + ":1",
		"/opt/bin": "process",
	} {
		if got := p.pathScope(dir); got != want {
			t.Errorf("pathScope(%s) = %q, want %q", dir, got, want)
		}
	}
	var found bool
	for _, v := range p.persisted.All("PATH") {
		if v.File == goFile {
			found = true
			if v.Kind != SourceSystemProfile || !v.System || !v.Literal || v.Line != 1 || v.Source != "system file "+goFile+":1" {
				t.Errorf("paths.d/go: %+v", v)
			}
			if v.expandedByShell() {
				t.Error("a path_helper line counts as shell code")
			}
		}
	}
	if !found {
		t.Errorf("no PATH from %s in %+v", goFile, p.persisted.Vars)
	}
}

func TestSystemSources(t *testing.T) {
	root, home := t.TempDir(), t.TempDir()
	writeTree(t, root, map[string]string{
		"etc/environment":     "GOPATH=\"/srv/go\"\n",
		"etc/profile":         "for i in /etc/profile.d/*.sh; do . $i; done\n",
		"etc/profile.d/go.sh": "# Go for everyone\nexport GOROOT=/usr/local/go\nexport GOFLAGS=-mod=mod\n",
	})
	writeTree(t, home, map[string]string{".profile": "export GOFLAGS=-mod=mod\n"})
	goSh := filepath.Join(root, "etc", "profile.d", "go.sh")
	p := probeOn(t, "linux", root, "HOME="+home, "SHELL=/bin/sh",
		"GOROOT=/usr/local/go", "GOFLAGS=-mod=mod", "GOPATH=/srv/go")

	for name, want := range map[string]string{
		"GOROOT": "process environment (as set by system profile " + goSh + ":2)",
		"GOPATH": "process environment (as set by system file " + filepath.Join(root, "etc", "environment") + ":1)",
		// Set the same by both: the user's line is named.
		"GOFLAGS": "process environment (as set by shell profile " + filepath.Join(home, ".profile") + ":1)",
	} {
		if got := p.describeProcessVar(name); got != want {
			t.Errorf("describeProcessVar(%s) = %q, want %q", name, got, want)
		}
	}
	root2, ok := p.persisted.Final("GOROOT")
	if !ok || root2.Kind != SourceSystemProfile || !root2.System || root2.Literal || root2.File != goSh || root2.Line != 2 || !root2.expandedByShell() {
		t.Errorf("Final(GOROOT) = %+v, %v", root2, ok)
	}
	if flags, _ := p.persisted.Final("GOFLAGS"); flags.System || flags.Kind != SourceShellProfile {
		t.Errorf("Final(GOFLAGS) = %+v, want the user's", flags)
	}
}

// Without system files nothing changes: the same vars as reading the
// user's files alone.
func TestNoSystemFilesNoChange(t *testing.T) {
	home := t.TempDir()
	writeTree(t, home, map[string]string{".bash_profile": "export GOROOT=/x\nexport PATH=/x/bin:$PATH\n"})
	p := probeOn(t, "linux", t.TempDir(), "HOME="+home, "SHELL=/bin/bash")
	var got []string
	for _, v := range p.persisted.Vars {
		if v.System || v.Kind != SourceShellProfile || v.Literal {
			t.Errorf("%+v", v)
		}
		got = append(got, v.Source)
	}
	want := "shell profile " + filepath.Join(home, ".bash_profile") + ":1 shell profile " + filepath.Join(home, ".bash_profile") + ":2"
	if strings.Join(got, " ") != want {
		t.Errorf("sources %v", got)
	}
	if got := p.pathScope("/x/bin"); got != "profile "+filepath.Join(home, ".bash_profile")+":2" {
		t.Errorf("pathScope = %q", got)
	}
}
