package main

import (
	"context"
	"io"
	"os"
	"path/filepath"

	"github.com/goroot-lens/goroot-lens/server"
)

// stdio joins stdin and stdout into the one stream LSP speaks on.
type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return os.Stdin.Close() }

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	lang := cliLang()
	fs := newFlags("serve", lang, stderr, "goroot-lens serve [--stdio] [--log-level debug|info|warn|error] [--log-file FILE]",
		"cli.explain.serve")
	fs.Bool("stdio", true, fs.usageText("cli.flag.stdio"))
	level := fs.String("log-level", "warn", fs.usageText("cli.flag.log-level"))
	logFile := fs.String("log-file", "", fs.usageText("cli.flag.log-file"))
	fs.meta["log-level"], fs.meta["log-file"] = "LEVEL", "FILE"
	positional, code, ok := fs.parse(args)
	if !ok {
		return code
	}
	if len(positional) > 0 {
		fail(stderr, lang, "serve", "unexpected argument %q", positional[0])
		return exitUsage
	}
	cfg := server.Config{LogLevel: *level, LogFile: *logFile, Version: version}
	if dir, err := os.UserCacheDir(); err == nil {
		cfg.GoEnvCache = filepath.Join(dir, "goroot-lens", "goenv")
	}
	err := server.Serve(ctx, stdio{os.Stdin, stdout}, cfg)
	if err != nil && err != server.ErrExitWithoutShutdown {
		fail(stderr, lang, "serve", "%v", err)
	}
	return server.ExitCode(err)
}
