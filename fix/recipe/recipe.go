// Package recipe is the one place where a wanted change of the user's
// environment becomes a fix: its id, its title in the user's language, the
// store it writes and the exact command that does the same by hand on the
// user's system. Probes say what should change (a variable, a value, the
// place that holds it); the fix package carries the fix out.
package recipe

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/goroot-lens/goroot-lens/fix/internal/profilestore"
	"github.com/goroot-lens/goroot-lens/internal/shellprofile"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// Context is who the fix is for.
type Context struct {
	Lang string
	GOOS string
	// Shell is the user's login shell ($SHELL) and LoginFile the profile
	// file its managed block goes into (shellprofile.LoginFile); Unix only.
	Shell     string
	LoginFile string
}

// NewContext fills LoginFile from the user's shell and folders.
func NewContext(lang, goos, shell, home, zdotdir, xdgConfig string) Context {
	c := Context{Lang: lang, GOOS: goos, Shell: shell}
	if goos != "windows" && home != "" {
		c.LoginFile = shellprofile.LoginFile(shellprofile.ShellFromEnv(shell), home, zdotdir, xdgConfig)
	}
	return c
}

// Place is one persistent place that sets a variable, as a probe found it.
type Place struct {
	Store findings.Store
	File  string // profile or system file; "" for the registry
	Line  int
	// Whole is true when the file as a whole is the setting (/etc/paths.d/go).
	Whole bool
}

func (c Context) text(key string, args map[string]string) string {
	return findings.Text(c.Lang, key, args)
}

func (c Context) fish() bool {
	return shellprofile.ShellFromEnv(c.Shell) == shellprofile.Fish
}

// UnsetFixes are the ways to stop name being set: one per place that sets
// it persistently (the first preferred), the GOENV file's entry when the
// environment does not override it, else the running session. inEnv says
// whether the process environment has name; goenv is the GOENV file's entry
// (nil when it has none); goodRoot is a GOROOT that works, for go env -u
// GOROOT when the file's GOROOT breaks every go command.
func (c Context) UnsetFixes(name string, places []Place, inEnv bool, goenv *findings.Location, goodRoot string) []findings.Fix {
	var fixes []findings.Fix
	if inEnv {
		for _, pl := range places {
			if f, ok := c.UnsetAt(name, pl); ok {
				fixes = append(fixes, f)
			}
		}
	}
	if goenv != nil && !inEnv {
		fixes = append(fixes, c.GoenvUnset(name, goenv, goodRoot))
	}
	if len(fixes) == 0 && inEnv {
		fixes = append(fixes, findings.Fix{ID: "unset-session-" + strings.ToLower(name), Kind: findings.FixCommand,
			Store: findings.StoreSession, Var: name,
			Title: c.text("fix.unset-session", map[string]string{"name": name}), Command: c.unsetSessionCommand(name)})
	}
	if len(fixes) > 0 {
		fixes[0].Preferred = true
	}
	return fixes
}

// UnsetAt is the fix that stops pl setting name.
func (c Context) UnsetAt(name string, pl Place) (findings.Fix, bool) {
	low := strings.ToLower(name)
	switch pl.Store {
	case findings.StoreUserRegistry:
		return findings.Fix{ID: "unset-user-" + low, Kind: findings.FixUnsetUserVar, Store: pl.Store, Var: name,
			Title:   c.text("fix.unset-var", map[string]string{"name": name, "scope": c.text("scope.user", nil)}),
			Command: `reg delete HKCU\Environment /v ` + name + ` /f`}, true
	case findings.StoreSystemRegistry:
		return findings.Fix{ID: "unset-system-" + low, Kind: findings.FixCommand, Store: pl.Store, Var: name,
			Title:   c.text("fix.unset-system", map[string]string{"name": name}),
			Command: `reg delete "HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment" /v ` + name + ` /f`}, true
	case findings.StoreProfile:
		if pl.File == "" {
			return findings.Fix{}, false
		}
		loc := &findings.Location{File: pl.File, Line: pl.Line}
		return findings.Fix{ID: fmt.Sprintf("delete-line-%s-%d", low, pl.Line), Kind: findings.FixEditFile,
			Store: pl.Store, Shell: c.Shell, Var: name, Location: loc,
			Title:   c.text("fix.delete-line", map[string]string{"location": loc.String()}),
			Command: "sed -i.bak '" + fmt.Sprint(pl.Line) + "d' " + ShellQuote(pl.File)}, true
	case findings.StoreSystemFile:
		if pl.File == "" {
			return findings.Fix{}, false
		}
		loc := &findings.Location{File: pl.File, Line: pl.Line}
		cmd := "sudo sed -i.bak '" + fmt.Sprint(pl.Line) + "d' " + ShellQuote(pl.File)
		if pl.Whole {
			cmd = "sudo rm " + ShellQuote(pl.File)
		}
		return findings.Fix{ID: fmt.Sprintf("system-line-%s-%d", low, pl.Line), Kind: findings.FixCommand,
			Store: pl.Store, Var: name, Location: loc,
			Title:   c.text("fix.unset-system-file", map[string]string{"name": name, "location": loc.String()}),
			Command: cmd}, true
	}
	return findings.Fix{}, false
}

