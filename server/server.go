// Package server is goroot-lens's language server: it runs the probes for
// each workspace folder in the background and shows what they find as
// diagnostics, code lenses, quick fixes and commands. One file per LSP area;
// handlers translate between the protocol and the probes, which know nothing
// of LSP.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

// DefaultDebounce is how long a burst of file changes is collected before the
// folder is probed again.
const DefaultDebounce = 250 * time.Millisecond

// NoDebounce makes every change probe at once (tests).
const NoDebounce time.Duration = -1

// DefaultRunTimeout bounds one background probe run.
const DefaultRunTimeout = 2 * time.Minute

// Config says how to serve one connection. The zero value serves with the
// real probes, logs warnings to stderr and debounces changes.
type Config struct {
	// LogLevel is debug, info, warn or error; "" means warn (Neovim files
	// every stderr line as an error).
	LogLevel string
	// LogFile receives the log instead of stderr when set.
	LogFile string
	// Logger, when set, replaces LogLevel and LogFile.
	Logger *zap.Logger
	// Probers are the engines; nil fields mean the real ones.
	Probers Probers
	// Env is the environment the probes judge; nil means os.Environ().
	Env []string
	// Debounce delays re-probing after changes: 0 means DefaultDebounce,
	// NoDebounce (negative) probes at once.
	Debounce time.Duration
	// RunTimeout bounds one probe run; 0 means DefaultRunTimeout.
	RunTimeout time.Duration
	// ReportDir receives the Markdown reports opened with showDocument; ""
	// means a temporary folder removed when Serve returns.
	ReportDir string
	// Version is reported as serverInfo.version.
	Version string
	// GoEnvCache is where the output of go env is kept between sessions
	// (envprobe.Options.GoEnvCache): a run whose setup matches a kept one
	// is published at once and confirmed by a real go env right after.
	// "" keeps nothing.
	GoEnvCache string
}

// ErrExitWithoutShutdown is Serve's result when the client sent exit without
// shutdown first; the process should exit with status 1.
var ErrExitWithoutShutdown = errors.New("exit without shutdown")

// ErrConnectionClosed is Serve's result when the stream ended before exit.
var ErrConnectionClosed = errors.New("connection closed before shutdown")

// ExitCode is the process status LSP asks for after Serve returned err:
// 0 after shutdown and exit, 1 otherwise.
func ExitCode(err error) int {
	if err == nil {
		return 0
	}
	return 1
}

// Serve speaks LSP on rwc (stdin/stdout for `goroot-lens serve`) until exit,
// the end of the stream or of ctx. It returns nil after shutdown then exit;
// see ExitCode.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, cfg Config) error {
	s, err := New(cfg)
	if err != nil {
		return err
	}
	return s.Serve(ctx, rwc)
}

// lifecycle is where the connection stands.
type lifecycle int

const (
	stateNew      lifecycle = iota // before initialize
	stateRunning                   // after initialize
	stateShutdown                  // after shutdown
)

// Server is the state of one connection; it implements protocol.Server by
// overriding the methods of the embedded nyi stub.
type Server struct {
	nyi
	cfg     Config
	log     *zap.Logger
	closeLg func()
	probers Probers

	conn   jsonrpc2.Conn
	client protocol.Client
	inner  jsonrpc2.Handler // the library's typed dispatch to this server

	sess        atomic.Pointer[session] // set once by initialize
	rawInit     []byte                  // initialize params as sent (read loop only)
	initialized chan struct{}           // closed by the initialized notification
	initOnce    sync.Once

	workCtx    context.Context // ends at shutdown, exit or the end of Serve
	workCancel context.CancelFunc
	bg         sync.WaitGroup // background runs and request goroutines

	mu        sync.Mutex
	served    bool
	state     lifecycle
	closing   bool // no new goroutines
	exitErr   error
	exited    bool
	settings  map[string]string
	folders   map[string]*folder // by pathKey
	inflight  map[string]*inflight
	progress  map[string]context.CancelFunc // by token
	seq       int
	reportDir string
	tempDir   bool
	// probeEnv, once a fix was applied or undone, is the environment a new
	// process gets; the probes judge it instead of Config.Env.
	probeEnv []string
	// allowDownload is gorootLens.verify.allowDownload: Verify may let the
	// go command download the toolchain the workspace selects.
	allowDownload bool
	// verifyRuns are the trace runs in progress, shared by the verify
	// requests that ask the same (verify_runs.go); changeGen counts the
	// changes that make a run in progress stale.
	verifyRuns map[string]*verifyRun
	changeGen  int
	// docs are the open go.mod and go.work documents (own lock).
	docs documents

	pubMu     sync.Mutex
	published map[protocol.DocumentURI]published

	watchMu  sync.Mutex
	watchID  string
	watchSet string
}

