// Package hostile runs the goroot-lens binary against hostile machines:
// special files where Go reads files, garbage, floods, hangs, loops, huge
// inputs, odd paths and unreadable folders. Every case asserts a clear finding
// or error, the exit code, no crash, no hang, and not one byte changed in HOME
// or the workspace. The cases are in cases_test.go.
package hostile

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goroot-lens/goroot-lens/internal/procgroup"
)

// hangLimit is how long one goroot-lens run may take before it counts as a hang.
const hangLimit = 20 * time.Second

var (
	lensBin   string // goroot-lens, built once by TestMain
	realRoot  string // GOROOT of this machine's go
	realCache string // its GOCACHE, outside every test HOME
	setupErr  error
)

func TestMain(m *testing.M) {
	if runtime.GOOS != "windows" {
		tmp, err := os.MkdirTemp("", "hostile-bin-")
		if err == nil {
			defer os.RemoveAll(tmp)
			setupErr = prepare(tmp)
		} else {
			setupErr = err
		}
	}
	code := m.Run()
	os.Exit(code)
}

func prepare(tmp string) error {
	out, err := exec.Command("go", "env", "GOROOT", "GOCACHE").Output()
	if err != nil {
		return fmt.Errorf("go env: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		return fmt.Errorf("go env GOROOT GOCACHE: %q", out)
	}
	realRoot, realCache = lines[0], lines[1]
	lensBin = filepath.Join(tmp, "goroot-lens")
	build := exec.Command("go", "build", "-o", lensBin, "github.com/goroot-lens/goroot-lens/cmd/goroot-lens")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	return nil
}

// machine is one case's world: a fresh HOME, a workspace, an explicit
// environment (nothing inherited from the developer) and the command line.
type machine struct {
	t         *testing.T
	root      string // holds everything below; removed after the case
	home, ws  string
	env       map[string]string
	args      []string // goroot-lens arguments; nil: check --json WS
	cwd       string   // working folder of goroot-lens; "": ws
	asNobody  bool     // run as uid 65534 (root cannot be denied a read)
	extraSnap []string // more folders that must not change
}

func newMachine(t *testing.T) *machine {
	root, err := os.MkdirTemp("", "hostile-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(root, 0o755)
	t.Cleanup(func() {
		// Give back permissions a case took away, then remove.
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if d != nil && d.IsDir() && d.Type()&fs.ModeSymlink == 0 {
				os.Chmod(p, 0o755)
			}
			return nil
		})
		os.RemoveAll(root)
	})
	m := &machine{t: t, root: root, home: filepath.Join(root, "home"), ws: filepath.Join(root, "ws")}
	m.mkdir(m.ws)
	m.write(filepath.Join(m.ws, "go.mod"), "module example.com/ws\n\ngo 1.22\n")
	// Telemetry off, as internal/testgo.QuietHome does: otherwise the go
	// command writes counters into HOME from a detached child.
	m.write(filepath.Join(m.home, ".config", "go", "telemetry", "mode"), "off")
	m.env = map[string]string{
		"HOME":            m.home,
		"XDG_CONFIG_HOME": filepath.Join(m.home, ".config"),
		"XDG_STATE_HOME":  filepath.Join(m.home, ".local", "state"),
		"XDG_CACHE_HOME":  filepath.Join(m.home, ".cache"),
		"XDG_DATA_HOME":   filepath.Join(m.home, ".local", "share"),
		"GOPATH":          filepath.Join(m.home, "go"),
		"GOMODCACHE":      filepath.Join(m.home, "go", "pkg", "mod"),
		"GOCACHE":         realCache, // not HOME's: a warm cache keeps trace fast
		"GOPROXY":         "off",     // nothing may reach the network
		"TMPDIR":          m.mkdir(filepath.Join(root, "tmp")),
		"PATH":            filepath.Join(realRoot, "bin") + ":/usr/bin:/bin",
		"SHELL":           "/bin/bash",
		"LANG":            "C.UTF-8",
		"NO_COLOR":        "1",
	}
	return m
}

func (m *machine) mkdir(p string) string {
	if err := os.MkdirAll(p, 0o755); err != nil {
		m.t.Fatal(err)
	}
	return p
}

func (m *machine) write(p, content string) string {
	m.mkdir(filepath.Dir(p))
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		m.t.Fatal(err)
	}
	return p
}

func (m *machine) symlink(target, p string) string {
	m.mkdir(filepath.Dir(p))
	if err := os.Symlink(target, p); err != nil {
		m.t.Fatal(err)
	}
	return p
}