// GoenvUnset removes name from the GOENV file with go env -u; for GOROOT the
// command carries a good GOROOT, since a broken one stops go env itself.
func (c Context) GoenvUnset(name string, loc *findings.Location, goodRoot string) findings.Fix {
	cmd := "go env -u " + name
	if name == "GOROOT" && goodRoot != "" {
		cmd = c.WithEnv([]string{"GOROOT=" + goodRoot}, cmd)
	}
	return findings.Fix{ID: "goenv-unset-" + strings.ToLower(name), Kind: findings.FixGoEnvWrite, Store: findings.StoreGoenv,
		Var: name, Title: c.text("fix.goenv-unset", map[string]string{"name": name}), Command: cmd, Location: loc}
}

// GoenvSet writes name=value to the GOENV file with go env -w.
func (c Context) GoenvSet(id, name, value string) findings.Fix {
	return findings.Fix{ID: id, Kind: findings.FixGoEnvWrite, Store: findings.StoreGoenv, Var: name, Value: value,
		Title:   c.text("fix.goenv-set", map[string]string{"name": name, "value": value}),
		Command: "go env -w " + c.quote(name+"="+value)}
}

// SetUserVar sets name=value for every new process of the user: the user
// registry on Windows, the managed profile block elsewhere.
func (c Context) SetUserVar(id, name, value string) findings.Fix {
	f := findings.Fix{ID: id, Kind: findings.FixSetUserVar, Var: name, Value: value}
	if c.GOOS == "windows" {
		f.Store = findings.StoreUserRegistry
		f.Title = c.text("fix.set-var", map[string]string{"name": name, "value": value, "scope": c.text("scope.user", nil)})
		f.Command = "Set-ItemProperty HKCU:\\Environment -Name " + name + " -Value " + psQuote(value) + " -Type " + regTypeFor(value)
		return f
	}
	f.Store, f.Shell = findings.StoreProfileBlock, c.Shell
	f.Title = c.text("fix.set-var-profile", map[string]string{"name": name, "value": value, "file": c.LoginFile})
	f.Command = c.appendCommand(c.ExportLine(name, value))
	return f
}

// SystemPathEntry is the administrator's part where a system Path entry
// wins over everything the user Path can hold: Windows builds a new
// process's Path as the system Path followed by the user Path.
func (c Context) SystemPathEntry(entry string) findings.Fix {
	return findings.Fix{ID: "system-path-entry", Kind: findings.FixCommand, Store: findings.StoreSystemRegistry, Var: "Path", Value: entry,
		Title:   c.text("fix.system-path-entry", map[string]string{"entry": entry}),
		Command: "rundll32 sysdm.cpl,EditEnvironmentVariables"}
}

