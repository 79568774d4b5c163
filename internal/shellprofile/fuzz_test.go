package shellprofile

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// FuzzRead feeds arbitrary bytes to every front end as a profile and checks
// that Read survives and reports only real places: files it read, lines that
// exist.
func FuzzRead(f *testing.F) {
	for _, seed := range []string{
		"export PATH=\"$HOME/go/bin:$PATH\"\nGOROOT=$(go env GOROOT)\n",
		"export PATH=/usr/local/go/bin${PATH:+:$PATH}\nPATH+=:/x\n. ~/.profile\n",
		"f() { declare -gx GOROOT=/f; }\nif [ x ]; then GOPATH=`pwd`; fi\npath=(~/go/bin $path)\n",
		"set -gx PATH /x $PATH\nfish_add_path -a ~/go/bin\nset -e GOROOT\nset x (echo \"a)b\")\n",
		"SETUVAR --export GOPATH:/home/u/go\\x1e\\x\n",
		"\xef\xbb\xbfGOROOT=/x\r\nGOPATH=\xff\n",
		"set x '\\\nbegin\nend end end\n$$x[1 {a,\\u12",
		"cat <<EOF\n$(\nEOF\n${x:h}",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		home := t.TempDir()
		var paths []string
		for _, name := range []string{"profile", "fish_variables"} {
			path := filepath.Join(home, name)
			if err := os.WriteFile(path, content, 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, path)
		}
		for _, sh := range []Shell{Bash, Zsh, SH, Fish} {
			for _, path := range paths {
				res, err := Read(sh, []File{{Path: path, Reason: "fuzz"}}, map[string]string{"HOME": home}, nil)
				if err != nil {
					t.Fatalf("%s: Read: %v", sh, err)
				}
				checkPlaces(t, sh, res, path)
			}
		}
	})
}

// checkPlaces asserts that every file reported with a line was read and
// every line is inside its file (line = lines+1 is allowed: a parser reports "unexpected
// end of file" there).
func checkPlaces(t *testing.T, sh Shell, res *Result, input string) {
	t.Helper()
	if len(res.Files) == 0 || res.Files[0].Path != input {
		t.Fatalf("%s: Files = %+v, want %s first", sh, res.Files, input)
	}
	lines := map[string]int{}
	for _, f := range res.Files {
		src, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatalf("%s: reported file %s: %v", sh, f.Path, err)
		}
		lines[f.Path] = bytes.Count(src, []byte("\n")) + 1
	}
	check := func(kind, file string, line int, zeroOK bool) {
		if zeroOK && line == 0 {
			return // about a whole file, possibly one that could not be read
		}
		max, ok := lines[file]
		if !ok {
			t.Errorf("%s: %s in %s, which was not read", sh, kind, file)
		}
		if line < 1 || line > max+1 {
			t.Errorf("%s: %s at %s:%d, file has %d lines", sh, kind, file, line, max)
		}
	}
	for _, a := range res.Assignments {
		check("assignment "+a.Name, a.File, a.Line, false)
		if a.Column < 1 {
			t.Errorf("%s: assignment %s at column %d", sh, a.Name, a.Column)
		}
	}
	for _, e := range slices.Concat(res.Errors, res.Warnings) {
		check("problem "+e.Msg, e.File, e.Line, true)
		if strings.HasPrefix(e.Msg, internalErrorPrefix) {
			t.Errorf("%s: recovered panic: %s", sh, e)
		}
	}
}
