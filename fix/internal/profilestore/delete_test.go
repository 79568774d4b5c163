package profilestore

import (
	"errors"
	"strings"
	"testing"

	"github.com/goroot-lens/goroot-lens/internal/shellprofile"
)

// TestDeleteLineVerdicts lists more statement shapes than the golden files:
// line 2 of "# first\n" + line + "\n# last\n" is deleted for GOROOT, or
// refused with a reason containing the given words.
func TestDeleteLineVerdicts(t *testing.T) {
	tests := []struct {
		sh      shellprofile.Shell
		line    string
		refused string // "" means deleted
	}{
		{bash, `export GOROOT="$(go env GOROOT)"`, ""},
		{bash, "export GOROOT=`brew --prefix go`/libexec # brew", ""},
		{bash, "GOROOT+=/x", ""},
		{bash, "readonly GOROOT=/x", ""},
		{bash, "declare -gx GOROOT=/x;", ""},
		{bash, "export GOROOT GOROOT=/x", ""},
		{bash, "unset -v GOROOT", ""},
		{zsh, "typeset -x GOROOT=/x", ""},
		{sh, "export GOROOT=/x", ""},
		{sh, "\t GOROOT=/x  ", ""},
		{fish, "set -gx GOROOT (go env GOROOT) # go", ""},
		{fish, "set --global --export GOROOT /x", ""},
		{fish, "set -e GOROOT", ""},
		{fish, "set -- GOROOT /x", ""},
		{fish, `set -gx GOROOT "a;b" 'c|d' e\;f`, ""},

		{bash, "export -f GOROOT", "functions"},
		{bash, "local GOROOT=/x", "does not set a profile variable"},
		{bash, "unset -f GOROOT", "unset -f"},
		{bash, "export GOROOT=/x &", "redirection"},
		{bash, "export GOROOT=/x >/dev/null", "redirection"},
		{bash, "! export GOROOT=/x", "redirection"},
		{bash, "export GOROOT=/x | cat", "more than one statement"},
		{bash, "{ export GOROOT=/x; }", "not a simple statement"},
		{bash, `export "$v"`, "only known when the shell runs"},
		{bash, "GOROOT[0]=/x", "does not set GOROOT"},
		{bash, "export GOROOTX=/x", "does not set GOROOT"},
		{bash, "echo GOROOT=/x", "not an assignment"},
		{bash, "export GOROOT=/x; export GOPATH=/y", "more than one statement"},
		{sh, "export GOROOT=/x GOPATH=/y", "also sets GOPATH"},
		{fish, "set -l GOROOT /x", "-l does not set"},
		{fish, "set -gx GOROOT /x > /dev/null", "redirection"},
		{fish, "set -gx GOROOT /x &", "more than one statement"},
		{fish, "set -gx GOROOTX /x", "does not set GOROOT"},
		{fish, "set -gx $name /x", "does not set GOROOT"},
		{fish, "builtin set -gx GOROOT /x", "not a fish set"},
		{fish, "set -gx GOROOT /x # a comment; with | operators", ""},
	}
	for _, tt := range tests {
		data := []byte("# first\n" + tt.line + "\n# last\n")
		out, err := DeleteLine(data, 2, "GOROOT", tt.sh)
		switch {
		case tt.refused == "" && err != nil:
			t.Errorf("%s %q: %v", tt.sh, tt.line, err)
		case tt.refused == "" && string(out) != "# first\n# last\n":
			t.Errorf("%s %q: got %q", tt.sh, tt.line, out)
		case tt.refused != "" && (!errors.As(err, new(*RefusedError)) || !strings.Contains(err.Error(), tt.refused)):
			t.Errorf("%s %q: err = %v, want a refusal about %q", tt.sh, tt.line, err, tt.refused)
		}
	}
}

func TestDeleteLineArguments(t *testing.T) {
	data := []byte("export GOROOT=/x\n")
	for _, n := range []int{0, 2} {
		if _, err := DeleteLine(data, n, "GOROOT", bash); !errors.As(err, new(*RefusedError)) {
			t.Errorf("line %d: %v", n, err)
		}
	}
	if _, err := DeleteLine(data, 1, "GO ROOT", bash); err == nil {
		t.Error("a bad name was accepted")
	}
	if _, err := ReplaceLine(data, 1, "a\x00"); err == nil {
		t.Error("ReplaceLine took a NUL")
	}
	if _, err := ReplaceLine(data, 1, EndMarker); err == nil {
		t.Error("ReplaceLine wrote a block marker")
	}
	if _, err := ReplaceLine([]byte(BeginMarker+"\n"), 1, "x"); err == nil {
		t.Error("ReplaceLine overwrote a block marker")
	}
}

func TestBlockMarkersAsFound(t *testing.T) {
	// An indented block with an older wording of the begin marker, in the
	// middle of the file: recognised, replaced in place, markers untouched.
	data := "a\n  # >>> goroot-lens >>> v0\n  unset GOROOT\n  # <<< goroot-lens <<<\nb\n"
	lines, found, err := ReadBlock([]byte(data))
	if err != nil || !found || len(lines) != 1 || lines[0] != "  unset GOROOT" {
		t.Fatalf("ReadBlock = %q, %v, %v", lines, found, err)
	}
	out, err := SetBlock([]byte(data), []string{"unset GOPATH"})
	if want := "a\n  # >>> goroot-lens >>> v0\nunset GOPATH\n  # <<< goroot-lens <<<\nb\n"; err != nil || string(out) != want {
		t.Fatalf("SetBlock = %q, %v", out, err)
	}
	out, err = SetBlock([]byte(data), nil)
	if err != nil || string(out) != "a\nb\n" {
		t.Fatalf("SetBlock(nil) = %q, %v", out, err)
	}
	if lines, found, err := ReadBlock([]byte("no block\n")); err != nil || found || lines != nil {
		t.Fatalf("ReadBlock without a block = %q, %v, %v", lines, found, err)
	}
}
