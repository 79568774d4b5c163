package server

import (
	"context"

	"go.lsp.dev/jsonrpc2"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
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
		p.Verify = verifyUnavailable
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

// verifyUnavailable stands in until probes/traceprobe lands; wiring it is
// one adapter here: traceprobe.Run(ctx, traceprobe.Options{Dir, Env, Progress})
// → Verification{Verdict: v.Verdict, Findings: v.Findings, Result: v}.
func verifyUnavailable(_ context.Context, req Request, _ Progress) (*Verification, error) {
	return nil, jsonrpc2.NewError(codeRequestFailed, findings.Text(req.Lang, "lsp.verify-unavailable", nil))
}
