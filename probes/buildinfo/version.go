package buildinfo

import (
	"go/version"
	"strings"
)

// goVersion normalises a Go version as build info or a toolchain name spells
// it into go/version syntax:
//
//	"go1.26.8"                   → "go1.26.8"
//	"go1.26.8 X:boringcrypto"    → "go1.26.8"
//	"devel go1.27-abc123 Tue …"  → "go1.27-abc123" (a development build towards go1.27)
//	"devel +abc123 …", "", "bad" → "" (cannot be ordered)
func goVersion(v string) string {
	v = strings.TrimSpace(v)
	v = strings.TrimPrefix(v, "devel ")
	v, _, _ = strings.Cut(v, " ")
	if !version.IsValid(v) {
		return ""
	}
	return v
}

// langOf is the language version (go1.N) of v in any spelling goVersion
// accepts; a go.mod go line ("1.26", "1.26.1") is accepted too. "" when v
// cannot be ordered.
func langOf(v string) string {
	v = strings.TrimSpace(v)
	if v != "" && !strings.HasPrefix(v, "go") && !strings.HasPrefix(v, "devel") {
		v = "go" + v
	}
	return version.Lang(goVersion(v))
}

// Why a tool is stale: the language version of go.mod, or the release of the
// selected toolchain.
const (
	staleWorkspace = "workspace"
	staleSelected  = "selected"
)

// staleness compares the Go a tool was built with against what the workspace
// needs. Both comparisons are on language versions (go1.N): a tool's
// go/types and standard library change with the minor release, so go1.26.0
// serves a workspace on go1.26.8 or `go 1.26.1` just as well, while go1.25.x
// does not serve go1.26.x. Unknown versions (an unversioned devel build, an
// empty go line) never make a tool stale.
//
// It returns the language version the tool falls short of and why.
// staleWorkspace wins when both apply, even if the selected release is newer:
// code the tool cannot parse is what breaks first, and the evidence names the
// selected toolchain anyway.
func staleness(toolGo, workspaceGo, selected string) (neededLang, why string) {
	tool := langOf(toolGo)
	if tool == "" {
		return "", ""
	}
	if ws := langOf(workspaceGo); ws != "" && version.Compare(tool, ws) < 0 {
		return ws, staleWorkspace
	}
	if sel := langOf(selected); sel != "" && version.Compare(tool, sel) < 0 {
		return sel, staleSelected
	}
	return "", ""
}
