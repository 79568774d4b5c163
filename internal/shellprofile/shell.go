package shellprofile

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Shell is a shell family whose startup files we know how to read.
type Shell string

const (
	Bash    Shell = "bash"
	Zsh     Shell = "zsh"
	SH      Shell = "sh" // POSIX sh and relatives that read ~/.profile: dash, ksh, ash
	Fish    Shell = "fish"
	Unknown Shell = ""
)

// ShellFromEnv maps the value of $SHELL to a Shell. It accepts a bare name, a
// Unix path or a Windows path (Git Bash, MSYS), with or without ".exe", and
// version suffixes such as "bash-5.2". Shells we do not model give Unknown,
// which Files and Read treat like sh.
func ShellFromEnv(shellVar string) Shell {
	name := shellVar[strings.LastIndexAny(shellVar, `/\`)+1:]
	name = strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(name, ".exe"), ".EXE"))
	name = strings.TrimPrefix(name, "-") // login shells show up as "-zsh" in argv[0]
	name = strings.TrimRight(name, "0123456789.-_")
	switch name {
	case "bash", "zsh", "fish":
		return Shell(name)
	case "sh", "dash", "ash", "ksh", "mksh", "pdksh", "oksh", "lksh", "posh", "yash", "busybox":
		return SH
	}
	return Unknown
}

// family folds Unknown and anything unexpected into SH, as promised above.
func (sh Shell) family() Shell {
	switch sh {
	case Bash, Zsh, Fish:
		return sh
	}
	return SH
}

// language is the mvdan.cc/sh dialect that parses sh's files the way sh does.
// Parsing ~/.profile as POSIX for dash is deliberate: a bash-ism there breaks
// dash too, and that parse error is worth reporting.
func (sh Shell) language() syntax.LangVariant {
	switch sh.family() {
	case Bash:
		return syntax.LangBash
	case Zsh:
		return syntax.LangZsh
	}
	return syntax.LangPOSIX
}
