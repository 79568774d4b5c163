package fix

import (
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/gocmd"
	"github.com/goroot-lens/goroot-lens/internal/shellprofile"
	"github.com/goroot-lens/goroot-lens/internal/winenv"
)

// NewProcessEnv is the environment a program started after plan was written
// would get, for the re-probe: on Windows the one Windows builds from the
// registry (winenv.NewProcessEnv); elsewhere env with every variable the
// plan touched set as the login profiles, read again (never run), leave it
// for a new login shell.
func NewProcessEnv(env []string, plan Plan) ([]string, error) {
	return newProcessEnv(env, plan, "")
}

// newProcessEnv is NewProcessEnv with the root /etc is read from.
func newProcessEnv(env []string, plan Plan, systemRoot string) ([]string, error) {
	if env == nil {
		env = os.Environ() // as Options.Env: nil is this process's
	}
	if hostGOOS == "windows" {
		return windowsNewProcessEnv(env)
	}
	if systemRoot == "" {
		systemRoot = "/"
	}
	return profileNewProcessEnv(env, plan, systemRoot)
}

// windowsBase are the variables Windows itself gives every process, which
// the registry does not hold.
var windowsBase = []string{"SystemRoot", "SystemDrive", "USERPROFILE", "USERNAME", "USERDOMAIN", "ProgramFiles",
	"ProgramFiles(x86)", "ProgramData", "ALLUSERSPROFILE", "PUBLIC", "APPDATA", "LOCALAPPDATA", "ComSpec", "windir",
	"HOMEDRIVE", "HOMEPATH", "COMPUTERNAME", "PATHEXT", "NUMBER_OF_PROCESSORS", "PROCESSOR_ARCHITECTURE", "OS",
	"GOROOT_LENS_STATE_DIR"}

func windowsNewProcessEnv(env []string) ([]string, error) {
	user, system, err := winenv.Read()
	if err != nil {
		return nil, err
	}
	base := map[string]string{}
	for _, n := range windowsBase {
		if v := gocmd.Getenv(env, n); v != "" {
			base[n] = v
		}
	}
	fresh := winenv.NewProcessEnv(user, system, base)
	out := make([]string, 0, len(fresh))
	for _, k := range slices.Sorted(maps.Keys(fresh)) {
		out = append(out, fresh[k].Name+"="+fresh[k].Value)
	}
	return out, nil
}

// profileNewProcessEnv re-reads the login profiles of the user's shell and,
// for each variable the plan touched, takes what a new login shell ends
// with: the final exported assignment, or nothing when the profiles no
// longer set it (the value the process has came from the line the plan
// removed). PATH is rebuilt from the process PATH: entries the block adds
// are put where the block puts them.
func profileNewProcessEnv(env []string, plan Plan, systemRoot string) ([]string, error) {
	home := gocmd.Getenv(env, "HOME")
	shellPath, _ := shellprofile.UserShell(gocmd.Getenv(env, "SHELL"))
	sh := shellprofile.ShellFromEnv(shellPath)
	zdotdir, xdg := gocmd.Getenv(env, "ZDOTDIR"), gocmd.Getenv(env, "XDG_CONFIG_HOME")
	// The files the probe reads, system ones included, then the login
	// file (a block just created there is read from now on).
	files := append(shellprofile.StartupFiles(sh, hostGOOS, systemRoot, home, zdotdir, xdg),
		shellprofile.File{Path: shellprofile.LoginFile(sh, home, zdotdir, xdg)})
	seed := map[string]string{"HOME": home}
	res, err := shellprofile.Read(sh, dedupeFiles(files), seed, nil)
	if err != nil {
		return nil, err
	}
	out := slices.Clone(env)
	for _, c := range plan.Changes {
		if c.Name == "" || c.Store == "goenv" || c.Store == "user-registry" {
			continue
		}
		if strings.EqualFold(c.Name, "PATH") {
			out = freshPath(out, res)
			continue
		}
		a, ok := res.Final(c.Name)
		switch {
		case !ok || a.Unset:
			out = gocmd.Without(out, c.Name)
		case a.Exported && a.Exact && !a.Conditional:
			out = gocmd.Setenv(out, c.Name, a.Value)
		}
	}
	return out, nil
}

// freshPath puts the entries the profiles add in front of (or after) the
// process PATH, as a new login shell would, without removing any entry.
func freshPath(env []string, res *shellprofile.Result) []string {
	path := gocmd.Getenv(env, "PATH")
	entries := strings.Split(path, ":")
	for _, a := range res.All("PATH") {
		if a.InFunction || a.Conditional {
			continue
		}
		for _, d := range a.PathAdded {
			if a.PathPrepends {
				if len(entries) == 0 || entries[0] != d {
					entries = append([]string{d}, entries...)
				}
			} else if !slices.Contains(entries, d) {
				entries = append(entries, d)
			}
		}
	}
	return gocmd.Setenv(env, "PATH", strings.Join(entries, ":"))
}

func dedupeFiles(files []shellprofile.File) []shellprofile.File {
	seen := map[string]bool{}
	var out []shellprofile.File
	for _, f := range files {
		if !seen[f.Path] {
			seen[f.Path] = true
			out = append(out, f)
		}
	}
	return out
}