// RebuildTool rebuilds the program at tool with go install pkg@version,
// run with env (GOTOOLCHAIN, GOOS/GOARCH) and GOBIN set to the program's
// folder, so that the new build replaces exactly that file.
func (c Context) RebuildTool(id, tool, pkg string, env []string) findings.Fix {
	cmd := c.WithEnv(env, "go install "+pkg)
	name := filepath.Base(tool)
	return findings.Fix{ID: id, Kind: findings.FixRunGo, Store: findings.StoreToolBinary, Value: pkg, Env: env,
		Location: &findings.Location{File: tool}, Preferred: true,
		Title:   c.text("fix.rebuild-tool", map[string]string{"tool": name, "command": cmd}),
		Command: cmd}
}

// PrependPath puts dir first on the user's PATH; AppendPath adds it last.
func (c Context) PrependPath(id, dir string) findings.Fix {
	return c.pathFix(id, dir, findings.FixPrependPath, "fix.prepend-path")
}

func (c Context) AppendPath(id, dir string) findings.Fix {
	return c.pathFix(id, dir, findings.FixAppendPath, "fix.add-path")
}

func (c Context) pathFix(id, dir string, kind findings.FixKind, title string) findings.Fix {
	f := findings.Fix{ID: id, Kind: kind, Value: dir, Var: "PATH", Preferred: true,
		Title: c.text(title, map[string]string{"dir": dir})}
	if c.GOOS == "windows" {
		f.Store, f.Var = findings.StoreUserRegistry, "Path"
		f.Command = "goroot-lens fix " + id
		return f
	}
	// Unix has no "user PATH": name the file that gets the line.
	f.Title = c.text(title+"-profile", map[string]string{"dir": dir, "file": c.LoginFile})
	f.Store, f.Shell = findings.StoreProfileBlock, c.Shell
	f.Command = c.appendCommand(c.PathLine(dir, kind == findings.FixPrependPath))
	return f
}

// The managed-block lines: the exact text the fix engine writes, so that a
// command shown to the user writes the same line (profilestore's builders:
// single-quoted values, fish syntax for fish). A value the builders refuse
// (NUL, line breaks) gives "", which the engine refuses to write.

// ExportLine sets and exports name for every new shell.
func (c Context) ExportLine(name, value string) string {
	l, _ := profilestore.ExportLine(c.shell(), name, value)
	return l
}

// PathLine puts dir first (prepend) or last on PATH.
func (c Context) PathLine(dir string, prepend bool) string {
	build := profilestore.AppendPathLine
	if prepend {
		build = profilestore.PrependPathLine
	}
	l, _ := build(c.shell(), dir)
	return l
}

// UnsetLine removes name in every new shell: the user-level override of a
// value an administrator's file sets.
func (c Context) UnsetLine(name string) string {
	l, _ := profilestore.UnsetLine(c.shell(), name)
	return l
}

func (c Context) shell() shellprofile.Shell { return shellprofile.ShellFromEnv(c.Shell) }

// appendCommand adds one line to the login file by hand.
func (c Context) appendCommand(line string) string {
	return "printf '%s\\n' " + c.shq(line) + " >> " + c.shq(c.LoginFile)
}

