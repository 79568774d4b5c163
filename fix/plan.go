// Package fix is the only code that writes the user's environment. A fix a
// finding suggests becomes a Plan — the exact changes, each with the old and
// the new value and type — that is shown before anything is written. Apply
// journals the old state first, writes, reads back, and probes again with
// the environment a new process would get; Undo restores the journal's old
// bytes and types. The stores live in fix/internal so that nothing else can
// write.
package fix

import (
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// Op is what a change does to its target.
type Op string

const (
	OpSetValue    Op = "set-value"    // a registry value is created or replaced
	OpDeleteValue Op = "delete-value" // a registry value is removed
	OpEditFile    Op = "edit-file"    // a profile file's bytes change (one line, or the managed block)
	OpGoEnv       Op = "go-env"       // go env -w / -u changes the GOENV file
	OpGoInstall   Op = "go-install"   // go install rebuilds a program in its folder
)

// Value is one side of a change. Registry values have Text and Type; files
// have Bytes (the whole content, for the journal) and Text (the lines that
// differ, for the preview).
type Value struct {
	Present bool   `json:"present"`
	Text    string `json:"text,omitempty"`
	Type    string `json:"type,omitempty"`
	Bytes   []byte `json:"bytes,omitempty"`
	Mode    uint32 `json:"mode,omitempty"`
}

// Change is one write.
type Change struct {
	Store  findings.Store `json:"store"`
	Op     Op             `json:"op"`
	Target string         `json:"target"` // HKCU\Environment, a profile file, the GOENV file
	Name   string         `json:"name"`   // the variable
	Line   int            `json:"line,omitempty"`
	Old    Value          `json:"old"`
	New    Value          `json:"new"`
	// GoEnvArgs are the go env arguments of an OpGoEnv change; GoEnvRoot a
	// working GOROOT to run them with (a broken GOROOT in the GOENV file
	// stops go env itself).
	GoEnvArgs []string `json:"goEnvArgs,omitempty"`
	GoEnvRoot string   `json:"goEnvRoot,omitempty"`
	// Env are variables an OpGoInstall runs with; Backup is where the old
	// program was copied before it ran.
	Env    []string `json:"env,omitempty"`
	Backup string   `json:"backup,omitempty"`
}

// Plan is everything one fix would do, shown before it is done.
type Plan struct {
	Code  findings.Code `json:"code"`
	FixID string        `json:"fixId"`
	Title string        `json:"title"`
	// Dir is the workspace whose finding the fix answers.
	Dir     string   `json:"dir"`
	Changes []Change `json:"changes"`
	// Manual is the command for a fix that goroot-lens does not write
	// (advice, an administrator's change, a restart).
	Manual string `json:"manual,omitempty"`
	// Notes are warnings and what the user must still do by hand.
	Notes []string `json:"notes,omitempty"`
	// Refused says why nothing can be written; Changes is then empty.
	Refused string `json:"refused,omitempty"`
	// Finding is the finding the fix answers, to tell afterwards whether
	// it is gone.
	Finding *findings.Finding `json:"finding,omitempty"`
}

// Writable reports whether applying the plan writes anything.
func (p Plan) Writable() bool { return p.Refused == "" && len(p.Changes) > 0 }
