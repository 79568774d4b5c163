package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

// LSP error codes the library does not define.
const (
	codeRequestFailed jsonrpc2.Code = -32803
)

// implemented are the methods this server answers; every other request gets
// -32601 and every other notification is ignored.
var implemented = map[string]bool{
	protocol.MethodInitialize:                         true,
	protocol.MethodInitialized:                        true,
	protocol.MethodShutdown:                           true,
	protocol.MethodWorkDoneProgressCancel:             true,
	protocol.MethodWorkspaceDidChangeConfiguration:    true,
	protocol.MethodWorkspaceDidChangeWatchedFiles:     true,
	protocol.MethodWorkspaceDidChangeWorkspaceFolders: true,
	protocol.MethodTextDocumentCodeLens:               true,
	protocol.MethodTextDocumentCodeAction:             true,
	protocol.MethodWorkspaceExecuteCommand:            true,
	protocol.MethodTextDocumentDidOpen:                true,
	protocol.MethodTextDocumentDidChange:              true,
	protocol.MethodTextDocumentDidClose:               true,
	protocol.MethodTextDocumentDidSave:                true,
}

// inflight is a request being handled, for $/cancelRequest.
type inflight struct {
	cancel   context.CancelFunc
	byClient atomic.Bool
}

// handle is the connection's handler chain (library notes, defects 1–6):
// $/cancelRequest and exit first; then the lifecycle gate (-32002 before
// initialize, -32600 after shutdown); unknown methods -32601; notifications,
// initialize and shutdown inline and in order; other requests concurrently.
// Every reply goes through reply(), which maps errors to codes; dispatch
// answers panics with -32603. It never returns an error: in jsonrpc2 v0.10
// that would end the connection.
func (s *Server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	defer func() {
		// This runs in the library's read loop: a panic here would end
		// the process, not one request.
		if r := recover(); r != nil {
			s.log.Error("panic in the handler chain", zap.String("method", req.Method()), zap.Any("panic", r), zap.Stack("stack"))
			if _, ok := req.(*jsonrpc2.Call); ok {
				_ = reply(context.WithoutCancel(ctx), nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", req.Method(), r))
			}
		}
	}()
	method := req.Method()
	call, isCall := req.(*jsonrpc2.Call)
	switch method {
	case protocol.MethodCancelRequest:
		s.cancelRequest(req.Params())
		if isCall { // a notification sent as a request still gets an answer
			_ = s.reply(method, reply, nil)(ctx, nil, nil)
		}
		return nil
	case protocol.MethodExit:
		s.exit()
		return nil
	}
	if err := s.admit(method, isCall); err != nil {
		s.log.Debug("refused", zap.String("method", method), zap.Error(err))
		if isCall {
			_ = s.reply(method, reply, nil)(ctx, nil, err)
		}
		return nil
	}
	if !implemented[method] {
		if isCall {
			err := jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "method not found: %s", method)
			_ = s.reply(method, reply, nil)(ctx, nil, err)
		}
		return nil
	}
	if method == protocol.MethodInitialize {
		s.rawInit = req.Params()
	}
	if !isCall || method == protocol.MethodInitialize || method == protocol.MethodShutdown {
		s.dispatch(ctx, s.reply(method, reply, nil), req)
		return nil
	}
	key := fmt.Sprintf("%q", call.ID())
	s.mu.Lock()
	rctx, cancel := context.WithCancel(s.workCtx)
	in := &inflight{cancel: cancel}
	s.inflight[key] = in
	started := s.spawnLocked(method, func() {
		defer func() {
			s.mu.Lock()
			delete(s.inflight, key)
			s.mu.Unlock()
			cancel()
		}()
		s.dispatch(rctx, s.reply(method, reply, in), req)
	})
	if !started {
		delete(s.inflight, key)
	}
	s.mu.Unlock()
	if !started {
		cancel()
		_ = s.reply(method, reply, nil)(ctx, nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is shutting down"))
	}
	return nil
}

// admit is the lifecycle gate.
func (s *Server) admit(method string, isCall bool) error {
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	switch {
	case state == stateNew && method != protocol.MethodInitialize:
		return jsonrpc2.Errorf(jsonrpc2.ServerNotInitialized, "%s before initialize", method)
	case state == stateRunning && method == protocol.MethodInitialize:
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "initialize was already received")
	case state == stateShutdown:
		return jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "%s after shutdown", method)
	}
	return nil
}

