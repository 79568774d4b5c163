// Package check is the verdict behind `goroot-lens check` and the sidecar's
// diagnostics: the environment probe, then the build-info probe fed with
// what the environment probe found.
package check

import (
	"context"
	"os"
	"path/filepath"

	"github.com/goroot-lens/goroot-lens/internal/gocmd"
	"github.com/goroot-lens/goroot-lens/probes/buildinfo"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
	"github.com/goroot-lens/goroot-lens/probes/traceprobe"
)

// Report is a Snapshot plus the build info of go and the tools.
type Report struct {
	*envprobe.Snapshot
	Binaries []buildinfo.Binary `json:"binaries"`
	// Trace is the "Verify GOROOT" verdict when one was asked for.
	Trace *traceprobe.Verdict `json:"trace,omitempty"`
}

// AddTrace runs the trace probe and merges its findings.
func (r *Report) AddTrace(ctx context.Context, eo envprobe.Options, to TraceOptions) error {
	v, err := Verify(ctx, r.Snapshot, eo, to)
	if v == nil {
		return err
	}
	r.Trace = v
	r.Findings = append(r.Findings, v.Findings...)
	findings.Sort(r.Findings)
	return nil
}

// Run probes the environment of opts.Dir, then the build info of every go
// and tool, and merges their findings.
func Run(ctx context.Context, opts envprobe.Options) (*Report, error) {
	// The build info of the files the scan will most likely read is read
	// while the environment probe waits for go env; the scan below then
	// hits the cache, and only reads what the guess missed.
	prefetched := make(chan struct{})
	go func() {
		defer close(prefetched)
		buildinfo.Prefetch(ctx, guessBuildInfoOptions(opts))
	}()
	snap, err := envprobe.Run(ctx, opts)
	<-prefetched
	if err != nil {
		return nil, err
	}
	r := &Report{Snapshot: snap, Binaries: []buildinfo.Binary{}}
	res, err := buildinfo.Scan(ctx, BuildInfoOptions(snap, opts.Lang))
	if err != nil {
		return r, err
	}
	r.Binaries = res.Binaries
	snap.Findings = append(snap.Findings, res.Findings...)
	findings.Sort(snap.Findings)
	return r, nil
}

// BuildInfoOptions tells the build-info probe what the environment probe
// found: the go binaries, the tool folders and the workspace's Go version.
func BuildInfoOptions(s *envprobe.Snapshot, lang string) buildinfo.Options {
	o := buildinfo.Options{
		GoRunning: s.Toolchain.Go, GoRunningGOROOT: s.GoEnv["GOROOT"],
		SelectedVersion: s.Toolchain.Selected, HostGOOS: s.GOOS, HostGOARCH: s.GOARCH, WSL: s.WSL, Lang: lang,
		Shell: s.Shell, LoginFile: s.LoginFile,
	}
	for _, c := range s.Candidates {
		o.GoCandidates = append(o.GoCandidates, c.Path)
		if c.Wins && s.Toolchain.GOROOTSourceKind != envprobe.SourceExecutable {
			// GOROOT is set explicitly: the environment probe judges that
			// (goroot-env-mismatch, goroot-bin-not-on-path…); here only the
			// binary's own tree matters, else one cause is reported twice.
			o.GoRunningGOROOT = c.GOROOT
		}
	}
	if d := s.GoEnv["GOBIN"]; d != "" {
		o.ToolDirs = append(o.ToolDirs, d)
	}
	if gp := s.GoEnv["GOPATH"]; gp != "" {
		o.ToolDirs = append(o.ToolDirs, filepath.Join(filepath.SplitList(gp)[0], "bin"))
	}
	if s.Home != "" {
		o.ToolDirs = append(o.ToolDirs, filepath.Join(s.Home, "go", "bin"))
	}
	for _, m := range s.Modules {
		if m.Governs {
			o.WorkspaceGo = m.Go
		}
	}
	return o
}

// guessBuildInfoOptions are the files BuildInfoOptions will most likely
// name, from the environment alone: every go on PATH, $GOBIN, the first
// GOPATH entry's bin and ~/go/bin. A wrong guess costs a wasted read, never
// a wrong verdict: Scan itself reads what the snapshot names.
func guessBuildInfoOptions(opts envprobe.Options) buildinfo.Options {
	env := opts.Env
	if env == nil {
		env = os.Environ()
	}
	o := buildinfo.Options{GoCandidates: envprobe.GoCommandsOnPath(env)}
	o.ToolDirs = append(o.ToolDirs, gocmd.Getenv(env, "GOBIN"))
	if gp := filepath.SplitList(gocmd.Getenv(env, "GOPATH")); len(gp) > 0 && gp[0] != "" {
		o.ToolDirs = append(o.ToolDirs, filepath.Join(gp[0], "bin"))
	}
	if home := envprobe.Home(env); home != "" {
		o.ToolDirs = append(o.ToolDirs, filepath.Join(home, "go", "bin"))
	}
	return o
}
