// Command goroot-lens tells which go and which GOROOT are really used in a
// folder, where every value came from, and what is wrong.
//
//	goroot-lens check [DIR] [--format text|json|sarif] [--setting key=value]
//	goroot-lens fix [CODE|FIX-ID]... [--dir DIR] [--dry-run] [--yes] [--json]
//	goroot-lens undo [--list] [ID] [--yes] [--json]
//	goroot-lens version
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// version is set by the release build with -ldflags "-X main.version=…".
var version = "dev"

// Exit statuses, part of the CLI contract.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

type command struct {
	// summary is the phrase key of the line in the usage.
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"check", "cli.summary.check", runCheck},
		{"trace", "cli.summary.trace", runTrace},
		{"fix", "cli.summary.fix", runFix},
		{"undo", "cli.summary.undo", runUndo},
		{"serve", "cli.summary.serve", runServe},
		{"version", "cli.summary.version", func(context.Context, []string, io.Writer, io.Writer) int {
			fmt.Println("goroot-lens", version)
			return exitOK
		}},
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	lang := cliLang()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr, lang)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "goroot-lens: %s\n\n", findings.Localize(lang, fmt.Sprintf("unknown command %q", args[0])))
	usage(stderr, lang)
	return exitUsage
}

func usage(w io.Writer, lang string) {
	fmt.Fprintln(w, tr(lang, "cli.usage.main", nil))
	fmt.Fprintln(w, "\n"+tr(lang, "cli.commands", nil))
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, tr(lang, c.summary, nil))
	}
	fmt.Fprintln(w, "\n"+tr(lang, "cli.exit.main", nil))
}
