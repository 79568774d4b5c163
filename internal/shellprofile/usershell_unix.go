//go:build unix

package shellprofile

import (
	"context"
	"os"
	"os/exec"
	"os/user"
	"runtime"
	"strconv"
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/boundedfile"
	"github.com/goroot-lens/goroot-lens/internal/gocmd"
)

// databaseShell reads the user's entry: /etc/passwd, or on macOS the
// directory service (whose users /etc/passwd does not list).
func databaseShell(ctx context.Context) (string, string) {
	if runtime.GOOS == "darwin" {
		u, err := user.Current()
		if err != nil {
			return "", ""
		}
		cmd := exec.CommandContext(ctx, "/usr/bin/dscl", ".", "-read", "/Users/"+u.Username, "UserShell")
		out := gocmd.NewCapped(64 << 10)
		cmd.Stdout = out
		if cmd.Run() != nil || out.Dropped() {
			return "", ""
		}
		if sh, ok := strings.CutPrefix(strings.TrimSpace(out.String()), "UserShell:"); ok && strings.TrimSpace(sh) != "" {
			return strings.TrimSpace(sh), "dscl UserShell"
		}
		return "", ""
	}
	data, err := boundedfile.Read("/etc/passwd", 16<<20)
	if err != nil {
		return "", ""
	}
	if sh := passwdShell(data, os.Getuid()); sh != "" {
		return sh, "/etc/passwd"
	}
	return "", ""
}

// passwdShell is the shell field of uid's line in passwd(5) data.
func passwdShell(data []byte, uid int) string {
	want := strconv.Itoa(uid)
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Split(strings.TrimSuffix(line, "\r"), ":")
		if len(f) == 7 && f[2] == want {
			return f[6]
		}
	}
	return ""
}
