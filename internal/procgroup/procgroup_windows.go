package procgroup

import "os/exec"

// Own keeps the default cancellation, a kill of the process itself:
// children of go.exe (compile.exe, link.exe) finish their current step on
// their own. A job object would kill them too; not worth it for a probe.
func Own(cmd *exec.Cmd) (afterWait func()) {
	return func() {}
}
