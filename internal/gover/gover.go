// Package gover holds the go command's version rules that more than one
// probe needs (cmd/go/internal/gover, cmd/go/internal/toolchain).
package gover

import "go/version"

// FromGoLine is the toolchain a go line ("1.26", "1.21.3") asks for: from
// 1.21 on, a language version means its first release, so "1.26" is
// go1.26.0, never a "go1.26" that does not exist (cmd/go/internal/
// toolchain.Select, golang.org/issue/62278). "" stays "".
func FromGoLine(goLine string) string {
	if goLine == "" {
		return ""
	}
	v := "go" + goLine
	if version.Lang(v) == v && version.Compare(v, "go1.21") >= 0 {
		v += ".0"
	}
	return v
}