// dispatch runs the typed handler, answering a panic with -32603. initialized
// and shutdown are called directly: the library rejects them when a client
// sends `"params": null` or omits params.
func (s *Server) dispatch(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic in handler", zap.String("method", req.Method()), zap.Any("panic", r), zap.Stack("stack"))
			_ = reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", req.Method(), r))
		}
	}()
	switch req.Method() {
	case protocol.MethodInitialized:
		_ = reply(ctx, nil, s.Initialized(ctx, &protocol.InitializedParams{}))
	case protocol.MethodShutdown:
		_ = reply(ctx, nil, s.Shutdown(ctx))
	default:
		_ = s.inner(ctx, reply, req)
	}
}

// reply answers once, with the error mapped to a JSON-RPC code, on a context
// that a cancelled request cannot break; in is nil for inline messages.
func (s *Server) reply(method string, reply jsonrpc2.Replier, in *inflight) jsonrpc2.Replier {
	var done atomic.Bool
	return func(ctx context.Context, result any, err error) error {
		if !done.CompareAndSwap(false, true) {
			s.log.Warn("second reply dropped", zap.String("method", method))
			return nil
		}
		if in != nil && in.byClient.Load() {
			result, err = nil, protocol.ErrRequestCancelled
		}
		err = rpcError(err)
		if err != nil {
			s.log.Debug("reply", zap.String("method", method), zap.Error(err))
		}
		if werr := reply(context.WithoutCancel(ctx), result, err); werr != nil {
			s.log.Info("reply not sent", zap.String("method", method), zap.Error(werr))
		}
		return nil
	}
}

// rpcError gives every error a code: the library's own parse-error wrapping
// of bad params becomes -32602, a cancelled context -32800, anything without
// a code -32603.
func rpcError(err error) error {
	if err == nil {
		return nil
	}
	var coded *jsonrpc2.Error
	switch {
	case errors.As(err, &coded):
		if coded.Message == err.Error() {
			return coded
		}
		return &jsonrpc2.Error{Code: coded.Code, Message: err.Error(), Data: coded.Data}
	case errors.Is(err, context.Canceled):
		return protocol.ErrRequestCancelled
	case errors.Is(err, context.DeadlineExceeded):
		return jsonrpc2.NewError(codeRequestFailed, err.Error())
	case strings.HasPrefix(err.Error(), jsonrpc2.ErrParse.Message+":"):
		return jsonrpc2.NewError(jsonrpc2.InvalidParams, "invalid params"+strings.TrimPrefix(err.Error(), jsonrpc2.ErrParse.Message))
	}
	return jsonrpc2.NewError(jsonrpc2.InternalError, err.Error())
}

// cancelRequest handles $/cancelRequest with a string id, a number id (what
// VS Code sends; the library drops it) or any id the stream rewrote.
func (s *Server) cancelRequest(params json.RawMessage) {
	var p struct {
		ID json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal(params, &p); err != nil || len(p.ID) == 0 {
		s.log.Debug("malformed $/cancelRequest", zap.ByteString("params", params))
		return
	}
	key, ok := idKey(p.ID)
	if !ok {
		s.log.Debug("$/cancelRequest without a usable id", zap.ByteString("params", params))
		return
	}
	s.mu.Lock()
	in := s.inflight[key]
	s.mu.Unlock()
	if in != nil {
		in.byClient.Store(true)
		in.cancel()
	}
}
