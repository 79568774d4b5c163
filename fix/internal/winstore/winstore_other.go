//go:build !windows

package winstore

import (
	"context"
	"errors"
	"fmt"
	"runtime"
)

func unsupported() error {
	return fmt.Errorf("winstore: no Windows registry on %s/%s: %w", runtime.GOOS, runtime.GOARCH, errors.ErrUnsupported)
}

func read(string) (Value, error)      { return Value{}, unsupported() }
func set(_, _, _ string) error        { return unsupported() }
func del(string) error                { return unsupported() }
func broadcast(context.Context) error { return unsupported() }
