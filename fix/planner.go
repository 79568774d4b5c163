package fix

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/goroot-lens/goroot-lens/fix/internal/winstore"
	"github.com/goroot-lens/goroot-lens/fix/recipe"
	"github.com/goroot-lens/goroot-lens/internal/pathlist"
	"github.com/goroot-lens/goroot-lens/internal/shellprofile"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// Windows limits of a user Path (see docs/codes.md, path-too-long).
const (
	maxEnvValue   = pathlist.WinPathLimitVar    // a variable's value, in UTF-16 units, without its NUL
	dialogLimit   = pathlist.WinPathLimitEditor // the System Properties editor
	cmdLineLimit  = pathlist.WinPathLimitCmd    // cmd.exe
	registryStore = `HKCU\Environment`
)

// planner turns one fix of one finding into a Plan.
type planner struct {
	o    Options
	snap *envprobe.Snapshot
	rc   recipe.Context
}

func newPlanner(o Options, snap *envprobe.Snapshot) *planner {
	rc := recipe.Context{Lang: o.lang(), GOOS: snap.GOOS, Shell: snap.Shell, LoginFile: snap.LoginFile}
	return &planner{o: o, snap: snap, rc: rc}
}

func (pl *planner) text(key string, args map[string]string) string {
	return findings.Text(pl.o.lang(), key, args)
}

// plan reads the current state of every target and returns the changes.
func (pl *planner) plan(ctx context.Context, f findings.Finding, fx findings.Fix) Plan {
	f.Fixes = nil // the plan is the fix; keep the journal small
	p := Plan{Code: f.Code, FixID: fx.ID, Title: fx.Title, Dir: pl.snap.Workspace, Changes: []Change{}, Finding: &f}
	var err error
	switch {
	case fx.Store == findings.StoreUserRegistry:
		err = pl.planRegistry(&p, fx)
	case fx.Store == findings.StoreProfile && fx.Kind == findings.FixEditFile:
		err = pl.planProfileLine(&p, fx)
	case fx.Store == findings.StoreProfileBlock:
		err = pl.planBlock(&p, fx)
	case fx.Kind == findings.FixGoEnvWrite:
		err = pl.planGoEnv(&p, fx)
	case fx.Store == findings.StoreToolBinary && fx.Kind == findings.FixRunGo:
		err = pl.planTool(&p, fx)
	case fx.Store == findings.StoreSystemFile && fx.Var != "" && pl.snap.GOOS != "windows":
		// The administrator's file stays; the user's login profile
		// overrides it, and the note gives the administrator's command.
		p.Notes = append(p.Notes, pl.text("plan.admin-command", map[string]string{"command": fx.Command}))
		err = pl.planBlockLines(&p, fx.Var, pl.rc.UnsetLine(fx.Var))
	case fx.Kind == findings.FixEditFile:
		p.Manual = fx.NewText
		p.Refused = pl.text("plan.refuse-editor-edit", map[string]string{"file": locFile(fx.Location)})
	case fx.Kind == findings.FixRestart:
		p.Refused = fx.Title // nothing to write: the running programs must start again
	case fx.Command != "":
		p.Manual = fx.Command
		p.Refused = pl.text("plan.refuse-advice", nil)
	default:
		p.Refused = pl.text("plan.refuse-no-store", map[string]string{"title": fx.Title})
	}
	if err != nil {
		p.Changes, p.Refused = []Change{}, err.Error()
	}
	if p.Refused == "" {
		if msg := pl.guard(p); msg != "" {
			p.Changes, p.Refused = []Change{}, msg
		}
	}
	if p.Refused == "" && len(p.Changes) == 0 {
		p.Notes = append(p.Notes, pl.text("plan.nothing-to-do", nil))
	}
	return p
}

func locFile(l *findings.Location) string {
	if l == nil {
		return ""
	}
	return l.File
}

// guard refuses what the engine never does: write into the workspace, or a
// value with NUL or a line break.
func (pl *planner) guard(p Plan) string {
	for _, c := range p.Changes {
		if c.Store != findings.StoreUserRegistry && within(pl.snap.Workspace, c.Target) {
			return pl.text("plan.refuse-workspace", map[string]string{"file": c.Target})
		}
		if c.Op == OpSetValue && strings.ContainsAny(c.New.Text, "\x00\r\n") {
			return pl.text("plan.refuse-control", map[string]string{"name": c.Name})
		}
	}
	return ""
}

