package findings

import "slices"

// Code is a stable finding identifier: it is the SARIF rule id, the LSP
// Diagnostic code and the anchor of its section in docs/codes.md.
type Code string

// The codes of the environment probe (issue: the truthful core).
const (
	GoNotFound             Code = "go-not-found"
	GoCommandFailed        Code = "go-command-failed"
	GorootInvalid          Code = "goroot-invalid"
	GorootEnvMismatch      Code = "goroot-env-mismatch"
	GorootVersionMismatch  Code = "goroot-version-mismatch"
	GorootRedundant        Code = "goroot-redundant"
	GoShadowed             Code = "go-shadowed"
	GoSkipped              Code = "go-skipped"
	GorootBinNotOnPath     Code = "goroot-bin-not-on-path"
	GopathIsGoroot         Code = "gopath-is-goroot"
	GobinNotOnPath         Code = "gobin-not-on-path"
	PathUnexpandedVariable Code = "path-unexpanded-variable"
	PathTooLong            Code = "path-too-long"
	EnvStale               Code = "env-stale"
	ToolchainSwitch        Code = "toolchain-switch"
	ToolchainUnavailable   Code = "toolchain-unavailable"
	GoenvFileOverride      Code = "goenv-file-override"
	ProfileMissingExport   Code = "profile-missing-export"
	ProfileConflict        Code = "profile-conflict"
	WSLWindowsGo           Code = "wsl-windows-go"
	SettingsGorootMismatch Code = "settings-goroot-mismatch"
	VersionManagerShim     Code = "version-manager-shim"
	FileUnreadable         Code = "file-unreadable"
	ProfileEncoding        Code = "profile-encoding"
	ProfileUnreadable      Code = "profile-unreadable"
)

// The codes of the evidence probes (build info and trace).
const (
	ToolStale             Code = "tool-stale"
	ToolWrongPlatform     Code = "tool-wrong-platform"
	GoBinaryOutsideGoroot Code = "go-binary-outside-goroot"
	RuntimeGorootMismatch Code = "runtime-goroot-mismatch"
)

type codeInfo struct {
	severity Severity
	title    string // short English rule name for SARIF
}

var codes = map[Code]codeInfo{
	GoNotFound:             {Error, "No go command on PATH"},
	GoCommandFailed:        {Error, "The go command failed"},
	GorootInvalid:          {Error, "GOROOT is not a Go tree"},
	GorootEnvMismatch:      {Error, "GOROOT holds another Go version than the go that runs"},
	GorootVersionMismatch:  {Error, "A Go tree disagrees with itself"},
	GorootRedundant:        {Info, "GOROOT set to what go finds anyway"},
	GoShadowed:             {Warning, "Several different go commands on PATH"},
	GoSkipped:              {Warning, "A go on PATH is skipped"},
	GorootBinNotOnPath:     {Warning, "GOROOT/bin is not on PATH"},
	GopathIsGoroot:         {Error, "GOPATH equals or lies inside GOROOT"},
	GobinNotOnPath:         {Warning, "GOBIN is not on PATH"},
	PathUnexpandedVariable: {Error, "PATH holds an unexpanded variable"},
	PathTooLong:            {Warning, "Windows Path too long"},
	EnvStale:               {Warning, "Environment of this process is stale"},
	ToolchainSwitch:        {Info, "go.mod/go.work switches toolchains"},
	ToolchainUnavailable:   {Error, "Required toolchain not available"},
	GoenvFileOverride:      {Warning, "GOENV file value overridden or global"},
	ProfileMissingExport:   {Warning, "Profile assigns a Go variable without export"},
	ProfileConflict:        {Warning, "Profile places disagree on a Go variable"},
	WSLWindowsGo:           {Error, "Windows Go used inside WSL"},
	SettingsGorootMismatch: {Warning, "Editor setting disagrees with the toolchain"},
	VersionManagerShim:     {Info, "go reached through a version manager shim"},
	FileUnreadable:         {Warning, "A file the go command reads cannot be read"},
	ProfileEncoding:        {Warning, "Profile has Windows line endings or a byte order mark"},
	ProfileUnreadable:      {Info, "Part of a profile could not be read"},
	ToolStale:              {Warning, "Tool built with an older Go"},
	ToolWrongPlatform:      {Error, "Tool built for another platform"},
	GoBinaryOutsideGoroot:  {Warning, "go binary outside its GOROOT"},
	RuntimeGorootMismatch:  {Error, "Runtime GOROOT evidence disagrees"},
}

// DefaultSeverity is the severity a code has unless the probe says otherwise
// (gobin-not-on-path and path-too-long vary with the evidence).
func (c Code) DefaultSeverity() Severity {
	if i, ok := codes[c]; ok {
		return i.severity
	}
	return Warning
}

// Title is the short English name of the rule.
func (c Code) Title() string { return codes[c].title }

// DocURL is the documentation section of a code: docs/codes.md#<code>.
func (c Code) DocURL() string { return DocsBase + "#" + string(c) }

// DocsBase is where the code reference lives; every code has a heading there.
const DocsBase = "https://github.com/goroot-lens/goroot-lens/blob/main/docs/codes.md"

// All lists every known code in a stable order.
func All() []Code {
	out := make([]Code, 0, len(codes))
	for c := range codes {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}
