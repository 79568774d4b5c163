//go:build !windows

package winstore

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
)

func TestUnsupported(t *testing.T) {
	_, rerr := Read("GOPATH")
	for _, err := range []error{rerr, Set("GOPATH", "x", "REG_SZ"), Delete("GOPATH"), Broadcast(context.Background())} {
		if !errors.Is(err, errors.ErrUnsupported) || !strings.Contains(err.Error(), runtime.GOOS+"/"+runtime.GOARCH) {
			t.Errorf("got %v, want a wrapped errors.ErrUnsupported naming %s/%s", err, runtime.GOOS, runtime.GOARCH)
		}
	}
}
