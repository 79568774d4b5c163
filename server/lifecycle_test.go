package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"go.lsp.dev/protocol"
)

func codeLensParams(file string) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": pathURI(file)}}
}

func verifyParams(folder string) map[string]any {
	return map[string]any{"command": CommandVerify, "arguments": []any{pathURI(folder)}}
}

func wantError(t *testing.T, m *wire, code int) {
	t.Helper()
	if m.Error == nil {
		t.Fatalf("got result %s, want error %d", m.Result, code)
	}
	if m.Error.Code != code {
		t.Fatalf("got error %d %q, want %d", m.Error.Code, m.Error.Message, code)
	}
}

// blockingVerify blocks until the request is cancelled or release closes;
// started and stopped report both ends.
func blockingVerify(fp *fakeProbers, release <-chan struct{}) (started <-chan struct{}, stopped <-chan error) {
	st, sp := make(chan struct{}, 1), make(chan error, 1)
	fp.verify = func(ctx context.Context, _ Request, progress Progress) (*Verification, error) {
		st <- struct{}{}
		progress("trace", 10, "running go build -x")
		select {
		case <-ctx.Done():
			sp <- ctx.Err()
			return nil, ctx.Err()
		case <-release:
			sp <- nil
			return &Verification{Verdict: VerdictVerified}, nil
		}
	}
	return st, sp
}

func awaitChan[T any](t *testing.T, what string, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-timeoutC():
		t.Fatalf("timed out waiting for %s", what)
		var zero T
		return zero
	}
}

func TestBeforeInitialize(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot())
	c := start(t, fp)
	wantError(t, c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)), -32002)
	wantError(t, c.call(protocol.MethodShutdown, nil), -32002)
	c.notify(protocol.MethodInitialized, map[string]any{}) // ignored
	c.initialize("en", nil, sc.ws)
	wantError(t, c.call(protocol.MethodInitialize, map[string]any{"capabilities": map[string]any{}}), -32600)
	var lenses []protocol.CodeLens
	c.result(c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)), &lenses)
	if len(lenses) == 0 {
		t.Fatal("no lenses after initialize")
	}
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}

func TestErrorCodes(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot())
	fp.verify = func(context.Context, Request, Progress) (*Verification, error) { panic("boom") }
	c := start(t, fp)
	c.initialize("en", nil, sc.ws)

	tests := []struct {
		name   string
		method string
		params any
		code   int
	}{
		{"unknown method", "goroot-lens/nothing", map[string]any{}, -32601},
		{"unknown method without params", "textDocument/hover", nil, -32601},
		{"bad params: wrong type", protocol.MethodTextDocumentCodeLens, map[string]any{"textDocument": 5}, -32602},
		{"bad params: array", protocol.MethodWorkspaceExecuteCommand, []int{1}, -32602},
		{"bad params: no folder", protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": CommandReport, "arguments": []any{42}}, -32602},
		{"bad params: not a file URI", protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": CommandVerify, "arguments": []any{"https://example.com"}}, -32602},
		{"panic", protocol.MethodWorkspaceExecuteCommand, verifyParams(sc.ws), -32603},
		{"unknown command", protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": "goroot-lens.nothing"}, -32601},
		{"applyFix", protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": CommandApplyFix, "arguments": []any{map[string]any{}}}, -32602},
		{"undo", protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": CommandUndo}, -32803},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, c.call(tc.method, tc.params), tc.code)
		})
	}
	// An unknown notification is ignored; the connection still answers.
	c.notify("goroot-lens/unknownNotification", map[string]any{"x": 1})
	var lenses []protocol.CodeLens
	c.result(c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)), &lenses)
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}

