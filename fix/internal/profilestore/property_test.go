package profilestore

import (
	"bytes"
	"errors"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/goroot-lens/goroot-lens/internal/pathlist"
	"github.com/goroot-lens/goroot-lens/internal/shellprofile"
)

var seed = flag.Uint64("seed", 20260317, "seed of the random profiles of TestProperties")

const randomProfiles = 1200

type failFunc func(format string, args ...any)

// TestProperties checks the promises of the package on random profiles:
// see the check functions.
func TestProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(*seed, 1))
	path := filepath.Join(t.TempDir(), "profile")
	for i := range randomProfiles {
		p := randomProfile(r)
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("seed %d (go test -run TestProperties -seed %d), profile %d, %s shell, content %q:\n"+format,
				append([]any{*seed, *seed, i, p.sh, p.bytes()}, args...)...)
		}
		checkBlockRoundTrip(r, p, fail)
		checkIncrementalBlock(r, p, fail)
		checkDeleteLine(r, p, fail)
		checkBlockEffect(r, p, path, fail)
	}
}

// checkBlockRoundTrip: SetBlock adds after the original bytes, ReadBlock
// gives the lines back, and SetBlock(nil) restores the original exactly.
func checkBlockRoundTrip(r *rand.Rand, p genProfile, fail failFunc) {
	data := p.bytes()
	var lines []string
	for range 1 + r.IntN(4) {
		line, _ := randomBlockLine(r, p.sh)
		lines = append(lines, line)
	}
	with, err := SetBlock(data, lines)
	if err != nil {
		fail("SetBlock: %v", err)
	}
	if !bytes.HasPrefix(with, data) {
		fail("SetBlock changed bytes before the block: %q", with)
	}
	got, found, err := ReadBlock(with)
	if err != nil || !found || !slices.Equal(got, lines) {
		fail("ReadBlock = %q, %v, %v; want %q", got, found, err, lines)
	}
	without, err := SetBlock(with, nil)
	if err != nil || !bytes.Equal(without, data) {
		fail("SetBlock(nil) = %q, %v", without, err)
	}
}

// checkIncrementalBlock: random AddToBlock and RemoveFromBlock calls keep
// one line per variable or PATH directory, in first-added order, and
// removing them all restores the original bytes.
func checkIncrementalBlock(r *rand.Rand, p genProfile, fail failFunc) {
	type entry struct{ about, line string }
	var model []entry
	data := p.bytes()
	current := data
	for range 1 + r.IntN(8) {
		line, about := randomBlockLine(r, p.sh)
		i := slices.IndexFunc(model, func(e entry) bool { return e.about == about })
		var err error
		if r.IntN(3) == 0 {
			current, err = RemoveFromBlock(current, p.sh, line)
			if i >= 0 {
				model = slices.Delete(model, i, i+1)
			}
		} else {
			current, err = AddToBlock(current, p.sh, line)
			if i >= 0 {
				model[i].line = line
			} else {
				model = append(model, entry{about, line})
			}
		}
		if err != nil {
			fail("%q: %v", line, err)
		}
		var want []string
		for _, e := range model {
			want = append(want, e.line)
		}
		if got, _, err := ReadBlock(current); err != nil || !slices.Equal(got, want) {
			fail("after %q the block is %q, %v; want %q", line, got, err, want)
		}
	}
	for _, e := range model {
		var err error
		if current, err = RemoveFromBlock(current, p.sh, e.line); err != nil {
			fail("RemoveFromBlock %q: %v", e.line, err)
		}
	}
	if !bytes.Equal(current, data) {
		fail("removing every block line left %q", current)
	}
}

// checkDeleteLine: a deletable line goes with exactly its own bytes, so
// putting them back (what undo does from the journal) restores the file;
// every other line, or the line for another name, is refused.
func checkDeleteLine(r *rand.Rand, p genProfile, fail failFunc) {
	data := p.bytes()
	for i, l := range p.lines {
		n := i + 1
		other := []string{"GOROOT", "GOPATH", "GOTOOLCHAIN", "GOFLAGS", "PATH"}[r.IntN(5)]
		for _, name := range []string{l.deletableFor, other} {
			if name == "" {
				continue
			}
			out, err := DeleteLine(data, n, name, p.sh)
			if name != l.deletableFor {
				if refused := (*RefusedError)(nil); !errors.As(err, &refused) {
					fail("DeleteLine(%d, %s) of %q = %q, %v; want a refusal", n, name, l.text, out, err)
				}
				continue
			}
			if err != nil {
				fail("DeleteLine(%d, %s) of %q: %v", n, name, l.text, err)
			}
			start, next := p.lineOffsets(n)
			restored := slices.Concat(out[:start], data[start:next], out[start:])
			if len(out) != len(data)-(next-start) || !bytes.Equal(restored, data) {
				fail("DeleteLine(%d, %s) = %q: not exactly the line's bytes removed", n, name, out)
			}
		}
	}
}

