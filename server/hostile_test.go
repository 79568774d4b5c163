package server

// Hostile clients (issue 9): ids of every shape, frames that are not
// messages, wrong params for every method, the lifecycle out of order,
// bad command arguments, cancellation of everything. Each case asserts the
// codes and that the next valid request is still answered. The fake
// editor (harness_test.go) fails the test on a response to an id it did
// not send, so no stray answer goes unnoticed.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// fakeSession is a server with fake probers, initialized on the scenario.
func fakeSession(t *testing.T) (*client, *fakeProbers, scenario) {
	t.Helper()
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot())
	c := start(t, fp)
	c.initialize("en", nil, sc.ws)
	return c, fp, sc
}

// stillAnswers asserts the connection is alive: a code lens request is
// answered with lenses.
func stillAnswers(t *testing.T, c *client, sc scenario) {
	t.Helper()
	var lenses []protocol.CodeLens
	c.result(c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)), &lenses)
	if len(lenses) == 0 {
		t.Fatal("no code lenses: the connection is not healthy")
	}
}

// TestHostileIDs: every id comes back exactly as sent; an id that is
// neither a string nor a number is -32600 with id null.
func TestHostileIDs(t *testing.T) {
	c, _, sc := fakeSession(t)
	ids := []string{
		"0", "-1", "2147483647", "-2147483648", "2147483648", "-2147483649",
		"9007199254740993", "18446744073709551616", "-9223372036854775809",
		"-0", "1e400", "1E2", "1.5", "0.0", "1e-400", strings.Repeat("9", 400),
		`""`, `"x"`, `"0"`, `"#1"`, `"\u0000"`, `"a\"b\\c"`, `"日本"`,
		`"goroot-lens/empty-id"`, `"goroot-lens/number-id:5"`, `"goroot-lens/number-id:abc"`, `"goroot-lens/string-id:x"`,
		`"` + strings.Repeat("z", 10000) + `"`,
	}
	for _, id := range ids {
		t.Run(clipName(id), func(t *testing.T) {
			m := c.wait("id "+id, c.callID(id, protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)))
			c.result(m, nil)
			if !sameID(m.ID, json.RawMessage(id)) {
				t.Errorf("id %s came back as %s", clipName(id), clipName(string(m.ID)))
			}
		})
	}
	for _, id := range []string{"true", "false", "{}", `{"a":1}`, "[1]", "[]"} {
		t.Run(id, func(t *testing.T) {
			resp := c.expect("null")
			c.writeFrame([]byte(`{"jsonrpc":"2.0","id":` + id + `,"method":"textDocument/codeLens","params":{}}`))
			wantError(t, c.wait("invalid id "+id, resp), -32600)
		})
	}
	stillAnswers(t, c, sc)
}

// sameID compares ids as the client does: numbers byte for byte (the text
// is the id), strings by value (escapes may differ).
func sameID(got, want json.RawMessage) bool {
	var gs, ws string
	if json.Unmarshal(want, &ws) == nil {
		return json.Unmarshal(got, &gs) == nil && gs == ws
	}
	return bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want))
}

