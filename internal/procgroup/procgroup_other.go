//go:build !unix && !windows

package procgroup

import "os/exec"

// Own keeps the default cancellation on systems without process groups
// (plan9, wasip1, js): a kill of the process itself.
func Own(cmd *exec.Cmd) (afterWait func()) {
	return func() {}
}
