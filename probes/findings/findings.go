// Package findings holds the plain data every probe reports: findings with
// stable codes, their evidence, the fixes they suggest and the source of every
// value. It knows nothing of LSP, terminals or file formats.
package findings

import (
	"fmt"
	"sort"
	"strconv"
)

// Severity orders findings; the JSON names are part of schemaVersion 1.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Rank is larger for worse severities, for sorting and "worst finding" lenses.
func (s Severity) Rank() int {
	switch s {
	case Error:
		return 3
	case Warning:
		return 2
	case Info:
		return 1
	}
	return 0
}

// Location points at the line a finding is about (a profile line, a go.mod
// line, a settings key). Line is 1-based; 0 means "the file as a whole".
type Location struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	// Key names a JSON settings key when File is a settings file.
	Key string `json:"key,omitempty"`
}

func (l Location) String() string {
	if l.Line > 0 {
		return l.File + ":" + strconv.Itoa(l.Line)
	}
	return l.File
}

// FixKind says which mechanism a fix uses; only the fix package carries them out.
type FixKind string

const (
	// FixSetUserVar sets a persistent user variable (HKCU\Environment,
	// the managed profile block on Unix).
	FixSetUserVar FixKind = "set-user-var"
	// FixUnsetUserVar removes a persistent user variable.
	FixUnsetUserVar FixKind = "unset-user-var"
	// FixGoEnvWrite runs `go env -w` / `go env -u` (the GOENV file).
	FixGoEnvWrite FixKind = "go-env"
	// FixEditFile replaces one line of a file the editor can open.
	FixEditFile FixKind = "edit-file"
	// FixPrependPath puts a directory first on the user PATH.
	FixPrependPath FixKind = "prepend-path"
	// FixAppendPath adds a directory at the end of the user PATH.
	FixAppendPath FixKind = "append-path"
	// FixRunGo runs a go command for the user (go install of a stale tool);
	// the fix engine backs up what it replaces.
	FixRunGo FixKind = "run-go"
	// FixCommand is advice: a command the user runs by hand.
	FixCommand FixKind = "command"
	// FixRestart asks the user to restart the editor or terminal.
	FixRestart FixKind = "restart"
)

// Store names the place a fix writes, or, for advice, the place that holds
// the value. Built by fix/recipe; carried out by the fix package.
type Store string

const (
	StoreUserRegistry   Store = "user-registry"   // HKCU\Environment
	StoreSystemRegistry Store = "system-registry" // HKLM: read, never written
	StoreProfile        Store = "profile"         // a line of the user's login profile
	StoreProfileBlock   Store = "profile-block"   // goroot-lens's managed block in the login profile
	StoreSystemFile     Store = "system-file"     // /etc/...: read, never written
	StoreGoenv          Store = "goenv"           // the GOENV file, through go env -w/-u
	StoreSession        Store = "session"         // only the running processes hold it
	StoreToolBinary     Store = "tool-binary"     // a program in GOBIN, rebuilt by go install
)

// Fix is a remedy a finding suggests. ID is stable within a code.
type Fix struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Kind  FixKind `json:"kind"`
	// Store is where the fix writes (see Store); empty for advice that
	// writes nothing and for edits the editor applies.
	Store Store `json:"store,omitempty"`
	// Shell is the login shell a profile fix is written for.
	Shell string `json:"shell,omitempty"`
	// Env are the variables a FixRunGo command runs with (NAME=value).
	Env []string `json:"env,omitempty"`
	// Var and Value describe variable fixes; Value empty with FixUnsetUserVar.
	Var   string `json:"var,omitempty"`
	Value string `json:"value,omitempty"`
	// Command is the exact shell command that does the same by hand.
	Command string `json:"command,omitempty"`
	// Location and NewText describe FixEditFile: replace that line with NewText
	// (empty NewText deletes the line).
	Location *Location `json:"location,omitempty"`
	NewText  string    `json:"newText,omitempty"`
	// Preferred marks the safest fix of a finding.
	Preferred bool `json:"preferred,omitempty"`
}

// Finding is one thing goroot-lens has to say, with a stable code.
type Finding struct {
	Code     Code     `json:"code"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// Evidence lines, each true and checkable on its own.
	Evidence []string `json:"evidence"`
	Fixes    []Fix    `json:"fixes"`
	// Location is where an editor should show the finding, if it has one
	// place (a profile line, a go.mod line, a settings key).
	Location *Location `json:"location,omitempty"`
	// Args are the values the message was built from, so that the message can
	// be rendered again in another language.
	Args map[string]string `json:"args,omitempty"`
}

// New builds a finding whose message comes from the catalogue in lang.
func New(lang string, code Code, args map[string]string) Finding {
	return Finding{
		Code:     code,
		Severity: code.DefaultSeverity(),
		Message:  Message(lang, code, args),
		Evidence: []string{},
		Fixes:    []Fix{},
		Args:     args,
	}
}

// Evidencef appends one formatted evidence line.
func (f *Finding) Evidencef(format string, a ...any) {
	f.Evidence = append(f.Evidence, fmt.Sprintf(format, a...))
}

// Sort orders findings worst first, then by code, then by message, so output is
// deterministic.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if a, b := fs[i].Severity.Rank(), fs[j].Severity.Rank(); a != b {
			return a > b
		}
		if fs[i].Code != fs[j].Code {
			return fs[i].Code < fs[j].Code
		}
		return fs[i].Message < fs[j].Message
	})
}

// Worst returns the highest severity among fs, or "" for none.
func Worst(fs []Finding) Severity {
	var w Severity
	for _, f := range fs {
		if f.Severity.Rank() > w.Rank() {
			w = f.Severity
		}
	}
	return w
}

// Relocalize renders every message again in lang from its Args.
func Relocalize(lang string, fs []Finding) {
	for i := range fs {
		fs[i].Message = Message(lang, fs[i].Code, fs[i].Args)
	}
}