func clipName(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// TestMalformedBodies: every body that is not a request is answered with
// the JSON-RPC code for it (or dropped, for a stray response or a
// notification), and the connection goes on.
func TestMalformedBodies(t *testing.T) {
	c, _, sc := fakeSession(t)
	lens := `"params":{"textDocument":{"uri":"` + string(pathURI(sc.gomod)) + `"}}`
	tests := []struct {
		name string
		body string
		id   string // the id of the answer; "" means none
		code int    // 0: a result
	}{
		{"not JSON", `not json`, "null", -32700},
		{"cut JSON", `{"jsonrpc":"2.0","id":3,"method":`, "null", -32700},
		{"BOM", "\ufeff{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"x\"}", "null", -32700},
		{"empty array", `[]`, "null", -32600},
		{"batch", `[{"jsonrpc":"2.0","id":21,"method":"textDocument/codeLens",` + lens + `},{"jsonrpc":"2.0","method":"x/y"}]`, "21", -32600},
		{"array of numbers", `[1,2]`, "null", -32600},
		{"number", `5`, "null", -32600},
		{"string", `"textDocument/codeLens"`, "null", -32600},
		{"null", `null`, "null", -32600},
		{"empty object", `{}`, "null", -32600},
		{"id without method", `{"jsonrpc":"2.0","id":22}`, "22", -32600},
		{"method not a string", `{"jsonrpc":"2.0","id":23,"method":5}`, "23", -32600},
		{"method empty", `{"jsonrpc":"2.0","id":24,"method":""}`, "24", -32600},
		{"method not a string, no id", `{"jsonrpc":"2.0","method":["x"]}`, "null", -32600},
		// Accepted: the library does not insist on "jsonrpc", and such a
		// client is understood; a wrong version is refused.
		{"no jsonrpc", `{"id":26,"method":"textDocument/codeLens",` + lens + `}`, "26", 0},
		{"jsonrpc 1.0", `{"jsonrpc":"1.0","id":27,"method":"textDocument/codeLens"}`, "27", -32600},
		{"params a number", `{"jsonrpc":"2.0","id":28,"method":"textDocument/codeLens","params":5}`, "28", -32602},
		{"params a string", `{"jsonrpc":"2.0","id":29,"method":"textDocument/codeLens","params":"x"}`, "29", -32602},
		{"stray response", `{"jsonrpc":"2.0","id":30,"result":null}`, "", 0},
		{"stray error response", `{"jsonrpc":"2.0","id":31,"error":{"code":1,"message":"x"}}`, "", 0},
		{"unknown notification", `{"jsonrpc":"2.0","method":"goroot-lens/x","params":{}}`, "", 0},
		{"unknown $/ notification", `{"jsonrpc":"2.0","method":"$/goroot-lens-unknown"}`, "", 0},
		{"trailing garbage after a request", `{"jsonrpc":"2.0","id":32,"method":"textDocument/codeLens",` + lens + `}xyz`, "32", 0},
		{"white space around", "\r\n {\"jsonrpc\":\"2.0\",\"id\":33,\"method\":\"textDocument/codeLens\"," + lens + "} \n", "33", 0},
		{"duplicate keys", `{"jsonrpc":"2.0","id":34,"id":35,"method":"textDocument/codeLens",` + lens + `}`, "35", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var resp <-chan *wire
			if tc.id != "" {
				resp = c.expect(tc.id)
			}
			c.writeFrame([]byte(tc.body))
			if resp != nil {
				m := c.wait(tc.name, resp)
				if tc.code == 0 {
					c.result(m, nil)
				} else {
					wantError(t, m, tc.code)
				}
			}
			stillAnswers(t, c, sc)
		})
	}
}