// TestCancelNumericID: VS Code cancels with a number id; the answer is
// -32800 and the engine saw its context end.
func TestCancelNumericID(t *testing.T) {
	for _, id := range []string{"7", `"seven"`, "4294967296"} {
		t.Run(id, func(t *testing.T) {
			sc := newScenario(t)
			fp := newFakeProbers()
			fp.set(sc.ws, sc.snapshot())
			started, stopped := blockingVerify(fp, make(chan struct{}))
			c := start(t, fp)
			c.initialize("en", nil, sc.ws)
			resp := c.callID(id, protocol.MethodWorkspaceExecuteCommand, verifyParams(sc.ws))
			awaitChan(t, "verify to start", started)
			c.notify(protocol.MethodCancelRequest, map[string]any{"id": json.RawMessage(id)})
			m := c.wait("cancelled verify", resp)
			wantError(t, m, -32800)
			if string(m.ID) != id {
				t.Errorf("response id %s, want %s", m.ID, id)
			}
			if err := awaitChan(t, "verify to stop", stopped); !errors.Is(err, context.Canceled) {
				t.Errorf("engine context: %v, want canceled", err)
			}
			if err := c.shutdownExit(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestCancelProgress: the client cancels through window/workDoneProgress/cancel.
func TestCancelProgress(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot())
	_, stopped := blockingVerify(fp, make(chan struct{}))
	c := start(t, fp)
	c.initialize("en", map[string]any{"window": map[string]any{"workDoneProgress": true}}, sc.ws)
	mark := c.mark()
	_, resp := c.goCall(protocol.MethodWorkspaceExecuteCommand, verifyParams(sc.ws))
	create, _ := c.await("workDoneProgress/create", mark, isMethod(protocol.MethodWorkDoneProgressCreate))
	var token struct {
		Token json.RawMessage `json:"token"`
	}
	json.Unmarshal(create.Params, &token)
	_, at := c.await("progress begin", mark, progressKind("begin"))
	c.await("progress report", at, progressKind("report"))
	c.notify(protocol.MethodWorkDoneProgressCancel, map[string]any{"token": token.Token})
	wantError(t, c.wait("cancelled verify", resp), -32800)
	awaitChan(t, "verify to stop", stopped)
	c.await("progress end", at, progressKind("end"))
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}

func progressKind(kind string) func(*wire) bool {
	return func(m *wire) bool {
		var p struct {
			Value struct {
				Kind string `json:"kind"`
			} `json:"value"`
		}
		return m.Method == protocol.MethodProgress && json.Unmarshal(m.Params, &p) == nil && p.Value.Kind == kind
	}
}

// TestSlowVerifyDoesNotDelayCodeLens: while a verify is running, a codeLens
// request is answered; the verify answers only after it is released.
func TestSlowVerifyDoesNotDelayCodeLens(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot())
	release := make(chan struct{})
	started, _ := blockingVerify(fp, release)
	c := start(t, fp)
	c.initialize("en", nil, sc.ws)
	_, verify := c.goCall(protocol.MethodWorkspaceExecuteCommand, verifyParams(sc.ws))
	awaitChan(t, "verify to start", started)
	var lenses []protocol.CodeLens
	c.result(c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)), &lenses)
	select {
	case m := <-verify:
		t.Fatalf("verify answered before it was released: %+v", m)
	default:
	}
	close(release)
	var v Verification
	c.result(c.wait("verify", verify), &v)
	if v.Verdict != VerdictVerified {
		t.Errorf("verdict %q", v.Verdict)
	}
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}

// TestBrokenFrames: ids beyond int32 and undecodable frames do not end the
// connection.
func TestBrokenFrames(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot())
	c := start(t, fp)
	c.initialize("en", nil, sc.ws)

	m := c.wait("big id", c.callID("9007199254740993", protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)))
	c.result(m, nil)
	if string(m.ID) != "9007199254740993" {
		t.Errorf("id came back as %s", m.ID)
	}

	m = c.wait("empty string id", c.callID(`""`, protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)))
	c.result(m, nil)
	if string(m.ID) != `""` {
		t.Errorf("id \"\" came back as %s", m.ID)
	}

	parseErr := c.expect("null")
	c.writeFrame([]byte(`{"jsonrpc":"2.0","id":3,"method":`))
	wantError(t, c.wait("parse error", parseErr), -32700)

	invalid := c.expect("11")
	c.writeFrame([]byte(`{"jsonrpc":"1.0","id":11,"method":"textDocument/codeLens"}`))
	wantError(t, c.wait("invalid request", invalid), -32600)

	parseErr = c.expect("null") // cannot tell a broken notification from a broken call
	c.writeFrame([]byte(`{"jsonrpc":"2.0","method":"x/y","params":`))
	wantError(t, c.wait("parse error", parseErr), -32700)
	c.result(c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)), nil)

	// A Content-Length nobody can allocate is skipped, not a panic.
	c.wmu.Lock()
	fmt.Fprintf(c.conn, "Content-Length: 9223372036854775807\r\n\r\n")
	c.wmu.Unlock()
	c.result(c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)), nil)
	// A Content-Length too short for its body: that frame is lost, the
	// stream finds the next header, and the next request is answered.
	parseErr = c.expect("null") // the cut body is answered as a parse error
	c.wmu.Lock()
	body := `{"jsonrpc":"2.0","method":"x/y","params":{}}`
	fmt.Fprintf(c.conn, "Content-Length: %d\r\n\r\n%s", len(body)-10, body)
	c.wmu.Unlock()
	wantError(t, c.wait("parse error of the cut frame", parseErr), -32700)
	c.result(c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)), nil)
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}

