package profilestore

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/goroot-lens/goroot-lens/internal/shellprofile"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.after and *.error from the current results")

const (
	bash = shellprofile.Bash
	zsh  = shellprofile.Zsh
	sh   = shellprofile.SH
	fish = shellprofile.Fish
)

type edit func(data []byte) ([]byte, error)

func deleteLine(line int, name string, shell shellprofile.Shell) edit {
	return func(data []byte) ([]byte, error) { return DeleteLine(data, line, name, shell) }
}

func replaceLine(line int, text string) edit {
	return func(data []byte) ([]byte, error) { return ReplaceLine(data, line, text) }
}

// addLines builds block lines and adds them one by one, as the engine does.
func addLines(shell shellprofile.Shell, builds ...func(shellprofile.Shell) (string, error)) edit {
	return func(data []byte) ([]byte, error) {
		for _, build := range builds {
			line, err := build(shell)
			if err != nil {
				return nil, err
			}
			if data, err = AddToBlock(data, shell, line); err != nil {
				return nil, err
			}
		}
		return data, nil
	}
}

func removeLine(shell shellprofile.Shell, build func(shellprofile.Shell) (string, error)) edit {
	return func(data []byte) ([]byte, error) {
		line, err := build(shell)
		if err != nil {
			return nil, err
		}
		return RemoveFromBlock(data, shell, line)
	}
}

func export(name, value string) func(shellprofile.Shell) (string, error) {
	return func(s shellprofile.Shell) (string, error) { return ExportLine(s, name, value) }
}

func unset(name string) func(shellprofile.Shell) (string, error) {
	return func(s shellprofile.Shell) (string, error) { return UnsetLine(s, name) }
}

func prepend(dir string) func(shellprofile.Shell) (string, error) {
	return func(s shellprofile.Shell) (string, error) { return PrependPathLine(s, dir) }
}

func appendDir(dir string) func(shellprofile.Shell) (string, error) {
	return func(s shellprofile.Shell) (string, error) { return AppendPathLine(s, dir) }
}

