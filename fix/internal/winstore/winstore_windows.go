package winstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"

	"github.com/goroot-lens/goroot-lens/internal/winenv"
)

// userSubkey is HKCU\Environment without its hive. The hive is always
// registry.CURRENT_USER: this file names no other, so nothing here can
// write the system environment.
var _, userSubkey, _ = strings.Cut(winenv.UserKey, `\`)

func read(name string) (Value, error) {
	k, err := registry.OpenKey(registry.CURRENT_USER, userSubkey, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return Value{Name: name}, nil
	}
	if err != nil {
		return Value{}, fmt.Errorf("winstore: open %s: %w", winenv.UserKey, err)
	}
	defer k.Close()
	// GetStringValue never expands, and it gives the type of other types.
	text, typ, err := k.GetStringValue(name)
	switch {
	case errors.Is(err, registry.ErrNotExist):
		return Value{Name: name}, nil
	case errors.Is(err, registry.ErrUnexpectedType):
		text = ""
	case err != nil:
		return Value{}, fmt.Errorf("winstore: read %s\\%s: %w", winenv.UserKey, name, err)
	}
	stored, err := storedName(k, name)
	if err != nil {
		return Value{}, err
	}
	return Value{Name: stored, Text: text, Type: typeName(typ), Present: true}, nil
}

func set(name, text, typ string) error {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, userSubkey, registry.QUERY_VALUE|registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("winstore: open %s for writing: %w", winenv.UserKey, err)
	}
	defer k.Close()
	// Write under the stored spelling: some tools compare names exactly,
	// and the user chose it.
	if _, _, err := k.GetStringValue(name); !errors.Is(err, registry.ErrNotExist) {
		if name, err = storedName(k, name); err != nil {
			return err
		}
	}
	if typ == winenv.TypeExpandSZ {
		err = k.SetExpandStringValue(name, text)
	} else {
		err = k.SetStringValue(name, text)
	}
	if err != nil {
		return fmt.Errorf("winstore: write %s\\%s: %w", winenv.UserKey, name, err)
	}
	return nil
}

func del(name string) error {
	k, err := registry.OpenKey(registry.CURRENT_USER, userSubkey, registry.SET_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("winstore: open %s for writing: %w", winenv.UserKey, err)
	}
	defer k.Close()
	if err := k.DeleteValue(name); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return fmt.Errorf("winstore: delete %s\\%s: %w", winenv.UserKey, name, err)
	}
	return nil
}

// storedName is the spelling k stores the existing value name under. The
// registry has already matched name by its own case rules; the listing only
// recovers the spelling, and name stands if no listed name folds to it.
func storedName(k registry.Key, name string) (string, error) {
	names, err := k.ReadValueNames(-1)
	if err != nil {
		return "", fmt.Errorf("winstore: list values of %s: %w", winenv.UserKey, err)
	}
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return n, nil
		}
	}
	return name, nil
}

var sendMessageTimeout = windows.NewLazySystemDLL("user32.dll").NewProc("SendMessageTimeoutW")

const (
	hwndBroadcast   = 0xffff
	wmSettingChange = 0x001A
	smtoAbortIfHung = 0x0002
	broadcastWaitMs = 5000
)

func broadcast(ctx context.Context) error {
	done := make(chan error, 1)
	go func() {
		env, _ := windows.UTF16PtrFromString("Environment")
		var result uintptr
		r, _, err := sendMessageTimeout.Call(hwndBroadcast, wmSettingChange, 0, uintptr(unsafe.Pointer(env)),
			smtoAbortIfHung, broadcastWaitMs, uintptr(unsafe.Pointer(&result)))
		if r == 0 {
			done <- fmt.Errorf("winstore: broadcast WM_SETTINGCHANGE: %w", err)
			return
		}
		done <- nil
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// typeName names a registry type as winenv does.
func typeName(t uint32) string {
	switch t {
	case registry.SZ:
		return winenv.TypeSZ
	case registry.EXPAND_SZ:
		return winenv.TypeExpandSZ
	}
	return fmt.Sprintf("REG_%d", t)
}
