package procgroup

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// TestCancelKillsGrandchildren checks the mechanism the build relies on:
// cancelling kills the children of the command too (go build's compile and
// link), and the wait Own returns ends only when they are gone.
func TestCancelKillsGrandchildren(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("checks process states through /proc")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", "sleep 300 & echo $!; wait")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	afterWait := Own(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	pid := strings.TrimSpace(line)
	cancel()
	if err := cmd.Wait(); err == nil {
		t.Fatal("sh ended normally, want killed")
	}
	afterWait()
	if stat, err := os.ReadFile("/proc/" + pid + "/stat"); err == nil {
		if f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:])); len(f) > 0 && f[0] != "Z" {
			t.Errorf("grandchild sleep %s is still %s after the cancel", pid, f[0])
		}
	}
}
