package envprobe

import (
	"os"
	"strings"
)

// detectWSL reports a Linux running inside WSL: WSL sets WSL_DISTRO_NAME (and
// WSL_INTEROP), and its kernel release names Microsoft.
func detectWSL(env environ, goos string) bool {
	if goos != "linux" {
		return false
	}
	if env.Get("WSL_DISTRO_NAME") != "" || env.Get("WSL_INTEROP") != "" {
		return true
	}
	b, err := os.ReadFile("/proc/sys/kernel/osrelease")
	return err == nil && strings.Contains(strings.ToLower(string(b)), "microsoft")
}

// underWindowsDrive reports a WSL path on a Windows drive (/mnt/c/…).
func underWindowsDrive(p string) bool {
	if !strings.HasPrefix(p, "/mnt/") || len(p) < 6 {
		return false
	}
	c := p[5]
	return ('a' <= c && c <= 'z') && (len(p) == 6 || p[6] == '/')
}
