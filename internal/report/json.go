// Package report renders probe results for people (text), programs (JSON)
// and CI (SARIF 2.1.0). It only formats; it never probes.
package report

import (
	"encoding/json"
	"io"
)

// JSON writes v indented, with a trailing newline.
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// WarmJSON builds encoding/json's encoders for v's type by encoding v to
// nowhere. The first Encode of a type builds them by reflection, about a
// millisecond for a check report on a small machine; a command that writes
// JSON after waiting for go env does this while it waits.
func WarmJSON(v any) { _ = json.NewEncoder(io.Discard).Encode(v) }
