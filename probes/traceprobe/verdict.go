package traceprobe

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goroot-lens/goroot-lens/internal/boundedfile"

	"github.com/goroot-lens/goroot-lens/fix/recipe"
	"github.com/goroot-lens/goroot-lens/internal/gocmd"
	"github.com/goroot-lens/goroot-lens/internal/gover"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

const buildArgs = "build -x -o probe ."

// recordGoEnv adds the rows of `go env GOROOT GOVERSION`, run in the probe's
// module with the build's environment (so after the same toolchain switch).
func (p *prober) recordGoEnv(out []byte, errOut string, err error) {
	const src = "go env in the probe's module, same environment and toolchain selection as the build"
	if err != nil {
		p.v.addRow(RowGoEnvGOROOT, "(failed)", src+": "+firstLine(errOut, err))
		return
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) >= 1 {
		p.goEnvRoot = strings.TrimSpace(lines[0])
	}
	if len(lines) >= 2 {
		p.goVersion = strings.TrimSpace(lines[1])
	}
	p.v.addRow(RowGoEnvGOROOT, p.goEnvRoot, src)
	p.v.addRow(RowGoVersion, p.goVersion, src)
	if p.goEnvRoot != "" {
		vf := filepath.Join(p.goEnvRoot, "VERSION")
		p.v.addRow(RowVersionFile, readVersion(vf), vf+" (line 1)")
	}
}

// readVersion returns line 1 of a VERSION file, or "(missing: …)".
func readVersion(path string) string {
	b, err := boundedfile.Read(path, boundedfile.SmallFile)
	if err != nil {
		return "(missing: " + err.Error() + ")"
	}
	first, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimSpace(first)
}

func (p *prober) recordBuild() {
	b := p.build
	p.v.BuildTools = append(p.v.BuildTools, b.tools...)
	for _, name := range []string{"compile", "link"} {
		row := RowCompileGOROOT
		if name == "link" {
			row = RowLinkGOROOT
		}
		if t, ok := b.tool(name); ok {
			p.v.addRow(row, t.GOROOT, "go build -x ran "+t.Path)
		}
	}
	if b.linkerGOROOTSet {
		p.v.addRow(RowLinkerGOROOT, b.linkerGOROOT, "go build -x: GOROOT= on the link command (becomes the probe's default runtime.GOROOT())")
	}
	if b.goVersion != "" {
		p.v.addRow(RowGoVersionFlag, b.goVersion, "go build -x: -goversion the go command gave the compiler (its own version)")
	}
	for _, t := range b.trace {
		p.v.Events = append(p.v.Events, Event{Category: "toolchaintrace", Message: t})
	}
}

// buildFailed sorts a failed build into Mismatch (the error is about GOROOT)
// and Failed (anything else).
func (p *prober) buildFailed(ctx context.Context, err error) {
	b := p.build
	p.v.BuildError = strings.Join(b.errs, "\n")
	if p.v.BuildError == "" {
		p.v.BuildError = err.Error()
	}
	if timedOut(ctx) {
		f := findings.New(p.lang, findings.GoCommandFailed, map[string]string{
			"variant": "timeout", "go": p.goBin, "args": buildArgs, "timeout": p.o.timeout().String()})
		p.fail(f.Message, f)
		return
	}
	if ctx.Err() != nil {
		p.fail("cancelled")
		return
	}
	if p.gorootError(b.errs) {
		return
	}
	if p.toolchainError(ctx, b.errs) {
		return
	}
	p.goFailed(ctx, buildArgs, p.v.BuildError, err)
}

// goFailed reports a go command that failed for a reason other than GOROOT.
func (p *prober) goFailed(ctx context.Context, args, errOut string, err error) {
	lines := strings.Split(errOut, "\n")
	if timedOut(ctx) {
		f := findings.New(p.lang, findings.GoCommandFailed, map[string]string{
			"variant": "timeout", "go": p.goBin, "args": args, "timeout": p.o.timeout().String()})
		p.fail(f.Message, f)
		return
	}
	if ctx.Err() != nil {
		p.fail("cancelled")
		return
	}
	if p.gorootError(lines) || p.toolchainError(ctx, lines) {
		return
	}
	f := findings.New(p.lang, findings.GoCommandFailed, map[string]string{
		"go": p.goBin, "args": args, "reason": firstLine(errOut, err)})
	f.Evidence = append(f.Evidence, lines...)
	p.fail(f.Message, f)
}