func (m *machine) fifo(p string) string {
	m.mkdir(filepath.Dir(p))
	if out, err := exec.Command("mkfifo", p).CombinedOutput(); err != nil {
		m.t.Skipf("mkfifo: %v %s", err, out)
	}
	return p
}

// fakeGo puts an executable shell script named go first on PATH. Only for
// faults a real go cannot be made to show (hang, garbage, flood, exit 1);
// the scripts never touch the network.
func (m *machine) fakeGo(script string) string {
	p := m.write(filepath.Join(m.root, "fakebin", "go"), "#!/bin/sh\n"+script+"\n")
	os.Chmod(p, 0o755)
	m.env["PATH"] = filepath.Dir(p) + ":" + m.env["PATH"]
	return p
}

// copyTree makes a Go tree of the real one out of symlinks, so a case may
// change one file of it (VERSION, go.env) without touching the real tree.
func (m *machine) copyTree(dst string) string {
	entries, err := os.ReadDir(realRoot)
	if err != nil {
		m.t.Fatal(err)
	}
	m.mkdir(dst)
	for _, e := range entries {
		m.symlink(filepath.Join(realRoot, e.Name()), filepath.Join(dst, e.Name()))
	}
	return dst
}

func (m *machine) environ() []string {
	var out []string
	for k, v := range m.env {
		out = append(out, k+"="+v)
	}
	slices.Sort(out)
	return out
}

// result is one run of goroot-lens.
type result struct {
	args           []string
	stdout, stderr string
	code           int
	took           time.Duration
}

func (r result) String() string {
	out := clip(r.stdout)
	var rep report
	if json.Unmarshal([]byte(r.stdout), &rep) == nil && rep.Findings != nil {
		out = rep.summary() // the findings, not the whole JSON
	}
	return fmt.Sprintf("goroot-lens %s: exit %d after %s\nstdout:\n%s\nstderr:\n%s",
		strings.Join(r.args, " "), r.code, r.took.Round(time.Millisecond), out, clip(r.stderr))
}

func clip(s string) string {
	if len(s) > 3000 {
		return s[:3000] + fmt.Sprintf("\n… (%d bytes in all)", len(s))
	}
	return s
}

// run runs goroot-lens with args and fails the case on a hang or a crash.
func (m *machine) run(args ...string) result {
	m.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hangLimit)
	defer cancel()
	name, argv := lensBin, args
	if m.asNobody {
		name, argv = "setpriv", append([]string{"--reuid=65534", "--regid=65534", "--clear-groups", "--", lensBin}, args...)
	}
	cmd := exec.CommandContext(ctx, name, argv...)
	cmd.Env = m.environ()
	cmd.Dir = m.cwd
	if cmd.Dir == "" {
		cmd.Dir = m.ws
	}
	cmd.Stdin = nil
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	cmd.WaitDelay = 2 * time.Second
	afterWait := procgroup.Own(cmd)
	start := time.Now()
	err := cmd.Run()
	afterWait()
	r := result{args: args, stdout: so.String(), stderr: se.String(), took: time.Since(start)}
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		m.t.Fatalf("HANG: goroot-lens %s did not finish within %s\n%s", strings.Join(args, " "), hangLimit, r)
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	case err != nil:
		m.t.Fatalf("goroot-lens %s: %v", strings.Join(args, " "), err)
	}
	for _, crash := range []string{"panic:", "fatal error:", "goroutine "} {
		if strings.Contains(r.stderr, crash) || strings.Contains(r.stdout, crash) {
			m.t.Fatalf("CRASH (%q in the output)\n%s", crash, r)
		}
	}
	return r
}

// report is the part of check --json the cases look at.
type report struct {
	Findings []struct {
		Code     string            `json:"code"`
		Severity string            `json:"severity"`
		Message  string            `json:"message"`
		Evidence []string          `json:"evidence"`
		Args     map[string]string `json:"args"`
	} `json:"findings"`
}

func (r report) codes() []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.Code)
	}
	return out
}

func (r report) summary() string {
	var b strings.Builder
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "  %s (%s): %s\n", f.Code, f.Severity, f.Message)
		for _, e := range f.Evidence {
			fmt.Fprintf(&b, "      %s\n", e)
		}
	}
	return b.String()
}

