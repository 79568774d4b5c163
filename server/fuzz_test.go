package server

// Fuzz tests of the protocol layer. `go test ./...` runs the seeds (below
// and in testdata/fuzz/); a real run is
//
//	go test ./server -run '^$' -fuzz '^FuzzFraming$' -fuzztime 5m
//	go test ./server -run '^$' -fuzz '^FuzzHandlers$' -fuzztime 5m

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

// pipeRWC is a finite input and a captured output for the stream.
type pipeRWC struct {
	io.Reader
	out bytes.Buffer
}

func (p *pipeRWC) Write(b []byte) (int, error) { return p.out.Write(b) }
func (p *pipeRWC) Close() error                { return nil }

func fuzzProbe(i int) string {
	return fmt.Sprintf(`{"jsonrpc":"2.0","id":"fuzz-probe-%d","method":"fuzz/probe","params":{"n":%d}}`, i, i)
}

// FuzzFraming: arbitrary bytes, then three well-formed frames, into the
// stream. No panic, no hang, allocation bounded by the input, every answer
// a well-formed JSON-RPC error frame, and the last frame decoded as sent:
// garbage loses at most itself and the frame right after it.
func FuzzFraming(f *testing.F) {
	for _, seed := range []string{
		"",
		"Content-Length: 9223372036854775807\r\n\r\n",
		"Content-Length: 5000\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":",
		"Content-Length: 3\r\n\r\n{\"a\":1}",
		"Content-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":\"x",
		"Content-Length: 2\r\n\r\n[]",
		"Content-Length: 52\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1e400,\"method\":\"initialize\"}",
		"Content-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":\"\",\"method\":\"x\"}",
		"Content-Length: 10\r\nContent-Length: abc\r\n\r\n0123456789",
		"\r\n\r\n\r\n",
		"content-length:7\n\n\"\\u00e9\"",
		strings.Repeat("x", 20000),
		"Content-Length: 30\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, garbage []byte) {
		var in bytes.Buffer
		in.Write(garbage)
		for i := range 3 {
			fmt.Fprintf(&in, "Content-Length: %d\r\n\r\n%s", len(fuzzProbe(i)), fuzzProbe(i))
		}
		total := in.Len()
		rwc := &pipeRWC{Reader: &in}
		s := newStream(rwc, zap.NewNop())
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		before := ms.TotalAlloc

		type result struct {
			msgs []jsonrpc2.Message
			err  error
		}
		done := make(chan result, 1)
		go func() {
			var r result
			for {
				msg, _, err := s.Read(t.Context())
				if err != nil {
					r.err = err
					break
				}
				r.msgs = append(r.msgs, msg)
			}
			done <- r
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("the stream did not reach the end of %d bytes of input", total)
		}
		runtime.ReadMemStats(&ms)
		if alloc := ms.TotalAlloc - before; alloc > 1<<20+64*uint64(total) {
			t.Errorf("reading %d bytes allocated %d bytes", total, alloc)
		}
		if r.err == nil || !strings.Contains(r.err.Error(), "EOF") {
			t.Errorf("the stream ended with %v, want EOF", r.err)
		}
		found := false
		for _, m := range r.msgs {
			if c, ok := m.(*jsonrpc2.Call); ok && fmt.Sprint(c.ID()) == "fuzz-probe-2" && c.Method() == "fuzz/probe" && string(c.Params()) == `{"n":2}` {
				found = true
			}
		}
		if !found {
			t.Errorf("the well-formed frame after the garbage was not decoded; got %d messages", len(r.msgs))
		}
		checkRejections(t, rwc.out.Bytes())
	})
}

// checkRejections: what the stream wrote on its own are error responses in
// well-formed frames.
func checkRejections(t *testing.T, out []byte) {
	t.Helper()
	r := bufio.NewReader(bytes.NewReader(out))
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF && line == "" {
			return
		}
		n, ok := strings.CutPrefix(strings.TrimSpace(line), "Content-Length: ")
		length, aerr := strconv.Atoi(n)
		if !ok || aerr != nil {
			t.Fatalf("bad header %q in the output", line)
		}
		if blank, _ := r.ReadString('\n'); blank != "\r\n" {
			t.Fatalf("no blank line after the header: %q", blank)
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			t.Fatalf("short body in the output: %v", err)
		}
		var m wire
		if err := json.Unmarshal(body, &m); err != nil || m.JSONRPC != "2.0" || m.Error == nil || len(m.ID) == 0 {
			t.Fatalf("not a JSON-RPC error response: %s", body)
		}
		if c := m.Error.Code; c != -32700 && c != -32600 {
			t.Errorf("rejection with code %d: %s", c, body)
		}
	}
}

