package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
)

// timeout bounds every expectation; nothing in these tests sleeps.
const timeout = 20 * time.Second

// wire is one JSON-RPC message as the client sees it.
type wire struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *wireError      `json:"error,omitempty"`
}

type wireError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// client is a fake editor speaking raw JSON-RPC over net.Pipe, so tests
// control ids and frames exactly. Server→client requests are answered by
// answer and, like notifications, appended to the log that expectations
// wait on.
type client struct {
	t      *testing.T
	conn   net.Conn
	wmu    sync.Mutex
	nextID int

	mu      sync.Mutex
	log     []*wire                       // server→client notifications and requests, in order
	pending map[string]chan *wire         // responses by raw id
	changed chan struct{}                 // closed and replaced on every new message
	answer  func(*wire) (any, *wireError) // reply to a server→client request

	served chan error // Serve's result
}

// fakeProbers return fixed snapshots and run verify functions the test sets.
type fakeProbers struct {
	mu     sync.Mutex
	snaps  map[string][]*envprobe.Snapshot // by folder: one per run, the last repeats
	runs   map[string]int                  // answered runs by folder
	calls  map[string]int                  // every call by folder
	reqs   chan Request
	verify func(ctx context.Context, req Request, progress Progress) (*Verification, error)
}

func newFakeProbers() *fakeProbers {
	return &fakeProbers{snaps: map[string][]*envprobe.Snapshot{}, runs: map[string]int{}, calls: map[string]int{}, reqs: make(chan Request, 100)}
}

func (fp *fakeProbers) set(folder string, snaps ...*envprobe.Snapshot) {
	fp.mu.Lock()
	defer fp.mu.Unlock()
	fp.snaps[folder] = snaps
}

// callCounts is a copy of the calls so far.
func (fp *fakeProbers) callCounts() map[string]int {
	fp.mu.Lock()
	defer fp.mu.Unlock()
	return maps.Clone(fp.calls)
}

func (fp *fakeProbers) probers() Probers {
	return Probers{
		Probe: func(ctx context.Context, req Request) (*envprobe.Snapshot, error) {
			select {
			case fp.reqs <- req:
			default: // nobody is looking
			}
			fp.mu.Lock()
			defer fp.mu.Unlock()
			fp.calls[req.Folder]++
			list := fp.snaps[req.Folder]
			if len(list) == 0 {
				return nil, fmt.Errorf("no snapshot for %s", req.Folder)
			}
			i := min(fp.runs[req.Folder], len(list)-1)
			fp.runs[req.Folder]++
			return list[i], nil
		},
		Verify: func(ctx context.Context, req Request, progress Progress) (*Verification, error) {
			fp.mu.Lock()
			v := fp.verify
			fp.mu.Unlock()
			if v == nil {
				return &Verification{Verdict: VerdictVerified}, nil
			}
			return v(ctx, req, progress)
		},
	}
}

// start serves one in-process connection for the test.
func start(t *testing.T, fp *fakeProbers) *client {
	t.Helper()
	return startConfig(t, Config{Probers: fp.probers(), Env: []string{"HOME=" + t.TempDir()}})
}

// startConfig serves with cfg, which leaves Probers empty for the real
// engines; logging, debounce and the report folder are the test's unless
// cfg sets them (serveWith).
func startConfig(t *testing.T, cfg Config) *client {
	t.Helper()
	c, _ := serveWith(t, cfg)
	return c
}

// serveWith serves cfg on an in-process connection and returns the Server
// too, for tests that look inside it: cfg.Logger nil means warnings into
// the test log, cfg.Debounce 0 means NoDebounce.
func serveWith(t *testing.T, cfg Config) (*client, *Server) {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))
	}
	if cfg.Debounce == 0 {
		cfg.Debounce = NoDebounce
	}
	if cfg.ReportDir == "" {
		cfg.ReportDir = t.TempDir()
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	a, b := net.Pipe()
	c := &client{
		t: t, conn: b, pending: map[string]chan *wire{}, changed: make(chan struct{}),
		served: make(chan error, 1),
		answer: func(*wire) (any, *wireError) { return nil, nil },
	}
	go func() { c.served <- s.Serve(context.Background(), a) }()
	go c.read()
	t.Cleanup(func() {
		b.Close()
		select {
		case <-c.served:
		case <-time.After(timeout):
			t.Error("Serve did not return after the client went away")
		}
	})
	return c, s
}

// read dispatches everything the server sends.
func (c *client) read() {
	r := bufio.NewReader(c.conn)
	for {
		var length int
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var m wire
		if err := json.Unmarshal(body, &m); err != nil {
			c.t.Errorf("server sent invalid JSON %q: %v", body, err)
			return
		}
		switch {
		case m.Method == "": // a response
			c.mu.Lock()
			ch := c.pending[string(m.ID)]
			delete(c.pending, string(m.ID))
			c.mu.Unlock()
			if ch == nil {
				c.t.Errorf("response to unknown id %s", m.ID)
				continue
			}
			ch <- &m
		default:
			if len(m.ID) > 0 {
				c.mu.Lock()
				answer := c.answer
				c.mu.Unlock()
				result, werr := answer(&m)
				reply := map[string]any{"jsonrpc": "2.0", "id": m.ID, "result": result}
				if werr != nil {
					reply["error"] = werr
				}
				// Never write from the reader: net.Pipe is synchronous and the
				// server may be writing too. A failed write means the test is over.
				go func() { _ = c.write(reply) }()
			}
			c.mu.Lock()
			c.log = append(c.log, &m)
			close(c.changed)
			c.changed = make(chan struct{})
			c.mu.Unlock()
		}
	}
}

