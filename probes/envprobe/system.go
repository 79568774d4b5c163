package envprobe

import "fmt"

// defaultSystemRoot is where system-wide startup files are read when
// Options.SystemRoot is empty. Only this package's tests change it, so that
// no test depends on the /etc of the machine it runs on.
var defaultSystemRoot = "/"

func (o Options) systemRoot() string {
	if o.SystemRoot == "" {
		return defaultSystemRoot
	}
	return o.SystemRoot
}

// where names a system-wide assignment for sources and PATH scopes:
// "system profile /etc/profile.d/go.sh:3" for shell code, "system file
// /etc/paths.d/go:1" for the literal formats.
func (v persistedVar) where() string {
	kind := "system profile"
	if v.Literal {
		kind = "system file"
	}
	return fmt.Sprintf("%s %s:%d", kind, v.File, v.Line)
}

// expandedByShell is true for values a shell expands when it runs the file
// ("$PATH:/x" stands for the old PATH), whose text is therefore no PATH
// entry to judge as written.
func (v persistedVar) expandedByShell() bool {
	return (v.Kind == SourceShellProfile || v.Kind == SourceSystemProfile) && !v.Literal
}

// userFirst is All(name) with the user's own assignments before the
// system-wide ones, each group in load order. Whoever names one place for a
// value names the one the user can change; without system files it is All.
func (pe persistedEnv) userFirst(name string) []persistedVar {
	all := pe.All(name)
	out := make([]persistedVar, 0, len(all))
	for _, system := range []bool{false, true} {
		for _, v := range all {
			if v.System == system {
				out = append(out, v)
			}
		}
	}
	return out
}
