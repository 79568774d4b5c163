//go:build unix

package procgroup

import (
	"os/exec"
	"sync/atomic"
	"syscall"
	"time"
)

// Own starts cmd as the leader of a new process group and makes
// cancellation kill the whole group: go build runs compile and link as
// children, which a kill of the go command alone would leave running. The
// returned func, called after Wait, waits (at most a few seconds) until no
// member of a killed group is still running.
func Own(cmd *exec.Cmd) (afterWait func()) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var killed atomic.Bool
	cmd.Cancel = func() error {
		killed.Store(true)
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	return func() {
		if !killed.Load() {
			return
		}
		// SIGKILL is delivered at once but a member may still be on its way
		// out; zombies (which nobody may reap in a container) do not count.
		deadline := time.Now().Add(5 * time.Second)
		for groupRunning(cmd.Process.Pid) && time.Now().Before(deadline) {
			time.Sleep(2 * time.Millisecond)
		}
	}
}
