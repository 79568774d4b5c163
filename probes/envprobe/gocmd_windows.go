//go:build windows

package envprobe

import "os/exec"

// setProcessGroup is a no-op on Windows: go env starts no children worth
// tracking, and killing the process is enough.
func setProcessGroup(cmd *exec.Cmd) {}

func killProcessGroup(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	return cmd.Process.Kill()
}