// fileState is what the snapshot keeps of one path.
type fileState struct {
	mode fs.FileMode
	size int64
	sum  string // sha256 of a regular file
	link string // target of a symlink
}

// snapshot records every path under roots without following symlinks and
// without opening anything but regular files (a FIFO would block).
func snapshot(t *testing.T, roots ...string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				out[p] = fileState{sum: "error: " + err.Error()}
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				out[p] = fileState{sum: "error: " + err.Error()}
				return nil
			}
			st := fileState{mode: fi.Mode()}
			switch {
			case fi.Mode().IsRegular():
				st.size = fi.Size()
				if b, err := os.ReadFile(p); err == nil {
					h := sha256.Sum256(b)
					st.sum = hex.EncodeToString(h[:])
				} else {
					st.sum = "unreadable"
				}
			case fi.Mode()&fs.ModeSymlink != 0:
				st.link, _ = os.Readlink(p)
			}
			out[p] = st
			return nil
		})
	}
	return out
}

func diffSnapshots(before, after map[string]fileState) []string {
	var diffs []string
	for p, b := range before {
		if a, ok := after[p]; !ok {
			diffs = append(diffs, "removed: "+p)
		} else if a != b {
			diffs = append(diffs, fmt.Sprintf("changed: %s: %+v -> %+v", p, b, a))
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			diffs = append(diffs, "created: "+p)
		}
	}
	slices.Sort(diffs)
	return diffs
}

// hostileCase is one hostile machine and what goroot-lens must say about it.
type hostileCase struct {
	name  string
	setup func(m *machine)
	exit  int      // expected exit status of the (first) command
	codes []string // finding codes check --json must report
	says  []string // substrings of stdout+stderr
	never []string // substrings that must not appear
	// within, when set, is a hard bound on the run time of the command.
	within time.Duration
	// also runs trace --json and fix --dry-run in the same setup.
	also bool
	// check, when set, runs more assertions on the machine after the runs.
	check func(t *testing.T, m *machine, r result)
}

func (c hostileCase) run(t *testing.T) {
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	m := newMachine(t)
	c.setup(m)
	roots := append([]string{m.home, m.ws}, m.extraSnap...)
	before := snapshot(t, roots...)
	args := m.args
	if args == nil {
		args = []string{"check", "--json", m.ws}
	}
	r := m.run(args...)
	t.Logf("exit %d in %s", r.code, r.took.Round(time.Millisecond))
	if r.code != c.exit {
		t.Errorf("exit %d, want %d\n%s", r.code, c.exit, r)
	}
	if c.within > 0 && r.took > c.within {
		t.Errorf("took %s, more than %s\n%s", r.took, c.within, r)
	}
	if len(args) > 1 && args[0] == "check" && slices.Contains(args, "--json") && r.code != 2 {
		var rep report
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Errorf("check --json output is not JSON: %v\n%s", err, r)
		}
		got := rep.codes()
		t.Logf("findings: %v", got)
		for _, want := range c.codes {
			if !slices.Contains(got, want) {
				t.Errorf("finding %s missing; got %v\n%s", want, got, r)
			}
		}
	} else if len(c.codes) > 0 {
		t.Fatalf("case error: codes asserted on a run that is not check --json")
	}
	all := r.stdout + r.stderr
	for _, s := range c.says {
		if !strings.Contains(all, s) {
			t.Errorf("output does not say %q\n%s", s, r)
		}
	}
	for _, s := range c.never {
		if strings.Contains(all, s) {
			t.Errorf("output says %q\n%s", s, r)
		}
	}
	if c.also {
		for _, extra := range [][]string{{"trace", "--json", m.ws}, {"fix", "--dry-run", "--dir", m.ws}} {
			rr := m.run(extra...)
			t.Logf("%s: exit %d in %s", extra[0], rr.code, rr.took.Round(time.Millisecond))
			if rr.code != 0 && rr.code != 1 && !(extra[0] == "fix" && rr.code == 2) {
				t.Errorf("%s: exit %d\n%s", extra[0], rr.code, rr)
			}
		}
	}
	if c.check != nil {
		c.check(t, m, r)
	}
	if diffs := diffSnapshots(before, snapshot(t, roots...)); len(diffs) > 0 {
		t.Errorf("goroot-lens changed HOME or the workspace:\n%s", strings.Join(diffs, "\n"))
	}
}

func TestHostile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the hostile machines are Unix ones (FIFOs, /dev/zero, shell scripts as go)")
	}
	for _, c := range cases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.run(t)
		})
	}
}
