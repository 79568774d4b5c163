// Package gocmd runs go commands the one way goroot-lens runs them: with a
// context and a timeout, killing the whole process group on expiry (the go
// command starts compile, link and toolchain switches as children), with
// GOTOOLCHAIN and GOFLAGS chosen on purpose by the caller, and with output
// bounded so a go that floods its pipes cannot exhaust memory.
package gocmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/goroot-lens/goroot-lens/internal/procgroup"
)

// Choice is the value one of the go command's own variables runs with. The
// zero Choice is refused: every caller says what it wants, because the
// user's GOTOOLCHAIN can switch or download and the user's GOFLAGS can change
// what a command means.
type Choice struct {
	value string
	keep  bool
	set   bool
}

// Set runs the command with the variable set to v ("" unsets it).
func Set(v string) Choice { return Choice{value: v, set: true} }

// Keep runs the command with the user's own value, on purpose: a fix that
// must work in the user's environment runs under the user's settings.
var Keep = Choice{keep: true, set: true}

// Limits on what is kept of a command's output. Past them the output is cut
// and Result.Truncated set; the command still runs to its end.
const (
	DefaultMaxStdout = 8 << 20
	DefaultMaxStderr = 1 << 20
)

// Cmd is one go command.
type Cmd struct {
	Go   string   // the go binary to run
	Dir  string   // working folder
	Env  []string // the user's environment, before Toolchain and Flags
	Args []string
	// Toolchain and Flags are GOTOOLCHAIN and GOFLAGS.
	Toolchain, Flags Choice
	Timeout          time.Duration
	// MaxStdout and MaxStderr bound what is kept (0: the defaults).
	MaxStdout, MaxStderr int
	// OnLine, when set, receives every line of stdout and stderr as it
	// comes (one goroutine at a time), e.g. for progress during a build.
	OnLine func(line string)
}

// Result is what one go command did.
type Result struct {
	Args      []string
	Stdout    []byte
	Stderr    string
	ExitCode  int // -1 when the command did not run or was killed
	TimedOut  bool
	Truncated bool
	Err       error
}

// ErrNotChosen is returned when a Cmd leaves GOTOOLCHAIN or GOFLAGS unchosen.
var ErrNotChosen = errors.New("gocmd: GOTOOLCHAIN and GOFLAGS must be chosen (Set or Keep)")

// Run runs c and waits for it, at most c.Timeout (no timeout when zero; the
// caller's ctx still applies).
func Run(ctx context.Context, c Cmd) Result { return Start(ctx, c).Wait() }

// Running is a go command started by Start; Wait collects its Result.
type Running struct {
	ctx            context.Context
	cancel         context.CancelFunc
	cmd            *exec.Cmd
	stdout, stderr *Capped
	afterWait      func()
	flush          func()
	res            Result
	done           bool // res is final: the command did not start, or Wait ran
}

// Start starts c and returns at once, so that a caller with other work can
// do it while go runs (starting go from a fresh goroutine instead costs
// that goroutine's scheduling, a millisecond on a busy small machine).
// c.Timeout counts from here. Wait must be called, once.
func Start(ctx context.Context, c Cmd) *Running {
	r := &Running{res: Result{Args: c.Args, ExitCode: -1}, cancel: func() {}, afterWait: func() {}, flush: func() {}}
	if !c.Toolchain.set || !c.Flags.set {
		r.res.Err, r.done = ErrNotChosen, true
		return r
	}
	if c.Timeout > 0 {
		ctx, r.cancel = context.WithTimeout(ctx, c.Timeout)
	}
	r.ctx = ctx
	env := c.Toolchain.apply(c.Env, "GOTOOLCHAIN")
	env = c.Flags.apply(env, "GOFLAGS")
	// The go command's switch markers belong to one go process and its
	// child; inherited, they would make this command skip its own choice.
	env = Without(env, "GOTOOLCHAIN_INTERNAL_SWITCH_VERSION", "GOTOOLCHAIN_INTERNAL_SWITCH_COUNT")

	cmd := exec.CommandContext(ctx, c.Go, c.Args...)
	cmd.Dir, cmd.Env = c.Dir, env
	r.cmd = cmd
	r.stdout = &Capped{limit: orDefault(c.MaxStdout, DefaultMaxStdout)}
	r.stderr = &Capped{limit: orDefault(c.MaxStderr, DefaultMaxStderr)}
	if c.OnLine != nil {
		// One writer for both streams: exec then calls Write from one
		// goroutine at a time, so OnLine needs no lock.
		w := &lineSplitter{onLine: c.OnLine, out: r.stdout}
		cmd.Stdout, cmd.Stderr = w, w
		r.flush = w.flush
	} else {
		cmd.Stdout, cmd.Stderr = r.stdout, r.stderr
	}
	// A child that inherited the pipes may keep them open after go exits;
	// do not wait on it for long.
	cmd.WaitDelay = time.Second
	r.afterWait = procgroup.Own(cmd)
	if err := cmd.Start(); err != nil {
		r.res.Err, r.done = err, true
		r.cancel()
	}
	return r
}

