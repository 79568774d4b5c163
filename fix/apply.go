package fix

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/goroot-lens/goroot-lens/probes/check"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// Options say whose environment is fixed and how.
type Options struct {
	// Dir is the workspace whose findings are fixed.
	Dir string
	// Env is the user's environment (nil: this process's).
	Env []string
	// Lang is the language of titles and messages.
	Lang string
	// StateDir holds the journal; "" means StateDir(Env).
	StateDir string
	// Timeout bounds each go command.
	Timeout time.Duration
	// Settings are editor settings, passed to the probes as given.
	Settings map[string]string
	// SystemRoot is where /etc is read from ("" means "/"; tests use a
	// temp folder).
	SystemRoot string

	goBin string // the go on PATH, from the snapshot
	// noReprobe skips the probe after a write: the property tests apply
	// and undo thousands of plans and look only at bytes.
	noReprobe bool
}

func (o Options) env() []string {
	if o.Env == nil {
		return os.Environ()
	}
	return o.Env
}

func (o Options) lang() string {
	if o.Lang == "" {
		return findings.LangEnglish
	}
	return o.Lang
}

func (o Options) timeout() time.Duration {
	if o.Timeout <= 0 {
		return 30 * time.Second
	}
	return o.Timeout
}

// lockedJournal is the user's journal, locked until unlock is called.
func (o Options) lockedJournal() (j Journal, unlock func(), err error) {
	if j, err = o.journal(); err != nil {
		return j, nil, err
	}
	unlock, err = j.Lock()
	return j, unlock, err
}

func (o Options) journal() (Journal, error) {
	if o.StateDir != "" {
		return Journal{Dir: o.StateDir}, nil
	}
	d, err := StateDir(o.env())
	return Journal{Dir: d}, err
}

func (o Options) probeOptions(env []string) envprobe.Options {
	return envprobe.Options{Dir: o.Dir, Env: env, Lang: o.lang(), Timeout: o.Timeout, Settings: o.Settings, SystemRoot: o.SystemRoot}
}

// ErrStale means a target changed between the plan and the write; nothing
// was written. Plan again.
var ErrStale = errors.New("the environment changed since the plan was made")

// Result is what Apply or Undo did and what the probe says afterwards.
type Result struct {
	Entry *Entry `json:"entry"`
	// Written are the changes made (for Undo: the changes reverted).
	Written []Change `json:"written"`
	// Remaining are the findings of the plan's code that the probe still
	// reports in the environment a new process would get.
	Remaining []findings.Finding `json:"remaining"`
	// Fixed is true when the targeted finding is gone.
	Fixed bool `json:"fixed"`
	// Restart names the programs that keep the old environment until
	// they are restarted.
	Restart string `json:"restart,omitempty"`
	// Notes are warnings (a failed broadcast, a re-probe error).
	Notes []string `json:"notes,omitempty"`
}

// Apply carries out plan: under the journal lock it checks every target
// still holds the planned old value, writes a pending journal entry, writes
// each change, reads each back, marks the entry applied, then probes again
// with the environment a new process would get. A failed write rolls back
// the changes already made.
func Apply(ctx context.Context, o Options, plan Plan) (*Result, error) {
	if !plan.Writable() {
		return nil, fmt.Errorf("nothing to apply: %s", firstNonEmpty(plan.Refused, "the plan has no change"))
	}
	j, unlock, err := o.lockedJournal()
	if err != nil {
		return nil, err
	}
	defer unlock()
	for _, c := range plan.Changes {
		got, err := current(c)
		if err != nil {
			return nil, err
		}
		if !same(c, got, c.Old) {
			return nil, fmt.Errorf("%w: %s", ErrStale, findings.Text(o.lang(), "apply.stale", map[string]string{"target": describeTarget(c)}))
		}
	}
	now := time.Now()
	e := &Entry{ID: newEntryID(now), Time: now, State: StatePending, Plan: plan}
	for i := range e.Plan.Changes {
		if c := &e.Plan.Changes[i]; c.Store == findings.StoreToolBinary {
			if err := backupTool(j, e.ID, c); err != nil {
				return nil, fmt.Errorf("backing up %s (nothing was changed): %w", c.Target, err)
			}
		}
	}
	plan = e.Plan
	if err := j.Save(e); err != nil {
		return nil, fmt.Errorf("writing the journal (nothing was changed): %w", err)
	}
	res := &Result{Entry: e}
	for _, c := range plan.Changes {
		if c.Store == findings.StoreGoenv || c.Store == findings.StoreToolBinary {
			o.goBin = goBinOf(ctx, o) // go env -w and go install run the user's go
			break
		}
	}
	for i, c := range plan.Changes {
		if err := crashPoint("before-write"); err != nil {
			return res, err
		}
		if err := write(ctx, o, c, c.New, true); err != nil {
			rollback(ctx, o, plan.Changes[:i])
			e.State = StateRolledBack
			j.Save(e)
			return res, fmt.Errorf("%s: %w", describeTarget(c), rolledBack{o.lang(), err})
		}
		if err := crashPoint("after-write"); err != nil {
			return res, err
		}
		got, err := current(c)
		if err == nil && (c.Store == findings.StoreGoenv || c.Store == findings.StoreToolBinary) {
			// go wrote the file: what it holds now is the new state.
			e.Plan.Changes[i].New = got
			c.New = got
		}
		if err != nil || !same(c, got, c.New) || c.Store == findings.StoreToolBinary && same(c, got, c.Old) {
			rollback(ctx, o, plan.Changes[:i+1])
			e.State = StateRolledBack
			j.Save(e)
			return res, errors.New(describeTarget(c) + ": " + findings.Text(o.lang(), "apply.readback", nil))
		}
		res.Written = append(res.Written, c)
	}
	e.State = StateApplied
	if err := j.Save(e); err != nil {
		res.Notes = append(res.Notes, "journal: "+err.Error())
	}
	afterWrite(ctx, o, e.Plan, res)
	return res, nil
}

