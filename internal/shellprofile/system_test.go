package shellprofile

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeRoot creates a temporary file system root holding files (path
// relative to the root → content; a path ending in / is a folder).
func writeRoot(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for rel, content := range files {
		path := filepath.Join(root, filepath.FromSlash(rel))
		if strings.HasSuffix(rel, "/") {
			if err := os.MkdirAll(path, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// relPaths shows files relative to root (/…) or home (~/…).
func relPaths(root, home string, files []File) []string {
	var out []string
	for _, f := range files {
		p := filepath.ToSlash(f.Path)
		switch {
		case home != "" && strings.HasPrefix(p, filepath.ToSlash(home)+"/"):
			p = "~/" + strings.TrimPrefix(p, filepath.ToSlash(home)+"/")
		case strings.HasPrefix(p, filepath.ToSlash(root)+"/"):
			p = "/" + strings.TrimPrefix(p, filepath.ToSlash(root)+"/")
		}
		out = append(out, p)
	}
	return out
}

func TestSystemFiles(t *testing.T) {
	loop := "for i in /etc/profile.d/*.sh; do . $i; done\n"
	debian := map[string]string{
		"etc/profile": loop, "etc/profile.d/b.sh": "", "etc/profile.d/a.sh": "", "etc/profile.d/notes.txt": "",
		"etc/profile.d/.hidden.sh": "", "etc/profile.d/dir.sh/": "",
	}
	mac := map[string]string{
		"etc/paths": "", "etc/paths.d/go": "", "etc/paths.d/10-b": "", "etc/paths.d/9-a": "", "etc/paths.d/x": "",
		"etc/paths.d/sub/": "", "etc/profile.d/a.sh": "", "etc/profile": "eval `/usr/libexec/path_helper -s`\n",
	}
	fish := map[string]string{
		"etc/fish/conf.d/go.fish": "", "etc/fish/conf.d/a.fish": "", "etc/fish/conf.d/readme": "",
		"usr/share/fish/vendor_conf.d/go.fish": "", "usr/share/fish/vendor_conf.d/v.fish": "",
	}
	tests := []struct {
		name    string
		sh      Shell
		goos    string
		present map[string]string
		want    []string
	}{
		{"bash on Debian: profile.d in name order, .sh only", Bash, "linux", debian, []string{
			"/etc/environment", "/etc/profile", "/etc/profile.d/a.sh", "/etc/profile.d/b.sh", "/etc/bash.bashrc"}},
		{"sh on Debian", SH, "linux", debian, []string{
			"/etc/environment", "/etc/profile", "/etc/profile.d/a.sh", "/etc/profile.d/b.sh"}},
		{"no /etc/profile: nothing sources profile.d", Bash, "linux", map[string]string{"etc/profile.d/a.sh": ""}, []string{
			"/etc/environment", "/etc/profile", "/etc/bash.bashrc"}},
		{"an /etc/profile without the loop", SH, "linux", map[string]string{"etc/profile": "PATH=/bin\n", "etc/profile.d/a.sh": ""}, []string{
			"/etc/environment", "/etc/profile"}},
		{"macOS with a profile.d loop", SH, "darwin", map[string]string{"etc/profile": loop, "etc/profile.d/a.sh": ""}, []string{
			"/etc/paths", "/etc/profile", "/etc/profile.d/a.sh"}},
		{"bash on macOS: path_helper's order, no profile.d", Bash, "darwin", mac, []string{
			"/etc/paths", "/etc/paths.d/9-a", "/etc/paths.d/10-b", "/etc/paths.d/go", "/etc/paths.d/x", "/etc/profile", "/etc/bashrc"}},
		{"zsh on Debian", Zsh, "linux", map[string]string{"etc/zsh/": ""}, []string{
			"/etc/environment", "/etc/zsh/zshenv", "/etc/zsh/zprofile", "/etc/zsh/zshrc", "/etc/zsh/zlogin"}},
		{"zsh on Fedora", Zsh, "linux", nil, []string{
			"/etc/environment", "/etc/zshenv", "/etc/zprofile", "/etc/zshrc", "/etc/zlogin"}},
		{"zsh on macOS", Zsh, "darwin", map[string]string{"etc/paths.d/go": "", "etc/zsh/": ""}, []string{
			"/etc/zshenv", "/etc/paths", "/etc/paths.d/go", "/etc/zprofile", "/etc/zshrc", "/etc/zlogin"}},
		{"fish on Linux: admin conf.d before vendor's, first of a name", Fish, "linux", fish, []string{
			"/etc/environment", "/etc/fish/conf.d/a.fish", "/etc/fish/conf.d/go.fish", "/usr/share/fish/vendor_conf.d/v.fish", "/etc/fish/config.fish"}},
		{"fish on macOS", Fish, "darwin", map[string]string{"etc/paths.d/go": ""}, []string{
			"/etc/paths", "/etc/paths.d/go", "/etc/fish/config.fish"}},
		{"windows has none", Bash, "windows", debian, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := writeRoot(t, tt.present)
			got := SystemFiles(tt.sh, tt.goos, root)
			if !slices.Equal(relPaths(root, "", got), tt.want) {
				t.Errorf("SystemFiles =\n\t%v\nwant\n\t%v", relPaths(root, "", got), tt.want)
			}
			for _, f := range got {
				if !f.System || f.Reason == "" || f.root != root {
					t.Errorf("%s: System %v, Reason %q, root %q", f.Path, f.System, f.Reason, f.root)
				}
				wantFormat := FormatShell
				switch {
				case strings.HasSuffix(f.Path, "environment"):
					wantFormat = FormatPamEnv
				case strings.Contains(f.Path, "paths"):
					wantFormat = FormatPaths
				}
				if f.Format != wantFormat {
					t.Errorf("%s: Format %q, want %q", f.Path, f.Format, wantFormat)
				}
			}
		})
	}
}

func TestSystemFilesRealRoot(t *testing.T) {
	// "/" and "" are the machine's own root: paths stay as the shell names
	// them, and sourced absolute paths are not moved.
	for _, root := range []string{"/", ""} {
		files := SystemFiles(SH, "linux", root)
		if len(files) < 2 || files[0].Path != filepath.FromSlash("/etc/environment") || files[1].Path != filepath.FromSlash("/etc/profile") || files[0].root != "" {
			t.Errorf("SystemFiles(%q) = %+v", root, files)
		}
	}
}

func TestStartupFilesOrder(t *testing.T) {
	tests := []struct {
		name    string
		sh      Shell
		goos    string
		present map[string]string // under the root
		home    map[string]string
		want    []string
	}{
		{"bash: /etc/profile and profile.d, the login file, bash.bashrc, .bashrc", Bash, "linux",
			map[string]string{"etc/profile": ". /etc/profile.d/go.sh\n", "etc/profile.d/go.sh": ""},
			map[string]string{".bash_profile": "", ".profile": ""},
			[]string{"/etc/environment", "/etc/profile", "/etc/profile.d/go.sh", "~/.bash_profile", "/etc/bash.bashrc", "~/.bashrc"}},
		{"sh", SH, "linux", nil, nil, []string{"/etc/environment", "/etc/profile", "~/.profile"}},
		{"zsh on macOS: path_helper runs from /etc/zprofile, after ~/.zshenv", Zsh, "darwin",
			map[string]string{"etc/paths": ""}, nil,
			[]string{"/etc/zshenv", "~/.zshenv", "/etc/paths", "/etc/zprofile", "~/.zprofile", "/etc/zshrc", "~/.zshrc", "/etc/zlogin", "~/.zlogin"}},
		{"fish: user conf.d first and masking the system file of the same name", Fish, "linux",
			map[string]string{"etc/fish/conf.d/go.fish": "", "etc/fish/conf.d/z.fish": "", "usr/share/fish/vendor_conf.d/masked.fish": ""},
			map[string]string{".config/fish/conf.d/go.fish": "", ".config/fish/conf.d/masked.fish": ""},
			[]string{"/etc/environment", "~/.config/fish/fish_variables", "~/.config/fish/conf.d/go.fish", "~/.config/fish/conf.d/masked.fish",
				"/etc/fish/conf.d/z.fish", "/etc/fish/config.fish", "~/.config/fish/config.fish"}},
		{"fish on macOS: path_helper emulation before conf.d", Fish, "darwin", map[string]string{"etc/paths.d/go": ""}, nil,
			[]string{"~/.config/fish/fish_variables", "/etc/paths", "/etc/paths.d/go", "/etc/fish/config.fish", "~/.config/fish/config.fish"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := writeRoot(t, tt.present)
			home := writeHome(t, tt.home)
			got := relPaths(root, home, StartupFiles(tt.sh, tt.goos, root, home, "", ""))
			if !slices.Equal(got, tt.want) {
				t.Errorf("StartupFiles =\n\t%v\nwant\n\t%v", got, tt.want)
			}
		})
	}
	t.Run("no home: system files only", func(t *testing.T) {
		root := writeRoot(t, nil)
		if got := relPaths(root, "", StartupFiles(SH, "linux", root, "", "", "")); !slices.Equal(got, []string{"/etc/environment", "/etc/profile"}) {
			t.Errorf("StartupFiles = %v", got)
		}
	})
	t.Run("windows: the user's files only", func(t *testing.T) {
		home := writeHome(t, nil)
		if got, want := StartupFiles(Bash, "windows", "", home, "", ""), Files(Bash, home, "", ""); !slices.Equal(got, want) {
			t.Errorf("StartupFiles = %v, want %v", got, want)
		}
	})
}

// readSystem reads the startup files of sh on goos under root and home.
func readSystem(t *testing.T, sh Shell, goos, root, home string) *Result {
	t.Helper()
	env := map[string]string{}
	if home != "" {
		env["HOME"] = home
	}
	res, err := Read(sh, StartupFiles(sh, goos, root, home, "", ""), env, nil)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return res
}

// renderRoot is render with paths under root shown from /, and System
// assignments marked "sys".
func renderRoot(root, home string, as []Assignment) []string {
	if home == "" {
		home = "\x00no home" // render replaces home by ~
	}
	lines := render(home, as)
	for i, a := range as {
		lines[i] = strings.ReplaceAll(lines[i], filepath.ToSlash(root), "")
		if a.System {
			lines[i] += " sys"
		}
	}
	return lines
}

func TestReadPamEnv(t *testing.T) {
	tests := []struct {
		name, content string
		want          []string
	}{
		{"double and single quotes are stripped", "GOROOT=\"/usr/local/go\"\nGOPATH='/srv/go'\n", []string{
			`/etc/environment:1 GOROOT="/usr/local/go" exported sys`,
			`/etc/environment:2 GOPATH="/srv/go" exported sys`}},
		{"export is skipped, comments and blanks too", "# GOROOT=/commented\n\n  export GOFLAGS=-mod=mod\nCGO_ENABLED=0\n", []string{
			`/etc/environment:3 GOFLAGS="-mod=mod" exported sys`,
			`/etc/environment:4 CGO_ENABLED="0" exported sys`}},
		{"nothing is expanded", "PATH=\"/usr/local/sbin:/usr/local/bin:$PATH\"\nGOPATH=$HOME/go\n", []string{
			`/etc/environment:1 PATH="/usr/local/sbin:/usr/local/bin:$PATH" exported +[/usr/local/sbin /usr/local/bin $PATH] replace sys`,
			`/etc/environment:2 GOPATH="$HOME/go" exported sys`}},
		// pam_env's quote rule is crude: only a quote at the very end goes,
		// and # starts a comment even inside quotes.
		{"a comment after a quoted value keeps the closing quote", "GOTOOLCHAIN=\"local\" # pinned\nGOPRIVATE=\"a#b\"\n", []string{
			`/etc/environment:1 GOTOOLCHAIN="local\" " exported sys`,
			`/etc/environment:2 GOPRIVATE="a" exported sys`}},
		{"a name with blanks is ignored", "GOBIN = /x\nGO-X=1\n=1\n", nil},
		{"backslash continues a line", "GOPATH=/a:\\\n/b\nGOROOT=/c\n", []string{
			`/etc/environment:1 GOPATH="/a:/b" exported sys`,
			`/etc/environment:3 GOROOT="/c" exported sys`}},
		{"a name alone unsets what is set", "GOROOT=/x\nGOROOT\nGOPATH\n", []string{
			`/etc/environment:1 GOROOT="/x" exported sys`,
			`/etc/environment:2 GOROOT="" unset sys`}},
		{"an empty value", "GOFLAGS=\"\"\n", []string{`/etc/environment:1 GOFLAGS="" exported sys`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := writeRoot(t, map[string]string{"etc/environment": tt.content})
			res := readSystem(t, SH, "linux", root, "")
			diffLines(t, renderRoot(root, "", res.Assignments), tt.want)
			for _, a := range res.Assignments {
				if a.Statement != "pam_env" || !a.Exact || a.Column < 1 {
					t.Errorf("%s: Statement %q Exact %v Column %d", a.Where(), a.Statement, a.Exact, a.Column)
				}
			}
		})
	}
}

func TestPamEnvExportsForProfiles(t *testing.T) {
	// A variable in /etc/environment is in the environment the shell
	// inherits, so the user's unexported assignment still reaches go, and
	// profiles expand it.
	root := writeRoot(t, map[string]string{"etc/environment": "GOROOT=/opt/go\n"})
	home := writeHome(t, map[string]string{".profile": "GOROOT=/usr/local/go\nexport PATH=$GOROOT/bin:$PATH\n"})
	res := readSystem(t, SH, "linux", root, home)
	diffLines(t, renderRoot(root, home, res.Assignments), []string{
		`/etc/environment:1 GOROOT="/opt/go" exported sys`,
		`~/.profile:1 GOROOT="/usr/local/go" exported`,
		`~/.profile:2 PATH="/usr/local/go/bin:$PATH" exported +[/usr/local/go/bin] prepend`,
	})
	if by := res.Assignments[1].ExportedBy; !strings.Contains(by, "/etc/environment:1") {
		t.Errorf("ExportedBy = %q", by)
	}
	if a, _ := res.Final("GOROOT"); a.System || a.Value != "/usr/local/go" {
		t.Errorf("Final = %+v, want the user's", a)
	}
}

func TestReadPaths(t *testing.T) {
	root := writeRoot(t, map[string]string{
		"etc/paths":        "/usr/local/bin\n/usr/bin\n\n/bin\n",
		"etc/paths.d/go":   "/usr/local/go/bin\n",
		"etc/paths.d/dup":  "/usr/bin\n$HOME/go/bin\n",
		"etc/paths.d/10-x": "/opt/x/bin", // no final newline
	})
	res := readSystem(t, Zsh, "darwin", root, "")
	diffLines(t, renderRoot(root, "", res.Assignments), []string{
		`/etc/paths:1 PATH="/usr/local/bin" exported +[/usr/local/bin] prepend sys`,
		`/etc/paths:2 PATH="/usr/bin" exported +[/usr/bin] prepend sys`,
		`/etc/paths:4 PATH="/bin" exported +[/bin] prepend sys`,
		`/etc/paths.d/10-x:1 PATH="/opt/x/bin" exported +[/opt/x/bin] prepend sys`,
		`/etc/paths.d/dup:2 PATH="$HOME/go/bin" exported +[$HOME/go/bin] prepend sys`,
		`/etc/paths.d/go:1 PATH="/usr/local/go/bin" exported +[/usr/local/go/bin] prepend sys`,
	})
	for _, a := range res.Assignments {
		if a.Statement != "path_helper" || !a.Exact {
			t.Errorf("%s: Statement %q Exact %v", a.Where(), a.Statement, a.Exact)
		}
	}
}

// debianProfile is Debian's /etc/profile (base-files 12.4), which replaces
// PATH outright and sources bash.bashrc and profile.d.
const debianProfile = `# /etc/profile: system-wide .profile file for the Bourne shell (sh(1))
# and Bourne compatible shells (bash(1), ksh(1), ash(1), ...).

if [ "$(id -u)" -eq 0 ]; then
  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
else
  PATH="/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"
fi
export PATH

if [ "${PS1-}" ]; then
  if [ "${BASH-}" ] && [ "$BASH" != "/bin/sh" ]; then
    # The file bash.bashrc already sets the default PS1.
    # PS1='\h:\w\$ '
    if [ -f /etc/bash.bashrc ]; then
      . /etc/bash.bashrc
    fi
  else
    if [ "$(id -u)" -eq 0 ]; then
      PS1='# '
    else
      PS1='$ '
    fi
  fi
fi

if [ -d /etc/profile.d ]; then
  for i in /etc/profile.d/*.sh; do
    if [ -r $i ]; then
      . $i
    fi
  done
  unset i
fi
`

func TestReadSystemProfiles(t *testing.T) {
	root := writeRoot(t, map[string]string{
		"etc/profile":         debianProfile,
		"etc/bash.bashrc":     "export GOPATH=/srv/go\n",
		"etc/profile.d/go.sh": "# Go for everyone\nexport GOROOT=/usr/local/go\nexport PATH=$PATH:$GOROOT/bin\n",
	})
	home := writeHome(t, map[string]string{".bash_profile": "export PATH=$HOME/go/bin:$GOROOT/bin:$PATH\n"})
	res := readSystem(t, Bash, "linux", root, home)
	diffLines(t, renderRoot(root, home, res.Assignments), []string{
		`/etc/profile:5 PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" exported cond +[/usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin] replace sys`,
		`/etc/profile:7 PATH="/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games" exported cond +[/usr/local/bin /usr/bin /bin /usr/local/games /usr/games] replace sys`,
		// Sourced by an absolute path from a system file: read under the root.
		`/etc/bash.bashrc:1 GOPATH="/srv/go" exported cond sys`,
		`/etc/profile.d/go.sh:2 GOROOT="/usr/local/go" exported sys`,
		`/etc/profile.d/go.sh:3 PATH="$PATH:/usr/local/go/bin" exported +[/usr/local/go/bin] sys`,
		`~/.bash_profile:1 PATH="~/go/bin:/usr/local/go/bin:$PATH" exported +[~/go/bin /usr/local/go/bin] prepend`,
	})
	var read []string
	for _, f := range res.Files {
		read = append(read, relPaths(root, home, []File{f})[0])
		if f.System != !strings.HasPrefix(f.Path, home) {
			t.Errorf("%s: System = %v", f.Path, f.System)
		}
	}
	if want := []string{"/etc/profile", "/etc/bash.bashrc", "/etc/profile.d/go.sh", "~/.bash_profile"}; !slices.Equal(read, want) {
		t.Errorf("Files read = %v, want %v", read, want)
	}
	if len(res.Errors) != 0 {
		t.Errorf("Errors = %v", res.Errors)
	}
}

func TestSourcedFromSystemFile(t *testing.T) {
	home := writeHome(t, map[string]string{"go.sh": "export GOROOT=/home/go\n"})
	root := writeRoot(t, map[string]string{
		// A file in $HOME stays the user's; a relative path is taken from
		// $HOME too.
		"etc/profile":     ". $HOME/go.sh\n. /etc/go.sh\n. rel.sh\n",
		"etc/go.sh":       "export GOPATH=/sys\n",
		"etc/profile.d/x": "",
	})
	if err := os.WriteFile(filepath.Join(home, "rel.sh"), []byte("export GOBIN=/rel\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Read(SH, SystemFiles(SH, "linux", root), map[string]string{"HOME": home}, nil)
	if err != nil {
		t.Fatal(err)
	}
	diffLines(t, renderRoot(root, home, res.Assignments), []string{
		`~/go.sh:1 GOROOT="/home/go" exported`,
		`/etc/go.sh:1 GOPATH="/sys" exported sys`,
		`~/rel.sh:1 GOBIN="/rel" exported`,
	})
}

func TestUnderEtc(t *testing.T) {
	for path, want := range map[string]bool{
		"/etc/bashrc": true, "/etc/profile.d/go.sh": true, "/etc": false, "/etcetera/x": false, "/home/u/etc/x": false,
	} {
		if got := underEtc(filepath.FromSlash(path), ""); got != want && filepath.Separator == '/' {
			t.Errorf("underEtc(%s) = %v", path, got)
		}
	}
}

func TestSortPathHelper(t *testing.T) {
	names := []string{"go", "x", "10-b", "9-a", "10-a", "100", "a10", "2"}
	sortPathHelper(names)
	if want := []string{"2", "9-a", "10-a", "10-b", "100", "a10", "go", "x"}; !slices.Equal(names, want) {
		t.Errorf("sorted = %v, want %v", names, want)
	}
}