// Wait waits for the command and returns what it did.
func (r *Running) Wait() Result {
	if r.done {
		return r.res
	}
	r.done = true
	defer r.cancel()
	res := r.res
	res.Err = r.cmd.Wait()
	r.afterWait()
	r.flush()
	if errors.Is(res.Err, exec.ErrWaitDelay) && r.cmd.ProcessState != nil && r.cmd.ProcessState.Success() {
		// go exited 0 and its output is complete; only a child it left
		// behind still held the pipes.
		res.Err = nil
	}
	res.Stdout = r.stdout.Bytes()
	res.Stderr = strings.TrimSpace(r.stderr.String())
	res.Truncated = r.stdout.dropped || r.stderr.dropped
	if errors.Is(r.ctx.Err(), context.DeadlineExceeded) {
		res.TimedOut = true
	}
	var exit *exec.ExitError
	if errors.As(res.Err, &exit) {
		res.ExitCode = exit.ExitCode()
	} else if res.Err == nil {
		res.ExitCode = 0
	}
	r.res = res
	return res
}

// Line returns the first line of stderr, else of the error, for messages.
func (r Result) Line() string {
	if l, _, _ := strings.Cut(r.Stderr, "\n"); strings.TrimSpace(l) != "" {
		return strings.TrimSpace(l)
	}
	if r.Err != nil {
		return r.Err.Error()
	}
	return ""
}

func (c Choice) apply(env []string, name string) []string {
	if c.keep {
		return env
	}
	env = Without(env, name)
	if c.value == "" {
		return env
	}
	return append(env, name+"="+c.value)
}

func (c Choice) String() string {
	switch {
	case !c.set:
		return "(not chosen)"
	case c.keep:
		return "(the user's)"
	}
	return fmt.Sprintf("%q", c.value)
}

func orDefault(n, def int) int {
	if n > 0 {
		return n
	}
	return def
}

// Capped keeps the first limit bytes written and drops the rest: the output
// buffer of every command goroot-lens runs (NewCapped for those that are not
// the go command). The buffer is a field, not embedded: an embedded
// bytes.Buffer's ReadFrom would let io.Copy bypass the limit.
type Capped struct {
	buf     bytes.Buffer
	limit   int
	dropped bool
}

func (c *Capped) Write(b []byte) (int, error) {
	if room := c.limit - c.buf.Len(); room < len(b) {
		c.dropped = true
		if room > 0 {
			c.buf.Write(b[:room])
		}
		return len(b), nil
	}
	return c.buf.Write(b)
}

func (c *Capped) Bytes() []byte  { return c.buf.Bytes() }
func (c *Capped) String() string { return c.buf.String() }

// NewCapped keeps the first limit bytes written to it.
func NewCapped(limit int) *Capped { return &Capped{limit: limit} }

// Dropped says whether output beyond the limit was dropped.
func (c *Capped) Dropped() bool { return c.dropped }

// lineSplitter hands whole lines to onLine and keeps the output (capped).
type lineSplitter struct {
	onLine  func(string)
	out     *Capped
	partial []byte
}

// maxLine bounds one line kept while waiting for its end.
const maxLine = 64 << 10

func (w *lineSplitter) Write(b []byte) (int, error) {
	w.out.Write(b)
	n := len(b)
	for {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			if room := maxLine - len(w.partial); room > 0 {
				w.partial = append(w.partial, b[:min(room, len(b))]...)
			}
			return n, nil
		}
		if room := maxLine - len(w.partial); room > 0 {
			w.partial = append(w.partial, b[:min(room, i)]...)
		}
		w.onLine(string(w.partial))
		w.partial = w.partial[:0]
		b = b[i+1:]
	}
}

func (w *lineSplitter) flush() {
	if len(w.partial) > 0 {
		w.onLine(string(w.partial))
		w.partial = nil
	}
}
