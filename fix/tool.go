package fix

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/goroot-lens/goroot-lens/internal/gocmd"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// A stale tool is rebuilt by go install into its own folder. The old
// program is copied into the journal's backups before anything runs, and
// undo copies it back; the change's values are the programs' SHA-256.

// installTimeout bounds one go install: gopls takes minutes to build on a
// small machine.
const installTimeout = 15 * time.Minute

// maxToolSize bounds a program goroot-lens backs up.
const maxToolSize = 512 << 20

func (pl *planner) planTool(p *Plan, fx findings.Fix) error {
	if fx.Location == nil || fx.Location.File == "" || fx.Value == "" {
		return fmt.Errorf("%s", pl.text("plan.refuse-advice", nil))
	}
	tool := fx.Location.File
	old, err := hashFile(tool)
	if err != nil {
		return err
	}
	env := append([]string{"GOBIN=" + filepath.Dir(tool)}, fx.Env...)
	p.Changes = append(p.Changes, Change{Store: findings.StoreToolBinary, Op: OpGoInstall, Target: tool,
		Name: filepath.Base(tool), GoEnvArgs: []string{"install", fx.Value}, Env: env,
		Old: old, New: Value{Present: true, Text: pl.text("plan.tool-new", nil)}})
	proxy := pl.snap.GoEnv["GOPROXY"]
	if proxy == "" {
		proxy = "GOPROXY"
	}
	p.Notes = append(p.Notes, pl.text("plan.tool-download", map[string]string{"package": fx.Value, "proxy": proxy}))
	return nil
}

// hashFile is a program's SHA-256 and mode; a missing file is not present.
func hashFile(path string) (Value, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Value{}, nil
	} else if err != nil {
		return Value{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Value{}, err
	}
	if !fi.Mode().IsRegular() || fi.Size() > maxToolSize {
		return Value{}, fmt.Errorf("%s is not a regular file of at most %d bytes", path, maxToolSize)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return Value{}, err
	}
	return Value{Present: true, Text: "sha256:" + hex.EncodeToString(h.Sum(nil)), Mode: uint32(fi.Mode().Perm())}, nil
}

// backupTool copies the program into the journal folder before the install.
func backupTool(j Journal, entryID string, c *Change) error {
	if !c.Old.Present {
		return nil
	}
	dir := filepath.Join(j.Dir, "backups", entryID)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	c.Backup = filepath.Join(dir, filepath.Base(c.Target))
	return copyFile(c.Target, c.Backup, 0o700)
}

// runInstall runs go install in the user's own environment (their GOPROXY,
// GOFLAGS and GOTOOLCHAIN, with the change's variables on top), as the
// printed command would.
func runInstall(ctx context.Context, o Options, c Change) error {
	env := o.env()
	toolchain := gocmd.Keep
	for _, kv := range c.Env {
		name, value, _ := cut(kv)
		if name == "GOTOOLCHAIN" {
			toolchain = gocmd.Set(value)
			continue
		}
		env = gocmd.Setenv(env, name, value)
	}
	goBin := o.goBin
	if goBin == "" {
		return errors.New("no go command on PATH to run go install with")
	}
	res := gocmd.Run(ctx, gocmd.Cmd{Go: goBin, Dir: os.TempDir(), Env: env, Args: c.GoEnvArgs,
		Toolchain: toolchain, Flags: gocmd.Keep, Timeout: installTimeout})
	if res.Err != nil {
		return fmt.Errorf("go %v: %s", c.GoEnvArgs, res.Line())
	}
	return nil
}

// restoreTool puts the backed-up program back (atomically, in its folder).
func restoreTool(c Change) error {
	if !c.Old.Present {
		err := os.Remove(c.Target)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	tmp := c.Target + ".goroot-lens-undo"
	if err := copyFile(c.Backup, tmp, fs.FileMode(c.Old.Mode)); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, c.Target)
}

func copyFile(src, dst string, mode fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if err := fill(out, io.LimitReader(in, maxToolSize+1)); err != nil {
		return err
	}
	return os.Chmod(dst, mode)
}

func cut(kv string) (name, value string, ok bool) {
	for i := 0; i < len(kv); i++ {
		if kv[i] == '=' {
			return kv[:i], kv[i+1:], true
		}
	}
	return kv, "", false
}
