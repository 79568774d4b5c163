package server

import (
	"net/url"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/goroot-lens/goroot-lens/internal/boundedfile"

	"github.com/goroot-lens/goroot-lens/internal/pathlist"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// uriPath is the filesystem path of a file URI; unlike uri.URI.Filename it
// does not panic on other schemes.
func uriPath(u protocol.DocumentURI) (string, bool) {
	parsed, err := url.Parse(string(u))
	if err != nil || parsed.Scheme != "file" {
		return "", false
	}
	p := parsed.Path
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' { // /C:/… on Windows
		p = p[1:]
	}
	if p == "" {
		return "", false
	}
	return filepath.Clean(filepath.FromSlash(p)), true
}

func pathURI(path string) protocol.DocumentURI {
	return protocol.DocumentURI(uri.File(path))
}

// pathKey compares paths with goroot-lens's one rule (pathlist.Key).
func pathKey(path string) string { return pathlist.Key(filepath.Clean(path), runtime.GOOS) }

// within reports whether path is dir or inside it.
func within(dir, path string) bool {
	rel, err := filepath.Rel(pathKey(dir), pathKey(path))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// lines of a file, nil when it cannot be read.
func fileLines(path string) []string {
	data, err := boundedfile.Read(path, boundedfile.SmallFile)
	if err != nil {
		return nil
	}
	return strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
}

// goLine is the 1-based line of the go directive of a go.mod/go.work, 0
// when there is none.
func goLine(lines []string) int {
	for i, line := range lines {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "go" {
			return i + 1
		}
	}
	return 0
}

// lineRange covers the 1-based line of lines (the whole line, in UTF-16
// units as LSP counts); line 0 means line 1.
func lineRange(lines []string, line int) protocol.Range {
	if line < 1 {
		line = 1
	}
	var end uint32
	if line <= len(lines) {
		end = uint32(len(utf16.Encode([]rune(lines[line-1]))))
	}
	l := uint32(line - 1)
	return protocol.Range{Start: protocol.Position{Line: l}, End: protocol.Position{Line: l, Character: end}}
}

func sortedKeys[M ~map[K]V, K ~string, V any](m M) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