func (c *client) send(v any) {
	if err := c.write(v); err != nil {
		c.t.Errorf("write: %v", err)
	}
}

func (c *client) write(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return c.writeRaw(body)
}

func (c *client) writeFrame(body []byte) {
	if err := c.writeRaw(body); err != nil {
		c.t.Errorf("write: %v", err)
	}
}

func (c *client) writeRaw(body []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_, err := fmt.Fprintf(c.conn, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return err
}

// callID sends a request with a given raw id and returns where its response
// will arrive.
func (c *client) callID(id string, method string, params any) <-chan *wire {
	ch := c.expect(id)
	m := map[string]any{"jsonrpc": "2.0", "id": json.RawMessage(id), "method": method}
	if params != nil {
		m["params"] = params
	}
	c.send(m)
	return ch
}

// expect registers for a response with a raw id the test sends by hand.
func (c *client) expect(id string) <-chan *wire {
	ch := make(chan *wire, 1)
	c.mu.Lock()
	c.pending[id] = ch
	c.mu.Unlock()
	return ch
}

func timeoutC() <-chan time.Time { return time.After(timeout) }

// goCall sends a request with the next numeric id.
func (c *client) goCall(method string, params any) (string, <-chan *wire) {
	c.mu.Lock()
	c.nextID++
	id := strconv.Itoa(c.nextID)
	c.mu.Unlock()
	return id, c.callID(id, method, params)
}

// call sends a request and waits for its response.
func (c *client) call(method string, params any) *wire {
	c.t.Helper()
	_, ch := c.goCall(method, params)
	return c.wait(method, ch)
}

func (c *client) wait(what string, ch <-chan *wire) *wire {
	c.t.Helper()
	select {
	case m := <-ch:
		return m
	case <-time.After(timeout):
		c.t.Fatalf("no response to %s", what)
		return nil
	}
}

// result decodes a successful response.
func (c *client) result(m *wire, into any) {
	c.t.Helper()
	if m.Error != nil {
		c.t.Fatalf("error %d: %s", m.Error.Code, m.Error.Message)
	}
	if into != nil {
		if err := json.Unmarshal(m.Result, into); err != nil {
			c.t.Fatalf("decoding %s: %v", m.Result, err)
		}
	}
}

func (c *client) notify(method string, params any) {
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// await waits until pred holds for the log of server→client messages and
// returns the first message (from index from on) it accepted.
func (c *client) await(what string, from int, pred func(*wire) bool) (*wire, int) {
	c.t.Helper()
	deadline := time.After(timeout)
	for {
		c.mu.Lock()
		log, changed := c.log, c.changed
		c.mu.Unlock()
		for i := from; i < len(log); i++ {
			if pred(log[i]) {
				return log[i], i
			}
		}
		select {
		case <-changed:
		case <-deadline:
			c.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// mark is the current end of the log, for expectations about what follows.
func (c *client) mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.log)
}

// messages returns the log between two marks.
func (c *client) messages(from, to int) []*wire {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*wire(nil), c.log[from:to]...)
}

// diagnostics waits for the next publish for u after from.
func (c *client) diagnostics(u protocol.DocumentURI, from int) ([]protocol.Diagnostic, int) {
	c.t.Helper()
	m, i := c.await("diagnostics for "+string(u), from, func(m *wire) bool {
		return m.Method == protocol.MethodTextDocumentPublishDiagnostics && strings.Contains(string(m.Params), `"uri":"`+string(u)+`"`)
	})
	var p protocol.PublishDiagnosticsParams
	if err := json.Unmarshal(m.Params, &p); err != nil {
		c.t.Fatal(err)
	}
	return p.Diagnostics, i + 1
}

// initialize runs the handshake for folders with the given locale and
// capabilities (nil means none).
func (c *client) initialize(locale string, caps map[string]any, folders ...string) *protocol.InitializeResult {
	c.t.Helper()
	var wfs []map[string]string
	for _, f := range folders {
		wfs = append(wfs, map[string]string{"uri": string(pathURI(f)), "name": filepath.Base(f)})
	}
	if caps == nil {
		caps = map[string]any{}
	}
	params := map[string]any{"processId": os.Getpid(), "locale": locale, "capabilities": caps, "workspaceFolders": wfs}
	var res protocol.InitializeResult
	c.result(c.call(protocol.MethodInitialize, params), &res)
	c.notify(protocol.MethodInitialized, map[string]any{})
	return &res
}

// shutdownExit ends the session properly and returns Serve's result.
func (c *client) shutdownExit() error {
	c.t.Helper()
	c.result(c.call(protocol.MethodShutdown, nil), nil)
	c.send(map[string]any{"jsonrpc": "2.0", "method": "exit"})
	return c.served1()
}

func (c *client) served1() error {
	c.t.Helper()
	select {
	case err := <-c.served:
		c.served <- err // for the cleanup
		return err
	case <-time.After(timeout):
		c.t.Fatal("Serve did not return")
		return nil
	}
}

// asJSON normalizes a value for whole-value comparison.
func asJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	var norm any
	if err := json.Unmarshal(b, &norm); err != nil {
		t.Fatal(err)
	}
	b, _ = json.MarshalIndent(norm, "", "  ")
	return string(b)
}

// testdata returns the absolute path of a folder under testdata.
func testdata(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}
