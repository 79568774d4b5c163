package shellprofile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeHome creates a temporary $HOME holding files (path relative to home →
// content) and returns it.
func writeHome(t testing.TB, files map[string]string) string {
	t.Helper()
	home := t.TempDir()
	for rel, content := range files {
		path := filepath.Join(home, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return home
}

// readHome runs Files and Read the way the probe does, with HOME as the only
// known variable.
func readHome(t *testing.T, sh Shell, home string) *Result {
	t.Helper()
	res, err := Read(sh, Files(sh, home, "", ""), map[string]string{"HOME": home}, nil)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return res
}

// render turns assignments into one line each, with paths relative to home
// shown as ~, so a table of expectations reads like the profile itself:
//
//	~/.profile:3 PATH="~/go/bin:$PATH" exported +[~/go/bin] prepend
func render(home string, as []Assignment) []string {
	tilde := func(s string) string { return strings.ReplaceAll(s, home, "~") }
	var lines []string
	for _, a := range as {
		var b strings.Builder
		fmt.Fprintf(&b, "%s:%d %s=%q", tilde(filepath.ToSlash(a.File)), a.Line, a.Name, tilde(a.Value))
		for _, flag := range []struct {
			on   bool
			text string
		}{
			{!a.Exact, "inexact"}, {a.Exported, "exported"}, {a.Unset, "unset"},
			{a.InFunction, "func"}, {a.Conditional, "cond"},
			{a.PathAdded != nil, "+[" + tilde(strings.Join(a.PathAdded, " ")) + "]"},
			{a.PathPrepends, "prepend"}, {a.PathReplaces, "replace"},
		} {
			if flag.on {
				b.WriteString(" " + flag.text)
			}
		}
		lines = append(lines, b.String())
	}
	return lines
}

func diffLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("assignments:\ngot:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}
