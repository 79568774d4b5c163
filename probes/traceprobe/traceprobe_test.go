package traceprobe

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	xtrace "golang.org/x/exp/trace"

	"github.com/goroot-lens/goroot-lens/internal/gocmd"
	"github.com/goroot-lens/goroot-lens/internal/testgo"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

const testTimeout = 10 * time.Minute // cold builds of another release's std

// baseEnv is this process's environment without the variables the scenarios
// set themselves, and without the user's GOENV file.
func baseEnv(t testing.TB, set ...string) []string {
	t.Helper()
	env := without(os.Environ(), func(k string) bool {
		switch k {
		case "GOROOT", "GOFLAGS", "GOTOOLCHAIN", "GOWORK", "GOENV", "GODEBUG", "GOPROXY":
			return true
		}
		return strings.HasPrefix(k, "GOTOOLCHAIN_INTERNAL_")
	})
	env = append(env, "GOENV=off", "GOTOOLCHAIN=local")
	for _, kv := range set {
		k, v, _ := strings.Cut(kv, "=")
		env = setenv(env, k, v)
	}
	return env
}

// workspace returns a folder holding go.mod with the given lines.
func workspace(t testing.TB, lines string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/w\n\n"+lines+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func run(t *testing.T, o Options) *Verdict {
	t.Helper()
	if o.Timeout == 0 {
		o.Timeout = testTimeout
	}
	v, err := Run(context.Background(), o)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	assertChinese(t, v)
	if testing.Verbose() {
		b, _ := json.MarshalIndent(v, "", "  ")
		t.Logf("verdict: %s", b)
	}
	return v
}

func wantRow(t *testing.T, v *Verdict, name, want string) {
	t.Helper()
	got, ok := v.Row(name)
	if !ok {
		t.Errorf("no row %q", name)
	} else if got != want {
		t.Errorf("row %q = %q, want %q", name, got, want)
	}
}

func finding(v *Verdict, code findings.Code) (findings.Finding, bool) {
	for _, f := range v.Findings {
		if f.Code == code {
			return f, true
		}
	}
	return findings.Finding{}, false
}

func versionOf(t testing.TB, root string) string {
	t.Helper()
	v := readVersion(filepath.Join(root, "VERSION"))
	if strings.HasPrefix(v, "(missing") {
		t.Fatalf("%s has no VERSION", root)
	}
	return v
}

func TestVerifiedOnMachineGo(t *testing.T) {
	local, localVersion := testgo.Local(t), testgo.LocalVersion(t)
	var stages []string
	v := run(t, Options{
		Dir: workspace(t, "go 1.21"),
		Env: baseEnv(t),
		Progress: func(stage string, percent int, message string) {
			if len(stages) == 0 || stages[len(stages)-1] != stage {
				stages = append(stages, stage)
			}
		},
	})
	if v.Verdict != Verified {
		t.Fatalf("verdict %q (%s), want verified", v.Verdict, v.Error)
	}
	for _, r := range []string{RowGoEnvGOROOT, RowCompileGOROOT, RowLinkGOROOT, RowLinkerGOROOT, RowRuntimeGOROOT} {
		wantRow(t, v, r, local)
	}
	for _, r := range []string{RowGoVersion, RowVersionFile, RowRuntimeVersion, RowGoVersionFlag} {
		wantRow(t, v, r, localVersion)
	}
	wantRow(t, v, RowProbeEnvGOROOT, "(unset)")
	wantRow(t, v, RowStat, filepath.Join(local, "src", "runtime")+": dir")
	if got, want := strings.Join(stages, ","), "prepare,build,run,parse,done"; got != want {
		t.Errorf("stages %s, want %s", got, want)
	}
	if len(v.Findings) != 0 {
		t.Errorf("findings %+v, want none", v.Findings)
	}
	compile := filepath.Join(local, "pkg", "tool", runtime.GOOS+"_"+runtime.GOARCH, "compile")
	if runtime.GOOS == "windows" {
		compile += ".exe"
	}
	if len(v.BuildTools) == 0 || v.BuildTools[0] != (Tool{Name: "compile", Path: compile, GOROOT: local}) {
		t.Errorf("build tools %+v, want compile %s first", v.BuildTools, compile)
	}
	var logged, inittrace bool
	for _, e := range v.Events {
		if e.Category == "runtime.GOROOT" && e.Message == local && e.Task == "goroot-probe" && e.Region == "identity" {
			logged = true
		}
		inittrace = inittrace || e.Category == "inittrace"
	}
	if !logged || !inittrace {
		t.Errorf("events lack runtime.GOROOT in task/region (%v) or inittrace lines (%v)", logged, inittrace)
	}
	b, err := json.Marshal(v)
	if err != nil || !bytes.Contains(b, []byte(`"schemaVersion":1,"verdict":"verified"`)) {
		t.Errorf("JSON %.80s… (%v)", b, err)
	}
}