func within(dir, path string) bool {
	if dir == "" || path == "" {
		return false
	}
	rel, err := filepath.Rel(pathlist.Key(dir, hostGOOS), pathlist.Key(path, hostGOOS))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// planRegistry plans a change of HKCU\Environment.
func (pl *planner) planRegistry(p *Plan, fx findings.Fix) error {
	name := fx.Var
	if fx.Kind == findings.FixPrependPath || fx.Kind == findings.FixAppendPath {
		name = "Path"
	}
	old, err := registryRead(name)
	if err != nil {
		return err
	}
	c := Change{Store: findings.StoreUserRegistry, Target: registryStore, Name: name, Old: old}
	switch fx.Kind {
	case findings.FixUnsetUserVar:
		if !old.Present {
			return nil
		}
		c.Op, c.New = OpDeleteValue, Value{}
	case findings.FixSetUserVar:
		c.Op, c.New = OpSetValue, Value{Present: true, Text: fx.Value, Type: winstore.TypeFor(fx.Value, old.Type)}
	case findings.FixPrependPath, findings.FixAppendPath:
		text, changed := editPath(old.Text, fx.Value, fx.Kind == findings.FixPrependPath, ";", "windows")
		if !changed {
			return nil
		}
		// The type follows the added entry: a %VAR% in an entry already
		// there (literal in a REG_SZ) must not start being expanded.
		c.Op, c.New = OpSetValue, Value{Present: true, Text: text, Type: winstore.TypeFor(fx.Value, old.Type)}
		note, err := pl.pathLength(text)
		if err != nil {
			return err
		}
		if note != "" {
			p.Notes = append(p.Notes, note)
		}
	default:
		return fmt.Errorf("%s", pl.text("plan.refuse-advice", nil))
	}
	if c.Op == OpSetValue && c.Old.Present && c.Old.Text == c.New.Text && c.Old.Type == c.New.Type {
		return nil
	}
	p.Changes = append(p.Changes, c)
	return nil
}

// editPath adds dir as one whole entry: first (prepend) unless it already
// is first, last (append) unless it is already there. The other entries are
// kept as written: never split and re-joined, re-ordered, expanded or
// deduplicated.
func editPath(old, dir string, prepend bool, sep, goos string) (string, bool) {
	entries := pathlist.Split(old, goos)
	if prepend {
		if len(entries) > 0 && pathlist.Same(entries[0], dir, goos) {
			return old, false
		}
		if old == "" {
			return dir, true
		}
		return dir + sep + old, true
	}
	if pathlist.Contains(entries, dir, goos) >= 0 {
		return old, false
	}
	if old == "" {
		return dir, true
	}
	if strings.HasSuffix(old, sep) {
		return old + dir, true
	}
	return old + sep + dir, true
}

// pathLength refuses a user Path Windows cannot store and warns where
// Windows' own tools stop coping with it.
func (pl *planner) pathLength(text string) (note string, err error) {
	n := utf16Len(text)
	args := map[string]string{"length": fmt.Sprint(n), "limit": fmt.Sprint(maxEnvValue)}
	switch {
	case n > maxEnvValue:
		return "", fmt.Errorf("%s", pl.text("plan.refuse-path-long", args))
	case n > cmdLineLimit:
		return pl.text("plan.warn-path-cmd", args), nil
	case n > dialogLimit:
		return pl.text("plan.warn-path-dialog", args), nil
	}
	return "", nil
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// planProfileLine edits exactly the line a finding points at: deletes it
// (NewText empty) or replaces it.
func (pl *planner) planProfileLine(p *Plan, fx findings.Fix) error {
	if fx.Location == nil || fx.Location.Line <= 0 {
		return fmt.Errorf("%s", pl.text("plan.refuse-advice", nil))
	}
	file := fx.Location.File
	old, err := readProfile(file)
	if err != nil {
		return err
	}
	if !old.Present {
		return fmt.Errorf("%s", pl.text("plan.refuse-missing", map[string]string{"file": file}))
	}
	if err := checkWritable(file); err != nil {
		return err
	}
	sh := shellprofile.ShellFromEnv(fx.Shell)
	var data []byte
	if fx.NewText == "" {
		data, err = profileDeleteLine(old.Bytes, fx.Location.Line, fx.Var, sh)
	} else {
		data, err = profileReplaceLine(old.Bytes, fx.Location.Line, fx.NewText)
	}
	if err != nil {
		return err
	}
	oldLine := lineText(old.Bytes, fx.Location.Line)
	old.Text = oldLine
	newV := Value{Present: true, Bytes: data, Mode: old.Mode, Text: fx.NewText}
	p.Changes = append(p.Changes, Change{Store: findings.StoreProfile, Op: OpEditFile, Target: file, Name: fx.Var,
		Line: fx.Location.Line, Old: old, New: newV})
	return nil
}

// planBlock adds a line to goroot-lens's managed block in the login file.
func (pl *planner) planBlock(p *Plan, fx findings.Fix) error {
	switch fx.Kind {
	case findings.FixSetUserVar:
		return pl.planBlockLines(p, fx.Var, pl.rc.ExportLine(fx.Var, fx.Value))
	case findings.FixPrependPath, findings.FixAppendPath:
		return pl.planBlockLines(p, "PATH", pl.rc.PathLine(fx.Value, fx.Kind == findings.FixPrependPath))
	}
	return fmt.Errorf("%s", pl.text("plan.refuse-advice", nil))
}

// planBlockLines puts line into the managed block; a block line about the
// same variable or PATH directory is replaced, every other line kept.
func (pl *planner) planBlockLines(p *Plan, name, line string) error {
	file := pl.snap.LoginFile
	if file == "" {
		return fmt.Errorf("%s", pl.text("plan.refuse-no-home", nil))
	}
	if line == "" {
		return fmt.Errorf("%s", pl.text("plan.refuse-control", map[string]string{"name": name}))
	}
	old, err := readProfile(file)
	if err != nil {
		return err
	}
	if err := checkWritable(file); err != nil {
		return err
	}
	lines, _, err := profileReadBlock(old.Bytes)
	if err != nil {
		return err
	}
	data, err := profileAddToBlock(old.Bytes, pl.rc.Shell, line)
	if err != nil {
		return err
	}
	if old.Present && string(data) == string(old.Bytes) {
		return nil // already there
	}
	kept, _, _ := profileReadBlock(data)
	mode := old.Mode
	if !old.Present {
		mode = 0o644
	}
	p.Changes = append(p.Changes, Change{Store: findings.StoreProfileBlock, Op: OpEditFile, Target: file, Name: name,
		Old: Value{Present: old.Present, Bytes: old.Bytes, Mode: old.Mode, Text: strings.Join(lines, "\n")},
		New: Value{Present: true, Bytes: data, Mode: mode, Text: strings.Join(kept, "\n")}})
	return nil
}

// planGoEnv plans go env -w NAME=VALUE or go env -u NAME.
func (pl *planner) planGoEnv(p *Plan, fx findings.Fix) error {
	file := pl.snap.GoEnv["GOENV"]
	if file == "" && fx.Location != nil {
		file = fx.Location.File
	}
	if file == "" || file == "off" {
		return fmt.Errorf("%s", pl.text("plan.refuse-goenv-off", nil))
	}
	old, err := readProfile(file)
	if err != nil {
		return err
	}
	args := []string{"env", "-u", fx.Var}
	if fx.Value != "" {
		args = []string{"env", "-w", fx.Var + "=" + fx.Value}
	}
	c := Change{Store: findings.StoreGoenv, Op: OpGoEnv, Target: file, Name: fx.Var, GoEnvArgs: args,
		Old: old, New: Value{Present: true, Text: fx.Var + "=" + fx.Value}}
	if fx.Value == "" {
		c.New.Text = ""
	}
	if fx.Var == "GOROOT" {
		c.GoEnvRoot = pl.goodRoot()
	}
	old.Text = goenvLine(old.Bytes, fx.Var)
	c.Old = old
	if fx.Value == "" && old.Text == "" {
		return nil // not in the file
	}
	p.Changes = append(p.Changes, c)
	return nil
}

// goodRoot is a GOROOT the go command works with: the tree of the go on PATH.
func (pl *planner) goodRoot() string {
	for _, c := range pl.snap.Candidates {
		if c.Wins && c.GOROOT != "" {
			return c.GOROOT
		}
	}
	return ""
}

// lineText is line n (1-based) of data, without its ending.
func lineText(data []byte, n int) string {
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimRight(lines[n-1], "\r")
}

// goenvLine is the NAME=... line of a GOENV file, "" when it has none.
func goenvLine(data []byte, name string) string {
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimRight(l, "\r")
		if k, _, ok := strings.Cut(l, "="); ok && strings.TrimSpace(k) == name {
			return l
		}
	}
	return ""
}
