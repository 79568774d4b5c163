// Package winstore reads and writes the Windows user environment: the values
// of HKCU\Environment (winenv.UserKey), which Windows uses to build the
// environment of every process the user starts afterwards. It only ever
// writes that key: the system key (winenv.SystemKey) needs an administrator,
// affects every user, and is the user's or their IT's to change, not ours.
//
// The registry calls work only on Windows; elsewhere they return an error
// wrapping errors.ErrUnsupported. Checks and TypeFor work everywhere.
package winstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/pathlist"
	"github.com/goroot-lens/goroot-lens/internal/winenv"
)

// Value is one value of HKCU\Environment exactly as stored: REG_EXPAND_SZ
// text is not expanded. Type is winenv.TypeSZ, winenv.TypeExpandSZ or
// "REG_<n>" for another registry type, whose Text is "". A missing value has
// Present false and the Name it was asked for.
type Value struct {
	Name, Text, Type string
	Present          bool
}

// ErrInvalid is wrapped by the errors of Set, Read and Delete for arguments
// they refuse before touching the registry.
var ErrInvalid = errors.New("winstore: refused")

// Read returns the user value called name. Names are case-insensitive, as
// in Windows; the result carries the stored spelling. A missing value (or a
// missing key) is Present=false, not an error.
func Read(name string) (Value, error) {
	if err := checkName(name); err != nil {
		return Value{}, err
	}
	return read(name)
}

// Set stores text as the user value name with type typ (winenv.TypeSZ or
// winenv.TypeExpandSZ; use TypeFor to choose). An existing value keeps its
// stored spelling, so Set("PATH", ...) updates a stored "Path". Text with
// NUL, CR or LF, or longer than a Windows environment variable can be, is
// refused: the registry would take it but no process could use it whole.
func Set(name, text, typ string) error {
	if err := checkName(name); err != nil {
		return err
	}
	if typ != winenv.TypeSZ && typ != winenv.TypeExpandSZ {
		return fmt.Errorf("%w: %s: type %q is not %s or %s", ErrInvalid, name, typ, winenv.TypeSZ, winenv.TypeExpandSZ)
	}
	if strings.ContainsAny(text, "\x00\r\n") {
		return fmt.Errorf("%w: %s: value holds a NUL, CR or LF character", ErrInvalid, name)
	}
	if n := pathlist.WindowsLen(text); n > pathlist.WinPathLimitVar {
		return fmt.Errorf("%w: %s: value is %d characters, over Windows' limit of %d for one variable", ErrInvalid, name, n, pathlist.WinPathLimitVar)
	}
	return set(name, text, typ)
}

// Delete removes the user value name. Deleting a missing value is not an
// error.
func Delete(name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	return del(name)
}

// Broadcast tells running programs (Explorer first of all, which starts
// terminals and editors) that the user environment changed, as the System
// Properties dialog does: WM_SETTINGCHANGE with "Environment" to every
// top-level window, waiting at most 5s for each and skipping hung ones.
// Programs that ignore the message keep their old environment until restarted.
// When ctx ends first, Broadcast returns ctx.Err() and the send finishes in
// the background.
func Broadcast(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return broadcast(ctx)
}

// TypeFor is the registry type to store text with: REG_EXPAND_SZ when text
// holds a %NAME% reference (a REG_SZ would keep it literal, so the directory
// would not exist), else the existing value's type, else REG_SZ. An existing
// REG_EXPAND_SZ is kept for plain text: without references it means the same
// as REG_SZ, and keeping it changes only what was asked.
func TypeFor(text, existingType string) string {
	for _, r := range pathlist.UnexpandedVars(text, "windows") {
		if strings.HasPrefix(r.Text, "%") { // $NAME forms mean nothing to Windows
			return winenv.TypeExpandSZ
		}
	}
	if existingType == winenv.TypeExpandSZ {
		return winenv.TypeExpandSZ
	}
	return winenv.TypeSZ
}

// checkName refuses names that are no environment variable: "" would
// address the key's default value, and '=' cannot be in a variable name.
func checkName(name string) error {
	if name == "" || strings.ContainsAny(name, "=\x00") {
		return fmt.Errorf("%w: %q is not an environment variable name", ErrInvalid, name)
	}
	return nil
}
