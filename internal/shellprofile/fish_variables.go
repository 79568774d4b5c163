package shellprofile

import (
	"bytes"
	"strconv"
	"strings"
)

// readFishVariables reads fish's universal variable store, where `set -U`
// and fish_add_path (by default) keep values that no script shows:
//
//	SETUVAR --export GOPATH:/home/u/go
//	SETUVAR fish_user_paths:/usr/local/go/bin\x1e/home/u/go/bin
//
// Older fish wrote SET and SET_EXPORT instead of SETUVAR [--export].
func (r *reader) readFishVariables(fc *fileCtx) {
	for i, line := range bytes.Split(fc.src, []byte("\n")) {
		fields := strings.Fields(string(line))
		if len(fields) < 2 {
			continue
		}
		exported := false
		switch fields[0] {
		case "SETUVAR":
		case "SET":
		case "SET_EXPORT":
			exported = true
		default:
			continue
		}
		nameValue := fields[len(fields)-1]
		for _, flag := range fields[1 : len(fields)-1] {
			exported = exported || flag == "--export"
		}
		name, encoded, ok := strings.Cut(nameValue, ":")
		if !ok || !ValidName(name) {
			continue
		}
		na := newAssignment{
			name: name, line: i + 1, col: strings.Index(string(line), nameValue) + 1,
			raw: encoded, exact: true, exported: exported, statement: "fish universal",
			list: fishUniversalList(encoded),
		}
		if name == "fish_user_paths" {
			na.name, na.list = "PATH", userPathsInFront(na.list)
		}
		na.value = strings.Join(na.list, fishJoin(na.name))
		r.record(fc, na, scope{})
	}
}

// fishUniversalList decodes a stored value: \xHH escapes, and list items
// separated by \x1e (a lone \x1d is the empty list).
func fishUniversalList(encoded string) []string {
	var b strings.Builder
	for i := 0; i < len(encoded); i++ {
		c := encoded[i]
		if c != '\\' || i+1 == len(encoded) {
			b.WriteByte(c)
			continue
		}
		i++
		if encoded[i] == 'x' && i+3 <= len(encoded) {
			if n, err := strconv.ParseUint(encoded[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(n))
				i += 2
				continue
			}
		}
		b.WriteByte(encoded[i])
	}
	decoded := b.String()
	if decoded == "\x1d" {
		return []string{}
	}
	return strings.Split(decoded, "\x1e")
}