// goldenCases edit testdata/golden/NAME.before; the result must equal
// NAME.after byte for byte, or the refusal NAME.error.
var goldenCases = map[string]edit{
	"bash_delete_indented_comment": deleteLine(6, "GOROOT", bash),
	"bash_delete_crlf":             deleteLine(2, "GOROOT", bash),
	"bash_delete_bom_line1":        deleteLine(1, "GOROOT", bash),
	"bash_delete_last_no_newline":  deleteLine(2, "GOROOT", bash),
	"bash_delete_declare":          deleteLine(1, "GOROOT", bash),
	"bash_delete_nested":           deleteLine(2, "GOROOT", bash),
	"bash_refuse_nested_only":      deleteLine(2, "GOROOT", bash),
	"bash_refuse_two_vars":         deleteLine(1, "GOROOT", bash),
	"bash_refuse_two_statements":   deleteLine(1, "GOROOT", bash),
	"bash_refuse_backslash":        deleteLine(1, "GOROOT", bash),
	"bash_refuse_continued":        deleteLine(2, "GOROOT", bash),
	"bash_refuse_open_quote":       deleteLine(1, "GOROOT", bash),
	"bash_refuse_heredoc":          deleteLine(2, "GOROOT", bash),
	"bash_refuse_other_name":       deleteLine(1, "GOROOT", bash),
	"bash_refuse_command_prefix":   deleteLine(1, "GOROOT", bash),
	"bash_refuse_comment":          deleteLine(1, "GOROOT", bash),
	"bash_refuse_and":              deleteLine(1, "GOROOT", bash),

	"zsh_delete_typeset":        deleteLine(2, "GOROOT", zsh),
	"zsh_delete_path_array":     deleteLine(1, "PATH", zsh),
	"zsh_delete_in_function":    deleteLine(2, "GOROOT", zsh), // zsh, unlike bash, takes an empty { }
	"bash_refuse_function_only": deleteLine(2, "GOROOT", bash),

	"sh_delete_assign":              deleteLine(1, "GOROOT", sh),
	"sh_delete_naked_export":        deleteLine(2, "GOROOT", sh),
	"sh_delete_unset":               deleteLine(1, "GOROOT", sh),
	"sh_refuse_syntax_error_before": deleteLine(2, "GOROOT", sh),

	"fish_delete_set":             deleteLine(2, "GOROOT", fish),
	"fish_delete_crlf_universal":  deleteLine(2, "GOROOT", fish),
	"fish_delete_user_paths":      deleteLine(1, "PATH", fish),
	"fish_refuse_two":             deleteLine(1, "GOROOT", fish),
	"fish_refuse_query":           deleteLine(1, "GOROOT", fish),
	"fish_refuse_multiline_quote": deleteLine(1, "GOROOT", fish),
	"fish_refuse_and":             deleteLine(2, "GOROOT", fish),
	"fish_refuse_continued":       deleteLine(2, "GOROOT", fish),

	"bash_replace_crlf":           replaceLine(2, "export GOROOT='/usr/local/go1.22'"),
	"sh_replace_bom_line1":        replaceLine(1, "GOROOT=/usr/local/go; export GOROOT"),
	"zsh_replace_last_no_newline": replaceLine(2, "# export GOROOT=/usr/local/go"),
	"fish_replace":                replaceLine(1, "set -gx GOROOT '/opt/go'"),
	"sh_replace_refuse_newline":   replaceLine(1, "GOROOT=/y\nexport GOROOT"),

	"bash_block_add":                    addLines(bash, export("GOROOT", "/opt/it's go"), prepend("/opt/it's go/bin")),
	"bash_block_add_no_final_newline":   addLines(bash, unset("GOROOT")),
	"bash_block_add_crlf":               addLines(bash, export("GOTOOLCHAIN", "local"), appendDir("/home/u/go/bin")),
	"sh_block_add_bom_only":             addLines(sh, unset("GOROOT")),
	"sh_block_add_empty":                addLines(sh, export("GOPATH", "/home/u/go")),
	"sh_block_add_bom":                  addLines(sh, prepend("/usr/local/go/bin")),
	"zsh_block_add":                     addLines(zsh, export("GOROOT", "/usr/local/go"), prepend("/usr/local/go/bin"), unset("GOFLAGS")),
	"fish_block_add_new":                addLines(fish, export("GOROOT", `/opt/a'b\c`), prepend("/usr/local/go/bin")),
	"bash_block_replace_entry":          addLines(bash, export("GOROOT", "/usr/local/go1.22")),
	"zsh_block_replace_path_dir":        addLines(zsh, appendDir("/opt/go/bin/")),
	"fish_block_remove_entry":           removeLine(fish, unset("GOROOT")),
	"bash_block_remove_last_no_newline": removeLine(bash, export("GOROOT", "")),
	"sh_block_remove_crlf":              removeLine(sh, unset("GOROOT")),
	"block_refuse_two_blocks":           addLines(sh, unset("GOROOT")),
	"block_refuse_unterminated":         addLines(sh, unset("GOROOT")),
	"block_refuse_end_only":             addLines(sh, unset("GOROOT")),
}

func TestGolden(t *testing.T) {
	dir := filepath.Join("testdata", "golden")
	befores, _ := filepath.Glob(filepath.Join(dir, "*.before"))
	if len(befores) != len(goldenCases) {
		t.Errorf("%d .before files for %d cases", len(befores), len(goldenCases))
	}
	for name, edit := range goldenCases {
		t.Run(name, func(t *testing.T) {
			stem := filepath.Join(dir, name)
			before, err := os.ReadFile(stem + ".before")
			if err != nil {
				t.Fatal(err)
			}
			after, editErr := edit(bytes.Clone(before))
			want, ext := after, ".after"
			if editErr != nil {
				var refused *RefusedError
				if !errors.As(editErr, &refused) {
					t.Fatalf("error is not a *RefusedError: %v", editErr)
				}
				want, ext = []byte(editErr.Error()+"\n"), ".error"
			}
			if *update {
				os.Remove(stem + ".after")
				os.Remove(stem + ".error")
				if err := os.WriteFile(stem+ext, want, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			golden, err := os.ReadFile(stem + ext)
			if err != nil {
				t.Fatalf("%v (result was %q)", err, want)
			}
			if !bytes.Equal(want, golden) {
				t.Errorf("%s%s:\ngot  %q\nwant %q", name, ext, want, golden)
			}
		})
	}
}
