package server

import (
	"context"
	"fmt"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

// progress reports one cancellable long run through $/progress; without a
// token (the client cannot show progress) every call does nothing.
type progress struct {
	s     *Server
	ctx   context.Context
	token *protocol.ProgressToken
	key   string
}

// beginProgress uses the client's workDoneToken, else creates one with
// window/workDoneProgress/create when the client supports it; cancel runs
// when the client cancels the progress.
func (s *Server) beginProgress(ctx context.Context, token *protocol.ProgressToken, title string, cancel context.CancelFunc) *progress {
	pr := &progress{s: s, ctx: ctx}
	if token == nil {
		if !s.caps().workDoneProgress {
			return pr
		}
		s.mu.Lock()
		s.seq++
		token = protocol.NewProgressToken(fmt.Sprintf("goroot-lens/%d", s.seq))
		s.mu.Unlock()
		if err := s.client.WorkDoneProgressCreate(ctx, &protocol.WorkDoneProgressCreateParams{Token: *token}); err != nil {
			s.log.Info("workDoneProgress/create", zap.Error(err))
			return pr
		}
	}
	pr.token, pr.key = token, fmt.Sprintf("%q", *token)
	s.mu.Lock()
	s.progress[pr.key] = cancel
	s.mu.Unlock()
	pr.send(ctx, &protocol.WorkDoneProgressBegin{Kind: protocol.WorkDoneProgressKindBegin, Title: title, Cancellable: true})
	return pr
}

// report is the engine's Progress callback.
func (pr *progress) report(stage string, percent int, msg string) {
	if pr.token == nil || pr.ctx.Err() != nil {
		return
	}
	if msg == "" {
		msg = stage
	}
	pr.send(pr.ctx, &protocol.WorkDoneProgressReport{
		Kind: protocol.WorkDoneProgressKindReport, Cancellable: true, Message: msg, Percentage: uint32(min(max(percent, 0), 100)),
	})
}

// end closes the progress, even after cancellation.
func (pr *progress) end(ctx context.Context, msg string) {
	if pr.token == nil {
		return
	}
	pr.s.mu.Lock()
	delete(pr.s.progress, pr.key)
	pr.s.mu.Unlock()
	pr.send(context.WithoutCancel(ctx), &protocol.WorkDoneProgressEnd{Kind: protocol.WorkDoneProgressKindEnd, Message: msg})
}

func (pr *progress) send(ctx context.Context, value any) {
	if err := pr.s.client.Progress(ctx, &protocol.ProgressParams{Token: *pr.token, Value: value}); err != nil {
		pr.s.log.Info("$/progress", zap.Error(err))
	}
}

// WorkDoneProgressCancel cancels the run behind a progress token.
func (s *Server) WorkDoneProgressCancel(_ context.Context, p *protocol.WorkDoneProgressCancelParams) error {
	s.mu.Lock()
	cancel := s.progress[fmt.Sprintf("%q", p.Token)]
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	return nil
}
