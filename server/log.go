package server

import (
	"fmt"
	"os"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// newLogger logs to stderr or cfg.LogFile, never to stdout: stdout is the
// protocol (library notes, defect 11).
func newLogger(cfg Config) (*zap.Logger, func(), error) {
	if cfg.Logger != nil {
		return cfg.Logger, func() {}, nil
	}
	level := zapcore.WarnLevel
	if cfg.LogLevel != "" {
		l, err := zapcore.ParseLevel(cfg.LogLevel)
		if err != nil {
			return nil, nil, fmt.Errorf("log level %q: %w", cfg.LogLevel, err)
		}
		level = l
	}
	out, closeOut := zapcore.Lock(os.Stderr), func() {}
	if cfg.LogFile != "" {
		f, err := os.OpenFile(cfg.LogFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return nil, nil, fmt.Errorf("log file: %w", err)
		}
		out, closeOut = zapcore.Lock(f), func() { f.Close() }
	}
	enc := zap.NewDevelopmentEncoderConfig()
	enc.EncodeTime = zapcore.ISO8601TimeEncoder
	core := zapcore.NewCore(zapcore.NewConsoleEncoder(enc), out, level)
	log := zap.New(core).Named("goroot-lens")
	return log, func() { _ = log.Sync(); closeOut() }, nil
}
