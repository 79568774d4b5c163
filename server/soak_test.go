package server

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
)

// TestSoak drives one real server (real environment probe, real trace
// prober: every verify that is not cancelled builds and runs the probe
// program, ≈1.4 s) with 10 000 workspace/didChangeWatchedFiles and
// workspace/didChangeConfiguration events and 1 000 "Verify GOROOT"
// requests, and asserts that every request is answered with a result or
// -32800, and that goroutines, file descriptors and heap come back.
//
// What keeps it within CI time is the server's own behaviour, not a fake:
// the events are debounced (the default 250 ms, so a burst is one probe
// run), the verifies of one burst share one trace run, and a run whose
// every waiter cancelled is stopped. 90 of the 100 bursts cancel all their
// verifies right away; the other 10 cancel half and wait for the verdict,
// so 10 trace runs complete. The fake part is the client only (the
// in-process harness over net.Pipe).
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("soak: skipped with -short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("soak: no go command on PATH for the real probes")
	}
	const (
		bursts           = 100
		eventsPerBurst   = 100 // 10 000 events
		verifiesPerBurst = 10  // 1 000 verifies
		realEvery        = 10  // every 10th burst waits for real verdicts
	)
	t0 := time.Now()
	home, ws := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(ws, "go.mod"), []byte("module example.com/soak\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gocache, err := exec.Command(goBin, "env", "GOCACHE").Output()
	if err != nil {
		t.Fatalf("go env GOCACHE: %v", err)
	}
	env := []string{
		"PATH=" + filepath.Dir(goBin) + string(os.PathListSeparator) + "/usr/bin:/bin",
		"HOME=" + home, "GOCACHE=" + strings.TrimSpace(string(gocache)),
		"GOTOOLCHAIN=local", "GOPROXY=off", "GOFLAGS=", "TMPDIR=" + t.TempDir(),
	}

	runtime.GC()
	g0, fd0, heap0 := runtime.NumGoroutine(), openFDs(), heapAfterGC()

	c, s := serveWith(t, Config{Env: env, Debounce: DefaultDebounce})
	c.initialize("en", map[string]any{"window": map[string]any{"workDoneProgress": true}}, ws)
	gomod := filepath.Join(ws, "go.mod")
	verify := map[string]any{"command": CommandVerify, "arguments": []any{pathURI(ws)}}

	// One real verify first: the trace prober works here, and how long it takes.
	w0 := time.Now()
	var first map[string]any
	c.result(c.call(protocol.MethodWorkspaceExecuteCommand, verify), &first)
	t.Logf("one real verify: %v, verdict %v", time.Since(w0).Round(time.Millisecond), first["verdict"])

	rng := rand.New(rand.NewPCG(9, 2026))
	type pending struct {
		id       string
		ch       <-chan *wire
		mustLive bool // not cancelled: must get the verdict
	}
	var all []pending
	answered := map[string]bool{}
	for b := range bursts {
		for e := range eventsPerBurst {
			if e%2 == 0 {
				file := gomod
				if e%4 == 0 {
					file = filepath.Join(home, ".profile")
				}
				c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, map[string]any{"changes": []any{map[string]any{"uri": pathURI(file), "type": 1 + e%3}}})
			} else {
				c.notify(protocol.MethodWorkspaceDidChangeConfiguration, map[string]any{"settings": map[string]any{"go": map[string]any{"toolsEnvVars": map[string]any{"GOFLAGS": fmt.Sprint(e % 2)}}}})
			}
		}
		var burst []pending
		for range verifiesPerBurst {
			id, ch := c.goCall(protocol.MethodWorkspaceExecuteCommand, verify)
			burst = append(burst, pending{id: id, ch: ch})
		}
		realBurst := b%realEvery == realEvery-1
		for i, p := range rng.Perm(len(burst)) {
			if realBurst && i%2 == 0 {
				burst[p].mustLive = true
				continue
			}
			c.notify(protocol.MethodCancelRequest, map[string]any{"id": json.RawMessage(burst[p].id)})
			if rng.IntN(4) == 0 { // cancelled twice, and an id never sent
				c.notify(protocol.MethodCancelRequest, map[string]any{"id": json.RawMessage(burst[p].id)})
				c.notify(protocol.MethodCancelRequest, map[string]any{"id": fmt.Sprintf("never-%d", rng.IntN(1e6))})
			}
		}
		all = append(all, burst...)
		if realBurst {
			for _, p := range burst {
				if p.mustLive {
					m := c.wait("verify "+p.id, p.ch)
					if m.Error != nil {
						t.Fatalf("verify %s not cancelled: error %d %q", p.id, m.Error.Code, m.Error.Message)
					}
					answered[p.id] = true
				}
			}
		}
	}
	results, cancelled := 0, 0
	for _, p := range all {
		if answered[p.id] {
			results++
			continue
		}
		m := c.wait("verify "+p.id, p.ch)
		switch {
		case m.Error == nil:
			results++
		case m.Error.Code == -32800:
			cancelled++
		default:
			t.Errorf("verify %s: error %d %q, want a result or -32800", p.id, m.Error.Code, m.Error.Message)
		}
	}
	if results+cancelled != bursts*verifiesPerBurst {
		t.Errorf("%d results + %d cancelled, want %d answers", results, cancelled, bursts*verifiesPerBurst)
	}
	if want := bursts / realEvery * verifiesPerBurst / 2; results < want {
		t.Errorf("%d verdicts, want at least %d", results, want)
	}
	// Cancelling what is answered changes nothing; the server still answers.
	for _, p := range all[:50] {
		c.notify(protocol.MethodCancelRequest, map[string]any{"id": json.RawMessage(p.id)})
	}
	var lenses []protocol.CodeLens
	c.result(c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(gomod)), &lenses)
	// Under load, a leak per request (1 000) or per event (10 000) would
	// show; probes in progress may hold a few.
	gRun, fdRun := runtime.NumGoroutine(), openFDs()
	if gRun > g0+60 {
		t.Errorf("goroutines under load: %d, before the server %d", gRun, g0)
	}
	if fd0 >= 0 && fdRun > fd0+30 {
		t.Errorf("open files under load: %d, before the server %d", fdRun, fd0)
	}
	load := time.Since(t0)

	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	left := fmt.Sprintf("inflight %d, verify runs %d, progress %d", len(s.inflight), len(s.verifyRuns), len(s.progress))
	s.mu.Unlock()
	if left != "inflight 0, verify runs 0, progress 0" {
		t.Errorf("after shutdown: %s", left)
	}
	c.mu.Lock()
	logged := len(c.log)
	c.log = nil // the harness's copy of every message is not the server's memory
	c.mu.Unlock()
	g1, fd1, heap1 := goroutinesSettled(g0), openFDs(), heapAfterGC()
	t.Logf("soak: %d events, %d verifies (%d verdicts, %d cancelled), %d server messages, %v under load, %v in all",
		bursts*eventsPerBurst, bursts*verifiesPerBurst, results, cancelled, logged, load.Round(time.Millisecond), time.Since(t0).Round(time.Millisecond))
	t.Logf("goroutines %d → %d under load → %d after exit; open files %d → %d → %d; heap after GC %.1f MiB → %.1f MiB",
		g0, gRun, g1, fd0, fdRun, fd1, float64(heap0)/(1<<20), float64(heap1)/(1<<20))
	if g1 > g0+3 {
		t.Errorf("goroutines: %d before the server, %d after it exited", g0, g1)
	}
	if fd0 >= 0 && fd1 > fd0+2 {
		t.Errorf("open files: %d before the server, %d after it exited", fd0, fd1)
	}
	if heap1 > heap0+16<<20 {
		t.Errorf("heap after GC: %d before the server, %d after it exited", heap0, heap1)
	}
}

// openFDs is the number of open file descriptors, -1 where /proc is missing.
func openFDs() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}

func heapAfterGC() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// goroutinesSettled is the goroutine count once the harness's reader and
// the pipe have ended (they end on their own after exit; Gosched lets
// them, nothing here waits on a timer), or after 1 000 yields.
func goroutinesSettled(target int) int {
	n := runtime.NumGoroutine()
	for i := 0; i < 1000 && n > target; i++ {
		runtime.Gosched()
		n = runtime.NumGoroutine()
	}
	return n
}
