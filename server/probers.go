package server

import (
	"context"
	"os"
	"strings"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
	"github.com/goroot-lens/goroot-lens/probes/traceprobe"
)

// Probers are the engines the server drives. Tests inject fakes; nil fields
// mean the real engines (New wires them).
type Probers struct {
	// Probe is the environment probe of one folder.
	Probe func(ctx context.Context, req Request) (*envprobe.Snapshot, error)
	// Verify is the "Verify GOROOT" trace probe of one folder; progress may
	// be called from any goroutine.
	Verify func(ctx context.Context, req Request, progress Progress) (*Verification, error)
}

// Request is what an engine needs to know about one folder.
type Request struct {
	Folder string // filesystem path of the workspace folder
	// Settings are the editor settings in envprobe's form: "go.goroot",
	// "go.alternateTools" and "go.toolsEnvVars" (JSON objects as text).
	Settings map[string]string
	// SettingsFile is the folder's .vscode/settings.json when it sets one of
	// those keys, so findings can point at the key.
	SettingsFile string
	Lang         string   // catalogue language: "en" or "zh-CN"
	Env          []string // nil means os.Environ()
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

func probeEnvironment(ctx context.Context, req Request) (*envprobe.Snapshot, error) {
	return envprobe.Run(ctx, envprobe.Options{
		Dir:          req.Folder,
		Env:          req.Env,
		Settings:     req.Settings,
		SettingsFile: req.SettingsFile,
		Lang:         req.Lang,
	})
}

// verifyGOROOT is the trace probe; the editor's go.goroot is shown next to
// the environment's GOROOT among the configured rows.
func verifyGOROOT(ctx context.Context, req Request, progress Progress) (*Verification, error) {
	v, err := traceprobe.Run(ctx, traceprobe.Options{
		Dir: req.Folder, Env: req.Env, Lang: req.Lang, Progress: progress, Configured: configuredRows(req),
	})
	if err != nil {
		return nil, err
	}
	return &Verification{Verdict: v.Verdict, Findings: v.Findings, Markdown: traceMarkdown(req.Lang, req.Folder, v), Result: v}, nil
}

func configuredRows(req Request) []traceprobe.Row {
	setting := req.Settings["go.goroot"]
	if setting == "" {
		return nil // the probe shows the environment's GOROOT itself
	}
	env := "(unset)"
	for _, kv := range envOrProcess(req.Env) {
		if v, ok := strings.CutPrefix(kv, "GOROOT="); ok {
			env = v
		}
	}
	source := "editor setting go.goroot"
	if req.SettingsFile != "" {
		source += " (" + req.SettingsFile + ")"
	}
	return []traceprobe.Row{
		{Name: "GOROOT", Value: env, Source: "environment given to the probe"},
		{Name: "go.goroot", Value: setting, Source: source},
	}
}

func envOrProcess(env []string) []string {
	if env == nil {
		return os.Environ()
	}
	return env
}
