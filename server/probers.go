package server

import (
	"context"
	"fmt"

	"github.com/goroot-lens/goroot-lens/internal/report"

	"github.com/goroot-lens/goroot-lens/probes/check"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// Probers are the engines the server drives. Tests inject fakes; nil fields
// mean the real engines (New wires them).
type Probers struct {
	// Probe is the environment probe of one folder. A snapshot returned with
	// an error is partial and still shown; the error is logged.
	Probe func(ctx context.Context, req Request) (*envprobe.Snapshot, error)
	// Verify is the "Verify GOROOT" trace probe of one folder; progress may
	// be called from any goroutine.
	Verify func(ctx context.Context, req Request, progress Progress) (*Verification, error)
}

// Request is what an engine needs to know about one folder.
type Request struct {
	// Folder is the filesystem path probed: a module's folder, or the
	// workspace folder when it holds no go.mod or go.work.
	Folder string
	// Settings are the editor settings in envprobe's form: "go.goroot",
	// "go.alternateTools" and "go.toolsEnvVars" (JSON objects as text).
	Settings map[string]string
	// SettingsFile is the workspace folder's .vscode/settings.json when it
	// sets one of those keys, so findings can point at the key.
	SettingsFile string
	Lang         string   // catalogue language: "en" or "zh-CN"
	Env          []string // nil means os.Environ()
	// Overlay is the unsaved text of the open go.mod and go.work files.
	Overlay envprobe.Overlay
	// AllowDownload lets Verify download the selected toolchain
	// (gorootLens.verify.allowDownload).
	AllowDownload bool
	// Running is the editor's own environment when Env is another one
	// (after a fix: what a new process gets).
	Running []string
	// GoEnvCache and PreferCache: see envprobe.Options. A snapshot made
	// from the cache is Provisional and confirmed by a run without it.
	GoEnvCache  string
	PreferCache bool

	settingsRoot string // the workspace folder whose settings file to find
}

// resolveSettingsFile finds SettingsFile; it reads a file, so callers hold
// no lock.
func (r *Request) resolveSettingsFile() {
	if r.settingsRoot != "" {
		r.SettingsFile = settingsFile(r.settingsRoot)
		r.settingsRoot = ""
	}
}

func (r Request) options() envprobe.Options {
	return envprobe.Options{Dir: r.Folder, Env: r.Env, Settings: r.Settings, SettingsFile: r.SettingsFile, Lang: r.Lang, Overlay: r.Overlay, Running: r.Running,
		GoEnvCache: r.GoEnvCache, PreferCache: r.PreferCache}
}

// Progress reports one stage of a long run, percent in 0..100.
type Progress func(stage string, percent int, msg string)

// Verification is the outcome of Verify.
type Verification struct {
	// Verdict is one word: verified, mismatch or failed.
	Verdict  string             `json:"verdict"`
	Findings []findings.Finding `json:"findings"`
	// Markdown is the full report; "" lets the server render verdict and
	// findings.
	Markdown string `json:"-"`
	// Result is the command's result object (the engine's own verdict);
	// nil returns the Verification itself.
	Result any `json:"-"`
}

// The verdict words.
const (
	VerdictVerified = "verified"
	VerdictMismatch = "mismatch"
	VerdictFailed   = "failed"
)

func (p Probers) withDefaults() Probers {
	if p.Probe == nil {
		p.Probe = probeEnvironment
	}
	if p.Verify == nil {
		p.Verify = verifyGOROOT
	}
	return p
}

// probeEnvironment is the verdict of `goroot-lens check`: the environment
// probe, then the build-info probe (stale or wrong-platform tools, a go
// outside its GOROOT).
func probeEnvironment(ctx context.Context, req Request) (*envprobe.Snapshot, error) {
	rep, err := check.Run(ctx, req.options())
	if rep == nil {
		return nil, err
	}
	if err != nil && ctx.Err() == nil {
		// The environment part stands; only build-info findings are missing.
		return rep.Snapshot, fmt.Errorf("build info: %w", err)
	}
	return rep.Snapshot, ctx.Err()
}

// verifyGOROOT is `goroot-lens trace`: the environment probe finds the go
// and every configured GOROOT (environment, registry, profile, GOENV file,
// editor setting), which the trace probe shows first.
func verifyGOROOT(ctx context.Context, req Request, progress Progress) (*Verification, error) {
	opts := req.options()
	snap, err := envprobe.Run(ctx, opts)
	if err != nil {
		return nil, err
	}
	var localized func(string, int, string)
	if progress != nil {
		// The trace probe reports in English; the user reads req.Lang.
		localized = func(stage string, percent int, msg string) {
			progress(stage, percent, findings.Localize(req.Lang, msg))
		}
	}
	v, err := check.Verify(ctx, snap, opts, check.TraceOptions{Progress: localized, AllowDownload: req.AllowDownload})
	if err != nil {
		return nil, err
	}
	return &Verification{Verdict: v.Verdict, Findings: v.Findings, Markdown: report.TraceMarkdown(req.Lang, req.Folder, v), Result: v}, nil
}