func TestMismatchWithOldGOROOT(t *testing.T) {
	old := testgo.Toolchain(t, testgo.Old, "", "")
	want := fmt.Sprintf("compile: version %q does not match go tool version %q", versionOf(t, old), testgo.LocalVersion(t))
	v := run(t, Options{Dir: workspace(t, "go 1.21"), Env: baseEnv(t, "GOROOT="+old)})
	if v.Verdict != Mismatch {
		t.Fatalf("verdict %q (%s), want mismatch", v.Verdict, v.Error)
	}
	if !strings.Contains(v.BuildError, want) {
		t.Errorf("build error %q lacks %q", v.BuildError, want)
	}
	wantRow(t, v, RowGoEnvGOROOT, old)
	wantRow(t, v, RowCompileGOROOT, old)
	wantRow(t, v, RowVersionFile, versionOf(t, old))
	f, ok := finding(v, findings.RuntimeGorootMismatch)
	if !ok {
		t.Fatalf("no %s finding in %+v", findings.RuntimeGorootMismatch, v.Findings)
	}
	if f.Severity != findings.Error || !strings.Contains(f.Message, want) || f.Evidence[0] != want {
		t.Errorf("finding %+v: want severity error quoting %q", f, want)
	}
	// Only the removal: GOROOT set to the running go's own tree would be
	// goroot-redundant.
	if len(f.Fixes) != 1 || f.Fixes[0].ID != "unset-session-goroot" || !f.Fixes[0].Preferred {
		t.Errorf("fixes %+v: want only unset GOROOT", f.Fixes)
	}
}

// switchScenario is a go1.22.12 install whose workspace asks for go1.25.5,
// which is in the module cache only.
func switchScenario(t *testing.T) (goBin, dir125 string, env []string) {
	old := testgo.Toolchain(t, testgo.Old, "", "")
	gomodcache := t.TempDir()
	t.Cleanup(func() { makeWritable(gomodcache) }) // runs before TempDir's removal
	// Fill the temporary module cache from this machine's one when it
	// holds the zip (no network), else through the configured proxy.
	// A switch verifies the toolchain module with the checksum database
	// (GONOSUMDB does not apply to it), so the machine's cached lookups and
	// tiles come along, as if go had filled this cache itself.
	machine := filepath.Join(strings.TrimSpace(goEnv(t, "GOMODCACHE")), "cache", "download")
	if _, err := os.Stat(filepath.Join(machine, "golang.org", "toolchain", "@v", "v0.0.1-go1.25.5."+runtime.GOOS+"-"+runtime.GOARCH+".zip")); err == nil {
		t.Setenv("GOPROXY", "file://"+filepath.ToSlash(machine))
		copyTree(t, filepath.Join(machine, "sumdb"), filepath.Join(gomodcache, "cache", "download", "sumdb"))
	}
	dir125 = testgo.ModCacheDir(t, gomodcache, "go1.25.5")
	goBin = filepath.Join(old, "bin", "go")
	env = baseEnv(t, "GOTOOLCHAIN=auto", "GOPROXY=off", "GOMODCACHE="+gomodcache)
	return goBin, dir125, env
}