// fuzzMethods are the methods the handler chain dispatches, and
// $/cancelRequest, which it handles itself; exit ends the connection and
// is tested by the lifecycle tests.
func fuzzMethods() []string {
	return append(everyMethod(), protocol.MethodCancelRequest)
}

// FuzzHandlers: any dispatched method with arbitrary params, as a request
// or a notification, through the whole server (fake probers, real fix
// engine in a temporary HOME). A request is answered, never with -32603
// (a panic or an unmapped error); then a code lens request is answered.
func FuzzHandlers(f *testing.F) {
	for i, m := range fuzzMethods() {
		for _, p := range []string{`{}`, `null`, `5`, `[]`, `{"textDocument":{"uri":"file:///x/go.mod","text":"go 1.22"}}`} {
			f.Add(uint8(i), []byte(p), m != protocol.MethodExit)
		}
	}
	ws, _ := filepath.Abs(filepath.Join("testdata", "ws1"))
	for _, cmd := range commandNames() {
		for _, args := range []string{`[]`, `[null]`, `["` + string(pathURI(ws)) + `"]`, `[{"folder":5,"fix":{"id":"x"}}]`} {
			p := fmt.Sprintf(`{"command":%q,"arguments":%s}`, cmd, args)
			f.Add(uint8(indexOf(fuzzMethods(), protocol.MethodWorkspaceExecuteCommand)), []byte(p), true)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, params []byte, asCall bool) {
		methods := fuzzMethods()
		method := methods[int(which)%len(methods)]
		if !json.Valid(params) {
			params, _ = json.Marshal(string(params)) // keep the frame a request: FuzzFraming does the rest
		}
		sc := newScenario(t)
		fp := newFakeProbers()
		fp.set(sc.ws, sc.snapshot())
		home := t.TempDir()
		c := startConfig(t, Config{Probers: fp.probers(), Env: []string{"HOME=" + home, "XDG_STATE_HOME=" + home, "XDG_CONFIG_HOME=" + home}})
		if method != protocol.MethodInitialize {
			c.initialize("en", nil, sc.ws)
		}
		frame := map[string]any{"jsonrpc": "2.0", "method": method, "params": json.RawMessage(params)}
		if asCall {
			id := "fuzz-call"
			frame["id"] = id
			resp := c.expect(strconv.Quote(id))
			c.send(frame)
			m := c.wait(method, resp)
			if m.Error != nil && m.Error.Code == -32603 {
				t.Fatalf("%s %s: internal error %q", method, params, m.Error.Message)
			}
		} else {
			c.send(frame)
		}
		if method == protocol.MethodInitialize {
			c.notify(protocol.MethodInitialized, map[string]any{})
		}
		m := c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod))
		if m.Error != nil && m.Error.Code != -32600 && m.Error.Code != -32002 {
			t.Fatalf("code lens after %s %s: error %d %q", method, params, m.Error.Code, m.Error.Message)
		}
	})
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// endless yields n bytes of b, then EOF, without holding them.
type endless struct {
	b byte
	n int
}

func (e *endless) Read(p []byte) (int, error) {
	if e.n == 0 {
		return 0, io.EOF
	}
	k := min(len(p), e.n)
	for i := range k {
		p[i] = e.b
	}
	e.n -= k
	return k, nil
}

// TestStreamMemoryBounded: what the stream allocates follows what arrives,
// not what a header claims, and a header line without end is not kept.
func TestStreamMemoryBounded(t *testing.T) {
	probe := fuzzProbe(0)
	tests := []struct {
		name  string
		input io.Reader
		limit uint64
	}{
		{"64 MiB header line without end", io.MultiReader(&endless{'x', 64 << 20}, strings.NewReader(fmt.Sprintf("\r\nContent-Length: %d\r\n\r\n%s", len(probe), probe))), 4 << 20},
		{"Content-Length at the limit, 10 bytes sent", strings.NewReader(fmt.Sprintf("Content-Length: %d\r\n\r\n{\"a\":\"xxx\r\nContent-Length: %d\r\n\r\n%s", maxFrame, len(probe), probe)), 1 << 20},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStream(&pipeRWC{Reader: tc.input}, zap.NewNop())
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			before := ms.TotalAlloc
			msg, _, err := s.Read(t.Context())
			runtime.ReadMemStats(&ms)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if c, ok := msg.(*jsonrpc2.Call); !ok || fmt.Sprint(c.ID()) != "fuzz-probe-0" {
				t.Fatalf("got %#v, want the probe", msg)
			}
			if alloc := ms.TotalAlloc - before; alloc > tc.limit {
				t.Errorf("allocated %d bytes, limit %d", alloc, tc.limit)
			}
		})
	}
}