func TestExit(t *testing.T) {
	sc := newScenario(t)
	t.Run("after shutdown", func(t *testing.T) {
		fp := newFakeProbers()
		fp.set(sc.ws, sc.snapshot())
		c := start(t, fp)
		c.initialize("en", nil, sc.ws)
		c.result(c.call(protocol.MethodShutdown, nil), nil)
		wantError(t, c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)), -32600)
		c.send(map[string]any{"jsonrpc": "2.0", "method": "exit", "params": nil})
		if err := c.served1(); err != nil || ExitCode(err) != 0 {
			t.Fatalf("Serve: %v, exit code %d", err, ExitCode(err))
		}
	})
	t.Run("without shutdown", func(t *testing.T) {
		fp := newFakeProbers()
		fp.set(sc.ws, sc.snapshot())
		c := start(t, fp)
		c.initialize("en", nil, sc.ws)
		c.send(map[string]any{"jsonrpc": "2.0", "method": "exit"})
		if err := c.served1(); !errors.Is(err, ErrExitWithoutShutdown) || ExitCode(err) != 1 {
			t.Fatalf("Serve: %v, exit code %d", err, ExitCode(err))
		}
	})
	t.Run("stream closed", func(t *testing.T) {
		c := start(t, newFakeProbers())
		c.initialize("en", nil)
		c.conn.Close()
		if err := c.served1(); !errors.Is(err, ErrConnectionClosed) || ExitCode(err) != 1 {
			t.Fatalf("Serve: %v, exit code %d", err, ExitCode(err))
		}
	})
}

// TestNotificationOrder: settings changes are applied in the order sent; the
// state after a burst is the last one.
func TestNotificationOrder(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot())
	c := start(t, fp)
	c.initialize("en", nil, sc.ws)
	const n = 200
	for i := 1; i <= n; i++ {
		c.notify(protocol.MethodWorkspaceDidChangeConfiguration, map[string]any{
			"settings": map[string]any{"go": map[string]any{"goroot": fmt.Sprintf("/opt/go-%d", i)}},
		})
	}
	// A request is handled after every notification sent before it.
	var got Request
	fp.mu.Lock()
	fp.verify = func(_ context.Context, req Request, _ Progress) (*Verification, error) {
		got = req
		return &Verification{Verdict: VerdictVerified}, nil
	}
	fp.mu.Unlock()
	c.result(c.call(protocol.MethodWorkspaceExecuteCommand, verifyParams(sc.ws)), nil)
	if want := fmt.Sprintf("/opt/go-%d", n); got.Settings["go.goroot"] != want {
		t.Errorf("settings after the burst: %v, want go.goroot=%s", got.Settings, want)
	}
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}