// checkBlockEffect reads the profile back with shellprofile before and
// after adding a GOROOT line and a PATH line: every earlier assignment is
// still there unchanged, GOROOT gets exactly its value, and PATH gains
// exactly the directory, in front or at the end, with no entry lost or
// moved.
func checkBlockEffect(r *rand.Rand, p genProfile, path string, fail failFunc) {
	data := p.bytes()
	before := readBack(p.sh, path, data, fail)
	value, dir, prepends := randomText(r, false), randomText(r, true), r.IntN(2) == 0
	exportLine, err := ExportLine(p.sh, "GOROOT", value)
	if err != nil {
		fail("ExportLine: %v", err)
	}
	pathLine, err := AppendPathLine(p.sh, dir)
	if prepends {
		pathLine, err = PrependPathLine(p.sh, dir)
	}
	if err != nil {
		fail("path line: %v", err)
	}
	out, err := AddToBlock(data, p.sh, exportLine)
	if err == nil {
		out, err = AddToBlock(out, p.sh, pathLine)
	}
	if err != nil {
		fail("AddToBlock: %v", err)
	}
	after := readBack(p.sh, path, out, fail)
	n := len(before.Assignments)
	if len(after.Assignments) != n+2 {
		fail("read back %d assignments, want %d + 2:\n%+v", len(after.Assignments), n, after.Assignments)
	}
	if old, now := withoutExports(before.Assignments), withoutExports(after.Assignments[:n]); !reflect.DeepEqual(old, now) {
		fail("the block changed earlier assignments:\n%+v\n%+v", old, now)
	}
	if a := after.Assignments[n]; a.Name != "GOROOT" || a.Value != value || !a.Exact || !a.Exported {
		fail("GOROOT line %q read back as %+v", exportLine, a)
	}
	a := after.Assignments[n+1]
	if a.Name != "PATH" || !a.Exact || !slices.Equal(a.PathAdded, []string{dir}) || a.PathReplaces || a.PathPrepends != prepends {
		fail("PATH line %q read back as %+v", pathLine, a)
	}
	want := append([]string{dir}, effectivePath(before)...)
	if !prepends {
		want = append(effectivePath(before), dir)
	}
	if got := effectivePath(after); !slices.Equal(got, want) {
		fail("PATH became %q, want %q", got, want)
	}
}

func readBack(shell shellprofile.Shell, path string, data []byte, fail failFunc) *shellprofile.Result {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		fail("%v", err)
	}
	files := []shellprofile.File{{Path: path, Reason: "test"}}
	res, err := shellprofile.Read(shell, files, map[string]string{"HOME": "/home/u"}, nil)
	if err != nil || len(res.Errors) > 0 {
		fail("shellprofile.Read of %q: %v %v", data, err, res.Errors)
	}
	return res
}

// withoutExports drops where a variable is exported from: an export in the
// block legitimately exports earlier plain assignments of the same name.
func withoutExports(as []shellprofile.Assignment) []shellprofile.Assignment {
	out := append([]shellprofile.Assignment{}, as...)
	for i := range out {
		out[i].Exported, out[i].ExportedBy = false, ""
	}
	return out
}

// effectivePath is PATH after every assignment in res, in entries, with
// "$PATH" standing for the PATH the shell started with.
func effectivePath(res *shellprofile.Result) []string {
	current := []string{"$PATH"}
	for _, a := range res.Assignments {
		if a.Name != "PATH" || a.InFunction {
			continue
		}
		var next []string
		for _, entry := range strings.Split(a.Value, ":") {
			if entry == "$PATH" {
				next = append(next, current...)
			} else if !a.Unset {
				next = append(next, entry)
			}
		}
		current = next
	}
	return current
}

// randomBlockLine builds a block line from small pools of names and
// directories, so that lines about the same thing come up often; about
// says what the line is about, worked out independently of blockKey.
func randomBlockLine(r *rand.Rand, shell shellprofile.Shell) (line, about string) {
	name := goVars[r.IntN(len(goVars))]
	dir := []string{"/usr/local/go/bin", "/opt/go/bin", "/opt/go/bin/", "/home/u/go/bin", randomText(r, true)}[r.IntN(5)]
	var err error
	about = "var " + name
	switch r.IntN(4) {
	case 0:
		line, err = ExportLine(shell, name, randomText(r, false))
	case 1:
		line, err = UnsetLine(shell, name)
	case 2:
		line, err = PrependPathLine(shell, dir)
		about = "dir " + pathlist.Key(dir, runtime.GOOS)
	default:
		line, err = AppendPathLine(shell, dir)
		about = "dir " + pathlist.Key(dir, runtime.GOOS)
	}
	if err != nil {
		panic(err) // random texts never hold what the builders refuse
	}
	return line, about
}
