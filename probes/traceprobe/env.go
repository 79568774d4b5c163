package traceprobe

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/gocmd"
	"github.com/goroot-lens/goroot-lens/internal/pathlist"

	"github.com/goroot-lens/goroot-lens/internal/gotree"
)

// getenv returns the last value of key in env, as the go command sees it.
func getenv(env []string, key string) string { return gocmd.Getenv(env, key) }

// without returns env without the variables that drop reports true for.
func without(env []string, drop func(key string) bool) []string {
	out := make([]string, 0, len(env)+8)
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		if !drop(k) {
			out = append(out, kv)
		}
	}
	return out
}

// setenv returns env with key set to value (earlier values removed).
func setenv(env []string, key, value string) []string { return gocmd.Setenv(env, key, value) }

// addGODEBUG appends setting to GODEBUG; a later setting wins in GODEBUG.
func addGODEBUG(env []string, setting string) []string {
	if old := getenv(env, "GODEBUG"); old != "" {
		setting = old + "," + setting
	}
	return setenv(env, "GODEBUG", setting)
}

// userEnv is the user's environment without the go command's internal
// switch markers, which belong to one go process and its child only.
func userEnv(o Options) []string {
	return without(o.env(), func(k string) bool {
		return strings.HasPrefix(strings.ToUpper(k), "GOTOOLCHAIN_INTERNAL_")
	})
}

// lookGo finds the go command on env's PATH (not this process's PATH).
func lookGo(env []string) string {
	name := "go"
	if runtime.GOOS == "windows" {
		name = "go.exe"
	}
	for _, dir := range filepath.SplitList(getenv(env, "PATH")) {
		if dir == "" || !filepath.IsAbs(dir) {
			continue // like exec.LookPath, never run a relative go
		}
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() &&
			(runtime.GOOS == "windows" || fi.Mode()&0o111 != 0) {
			return p
		}
	}
	return ""
}

// rootOfGo returns the Go tree a go binary belongs to, following symlinks;
// "" when it is not inside a tree.
func rootOfGo(goBin string) string {
	p, err := filepath.EvalSymlinks(goBin)
	if err != nil {
		return ""
	}
	return gotree.RootOf(p)
}

// sameDir says whether two paths name the same folder (pathlist.SameDir).
func sameDir(a, b string) bool { return pathlist.SameDir(a, b, runtime.GOOS) }
