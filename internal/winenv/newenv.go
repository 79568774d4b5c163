package winenv

import (
	"maps"
	"slices"
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/pathlist"
)

// Resolved is one variable of a new process's environment and where it came
// from. Scope is "user", "system", "base" (given by the caller) or, for
// Path, "system+user" when the user value was appended to the system one.
// Type is the registry type of the last definition ("" for base).
type Resolved struct {
	Name, Value string
	Scope       string
	Type        string
}

// NewProcessEnv computes the environment Windows builds from the registry
// for a new logon or an Explorer refresh, so what a terminal or editor
// started from Explorer gets. base holds the variables Windows defines itself
// (SystemRoot, USERPROFILE, USERNAME, ...), usually taken from a running
// process. The result is keyed by upper-case name; names are
// case-insensitive, as on Windows.
//
// Windows works in steps (Raymond Chen, "What happens if I define one
// environment variable in terms of the value of another environment
// variable?", The Old New Thing, 2023): core system variables, system REG_SZ,
// system REG_EXPAND_SZ, core user variables, user REG_SZ, user
// REG_EXPAND_SZ, account variables. Each step may redefine earlier ones, and
// a REG_EXPAND_SZ value sees only the variables of earlier steps. So a system
// value cannot use %USERPROFILE% or any user variable, and a user
// REG_EXPAND_SZ cannot use another user REG_EXPAND_SZ: those stay literal.
// (Windows leaves the same-step case unspecified; this takes the documented
// intent.) The user Path, LibPath and Os2LibPath are appended to the system
// ones after a ';' instead of replacing them. Values of other registry types
// are ignored, and a value's scope is the list it is in, not its Scope field.
func NewProcessEnv(user, system []Value, base map[string]string) map[string]Resolved {
	env := make(map[string]Resolved)
	setBase(env, base, func(k string) bool { return coreSystemVars[k] })
	setRegistry(env, system, ScopeSystem)
	setBase(env, base, func(k string) bool { return !coreSystemVars[k] && !accountVars[k] })
	setRegistry(env, user, ScopeUser)
	setBase(env, base, func(k string) bool { return accountVars[k] })
	return env
}

// The variables Windows defines before the system ones and after the user
// ones; every other base variable is set between the scopes.
var (
	coreSystemVars = map[string]bool{"ALLUSERSPROFILE": true, "PROGRAMDATA": true, "PUBLIC": true, "SYSTEMDRIVE": true, "SYSTEMROOT": true}
	accountVars    = map[string]bool{"USERDNSDOMAIN": true, "USERDOMAIN": true, "USERNAME": true}
	appendedVars   = map[string]bool{"PATH": true, "LIBPATH": true, "OS2LIBPATH": true}
)

const scopeBase = "base"

func key(name string) string { return strings.ToUpper(name) }

func setBase(env map[string]Resolved, base map[string]string, in func(key string) bool) {
	for _, name := range slices.Sorted(maps.Keys(base)) { // sorted: deterministic if two spellings collide
		if in(key(name)) {
			env[key(name)] = Resolved{Name: name, Value: base[name], Scope: scopeBase}
		}
	}
}

// setRegistry applies the values of one scope: REG_SZ first, then
// REG_EXPAND_SZ expanded against the environment as it was before that step.
func setRegistry(env map[string]Resolved, values []Value, scope Scope) {
	for _, typ := range []string{TypeSZ, TypeExpandSZ} {
		before := maps.Clone(env)
		lookup := func(name string) (string, bool) {
			r, ok := before[key(name)]
			return r.Value, ok
		}
		for _, v := range values {
			if v.Type != typ {
				continue
			}
			r := Resolved{Name: v.Name, Value: v.Value, Scope: string(scope), Type: v.Type}
			if typ == TypeExpandSZ {
				r.Value = pathlist.ExpandWindows(v.Value, lookup)
			}
			k := key(v.Name)
			if prev, ok := env[k]; ok && scope == ScopeUser && appendedVars[k] && prev.Scope != string(ScopeUser) {
				r = Resolved{Name: prev.Name, Value: prev.Value + ";" + r.Value, Scope: prev.Scope + "+user", Type: v.Type}
			}
			env[k] = r
		}
	}
}
