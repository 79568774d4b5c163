//go:build !windows

package winenv

import (
	"errors"
	"testing"
)

func TestReadUnsupported(t *testing.T) {
	user, system, err := Read()
	if user != nil || system != nil || !errors.Is(err, ErrUnsupported) || !errors.Is(err, errors.ErrUnsupported) {
		t.Fatalf("Read() = %v, %v, %v; want nil, nil, ErrUnsupported", user, system, err)
	}
}
