package server

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/goroot-lens/goroot-lens/fix"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// applyFix runs the fix engine for one fix of one finding: the plan is
// shown with Apply and Cancel where the client can ask, then applied; the
// result says what changed and which programs keep the old environment.
// From then on the probes judge the environment a new process would get,
// and the diagnostics are republished from that.
func (s *Server) applyFix(ctx context.Context, p *protocol.ExecuteCommandParams) (any, error) {
	args, err := fixArgs(p)
	if err != nil {
		return nil, err
	}
	path, ok := uriPath(args.Folder)
	if !ok {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, findings.Text(s.lang(), "lsp.no-folder", map[string]string{"command": p.Command}))
	}
	lang := s.lang()
	s.mu.Lock()
	snap := s.snapshotLocked(path)
	req := s.requestLocked(path)
	s.mu.Unlock()
	o := fix.Options{Dir: path, Env: req.Env, Lang: lang, Settings: req.Settings}
	var plans []fix.Plan
	if snap != nil {
		plans, _, err = fix.PlansFor(ctx, o, snap, []string{args.Fix.ID})
	} else {
		plans, _, err = fix.Plans(ctx, o, []string{args.Fix.ID})
	}
	if err != nil {
		return nil, jsonrpc2.NewError(codeRequestFailed, err.Error())
	}
	plan, ok := pickPlan(plans, args.Code)
	if !ok {
		return nil, jsonrpc2.NewError(codeRequestFailed, findings.Text(lang, "plan.unknown", map[string]string{"name": args.Fix.ID}))
	}
	text := strings.Join(fix.Describe(plan, lang), "\n")
	if !plan.Writable() {
		s.showMessage(ctx, protocol.MessageTypeInfo, text)
		return plan, nil
	}
	if s.caps().showMessageRequest {
		apply := findings.Text(lang, "lsp.apply", nil)
		choice, err := s.client.ShowMessageRequest(ctx, &protocol.ShowMessageRequestParams{
			Type: protocol.MessageTypeWarning, Message: text,
			Actions: []protocol.MessageActionItem{{Title: apply}, {Title: findings.Text(lang, "lsp.cancel", nil)}},
		})
		if err != nil || choice == nil || choice.Title != apply {
			return map[string]any{"plan": plan, "applied": false}, nil
		}
	}
	res, err := fix.Apply(ctx, o, plan)
	if err != nil {
		msg := findings.Text(lang, "lsp.fix-failed", map[string]string{"error": err.Error()})
		s.showMessage(ctx, protocol.MessageTypeError, msg)
		return nil, jsonrpc2.NewError(codeRequestFailed, msg)
	}
	s.useFreshEnv(o.Env, plan)
	s.showMessage(ctx, resultType(res), resultText(lang, plan, res))
	return map[string]any{"plan": plan, "applied": true, "result": res}, nil
}

// undo reverts the latest journal entry, or the one given as {"id": …}.
func (s *Server) undo(ctx context.Context, p *protocol.ExecuteCommandParams) (any, error) {
	lang := s.lang()
	id, folder, err := undoArgs(p)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	dir := ""
	if path, ok := uriPath(protocol.DocumentURI(folder)); ok {
		dir = path
	} else if fs := s.allFoldersLocked(); len(fs) > 0 {
		dir = fs[0].path
	}
	env := s.requestLocked(dir).Env
	s.mu.Unlock()
	o := fix.Options{Dir: dir, Env: env, Lang: lang}
	res, err := fix.Undo(ctx, o, id)
	if err != nil {
		msg := findings.Text(lang, "lsp.fix-failed", map[string]string{"error": err.Error()})
		s.showMessage(ctx, protocol.MessageTypeError, msg)
		return nil, jsonrpc2.NewError(codeRequestFailed, msg)
	}
	reverted := res.Entry.Plan
	for i := range reverted.Changes {
		reverted.Changes[i].Old, reverted.Changes[i].New = reverted.Changes[i].New, reverted.Changes[i].Old
	}
	s.useFreshEnv(env, reverted)
	msg := findings.Text(lang, "result.undone", map[string]string{"id": res.Entry.ID}) + "\n" + res.Restart
	s.showMessage(ctx, protocol.MessageTypeInfo, msg)
	return res, nil
}