// gorootError recognises the errors of a GOROOT that does not belong to the
// go command that runs, and reports them as a mismatch.
func (p *prober) gorootError(lines []string) bool {
	if line, m := firstMatch(reVersionMismatch, lines); m != nil {
		root := p.goEnvRoot
		if t, ok := p.build.tool("compile"); ok {
			root = t.GOROOT
		}
		f := findings.New(p.lang, findings.RuntimeGorootMismatch, map[string]string{
			"variant": "build", "goroot": root, "rootVersion": m[1], "goVersion": m[2], "error": line})
		f.Evidence = append(f.Evidence, line)
		if root != "" {
			f.Evidencef("%s: %s", filepath.Join(root, "VERSION"), readVersion(filepath.Join(root, "VERSION")))
		}
		f.Evidencef("the go command that ran: %s (%s)", p.goBin, m[2])
		p.mismatch(f)
		return true
	}
	for _, re := range []matched{
		lineMatch(reNotInStd, lines, "is not a Go tree"),
		lineMatch(reNoGOROOT, lines, "does not exist"),
	} {
		if re.m == nil {
			continue
		}
		root := p.goEnvRoot
		if root == "" {
			root = getenv(p.uenv, "GOROOT")
		}
		f := findings.New(p.lang, findings.RuntimeGorootMismatch, map[string]string{
			"detail": fmt.Sprintf("the go command %s uses GOROOT %s, which %s", p.goBin, root, re.what)})
		f.Evidence = append(f.Evidence, re.line)
		p.mismatch(f)
		return true
	}
	return false
}

type matched struct {
	line string
	m    []string
	what string
}

func lineMatch(re func() *regexp.Regexp, lines []string, what string) matched {
	line, m := firstMatch(re, lines)
	return matched{line, m, what}
}

// toolchainError recognises a toolchain that cannot be had without a
// download (or at all) and reports it as Failed with toolchain-unavailable.
func (p *prober) toolchainError(ctx context.Context, lines []string) bool {
	file := p.file
	if file == "" {
		file = "GOTOOLCHAIN"
	}
	var needed, local, gotoolchain, why, line string
	if l, m := firstMatch(reDownload, lines); m != nil {
		line, needed = l, m[1]
		if p.o.AllowDownload {
			why = "allows a download, which failed: " + m[3]
		} else {
			why = "would download it, which goroot-lens was not allowed to do (GOPROXY=off; allow downloads with --allow-download)"
		}
	} else if l, m := firstMatch(rePathOnly, lines); m != nil {
		line, needed = l, m[1]
		why = "looks only on PATH, and it is not there"
	} else if l, m := firstMatch(reTooNew, lines); m != nil {
		// "requires go >= 1.26" quotes the go line: the toolchain is go1.26.0.
		line, needed, local, gotoolchain = l, gover.FromGoLine(m[1]), "go"+m[2], m[3]
		why = "does not allow a switch"
	} else {
		return false
	}
	if f, ok := p.knownToolchainFinding(line); ok {
		p.fail(f.Message+" go said: "+line, f)
		return true
	}
	if gotoolchain == "" {
		env := p.uenv // go env GOTOOLCHAIN never switches; GOPROXY=off in case
		if !p.o.AllowDownload {
			env = setenv(env, "GOPROXY", "off")
		}
		out, _, _ := p.goCmd(ctx, p.dir, env, gocmd.Keep, "env", "GOTOOLCHAIN")
		gotoolchain = strings.TrimSpace(string(out))
	}
	if local == "" {
		out, _, _ := p.goCmd(ctx, p.dir, p.uenv, gocmd.Set("local"), "env", "GOVERSION")
		local = strings.TrimSpace(string(out))
	}
	args := map[string]string{"file": file, "needed": needed, "running": local, "why": why}
	if local == "" || local == needed {
		args["variant"] = "blocked"
	}
	f := findings.New(p.lang, findings.ToolchainUnavailable, args)
	f.Evidence = append(f.Evidence, line)
	if out, _, err := p.goCmd(ctx, p.dir, p.uenv, gocmd.Set("local"), "env", "GOMODCACHE"); err == nil {
		dir := filepath.Join(strings.TrimSpace(string(out)), "golang.org",
			"toolchain@v0.0.1-"+needed+"."+runtime.GOOS+"-"+runtime.GOARCH)
		f.Evidencef("not in the module cache: %s", dir)
	}
	if !p.o.AllowDownload {
		f.Evidencef("with GOPROXY=off the go command reports %q even for a release that exists", "toolchain not available")
		// The user's GOPROXY: off there means the default proxy of go.env
		// must be named for this one fetch.
		rc := recipe.Context{Lang: p.lang, GOOS: runtime.GOOS, Shell: p.shell()}
		proxy := ""
		if p.userProxy(ctx) == "off" {
			proxy = p.o.DefaultGOPROXY
		}
		f.Fixes = append(f.Fixes, rc.FetchToolchain("fetch-toolchain", findings.Text(p.lang, "fix.fetch-once", map[string]string{"version": needed}),
			needed, proxy))
	}
	p.fail(f.Message+" go said: "+line, f)
	return true
}

