package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/goroot-lens/goroot-lens/internal/report"
	"github.com/goroot-lens/goroot-lens/probes/check"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// settingsFlag collects repeated --setting key=value.
type settingsFlag map[string]string

func (s settingsFlag) String() string { return "" }

func (s settingsFlag) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	if !ok || k == "" {
		return fmt.Errorf("want key=value, got %q", v)
	}
	if k == "go.alternateTools" || k == "go.toolsEnvVars" {
		var obj map[string]any
		if err := json.Unmarshal([]byte(val), &obj); err != nil {
			return fmt.Errorf("%s wants a JSON object such as {\"go\":\"/path/to/go\"}: %v", k, err)
		}
	}
	s[k] = val
	return nil
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	lang := cliLang()
	fs := newFlags("check", lang, stderr,
		"goroot-lens check [DIR] [--format text|json|sarif] [--json] [--trace] [--setting key=value]... [--timeout 10s]",
		"cli.explain.check", "cli.exit.check")
	format := fs.String("format", "text", fs.usageText("cli.flag.format"))
	asJSON := fs.Bool("json", false, fs.usageText("cli.flag.check-json"))
	withTrace := fs.Bool("trace", false, fs.usageText("cli.flag.check-trace"))
	timeout := fs.Duration("timeout", envprobe.DefaultTimeout, fs.usageText("cli.flag.timeout"))
	settings := settingsFlag{}
	fs.Var(settings, "setting", fs.usageText("cli.flag.setting"))
	fs.meta["format"], fs.meta["timeout"], fs.meta["setting"] = "FORMAT", "DURATION", "key=value"
	positional, code, ok := fs.parse(args)
	if !ok {
		return code
	}
	if *asJSON {
		*format = "json"
	}
	if len(positional) > 1 {
		fail(stderr, lang, "check", "one folder at most, got %d", len(positional))
		return exitUsage
	}
	switch *format {
	case "text", "json", "sarif":
	default:
		fail(stderr, lang, "check", "unknown format %q (text, json or sarif)", *format)
		return exitUsage
	}
	dir := "."
	if len(positional) == 1 {
		dir = positional[0]
	}
	eo := envprobe.Options{Dir: dir, Settings: settings, Timeout: *timeout, Lang: lang}
	if *format == "json" {
		go report.WarmJSON(&check.Report{Snapshot: &envprobe.Snapshot{}})
	}
	rep, err := check.Run(ctx, eo)
	if rep == nil {
		fail(stderr, lang, "check", "%v", err)
		return exitUsage
	}
	if *withTrace {
		if err := rep.AddTrace(ctx, eo, check.TraceOptions{}); err != nil {
			fail(stderr, lang, "check", "trace: %v", err)
			return exitUsage
		}
	}
	snap := rep.Snapshot
	switch *format {
	case "json":
		err = report.JSON(stdout, rep)
	case "sarif":
		err = report.SARIF(stdout, snap.Findings, version, governingFile(snap))
	default:
		st := report.Style{Color: colorWanted(stdout), Lang: lang}
		err = report.Text(stdout, snap, st)
		if err == nil && rep.Trace != nil {
			fmt.Fprintln(stdout)
			err = report.Trace(stdout, rep.Trace, report.Style{Color: st.Color, Lang: lang, TableOnly: true})
		}
	}
	if err != nil {
		fail(stderr, lang, "check", "writing output: %v", err)
		return exitUsage
	}
	if findings.Worst(snap.Findings) == findings.Error {
		return exitFindings
	}
	return exitOK
}

// parseInterleaved lets flags follow the folder: check DIR --json.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func governingFile(s *envprobe.Snapshot) string {
	for _, m := range s.Modules {
		if m.Governs {
			return m.File
		}
	}
	return ""
}

// cliLang follows POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG.
func cliLang() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			return findings.LangFromLocale(v)
		}
	}
	return findings.LangEnglish
}

// colorWanted: only on a terminal, and never with NO_COLOR set.
func colorWanted(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
