// Package traceprobe is the engine behind "Verify GOROOT": it builds a tiny
// probe program with the toolchain the workspace selects, runs it with
// runtime/trace recording, and compares what the build and the program saw
// with what the go command claims.
//
// How the toolchain is chosen. The probe is built in a fresh temporary module
// whose go.mod copies the `go` and `toolchain` lines of the file the
// workspace's go command reads (go.work when one is in use, else go.mod, as
// reported by `go env GOWORK` and `go env GOMOD`, which never switch). The
// same go binary, the same environment and the same lines make the go
// command's own selection (cmd/go/internal/toolchain.Select) pick the same
// toolchain as in the workspace: nothing is predicted, the go command decides
// and the -x output shows what ran. Options.Toolchain overrides this with
// GOTOOLCHAIN=<version>; use it only to verify one named toolchain, since it
// can hide a wrong prediction.
//
// What is changed in the user's environment for the build (listed in
// Verdict.Overrides):
//   - GOFLAGS is replaced by "-trimpath=false -buildvcs=false": the probe must
//     not be trimmed (runtime.GOROOT() would be "" without GOROOT set), and
//     user flags such as -mod=vendor, -modfile, -overlay or -pgo point into
//     the workspace and break a temporary module. No GOFLAGS changes which go
//     command or GOROOT is selected.
//   - GOWORK=off, so that a go.work above the temporary folder is ignored (its
//     lines were already copied when it applies to the workspace).
//   - GOOS/GOARCH are this process's: the probe has to run here.
//   - GOTMPDIR points into the probe's temporary folder, so a killed build
//     leaves no $WORK folder behind.
//   - GOPROXY=off unless AllowDownload: a toolchain on PATH or already in the
//     module cache is still used (GOTOOLCHAIN=auto finds it there without the
//     network), anything else fails fast instead of downloading. The probe
//     imports only the standard library, so nothing else needs a proxy.
//   - GODEBUG gets toolchaintrace=1 (Go ≥1.24 reports its choice on stderr).
//   - GOTOOLCHAIN_INTERNAL_* variables are removed (also for the probe run).
//
// What the probe sees. runtime.GOROOT() is the GOROOT variable of the probe
// process if set, else the root the linking go command embedded. A toolchain
// switch sets GOROOT only for the switched go and its children; the probe is
// run by us with the user's environment, so a GOROOT set there is what the
// probe reports even when the switched toolchain compiled it. That is the
// truth for every program the user starts, and is reported as a note, not a
// mismatch. runtime.GOROOT() is compared with the compile tool's root only
// when GOROOT is unset.
package traceprobe