// shell is the user's login shell for fix commands: the environment
// probe's (which asks the user database when $SHELL is unset).
func (p *prober) shell() string {
	if p.o.Shell != "" {
		return p.o.Shell
	}
	return getenv(p.uenv, "SHELL")
}

// userProxy is the user's effective GOPROXY (environment, GOENV file,
// $GOROOT/go.env), from the environment probe's go env when it ran.
func (p *prober) userProxy(ctx context.Context) string {
	if v, ok := p.o.GoEnv["GOPROXY"]; ok {
		return v
	}
	out, _, err := p.goCmd(ctx, p.dir, p.uenv, gocmd.Set("local"), "env", "GOPROXY")
	if err != nil {
		return getenv(p.uenv, "GOPROXY")
	}
	return strings.TrimSpace(string(out))
}

// knownToolchainFinding is the environment probe's finding for the cause
// the build just confirmed, with the go command's line as evidence.
func (p *prober) knownToolchainFinding(line string) (findings.Finding, bool) {
	if len(p.o.Toolchains) == 0 {
		return findings.Finding{}, false
	}
	f := p.o.Toolchains[0]
	f.Evidence = append([]string(nil), f.Evidence...)
	if !slices.ContainsFunc(f.Evidence, func(e string) bool { return strings.HasSuffix(e, line) }) {
		f.Evidence = append(f.Evidence, line)
	}
	return f, true
}

func (p *prober) mismatch(f findings.Finding) {
	f.Fixes = append(f.Fixes, p.gorootFixes()...)
	p.v.Verdict = Mismatch
	p.v.Findings = append(p.v.Findings, f)
}

// gorootFixes remove a wrong GOROOT (the go command finds its own tree).
// The removal comes from the environment probe when it ran (one fix per
// place that sets GOROOT, as `check` shows them).
func (p *prober) gorootFixes() []findings.Fix {
	rc := recipe.Context{Lang: p.lang, GOOS: runtime.GOOS, Shell: p.shell(), LoginFile: p.o.LoginFile}
	own := rootOfGo(p.goBin)
	fixes := append([]findings.Fix(nil), p.o.UnsetGOROOT...)
	if len(fixes) == 0 {
		if getenv(p.uenv, "GOROOT") != "" {
			fixes = rc.UnsetFixes("GOROOT", nil, true, nil, own)
		} else {
			fixes = []findings.Fix{rc.GoenvUnset("GOROOT", nil, own)}
			fixes[0].Preferred = true
		}
	}
	// No "set GOROOT to the tree of the go that runs": the go command
	// finds that tree by itself, so check would call it goroot-redundant.
	return fixes
}

