package fix

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/goroot-lens/goroot-lens/internal/boundedfile"
	"github.com/goroot-lens/goroot-lens/internal/gocmd"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// Entry states: an entry is written "pending" before the first write, so a
// crash at any point leaves a journal that undo can work from.
const (
	StatePending    = "pending"
	StateApplied    = "applied"
	StateRolledBack = "rolled-back"
	StateUndone     = "undone"
)

// StateText names an entry state in lang.
func StateText(lang, state string) string {
	return findings.Text(lang, "state."+state, nil)
}

// Entry is one applied plan in the journal.
type Entry struct {
	ID    string    `json:"id"`
	Time  time.Time `json:"time"`
	State string    `json:"state"`
	Plan  Plan      `json:"plan"`
}

// Journal is the folder of entries, one JSON file each, with a lock file
// that serialises every apply and undo of the user.
type Journal struct{ Dir string }

// StateDir is where goroot-lens keeps its journal for the user of env:
// $XDG_STATE_HOME/goroot-lens (default ~/.local/state) on Linux and other
// Unix systems, ~/Library/Application Support/goroot-lens on macOS,
// %LOCALAPPDATA%\goroot-lens on Windows. GOROOT_LENS_STATE_DIR overrides.
func StateDir(env []string) (string, error) {
	if d := gocmd.Getenv(env, "GOROOT_LENS_STATE_DIR"); d != "" {
		return d, nil
	}
	home := gocmd.Getenv(env, "HOME")
	switch runtime.GOOS {
	case "windows":
		if d := gocmd.Getenv(env, "LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "goroot-lens"), nil
		}
		home = gocmd.Getenv(env, "USERPROFILE")
		if home != "" {
			return filepath.Join(home, "AppData", "Local", "goroot-lens"), nil
		}
	case "darwin":
		if home != "" {
			return filepath.Join(home, "Library", "Application Support", "goroot-lens"), nil
		}
	default:
		if d := gocmd.Getenv(env, "XDG_STATE_HOME"); filepath.IsAbs(d) {
			return filepath.Join(d, "goroot-lens"), nil
		}
		if home != "" {
			return filepath.Join(home, ".local", "state", "goroot-lens"), nil
		}
	}
	return "", errNoHome
}

func (j Journal) entries() string { return filepath.Join(j.Dir, "journal") }

// Lock takes the user's journal lock, waiting for another goroot-lens that
// holds it; the returned func releases it.
func (j Journal) Lock() (unlock func(), err error) {
	if err := os.MkdirAll(j.entries(), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(j.Dir, "journal.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking the journal: %w", err)
	}
	return func() { unlockFile(f); f.Close() }, nil
}

func newEntryID(t time.Time) string {
	b := make([]byte, 3)
	rand.Read(b)
	return t.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b)
}

// Save writes e atomically (temp file, fsync, rename): a crash leaves the
// old entry or the new one, never half of one.
func (j Journal) Save(e *Entry) error {
	data, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	path := filepath.Join(j.entries(), e.ID+".json")
	tmp, err := os.CreateTemp(j.entries(), ".tmp-"+e.ID+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := fill(tmp, bytes.NewReader(data)); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// fill copies r into f, syncs and closes it, so that a rename after it
// publishes the whole content or nothing.
func fill(f *os.File, r io.Reader) error {
	_, err := io.Copy(f, r)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// maxEntrySize bounds one entry: a profile is at most 1 MiB, twice (old and
// new, base64 in JSON), plus the plan.
const maxEntrySize = 4 << 20

// Load reads one entry.
func (j Journal) Load(id string) (*Entry, error) {
	if id == "" || strings.ContainsAny(id, `/\`) || strings.HasPrefix(id, ".") {
		return nil, fmt.Errorf("no journal entry %q", id)
	}
	data, err := boundedfile.Read(filepath.Join(j.entries(), id+".json"), maxEntrySize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no journal entry %q in %s", id, j.entries())
	} else if err != nil {
		return nil, err
	}
	var e Entry
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, fmt.Errorf("journal entry %s is damaged: %v", id, err)
	}
	return &e, nil
}

// List returns every entry, newest first.
func (j Journal) List() ([]*Entry, error) {
	des, err := os.ReadDir(j.entries())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var out []*Entry
	for _, de := range des {
		name := de.Name()
		if !strings.HasSuffix(name, ".json") || strings.HasPrefix(name, ".") {
			continue
		}
		if e, err := j.Load(strings.TrimSuffix(name, ".json")); err == nil {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if !out[a].Time.Equal(out[b].Time) {
			return out[a].Time.After(out[b].Time)
		}
		return out[a].ID > out[b].ID
	})
	return out, nil
}

// errNoHome: no folder for the journal (no HOME, USERPROFILE or LOCALAPPDATA).
var errNoHome = errors.New("no home folder: cannot place the undo journal")

// errNothingToUndo is localised by Undo.
var errNothingToUndo = errors.New("nothing to undo")

// Latest is the newest entry that undo can revert (applied, or pending
// after a crash).
func (j Journal) Latest() (*Entry, error) {
	all, err := j.List()
	if err != nil {
		return nil, err
	}
	for _, e := range all {
		if e.State == StateApplied || e.State == StatePending {
			return e, nil
		}
	}
	return nil, errNothingToUndo
}

// OpenJournal is the journal of o's user.
func OpenJournal(o Options) (Journal, error) { return o.journal() }
