package envprobe

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// goVariables are the variables whose sources the snapshot reports.
var goVariables = []string{
	"GOROOT", "GOPATH", "GOBIN", "GOTOOLCHAIN", "GOFLAGS", "GOENV", "GOMODCACHE",
	"GOPROXY", "GOSUMDB", "GOPRIVATE", "GO111MODULE", "GOWORK", "GOOS", "GOARCH", "CGO_ENABLED",
}

// goEnvNames are the variables go env is asked for. Naming them matters:
// a bare `go env` also computes the costly ones (CGO_CFLAGS, GOGCCFLAGS …,
// cmd/go/internal/envcmd needCostly), which runs the C compiler and doubles
// its time; goroot-lens reads none of them. A name an older go does not
// know comes back empty.
var goEnvNames = append(append([]string(nil), goVariables...),
	"GOVERSION", "GOMOD", "GOEXE", "GOHOSTOS", "GOHOSTARCH", "GOCACHE",
	"GOINSECURE", "GONOPROXY", "GONOSUMDB")

// goEnvArgs are the arguments of the one go env the probe runs.
func goEnvArgs() []string { return append([]string{"env", "-json"}, goEnvNames...) }

func isGoVariable(name string) bool {
	for _, v := range goVariables {
		if strings.EqualFold(v, name) {
			return true
		}
	}
	return false
}

// probe holds what Run gathered; the checks read it and add findings.
type probe struct {
	opts          Options
	lang          string
	goos, goarch  string
	env           environ
	dir           string
	path          []pathEntry
	cands         []Candidate
	winner        *Candidate
	goEnv         map[string]string
	goEnvRun      *goResult
	userFile      envFile
	userFileByEnv bool
	rootFile      envFile
	mods          []ModuleFile
	sel           selection
	where         toolchainWhere // of sel.Selected, when it switches
	root          rootChoice
	persisted     persistedEnv
	freshJudged   bool // the GOROOT a new process gets was judged as in effect
	provisional   bool // go env's output came from the cache
	wsl           bool
	trees         map[string]goTree // inspected roots, see tree
	skipped       []skippedGo       // what a PATH lookup of go passes over
	out           []findings.Finding
}

// rootChoice is the GOROOT the go that runs uses, and why.
type rootChoice struct {
	Value  string
	Kind   SourceKind
	Source string
	// Explicit is true when a variable set it (environment or GOENV file).
	Explicit bool
	Location *findings.Location
}

// Run probes opts.Dir and returns the verdict. An error means the probe itself
// could not work (the folder does not exist); everything wrong with the Go
// environment is a finding instead.
func Run(ctx context.Context, opts Options) (*Snapshot, error) {
	start := time.Now()
	dir := opts.Dir
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("workspace: %w", err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("workspace %s is not a folder", abs)
	}
	// Stat of an entry needs search permission, which go needs to run there.
	if _, err := os.Stat(filepath.Join(abs, "go.mod")); errors.Is(err, fs.ErrPermission) {
		return nil, fmt.Errorf("workspace %s cannot be entered: %w", abs, fs.ErrPermission)
	}
	p := &probe{
		opts: opts, lang: opts.Lang, goos: hostGOOS, goarch: hostGOARCH,
		env: newEnviron(opts.env(), hostGOOS), dir: abs,
	}
	if p.lang == "" {
		p.lang = findings.LangEnglish
	}
	p.gather(ctx)
	p.check()
	return p.snapshot(time.Since(start)), ctx.Err()
}

