package envprobe

import (
	"context"
	"time"

	"github.com/goroot-lens/goroot-lens/internal/gocmd"
)

// goResult is what one go command did.
type goResult = gocmd.Result

// runGo runs the go binary with args in dir, bounded by timeout, with
// GOTOOLCHAIN=local so that it can never switch or download, and the user's
// own GOFLAGS on purpose: a GOFLAGS that breaks every go command is a
// finding, not something to hide.
func runGo(ctx context.Context, goBin, dir string, env []string, timeout time.Duration, args ...string) goResult {
	return gocmd.Run(ctx, gocmd.Cmd{Go: goBin, Dir: dir, Env: env, Args: args, Timeout: timeout,
		Toolchain: gocmd.Set("local"), Flags: gocmd.Keep})
}
