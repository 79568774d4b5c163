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
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"check", "judge the Go environment of a folder (default: the current one)", runCheck},
		{"trace", "build and run a probe program to verify which GOROOT really compiles and runs", runTrace},
		{"fix", "show and apply the fixes of the findings (user variables, login profile, GOENV file); undoable", runFix},
		{"undo", "revert a change made by fix, from the journal (default: the latest)", runUndo},
		{"serve", "speak LSP on stdin/stdout (the editor sidecar)", runServe},
		{"version", "print the version of goroot-lens", func(context.Context, []string, io.Writer, io.Writer) int {
			fmt.Println("goroot-lens", version)
			return exitOK
		}},
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
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
	fmt.Fprintf(stderr, "goroot-lens: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: goroot-lens <command> [arguments]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nexit status: 0 no error found, 1 errors found, 2 usage error or goroot-lens failed")
}
