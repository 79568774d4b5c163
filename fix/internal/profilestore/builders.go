package profilestore

import (
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/shellprofile"
)

// Block line builders. Values are always single-quoted, so nothing in them
// expands: what the engine decided is what the shell gets.

// ExportLine sets and exports name to value: `export NAME='value'`, or in
// fish `set -gx NAME 'value'`.
func ExportLine(sh shellprofile.Shell, name, value string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	if err := checkLineText("value", value); err != nil {
		return "", err
	}
	if isFish(sh) {
		return "set -gx " + name + " " + fishQuote(value), nil
	}
	return "export " + name + "=" + posixQuote(value), nil
}

// UnsetLine removes name from the environment: `unset NAME`, or in fish
// `set -e NAME`, which erases the innermost scope that has it: the global
// one that a variable inherited from the environment lives in. A universal
// variable of the same name survives; erasing universal variables from a
// profile would change fish_variables on every shell start.
func UnsetLine(sh shellprofile.Shell, name string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	if isFish(sh) {
		return "set -e " + name, nil
	}
	return "unset " + name, nil
}

// PrependPathLine puts dir in front of PATH: `export PATH='dir':"$PATH"`.
//
// fish gets `set -gx PATH 'dir' $PATH` rather than fish_add_path, because
// every fish 3 (and 2) runs it the same way, while fish_add_path needs fish
// 3.2, skips directories that do not exist yet, and leaves a directory that
// is already on PATH where it is, so it could not move GOROOT/bin in front
// of another go. The price: a nested fish whose PATH already has dir gets it
// twice, which changes nothing about which go runs.
func PrependPathLine(sh shellprofile.Shell, dir string) (string, error) {
	if err := checkPathDir(dir); err != nil {
		return "", err
	}
	if isFish(sh) {
		return "set -gx PATH " + fishQuote(dir) + " $PATH", nil
	}
	return "export PATH=" + posixQuote(dir) + `:"$PATH"`, nil
}

// AppendPathLine puts dir at the end of PATH: `export PATH="$PATH":'dir'`,
// or in fish `set -gx PATH $PATH 'dir'`.
func AppendPathLine(sh shellprofile.Shell, dir string) (string, error) {
	if err := checkPathDir(dir); err != nil {
		return "", err
	}
	if isFish(sh) {
		return "set -gx PATH $PATH " + fishQuote(dir), nil
	}
	return `export PATH="$PATH":` + posixQuote(dir), nil
}

func isFish(sh shellprofile.Shell) bool { return sh == shellprofile.Fish }

// posixQuote single-quotes s for sh, bash and zsh: inside single quotes
// nothing is special, and a single quote itself is closed, written in
// double quotes and reopened: '"'"'. The common backslash form works in
// every shell too, but shellprofile reads unquoted backslashes literally
// (it expands with expand.Literal), so the probe would misreport the value.
func posixQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'"'"'`) + "'"
}

// fishQuote single-quotes s for fish, where \' and \\ are the escapes inside
// single quotes.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func checkName(name string) error {
	if !validName(name) {
		return refuse(0, "%q is not a variable name", name)
	}
	return nil
}

// checkPathDir accepts absolute directories only: a relative PATH entry is
// searched from whatever directory a command runs in, and "~" would not
// expand inside the quotes. A ':' would split the entry in two.
func checkPathDir(dir string) error {
	if err := checkLineText("directory", dir); err != nil {
		return err
	}
	if !strings.HasPrefix(dir, "/") || strings.Contains(dir, ":") {
		return refuse(0, "PATH directory %q must be an absolute path without ':'", dir)
	}
	return nil
}

// validName is a shell variable name, the reader's rule.
func validName(s string) bool { return shellprofile.ValidName(s) }
