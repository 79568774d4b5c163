package shellprofile

import "testing"

// Each case is one ~/.profile (sh), ~/.bash_profile (bash) or ~/.zshenv
// (zsh), read with HOME set to a temporary home.
func TestReadPOSIX(t *testing.T) {
	tests := []struct {
		name    string
		sh      Shell
		profile string
		want    []string
	}{
		{
			name:    "bare assignment is not exported",
			sh:      SH,
			profile: "GOROOT=/x\n",
			want:    []string{`~/.profile:1 GOROOT="/x"`},
		},
		{
			name:    "export NAME later exports an earlier assignment",
			sh:      SH,
			profile: "GOROOT=/x\necho hi\nexport GOROOT\n",
			want:    []string{`~/.profile:1 GOROOT="/x" exported`},
		},
		{
			name:    "export NAME then assignment",
			sh:      Bash,
			profile: "export GOROOT\nGOROOT=/x\n",
			want:    []string{`~/.bash_profile:2 GOROOT="/x" exported`},
		},
		{
			name:    "export with value in POSIX sh",
			sh:      SH,
			profile: "export GOROOT=/x GOPATH=\"$HOME/go\"\n",
			want:    []string{`~/.profile:1 GOROOT="/x" exported`, `~/.profile:1 GOPATH="~/go" exported`},
		},
		{
			name:    "declare -x, typeset -x, readonly, local",
			sh:      Bash,
			profile: "declare -x GOROOT=/a\ntypeset -x GOPATH=/b\nreadonly GOBIN=/c\nlocal GOFLAGS=-v\ndeclare -r GOENV=/d\n",
			want: []string{
				`~/.bash_profile:1 GOROOT="/a" exported`,
				`~/.bash_profile:2 GOPATH="/b" exported`,
				`~/.bash_profile:3 GOBIN="/c"`,
				`~/.bash_profile:5 GOENV="/d"`,
			},
		},
		{
			name:    "zsh typeset -x and export -n",
			sh:      Zsh,
			profile: "typeset -x GOROOT=/a\nexport -n GOPATH=/b\n",
			want:    []string{`~/.zshenv:1 GOROOT="/a" exported`, `~/.zshenv:2 GOPATH="/b"`},
		},
		{
			name: "function bodies: marked; declare without -g is local",
			sh:   Bash,
			profile: "usego() {\n  export GOROOT=/f\n  declare -x GOPATH=/local\n  declare -gx GOBIN=/g\n  GOFLAGS=-v\n}\n" +
				"export GOTOOLCHAIN=$GOFLAGS\n",
			want: []string{
				`~/.bash_profile:2 GOROOT="/f" exported func`,
				`~/.bash_profile:4 GOBIN="/g" exported func`,
				`~/.bash_profile:5 GOFLAGS="-v" func`,
				`~/.bash_profile:7 GOTOOLCHAIN="$GOFLAGS" inexact exported`,
			},
		},
		{
			name:    "an export inside a function does not export the top-level assignment",
			sh:      Bash,
			profile: "GOROOT=/x\nf() { export GOROOT; }\n",
			want:    []string{`~/.bash_profile:1 GOROOT="/x"`},
		},
		{
			name:    "set -a, set -o allexport, set +a",
			sh:      SH,
			profile: "GOROOT=/a\nset -a\nGOPATH=/b\nset +a\nGOBIN=/c\nset -o allexport\nGOENV=/d\nset +o allexport\nGOFLAGS=-v\n",
			want: []string{
				`~/.profile:1 GOROOT="/a"`,
				`~/.profile:3 GOPATH="/b" exported`,
				`~/.profile:5 GOBIN="/c"`,
				`~/.profile:7 GOENV="/d" exported`,
				`~/.profile:9 GOFLAGS="-v"`,
			},
		},
		{
			name:    "zsh setopt allexport",
			sh:      Zsh,
			profile: "setopt ALL_EXPORT\nGOROOT=/a\nunsetopt allexport\nGOPATH=/b\n",
			want:    []string{`~/.zshenv:2 GOROOT="/a" exported`, `~/.zshenv:4 GOPATH="/b"`},
		},
		{
			name:    "assignment prefix of a command is skipped",
			sh:      Bash,
			profile: "GOROOT=/x go build\nGOOS=linux GOARCH=arm64 make\n",
			want:    nil,
		},
		{
			name: "if, for, case and && count but are conditional",
			sh:   Bash,
			profile: "if [ -d /usr/local/go ]; then\n  export GOROOT=/usr/local/go\nelif true; then\n  GOROOT=/opt/go\nelse\n  GOROOT=/usr/lib/go\nfi\n" +
				"for d in a b; do GOPATH=/$d; done\ncase $x in a) GOBIN=/a ;; esac\n[ -d ~/go ] && export GOPATH=~/go\nGOENV=/e || true\n",
			want: []string{
				`~/.bash_profile:2 GOROOT="/usr/local/go" exported cond`,
				`~/.bash_profile:4 GOROOT="/opt/go" exported cond`,
				`~/.bash_profile:6 GOROOT="/usr/lib/go" exported cond`,
				`~/.bash_profile:8 GOPATH="/$d" inexact exported cond`,
				`~/.bash_profile:9 GOBIN="/a" cond`,
				`~/.bash_profile:10 GOPATH="~/go" exported cond`,
				`~/.bash_profile:11 GOENV="/e"`,
			},
		},
		{
			name:    "subshells, pipelines and background jobs never reach the shell",
			sh:      Bash,
			profile: "(export GOROOT=/a)\nGOPATH=/b | cat\nGOBIN=/c &\nx=$(GOENV=/d; echo)\n",
			want:    nil,
		},
		{
			name:    "zsh runs the last pipeline member in the shell",
			sh:      Zsh,
			profile: "echo | GOROOT=/a\n",
			want:    []string{`~/.zshenv:1 GOROOT="/a"`},
		},
		{
			name: "PATH forms",
			sh:   Bash,
			profile: "export PATH=\"$HOME/go/bin:$PATH\"\nPATH=$PATH:/usr/local/go/bin\n" +
				"export PATH=/usr/local/go/bin${PATH:+:$PATH}\nPATH+=\":/x\"\nPATH=~/bin:~/go/bin:$PATH\n" +
				"PATH=${HOME}/sdk/go/bin:${PATH}\nPATH=/usr/bin:/bin\n",
			want: []string{
				`~/.bash_profile:1 PATH="~/go/bin:$PATH" exported +[~/go/bin] prepend`,
				`~/.bash_profile:2 PATH="$PATH:/usr/local/go/bin" exported +[/usr/local/go/bin]`,
				`~/.bash_profile:3 PATH="/usr/local/go/bin:$PATH" exported +[/usr/local/go/bin] prepend`,
				`~/.bash_profile:4 PATH="$PATH:/x" exported +[/x]`,
				`~/.bash_profile:5 PATH="~/bin:~/go/bin:$PATH" exported +[~/bin ~/go/bin] prepend`,
				`~/.bash_profile:6 PATH="~/sdk/go/bin:$PATH" exported +[~/sdk/go/bin] prepend`,
				`~/.bash_profile:7 PATH="/usr/bin:/bin" exported +[/usr/bin /bin] replace`,
			},
		},
		{
			name:    "earlier assignments expand",
			sh:      SH,
			profile: "export GOPATH=$HOME/go; export PATH=$PATH:$GOPATH/bin\nGOROOT=/usr/local/go\nPATH=$GOROOT/bin:$PATH\n",
			want: []string{
				`~/.profile:1 GOPATH="~/go" exported`,
				`~/.profile:1 PATH="$PATH:~/go/bin" exported +[~/go/bin]`,
				`~/.profile:2 GOROOT="/usr/local/go"`,
				`~/.profile:3 PATH="/usr/local/go/bin:$PATH" exported +[/usr/local/go/bin] prepend`,
			},
		},
		{
			name: "command substitution and unknown variables are inexact",
			sh:   Bash,
			profile: "export GOROOT=$(go env GOROOT)\nGOPATH=`go env GOPATH`\nexport PATH=$PYENV_ROOT/bin:$PATH\n" +
				"export PATH=$(go env GOPATH)/bin:$PATH\nGOBIN=~other/bin\n",
			want: []string{
				`~/.bash_profile:1 GOROOT="$(go env GOROOT)" inexact exported`,
				"~/.bash_profile:2 GOPATH=\"`go env GOPATH`\" inexact",
				`~/.bash_profile:3 PATH="$PYENV_ROOT/bin:$PATH" inexact exported +[$PYENV_ROOT/bin] prepend`,
				`~/.bash_profile:4 PATH="$(go env GOPATH)/bin:$PATH" inexact exported +[$(go env GOPATH)/bin] prepend`,
				`~/.bash_profile:5 GOBIN="~other/bin" inexact`,
			},
		},
		{
			name:    "unset",
			sh:      Bash,
			profile: "GOROOT=/x\nunset GOROOT\nunset -f GOPATH\nGOBIN=${GOROOT:-/d}\n",
			want: []string{
				`~/.bash_profile:1 GOROOT="/x"`,
				`~/.bash_profile:2 GOROOT="" unset`,
				`~/.bash_profile:4 GOBIN="/d"`,
			},
		},
		{
			name:    "zsh path array",
			sh:      Zsh,
			profile: "typeset -U path\npath=(~/go/bin $path)\npath+=(/usr/local/go/bin)\npath=(/a \"$path[@]\")\n",
			want: []string{
				`~/.zshenv:2 PATH="~/go/bin:$PATH" exported +[~/go/bin] prepend`,
				`~/.zshenv:3 PATH="$PATH:/usr/local/go/bin" exported +[/usr/local/go/bin]`,
				`~/.zshenv:4 PATH="/a:$PATH" exported +[/a] prepend`,
			},
		},
		{
			name:    "zsh modifiers are inexact",
			sh:      Zsh,
			profile: "GOROOT=${HOME:h}/go\n",
			want:    []string{`~/.zshenv:1 GOROOT="~/go" inexact`},
		},
		{
			name:    "statements before a syntax error still count",
			sh:      Bash,
			profile: "export GOROOT=/x\nif then fi (\nGOPATH=/never\n",
			want:    []string{`~/.bash_profile:1 GOROOT="/x" exported`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := map[Shell]string{SH: ".profile", Bash: ".bash_profile", Zsh: ".zshenv"}[tt.sh]
			home := writeHome(t, map[string]string{file: tt.profile})
			diffLines(t, render(home, readHome(t, tt.sh, home).Assignments), tt.want)
		})
	}
}
