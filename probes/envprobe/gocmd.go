package envprobe

import (
	"context"
	"time"

	"github.com/goroot-lens/goroot-lens/internal/gocmd"
)

// goResult is what one go command did.
type goResult = gocmd.Result

// startGo starts the go binary with args in dir, bounded by timeout, with
// GOTOOLCHAIN=local so that it can never switch or download, and the user's
// own GOFLAGS on purpose: a GOFLAGS that breaks every go command is a
// finding, not something to hide.
func startGo(ctx context.Context, goBin, dir string, env []string, timeout time.Duration, args ...string) *gocmd.Running {
	return gocmd.Start(ctx, gocmd.Cmd{Go: goBin, Dir: dir, Env: env, Args: args, Timeout: timeout,
		Toolchain: gocmd.Set("local"), Flags: gocmd.Keep})
}
