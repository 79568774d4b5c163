package gocmd

import (
	"runtime"
	"strings"
)

// SameName compares environment variable names as the host does: Windows
// ignores case.
func SameName(a, b string) bool {
	if runtime.GOOS == "windows" {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// Getenv returns the last value of name in env, as a child process sees it.
func Getenv(env []string, name string) string {
	for i := len(env) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(env[i], "="); ok && SameName(k, name) {
			return v
		}
	}
	return ""
}

// Without returns a copy of env without the named variables.
func Without(env []string, names ...string) []string {
	out := make([]string, 0, len(env)+4)
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		drop := false
		for _, n := range names {
			drop = drop || SameName(k, n)
		}
		if !drop {
			out = append(out, kv)
		}
	}
	return out
}

// Setenv returns a copy of env with name set to value (earlier values removed).
func Setenv(env []string, name, value string) []string {
	return append(Without(env, name), name+"="+value)
}
