package envprobe

import (
	"os"
	"runtime"
	"time"
)

// DefaultTimeout bounds every go command the probe runs.
const DefaultTimeout = 10 * time.Second

// Options say what to probe. The zero value probes the current folder with
// the process environment.
type Options struct {
	// Dir is the workspace folder; "" means the current folder.
	Dir string
	// Env is the process environment to judge; nil means os.Environ().
	// Tests give each scenario its own HOME, PATH and GOENV here.
	Env []string
	// Settings are editor settings: "go.goroot", "go.alternateTools" (a JSON
	// object, or "go.alternateTools.go" for one key), "go.toolsEnvVars" (JSON).
	Settings map[string]string
	// SettingsFile is where Settings came from (.vscode/settings.json), so
	// findings about them can point at the key; "" for command-line flags.
	SettingsFile string
	// Timeout bounds each go command; 0 means DefaultTimeout.
	Timeout time.Duration
	// Lang is the catalogue language of messages ("en" or "zh-CN").
	Lang string
	// Running is the environment of the programs already running (the
	// editor and what it started) when Env is another one, e.g. what a new
	// process gets after a fix; nil when Env is theirs. Differences become
	// env-stale findings naming the programs that keep the old value.
	Running []string
	// Overlay holds the unsaved editor text of go.mod and go.work files by
	// absolute path: the toolchain lines are judged as the user sees them.
	Overlay Overlay
	// SystemRoot is the file system root under which the system-wide
	// startup files (/etc/environment, /etc/profile, /etc/paths.d, …) are
	// read; "" means "/". Tests point it at a temporary folder.
	SystemRoot string
	// GoEnvCache is a folder where the output of successful go env runs is
	// kept under a key of everything it depends on (goenvcache.go); ""
	// keeps nothing. PreferCache takes a kept output instead of running go
	// env, and marks the snapshot Provisional: the caller shows it and
	// confirms it with a run without PreferCache.
	GoEnvCache  string
	PreferCache bool
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

// hostGOOS is a variable only so that pure logic can be tested for other
// systems; probes always judge the machine they run on.
var hostGOOS, hostGOARCH = runtime.GOOS, runtime.GOARCH
