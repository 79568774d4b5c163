package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/goroot-lens/goroot-lens/internal/report"
	"github.com/goroot-lens/goroot-lens/probes/check"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
	"github.com/goroot-lens/goroot-lens/probes/traceprobe"
)

func runTrace(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("trace", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the verdict as JSON (schemaVersion 1)")
	keep := fs.String("keep", "", "save the runtime trace to this file (open it with `go tool trace FILE`)")
	allow := fs.Bool("allow-download", false, "let the go command download the toolchain the workspace selects")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: goroot-lens trace [DIR] [--json] [--keep FILE] [--allow-download]")
		fs.PrintDefaults()
	}
	positional, err := parseInterleaved(fs, args)
	if err != nil {
		return parseExit(err)
	}
	if len(positional) > 1 {
		fmt.Fprintf(stderr, "goroot-lens trace: one folder at most, got %d\n", len(positional))
		return exitUsage
	}
	dir := "."
	if len(positional) == 1 {
		dir = positional[0]
	}
	lang := cliLang()
	eo := envprobe.Options{Dir: dir, Lang: lang}
	snap, err := envprobe.Run(ctx, eo)
	if err != nil {
		fmt.Fprintf(stderr, "goroot-lens trace: %v\n", err)
		return exitUsage
	}
	v, err := check.Verify(ctx, snap, eo, check.TraceOptions{KeepTrace: *keep, AllowDownload: *allow})
	if v == nil {
		fmt.Fprintf(stderr, "goroot-lens trace: %v\n", err)
		return exitUsage
	}
	if *asJSON {
		err = report.JSON(stdout, v)
	} else {
		err = report.Trace(stdout, v, report.Style{Color: colorWanted(stdout), Lang: lang})
	}
	if err != nil {
		fmt.Fprintf(stderr, "goroot-lens trace: writing output: %v\n", err)
		return exitUsage
	}
	if v.Verdict == traceprobe.Verified && findings.Worst(v.Findings) != findings.Error {
		return exitOK
	}
	return exitFindings
}
