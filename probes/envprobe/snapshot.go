// Package envprobe is the environment probe: it works out which go and which
// GOROOT will really be used in a folder, where every value came from, and
// what is wrong. It reads files, the registry (Windows) and build info, and
// runs the go command only as `go env -json` with GOTOOLCHAIN=local; it never
// runs shell code and never reaches the network.
package envprobe

import (
	"time"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// SchemaVersion is the version of the JSON form of Snapshot.
const SchemaVersion = 1

// Snapshot is the verdict for one folder.
type Snapshot struct {
	SchemaVersion int    `json:"schemaVersion"`
	Workspace     string `json:"workspace"`
	// Host facts that shape the verdict.
	GOOS   string `json:"goos"`
	GOARCH string `json:"goarch"`
	WSL    bool   `json:"wsl,omitempty"`
	Shell  string `json:"shell,omitempty"`
	// ShellFrom says where Shell was found: "$SHELL", or the user database
	// ("/etc/passwd", "dscl UserShell") when $SHELL is unset.
	ShellFrom string `json:"shellFrom,omitempty"`
	// DefaultGOPROXY is the GOPROXY of $GOROOT/go.env, which a command
	// fetching a toolchain names when the user's GOPROXY is off.
	DefaultGOPROXY string `json:"defaultGOPROXY,omitempty"`
	// Provisional: go env's output came from the go env cache
	// (Options.PreferCache); a confirming run follows.
	Provisional bool `json:"provisional,omitempty"`
	// Home is the user's home folder in the probed environment.
	Home string `json:"home,omitempty"`
	// LoginFile is the profile file goroot-lens's managed block goes into
	// for this user's login shell (Unix).
	LoginFile string `json:"loginFile,omitempty"`
	// UnsetGOROOT are the fixes that stop GOROOT being set, one per place
	// that sets it, for the trace probe's verdict (same ids and commands).
	UnsetGOROOT []findings.Fix `json:"-"`

	Toolchain  Toolchain          `json:"toolchain"`
	Candidates []Candidate        `json:"candidates"`
	Variables  []Variable         `json:"variables"`
	Modules    []ModuleFile       `json:"modules"`
	Findings   []findings.Finding `json:"findings"`
	// GoEnv is `go env -json` of the go that runs (GOTOOLCHAIN=local), nil if
	// it did not run.
	GoEnv map[string]string `json:"goEnv,omitempty"`
	// Duration of the whole probe.
	Duration time.Duration `json:"durationNs"`
}

// Toolchain answers "which go, which GOROOT, and why".
type Toolchain struct {
	// Go is the absolute path of the first go on PATH, "" when there is none.
	Go string `json:"go"`
	// Version is that go's version (from its build info, else go env).
	Version string `json:"version"`
	// GOROOT is what that go uses (`go env GOROOT`), or what it would use when
	// go env failed.
	GOROOT       string `json:"goroot"`
	GOROOTSource string `json:"gorootSource"`
	// GOROOTSourceKind is the machine form of GOROOTSource.
	GOROOTSourceKind SourceKind `json:"gorootSourceKind"`
	// Selected is the toolchain the go command would run in Workspace under
	// the user's GOTOOLCHAIN rules; SelectedReason says why.
	Selected       string `json:"selected"`
	SelectedReason string `json:"selectedReason"`
	// SelectedGOROOT is where the selected toolchain lives when it is not the
	// local one and is present (module cache or PATH); "" when it would have
	// to be downloaded.
	SelectedGOROOT string `json:"selectedGoroot,omitempty"`
	// GOTOOLCHAIN is the user's effective setting (not our forced local).
	GOTOOLCHAIN       string `json:"gotoolchain"`
	GOTOOLCHAINSource string `json:"gotoolchainSource"`
}

// Candidate is one go found on PATH.
type Candidate struct {
	Path     string `json:"path"`
	Resolved string `json:"resolved"`
	Version  string `json:"version"`
	// Source says which PATH entry found it and where that entry came from.
	Source string `json:"source"`
	// Position is the 0-based index of the PATH entry.
	Position int `json:"position"`
	// Scope is where the PATH entry is defined: process, user, system,
	// profile.
	Scope string `json:"scope"`
	// GOROOT is the tree the binary belongs to by location ("" if none).
	GOROOT string `json:"goroot,omitempty"`
	// Shim names a version manager when the path is one of its shims.
	Shim string `json:"shim,omitempty"`
	// Windows is true for a PE binary (relevant inside WSL).
	Windows bool `json:"windows,omitempty"`
	// Wins is true for the one that runs.
	Wins bool `json:"wins"`
}

// SourceKind is the stable machine name of where a value came from.
type SourceKind string

const (
	SourceProcessEnv      SourceKind = "process-env"
	SourceUserRegistry    SourceKind = "windows-user-registry"
	SourceSystemRegistry  SourceKind = "windows-system-registry"
	SourceShellProfile    SourceKind = "shell-profile"
	SourceSystemProfile   SourceKind = "system-profile" // /etc/environment, /etc/profile(.d), zsh's and fish's /etc files, /etc/paths(.d): not the user's to edit
	SourceGoenvFile       SourceKind = "goenv-file"
	SourceGorootGoEnv     SourceKind = "goroot-go.env"
	SourceExecutable      SourceKind = "executable-location"
	SourceToolchainSwitch SourceKind = "toolchain-switch"
	SourceDefault         SourceKind = "default"
	SourceEditorSetting   SourceKind = "editor-setting"
	SourceGoCommand       SourceKind = "go-command"
)

// Variable is one observation of a variable in one place.
type Variable struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	// Source is human readable: "process environment",
	// "shell profile /home/u/.profile:3", "GOENV file /…/go/env:2", …
	Source     string     `json:"source"`
	SourceKind SourceKind `json:"sourceKind"`
	File       string     `json:"file,omitempty"`
	Line       int        `json:"line,omitempty"`
	// Type is the registry value type (REG_SZ, REG_EXPAND_SZ) on Windows.
	Type string `json:"type,omitempty"`
	// Effective marks the observation the go command uses.
	Effective bool `json:"effective"`
}

// ModuleFile is a go.mod or go.work that governs Workspace.
type ModuleFile struct {
	File          string `json:"file"`
	Go            string `json:"go,omitempty"`
	GoLine        int    `json:"goLine,omitempty"`
	Toolchain     string `json:"toolchain,omitempty"`
	ToolchainLine int    `json:"toolchainLine,omitempty"`
	// Governs is true for the file the go command reads for toolchain
	// selection (go.work if there is one, else go.mod).
	Governs bool `json:"governs"`
}