func TestToolchainSwitchFromModuleCache(t *testing.T) {
	goBin, dir125, env := switchScenario(t)
	ws := workspace(t, "go 1.22\n\ntoolchain go1.25.5")
	v := run(t, Options{Dir: ws, Env: env, GoBin: goBin})
	if v.Verdict != Verified {
		t.Fatalf("verdict %q (%s), want verified", v.Verdict, v.Error)
	}
	for _, r := range []string{RowGoEnvGOROOT, RowCompileGOROOT, RowRuntimeGOROOT} {
		wantRow(t, v, r, dir125)
	}
	wantRow(t, v, RowRuntimeVersion, "go1.25.5")
	wantRow(t, v, RowLines, "go 1.22, toolchain go1.25.5")

	// A GOROOT in the user's environment is overridden for the switched go
	// but is what programs see: a note, not a mismatch.
	local := testgo.Local(t)
	v = run(t, Options{Dir: ws, Env: setenv(env, "GOROOT", local), GoBin: goBin})
	if v.Verdict != Verified {
		t.Fatalf("with GOROOT set: verdict %q (%s) %+v, want verified", v.Verdict, v.Error, v.Findings)
	}
	wantRow(t, v, RowCompileGOROOT, dir125)
	wantRow(t, v, RowRuntimeGOROOT, local)
	noted := false
	for _, e := range v.Events {
		noted = noted || e.Category == "note" && strings.Contains(e.Message, dir125)
	}
	if !noted {
		t.Errorf("no note about GOROOT=%s in the environment", local)
	}

	// Options.Toolchain forces the version, here below the machine's go.
	v = run(t, Options{Dir: workspace(t, "go 1.21"), Env: env, Toolchain: "go1.25.5"})
	if v.Verdict != Verified {
		t.Fatalf("with Toolchain: verdict %q (%s), want verified", v.Verdict, v.Error)
	}
	wantRow(t, v, RowCompileGOROOT, dir125)
	wantRow(t, v, RowGoCommand, filepath.Join(local, "bin", "go"))
}

func TestTraceParsingAcrossReleases(t *testing.T) {
	old := testgo.Toolchain(t, testgo.Old, "", "")
	for _, tc := range []struct {
		name, goBin, root, header, goLine string
	}{
		// go 1.16: the probe's source must compile at the oldest language
		// version a workspace may copy into its go.mod.
		{"go1.22", filepath.Join(old, "bin", "go"), old, "go 1.22 trace", "go 1.16"},
		{"local", "", testgo.Local(t), "go 1." + strings.Split(testgo.LocalVersion(t), ".")[1] + " trace", "go 1.21"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			keep := filepath.Join(t.TempDir(), "probe.trace")
			v := run(t, Options{Dir: workspace(t, tc.goLine), Env: baseEnv(t), GoBin: tc.goBin, KeepTrace: keep})
			if v.Verdict != Verified {
				t.Fatalf("verdict %q (%s), want verified", v.Verdict, v.Error)
			}
			data, err := os.ReadFile(keep)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(data, []byte(tc.header)) {
				t.Errorf("trace header %q, want %q", data[:min(len(data), 16)], tc.header)
			}
			wantRow(t, v, RowRuntimeGOROOT, tc.root)
			wantRow(t, v, RowRuntimeVersion, versionOf(t, tc.root))
			regions := map[string]bool{}
			for _, tm := range v.Timings {
				if tm.Duration <= 0 {
					t.Errorf("timing %+v is not positive", tm)
				}
				regions[tm.Kind+" "+tm.Name] = true
			}
			for _, want := range []string{"task goroot-probe", "region identity", "region lookpath", "region stat"} {
				if !regions[want] {
					t.Errorf("no timing %q in %+v", want, v.Timings)
				}
			}
		})
	}
}

func TestKeepTraceReadsBack(t *testing.T) {
	keep := filepath.Join(t.TempDir(), "kept.trace")
	v := run(t, Options{Dir: workspace(t, "go 1.21"), Env: baseEnv(t), KeepTrace: keep})
	if v.TraceFile != keep {
		t.Fatalf("TraceFile %q, want %q (%s)", v.TraceFile, keep, v.Error)
	}
	f, err := os.Open(keep)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := xtrace.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		ev, err := r.ReadEvent()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if ev.Kind() == xtrace.EventLog && ev.Log().Category == "runtime.GOROOT" {
			got = append(got, ev.Log().Message)
		}
	}
	if want := testgo.Local(t); len(got) != 1 || got[0] != want {
		t.Errorf("runtime.GOROOT logs %q, want [%q]", got, want)
	}
}

