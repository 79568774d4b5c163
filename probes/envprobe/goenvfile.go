package envprobe

import (
	"bytes"
	"os"

	"github.com/goroot-lens/goroot-lens/internal/boundedfile"
)

// envFileEntry is one KEY=value line of a go env file.
type envFileEntry struct {
	Key, Value string
	Line       int
}

// envFile is a parsed go env file: the user's GOENV file or $GOROOT/go.env.
type envFile struct {
	Path    string
	Exists  bool
	Entries []envFileEntry
	Err     error
}

// readEnvFile parses a go env file exactly as cmd/go's readEnvFile does
// (cmd/go/internal/cfg): lines without '=' or not starting with A–Z are
// ignored, values are not trimmed, and a later line wins.
func readEnvFile(path string) envFile {
	f := envFile{Path: path}
	if path == "" {
		return f
	}
	data, err := boundedfile.Read(path, boundedfile.SmallFile)
	if err != nil {
		if !os.IsNotExist(err) {
			f.Err = err
		}
		return f
	}
	f.Exists = true
	for n := 1; len(data) > 0; n++ {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		i := bytes.IndexByte(line, '=')
		if i < 0 || line[0] < 'A' || 'Z' < line[0] {
			continue
		}
		f.Entries = append(f.Entries, envFileEntry{Key: string(line[:i]), Value: string(line[i+1:]), Line: n})
	}
	return f
}

// Lookup returns the winning (last) entry for key.
func (f envFile) Lookup(key string) (envFileEntry, bool) {
	for i := len(f.Entries) - 1; i >= 0; i-- {
		if f.Entries[i].Key == key {
			return f.Entries[i], true
		}
	}
	return envFileEntry{}, false
}
