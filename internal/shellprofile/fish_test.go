package shellprofile

import (
	"path/filepath"
	"testing"
)

// Each case is one ~/.config/fish/config.fish.
func TestReadFish(t *testing.T) {
	tests := []struct {
		name   string
		config string
		want   []string
	}{
		{
			name:   "set scopes and export",
			config: "set -gx GOROOT /usr/local/go\nset -x GOPATH $HOME/go\nset GOBIN ~/bin\nset --global --export GOFLAGS -mod=mod -v\nset -Ux GOTOOLCHAIN local\nset GOROOT /again\n",
			want: []string{
				`~/.config/fish/config.fish:1 GOROOT="/usr/local/go" exported`,
				`~/.config/fish/config.fish:2 GOPATH="~/go" exported`,
				`~/.config/fish/config.fish:3 GOBIN="~/bin"`,
				`~/.config/fish/config.fish:4 GOFLAGS="-mod=mod -v" exported`,
				`~/.config/fish/config.fish:5 GOTOOLCHAIN="local" exported`,
				`~/.config/fish/config.fish:6 GOROOT="/again" exported`,
			},
		},
		{
			name:   "set -e, set -q and locals",
			config: "set -g GOROOT /x\nset -q GOROOT; and set -e GOROOT\nset -l dir /opt/go\nset -gx GOPATH $dir\n",
			want: []string{
				`~/.config/fish/config.fish:1 GOROOT="/x"`,
				`~/.config/fish/config.fish:2 GOROOT="" unset cond`,
				`~/.config/fish/config.fish:4 GOPATH="/opt/go" exported`,
			},
		},
		{
			name: "PATH is a list",
			config: "set -gx PATH /usr/local/go/bin $PATH\nset PATH $PATH $HOME/go/bin\nset -a PATH /a\nset -p PATH /p\n" +
				"set -U fish_user_paths ~/sdk/bin $fish_user_paths\n",
			want: []string{
				`~/.config/fish/config.fish:1 PATH="/usr/local/go/bin:$PATH" exported +[/usr/local/go/bin] prepend`,
				`~/.config/fish/config.fish:2 PATH="$PATH:~/go/bin" exported +[~/go/bin]`,
				`~/.config/fish/config.fish:3 PATH="$PATH:/a" exported +[/a]`,
				`~/.config/fish/config.fish:4 PATH="/p:$PATH" exported +[/p] prepend`,
				`~/.config/fish/config.fish:5 PATH="~/sdk/bin:$PATH" exported +[~/sdk/bin] prepend`,
			},
		},
		{
			name:   "fish_add_path",
			config: "fish_add_path /usr/local/go/bin ~/go/bin\nfish_add_path -a /a\nfish_add_path -gP /b\nfish_add_path --move /m\nfish_add_path -n /dry\n",
			want: []string{
				`~/.config/fish/config.fish:1 PATH="/usr/local/go/bin:~/go/bin:$PATH" exported +[/usr/local/go/bin ~/go/bin] prepend`,
				`~/.config/fish/config.fish:2 PATH="$PATH:/a" exported +[/a]`,
				`~/.config/fish/config.fish:3 PATH="/b:$PATH" exported +[/b] prepend`,
				`~/.config/fish/config.fish:4 PATH="/m:$PATH" exported +[/m] prepend`,
			},
		},
		{
			name: "quotes, escapes, comments, continuation",
			config: "set -gx GOROOT '/opt/my go' # a comment\nset -gx GOPATH \"$HOME/go path\" \\\n  /second\n" +
				"set -gx GOBIN /a\\ b\\x41\nset GOENV a#b\nset GOFLAGS {$HOME}/x\n",
			want: []string{
				`~/.config/fish/config.fish:1 GOROOT="/opt/my go" exported`,
				`~/.config/fish/config.fish:2 GOPATH="~/go path:/second" exported`,
				`~/.config/fish/config.fish:4 GOBIN="/a bA" exported`,
				`~/.config/fish/config.fish:5 GOENV="a#b"`,
				`~/.config/fish/config.fish:6 GOFLAGS="~/x"`,
			},
		},
		{
			name:   "command substitution and unknown variables are inexact",
			config: "set -gx GOROOT (go env GOROOT)\nset -gx GOPATH $(go env GOPATH)\nset -gx PATH $SDK/bin $PATH\nset GOBIN {a,b}\n",
			want: []string{
				`~/.config/fish/config.fish:1 GOROOT="(go env GOROOT)" inexact exported`,
				`~/.config/fish/config.fish:2 GOPATH="$(go env GOPATH)" inexact exported`,
				`~/.config/fish/config.fish:3 PATH="$SDK/bin:$PATH" inexact exported +[$SDK/bin] prepend`,
				`~/.config/fish/config.fish:4 GOBIN="a,b" inexact`,
			},
		},
		{
			name: "blocks",
			config: "if test -d /usr/local/go\n  set -gx GOROOT /usr/local/go\nelse if test -d /opt/go\n  set -gx GOROOT /opt/go\nend\n" +
				"function usego\n  set -gx GOROOT /f\nend\nset -gx GOPATH /p\ntest -d /x && set -gx GOBIN /x\nswitch (uname)\ncase Linux\n  set GOOS linux\nend\n",
			want: []string{
				`~/.config/fish/config.fish:2 GOROOT="/usr/local/go" exported cond`,
				`~/.config/fish/config.fish:4 GOROOT="/opt/go" exported cond`,
				`~/.config/fish/config.fish:7 GOROOT="/f" exported func`,
				`~/.config/fish/config.fish:9 GOPATH="/p" exported`,
				`~/.config/fish/config.fish:10 GOBIN="/x" exported cond`,
				`~/.config/fish/config.fish:13 GOOS="linux" cond`,
			},
		},
		{
			name:   "redirections are not values",
			config: "set -gx GOROOT /x 2>/dev/null\nset -gx GOPATH /p >&2\n",
			want: []string{
				`~/.config/fish/config.fish:1 GOROOT="/x" exported`,
				`~/.config/fish/config.fish:2 GOPATH="/p" exported`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := writeHome(t, map[string]string{".config/fish/config.fish": tt.config})
			diffLines(t, render(home, readHome(t, Fish, home).Assignments), tt.want)
		})
	}
}

