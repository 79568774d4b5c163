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
