package check

import (
	"context"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
	"github.com/goroot-lens/goroot-lens/probes/traceprobe"
)

// TraceOptions are the caller's choices for a "Verify GOROOT" run.
type TraceOptions struct {
	KeepTrace     string
	AllowDownload bool
	Progress      func(stage string, percent int, message string)
}

// Verify runs the trace probe with the go the environment probe found,
// showing every GOROOT configured for it first.
func Verify(ctx context.Context, snap *envprobe.Snapshot, eo envprobe.Options, to TraceOptions) (*traceprobe.Verdict, error) {
	if v := blockedVerdict(snap); v != nil {
		return v, nil
	}
	return traceprobe.Run(ctx, traceprobe.Options{
		Dir: snap.Workspace, Env: eo.Env, GoBin: snap.Toolchain.Go,
		AllowDownload: to.AllowDownload, KeepTrace: to.KeepTrace,
		Configured: ConfiguredRoots(snap), Lang: eo.Lang, Progress: to.Progress,
		UnsetGOROOT: snap.UnsetGOROOT, LoginFile: snap.LoginFile, Shell: snap.Shell,
		Toolchains: toolchainFindings(snap.Findings), GoEnv: snap.GoEnv, DefaultGOPROXY: snap.DefaultGOPROXY,
	})
}

// blockedVerdict is the Failed verdict, without a build, when every go
// command would hang: it reads a GOENV file or $GOROOT/go.env that never
// ends (a named pipe, /dev/zero), or go env -json already ran out of time.
// The build would only run into its much longer time limit.
func blockedVerdict(snap *envprobe.Snapshot) *traceprobe.Verdict {
	for _, f := range snap.Findings {
		hangs := (f.Code == findings.FileUnreadable && f.Args["variant"] == "blocks") ||
			(f.Code == findings.GoCommandFailed && f.Args["variant"] == "timeout")
		if !hangs {
			continue
		}
		return &traceprobe.Verdict{SchemaVersion: traceprobe.SchemaVersion, Verdict: traceprobe.Failed, Error: f.Message,
			Rows: append([]traceprobe.Row{}, ConfiguredRoots(snap)...), Events: []traceprobe.Event{}, Timings: []traceprobe.Timing{},
			BuildTools: []traceprobe.Tool{}, Findings: []findings.Finding{f}, Overrides: []string{}, Stages: []traceprobe.Stage{}}
	}
	return nil
}

// toolchainFindings are the environment probe's judgements of toolchain
// selection, which a failed build may confirm.
func toolchainFindings(fs []findings.Finding) []findings.Finding {
	var out []findings.Finding
	for _, f := range fs {
		if f.Code == findings.ToolchainUnavailable || (f.Code == findings.GoCommandFailed && f.Args["variant"] == "gotoolchain") {
			out = append(out, f)
		}
	}
	return out
}

// ConfiguredRoots are the GOROOT values set somewhere (environment,
// registry, profile, GOENV file, editor setting), each with its source.
func ConfiguredRoots(snap *envprobe.Snapshot) []traceprobe.Row {
	var rows []traceprobe.Row
	for _, v := range snap.Variables {
		if v.Name != "GOROOT" {
			continue
		}
		switch v.SourceKind {
		case envprobe.SourceExecutable, envprobe.SourceDefault, envprobe.SourceToolchainSwitch:
			continue // computed, not configured
		}
		rows = append(rows, traceprobe.Row{Name: "GOROOT (configured)", Value: v.Value, Source: v.Source})
	}
	return rows
}