func (p *probe) gather(ctx context.Context) {
	// go env is the one slow step (tens of milliseconds of the go command's
	// own start-up): it starts as soon as the go to run, the GOENV file and
	// the GOROOT are known, and everything else is read while it runs.
	if first, ok := firstGo(splitPath(p.env.Get("PATH"), p.goos), p.goos); ok {
		p.winner = &first
	}
	p.userFile.Path, p.userFileByEnv = p.env.goenvFile(p.goos)
	p.userFile = readEnvFile(p.userFile.Path)
	p.root = p.chooseRoot()
	if p.root.Value != "" {
		p.rootFile = readEnvFile(filepath.Join(p.root.Value, "go.env"))
	}
	// Where the go.work and go.mod are is part of the cache key (a few
	// stats); parsing them waits until go env runs.
	modPaths := governingPaths(p.dir, p.env, findUp)
	waitGoEnv := p.startGoEnv(ctx, modPaths)
	// Reaped even if reading the rest panics (the server recovers from
	// that): a started go is never left behind as a zombie.
	defer waitGoEnv()
	p.mods = parseModules(modPaths, func(path string) (ModuleFile, bool) { return parseModuleFile(path, p.opts.Overlay) })
	p.wsl = detectWSL(p.env, p.goos)
	p.persisted = readPersisted(p)
	p.path = p.scopedPath()
	p.cands, p.skipped = findCandidates(p.path, p.goos, p.goarch)
	if len(p.cands) > 0 {
		p.winner = &p.cands[0] // the same go, now with its PATH scope
	}
	if p.root.Kind == SourceProcessEnv {
		p.root.Source = p.describeProcessVar("GOROOT") // needs the persisted places
	}
	// The Go trees the checks inspect (VERSION, bin/go, the compiler's build
	// info), inspected now rather than after go env.
	for _, root := range append([]string{p.root.Value}, candidateRoots(p.cands)...) {
		if root != "" {
			p.tree(root)
		}
	}

	r := waitGoEnv()
	p.goEnvRun, p.goEnv = r.run, r.vars
	if r := p.goEnv["GOROOT"]; r != "" && r != p.root.Value {
		// The go command knows best; keep our reason but its value.
		if p.root.Kind == SourceDefault {
			// The go on PATH is no go binary (a wrapper script or a
			// version manager's shim): the go it runs found the root.
			p.root.Kind = SourceGoCommand
			p.root.Source = "go env GOROOT through " + p.winner.Path + ", which is not itself a go binary"
		}
		p.root.Value = r
		p.rootFile = readEnvFile(filepath.Join(r, "go.env"))
	}
	var governing *ModuleFile
	if len(p.mods) > 0 {
		governing = &p.mods[0]
	}
	local := ""
	if p.winner != nil {
		local = p.winner.Version
		if local == "" {
			local = p.goEnv["GOVERSION"]
		}
	}
	setting, _ := p.effective("GOTOOLCHAIN")
	p.sel = selectToolchain(setting.Value, local, governing)
	if p.sel.Switches() {
		p.where = p.locateSelected()
	}
}

func candidateRoots(cs []Candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.GOROOT)
	}
	return out
}

// goEnvEnviron is the environment go env runs with: the probed one, with
// GOTOOLCHAIN=local and without the switch bookkeeping of a parent go.
func (p *probe) goEnvEnviron() []string {
	return p.env.with(map[string]string{"GOTOOLCHAIN": "local"},
		"GOTOOLCHAIN_INTERNAL_SWITCH_VERSION", "GOTOOLCHAIN_INTERNAL_SWITCH_COUNT")
}

// goEnvResult is what go env said: run is nil when go env was not run,
// vars nil when it failed.
type goEnvResult struct {
	run  *goResult
	vars map[string]string
}

// startGoEnv starts `go env -json` of the go that wins PATH in the
// workspace, with goEnvEnviron (GOTOOLCHAIN=local, so that it can never
// switch or download), or takes its kept output, and returns what waits for
// the result (once; later calls return the same). go env runs while the
// rest of gather reads everything else; it sees only what gather set before
// starting it. modPaths are the go.work/go.mod it will find.
func (p *probe) startGoEnv(ctx context.Context, modPaths []string) (wait func() goEnvResult) {
	now := func(r goEnvResult) func() goEnvResult { return func() goEnvResult { return r } }
	if p.winner == nil {
		return now(goEnvResult{})
	}
	if p.goEnvBlocker() != "" {
		return now(goEnvResult{}) // it would never finish: checkUnreadable says why
	}
	goBin, env, key := p.winner.Path, p.goEnvEnviron(), ""
	// A wrapper or a shim (a go with no tree of its own): the go it runs is
	// not known here, so its output is never cached.
	if p.opts.GoEnvCache != "" && p.winner.GOROOT != "" {
		key = p.goEnvKey(goBin, env, modPaths)
	}
	if r, ok := p.cachedGoEnvResult(key); ok && p.opts.PreferCache {
		p.provisional = true
		return now(r)
	}
	running := startGo(ctx, goBin, p.dir, env, p.opts.timeout(), goEnvArgs()...)
	return sync.OnceValue(func() goEnvResult {
		r := goEnvResultOf(running.Wait())
		p.keepGoEnvResult(key, r)
		return r
	})
}