// TestWrongContentLength: a Content-Length too long no longer swallows the
// next frame, a header line without end costs no memory, and blank lines
// between frames are nothing.
func TestWrongContentLength(t *testing.T) {
	c, _, sc := fakeSession(t)
	req := func(id int) string {
		return fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"textDocument/codeLens","params":{"textDocument":{"uri":"%s"}}}`, id, pathURI(sc.gomod))
	}
	raw := func(s string) {
		c.wmu.Lock()
		defer c.wmu.Unlock()
		if _, err := c.conn.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}

	// Too long by 1000, with the next frame right behind: both answered,
	// without waiting for bytes that never come.
	first, second := c.expect("41"), c.expect("42")
	raw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(req(41))+1000, req(41)))
	raw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(req(42)), req(42)))
	c.result(c.wait("the frame with a long Content-Length", first), nil)
	c.result(c.wait("the frame after it", second), nil)

	// Too long, with a broken body: the broken part is -32700, the next
	// frame is answered.
	parseErr, third := c.expect("null"), c.expect("43")
	raw("Content-Length: 5000\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":")
	raw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(req(43)), req(43)))
	wantError(t, c.wait("parse error", parseErr), -32700)
	c.result(c.wait("the frame after the broken one", third), nil)

	// Blank lines before a header, a header line of 8 MiB without end, and
	// headers other than Content-Length.
	raw("\r\n\r\n\n")
	raw(strings.Repeat("x", 8<<20))
	fourth := c.expect("44")
	raw(fmt.Sprintf("Content-Length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n%s", len(req(44)), req(44)))
	c.result(c.wait("the frame after a huge header line", fourth), nil)

	// Invalid UTF-8 before the header name: lower-casing changed the
	// line's length, and the slice at the lowered index panicked the
	// process (found by FuzzFraming).
	fifth := c.expect("45")
	raw(fmt.Sprintf("\xfc\xfc\xfcContent-Length: %d\r\n\r\n%s", len(req(45)), req(45)))
	c.result(c.wait("the frame after invalid UTF-8", fifth), nil)

	// Content-Length: 0, negative, not a number: skipped.
	raw("Content-Length: 0\r\n\r\nContent-Length: -5\r\n\r\nContent-Length: abc\r\n\r\n")
	stillAnswers(t, c, sc)
}

// TestDuplicateResponses: a client that answers the server's requests
// several times (or answers requests never sent) does not block the read
// loop. In jsonrpc2 v0.10 a third answer to one request blocked the loop
// for good: the pending channel holds one.
func TestDuplicateResponses(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot())
	c := start(t, fp)
	var asked atomic.Int32
	c.mu.Lock()
	c.answer = func(m *wire) (any, *wireError) {
		asked.Add(1)
		// Five more answers, and answers to ids the server never used.
		go func() {
			for range 50 {
				_ = c.write(map[string]any{"jsonrpc": "2.0", "id": m.ID, "result": []any{nil, nil}})
			}
			_ = c.write(map[string]any{"jsonrpc": "2.0", "id": 987654, "result": nil})
			_ = c.write(map[string]any{"jsonrpc": "2.0", "id": "never", "error": map[string]any{"code": 1, "message": "x"}})
		}()
		return []any{nil, nil}, nil
	}
	c.mu.Unlock()
	c.initialize("en", map[string]any{"workspace": map[string]any{"configuration": true}}, sc.ws)
	for i := range 20 {
		// Each change makes the server ask workspace/configuration again.
		c.notify(protocol.MethodWorkspaceDidChangeConfiguration, map[string]any{"settings": nil})
		if i%5 == 0 {
			stillAnswers(t, c, sc)
		}
	}
	c.await("workspace/configuration requests", 0, func(*wire) bool { return asked.Load() >= 5 })
	stillAnswers(t, c, sc)
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}

// everyMethod is what the handler chain dispatches (implemented), sorted.
func everyMethod() []string {
	var ms []string
	for m := range implemented {
		ms = append(ms, m)
	}
	slices.Sort(ms)
	return ms
}

// TestInvalidParamsEveryMethod: params of the wrong type are -32602 for
// every method the server dispatches, as a request; as a notification they
// are dropped. The connection answers after each.
func TestInvalidParamsEveryMethod(t *testing.T) {
	c, fp, sc := fakeSession(t)
	bad := []string{`5`, `"x"`, `true`, `[1]`, `{"textDocument":5,"settings":1,"changes":7,"event":3,"token":{},"command":[]}`}
	for _, method := range everyMethod() {
		t.Run(method, func(t *testing.T) {
			for _, p := range bad {
				if method == protocol.MethodInitialized || method == protocol.MethodShutdown {
					continue // they take no params: the dispatch ignores what comes (lifecycle tests)
				}
				want := -32602
				if method == protocol.MethodInitialize {
					want = -32600 // already initialized: the lifecycle gate answers first
				}
				if p[0] == '{' && !strings.HasPrefix(method, "textDocument/") && method != protocol.MethodWorkspaceExecuteCommand &&
					method != protocol.MethodWorkspaceDidChangeWatchedFiles && method != protocol.MethodWorkspaceDidChangeWorkspaceFolders &&
					method != protocol.MethodWorkDoneProgressCancel && method != protocol.MethodInitialize {
					continue // didChangeConfiguration takes any settings value
				}
				id, resp := c.goCall(method, json.RawMessage(p))
				wantError(t, c.wait(method+" "+p+" (id "+id+")", resp), want)
				c.notify(method, json.RawMessage(p))
			}
			stillAnswers(t, c, sc)
		})
	}
	if n := fp.callCounts()[sc.ws]; n > 2 {
		t.Errorf("bad params started %d probe runs", n)
	}
	t.Run("initialize before initialized", func(t *testing.T) {
		c := start(t, fp)
		for _, p := range []string{`5`, `"x"`, `[1]`, `{"processId":"x"}`, `{"capabilities":5}`, `{"workspaceFolders":{}}`} {
			wantError(t, c.call(protocol.MethodInitialize, json.RawMessage(p)), -32602)
		}
		c.initialize("en", nil, sc.ws)
		stillAnswers(t, c, sc)
	})
}

// TestHostileLifecycle: requests before initialize are -32002 and
// notifications dropped; a second initialize is -32600; after shutdown
// every request is -32600; unknown methods -32601 ($/ ones too, as
// requests; as notifications they are ignored); exit after shutdown is 0.
func TestHostileLifecycle(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot())
	c := start(t, fp)

	calls := []struct {
		method string
		params any
	}{
		{protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)},
		{protocol.MethodTextDocumentCodeAction, map[string]any{"textDocument": map[string]any{"uri": pathURI(sc.gomod)}, "range": map[string]any{}, "context": map[string]any{"diagnostics": []any{}}}},
		{protocol.MethodWorkspaceExecuteCommand, verifyParams(sc.ws)},
		{protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": CommandRefresh}},
		{protocol.MethodShutdown, nil},
		{"textDocument/hover", map[string]any{}},
		{"$/goroot-lens-unknown", nil},
	}
	notes := []struct {
		method string
		params any
	}{
		{protocol.MethodInitialized, map[string]any{}},
		{protocol.MethodTextDocumentDidOpen, map[string]any{"textDocument": map[string]any{"uri": pathURI(sc.gomod), "text": "module x\n\ngo 1.30\n"}}},
		{protocol.MethodWorkspaceDidChangeConfiguration, map[string]any{"settings": map[string]any{"go": map[string]any{"goroot": "/x"}}}},
		{protocol.MethodWorkspaceDidChangeWatchedFiles, map[string]any{"changes": []any{map[string]any{"uri": pathURI(sc.gomod), "type": 2}}}},
		{"$/goroot-lens-unknown", map[string]any{}},
		{protocol.MethodCancelRequest, map[string]any{"id": 1}},
	}

	// Before initialize.
	for _, n := range notes {
		c.notify(n.method, n.params)
	}
	for _, call := range calls {
		wantError(t, c.call(call.method, call.params), -32002)
	}
	if got := fp.callCounts(); len(got) != 0 {
		t.Errorf("probes ran before initialize: %v", got)
	}
	if n := c.mark(); n != 0 {
		t.Errorf("the server sent %d messages before initialize: %+v", n, c.messages(0, n)[0])
	}

	// Initialize; a second one is refused and changes nothing.
	c.initialize("en", nil, sc.ws)
	wantError(t, c.call(protocol.MethodInitialize, map[string]any{"capabilities": map[string]any{}, "locale": "zh-CN"}), -32600)
	var lenses []protocol.CodeLens
	c.result(c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)), &lenses)
	if len(lenses) == 0 || lenses[0].Command.Title != "Verify GOROOT" {
		t.Errorf("lenses after a second initialize: %+v", lenses)
	}
	wantError(t, c.call("textDocument/hover", map[string]any{}), -32601)
	wantError(t, c.call("$/goroot-lens-unknown", nil), -32601)
	c.notify("$/goroot-lens-unknown", map[string]any{})
	c.notify("$/setTrace", map[string]any{"value": "verbose"})
	c.notify("$/logTrace", map[string]any{"message": "x"})
	// A notification sent as a request is answered.
	c.result(c.call(protocol.MethodCancelRequest, map[string]any{"id": 12345}), nil)
	c.result(c.call(protocol.MethodWorkDoneProgressCancel, map[string]any{"token": "nothing"}), nil)
	stillAnswers(t, c, sc)

	// Shutdown; everything after it but exit is refused.
	c.result(c.call(protocol.MethodShutdown, nil), nil)
	for _, call := range append(calls, struct {
		method string
		params any
	}{protocol.MethodInitialize, map[string]any{"capabilities": map[string]any{}}}) {
		wantError(t, c.call(call.method, call.params), -32600)
	}
	for _, n := range notes {
		c.notify(n.method, n.params)
	}
	wantError(t, c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)), -32600)
	c.send(map[string]any{"jsonrpc": "2.0", "method": "exit"})
	if err := c.served1(); err != nil || ExitCode(err) != 0 {
		t.Fatalf("Serve after shutdown and exit: %v, exit code %d", err, ExitCode(err))
	}

	t.Run("exit before initialize", func(t *testing.T) {
		c := start(t, fp)
		c.send(map[string]any{"jsonrpc": "2.0", "method": "exit"})
		if err := c.served1(); !errors.Is(err, ErrExitWithoutShutdown) || ExitCode(err) != 1 {
			t.Fatalf("Serve: %v, exit code %d", err, ExitCode(err))
		}
	})
	t.Run("exit as a request after shutdown", func(t *testing.T) {
		c := start(t, fp)
		c.initialize("en", nil, sc.ws)
		c.result(c.call(protocol.MethodShutdown, map[string]any{"unexpected": true}), nil)
		c.send(map[string]any{"jsonrpc": "2.0", "id": 99, "method": "exit"})
		if err := c.served1(); err != nil {
			t.Fatalf("Serve: %v", err)
		}
	})
}

// TestExecuteCommandBadArguments: every command of the table, with
// arguments of every wrong shape, is a clear error (-32602 for a wrong
// argument, -32803 for one that names nothing to do), never -32603.
func TestExecuteCommandBadArguments(t *testing.T) {
	c, _, sc := fakeSession(t)
	notFile := []string{`[null]`, `[5]`, `[true]`, `["not a uri"]`, `["https://example.com/x"]`, `["file://"]`, `[{}]`, `[{"folder":5}]`, `[{"folder":"mailto:x"}]`, `[[]]`, `[[1,2]]`}
	tests := map[string]struct {
		args []string
		code int
	}{
		CommandVerify:  {notFile, -32602},
		CommandReport:  {notFile, -32602},
		CommandRefresh: {notFile, -32602},
		CommandApplyFix: {[]string{`[null]`, `[5]`, `["x"]`, `[{}]`, `[{"fix":{}}]`, `[{"fix":{"id":5}}]`, `[{"fix":{"id":"x"}}]`,
			`[{"fix":{"id":"x"},"folder":"https://x"}]`, `[{"folder":` + string(mustJSON(string(pathURI(sc.ws)))) + `,"fix":"x"}]`}, -32602},
		CommandUndo: {[]string{`[5]`, `["x"]`, `[[]]`, `[{"id":5}]`, `[{"folder":5}]`, `[{"folder":"https://x"}]`}, -32602},
	}
	for _, name := range commandNames() {
		tc, ok := tests[name]
		if !ok {
			t.Errorf("command %s has no bad-argument cases", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			for _, args := range tc.args {
				m := c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": name, "arguments": json.RawMessage(args)})
				wantError(t, m, tc.code)
				if m.Error.Message == "" {
					t.Errorf("%s %s: empty error message", name, args)
				}
			}
			// Arguments that are not a list at all are the request's params.
			for _, args := range []string{`5`, `"x"`, `{"folder":1}`} {
				wantError(t, c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": name, "arguments": json.RawMessage(args)}), -32602)
			}
			stillAnswers(t, c, sc)
		})
	}
	t.Run("names nothing to do", func(t *testing.T) {
		wantError(t, c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": CommandUndo, "arguments": []any{map[string]any{"id": "no-such-entry"}}}), -32803)
		wantError(t, c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": CommandApplyFix,
			"arguments": []any{map[string]any{"folder": pathURI(sc.ws), "fix": map[string]any{"id": "no-such-fix"}}}}), -32803)
	})
	for _, cmd := range []any{"", 5, nil, "goroot-lens.", "GOROOT-LENS.VERIFY"} {
		m := c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": cmd})
		if m.Error == nil || (m.Error.Code != -32601 && m.Error.Code != -32602) {
			t.Errorf("command %v: %+v", cmd, m.Error)
		}
	}
	stillAnswers(t, c, sc)
}

// TestCancelEverything: $/cancelRequest for every request (running,
// answered, never sent) and with malformed params: the running ones are
// -32800 with their own ids, the rest changes nothing.
func TestCancelEverything(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot())
	started, stopped := blockingVerify(fp, make(chan struct{}))
	c := start(t, fp)
	c.initialize("en", nil, sc.ws)

	verifyIDs := []string{"101", `"v-2"`, `""`, "-0", "1e400", "4294967296", `"goroot-lens/number-id:7"`}
	verifies := map[string]<-chan *wire{}
	for _, id := range verifyIDs {
		verifies[id] = c.callID(id, protocol.MethodWorkspaceExecuteCommand, verifyParams(sc.ws))
	}
	awaitChan(t, "verify to start", started)
	var lensIDs []string
	for range 5 {
		id, ch := c.goCall(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod))
		c.result(c.wait("code lens", ch), nil)
		lensIDs = append(lensIDs, id)
	}
	for _, p := range []string{`null`, `5`, `"x"`, `[]`, `{}`, `{"id":null}`, `{"id":true}`, `{"id":{}}`, `{"id":999999}`, `{"id":"never"}`, `{"id":-0.0}`} {
		c.notify(protocol.MethodCancelRequest, json.RawMessage(p))
	}
	for _, id := range lensIDs {
		c.notify(protocol.MethodCancelRequest, map[string]any{"id": json.RawMessage(id)})
	}
	select {
	case err := <-stopped:
		t.Fatalf("the run stopped (%v) before every waiter cancelled", err)
	default:
	}
	for _, id := range verifyIDs {
		c.notify(protocol.MethodCancelRequest, map[string]any{"id": json.RawMessage(id)})
		c.notify(protocol.MethodCancelRequest, map[string]any{"id": json.RawMessage(id)}) // twice
	}
	for _, id := range verifyIDs {
		m := c.wait("cancelled verify "+id, verifies[id])
		wantError(t, m, -32800)
		if !sameID(m.ID, json.RawMessage(id)) {
			t.Errorf("cancelled %s answered with id %s", id, m.ID)
		}
	}
	if err := awaitChan(t, "the shared run to stop", stopped); !errors.Is(err, context.Canceled) {
		t.Errorf("run context: %v, want canceled", err)
	}
	// Cancelling what is answered, again.
	for _, id := range append(verifyIDs, lensIDs...) {
		c.notify(protocol.MethodCancelRequest, map[string]any{"id": json.RawMessage(id)})
	}
	stillAnswers(t, c, sc)
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}

// TestVerifySharedRun: concurrent verifies of the same folder share one
// run; one waiter's cancellation does not stop it for the others; a change
// makes the next verify start a new run.
func TestVerifySharedRun(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot())
	release := make(chan struct{})
	var runs atomic.Int32
	started := make(chan struct{}, 10)
	fp.verify = func(ctx context.Context, _ Request, progress Progress) (*Verification, error) {
		runs.Add(1)
		started <- struct{}{}
		progress("trace", 50, "go build -x")
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-release:
			return &Verification{Verdict: VerdictVerified}, nil
		}
	}
	c := start(t, fp)
	c.initialize("en", map[string]any{"window": map[string]any{"workDoneProgress": true}}, sc.ws)
	mark := c.mark()
	idA, a := c.goCall(protocol.MethodWorkspaceExecuteCommand, verifyParams(sc.ws))
	awaitChan(t, "the run to start", started)
	_, b := c.goCall(protocol.MethodWorkspaceExecuteCommand, verifyParams(sc.ws))
	_, d := c.goCall(protocol.MethodWorkspaceExecuteCommand, verifyParams(sc.ws))
	// Three progress reports of the run's stage: b and d joined the run
	// (a joiner is told the latest stage), so A's cancellation leaves it
	// running for them.
	for i, at := 0, mark; i < 3; i++ {
		_, at = c.await("progress report", at, progressKind("report"))
		at++
	}
	c.notify(protocol.MethodCancelRequest, map[string]any{"id": json.RawMessage(idA)})
	wantError(t, c.wait("cancelled verify", a), -32800)
	close(release)
	for _, ch := range []<-chan *wire{b, d} {
		var v Verification
		c.result(c.wait("shared verify", ch), &v)
		if v.Verdict != VerdictVerified {
			t.Errorf("verdict %q", v.Verdict)
		}
	}
	if n := runs.Load(); n != 1 {
		t.Errorf("%d runs for three concurrent verifies, want 1", n)
	}
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, map[string]any{"changes": []any{map[string]any{"uri": pathURI(sc.profile), "type": 2}}})
	c.result(c.call(protocol.MethodWorkspaceExecuteCommand, verifyParams(sc.ws)), nil)
	if n := runs.Load(); n != 2 {
		t.Errorf("%d runs after a change and a verify, want 2", n)
	}
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}

// TestPanicIsLoggedAndAnswered: a panic in a handler is -32603 and an
// error in the log with its stack; the process and the connection live.
func TestPanicIsLoggedAndAnswered(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot())
	fp.verify = func(context.Context, Request, Progress) (*Verification, error) { panic("boom") }
	core, logs := observer.New(zapcore.ErrorLevel)
	c, _ := serveWith(t, Config{Probers: fp.probers(), Env: []string{"HOME=" + t.TempDir()}, Logger: zap.New(core)})
	c.initialize("en", nil, sc.ws)
	for range 3 {
		m := c.call(protocol.MethodWorkspaceExecuteCommand, verifyParams(sc.ws))
		wantError(t, m, -32603)
		if !strings.Contains(m.Error.Message, "boom") {
			t.Errorf("message %q does not say what happened", m.Error.Message)
		}
	}
	if n := logs.FilterMessageSnippet("panic").Len(); n != 3 {
		t.Errorf("%d panics logged, want 3: %v", n, logs.All())
	}
	stillAnswers(t, c, sc)
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}