import (
	"os"
	"time"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// SchemaVersion is the version of the JSON form of Verdict.
const SchemaVersion = 1

// DefaultTimeout bounds a whole Run: a cold build cache compiles the standard
// library and can take a minute on a small machine.
const DefaultTimeout = 3 * time.Minute

// The verdicts.
const (
	Verified = "verified"
	Mismatch = "mismatch"
	Failed   = "failed"
)

// The progress stages, in order.
const (
	StagePrepare = "prepare"
	StageBuild   = "build"
	StageRun     = "run"
	StageParse   = "parse"
	StageDone    = "done"
)

// Options say what to verify. The zero value verifies the current folder with
// the process environment.
type Options struct {
	// Dir is the workspace folder; "" means the current folder.
	Dir string
	// Env is the user's environment; nil means os.Environ().
	Env []string
	// GoBin is the go command; "" means "go" looked up on Env's PATH.
	GoBin string
	// Toolchain, if set, forces GOTOOLCHAIN=<Toolchain> (e.g. "go1.25.5")
	// instead of letting the go command select from the workspace's lines.
	Toolchain string
	// AllowDownload lets the go command download a toolchain.
	AllowDownload bool
	// KeepTrace, if set, is where the trace file is copied; `go tool trace`
	// opens it.
	KeepTrace string
	// Configured are rows the caller knows: GOROOT from the process
	// environment, the user variable, an editor setting. They are shown
	// first and not compared (the environment probe judges them).
	Configured []Row
	// UnsetGOROOT are the environment probe's fixes that stop GOROOT being
	// set (one per place that sets it); nil: only the process is known.
	UnsetGOROOT []findings.Fix
	// LoginFile is where a profile fix writes and Shell the login shell
	// (the environment probe's).
	LoginFile, Shell string
	// GoEnv is the environment probe's `go env -json` of GoBin in Dir with
	// this Env and GOTOOLCHAIN=local; nil when it did not run. It spares the
	// trace a second go env for the files that select the toolchain.
	GoEnv map[string]string
	// DefaultGOPROXY is the GOPROXY of $GOROOT/go.env, named by a fix that
	// fetches a toolchain when the user's GOPROXY is off.
	DefaultGOPROXY string
	// Toolchains are the environment probe's findings about toolchain
	// selection (toolchain-unavailable, a GOTOOLCHAIN every go command
	// rejects). A build that fails for that cause is reported with the same
	// finding, so check and trace say one thing in one wording.
	Toolchains []findings.Finding
	// Timeout bounds the whole run; 0 means DefaultTimeout.
	Timeout time.Duration
	// Lang is the catalogue language of messages ("en" or "zh-CN").
	Lang string
	// Progress, if set, is told about stages and build steps. Calls never
	// overlap; they come from the goroutine that called Run.
	Progress func(stage string, percent int, message string)
}

func (o Options) env() []string {
	if o.Env == nil {
		return os.Environ()
	}
	return o.Env
}

func (o Options) timeout() time.Duration {
	if o.Timeout <= 0 {
		return DefaultTimeout
	}
	return o.Timeout
}

func (o Options) lang() string {
	if o.Lang == "" {
		return findings.LangEnglish
	}
	return o.Lang
}

// Verdict is the result of a run; its JSON form is schemaVersion 1.
type Verdict struct {
	SchemaVersion int `json:"schemaVersion"`
	// Verdict is Verified, Mismatch or Failed.
	Verdict string `json:"verdict"`
	// Error says why the verdict is Failed.
	Error string `json:"error,omitempty"`
	// Rows are the compared values, each with its source.
	Rows []Row `json:"rows"`
	// Events are the values the probe logged in its trace, in order, then
	// the toolchain trace of the go command and the inittrace lines.
	Events []Event `json:"events"`
	// Timings are the durations of the probe's trace task and regions.
	Timings []Timing `json:"timings"`
	// BuildTools are the tools the build ran, in order of first use.
	BuildTools []Tool             `json:"buildTools"`
	Findings   []findings.Finding `json:"findings"`
	// BuildError is the go command's error output when the build failed.
	BuildError string `json:"buildError,omitempty"`
	// TraceFile is Options.KeepTrace once the trace was copied there.
	TraceFile string `json:"traceFile,omitempty"`
	// Overrides are the environment changes made for the build.
	Overrides []string `json:"overrides"`
	// Stages are the durations of the stages that ran.
	Stages []Stage `json:"stages"`
}

// Row is one value and where it came from.
type Row struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Source string `json:"source"`
}

// Event is one logged value. Time is the offset from the start of the probe's
// trace task; for inittrace lines it is the offset from process start.
type Event struct {
	Category string        `json:"category"`
	Message  string        `json:"message"`
	Task     string        `json:"task,omitempty"`
	Region   string        `json:"region,omitempty"`
	Time     time.Duration `json:"timeNs"`
}

// Timing is the duration of a trace task or region.
type Timing struct {
	Kind     string        `json:"kind"` // "task" or "region"
	Name     string        `json:"name"`
	Task     string        `json:"task,omitempty"`
	Duration time.Duration `json:"durationNs"`
}

// Tool is a toolchain program the build ran, and the GOROOT it lives in.
type Tool struct {
	Name   string `json:"name"`
	Path   string `json:"path"`
	GOROOT string `json:"goroot"`
}

// Stage is the duration of one stage.
type Stage struct {
	Name     string        `json:"name"`
	Duration time.Duration `json:"durationNs"`
}

// Row names that the verdict compares.
const (
	RowGoCommand      = "go command"
	RowLines          = "go/toolchain lines"
	RowGoEnvGOROOT    = "go env GOROOT"
	RowGoVersion      = "go env GOVERSION"
	RowVersionFile    = "GOROOT/VERSION"
	RowCompileGOROOT  = "compile tool GOROOT"
	RowLinkGOROOT     = "link tool GOROOT"
	RowLinkerGOROOT   = "GOROOT given to the linker"
	RowGoVersionFlag  = "compile -goversion"
	RowRuntimeGOROOT  = "runtime.GOROOT()"
	RowProbeEnvGOROOT = "os.Getenv(\"GOROOT\")"
	RowRuntimeVersion = "runtime.Version()"
	RowExecutable     = "os.Executable()"
	RowLookPath       = "exec.LookPath(\"go\")"
	RowStat           = "os.Stat"
)

// Row returns the value of the first row called name.
func (v *Verdict) Row(name string) (string, bool) {
	for _, r := range v.Rows {
		if r.Name == name {
			return r.Value, true
		}
	}
	return "", false
}

func (v *Verdict) addRow(name, value, source string) {
	v.Rows = append(v.Rows, Row{Name: name, Value: value, Source: source})
}
