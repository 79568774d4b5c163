package server

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"
)

// verifyRun is one trace run (a go build and a run of the probe, about a
// second) and the verify requests waiting for it. A user who clicks
// "Verify GOROOT" five times waits for one build, and each click still gets
// its own answer and progress. The run ends when it is done or when its
// last waiter left (cancelled); a change that re-probes (watched file,
// setting, edit) makes later requests start a new run.
type verifyRun struct {
	done    chan struct{}
	v       *Verification
	err     error
	cancel  context.CancelFunc
	waiters map[int]Progress // by waiter number; s.mu
	last    func(Progress)   // replays the latest report to a joiner; s.mu
}

// sharedVerify runs Verify for req, or joins the run in progress for the
// same request since the last change; ctx ends only this request's wait.
func (s *Server) sharedVerify(ctx context.Context, req Request, progress Progress) (*Verification, error) {
	b, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	key := strconv.Itoa(s.changeGen) + " " + string(b)
	r := s.verifyRuns[key]
	if r == nil {
		r = s.startVerifyLocked(key, req)
		if r == nil {
			s.mu.Unlock()
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is shutting down")
		}
	}
	s.seq++
	me := s.seq
	r.waiters[me] = progress
	replay := r.last
	s.mu.Unlock()
	if replay != nil && progress != nil {
		replay(progress) // a request joining a run sees where it is
	}
	defer func() {
		s.mu.Lock()
		delete(r.waiters, me)
		last := len(r.waiters) == 0
		if last {
			r.cancel() // nobody waits any more: stop the build
			if s.verifyRuns[key] == r {
				delete(s.verifyRuns, key)
			}
		}
		s.mu.Unlock()
		if last {
			// The answer waits until the build's processes are killed and
			// reaped: a cancelled verify leaves nothing running behind it.
			<-r.done
		}
	}()
	select {
	case <-r.done:
		return r.v, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// startVerifyLocked starts the run for key; nil when the server is closing.
// s.mu must be held.
func (s *Server) startVerifyLocked(key string, req Request) *verifyRun {
	ctx, cancel := context.WithCancel(s.workCtx)
	r := &verifyRun{done: make(chan struct{}), cancel: cancel, waiters: map[int]Progress{}}
	started := s.spawnLocked("verify", func() {
		defer cancel()
		defer close(r.done)
		defer func() {
			// The waiters get the panic as -32603; spawn's recover would
			// leave them waiting.
			if p := recover(); p != nil {
				s.log.Error("panic in verify", zap.Any("panic", p), zap.Stack("stack"))
				r.v, r.err = nil, jsonrpc2.NewError(jsonrpc2.InternalError, fmt.Sprintf("internal error in verify: %v", p))
			}
			s.mu.Lock()
			if s.verifyRuns[key] == r {
				delete(s.verifyRuns, key)
			}
			s.mu.Unlock()
		}()
		r.v, r.err = s.probers.Verify(ctx, req, r.report(s))
	})
	if !started {
		cancel()
		return nil
	}
	if s.verifyRuns == nil {
		s.verifyRuns = map[string]*verifyRun{}
	}
	s.verifyRuns[key] = r
	return r
}

// report passes the run's progress to every request waiting for it.
func (r *verifyRun) report(s *Server) Progress {
	return func(stage string, percent int, msg string) {
		s.mu.Lock()
		r.last = func(p Progress) { p(stage, percent, msg) }
		to := make([]Progress, 0, len(r.waiters))
		for _, p := range r.waiters {
			to = append(to, p)
		}
		s.mu.Unlock()
		for _, p := range to {
			p(stage, percent, msg)
		}
	}
}
