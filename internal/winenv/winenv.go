// Package winenv reads the Windows user and system environment variables
// from the registry, without expanding them, and works out what a newly
// started process would get from them. Read works only on Windows; the
// logic (NewProcessEnv) is pure and works everywhere.
package winenv

import (
	"errors"
	"fmt"
)

// Scope says which registry key a variable is stored in.
type Scope string

const (
	ScopeUser   Scope = "user"
	ScopeSystem Scope = "system"
)

// The keys the two scopes live in, as regedit names them.
const (
	UserKey   = `HKCU\Environment`
	SystemKey = `HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment`
)

// Type names of the two value types Windows uses for environment variables.
// Other types are named "REG_<n>" with their number, e.g. "REG_4" for a
// DWORD; Windows ignores them when it builds an environment.
const (
	TypeSZ       = "REG_SZ"
	TypeExpandSZ = "REG_EXPAND_SZ"
)

// Value is one registry value of an environment key, exactly as stored:
// REG_EXPAND_SZ values are not expanded and other types have Value "".
type Value struct {
	Name  string
	Value string
	Type  string
	Scope Scope
	Key   string
}

// ErrUnsupported is returned (wrapped) by Read where there is no registry.
var ErrUnsupported = fmt.Errorf("winenv: no Windows registry: %w", errors.ErrUnsupported)

// Read returns the user and system environment values in registry order,
// which matters: it is the order Windows applies them in. When a key or a
// value cannot be read, Read returns everything it could read and an error
// naming what it could not. A missing key is not an error: it has no values.
func Read() (user, system []Value, err error) {
	return read()
}

// typeName names a registry value type the way regedit does.
func typeName(t uint32) string {
	switch t {
	case 1:
		return TypeSZ
	case 2:
		return TypeExpandSZ
	}
	return fmt.Sprintf("REG_%d", t)
}
