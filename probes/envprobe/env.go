package envprobe

import (
	"os"
	"path/filepath"
	"strings"
)

// environ is a process environment as a lookup that follows the host's rules:
// names are case-insensitive on Windows, exact elsewhere.
type environ struct {
	vars    map[string]string
	folding bool
}

func newEnviron(kv []string, goos string) environ {
	e := environ{vars: map[string]string{}, folding: goos == "windows"}
	for _, s := range kv {
		// Windows keeps per-drive "=C:=C:\dir" entries: the name starts with '='.
		start := 0
		if strings.HasPrefix(s, "=") {
			start = 1
		}
		i := strings.IndexByte(s[start:], '=')
		if i < 0 {
			continue
		}
		i += start
		e.vars[e.key(s[:i])] = s[i+1:]
	}
	return e
}

func (e environ) key(name string) string {
	if e.folding {
		return strings.ToUpper(name)
	}
	return name
}

// Lookup reports a variable and whether it is set at all.
func (e environ) Lookup(name string) (string, bool) {
	v, ok := e.vars[e.key(name)]
	return v, ok
}

// Get returns a variable or "".
func (e environ) Get(name string) string { return e.vars[e.key(name)] }

// with returns the environment, as exec.Cmd.Env wants it, with overrides
// set and the unset names removed.
func (e environ) with(overrides map[string]string, unset ...string) []string {
	drop := map[string]bool{}
	for _, n := range unset {
		drop[e.key(n)] = true
	}
	for n := range overrides {
		drop[e.key(n)] = true
	}
	var out []string
	for k, v := range e.vars {
		if !drop[k] {
			out = append(out, k+"="+v)
		}
	}
	for k, v := range overrides {
		out = append(out, k+"="+v)
	}
	return out
}

// home is the user's home folder as the go command would find it
// (os.UserHomeDir's rules, applied to this environment).
func (e environ) home(goos string) string {
	switch goos {
	case "windows":
		return e.Get("USERPROFILE")
	case "plan9":
		return e.Get("home")
	}
	return e.Get("HOME")
}

// userConfigDir mirrors os.UserConfigDir for this environment.
func (e environ) userConfigDir(goos string) string {
	switch goos {
	case "windows":
		return e.Get("AppData")
	case "darwin", "ios":
		if h := e.home(goos); h != "" {
			return filepath.Join(h, "Library", "Application Support")
		}
		return ""
	}
	if d := e.Get("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		return d
	}
	if h := e.home(goos); h != "" {
		return filepath.Join(h, ".config")
	}
	return ""
}

// goenvFile is the user's go env file: $GOENV, else UserConfigDir/go/env;
// "" when GOENV=off or there is no config folder.
func (e environ) goenvFile(goos string) (path string, fromEnv bool) {
	if v := e.Get("GOENV"); v != "" {
		if v == "off" {
			return "", true
		}
		return v, true
	}
	d := e.userConfigDir(goos)
	if d == "" {
		return "", false
	}
	return filepath.Join(d, "go", "env"), false
}

// fileExists reports a regular file (after symlinks).
func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

func dirExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
