package traceprobe

import (
	"bytes"
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/goroot-lens/goroot-lens/internal/boundedfile"

	"github.com/goroot-lens/goroot-lens/internal/gocmd"
	"github.com/goroot-lens/goroot-lens/internal/procgroup"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

//go:embed probesrc/main.go.txt
var probeSource []byte

// buildFlags replace the user's GOFLAGS for the build (see the package doc).
const buildFlags = "-trimpath=false -buildvcs=false"

// Run builds and runs the probe for o.Dir and returns the verdict. Problems
// of the Go environment are a verdict (Failed or Mismatch), not an error; the
// error is for an unusable Dir and for ctx being cancelled, in which case the
// partial verdict says Failed. Every process Run starts is gone and every
// temporary file removed when it returns.
func Run(ctx context.Context, o Options) (*Verdict, error) {
	dir := o.Dir
	if dir == "" {
		dir = "."
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(dir); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	p := &prober{o: o, lang: o.lang(), dir: dir, v: &Verdict{
		SchemaVersion: SchemaVersion,
		Rows:          []Row{},
		Events:        []Event{},
		Timings:       []Timing{},
		BuildTools:    []Tool{},
		Findings:      []findings.Finding{},
		Overrides:     []string{},
		Stages:        []Stage{},
	}}
	runCtx, cancel := context.WithTimeout(ctx, o.timeout())
	defer cancel()
	p.run(runCtx)
	p.endStage()
	if err := ctx.Err(); err != nil {
		p.v.Verdict, p.v.Error = Failed, "cancelled: "+err.Error()
		return p.v, err
	}
	if p.v.Verdict == "" {
		p.judge()
	}
	findings.Sort(p.v.Findings)
	p.progress(StageDone, 100, p.v.Verdict)
	return p.v, nil
}

type prober struct {
	o     Options
	lang  string
	dir   string
	v     *Verdict
	uenv  []string
	goBin string
	// Filled as the run goes on.
	file       string // go.work or go.mod whose lines were copied
	goEnvRoot  string
	goVersion  string
	build      *buildLog
	probe      *probeLog
	stage      string
	stageStart time.Time
}

func (p *prober) progress(stage string, percent int, message string) {
	if stage != p.stage {
		p.endStage()
		p.stage, p.stageStart = stage, time.Now()
	}
	if p.o.Progress != nil {
		p.o.Progress(stage, percent, message)
	}
}

func (p *prober) endStage() {
	if p.stage != "" && p.stage != StageDone {
		p.v.Stages = append(p.v.Stages, Stage{Name: p.stage, Duration: time.Since(p.stageStart)})
	}
	p.stage = ""
}

func (p *prober) fail(msg string, fs ...findings.Finding) {
	p.v.Verdict, p.v.Error = Failed, msg
	p.v.Findings = append(p.v.Findings, fs...)
}

func (p *prober) run(ctx context.Context) {
	p.progress(StagePrepare, 0, "looking for go")
	p.uenv = userEnv(p.o)
	p.goBin, p.v.Rows = p.o.GoBin, append(p.v.Rows, p.configured()...)
	source := "the go the environment probe found first on PATH"
	if p.goBin == "" {
		p.goBin, source = lookGo(p.uenv), "first go on the PATH of the environment"
	}
	if p.goBin == "" {
		f := findings.New(p.lang, findings.GoNotFound, nil)
		f.Fixes = append(f.Fixes, findings.Fix{ID: "install-go", Kind: findings.FixCommand,
			Title: findings.Text(p.lang, "fix.install-go", nil), Preferred: true})
		p.fail(f.Message, f)
		return
	}
	p.v.addRow(RowGoCommand, p.goBin, source)

	tmp, err := os.MkdirTemp("", "goroot-lens-trace-")
	if err != nil {
		p.fail("creating a temporary folder: " + err.Error())
		return
	}
	defer os.RemoveAll(tmp)
	modDir, workDir := filepath.Join(tmp, "mod"), filepath.Join(tmp, "work")
	exe, traceFile := filepath.Join(tmp, "probe"), filepath.Join(tmp, "probe.trace")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	if !p.writeModule(ctx, modDir, workDir) {
		return
	}
	env := p.buildEnv(workDir)

	p.progress(StageBuild, 10, "go build -x")
	type goEnvResult struct {
		out    []byte
		errOut string
		err    error
	}
	goEnvDone := make(chan goEnvResult, 1)
	go func() {
		out, errOut, err := p.goCmd(ctx, modDir, env, gocmd.Keep, "env", "GOROOT", "GOVERSION")
		goEnvDone <- goEnvResult{out, errOut, err}
	}()
	buildErr := p.runBuild(ctx, modDir, exe, env)
	ge := <-goEnvDone
	p.recordGoEnv(ge.out, ge.errOut, ge.err)
	p.recordBuild()
	if buildErr != nil {
		p.buildFailed(ctx, buildErr)
		return
	}

	p.progress(StageRun, 60, "running the probe")
	// The probe program is ours, but its environment is the user's
	// (GODEBUG, a hostile LD_PRELOAD…): its output is bounded too.
	stdout, stderr := gocmd.NewCapped(gocmd.DefaultMaxStdout), gocmd.NewCapped(gocmd.DefaultMaxStderr)
	cmd := exec.CommandContext(ctx, exe, traceFile)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = p.dir, addGODEBUG(p.uenv, "inittrace=1"), stdout, stderr
	cmd.WaitDelay = 5 * time.Second
	afterWait := procgroup.Own(cmd)
	err = cmd.Run()
	afterWait()
	if err != nil {
		p.failRun(ctx, "the probe program failed: "+err.Error()+": "+lastLines(stderr.String(), 5))
		return
	}

	p.progress(StageParse, 80, "reading the trace")
	data, err := os.ReadFile(traceFile)
	if err == nil {
		p.probe, err = parseTrace(bytes.NewReader(data))
	}
	if err != nil {
		p.fail("reading the probe's trace: " + err.Error())
		return
	}
	if p.o.KeepTrace != "" {
		if err := os.WriteFile(p.o.KeepTrace, data, 0o644); err != nil {
			p.v.Error = "keeping the trace: " + err.Error()
		} else {
			p.v.TraceFile = p.o.KeepTrace
		}
	}
	p.v.Events = append(p.v.Events, p.probe.events...)
	p.v.Events = append(p.v.Events, parseInittrace(stderr.Bytes())...)
	p.v.Timings = append(p.v.Timings, p.probe.timings...)
	p.recordProbe()
}

// configured returns the caller's rows, or the GOROOT of the environment.
func (p *prober) configured() []Row {
	if len(p.o.Configured) > 0 {
		return p.o.Configured
	}
	v := getenv(p.uenv, "GOROOT")
	if v == "" {
		v = "(unset)"
	}
	return []Row{{Name: "GOROOT", Value: v, Source: "environment given to the probe"}}
}

// writeModule writes the temporary module: go.mod with the workspace's go and
// toolchain lines, the probe's source and a fresh nonce, so that the main
// package is compiled on every run and -x shows the compiler that ran.
func (p *prober) writeModule(ctx context.Context, modDir, workDir string) bool {
	goLine, toolchainLine := "1.20", ""
	if p.o.Toolchain == "" {
		var ok bool
		if goLine, toolchainLine, ok = p.workspaceLines(ctx); !ok {
			return false
		}
	}
	mod := "// Written by goroot-lens: the go and toolchain lines of the workspace,\n" +
		"// so that the go command selects the same toolchain.\n" +
		"module gorootlensprobe\n\ngo " + goLine + "\n"
	if toolchainLine != "" {
		mod += "\ntoolchain " + toolchainLine + "\n"
	}
	nonce := make([]byte, 8)
	_, _ = rand.Read(nonce)
	files := map[string][]byte{
		"go.mod":   []byte(mod),
		"main.go":  probeSource,
		"nonce.go": []byte("package main\n\nconst nonce = \"" + hex.EncodeToString(nonce) + "\"\n"),
	}
	for _, d := range []string{modDir, workDir} {
		if err := os.Mkdir(d, 0o755); err != nil {
			p.fail("writing the probe module: " + err.Error())
			return false
		}
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(modDir, name), data, 0o644); err != nil {
			p.fail("writing the probe module: " + err.Error())
			return false
		}
	}
	return true
}

// workspaceLines asks the local go command which file it reads in the
// workspace (GOTOOLCHAIN=local: the files Select reads are the ones the local
// go finds, and go1.22 would switch even for go env GOMOD) and returns that
// file's go and toolchain lines. With neither file, go 1.20 never upgrades a
// toolchain, just as no file does not.
func (p *prober) workspaceLines(ctx context.Context) (goLine, toolchainLine string, ok bool) {
	goLine = "1.20"
	var out []byte
	if work, ok := p.o.GoEnv["GOWORK"]; ok && p.o.GoEnv["GOMOD"] != "" {
		// The environment probe's go env -json ran the same go in the same
		// folder and environment with GOTOOLCHAIN=local: no second run.
		out = []byte(work + "\n" + p.o.GoEnv["GOMOD"] + "\n")
	} else {
		o, errOut, err := p.goCmd(ctx, p.dir, p.uenv, gocmd.Set("local"), "env", "GOWORK", "GOMOD")
		if err != nil {
			p.goFailed(ctx, "env GOWORK GOMOD", errOut, err)
			return "", "", false
		}
		out = o
	}
	for _, f := range strings.Split(string(out), "\n") {
		if f = strings.TrimSpace(f); f != "" && f != "off" && f != os.DevNull {
			p.file = f
			break
		}
	}
	if p.file == "" {
		p.v.addRow(RowLines, "(none)", "no go.work or go.mod applies to "+p.dir)
		return goLine, "", true
	}
	data, err := boundedfile.Read(p.file, boundedfile.SmallFile)
	if err != nil {
		p.fail("reading " + p.file + ": " + err.Error())
		return "", "", false
	}
	for _, l := range strings.Split(string(data), "\n") {
		l, _, _ = strings.Cut(l, "//")
		f := strings.Fields(l)
		switch {
		case len(f) == 2 && f[0] == "go":
			goLine = f[1]
		case len(f) == 2 && f[0] == "toolchain":
			toolchainLine = f[1]
		}
	}
	value := "go " + goLine
	if toolchainLine != "" {
		value += ", toolchain " + toolchainLine
	}
	p.v.addRow(RowLines, value, p.file+" (copied into the probe's go.mod)")
	return goLine, toolchainLine, true
}

// buildEnv is the user's environment with the changes the package doc lists.
func (p *prober) buildEnv(workDir string) []string {
	env := p.uenv
	set := func(key, value, why string) {
		if old := getenv(env, key); old != "" && old != value {
			why += "; was " + old
		}
		env = setenv(env, key, value)
		p.v.Overrides = append(p.v.Overrides, key+"="+value+" ("+why+")")
	}
	for _, kv := range p.o.env() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(strings.ToUpper(k), "GOTOOLCHAIN_INTERNAL_") {
			p.v.Overrides = append(p.v.Overrides, k+" removed (internal to one go process)")
		}
	}
	set("GOFLAGS", buildFlags, "the probe must not be trimmed; workspace flags do not apply")
	set("GOWORK", "off", "the workspace's lines are in the probe's go.mod")
	set("GOOS", runtime.GOOS, "the probe runs here")
	set("GOARCH", runtime.GOARCH, "the probe runs here")
	set("GOTMPDIR", workDir, "a killed build leaves nothing behind")
	if !p.o.AllowDownload {
		set("GOPROXY", "off", "no downloads: a toolchain must be on PATH or in the module cache")
	}
	if p.o.Toolchain != "" {
		set("GOTOOLCHAIN", p.o.Toolchain, "the toolchain the caller asked for")
	}
	env = addGODEBUG(env, "toolchaintrace=1")
	p.v.Overrides = append(p.v.Overrides, "GODEBUG+=toolchaintrace=1 (the go command reports its choice)")
	return env
}

