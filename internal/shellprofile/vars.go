package shellprofile

import (
	"strings"

	"mvdan.cc/sh/v3/expand"
)

// oldPath stands for the PATH the shell started with. Keeping it symbolic
// lets a value read as "what this line adds" (/x:$PATH), whatever PATH the
// probe itself happens to run with.
const oldPath = "$PATH"

// knownVar is what we know about one variable at a point in the profiles.
type knownVar struct {
	value string
	list  []string // fish: the list elements; value is their exported join
	exact bool
	unset bool // unset or erased: known to be empty, not unknown
}

// knownVars is the environment literal expansion runs against. Get doubles
// as a detector: any lookup it cannot answer exactly marks the current
// expansion inexact, which is how unknown variables end up as Exact=false.
type knownVars struct {
	vars    map[string]knownVar
	inexact bool
}

func newKnownVars(env map[string]string) *knownVars {
	k := &knownVars{vars: make(map[string]knownVar, len(env)+1)}
	for name, value := range env {
		k.vars[name] = knownVar{value: value, list: []string{value}, exact: true}
	}
	for _, name := range []string{"PATH", "fish_user_paths"} {
		k.vars[name] = knownVar{value: oldPath, list: []string{oldPath}, exact: true}
	}
	return k
}

// keepsOldPath is true for the names whose value stays oldPath: every PATH
// statement is then reported relative to the PATH before it. fish's
// fish_user_paths counts too, since fish puts it in front of PATH.
func keepsOldPath(name string) bool { return name == "PATH" || name == "fish_user_paths" }

// set records an assignment.
func (k *knownVars) set(name, value string, exact bool) {
	if !keepsOldPath(name) {
		k.vars[name] = knownVar{value: value, list: []string{value}, exact: exact}
	}
}

func (k *knownVars) setList(name string, list []string, sep string, exact bool) {
	if !keepsOldPath(name) {
		k.vars[name] = knownVar{value: strings.Join(list, sep), list: list, exact: exact}
	}
}

func (k *knownVars) unset(name string) {
	if !keepsOldPath(name) {
		k.vars[name] = knownVar{unset: true, exact: true}
	}
}

// lookup returns the current value of name; unknown names come back as
// "$NAME" and inexact, like Get.
func (k *knownVars) lookup(name string) knownVar {
	if v, ok := k.vars[name]; ok {
		return v
	}
	return knownVar{value: "$" + name, list: []string{"$" + name}}
}

// Get implements expand.Environ.
func (k *knownVars) Get(name string) expand.Variable {
	if name == "IFS" {
		return expand.Variable{} // unset IFS means the default, which is what we want
	}
	if user, ok := strings.CutPrefix(name, "HOME "); ok {
		// ~user: answering here also stops expand from calling os/user.
		k.inexact = true
		return stringVar("~" + user)
	}
	v := k.lookup(name)
	if !v.exact {
		k.inexact = true
	}
	if v.unset {
		return expand.Variable{}
	}
	return stringVar(v.value)
}

// Each implements expand.Environ.
func (k *knownVars) Each(fn func(name string, vr expand.Variable) bool) {
	for name, v := range k.vars {
		if !v.unset && !fn(name, stringVar(v.value)) {
			return
		}
	}
}

func stringVar(s string) expand.Variable {
	return expand.Variable{Set: true, Exported: true, Kind: expand.String, Str: s}
}