// useFreshEnv makes every later probe judge the environment a new process
// gets after the change, and probes every folder again.
func (s *Server) useFreshEnv(env []string, plan fix.Plan) {
	fresh, err := fix.NewProcessEnv(env, plan)
	if err != nil {
		s.log.Warn("new-process environment", zap.Error(err))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.probeEnv = fresh
	for _, f := range s.allFoldersLocked() {
		s.startLocked(f)
	}
}

func fixArgs(p *protocol.ExecuteCommandParams) (ApplyFixArgs, error) {
	var a ApplyFixArgs
	if len(p.Arguments) == 0 {
		return a, jsonrpc2.NewError(jsonrpc2.InvalidParams, "goroot-lens.applyFix needs {folder, code, fix}")
	}
	b, err := json.Marshal(p.Arguments[0])
	if err == nil {
		err = json.Unmarshal(b, &a)
	}
	if err != nil || a.Fix.ID == "" {
		return a, jsonrpc2.NewError(jsonrpc2.InvalidParams, "goroot-lens.applyFix needs {folder, code, fix}")
	}
	return a, nil
}

// undoArgs reads goroot-lens.undo's optional {"id": …, "folder": …}. An
// argument of the wrong shape is an error: read as "no id" it would undo
// the latest change instead of the one the caller named.
func undoArgs(p *protocol.ExecuteCommandParams) (id, folder string, err error) {
	bad := jsonrpc2.NewError(jsonrpc2.InvalidParams, `goroot-lens.undo takes no argument or {"id": string, "folder": file URI}`)
	if len(p.Arguments) == 0 || p.Arguments[0] == nil {
		return "", "", nil
	}
	m, ok := p.Arguments[0].(map[string]any)
	if !ok {
		return "", "", bad
	}
	if v, present := m["id"]; present {
		if id, ok = v.(string); !ok {
			return "", "", bad
		}
	}
	if v, present := m["folder"]; present {
		if folder, ok = v.(string); !ok {
			return "", "", bad
		}
		if _, isFile := uriPath(protocol.DocumentURI(folder)); !isFile {
			return "", "", bad
		}
	}
	return id, folder, nil
}

func pickPlan(plans []fix.Plan, code findings.Code) (fix.Plan, bool) {
	for _, p := range plans {
		if code == "" || p.Code == code {
			return p, true
		}
	}
	return fix.Plan{}, false
}

func resultType(res *fix.Result) protocol.MessageType {
	if res.Fixed {
		return protocol.MessageTypeInfo
	}
	return protocol.MessageTypeWarning
}

// resultText is what changed, whether the finding is gone for new
// programs, and which running programs keep the old environment.
func resultText(lang string, plan fix.Plan, res *fix.Result) string {
	lines := fix.Describe(plan, lang)[1:]
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	out := []string{findings.Text(lang, "result.applied", map[string]string{"id": res.Entry.ID})}
	out = append(out, lines...)
	if res.Fixed {
		out = append(out, findings.Text(lang, "result.fixed", map[string]string{"code": string(plan.Code)}))
	}
	for _, f := range res.Remaining {
		out = append(out, findings.Text(lang, "result.remaining", map[string]string{"code": string(f.Code), "message": f.Message}))
	}
	out = append(out, res.Notes...)
	if res.Restart != "" {
		out = append(out, res.Restart)
	}
	return strings.Join(out, "\n")
}

func (s *Server) showMessage(ctx context.Context, t protocol.MessageType, msg string) {
	if err := s.client.ShowMessage(ctx, &protocol.ShowMessageParams{Type: t, Message: msg}); err != nil && !errors.Is(err, context.Canceled) {
		s.log.Info("showMessage", zap.Error(err))
	}
}
