//go:build !unix && !windows

package traceprobe

import "os/exec"

// ownGroup keeps the default cancellation on systems without process groups
// (plan9, wasip1, js): a kill of the process itself.
func ownGroup(cmd *exec.Cmd) (afterWait func()) {
	return func() {}
}