func TestReadFishLoadOrder(t *testing.T) {
	home := writeHome(t, map[string]string{
		".config/fish/fish_variables": "# This file contains fish universal variable definitions.\n# VERSION: 3.0\n" +
			"SETUVAR --export GOPATH:/home/u/go\nSETUVAR fish_user_paths:/usr/local/go/bin\\x1e/opt/my\\x20go/bin\nSETUVAR fish_greeting:\\x1d\n",
		".config/fish/conf.d/b.fish": "set -gx GOROOT /b\n",
		".config/fish/conf.d/a.fish": "set -gx GOROOT /a\nsource ~/.config/fish/go.fish\n",
		".config/fish/go.fish":       "set -gx GOTOOLCHAIN local\n",
		".config/fish/config.fish":   "set -gx GOROOT /c\n",
	})
	res := readHome(t, Fish, home)
	diffLines(t, render(home, res.Assignments), []string{
		`~/.config/fish/fish_variables:3 GOPATH="/home/u/go" exported`,
		`~/.config/fish/fish_variables:4 PATH="/usr/local/go/bin:/opt/my go/bin:$PATH" exported +[/usr/local/go/bin /opt/my go/bin] prepend`,
		`~/.config/fish/conf.d/a.fish:1 GOROOT="/a" exported`,
		`~/.config/fish/go.fish:1 GOTOOLCHAIN="local" exported`,
		`~/.config/fish/conf.d/b.fish:1 GOROOT="/b" exported`,
		`~/.config/fish/config.fish:1 GOROOT="/c" exported`,
	})
	if a, _ := res.Final("GOROOT"); a.File != filepath.Join(home, ".config/fish/config.fish") {
		t.Errorf("Final(GOROOT) from %s", a.File)
	}
	if a := res.Assignments[0]; a.Statement != "fish universal" || a.Column != 18 {
		t.Errorf("universal GOPATH: %+v", a)
	}
}