func TestCancelMidBuildLeavesNothing(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("finds leftover processes through /proc")
	}
	tmpdir := filepath.Join(t.TempDir(), "tmp")
	if err := os.Mkdir(tmpdir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", tmpdir) // where Run makes its temporary folder
	env := baseEnv(t, "GOCACHE="+filepath.Join(t.TempDir(), "cold-cache"), "TMPDIR="+tmpdir)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var during []string
	v, err := Run(ctx, Options{Dir: workspace(t, "go 1.21"), Env: env, Timeout: testTimeout,
		Progress: func(stage string, percent int, message string) {
			// Each compile line of -x comes just before that compile
			// starts: cancel as soon as one is seen running.
			if stage != StageBuild || !strings.HasPrefix(message, "compile ") || ctx.Err() != nil {
				return
			}
			procs := processesUnder(t, tmpdir)
			if strings.Contains(strings.Join(procs, "\n"), "/pkg/tool/") {
				during = procs
				cancel()
			}
		}})
	if !errors.Is(err, context.Canceled) || v == nil || v.Verdict != Failed {
		t.Fatalf("Run = %+v, %v; want a failed verdict and context.Canceled", v, err)
	}
	if len(during) == 0 {
		t.Fatal("the build ended before a compile process was seen running")
	}
	t.Logf("running when cancelled:\n%s", strings.Join(during, "\n"))
	if left := processesUnder(t, tmpdir); len(left) > 0 {
		t.Errorf("processes left after Run returned:\n%s\n(running at cancel: %d)", strings.Join(left, "\n"), len(during))
	}
	if entries, err := os.ReadDir(tmpdir); err != nil || len(entries) != 0 {
		t.Errorf("TMPDIR holds %v (%v), want nothing", entries, err)
	}
}

// processesUnder lists live processes whose command line or working folder
// mentions dir (zombies have neither and are not running).
func processesUnder(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		pid := e.Name()
		if pid[0] < '0' || pid[0] > '9' || pid == fmt.Sprint(os.Getpid()) {
			continue
		}
		stat, err := os.ReadFile("/proc/" + pid + "/stat")
		if err != nil {
			continue
		}
		if f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:])); len(f) == 0 || f[0] == "Z" {
			continue
		}
		cmdline, _ := os.ReadFile("/proc/" + pid + "/cmdline")
		cwd, _ := os.Readlink("/proc/" + pid + "/cwd")
		if strings.Contains(string(cmdline), dir) || strings.HasPrefix(cwd, dir) {
			out = append(out, pid+" "+strings.ReplaceAll(string(cmdline), "\x00", " "))
		}
	}
	return out
}

func TestNoDownloadWithoutPermission(t *testing.T) {
	var requests atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		http.NotFound(w, r)
	}))
	defer proxy.Close()
	gomodcache := t.TempDir()
	env := baseEnv(t, "GOTOOLCHAIN=auto", "GOPROXY="+proxy.URL, "GOSUMDB=off", "GOMODCACHE="+gomodcache)
	ws := workspace(t, "go 1.99")

	v := run(t, Options{Dir: ws, Env: env})
	if v.Verdict != Failed {
		t.Fatalf("verdict %q, want failed", v.Verdict)
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("the proxy got %d requests, want none", n)
	}
	for _, want := range []string{"go1.99.0", "not allowed", "GOPROXY=off"} {
		if !strings.Contains(v.Error, want) {
			t.Errorf("error %q lacks %q", v.Error, want)
		}
	}
	if _, ok := finding(v, findings.ToolchainUnavailable); !ok {
		t.Errorf("no %s finding in %+v", findings.ToolchainUnavailable, v.Findings)
	}
	if matches, _ := filepath.Glob(filepath.Join(gomodcache, "golang.org", "toolchain*")); len(matches) > 0 {
		t.Errorf("module cache holds %v", matches)
	}

	// The control: allowed, the same run asks the proxy.
	v = run(t, Options{Dir: ws, Env: env, AllowDownload: true})
	if v.Verdict != Failed || requests.Load() == 0 {
		t.Errorf("with AllowDownload: verdict %q, %d proxy requests; want failed after asking the proxy", v.Verdict, requests.Load())
	}
}

func goEnv(t testing.TB, name string) string {
	t.Helper()
	out, _, err := (&prober{goBin: "go"}).goCmd(context.Background(), t.TempDir(), os.Environ(), gocmd.Set("local"), "env", name)
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return string(out)
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// makeWritable undoes the module cache's read-only folders so that the test's
// temporary folder can be removed by a user other than root.
func makeWritable(dir string) {
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
}
