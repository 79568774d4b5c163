//go:build windows

package fix_test

import (
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/sys/windows/registry"

	"github.com/goroot-lens/goroot-lens/fix"
	"github.com/goroot-lens/goroot-lens/internal/gocmd"
	"github.com/goroot-lens/goroot-lens/internal/pathlist"
	"github.com/goroot-lens/goroot-lens/internal/winenv"
	"github.com/goroot-lens/goroot-lens/probes/check"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// These scenarios drive the engine end to end against the real
// HKCU\Environment (under Wine: scripts/wine-test.sh runs one package at a
// time on one shared prefix). Every value a test touches is put back in
// t.Cleanup, and every test checks that the system environment (HKLM) is
// byte-identical afterwards: Wine runs as an administrator, so a stray
// system write would succeed.
//
// The user is a temp USERPROFILE (with APPDATA and LOCALAPPDATA inside it,
// so go env's defaults — GOPATH, the GOENV file — are the test's own) and
// the real Windows go.exe of GOROOTLENS_WIN_GOROOT, on the user Path so
// that a new process (fix.NewProcessEnv, the re-probe) finds it too.

const userKey = "Environment" // HKCU\Environment without its hive

// winUser is one Windows user: registry values, a process environment as
// Windows would have built it, a workspace and a journal folder.
type winUser struct {
	t       *testing.T
	goroot  string // the real Windows toolchain
	profile string // USERPROFILE
	ws      string
	state   string
	sysPath string // the system part of a new process's PATH, expanded
	env     []string
}

func newWinUser(t *testing.T) *winUser {
	t.Helper()
	root := os.Getenv("GOROOTLENS_WIN_GOROOT")
	if root == "" {
		t.Skip("GOROOTLENS_WIN_GOROOT not set: run through scripts/wine-test.sh")
	}
	guardRegistry(t)
	base := t.TempDir()
	u := &winUser{t: t, goroot: root, profile: filepath.Join(base, "profile"), ws: filepath.Join(base, "ws"),
		state: filepath.Join(base, "state")}
	u.write(filepath.Join(u.ws, "go.mod"), "module example.com/ws\n\ngo 1.22\n")
	for _, d := range []string{`AppData\Roaming`, `AppData\Local`} {
		if err := os.MkdirAll(filepath.Join(u.profile, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	_, system, err := winenv.Read()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range system {
		if strings.EqualFold(v.Name, "Path") {
			u.sysPath = pathlist.ExpandWindows(v.Value, func(n string) (string, bool) { return os.LookupEnv(n) })
		}
	}
	if u.sysPath == "" {
		t.Fatalf("no system Path in %s", winenv.SystemKey)
	}
	u.env = append(envWithout("GOROOT", "PATH", "GOPATH", "GOBIN", "GOENV", "GOFLAGS", "GOTOOLCHAIN",
		"USERPROFILE", "APPDATA", "LOCALAPPDATA", "GOROOT_LENS_STATE_DIR"),
		"USERPROFILE="+u.profile,
		"APPDATA="+filepath.Join(u.profile, `AppData\Roaming`),
		"LOCALAPPDATA="+filepath.Join(u.profile, `AppData\Local`),
		"GOROOT_LENS_STATE_DIR="+u.state,
		"GOPROXY=off")
	return u
}

func (u *winUser) write(path, content string) {
	u.t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		u.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		u.t.Fatal(err)
	}
}

// setenv sets a variable of the process environment, replacing it.
func (u *winUser) setenv(name, value string) { u.env = gocmd.Setenv(u.env, name, value) }

// startedWithPath gives the process the PATH Windows builds from the
// registry: the system Path, then the user Path as given (expanded as
// Windows would expand it: REG_SZ text stays literal).
func (u *winUser) startedWithPath(userPath string) { u.setenv("PATH", u.sysPath+";"+userPath) }

func (u *winUser) opts() fix.Options {
	return fix.Options{Dir: u.ws, Env: u.env, Lang: findings.LangEnglish, StateDir: u.state}
}

// oldTree makes a folder that looks like an old Go tree: what the probe
// checks (VERSION, src/runtime, pkg/tool), nothing that runs.
func (u *winUser) oldTree(name, version string) string {
	root := filepath.Join(u.profile, name)
	u.write(filepath.Join(root, "VERSION"), version+"\ntime 2025-02-04T20:32:58Z\n")
	for _, d := range []string{`src\runtime`, `pkg\tool\windows_amd64`, "bin"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			u.t.Fatal(err)
		}
	}
	return root
}

func (u *winUser) probe(env []string) *check.Report {
	u.t.Helper()
	rep, err := check.Run(context.Background(), envprobe.Options{Dir: u.ws, Env: env, Lang: findings.LangEnglish})
	if err != nil || rep == nil {
		u.t.Fatalf("probe: %v", err)
	}
	return rep
}

// planOne plans the fix of code and wants exactly one writable plan with
// exactly one change.
func (u *winUser) planOne(code findings.Code) fix.Plan {
	u.t.Helper()
	plans, unknown, err := fix.Plans(context.Background(), u.opts(), []string{string(code)})
	if err != nil || len(unknown) > 0 || len(plans) != 1 {
		u.t.Fatalf("Plans(%s): %d plans %+v, unknown %v, err %v", code, len(plans), plans, unknown, err)
	}
	p := plans[0]
	if !p.Writable() || len(p.Changes) != 1 {
		u.t.Fatalf("plan %+v: want one writable change", p)
	}
	return p
}

// rawValue is a registry value exactly as stored: its type and its bytes
// (UTF-16LE with the terminating NUL for string types).
type rawValue struct {
	Present bool
	Type    uint32
	Data    []byte
}

func readRaw(t *testing.T, name string) rawValue {
	t.Helper()
	k, err := registry.OpenKey(registry.CURRENT_USER, userKey, registry.QUERY_VALUE)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	n, _, err := k.GetValue(name, nil)
	if errors.Is(err, registry.ErrNotExist) {
		return rawValue{}
	}
	if err != nil {
		t.Fatalf("size of %s: %v", name, err)
	}
	buf := make([]byte, n)
	n, typ, err := k.GetValue(name, buf)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return rawValue{Present: true, Type: typ, Data: buf[:n]}
}

// stored is what SetStringValue/SetExpandStringValue store for text.
func stored(text string, typ uint32) rawValue {
	u := append(utf16.Encode([]rune(text)), 0)
	b := make([]byte, 2*len(u))
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	return rawValue{Present: true, Type: typ, Data: b}
}

func wantRaw(t *testing.T, what, name string, want rawValue) {
	t.Helper()
	got := readRaw(t, name)
	if got.Present != want.Present || got.Type != want.Type || !slices.Equal(got.Data, want.Data) {
		t.Errorf("%s: HKCU\\Environment\\%s = present %v type %d bytes %x (%q)\nwant present %v type %d bytes %x (%q)",
			what, name, got.Present, got.Type, got.Data, decode(got.Data), want.Present, want.Type, want.Data, decode(want.Data))
	}
}

func decode(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return strings.TrimSuffix(string(utf16.Decode(u)), "\x00")
}

// setUser stores a user value for the test; t.Cleanup puts back what was
// there (or deletes it).
func setUser(t *testing.T, name, text string, typ uint32) {
	t.Helper()
	k, err := registry.OpenKey(registry.CURRENT_USER, userKey, registry.QUERY_VALUE|registry.SET_VALUE)
	if err != nil {
		t.Fatal(err)
	}
	old, oldType, getErr := k.GetStringValue(name)
	if getErr != nil && !errors.Is(getErr, registry.ErrNotExist) {
		k.Close()
		t.Fatalf("%s holds a value we cannot put back: %v", name, getErr)
	}
	t.Cleanup(func() {
		defer k.Close()
		var err error
		switch {
		case errors.Is(getErr, registry.ErrNotExist):
			err = k.DeleteValue(name)
			if errors.Is(err, registry.ErrNotExist) {
				err = nil
			}
		case oldType == registry.EXPAND_SZ:
			err = k.SetExpandStringValue(name, old)
		default:
			err = k.SetStringValue(name, old)
		}
		if err != nil {
			t.Errorf("cleanup: restoring %s: %v", name, err)
		}
	})
	if typ == registry.EXPAND_SZ {
		err = k.SetExpandStringValue(name, text)
	} else {
		err = k.SetStringValue(name, text)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// guardRegistry registers first, so it runs last: after every value of the
// test is put back, HKLM's Environment must be what it was.
func guardRegistry(t *testing.T) {
	t.Helper()
	_, before, err := winenv.Read()
	if err != nil {
		t.Fatalf("winenv.Read: %v", err)
	}
	t.Cleanup(func() {
		_, after, err := winenv.Read()
		if err != nil || !slices.Equal(before, after) {
			t.Errorf("system environment changed (err %v):\nbefore %+v\nafter  %+v", err, before, after)
		}
	})
}

func readEnv(t *testing.T) (user, system []winenv.Value) {
	t.Helper()
	user, system, err := winenv.Read()
	if err != nil {
		t.Fatalf("winenv.Read: %v", err)
	}
	return user, system
}

// without drops the values called name (case-insensitive).
func without(vals []winenv.Value, name string) []winenv.Value {
	return slices.DeleteFunc(slices.Clone(vals), func(v winenv.Value) bool { return strings.EqualFold(v.Name, name) })
}

func envWithout(names ...string) []string {
	out := os.Environ()
	for _, n := range names {
		out = gocmd.Without(out, n)
	}
	return out
}

func lookup(env []string, name string) (string, bool) {
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k != "" && strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

func winCodes(fs []findings.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, string(f.Code)+": "+f.Message)
	}
	return out
}

func winHas(fs []findings.Finding, c findings.Code) bool {
	return slices.ContainsFunc(fs, func(f findings.Finding) bool { return f.Code == c })
}

// sameValue compares two sides of a change field by field.
func sameValue(a, b fix.Value) bool {
	return a.Present == b.Present && a.Text == b.Text && a.Type == b.Type && a.Mode == b.Mode && slices.Equal(a.Bytes, b.Bytes)
}

func typeName(typ uint32) string {
	if typ == registry.EXPAND_SZ {
		return winenv.TypeExpandSZ
	}
	return winenv.TypeSZ
}

// checkResult wants the re-probe to have run in the new-process
// environment and to no longer report the plan's finding, the registry
// change broadcast, and the journal entry in state.
func checkResult(t *testing.T, u *winUser, what string, res *fix.Result, p fix.Plan, state string) {
	t.Helper()
	for _, n := range res.Notes {
		if strings.HasPrefix(n, "WM_SETTINGCHANGE") || strings.HasPrefix(n, "probing again") {
			t.Errorf("%s: note %q", what, n)
		}
	}
	if res.Remaining == nil {
		t.Errorf("%s: no re-probe ran (notes %q)", what, res.Notes)
	}
	j, err := fix.OpenJournal(u.opts())
	if err != nil {
		t.Fatal(err)
	}
	e, err := j.Load(res.Entry.ID)
	if err != nil {
		t.Fatalf("%s: journal: %v", what, err)
	}
	if e.State != state || len(e.Plan.Changes) != 1 || !sameValue(e.Plan.Changes[0].Old, p.Changes[0].Old) || !sameValue(e.Plan.Changes[0].New, p.Changes[0].New) {
		t.Errorf("%s: journal entry %+v, want state %s and the plan's change %+v", what, e, state, p.Changes[0])
	}
}

// Scenario 1: the issue's own scene on Windows. GOROOT in HKCU\Environment
// (REG_SZ, or REG_EXPAND_SZ referring to %USERPROFILE%) points at an old Go
// tree, and the process has that GOROOT too; the go that runs is the real
// go.exe on the user Path. The plan deletes exactly that value, Apply
// deletes it, a new process has no GOROOT and the probe there no longer
// reports the mismatch; undo puts back the same text with the same type.
func TestScenarioRegistryGorootMismatchDeleteAndUndo(t *testing.T) {
	for _, typ := range []uint32{registry.SZ, registry.EXPAND_SZ} {
		t.Run(typeName(typ), func(t *testing.T) {
			u := newWinUser(t)
			ctx := context.Background()
			old := u.oldTree("oldgo", "go1.22.12")
			text := old
			if typ == registry.EXPAND_SZ {
				text = `%USERPROFILE%\oldgo`
			}
			userPath := u.goroot + `\bin`
			setUser(t, "Path", userPath, registry.SZ)
			setUser(t, "GOROOT", text, typ)
			u.startedWithPath(userPath)
			u.setenv("GOROOT", old)
			userBefore, _ := readEnv(t)
			rawBefore := readRaw(t, "GOROOT")
			if want := stored(text, typ); !slices.Equal(rawBefore.Data, want.Data) || rawBefore.Type != typ {
				t.Fatalf("setup: GOROOT stored as %+v, want %+v", rawBefore, want)
			}

			p := u.planOne(findings.GorootEnvMismatch)
			c := p.Changes[0]
			wantChange := fix.Change{Store: findings.StoreUserRegistry, Op: fix.OpDeleteValue, Target: `HKCU\Environment`, Name: "GOROOT",
				Old: fix.Value{Present: true, Text: text, Type: typeName(typ)}, New: fix.Value{}}
			if p.Code != findings.GorootEnvMismatch || p.FixID != "unset-user-goroot" || p.Refused != "" ||
				c.Store != wantChange.Store || c.Op != wantChange.Op || c.Target != wantChange.Target || c.Name != wantChange.Name ||
				!sameValue(c.Old, wantChange.Old) || !sameValue(c.New, wantChange.New) || c.Line != 0 || len(c.GoEnvArgs) != 0 {
				t.Fatalf("plan %s/%s change %+v\nwant %+v", p.Code, p.FixID, c, wantChange)
			}
			wantRaw(t, "after planning", "GOROOT", rawBefore) // planning writes nothing

			// The re-probe can fail: before the write, a new process still
			// gets GOROOT from the registry and the probe there reports the
			// mismatch.
			fresh, err := fix.NewProcessEnv(u.env, p)
			if err != nil {
				t.Fatal(err)
			}
			if v, ok := lookup(fresh, "GOROOT"); !ok || v != old {
				t.Fatalf("before the fix, a new process has GOROOT=%q (%v), want %s", v, ok, old)
			}
			if rep := u.probe(fresh); !winHas(rep.Findings, findings.GorootEnvMismatch) {
				t.Fatalf("before the fix, the new-process probe misses the mismatch: %q", winCodes(rep.Findings))
			}

			res, err := fix.Apply(ctx, u.opts(), p)
			if err != nil {
				t.Fatalf("apply: %v", err)
			}
			wantRaw(t, "after apply", "GOROOT", rawValue{})
			if userAfter, _ := readEnv(t); !slices.Equal(without(userAfter, "GOROOT"), without(userBefore, "GOROOT")) {
				t.Errorf("apply changed other user values:\nbefore %+v\nafter  %+v", userBefore, userAfter)
			}
			if len(res.Written) != 1 || res.Written[0].Name != "GOROOT" || res.Written[0].Op != fix.OpDeleteValue {
				t.Errorf("written %+v", res.Written)
			}
			if !res.Fixed || len(res.Remaining) != 0 {
				t.Errorf("re-probe: fixed %v, remaining %q", res.Fixed, winCodes(res.Remaining))
			}
			checkResult(t, u, "apply", res, p, fix.StateApplied)

			// A new process: no GOROOT, the real go.exe found by its own
			// location, no mismatch.
			fresh, err = fix.NewProcessEnv(u.env, p)
			if err != nil {
				t.Fatal(err)
			}
			if v, ok := lookup(fresh, "GOROOT"); ok {
				t.Errorf("a new process still has GOROOT=%s", v)
			}
			rep := u.probe(fresh)
			if rep.Toolchain.Go != u.goroot+`\bin\go.exe` || rep.Toolchain.GOROOT != u.goroot {
				t.Errorf("new-process probe: toolchain %+v, want %s\\bin\\go.exe in its own tree", rep.Toolchain, u.goroot)
			}
			if winHas(rep.Findings, findings.GorootEnvMismatch) || winHas(rep.Findings, findings.GorootInvalid) {
				t.Errorf("new-process probe still reports GOROOT: %q", winCodes(rep.Findings))
			}

			undo, err := fix.Undo(ctx, u.opts(), "")
			if err != nil {
				t.Fatalf("undo: %v", err)
			}
			wantRaw(t, "after undo", "GOROOT", rawBefore)
			if userAfter, _ := readEnv(t); !slices.Equal(userAfter, userBefore) {
				t.Errorf("after undo the user environment differs:\nbefore %+v\nafter  %+v", userBefore, userAfter)
			}
			if undo.Entry.ID != res.Entry.ID || len(undo.Written) != 1 {
				t.Errorf("undo reverted %s (%d changes), want %s (1)", undo.Entry.ID, len(undo.Written), res.Entry.ID)
			}
			checkResult(t, u, "undo", undo, p, fix.StateUndone)
			if !winHas(undo.Remaining, findings.GorootEnvMismatch) {
				t.Errorf("after undo a new process should have the mismatch back; re-probe remaining %q", winCodes(undo.Remaining))
			}
			if _, err := fix.Undo(ctx, u.opts(), res.Entry.ID); err == nil {
				t.Errorf("a second undo of the same entry succeeded")
			}
			wantRaw(t, "after a second undo", "GOROOT", rawBefore)
		})
	}
}

// Scenario 2: a REG_SZ user Path holding %USERPROFILE%\tools\bin, which
// Windows never expands. The fix stores the identical text as
// REG_EXPAND_SZ (so the bytes stay identical and only the type changes);
// a new process then gets the expanded entry; undo restores REG_SZ.
func TestScenarioRegistryPathExpandSZAndUndo(t *testing.T) {
	u := newWinUser(t)
	ctx := context.Background()
	tools := filepath.Join(u.profile, `tools\bin`)
	if err := os.MkdirAll(tools, 0o755); err != nil {
		t.Fatal(err)
	}
	userPath := u.goroot + `\bin;%USERPROFILE%\tools\bin;C:\goroot-lens-extra\`
	setUser(t, "Path", userPath, registry.SZ)
	u.startedWithPath(userPath) // REG_SZ: the process got the text literally
	rawBefore := readRaw(t, "Path")
	if want := stored(userPath, registry.SZ); !slices.Equal(rawBefore.Data, want.Data) || rawBefore.Type != registry.SZ {
		t.Fatalf("setup: Path stored as %+v", rawBefore)
	}

	p := u.planOne(findings.PathUnexpandedVariable)
	c := p.Changes[0]
	if p.FixID != "path-expand-sz" || c.Store != findings.StoreUserRegistry || c.Op != fix.OpSetValue || c.Target != `HKCU\Environment` ||
		c.Name != "Path" || !sameValue(c.Old, fix.Value{Present: true, Text: userPath, Type: winenv.TypeSZ}) ||
		!sameValue(c.New, fix.Value{Present: true, Text: userPath, Type: winenv.TypeExpandSZ}) {
		t.Fatalf("plan %s change %+v: want set-value Path %q REG_SZ → same text REG_EXPAND_SZ", p.FixID, c, userPath)
	}
	wantRaw(t, "after planning", "Path", rawBefore)

	res, err := fix.Apply(ctx, u.opts(), p)
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	wantRaw(t, "after apply", "Path", rawValue{Present: true, Type: registry.EXPAND_SZ, Data: rawBefore.Data})
	if !res.Fixed || len(res.Remaining) != 0 {
		t.Errorf("re-probe: fixed %v, remaining %q", res.Fixed, winCodes(res.Remaining))
	}
	checkResult(t, u, "apply", res, p, fix.StateApplied)
	fresh, err := fix.NewProcessEnv(u.env, p)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := lookup(fresh, "PATH"); v != u.sysPath+";"+u.goroot+`\bin;`+tools+`;C:\goroot-lens-extra\` {
		t.Errorf("new-process PATH %q, want the system Path then the user Path with %%USERPROFILE%% expanded to %s", v, u.profile)
	}

	undo, err := fix.Undo(ctx, u.opts(), "")
	if err != nil {
		t.Fatalf("undo: %v", err)
	}
	wantRaw(t, "after undo", "Path", rawBefore)
	if !winHas(undo.Remaining, findings.PathUnexpandedVariable) {
		t.Errorf("after undo the re-probe should report the unexpanded entry again; remaining %q", winCodes(undo.Remaining))
	}
}

// Scenario 3: a program in %USERPROFILE%\go\bin (go env GOPATH's bin),
// which is not on PATH. The fix appends exactly that one entry to the user
// Path: every byte before it stays as it was (duplicates, an empty entry, a
// quoted entry with ';', a trailing '\', an unexpanded %VAR%), the type is
// kept, and undo restores the value. Both types; the REG_SZ Path ends with
// ';', so nothing but the new entry is added to it.
func TestScenarioRegistryGobinAppendAndUndo(t *testing.T) {
	for _, tc := range []struct {
		typ  uint32
		path string
		sep  string
	}{
		{registry.SZ, `%GOROOT%;"C:\Program Files\Odd;Dir";C:\Dup;;c:\dup\;C:\Tools\;`, ""},
		{registry.EXPAND_SZ, `%USERPROFILE%\tools;"C:\Program Files\Odd;Dir";C:\Dup;;c:\dup\;C:\Tools\`, ";"},
	} {
		t.Run(typeName(tc.typ), func(t *testing.T) {
			u := newWinUser(t)
			ctx := context.Background()
			gobin := filepath.Join(u.profile, `go\bin`)
			gofmt, err := os.ReadFile(filepath.Join(u.goroot, `bin\gofmt.exe`))
			if err != nil {
				t.Fatal(err)
			}
			u.write(filepath.Join(gobin, "hello.exe"), string(gofmt))
			userPath := u.goroot + `\bin;` + tc.path
			setUser(t, "Path", userPath, tc.typ)
			started := userPath
			if tc.typ == registry.EXPAND_SZ {
				started = strings.ReplaceAll(userPath, "%USERPROFILE%", u.profile)
			}
			u.startedWithPath(started)
			rawBefore := readRaw(t, "Path")
			userBefore, _ := readEnv(t)

			p := u.planOne(findings.GobinNotOnPath)
			c := p.Changes[0]
			newText := userPath + tc.sep + gobin
			if p.FixID != "add-gobin" || c.Store != findings.StoreUserRegistry || c.Op != fix.OpSetValue || c.Name != "Path" ||
				!sameValue(c.Old, fix.Value{Present: true, Text: userPath, Type: typeName(tc.typ)}) ||
				!sameValue(c.New, fix.Value{Present: true, Text: newText, Type: typeName(tc.typ)}) {
				t.Fatalf("plan %s change %+v\nwant set-value Path %q (%s)", p.FixID, c, newText, typeName(tc.typ))
			}
			wantRaw(t, "after planning", "Path", rawBefore)

			res, err := fix.Apply(ctx, u.opts(), p)
			if err != nil {
				t.Fatalf("apply: %v", err)
			}
			after := readRaw(t, "Path")
			wantRaw(t, "after apply", "Path", stored(newText, tc.typ))
			// Byte for byte: the old value (without its NUL) is a prefix.
			if old := rawBefore.Data[:len(rawBefore.Data)-2]; !slices.Equal(after.Data[:min(len(old), len(after.Data))], old) {
				t.Errorf("apply rewrote the existing entries:\nbefore %x\nafter  %x", old, after.Data)
			}
			if userAfter, _ := readEnv(t); !slices.Equal(without(userAfter, "Path"), without(userBefore, "Path")) {
				t.Errorf("apply changed other user values:\nbefore %+v\nafter  %+v", userBefore, userAfter)
			}
			if !res.Fixed || len(res.Remaining) != 0 {
				t.Errorf("re-probe: fixed %v, remaining %q", res.Fixed, winCodes(res.Remaining))
			}
			checkResult(t, u, "apply", res, p, fix.StateApplied)
			fresh, err := fix.NewProcessEnv(u.env, p)
			if err != nil {
				t.Fatal(err)
			}
			if v, _ := lookup(fresh, "PATH"); !strings.HasSuffix(v, ";"+gobin) {
				t.Errorf("new-process PATH %q does not end with %s", v, gobin)
			}

			undo, err := fix.Undo(ctx, u.opts(), "")
			if err != nil {
				t.Fatalf("undo: %v", err)
			}
			wantRaw(t, "after undo", "Path", rawBefore)
			if !winHas(undo.Remaining, findings.GobinNotOnPath) {
				t.Errorf("after undo the re-probe should report %s again; remaining %q", gobin, winCodes(undo.Remaining))
			}
		})
	}
}
