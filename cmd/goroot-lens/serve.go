package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/goroot-lens/goroot-lens/server"
)

// stdio joins stdin and stdout into the one stream LSP speaks on.
type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return os.Stdin.Close() }

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Bool("stdio", true, "speak LSP on stdin/stdout (the only transport; VS Code passes it)")
	level := fs.String("log-level", "warn", "log level: debug, info, warn or error (logs go to stderr)")
	logFile := fs.String("log-file", "", "write the log to this file instead of stderr")
	if err := fs.Parse(args); err != nil {
		return parseExit(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "goroot-lens serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	err := server.Serve(ctx, stdio{os.Stdin, stdout}, server.Config{LogLevel: *level, LogFile: *logFile, Version: version})
	if err != nil && err != server.ErrExitWithoutShutdown {
		fmt.Fprintf(stderr, "goroot-lens serve: %v\n", err)
	}
	return server.ExitCode(err)
}
