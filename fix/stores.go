package fix

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"

	"github.com/goroot-lens/goroot-lens/fix/internal/profilestore"
	"github.com/goroot-lens/goroot-lens/fix/internal/winstore"
	"github.com/goroot-lens/goroot-lens/internal/gocmd"
	"github.com/goroot-lens/goroot-lens/internal/shellprofile"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// hostGOOS is the system whose stores are written.
var hostGOOS = runtime.GOOS

// This file is the one seam between the engine and its stores: read the
// current value, write a change, read it back.

func registryRead(name string) (Value, error) {
	v, err := winstore.Read(name)
	if err != nil {
		return Value{}, err
	}
	return Value{Present: v.Present, Text: v.Text, Type: v.Type}, nil
}

// readProfile reads a profile or GOENV file for the journal: its whole
// bytes and mode; a missing file is Present=false.
func readProfile(path string) (Value, error) {
	data, st, err := profilestore.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Value{}, nil
	}
	if err != nil {
		return Value{}, err
	}
	if !st.Exists {
		return Value{}, nil
	}
	return Value{Present: true, Bytes: data, Mode: uint32(st.Mode.Perm())}, nil
}

// checkWritable refuses a profile the user cannot (or chose not to) write.
func checkWritable(path string) error { return profilestore.CheckWritable(path) }

func profileDeleteLine(data []byte, line int, name string, sh shellprofile.Shell) ([]byte, error) {
	return profilestore.DeleteLine(data, line, name, sh)
}

func profileReplaceLine(data []byte, line int, text string) ([]byte, error) {
	return profilestore.ReplaceLine(data, line, text)
}

func profileReadBlock(data []byte) ([]string, bool, error) { return profilestore.ReadBlock(data) }

// profileAddToBlock puts line into the managed block, replacing the line
// about the same variable or PATH directory.
func profileAddToBlock(data []byte, shell, line string) ([]byte, error) {
	return profilestore.AddToBlock(data, shellprofile.ShellFromEnv(shell), line)
}

// current reads what c's target holds now, in the form of c.Old and c.New.
func current(c Change) (Value, error) {
	switch c.Store {
	case findings.StoreUserRegistry:
		return registryRead(c.Name)
	case findings.StoreToolBinary:
		return hashFile(c.Target)
	default:
		return readProfile(c.Target)
	}
}

// same compares a store's value with one side of a change.
func same(c Change, got, want Value) bool {
	if got.Present != want.Present {
		return false
	}
	if c.Store == findings.StoreUserRegistry || c.Store == findings.StoreToolBinary {
		return !got.Present || got.Text == want.Text && got.Type == want.Type
	}
	return !got.Present || bytes.Equal(got.Bytes, want.Bytes)
}

// write makes c's target hold to. A GOENV change is applied by go env
// itself (forward) and undone by restoring the file's old bytes.
func write(ctx context.Context, o Options, c Change, to Value, forward bool) error {
	switch {
	case c.Store == findings.StoreUserRegistry && !to.Present:
		return winstore.Delete(c.Name)
	case c.Store == findings.StoreUserRegistry:
		return winstore.Set(c.Name, to.Text, to.Type)
	case c.Store == findings.StoreGoenv && forward:
		return runGoEnv(ctx, o, c)
	case c.Store == findings.StoreToolBinary && forward:
		return runInstall(ctx, o, c)
	case c.Store == findings.StoreToolBinary:
		return restoreTool(c)
	}
	return writeFile(c.Target, to)
}

// writeFile puts the exact bytes back (or removes a file that did not
// exist before). A variable so that the fault tests can make it fail as a
// full disk would (a full disk cannot be caused here).
var writeFile = func(path string, to Value) error {
	if !to.Present {
		err := os.Remove(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	_, st, err := profilestore.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if to.Mode != 0 {
		st.Mode = fs.FileMode(to.Mode)
	}
	return profilestore.WriteFileAtomic(path, to.Bytes, st)
}

// runGoEnv runs go env -w/-u with the go on PATH: GOTOOLCHAIN=local so that
// it neither switches nor downloads, GOFLAGS empty because go env -w must
// not depend on the flags it may be fixing, and a working GOROOT when the
// file's GOROOT is the thing being removed.
func runGoEnv(ctx context.Context, o Options, c Change) error {
	env := o.env()
	if c.GoEnvRoot != "" {
		env = gocmd.Setenv(env, "GOROOT", c.GoEnvRoot)
	}
	goBin := o.goBin
	if goBin == "" {
		return errors.New("no go command on PATH to run go env with")
	}
	res := gocmd.Run(ctx, gocmd.Cmd{Go: goBin, Dir: os.TempDir(), Env: env, Args: c.GoEnvArgs,
		Toolchain: gocmd.Set("local"), Flags: gocmd.Set(""), Timeout: o.timeout()})
	if res.Err != nil {
		return fmt.Errorf("go %v: %s", c.GoEnvArgs, res.Line())
	}
	return nil
}

func broadcast(ctx context.Context) error { return winstore.Broadcast(ctx) }
