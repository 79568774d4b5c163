package winenv

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/sys/windows/registry"
)

func read() (user, system []Value, err error) {
	user, uerr := readKey(registry.CURRENT_USER, UserKey, ScopeUser)
	system, serr := readKey(registry.LOCAL_MACHINE, SystemKey, ScopeSystem)
	return user, system, errors.Join(uerr, serr)
}

// readKey reads every value of one key. name is the full regedit name; the
// part after the hive is the subkey.
func readKey(root registry.Key, name string, scope Scope) ([]Value, error) {
	_, sub, _ := strings.Cut(name, `\`)
	k, err := registry.OpenKey(root, sub, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("winenv: open %s: %w", name, err)
	}
	defer k.Close()
	names, err := k.ReadValueNames(-1)
	var errs []error
	if err != nil {
		errs = append(errs, fmt.Errorf("winenv: list values of %s: %w", name, err))
	}
	var out []Value
	for _, n := range names {
		v := Value{Name: n, Scope: scope, Key: name}
		// GetStringValue returns the stored text: it never expands.
		s, typ, err := k.GetStringValue(n)
		switch {
		case err == nil:
			v.Value = s
		case errors.Is(err, registry.ErrUnexpectedType):
			// Kept with its type so a probe can report it; Windows ignores it.
		default:
			errs = append(errs, fmt.Errorf("winenv: read %s\\%s: %w", name, n, err))
			continue
		}
		v.Type = typeName(typ)
		out = append(out, v)
	}
	return out, errors.Join(errs...)
}