// goEnvResultOf parses go env -json's output.
func goEnvResultOf(res goResult) goEnvResult {
	if res.Err != nil {
		return goEnvResult{run: &res}
	}
	var m map[string]string
	if err := json.Unmarshal(res.Stdout, &m); err != nil {
		res.Err = fmt.Errorf("unparsable output: %v", err)
		return goEnvResult{run: &res}
	}
	return goEnvResult{run: &res, vars: m}
}

// chooseRoot mirrors cmd/go's findGOROOT: the OS environment, else the GOENV
// file, else the location of the go executable.
func (p *probe) chooseRoot() rootChoice {
	if v := p.env.Get("GOROOT"); v != "" {
		return rootChoice{Value: filepath.Clean(v), Kind: SourceProcessEnv, Explicit: true,
			Source: p.describeProcessVar("GOROOT")}
	}
	if e, ok := p.userFile.Lookup("GOROOT"); ok && e.Value != "" {
		loc := &findings.Location{File: p.userFile.Path, Line: e.Line}
		return rootChoice{Value: filepath.Clean(e.Value), Kind: SourceGoenvFile, Explicit: true,
			Source: "GOENV file " + loc.String(), Location: loc}
	}
	if p.winner != nil && p.winner.GOROOT != "" {
		return rootChoice{Value: p.winner.GOROOT, Kind: SourceExecutable,
			Source: "executable location: " + p.winner.Path + " lives in " + filepath.Join(p.winner.GOROOT, "bin")}
	}
	if p.winner != nil {
		// go env below replaces this when the go it runs answers.
		return rootChoice{Kind: SourceDefault, Source: "unknown: " + p.winner.Path + " is not a go binary, and go env reported no GOROOT"}
	}
	return rootChoice{Kind: SourceDefault, Source: "none: no go on PATH and GOROOT unset"}
}

// describeProcessVar says where a process variable most likely came from:
// the persistent place that defines the same value, else "process environment".
func (p *probe) describeProcessVar(name string) string {
	v := p.env.Get(name)
	for _, pv := range p.persisted.userFirst(name) {
		if pv.Value == v {
			return "process environment (as set by " + pv.Source + ")"
		}
	}
	return "process environment"
}

// effectiveValue is a variable as the go command resolves it.
type effectiveValue struct {
	Value    string
	Kind     SourceKind
	Source   string
	Location *findings.Location
}

// effective resolves name with cmd/go's precedence: non-empty OS environment,
// then the GOENV file, then $GOROOT/go.env.
func (p *probe) effective(name string) (effectiveValue, bool) {
	if v := p.env.Get(name); v != "" {
		return effectiveValue{Value: v, Kind: SourceProcessEnv, Source: p.describeProcessVar(name)}, true
	}
	if e, ok := p.userFile.Lookup(name); ok {
		loc := &findings.Location{File: p.userFile.Path, Line: e.Line}
		return effectiveValue{Value: e.Value, Kind: SourceGoenvFile, Source: "GOENV file " + loc.String(), Location: loc}, true
	}
	if e, ok := p.rootFile.Lookup(name); ok {
		loc := &findings.Location{File: p.rootFile.Path, Line: e.Line}
		return effectiveValue{Value: e.Value, Kind: SourceGorootGoEnv, Source: "$GOROOT/go.env " + loc.String(), Location: loc}, true
	}
	return effectiveValue{Kind: SourceDefault, Source: "default"}, false
}
