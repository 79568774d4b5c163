package envprobe

import (
	"fmt"
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/pathlist"
	"github.com/goroot-lens/goroot-lens/internal/shellprofile"
	"github.com/goroot-lens/goroot-lens/internal/winenv"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// persistedVar is a variable as a newly started process would get it from a
// persistent place: the Windows registry or a shell profile line.
type persistedVar struct {
	Name, Value string
	Kind        SourceKind
	Source      string
	File        string
	Line        int
	Type        string // registry value type
	// Exact is false when the value holds something we cannot expand
	// without running code (command substitution, unknown variables).
	Exact      bool
	Exported   bool
	InFunction bool
	// Unset is an `unset NAME` (fish: set -e): a new shell ends without it.
	Unset bool
	// PathAdded are the directories a PATH assignment adds.
	PathAdded []string
	// Final marks the value a new process ends with.
	Final bool
	// System marks a system-wide file (Kind SourceSystemProfile): the
	// administrator's, which the user cannot edit but can override in a
	// profile of their own.
	System bool
	// Literal marks a value used exactly as written, never expanded by a
	// shell: /etc/environment (pam_env) and /etc/paths(.d) (path_helper).
	Literal bool
}

func (v persistedVar) location() *findings.Location {
	if v.File == "" {
		return nil
	}
	return &findings.Location{File: v.File, Line: v.Line}
}

// persistedEnv is everything persistent we found, in load order.
type persistedEnv struct {
	Vars  []persistedVar
	Shell string
	// FreshPath is the PATH a new process would get, when we can know it
	// (Windows: system Path + user Path); nil otherwise.
	FreshPath []pathEntry
	// Complete is true when the places read define a new process's whole
	// environment (the Windows registry), so a variable missing there is
	// missing in a new process.
	Complete bool
	// ShellPath is the user's login shell and ShellFrom where it was found
	// ("$SHELL", "/etc/passwd", "dscl UserShell"); both "" on Windows.
	ShellPath, ShellFrom string
	// ReadProblems are what the profile reader could not read or says the
	// shell takes differently (CRLF, a byte order mark): checkProfileReading
	// reports them.
	ReadProblems []shellprofile.ParseError
	// Notes are problems reading the places (a syntax error in a profile,
	// an unreadable registry key): reported as evidence, never fatal.
	Notes []string
}

func (pe persistedEnv) All(name string) []persistedVar {
	var out []persistedVar
	for _, v := range pe.Vars {
		if strings.EqualFold(v.Name, name) {
			out = append(out, v)
		}
	}
	return out
}

func (pe persistedEnv) Final(name string) (persistedVar, bool) {
	for _, v := range pe.All(name) {
		if v.Final {
			return v, true
		}
	}
	return persistedVar{}, false
}

// readPersisted reads the registry on Windows and the login-shell profiles
// elsewhere.
func readPersisted(p *probe) persistedEnv {
	if p.goos == "windows" {
		return readRegistry(p)
	}
	return readProfiles(p)
}

func readRegistry(p *probe) persistedEnv {
	var pe persistedEnv
	user, system, err := winenv.Read()
	if err != nil {
		pe.Notes = append(pe.Notes, "reading the registry: "+err.Error())
	}
	base := map[string]string{}
	for _, n := range []string{"SystemRoot", "SystemDrive", "USERPROFILE", "USERNAME", "ProgramFiles", "APPDATA", "LOCALAPPDATA", "ComSpec", "windir"} {
		if v, ok := p.env.Lookup(n); ok {
			base[n] = v
		}
	}
	fresh := winenv.NewProcessEnv(user, system, base)
	pe.Complete = err == nil && (len(user) > 0 || len(system) > 0)
	expand := func(s string) string {
		return pathlist.ExpandWindows(s, func(n string) (string, bool) {
			r, ok := lookupFold(fresh, n)
			return r.Value, ok
		})
	}
	add := func(vals []winenv.Value, kind SourceKind) {
		for _, v := range vals {
			if !isGoVariable(v.Name) && !strings.EqualFold(v.Name, "Path") {
				continue
			}
			value := v.Value
			if v.Type == "REG_EXPAND_SZ" {
				value = expand(value)
			}
			pv := persistedVar{Name: v.Name, Value: value, Kind: kind, Type: v.Type, Exact: true, Exported: true,
				Source: fmt.Sprintf("Windows %s registry %s\\%s (%s)", v.Scope, v.Key, v.Name, v.Type)}
			if r, ok := lookupFold(fresh, v.Name); ok && !strings.EqualFold(v.Name, "Path") {
				pv.Final = strings.EqualFold(r.Scope, string(v.Scope))
			}
			pe.Vars = append(pe.Vars, pv)
		}
	}
	add(system, SourceSystemRegistry)
	add(user, SourceUserRegistry)
	// The fresh Path: system entries first, then user entries, each expanded.
	idx := 0
	for _, scope := range []struct {
		vals  []winenv.Value
		scope string
	}{{system, "system"}, {user, "user"}} {
		for _, v := range scope.vals {
			if !strings.EqualFold(v.Name, "Path") {
				continue
			}
			val := v.Value
			if v.Type == "REG_EXPAND_SZ" {
				val = expand(val)
			}
			for _, d := range pathlist.Split(val, "windows") {
				pe.FreshPath = append(pe.FreshPath, pathEntry{Dir: d, Index: idx, Scope: scope.scope})
				idx++
			}
		}
	}
	return pe
}

func lookupFold(m map[string]winenv.Resolved, name string) (winenv.Resolved, bool) {
	if r, ok := m[name]; ok {
		return r, true
	}
	for k, r := range m {
		if strings.EqualFold(k, name) {
			return r, true
		}
	}
	return winenv.Resolved{}, false
}

// readProfiles reads the files a new login shell reads, the system-wide
// ones under Options.SystemRoot included, in the order the shell reads them
// (shellprofile.StartupFiles). Without a home only the system files are read.
func readProfiles(p *probe) persistedEnv {
	// With $SHELL unset (a service, env -i, some IDE launchers) the user
	// database still names the shell whose files a login reads.
	shellPath, from := shellprofile.UserShell(p.env.Get("SHELL"))
	sh := shellprofile.ShellFromEnv(shellPath)
	pe := persistedEnv{Shell: string(sh), ShellPath: shellPath, ShellFrom: from}
	home := p.env.home(p.goos)
	files := shellprofile.StartupFiles(sh, p.goos, p.opts.systemRoot(), home, p.env.Get("ZDOTDIR"), p.env.Get("XDG_CONFIG_HOME"))
	seed := map[string]string{}
	if home != "" {
		seed["HOME"] = home
	}
	if u := p.env.Get("USER"); u != "" {
		seed["USER"] = u
	}
	res, err := shellprofile.Read(sh, files, seed, func(name string) bool {
		return name == "PATH" || isGoVariable(name)
	})
	if err != nil {
		pe.Notes = append(pe.Notes, "reading shell profiles: "+err.Error())
		return pe
	}
	pe.ReadProblems = append(append(pe.ReadProblems, res.Errors...), res.Warnings...)
	final := map[string]int{}
	for _, a := range res.Assignments {
		pv := persistedVar{
			Name: a.Name, Value: a.Value, Kind: SourceShellProfile,
			Source: fmt.Sprintf("shell profile %s:%d", a.File, a.Line),
			File:   a.File, Line: a.Line, Exact: a.Exact, Exported: a.Exported,
			InFunction: a.InFunction, Unset: a.Unset, PathAdded: a.PathAdded,
		}
		if a.System {
			pv.Kind, pv.System = SourceSystemProfile, true
			pv.Literal = a.Statement == "pam_env" || a.Statement == "path_helper"
			pv.Source = pv.where()
		}
		if !a.InFunction {
			final[a.Name] = len(pe.Vars)
		}
		pe.Vars = append(pe.Vars, pv)
	}
	for name, i := range final {
		if name != "PATH" {
			pe.Vars[i].Final = true
		}
	}
	return pe
}

// scopedPath splits the process PATH and says where each entry is defined.
func (p *probe) scopedPath() []pathEntry {
	entries := splitPath(p.env.Get("PATH"), p.goos)
	for i := range entries {
		entries[i].Scope = p.pathScope(entries[i].Dir)
	}
	return entries
}

func (p *probe) pathScope(dir string) string {
	for _, f := range p.persisted.FreshPath {
		if pathlist.Same(f.Dir, dir, p.goos) {
			return f.Scope
		}
	}
	// The user's own files first: a directory they add is theirs to
	// change, even when a system file adds it too.
	for _, v := range p.persisted.userFirst("PATH") {
		for _, d := range v.PathAdded {
			if pathlist.Same(d, dir, p.goos) {
				if v.System {
					return v.where() // "system file /etc/paths.d/go:1"
				}
				return "profile " + v.File + ":" + fmt.Sprint(v.Line)
			}
		}
	}
	return "process"
}