// goCmd runs a short go command and returns stdout and stderr. toolchain is
// GOTOOLCHAIN: local for questions about the go on PATH, the user's own
// where the go command's choice is what we want to see. GOFLAGS is env's:
// the user's, or buildFlags in the build environment.
func (p *prober) goCmd(ctx context.Context, dir string, env []string, toolchain gocmd.Choice, args ...string) ([]byte, string, error) {
	res := gocmd.Run(ctx, gocmd.Cmd{Go: p.goBin, Dir: dir, Env: env, Args: args, Toolchain: toolchain, Flags: gocmd.Keep})
	return res.Stdout, res.Stderr, res.Err
}

// runBuild runs go build -x, reading its output as it comes for progress.
// GOTOOLCHAIN is the user's (env): the go command makes its own choice,
// which is what Verify proves.
func (p *prober) runBuild(ctx context.Context, modDir, exe string, env []string) error {
	p.build = &buildLog{}
	res := gocmd.Run(ctx, gocmd.Cmd{Go: p.goBin, Dir: modDir, Env: env, Args: []string{"build", "-x", "-o", exe, "."},
		Toolchain: gocmd.Keep, Flags: gocmd.Set(buildFlags), MaxStdout: 1 << 20,
		OnLine: func(l string) {
			if msg := p.build.line(l); msg != "" {
				n := p.build.compiles
				p.progress(StageBuild, 10+49*n/(n+10), msg)
			}
		}})
	return res.Err
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// timedOut says whether ctx ended by its own deadline (the caller's ctx is
// checked by Run).
func timedOut(ctx context.Context) bool {
	return errors.Is(ctx.Err(), context.DeadlineExceeded)
}

func (p *prober) failRun(ctx context.Context, msg string) {
	if timedOut(ctx) {
		msg = fmt.Sprintf("timed out after %s while %s", p.o.timeout(), p.stage)
	}
	p.fail(msg)
}
