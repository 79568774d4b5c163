package envprobe

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/gotree"
	"github.com/goroot-lens/goroot-lens/internal/pathlist"
)

// pathEntry is one directory of the process PATH with where it is defined.
type pathEntry struct {
	Dir   string
	Index int
	Scope string // "user", "system", "profile <file:line>", or "process"
}

// findCandidates returns every go on PATH in order, the first one winning,
// reading each binary's build info instead of running it, and what a PATH
// lookup passes over before the winner.
func findCandidates(entries []pathEntry, goos, goarch string) (cands []Candidate, skipped []skippedGo) {
	var out []Candidate
	seen := map[string]bool{}
	for _, e := range entries {
		if e.Dir == "" || !filepath.IsAbs(e.Dir) {
			continue
		}
		p, ok := lookInDir(e.Dir, "go", goos)
		if !ok {
			if len(out) == 0 {
				skipped = append(skipped, skippedIn(e, goos)...)
			}
			continue
		}
		key := p
		if goos == "windows" || goos == "darwin" {
			key = strings.ToLower(p)
		}
		if seen[key] {
			continue // the same directory twice on PATH
		}
		seen[key] = true
		out = append(out, newCandidate(e, p, goos))
	}
	if len(out) > 0 {
		out[0].Wins = true
	}
	return out, skipped
}

// newCandidate describes the go at p, found in PATH entry e.
func newCandidate(e pathEntry, p, goos string) Candidate {
	c := locatedGo(p, goos)
	c.Position, c.Scope = e.Index, e.Scope
	c.Source = fmt.Sprintf("PATH entry #%d %s (%s)", e.Index+1, e.Dir, scopeText(e.Scope))
	c.Version = binaryGoVersion(c.Resolved)
	c.Windows = isPE(c.Resolved)
	c.Shim = shimManager(p, c.Resolved)
	return c
}

// locatedGo is the go at p with only where it is: its path, the file it
// resolves to and the tree it belongs to.
func locatedGo(p, goos string) Candidate {
	c := Candidate{Path: p, Resolved: p}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		c.Resolved = r
	}
	c.GOROOT = gotree.RootOf(executableAsGoSeesIt(p, c.Resolved, goos))
	return c
}

// GoCommandsOnPath lists every go on the PATH of env (nil: os.Environ()),
// in PATH order, as findCandidates finds them; nothing is read but the
// folders' entries.
func GoCommandsOnPath(env []string) []string {
	var out []string
	for _, e := range splitPath(newEnviron(Options{Env: env}.env(), hostGOOS).Get("PATH"), hostGOOS) {
		if e.Dir == "" || !filepath.IsAbs(e.Dir) {
			continue
		}
		if p, ok := lookInDir(e.Dir, "go", hostGOOS); ok {
			out = append(out, p)
		}
	}
	return out
}

// Home is the user's home folder in env (nil: os.Environ()) as the go
// command finds it: USERPROFILE on Windows, HOME elsewhere.
func Home(env []string) string {
	return newEnviron(Options{Env: env}.env(), hostGOOS).home(hostGOOS)
}

// firstGo is the go a shell would run: the first on PATH, as findCandidates
// finds it, with only what go env's start needs (its path and tree); the
// rest (version, scope, shim) is filled by findCandidates while go env runs.
func firstGo(entries []pathEntry, goos string) (Candidate, bool) {
	for _, e := range entries {
		if e.Dir == "" || !filepath.IsAbs(e.Dir) {
			continue
		}
		if p, ok := lookInDir(e.Dir, "go", goos); ok {
			return locatedGo(p, goos), true
		}
	}
	return Candidate{}, false
}

// executableAsGoSeesIt is what os.Executable returns inside that go: Linux and
// Windows resolve symlinks, macOS does not.
func executableAsGoSeesIt(path, resolved, goos string) string {
	if goos == "darwin" {
		return path
	}
	return resolved
}

func scopeText(scope string) string {
	switch scope {
	case "user":
		return "user Path in the registry"
	case "system":
		return "system Path in the registry"
	case "process", "":
		return "process environment"
	}
	return scope
}

// lookInDir finds an executable named name in dir the way exec.LookPath
// would: on Windows with the PATHEXT extensions, elsewhere with an exec bit.
func lookInDir(dir, name, goos string) (string, bool) {
	if goos == "windows" {
		for _, ext := range []string{".exe", ".com", ".bat", ".cmd"} {
			if p := filepath.Join(dir, name+ext); fileExists(p) {
				return p, true
			}
		}
		return "", false
	}
	p := filepath.Join(dir, name)
	fi, err := os.Stat(p)
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o111 == 0 {
		return "", false
	}
	return p, true
}

// isPE reports a Windows executable (MZ header), which matters inside WSL.
func isPE(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var magic [2]byte
	_, err = io.ReadFull(f, magic[:])
	return err == nil && string(magic[:]) == "MZ"
}

// shimManager names the version manager whose shim or install tree path
// belongs to, or "".
func shimManager(path, resolved string) string {
	for _, p := range []string{path, resolved} {
		s := filepath.ToSlash(p)
		switch {
		case strings.Contains(s, "/.asdf/shims/") || strings.Contains(s, "/asdf/shims/") || strings.Contains(s, "/.asdf/installs/golang/"):
			return "asdf"
		case strings.Contains(s, "/mise/shims/") || strings.Contains(s, "/mise/installs/go/") || strings.Contains(s, "/rtx/shims/"):
			return "mise"
		case strings.Contains(s, "/.goenv/shims/") || strings.Contains(s, "/.goenv/versions/") || strings.Contains(s, "/goenv/shims/"):
			return "goenv"
		case strings.Contains(s, "/.gvm/gos/") || strings.Contains(s, "/.gvm/bin/"):
			return "gvm"
		case strings.Contains(s, "/.g/go/bin/") || strings.Contains(s, "/.g/versions/"):
			return "g"
		}
	}
	// A shim script that is not under a known folder still says who wrote it.
	head := readHead(resolved, 512)
	if bytes.HasPrefix(head, []byte("#!")) {
		switch {
		case bytes.Contains(head, []byte("asdf exec")) || bytes.Contains(head, []byte("asdf")):
			return "asdf"
		case bytes.Contains(head, []byte("mise")):
			return "mise"
		case bytes.Contains(head, []byte("goenv")):
			return "goenv"
		case bytes.Contains(head, []byte("gvm")):
			return "gvm"
		}
	}
	return ""
}

func readHead(path string, n int) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	b := make([]byte, n)
	m, _ := io.ReadFull(f, b)
	return b[:m]
}

// splitPath wraps pathlist so scopes can be attached by the caller.
func splitPath(value, goos string) []pathEntry {
	var out []pathEntry
	for i, d := range pathlist.Split(value, goos) {
		out = append(out, pathEntry{Dir: d, Index: i, Scope: "process"})
	}
	return out
}
