package envprobe

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"time"

	"github.com/goroot-lens/goroot-lens/internal/procgroup"
)

// goResult is what one go command did.
type goResult struct {
	Args     []string
	Stdout   []byte
	Stderr   string
	ExitCode int
	TimedOut bool
	Err      error
}

// runGo runs the go binary with args in dir under env, bounded by timeout.
// On expiry the whole process group is killed (the go command may have
// started children, see procgroup), and the pipes are not waited on for long.
func runGo(ctx context.Context, goBin, dir string, env []string, timeout time.Duration, args ...string) goResult {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	afterWait := procgroup.Own(cmd)
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	afterWait()
	res := goResult{Args: args, Stdout: stdout.Bytes(), Stderr: strings.TrimSpace(stderr.String()), Err: err}
	if ctx.Err() == context.DeadlineExceeded {
		res.TimedOut = true
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		res.ExitCode = exit.ExitCode()
	} else if err != nil {
		res.ExitCode = -1
	}
	return res
}
