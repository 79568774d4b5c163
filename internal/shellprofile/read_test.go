package shellprofile

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestShellFromEnv(t *testing.T) {
	for in, want := range map[string]Shell{
		"/usr/bin/zsh": Zsh, "/bin/bash": Bash, "bash": Bash, "/usr/local/bin/bash-5.2": Bash,
		"/usr/bin/fish": Fish, "/bin/dash": SH, "/bin/ksh93": SH, "/bin/sh": SH, "-zsh": Zsh,
		`C:\Program Files\Git\usr\bin\bash.exe`: Bash, "/bin/tcsh": Unknown, "": Unknown,
	} {
		if got := ShellFromEnv(in); got != want {
			t.Errorf("ShellFromEnv(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFiles(t *testing.T) {
	names := func(home string, files []File) []string {
		var out []string
		for _, f := range files {
			out = append(out, strings.TrimPrefix(filepath.ToSlash(f.Path), filepath.ToSlash(home)+"/"))
		}
		return out
	}
	tests := []struct {
		name    string
		sh      Shell
		present []string
		zdotdir string
		want    []string
	}{
		{"bash prefers .bash_profile", Bash, []string{".bash_profile", ".bash_login", ".profile"}, "", []string{".bash_profile", ".bashrc"}},
		{"bash falls back to .bash_login", Bash, []string{".bash_login", ".profile"}, "", []string{".bash_login", ".bashrc"}},
		{"bash falls back to .profile", Bash, []string{".profile"}, "", []string{".profile", ".bashrc"}},
		{"bash without login files", Bash, nil, "", []string{".bashrc"}},
		{"zsh", Zsh, nil, "", []string{".zshenv", ".zprofile", ".zshrc", ".zlogin"}},
		{"zsh with ZDOTDIR", Zsh, nil, "zdot", []string{"zdot/.zshenv", "zdot/.zprofile", "zdot/.zshrc", "zdot/.zlogin"}},
		{"sh", SH, nil, "", []string{".profile"}},
		{"unknown is sh", Unknown, nil, "", []string{".profile"}},
		{
			"fish conf.d sorted, then config.fish", Fish,
			[]string{".config/fish/conf.d/b.fish", ".config/fish/conf.d/a.fish", ".config/fish/conf.d/notes.txt"}, "",
			[]string{".config/fish/fish_variables", ".config/fish/conf.d/a.fish", ".config/fish/conf.d/b.fish", ".config/fish/config.fish"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for _, p := range tt.present {
				files[p] = ""
			}
			home := writeHome(t, files)
			zdotdir := ""
			if tt.zdotdir != "" {
				zdotdir = filepath.Join(home, tt.zdotdir)
			}
			got := Files(tt.sh, home, zdotdir, "")
			if !slices.Equal(names(home, got), tt.want) {
				t.Errorf("Files = %v, want %v", names(home, got), tt.want)
			}
			for _, f := range got {
				if f.Reason == "" {
					t.Errorf("%s has no Reason", f.Path)
				}
			}
		})
	}
}

func TestReadSourcing(t *testing.T) {
	tests := []struct {
		name  string
		sh    Shell
		files map[string]string
		want  []string
		read  []string // Result.Files, relative to home
	}{
		{
			name: ".bashrc sourced from .bash_profile is read once, where it is sourced",
			sh:   Bash,
			files: map[string]string{
				".bash_profile": "export GOPATH=/a\nif [ -f ~/.bashrc ]; then . ~/.bashrc; fi\nexport GOROOT=/c\n",
				".bashrc":       "export GOPATH=/b\n",
			},
			want: []string{
				`~/.bash_profile:1 GOPATH="/a" exported`,
				`~/.bashrc:1 GOPATH="/b" exported cond`,
				`~/.bash_profile:3 GOROOT="/c" exported`,
			},
			read: []string{".bash_profile", ".bashrc"},
		},
		{
			name: "source with $HOME, ${HOME}, relative paths and earlier variables",
			sh:   Bash,
			files: map[string]string{
				".bash_profile": "source $HOME/a.sh\n. \"${HOME}/b.sh\"\nsource c.sh\nD=$HOME/d.sh\n. $D\n",
				"a.sh":          "GOROOT=/a\n", "b.sh": "GOROOT=/b\n", "c.sh": "GOROOT=/c\n", "d.sh": "GOROOT=/d\n",
			},
			want: []string{
				`~/a.sh:1 GOROOT="/a"`, `~/b.sh:1 GOROOT="/b"`, `~/c.sh:1 GOROOT="/c"`, `~/d.sh:1 GOROOT="/d"`,
			},
			read: []string{".bash_profile", "a.sh", "b.sh", "c.sh", "d.sh"},
		},
		{
			name: "cycles are cut and missing files skipped",
			sh:   SH,
			files: map[string]string{
				".profile": ". ~/a.sh\n. ~/.profile\n. ~/missing.sh\n",
				"a.sh":     "GOROOT=/a\n. ~/.profile\n. ~/a.sh\n",
			},
			want: []string{`~/a.sh:1 GOROOT="/a"`},
			read: []string{".profile", "a.sh"},
		},
		{
			name:  "a file sourced from a function body is marked",
			sh:    Zsh,
			files: map[string]string{".zshrc": "usego() { source ~/go.zsh }\n", "go.zsh": "GOROOT=/g\n"},
			want:  []string{`~/go.zsh:1 GOROOT="/g" func`},
			read:  []string{".zshrc", "go.zsh"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := writeHome(t, tt.files)
			res := readHome(t, tt.sh, home)
			diffLines(t, render(home, res.Assignments), tt.want)
			var read []string
			for _, f := range res.Files {
				rel, _ := filepath.Rel(home, f.Path)
				read = append(read, filepath.ToSlash(rel))
			}
			if !slices.Equal(read, tt.read) {
				t.Errorf("Files read = %v, want %v", read, tt.read)
			}
		})
	}
}

func TestReadSourcedReason(t *testing.T) {
	home := writeHome(t, map[string]string{".profile": "\n. ~/go.sh\n", "go.sh": ""})
	res := readHome(t, SH, home)
	want := "sourced at " + filepath.Join(home, ".profile") + ":2"
	if len(res.Files) != 2 || res.Files[1].Reason != want {
		t.Errorf("Files = %+v, want go.sh with Reason %q", res.Files, want)
	}
}

func TestReadUnfollowableSourceWarns(t *testing.T) {
	home := writeHome(t, map[string]string{".profile": ". \"$(brew --prefix)/go.sh\"\n"})
	res := readHome(t, SH, home)
	if len(res.Warnings) != 1 || res.Warnings[0].Line != 1 || !strings.Contains(res.Warnings[0].Msg, "brew --prefix") {
		t.Errorf("Warnings = %+v, want one about the brew source on line 1", res.Warnings)
	}
}

func TestReadDetails(t *testing.T) {
	home := writeHome(t, map[string]string{".bash_profile": "  export GOROOT=\"$HOME\"/sdk  # c\nGOPATH=/p\n"})
	res := readHome(t, Bash, home)
	got := res.Assignments[0]
	want := Assignment{
		File: filepath.Join(home, ".bash_profile"), Line: 1, Column: 10, Name: "GOROOT",
		Raw: `"$HOME"/sdk`, Value: home + "/sdk", Exact: true, Exported: true,
		ExportedBy: "exported by this statement", Statement: "export",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if a := res.Assignments[1]; a.Statement != "assign" || a.Column != 1 || a.Raw != "/p" {
		t.Errorf("GOPATH: got %+v", a)
	}
}

// go-environment-facts §6 (f): an unexported assignment of an inherited
// variable still reaches children.
func TestReadInheritedVariableStaysExported(t *testing.T) {
	home := writeHome(t, map[string]string{".profile": "GOROOT=/b\nGOPATH=/p\n"})
	res, err := Read(SH, Files(SH, home, "", ""), map[string]string{"HOME": home, "GOROOT": "/a"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	diffLines(t, render(home, res.Assignments), []string{`~/.profile:1 GOROOT="/b" exported`, `~/.profile:2 GOPATH="/p"`})
	if by := res.Assignments[0].ExportedBy; !strings.Contains(by, "inherits") {
		t.Errorf("ExportedBy = %q", by)
	}
}

func TestReadWant(t *testing.T) {
	home := writeHome(t, map[string]string{".profile": "EDITOR=vi\nGOROOT=/x\nP=$EDITOR\n"})
	res, err := Read(SH, Files(SH, home, "", ""), map[string]string{"HOME": home}, func(n string) bool { return n == "P" })
	if err != nil {
		t.Fatal(err)
	}
	diffLines(t, render(home, res.Assignments), []string{`~/.profile:3 P="vi"`})
}

func TestFinal(t *testing.T) {
	home := writeHome(t, map[string]string{
		".zshenv":   "export GOROOT=/a\n",
		".zprofile": "GOROOT=/b\nf() { GOROOT=/f }\n",
	})
	res := readHome(t, Zsh, home)
	if a, ok := res.Final("GOROOT"); !ok || a.Value != "/b" || !a.Exported {
		t.Errorf("Final(GOROOT) = %+v, %v; want /b, exported", a, ok)
	}
	if _, ok := res.Final("GOPATH"); ok {
		t.Error("Final(GOPATH) found something")
	}
	if n := len(res.All("GOROOT")); n != 3 {
		t.Errorf("All(GOROOT) has %d, want 3", n)
	}
}

func TestReadSyntaxErrorDoesNotStopOtherFiles(t *testing.T) {
	home := writeHome(t, map[string]string{
		".zshenv":   "GOROOT=/a\nif [ x ]; then\n",
		".zprofile": "GOPATH=/b\n",
	})
	res := readHome(t, Zsh, home)
	diffLines(t, render(home, res.Assignments), []string{`~/.zshenv:1 GOROOT="/a"`, `~/.zprofile:1 GOPATH="/b"`})
	if len(res.Errors) != 1 || res.Errors[0].File != filepath.Join(home, ".zshenv") || res.Errors[0].Line != 2 || res.Errors[0].Msg == "" {
		t.Errorf("Errors = %+v, want one on .zshenv:2", res.Errors)
	}
}

func TestReadOddBytes(t *testing.T) {
	tests := []struct {
		name, profile string
		want          []string
		warning       string
	}{
		{"CRLF", "export GOROOT=/x\r\nGOPATH=/p\r\n", []string{`~/.profile:1 GOROOT="/x" exported`, `~/.profile:2 GOPATH="/p"`}, "CRLF"},
		{"BOM hides the first line", "\xef\xbb\xbfGOROOT=/x\nGOPATH=/p\n", []string{`~/.profile:2 GOPATH="/p"`}, "byte order mark"},
		{"non-UTF-8", "# caf\xe9\nGOROOT=/\xff\nGOPATH=/p\n", []string{`~/.profile:2 GOROOT="/?"`, `~/.profile:3 GOPATH="/p"`}, "not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := writeHome(t, map[string]string{".profile": tt.profile})
			res := readHome(t, SH, home)
			if tt.want != nil {
				diffLines(t, render(home, res.Assignments), tt.want)
			}
			if tt.warning != "" && (len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Msg, tt.warning)) {
				t.Errorf("Warnings = %+v, want one about %s", res.Warnings, tt.warning)
			}
		})
	}
}

func TestReadUnreadableFiles(t *testing.T) {
	home := writeHome(t, nil)
	if err := os.Mkdir(filepath.Join(home, ".profile"), 0o755); err != nil {
		t.Fatal(err)
	}
	res, err := Read(SH, Files(SH, home, "", ""), map[string]string{"HOME": home}, nil)
	if err == nil || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Msg, "is a directory") {
		t.Errorf("err = %v, Errors = %+v; want an error for the directory", err, res.Errors)
	}
	// Missing files alone are not an error.
	if _, err := Read(Zsh, Files(Zsh, home, "", ""), map[string]string{"HOME": home}, nil); err != nil {
		t.Errorf("missing files: err = %v", err)
	}
}
