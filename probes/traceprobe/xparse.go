package traceprobe

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/lazyre"
)

// buildLog reads the output of `go build -x` line by line: the script the go
// command prints before each step, the toolchain trace and the errors.
type buildLog struct {
	work, cwd string
	inHeredoc bool

	tools []Tool
	// linkerGOROOT is the GOROOT= the go command gave the linker: it becomes
	// runtime.defaultGOROOT of the probe.
	linkerGOROOT    string
	linkerGOROOTSet bool
	// goVersion is the -goversion the go command gave the compiler: its own
	// version.
	goVersion string
	compiles  int
	// trace are the go command's informational "go: ..." lines.
	trace []string
	// errs are the lines that are not part of the script.
	errs []string
}

var assignment = lazyre.New(`^[A-Za-z_][A-Za-z0-9_]*=`)

// line reads one line; it returns a progress message when a compile starts.
func (b *buildLog) line(s string) string {
	s = strings.TrimRight(s, "\r")
	if b.inHeredoc {
		b.inHeredoc = s != "EOF"
		return ""
	}
	switch {
	case s == "" || s == "# import config" || strings.HasSuffix(s, " # internal") && !strings.Contains(s, "<<"):
		return ""
	case strings.Contains(s, " << 'EOF'"):
		b.inHeredoc = true
		return ""
	case strings.HasPrefix(s, "WORK="):
		b.work = strings.TrimPrefix(s, "WORK=")
		return ""
	case strings.HasPrefix(s, "cd "):
		b.cwd = strings.TrimPrefix(s, "cd ")
		return ""
	case strings.HasPrefix(s, "go: "):
		if isInfo(s) {
			b.trace = append(b.trace, s)
		} else {
			b.errs = append(b.errs, s)
		}
		return ""
	}
	for _, p := range []string{"mkdir ", "cat ", "cp ", "mv ", "rm ", "touch ", "echo ", "chmod ", "modinfo ", "go tool "} {
		if strings.HasPrefix(s, p) {
			return ""
		}
	}
	words := splitCmd(s)
	var env []string
	for len(words) > 0 && assignment().MatchString(words[0]) {
		env, words = append(env, words[0]), words[1:]
	}
	if len(words) == 0 || strings.HasSuffix(words[0], ":") {
		b.errs = append(b.errs, s)
		return ""
	}
	prog := b.resolve(words[0])
	name, root, ok := toolOf(prog)
	if !ok {
		if !isAbs(prog) {
			b.errs = append(b.errs, s)
		}
		return "" // another program (gcc, ar): not part of the toolchain
	}
	b.addTool(Tool{Name: name, Path: prog, GOROOT: root})
	switch name {
	case "compile":
		b.compiles++
		if v := flagValue(words, "-goversion"); v != "" && b.goVersion == "" {
			b.goVersion = v
		}
		return "compile " + flagValue(words, "-p")
	case "link":
		for _, e := range env {
			if v, ok := strings.CutPrefix(e, "GOROOT="); ok {
				b.linkerGOROOT, b.linkerGOROOTSet = v, true
			}
		}
		return "link"
	}
	return ""
}

// isInfo tells the go command's informational lines from its errors.
func isInfo(s string) bool {
	for _, p := range []string{"go: upgrading toolchain", "go: using ", "go: downloading ", "go: default toolchain", "go: switching ", "go: finding ", "go: found "} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func (b *buildLog) addTool(t Tool) {
	for _, have := range b.tools {
		if have.Path == t.Path {
			return
		}
	}
	b.tools = append(b.tools, t)
}

// tool returns the first tool called name.
func (b *buildLog) tool(name string) (Tool, bool) {
	for _, t := range b.tools {
		if t.Name == name {
			return t, true
		}
	}
	return Tool{}, false
}

// resolve turns the $WORK and ./ forms of -x output into absolute paths.
func (b *buildLog) resolve(p string) string {
	if rest, ok := strings.CutPrefix(p, "$WORK"); ok && b.work != "" {
		return b.work + rest
	}
	if (strings.HasPrefix(p, "./") || strings.HasPrefix(p, `.\`)) && b.cwd != "" {
		return filepath.Join(b.cwd, p[2:])
	}
	return p
}

// isAbs accepts both Unix and Windows absolute forms, whatever this system is.
func isAbs(p string) bool {
	return filepath.IsAbs(p) || strings.HasPrefix(p, "/") ||
		len(p) > 2 && p[1] == ':' && (p[2] == '\\' || p[2] == '/')
}

// toolOf recognises <GOROOT>/pkg/tool/<goos_goarch>/<name>[.exe].
func toolOf(p string) (name, root string, ok bool) {
	slash := strings.ReplaceAll(p, `\`, "/")
	i := strings.LastIndex(slash, "/pkg/tool/")
	if i < 0 {
		return "", "", false
	}
	rest := strings.Split(slash[i+len("/pkg/tool/"):], "/")
	if len(rest) != 2 || rest[0] == "" || rest[1] == "" {
		return "", "", false
	}
	name = rest[1]
	if len(name) > 4 && strings.EqualFold(name[len(name)-4:], ".exe") {
		name = name[:len(name)-4]
	}
	return name, p[:i], true
}

// flagValue returns the word after flag.
func flagValue(words []string, flag string) string {
	for i, w := range words {
		if w == flag && i+1 < len(words) {
			return words[i+1]
		}
	}
	return ""
}

// splitCmd splits a line the way cmd/go prints commands: words separated by
// spaces, words with special characters in Go "double quotes", environment
// values in 'single quotes' (or "double quotes" when they hold a quote).
func splitCmd(s string) []string {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case ' ', '\t':
			if inWord {
				words, inWord = append(words, w.String()), false
				w.Reset()
			}
			i++
		case '"':
			q, err := strconv.QuotedPrefix(s[i:])
			if err != nil {
				w.WriteString(s[i:])
				i = len(s)
			} else {
				u, _ := strconv.Unquote(q)
				w.WriteString(u)
				i += len(q)
			}
			inWord = true
		case '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				w.WriteString(s[i+1:])
				i = len(s)
			} else {
				w.WriteString(s[i+1 : i+1+end])
				i += end + 2
			}
			inWord = true
		default:
			w.WriteByte(c)
			inWord = true
			i++
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

var (
	reVersionMismatch = lazyre.New(`compile: version "([^"]+)" does not match go tool version "([^"]+)"`)
	reNotInStd        = lazyre.New(`package (\S+) is not in std \(([^)]*)\)`)
	reNoGOROOT        = lazyre.New(`go: cannot find GOROOT directory: (.*)`)
	reDownload        = lazyre.New(`go: download (go\S+) for (\S+): (.*)`)
	rePathOnly        = lazyre.New(`go: cannot find "(go\S+)" in PATH`)
	reTooNew          = lazyre.New(`requires go >= (\S+) \(running go (\S+); GOTOOLCHAIN=([^)]*)\)`)
)

// firstMatch returns the first line of lines that re matches, and its groups.
func firstMatch(re func() *regexp.Regexp, lines []string) (string, []string) {
	for _, l := range lines {
		if m := re().FindStringSubmatch(l); m != nil {
			return l, m
		}
	}
	return "", nil
}
