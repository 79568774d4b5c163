//go:build !windows

package winenv

import (
	"fmt"
	"runtime"
)

func read() (user, system []Value, err error) {
	return nil, nil, fmt.Errorf("%w (%s/%s)", ErrUnsupported, runtime.GOOS, runtime.GOARCH)
}
