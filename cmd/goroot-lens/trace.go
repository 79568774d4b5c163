package main

import (
	"context"
	"io"

	"github.com/goroot-lens/goroot-lens/internal/report"
	"github.com/goroot-lens/goroot-lens/probes/check"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
	"github.com/goroot-lens/goroot-lens/probes/traceprobe"
)

func runTrace(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	lang := cliLang()
	fs := newFlags("trace", lang, stderr, "goroot-lens trace [DIR] [--json] [--keep FILE] [--allow-download] [--timeout 10s]",
		"cli.explain.trace", "cli.exit.trace")
	asJSON := fs.Bool("json", false, fs.usageText("cli.flag.trace-json"))
	keep := fs.String("keep", "", fs.usageText("cli.flag.keep"))
	allow := fs.Bool("allow-download", false, fs.usageText("cli.flag.allow-download"))
	timeout := fs.Duration("timeout", envprobe.DefaultTimeout, fs.usageText("cli.flag.trace-timeout"))
	fs.meta["keep"], fs.meta["timeout"] = "FILE", "DURATION"
	positional, code, ok := fs.parse(args)
	if !ok {
		return code
	}
	if len(positional) > 1 {
		fail(stderr, lang, "trace", "one folder at most, got %d", len(positional))
		return exitUsage
	}
	dir := "."
	if len(positional) == 1 {
		dir = positional[0]
	}
	eo := envprobe.Options{Dir: dir, Lang: lang, Timeout: *timeout}
	snap, err := envprobe.Run(ctx, eo)
	if err != nil {
		fail(stderr, lang, "trace", "%v", err)
		return exitUsage
	}
	v, err := check.Verify(ctx, snap, eo, check.TraceOptions{KeepTrace: *keep, AllowDownload: *allow})
	if v == nil {
		fail(stderr, lang, "trace", "%v", err)
		return exitUsage
	}
	if *asJSON {
		err = report.JSON(stdout, v)
	} else {
		err = report.Trace(stdout, v, report.Style{Color: colorWanted(stdout), Lang: lang})
	}
	if err != nil {
		fail(stderr, lang, "trace", "writing output: %v", err)
		return exitUsage
	}
	if v.Verdict == traceprobe.Verified && findings.Worst(v.Findings) != findings.Error {
		return exitOK
	}
	return exitFindings
}