// shq quotes s for the user's shell: fish reads \\ and \' inside single
// quotes as escapes, POSIX shells read nothing there.
func (c Context) shq(s string) string {
	q := ShellQuote(s)
	if !c.fish() || !strings.HasPrefix(q, "'") {
		return q
	}
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func (c Context) unsetSessionCommand(name string) string {
	if c.GOOS == "windows" {
		return "Remove-Item Env:" + name
	}
	if c.fish() {
		return "set -e " + name
	}
	return "unset " + name
}

// WithEnv is cmd run with the NAME=value settings of env, written for the
// user's shell, leaving the shell's own environment alone: POSIX shells
// take the settings as a prefix, fish through env, Windows through one
// cmd.exe line (it works from cmd.exe and PowerShell alike; NAME= unsets).
func (c Context) WithEnv(env []string, cmd string) string {
	if len(env) == 0 {
		return cmd
	}
	if c.GOOS == "windows" {
		return `cmd /c "set ` + strings.Join(env, `&& set `) + `&& ` + cmd + `"`
	}
	quoted := make([]string, len(env))
	for i, kv := range env {
		name, value, _ := strings.Cut(kv, "=")
		quoted[i] = name + "=" + c.shq(value)
		if value == "" {
			quoted[i] = name + "="
		}
	}
	prefix := strings.Join(quoted, " ") + " "
	if c.fish() {
		prefix = "env " + prefix
	}
	return prefix + cmd
}

// RecoverGoroot removes a broken GOROOT from the GOENV file: go env -u
// GOROOT alone fails too, because go must find GOROOT before it reads its
// arguments, so it runs with a working GOROOT.
func (c Context) RecoverGoroot(goodRoot string, loc *findings.Location) findings.Fix {
	cmd := c.WithEnv([]string{"GOROOT=" + goodRoot}, "go env -u GOROOT")
	return findings.Fix{ID: "recover-goroot", Kind: findings.FixGoEnvWrite, Store: findings.StoreGoenv, Var: "GOROOT", Preferred: true,
		Title: c.text("fix.recover-goroot", map[string]string{"command": cmd}), Command: cmd, Location: loc}
}

// InstallDL puts goX.Y.Z on PATH with golang.org/dl (GOTOOLCHAIN=path runs
// toolchains from PATH only).
func (c Context) InstallDL(version string) findings.Fix {
	cmd := "go install golang.org/dl/" + version + "@latest && " + version + " download"
	if c.GOOS == "windows" {
		cmd = `cmd /c "go install golang.org/dl/` + version + `@latest&& ` + version + ` download"`
	} else if c.fish() {
		cmd = "go install golang.org/dl/" + version + "@latest; and " + version + " download"
	}
	return findings.Fix{ID: "install-dl-" + version, Kind: findings.FixCommand, Command: cmd,
		Title: c.text("fix.install-dl", map[string]string{"version": version})}
}

// ProfileLineEndings rewrites a profile with Windows (CRLF) line endings
// to LF, keeping the original as file.bak: perl, because BSD sed has no \r.
func (c Context) ProfileLineEndings(file string) findings.Fix {
	return findings.Fix{ID: "profile-crlf", Kind: findings.FixCommand, Store: findings.StoreProfile,
		Title:   c.text("fix.profile-crlf", map[string]string{"file": file}),
		Command: "perl -pi.bak -e 's/\\r$//' " + ShellQuote(file)}
}

// ProfileBOM removes the UTF-8 byte order mark a profile starts with,
// keeping the original as file.bak.
func (c Context) ProfileBOM(file string) findings.Fix {
	return findings.Fix{ID: "profile-bom", Kind: findings.FixCommand, Store: findings.StoreProfile,
		Title:   c.text("fix.profile-bom", map[string]string{"file": file}),
		Command: "perl -pi.bak -e 's/^\\xEF\\xBB\\xBF// if $. == 1' " + ShellQuote(file)}
}

// FetchToolchain runs go version under GOTOOLCHAIN=version once, which
// downloads that toolchain into the module cache. proxy, when not "", is
// set for this one command: the default of $GOROOT/go.env where the user's
// GOPROXY is off. It must be the value itself: an empty GOPROXY in the
// environment falls back to the GOENV file, which may hold the off.
func (c Context) FetchToolchain(id, title, version, proxy string) findings.Fix {
	env := []string{"GOTOOLCHAIN=" + version}
	if proxy != "" {
		env = append([]string{"GOPROXY=" + proxy}, env...)
	}
	return findings.Fix{ID: id, Kind: findings.FixCommand, Command: c.WithEnv(env, "go version"), Title: title}
}

func (c Context) quote(s string) string {
	if c.GOOS == "windows" {
		return psQuote(s)
	}
	return ShellQuote(s)
}

// ShellQuote quotes s for POSIX shells and fish, leaving plain words alone.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r == ':' || r == '=' || r == '@' || r == '+' || r == ',' ||
			('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9'))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// psQuote quotes s for PowerShell: single quotes expand nothing.
func psQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// regTypeFor is the registry type a value needs: ExpandString when it
// refers to another variable, which REG_SZ would leave unexpanded.
func regTypeFor(value string) string {
	if i := strings.Index(value, "%"); i >= 0 && strings.Contains(value[i+1:], "%") {
		return "ExpandString"
	}
	return "String"
}
