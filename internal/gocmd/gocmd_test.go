//go:build unix

package gocmd

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fakeGo writes a shell script standing in for go: these tests are about the
// runner (bounds, kills, variables), not about the go command.
func fakeGo(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "go")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUnchosenVariablesAreRefused(t *testing.T) {
	res := Run(context.Background(), Cmd{Go: fakeGo(t, "echo ran"), Toolchain: Set("local")})
	if !errors.Is(res.Err, ErrNotChosen) || len(res.Stdout) != 0 {
		t.Fatalf("got %v, %q; want ErrNotChosen and nothing run", res.Err, res.Stdout)
	}
}

func TestChosenVariables(t *testing.T) {
	goBin := fakeGo(t, `echo "tc=$GOTOOLCHAIN flags=${GOFLAGS-unset} sw=${GOTOOLCHAIN_INTERNAL_SWITCH_VERSION-unset}"`)
	env := []string{"PATH=/usr/bin:/bin", "GOTOOLCHAIN=go1.99.0", "GOFLAGS=-mod=vendor", "GOTOOLCHAIN_INTERNAL_SWITCH_VERSION=go1.2"}
	for _, tc := range []struct {
		toolchain, flags Choice
		want             string
	}{
		{Set("local"), Set(""), "tc=local flags=unset sw=unset"},
		{Keep, Keep, "tc=go1.99.0 flags=-mod=vendor sw=unset"},
		{Set("auto"), Set("-trimpath=false"), "tc=auto flags=-trimpath=false sw=unset"},
	} {
		res := Run(context.Background(), Cmd{Go: goBin, Env: env, Toolchain: tc.toolchain, Flags: tc.flags})
		if got := strings.TrimSpace(string(res.Stdout)); got != tc.want || res.Err != nil || res.ExitCode != 0 {
			t.Errorf("toolchain %v flags %v: got %q (%v), want %q", tc.toolchain, tc.flags, got, res.Err, tc.want)
		}
	}
}

func TestOutputIsBounded(t *testing.T) {
	goBin := fakeGo(t, "head -c 5000000 /dev/zero; head -c 3000000 /dev/zero >&2")
	res := Run(context.Background(), Cmd{Go: goBin, Toolchain: Set("local"), Flags: Set(""), MaxStdout: 1000, MaxStderr: 10})
	if len(res.Stdout) != 1000 || len(res.Stderr) > 10 || !res.Truncated {
		t.Fatalf("kept %d/%d bytes, truncated=%v; want 1000/≤10, true", len(res.Stdout), len(res.Stderr), res.Truncated)
	}
	if res.Err != nil || res.ExitCode != 0 {
		t.Fatalf("a flood that ends is still a success: %v", res.Err)
	}
}

func TestTimeoutKillsTheGroup(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "grandchild-alive")
	goBin := fakeGo(t, "(sleep 30; touch "+marker+") & sleep 30")
	res := Run(context.Background(), Cmd{Go: goBin, Toolchain: Set("local"), Flags: Set(""), Timeout: 200 * time.Millisecond})
	if !res.TimedOut || res.Err == nil || res.ExitCode != -1 {
		t.Fatalf("got timedOut=%v err=%v exit=%d; want a timeout", res.TimedOut, res.Err, res.ExitCode)
	}
}

func TestChildHoldingThePipeIsNotAFailure(t *testing.T) {
	// go exits 0 with its output written, but a child it started keeps
	// stdout open (seen with daemons that go's children leave behind).
	goBin := fakeGo(t, "echo done; (sleep 5 >&1 &) ; exit 0")
	res := Run(context.Background(), Cmd{Go: goBin, Toolchain: Set("local"), Flags: Set("")})
	if res.Err != nil || strings.TrimSpace(string(res.Stdout)) != "done" {
		t.Fatalf("got %v, %q; want success with the output", res.Err, res.Stdout)
	}
}

func TestOnLineSeesEveryLine(t *testing.T) {
	goBin := fakeGo(t, "echo one; echo two >&2; printf three")
	var lines []string
	res := Run(context.Background(), Cmd{Go: goBin, Toolchain: Set("local"), Flags: Set(""), OnLine: func(l string) { lines = append(lines, l) }})
	if strings.Join(lines, ",") != "one,two,three" || res.Err != nil {
		t.Fatalf("lines %q, err %v", lines, res.Err)
	}
}

// Start returns while go still runs: the script waits for a line on a FIFO
// that the test writes only after Start has returned.
func TestStartReturnsWhileGoRuns(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "go-on")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	goBin := fakeGo(t, "read line < "+fifo+"; echo \"got $line\"")
	running := Start(context.Background(), Cmd{Go: goBin, Toolchain: Set("local"), Flags: Keep, Timeout: time.Minute})
	if err := os.WriteFile(fifo, []byte("go\n"), 0o600); err != nil { // blocks until the script reads
		t.Fatal(err)
	}
	res := running.Wait()
	if res.Err != nil || string(res.Stdout) != "got go\n" || res.ExitCode != 0 {
		t.Fatalf("Wait = %+v, stdout %q", res, res.Stdout)
	}
	if again := running.Wait(); again.ExitCode != 0 || string(again.Stdout) != "got go\n" {
		t.Fatalf("a second Wait = %+v", again)
	}
}

func TestStartFailureIsTheResult(t *testing.T) {
	running := Start(context.Background(), Cmd{Go: filepath.Join(t.TempDir(), "no-go"), Toolchain: Set("local"), Flags: Keep})
	if res := running.Wait(); res.Err == nil || res.ExitCode != -1 {
		t.Fatalf("Wait = %+v, want the start error and exit code -1", res)
	}
}
