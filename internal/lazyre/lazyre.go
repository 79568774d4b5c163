// Package lazyre compiles a regular expression on its first use. A
// package-level regexp.MustCompile runs at every start of the binary, for
// every command, and start-up is part of what a user waits for on each
// `goroot-lens check` and each editor start; most expressions are needed by
// one command only (the trace parser's by Verify).
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles src once, when first called, and
// then returns the same *regexp.Regexp. src must be valid: an invalid one
// panics at first use, as regexp.MustCompile does at init.
func New(src string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(src) })
}
