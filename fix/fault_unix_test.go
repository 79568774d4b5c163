//go:build unix

package fix

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/goroot-lens/goroot-lens/internal/pathlist"
	"github.com/goroot-lens/goroot-lens/internal/shellprofile"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// profileUser is a temp HOME with a bash login profile and a journal; the
// plans are made directly from fixes, without a probe, so that faults and
// thousands of random profiles stay fast.
type profileUser struct {
	t       *testing.T
	home    string
	profile string
	o       Options
	snap    *envprobe.Snapshot
}

func newProfileUser(t *testing.T, content string) *profileUser {
	home := t.TempDir()
	u := &profileUser{t: t, home: home, profile: filepath.Join(home, ".bash_profile")}
	if err := os.WriteFile(u.profile, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{"HOME=" + home, "SHELL=/bin/bash", "PATH=/usr/bin:/bin"}
	u.o = Options{Dir: filepath.Join(home, "ws"), Env: env, StateDir: filepath.Join(home, "state"), noReprobe: true}
	u.snap = &envprobe.Snapshot{Workspace: u.o.Dir, GOOS: "linux", Home: home,
		LoginFile: shellprofile.LoginFile(shellprofile.Bash, home, "", "")}
	return u
}

func (u *profileUser) plan(fx findings.Fix) Plan {
	u.t.Helper()
	return newPlanner(u.o, u.snap).plan(context.Background(), findings.Finding{Code: findings.GorootEnvMismatch}, fx)
}

func deleteLineFix(file string, line int) findings.Fix {
	return findings.Fix{ID: "delete", Kind: findings.FixEditFile, Store: findings.StoreProfile, Shell: "bash", Var: "GOROOT",
		Location: &findings.Location{File: file, Line: line}}
}

func (u *profileUser) read() string {
	b, err := os.ReadFile(u.profile)
	if errors.Is(err, os.ErrNotExist) {
		return "<missing>"
	}
	return string(b)
}

const faultProfile = "# mine\nexport GOROOT=/opt/go1.22\nexport EDITOR=vi\n"

// A crash (simulated: a crash cannot be caused on demand) after the
// journal entry is written and before the store is: the profile is as it
// was, and undo from that pending entry works and changes nothing.
func TestCrashBeforeWrite(t *testing.T) {
	u := newProfileUser(t, faultProfile)
	crashAt(t, "before-write")
	res, err := Apply(context.Background(), u.o, u.plan(deleteLineFix(u.profile, 2)))
	if err == nil || res == nil || res.Entry.State != StatePending {
		t.Fatalf("apply: %v, %+v; want the crash with a pending entry", err, res)
	}
	if u.read() != faultProfile {
		t.Fatalf("profile written before the crash point: %q", u.read())
	}
	if _, err := Undo(context.Background(), u.o, ""); err != nil {
		t.Fatalf("undo after a crash before the write: %v", err)
	}
	if u.read() != faultProfile {
		t.Fatalf("undo changed the profile: %q", u.read())
	}
}

// A crash after the store write and before the read-back: the profile has
// the new state, the entry is pending, and undo restores the old bytes.
func TestCrashAfterWrite(t *testing.T) {
	u := newProfileUser(t, faultProfile)
	crashAt(t, "after-write")
	if _, err := Apply(context.Background(), u.o, u.plan(deleteLineFix(u.profile, 2))); err == nil {
		t.Fatal("no crash")
	}
	if want := "# mine\nexport EDITOR=vi\n"; u.read() != want {
		t.Fatalf("after the write: %q, want %q", u.read(), want)
	}
	if _, err := Undo(context.Background(), u.o, ""); err != nil {
		t.Fatalf("undo: %v", err)
	}
	if u.read() != faultProfile {
		t.Fatalf("after undo: %q", u.read())
	}
}

// A full disk (a fake: the write fails with ENOSPC): nothing changes, the
// entry is rolled back, and there is nothing to undo.
func TestFullDisk(t *testing.T) {
	u := newProfileUser(t, faultProfile)
	real := writeFile
	writeFile = func(path string, to Value) error { return &os.PathError{Op: "write", Path: path, Err: syscall.ENOSPC} }
	t.Cleanup(func() { writeFile = real })
	res, err := Apply(context.Background(), u.o, u.plan(deleteLineFix(u.profile, 2)))
	if err == nil || !errors.Is(err, syscall.ENOSPC) || res.Entry.State != StateRolledBack {
		t.Fatalf("apply on a full disk: %v, %+v", err, res)
	}
	if u.read() != faultProfile {
		t.Fatalf("profile changed: %q", u.read())
	}
	if _, err := Undo(context.Background(), u.o, ""); err == nil {
		t.Fatal("undo of a rolled-back entry succeeded")
	}
}

// A read-only profile is refused at plan time: nothing is written and no
// journal entry is made.
func TestReadOnlyProfileRefused(t *testing.T) {
	u := newProfileUser(t, faultProfile)
	os.Chmod(u.profile, 0o444)
	p := u.plan(deleteLineFix(u.profile, 2))
	if p.Writable() || p.Refused == "" || !strings.Contains(p.Refused, u.profile) {
		t.Fatalf("plan for a read-only profile: %+v", p)
	}
	if _, err := Apply(context.Background(), u.o, p); err == nil {
		t.Fatal("apply of a refused plan succeeded")
	}
	if u.read() != faultProfile {
		t.Fatalf("profile changed: %q", u.read())
	}
	if entries, _ := (Journal{Dir: u.o.StateDir}).List(); len(entries) != 0 {
		t.Fatalf("journal has %d entries", len(entries))
	}
}

// A line that holds more than the one assignment is never cut in half.
func TestCompoundLineRefused(t *testing.T) {
	u := newProfileUser(t, "export GOROOT=/opt/go PATH=/opt/go/bin:$PATH\n")
	if p := u.plan(deleteLineFix(u.profile, 1)); p.Writable() {
		t.Fatalf("plan deletes a line that also sets PATH: %+v", p)
	}
}

func crashAt(t *testing.T, step string) {
	old := crashPoint
	crashPoint = func(s string) error {
		if s == step {
			return fmt.Errorf("simulated crash at %s", s)
		}
		return nil
	}
	t.Cleanup(func() { crashPoint = old })
}

// Over ≥ 1000 random profiles: a managed-block PATH fix then its undo gives
// back identical bytes, the fix never loses or reorders an entry the
// profile adds to PATH, and deleting a GOROOT line then undoing is
// identical too.
func TestPropertyApplyUndoRestoresBytes(t *testing.T) {
	seed := uint64(20261201)
	r := rand.New(rand.NewPCG(seed, 7))
	for i := 0; i < 1000; i++ {
		content, gorootLine := randomProfile(r)
		u := newProfileUser(t, content)
		dir := "/opt/" + randomWord(r) + "/bin"
		before := readAdded(t, u)
		var fx findings.Fix
		if gorootLine > 0 && r.IntN(2) == 0 {
			fx = deleteLineFix(u.profile, gorootLine)
		} else {
			fx = findings.Fix{ID: "gobin", Kind: findings.FixAppendPath, Store: findings.StoreProfileBlock, Shell: "bash", Var: "PATH", Value: dir}
			if r.IntN(2) == 0 {
				fx.Kind = findings.FixPrependPath
			}
		}
		p := u.plan(fx)
		if !p.Writable() {
			t.Fatalf("seed %d case %d: plan refused: %s\n%q", seed, i, p.Refused, content)
		}
		if _, err := Apply(context.Background(), u.o, p); err != nil {
			t.Fatalf("seed %d case %d: apply: %v\n%q", seed, i, err, content)
		}
		if fx.Store == findings.StoreProfileBlock {
			after := readAdded(t, u)
			// The reader judges CRLF and BOM files apart (issue of its
			// own); there only the order of the old entries is checked.
			plain := !strings.ContainsAny(content, "\r\ufeff")
			if !keepsOrder(before, after) || plain && !contains(after, dir) {
				t.Fatalf("seed %d case %d: PATH entries before %q after %q\n%q", seed, i, before, after, u.read())
			}
		}
		if _, err := Undo(context.Background(), u.o, ""); err != nil {
			t.Fatalf("seed %d case %d: undo: %v", seed, i, err)
		}
		if got := u.read(); got != content {
			t.Fatalf("seed %d case %d: undo gave\n%q\nwant\n%q", seed, i, got, content)
		}
	}
}

// readAdded is every PATH entry the profile adds, in load order.
func readAdded(t *testing.T, u *profileUser) []string {
	res, err := shellprofile.Read(shellprofile.Bash, []shellprofile.File{{Path: u.profile}}, map[string]string{"HOME": u.home}, nil)
	if err != nil {
		return nil
	}
	var out []string
	for _, a := range res.All("PATH") {
		out = append(out, a.PathAdded...)
	}
	return out
}

func keepsOrder(before, after []string) bool {
	j := 0
	for _, a := range after {
		if j < len(before) && a == before[j] {
			j++
		}
	}
	return j == len(before)
}

func contains(list []string, s string) bool {
	return pathlist.Contains(list, s, "linux") >= 0
}

func randomWord(r *rand.Rand) string {
	const letters = "abcdefghijklmnopqrstuvwxyz0123456789-_"
	n := 1 + r.IntN(8)
	b := make([]byte, n)
	for i := range b {
		b[i] = letters[r.IntN(len(letters))]
	}
	return string(b)
}

// randomProfile mixes comments, blank lines, exports and PATH edits, LF or
// CRLF, a BOM or not, a final newline or not; it returns the line of its
// one plain GOROOT export (0 when there is none).
func randomProfile(r *rand.Rand) (string, int) {
	var lines []string
	gorootLine := 0
	for n := r.IntN(12); n > 0; n-- {
		switch r.IntN(7) {
		case 0:
			lines = append(lines, "# "+randomWord(r)+" 注释 $HOME '\"")
		case 1:
			lines = append(lines, "")
		case 2:
			lines = append(lines, "export PATH=\"/usr/"+randomWord(r)+"/bin:$PATH\"")
		case 3:
			lines = append(lines, "export PATH=$PATH:/opt/"+randomWord(r))
		case 4:
			lines = append(lines, "export GOPATH='"+"/home/x/"+randomWord(r)+" dir'")
		case 5:
			if gorootLine == 0 {
				lines = append(lines, "export GOROOT=/opt/"+randomWord(r))
				gorootLine = len(lines)
			}
		case 6:
			lines = append(lines, "alias ll='ls -l'  # "+randomWord(r))
		}
	}
	eol := "\n"
	if r.IntN(3) == 0 {
		eol = "\r\n"
	}
	s := strings.Join(lines, eol)
	if len(lines) > 0 && r.IntN(2) == 0 {
		s += eol
	}
	if r.IntN(5) == 0 {
		s = "\ufeff" + s
	}
	return s, gorootLine
}

// editPath over random PATH values: the new value is the old text with
// exactly one whole entry added, never re-joined or reordered.
func TestPropertyEditPathNeverLosesAnEntry(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		goos, sep := "linux", ":"
		if r.IntN(2) == 0 {
			goos, sep = "windows", ";"
		}
		var entries []string
		for n := r.IntN(10); n > 0; n-- {
			e := "/x/" + randomWord(r)
			if goos == "windows" {
				e = []string{`C:\`, `%USERPROFILE%\`, `"C:\a;b"\`, ``}[r.IntN(4)] + randomWord(r)
			}
			entries = append(entries, e)
		}
		old := strings.Join(entries, sep)
		dir := "/new/" + randomWord(r)
		prepend := r.IntN(2) == 0
		got, changed := editPath(old, dir, prepend, sep, goos)
		if !changed {
			if pathlist.Contains(pathlist.Split(old, goos), dir, goos) < 0 {
				t.Fatalf("%q + %q: unchanged though missing", old, dir)
			}
			continue
		}
		want := dir + sep + old
		if !prepend {
			want = old + sep + dir
			if strings.HasSuffix(old, sep) {
				want = old + dir
			}
		}
		if old == "" {
			want = dir
		}
		if got != want {
			t.Fatalf("editPath(%q, %q, prepend=%v) = %q, want %q", old, dir, prepend, got, want)
		}
	}
}
