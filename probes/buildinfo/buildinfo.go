// Package buildinfo is the build-info probe: it reads debug/buildinfo of every
// go on PATH, of gofmt next to the go that runs, and of every executable in
// the tool folders (GOBIN, GOPATH/bin, ~/go/bin), and says which of them
// cannot serve this workspace: tools built with an older Go (tool-stale),
// tools built for another platform (tool-wrong-platform) and go binaries
// that are not the go of their GOROOT (go-binary-outside-goroot).
package buildinfo

import (
	"context"
	"github.com/goroot-lens/goroot-lens/internal/pathlist"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// Options say what to scan and how to judge it. Every field is supplied by
// the caller (normally from the environment probe); nothing is looked up.
type Options struct {
	// GoCandidates are every go on PATH (absolute); the first is the one
	// that runs.
	GoCandidates []string
	// GoRunning is the go that runs and GoRunningGOROOT its `go env GOROOT`
	// ("" when unknown: go-binary-outside-goroot then only checks locations).
	GoRunning       string
	GoRunningGOROOT string
	// ToolDirs are GOBIN, the first GOPATH's bin and the default ~/go/bin;
	// duplicates (after Clean and EvalSymlinks) and missing folders are fine.
	ToolDirs []string
	// WorkspaceGo is the go.mod (or go.work) go line, e.g. "1.26" or "1.26.1";
	// "" when there is none.
	WorkspaceGo string
	// SelectedVersion is the toolchain the workspace selects, e.g. "go1.26.8".
	SelectedVersion string
	// HostGOOS and HostGOARCH are the platform that has to run the tools;
	// "" means runtime.GOOS/GOARCH. WSL says the host is Linux inside WSL.
	HostGOOS, HostGOARCH string
	WSL                  bool
	// Lang is the catalogue language of messages ("en" or "zh-CN").
	Lang string
	// Shell and LoginFile say where a PATH fix goes on Unix (the
	// environment probe's $SHELL and login file).
	Shell, LoginFile string
	// Concurrency bounds the files read at once; 0 means runtime.NumCPU().
	Concurrency int
}

// Kinds of Binary.
const (
	KindGo    = "go"
	KindGofmt = "gofmt"
	KindTool  = "tool"
)

// Binary is the build info of one Go program.
type Binary struct {
	// Path is where it was found (the PATH entry or tool folder, not
	// symlink-resolved); Name is its file name.
	Path string `json:"path"`
	Name string `json:"name"`
	// Kind is "go", "gofmt" or "tool". A cmd/go or cmd/gofmt found in a tool
	// folder (GOBIN = GOROOT/bin) gets the kind of what it is.
	Kind string `json:"kind"`
	// GoVersion is the Go that built it, e.g. "go1.22.12".
	GoVersion string `json:"goVersion"`
	// Package is the main package path (what go install takes), e.g.
	// golang.org/x/tools/gopls or honnef.co/go/tools/cmd/staticcheck;
	// "command-line-arguments" for programs built from a file list.
	Package string `json:"package"`
	// MainPath and MainVersion are the main module, e.g. honnef.co/go/tools
	// v0.6.1; MainVersion is "(devel)" for builds from a checkout.
	MainPath    string `json:"mainPath,omitempty"`
	MainVersion string `json:"mainVersion,omitempty"`
	// GOOS/GOARCH it was built for, and where that was read: "build
	// settings", or for Go before 1.18 "ELF header", "PE header" or "Mach-O
	// header".
	GOOS         string `json:"goos"`
	GOARCH       string `json:"goarch"`
	PlatformFrom string `json:"platformFrom,omitempty"`
	// Emulation names the layer that runs it on this host when it is not
	// native, e.g. "Rosetta 2" for darwin/amd64 on Apple silicon.
	Emulation  string `json:"emulation,omitempty"`
	Trimpath   bool   `json:"trimpath"`
	CGOEnabled string `json:"cgoEnabled,omitempty"`
}

// Result is what Scan found.
type Result struct {
	// Binaries are the Go programs: go candidates in PATH order, gofmt, then
	// the tools folder by folder in name order.
	Binaries []Binary `json:"binaries"`
	// Findings are sorted with findings.Sort.
	Findings []findings.Finding `json:"findings"`
	// Skipped counts what was looked at and is not a Go program: non-Go
	// files, scripts, folders, dangling symlinks, unreadable and
	// non-executable files.
	Skipped int `json:"skipped"`
}

// Scan reads the build info of every go candidate, gofmt and tool, and
// judges them. Files that are not Go programs are skipped quietly; the only
// error is the context's.
func Scan(ctx context.Context, o Options) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	targets, skipped := o.targets()
	infos := readAll(ctx, targets, o.Concurrency)
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	res := &Result{Binaries: []Binary{}, Skipped: skipped}
	for i, t := range targets {
		if infos[i] == nil {
			res.Skipped++
			continue
		}
		res.Binaries = append(res.Binaries, o.binary(t, infos[i]))
	}
	res.Findings = judge(o, res.Binaries)
	findings.Sort(res.Findings)
	return res, nil
}

