package envprobe

import (
	"context"
	"errors"
)

// Run probes opts.Dir and returns the verdict. An error means the probe itself
// could not work (the folder does not exist); everything wrong with the Go
// environment is a finding instead.
func Run(ctx context.Context, opts Options) (*Snapshot, error) {
	return nil, errors.New("not implemented yet")
}