// New builds a server for one connection, wiring the real probes where cfg
// leaves Probers empty.
func New(cfg Config) (*Server, error) {
	log, closeLg, err := newLogger(cfg)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:         cfg,
		log:         log,
		closeLg:     closeLg,
		probers:     cfg.Probers.withDefaults(),
		initialized: make(chan struct{}),
		folders:     map[string]*folder{},
		inflight:    map[string]*inflight{},
		progress:    map[string]context.CancelFunc{},
		published:   map[protocol.DocumentURI]published{},
		reportDir:   cfg.ReportDir,
	}
	s.inner = protocol.ServerHandler(s, jsonrpc2.MethodNotFoundHandler)
	return s, nil
}

// Serve runs the connection; a Server serves once.
func (s *Server) Serve(ctx context.Context, rwc io.ReadWriteCloser) error {
	s.mu.Lock()
	if s.served {
		s.mu.Unlock()
		return errors.New("server: Serve called twice")
	}
	s.served = true
	s.mu.Unlock()
	defer s.closeLg()

	ctx = protocol.WithLogger(ctx, s.log)
	s.workCtx, s.workCancel = context.WithCancel(ctx)
	s.conn = jsonrpc2.NewConn(newStream(rwc, s.log))
	s.client = protocol.ClientDispatcher(s.conn, s.log.Named("client"))
	s.conn.Go(ctx, s.handle)

	select {
	case <-s.conn.Done():
	case <-ctx.Done():
		s.conn.Close()
		<-s.conn.Done()
	}
	s.stop()
	return s.result(ctx)
}

// stop cancels all work and waits for it, so no probe outlives Serve.
func (s *Server) stop() {
	s.mu.Lock()
	s.closing = true
	for _, f := range s.folders {
		f.stopLocked()
	}
	dir, temp := s.reportDir, s.tempDir
	s.mu.Unlock()
	s.workCancel()
	s.bg.Wait()
	if temp && dir != "" {
		os.RemoveAll(dir)
	}
}

func (s *Server) result(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.exited:
		return s.exitErr
	case ctx.Err() != nil:
		return ctx.Err()
	case s.state == stateShutdown:
		return nil
	}
	if err := s.conn.Err(); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: %v", ErrConnectionClosed, err)
	}
	return ErrConnectionClosed
}

// spawnLocked runs f in the background unless the server is closing; s.mu
// must be held.
func (s *Server) spawnLocked(name string, f func()) bool {
	if s.closing {
		return false
	}
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("panic in background work", zap.String("work", name), zap.Any("panic", r), zap.Stack("stack"))
			}
		}()
		f()
	}()
	return true
}

func (s *Server) spawn(name string, f func()) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.spawnLocked(name, f)
}

// lang is the catalogue language chosen at initialize.
func (s *Server) lang() string {
	if ss := s.sess.Load(); ss != nil {
		return ss.lang
	}
	return "en"
}

// caps are the client's capabilities that matter here (zero before initialize).
func (s *Server) caps() session {
	if ss := s.sess.Load(); ss != nil {
		return *ss
	}
	return session{lang: "en"}
}

var _ protocol.Server = (*Server)(nil)