// rollback restores the old values of changes already written, newest first.
func rollback(ctx context.Context, o Options, done []Change) {
	for i := len(done) - 1; i >= 0; i-- {
		write(ctx, o, done[i], done[i].Old, false)
	}
}

// rolledBack is a write error after which every change was undone again.
type rolledBack struct {
	lang string
	err  error
}

func (r rolledBack) Error() string {
	return findings.Text(r.lang, "apply.rolled-back", map[string]string{"error": r.err.Error()})
}

func (r rolledBack) Unwrap() error { return r.err }

// afterWrite broadcasts a registry change and probes again.
func afterWrite(ctx context.Context, o Options, plan Plan, res *Result) {
	for _, c := range plan.Changes {
		if c.Store == findings.StoreUserRegistry {
			if err := broadcast(ctx); err != nil {
				res.Notes = append(res.Notes, "WM_SETTINGCHANGE: "+err.Error())
			}
			break
		}
	}
	if o.noReprobe {
		return
	}
	fresh, err := newProcessEnv(o.env(), plan, o.SystemRoot)
	if err != nil {
		res.Notes = append(res.Notes, err.Error())
		return
	}
	rep, err := check.Run(ctx, o.probeOptions(fresh))
	if err != nil || rep == nil {
		res.Notes = append(res.Notes, fmt.Sprintf("probing again: %v", err))
		return
	}
	res.Remaining = []findings.Finding{}
	for _, f := range rep.Findings {
		switch {
		case f.Code != plan.Code:
		case plan.Finding == nil || sameSubject(f, *plan.Finding):
			res.Remaining = append(res.Remaining, f)
		default:
			// The same code about something else now (go-shadowed after
			// the chosen go was put first): say so, it is not the finding
			// the fix was for.
			res.Notes = append(res.Notes, findings.Text(o.lang(), "result.now", map[string]string{"code": string(f.Code), "message": f.Message}))
		}
	}
	res.Fixed = len(res.Remaining) == 0
	res.Restart = findings.Text(o.lang(), "result.restart", nil)
}

// sameSubject reports whether two findings of one code are about the same
// thing: every argument equal but where a value comes from and how many
// there are (a fix that moves GOROOT from one place to another has not
// fixed its mismatch; one that changes which go wins has fixed go-shadowed).
func sameSubject(a, b findings.Finding) bool {
	if a.Code != b.Code {
		return false
	}
	for k, v := range b.Args {
		if k != "source" && k != "count" && a.Args[k] != v {
			return false
		}
	}
	return true
}

// goBinOf is the go the user's PATH finds, for go env -w.
func goBinOf(ctx context.Context, o Options) string {
	snap, err := envprobe.Run(ctx, o.probeOptions(o.env()))
	if err != nil || snap == nil {
		return ""
	}
	return snap.Toolchain.Go
}

func describeTarget(c Change) string {
	if c.Store == findings.StoreUserRegistry {
		return c.Target + `\` + c.Name
	}
	return c.Target
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// crashPoint lets the fault-injection tests stop the engine between two
// steps, as a crash would (a crash cannot be caused on demand).
var crashPoint = func(step string) error { return nil }