// recordProbe adds the rows of what the probe logged.
func (p *prober) recordProbe() {
	l := p.probe
	envRoot, _ := l.value("os.Getenv(GOROOT)")
	envSet, _ := l.value("os.LookupEnv(GOROOT).set")
	rt, _ := l.value("runtime.GOROOT")
	if envSet == "true" {
		p.v.addRow(RowRuntimeGOROOT, rt, "probe trace: runtime.GOROOT() = the GOROOT variable of the probe process")
	} else {
		p.v.addRow(RowRuntimeGOROOT, rt, "probe trace: runtime.GOROOT() = the root the linker embedded (GOROOT unset)")
	}
	if envSet != "true" {
		envRoot = "(unset)"
	}
	p.v.addRow(RowProbeEnvGOROOT, envRoot, "probe trace: the user's environment, as every program started by the user sees it")
	if v, ok := l.value("runtime.Version"); ok {
		p.v.addRow(RowRuntimeVersion, v, "probe trace: the runtime the toolchain linked in")
	}
	if v, ok := l.value("os.Executable"); ok {
		p.v.addRow(RowExecutable, v, "probe trace")
	}
	if v, ok := l.value("exec.LookPath(go)"); ok {
		src := "probe trace: the go a program finds on the user's PATH"
		if ns, err := strconv.ParseInt(l.values["exec.LookPath(go).ns"], 10, 64); err == nil {
			src += fmt.Sprintf(", in %s", time.Duration(ns))
		}
		p.v.addRow(RowLookPath, v, src)
	}
	for _, s := range l.stats {
		parts := strings.SplitN(s, "\t", 3)
		if len(parts) == 3 {
			p.v.addRow(RowStat, parts[1]+": "+parts[2], "probe trace: stat under "+parts[0]+"()")
		}
	}
}

// judge compares the rows of a probe that built and ran.
func (p *prober) judge() {
	if p.probe == nil {
		p.fail("the probe did not run")
		return
	}
	var details []string
	compile, hasCompile := p.build.tool("compile")
	link, hasLink := p.build.tool("link")
	if hasCompile && p.goEnvRoot != "" && !sameDir(compile.GOROOT, p.goEnvRoot) {
		details = append(details, fmt.Sprintf("the compiler ran from %s, but go env GOROOT is %s", compile.GOROOT, p.goEnvRoot))
	}
	if hasCompile && hasLink && !sameDir(compile.GOROOT, link.GOROOT) {
		details = append(details, fmt.Sprintf("the compiler ran from %s, the linker from %s", compile.GOROOT, link.GOROOT))
	}
	rtVersion := baseVersion(p.probe.values["runtime.Version"])
	if vf, ok := p.v.Row(RowVersionFile); ok && !strings.HasPrefix(vf, "(missing") {
		if p.goVersion != "" && baseVersion(p.goVersion) != vf {
			details = append(details, fmt.Sprintf("%s/VERSION says %s, but the go command is %s", p.goEnvRoot, vf, p.goVersion))
		}
		if rtVersion != "" && rtVersion != vf {
			details = append(details, fmt.Sprintf("%s/VERSION says %s, but the probe's runtime.Version() is %s", p.goEnvRoot, vf, rtVersion))
		}
	}
	if p.goVersion != "" && rtVersion != "" && baseVersion(p.goVersion) != rtVersion {
		details = append(details, fmt.Sprintf("the go command is %s, but it built a program with runtime %s", p.goVersion, rtVersion))
	}
	rt := p.probe.values["runtime.GOROOT"]
	if p.probe.values["os.LookupEnv(GOROOT).set"] != "true" {
		embedded := p.build.linkerGOROOT
		if !p.build.linkerGOROOTSet && hasLink {
			embedded = link.GOROOT
		}
		if embedded != "" && !sameDir(rt, embedded) {
			details = append(details, fmt.Sprintf("with GOROOT unset the probe's runtime.GOROOT() is %q, but it was linked with GOROOT %s", rt, embedded))
		}
	} else if p.goEnvRoot != "" && !sameDir(rt, p.goEnvRoot) {
		p.v.Events = append(p.v.Events, Event{Category: "note", Message: fmt.Sprintf(
			"programs see GOROOT=%s from the environment, while the go command uses %s (a toolchain switch sets GOROOT only for the switched go and its children); programs that call runtime.GOROOT() look in %s", rt, p.goEnvRoot, rt)})
	}
	if len(details) == 0 {
		p.v.Verdict = Verified
		return
	}
	f := findings.New(p.lang, findings.RuntimeGorootMismatch, map[string]string{"detail": strings.Join(details, "; ")})
	f.Evidence = append(f.Evidence, details...)
	p.mismatch(f)
}

// baseVersion drops the " X:experiment" suffix of runtime.Version().
func baseVersion(v string) string {
	f := strings.Fields(v)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// firstLine returns the first line of s that is an error, not one of the go
// command's informational lines; err when there is none.
func firstLine(s string, err error) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !isInfo(l) {
			return l
		}
	}
	return err.Error()
}