// Prefetch reads the build info of the files o names into the cache that
// Scan uses, without judging anything: a caller that can guess the folders
// before it knows them for sure (check, while go env runs) makes the real
// Scan a matter of cache hits.
func Prefetch(ctx context.Context, o Options) {
	o = o.withDefaults()
	targets, _ := o.targets()
	readAll(ctx, targets, o.Concurrency)
}

// readAll reads the targets, at most concurrency at once, until ctx ends;
// a target not read is nil.
func readAll(ctx context.Context, targets []target, concurrency int) []*info {
	infos := make([]*info, len(targets))
	sem := make(chan struct{}, concurrency)
	var wg sync.WaitGroup
loop:
	for i, t := range targets {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			break loop
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if ctx.Err() == nil {
				infos[i] = read(t.resolved, t.kind == KindTool)
			}
		}()
	}
	wg.Wait()
	return infos
}

func (o Options) withDefaults() Options {
	if o.HostGOOS == "" {
		o.HostGOOS = runtime.GOOS
	}
	if o.HostGOARCH == "" {
		o.HostGOARCH = runtime.GOARCH
	}
	if o.Concurrency <= 0 {
		o.Concurrency = runtime.NumCPU()
	}
	return o
}

// exe is the executable suffix on the host.
func (o Options) exe() string {
	if o.HostGOOS == "windows" {
		return ".exe"
	}
	return ""
}

// target is one file to read.
type target struct {
	path     string // as found
	resolved string // symlinks resolved
	kind     string
}

// targets lists the files to read, each once (by resolved path): the go
// that runs and the other candidates, gofmt, then the tool folders. It also
// counts the folder entries that are skipped without reading (sub-folders,
// dangling symlinks), and go candidates that are dangling symlinks.
func (o Options) targets() (ts []target, skipped int) {
	seen := map[string]bool{}
	add := func(path, resolved, kind string) bool {
		if resolved == "" {
			var err error
			if resolved, err = filepath.EvalSymlinks(path); err != nil {
				return false
			}
		}
		key := pathKey(resolved)
		if !seen[key] {
			seen[key] = true
			ts = append(ts, target{path: path, resolved: resolved, kind: kind})
		}
		return true
	}
	gos := o.GoCandidates
	if o.GoRunning != "" {
		gos = append([]string{o.GoRunning}, gos...)
	}
	for _, p := range gos {
		if p == "" {
			continue
		}
		if !add(filepath.Clean(p), "", KindGo) {
			skipped++
		}
	}
	if o.GoRunningGOROOT != "" {
		add(filepath.Join(o.GoRunningGOROOT, "bin", "gofmt"+o.exe()), "", KindGofmt)
	}
	dirs := map[string]bool{}
	for _, d := range o.ToolDirs {
		if d == "" || !filepath.IsAbs(d) {
			continue
		}
		d = filepath.Clean(d)
		resolvedDir, err := filepath.EvalSymlinks(d)
		if err != nil || dirs[pathKey(resolvedDir)] {
			continue
		}
		dirs[pathKey(resolvedDir)] = true
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			// Only symlinks need resolving; a plain entry's resolved path
			// follows from its folder's.
			resolved := filepath.Join(resolvedDir, e.Name())
			if e.Type()&fs.ModeSymlink != 0 {
				resolved = ""
			}
			if e.IsDir() || !add(filepath.Join(d, e.Name()), resolved, KindTool) {
				skipped++
			}
		}
	}
	return ts, skipped
}

// pathKey compares paths with goroot-lens's one rule (pathlist.Key).
func pathKey(p string) string { return pathlist.Key(p, runtime.GOOS) }

func (o Options) binary(t target, inf *info) Binary {
	b := Binary{
		Path:         t.path,
		Name:         filepath.Base(t.path),
		Kind:         t.kind,
		GoVersion:    inf.goVersion,
		Package:      inf.pkg,
		MainPath:     inf.mainPath,
		MainVersion:  inf.mainVersion,
		GOOS:         inf.goos,
		GOARCH:       inf.goarch,
		PlatformFrom: inf.platformFrom,
		Trimpath:     inf.trimpath,
		CGOEnabled:   inf.cgoEnabled,
	}
	switch inf.pkg {
	case "cmd/go":
		b.Kind = KindGo
	case "cmd/gofmt":
		b.Kind = KindGofmt
	}
	_, b.Emulation = runsHere(b.GOOS, b.GOARCH, o.HostGOOS, o.HostGOARCH)
	return b
}
