package fix

import (
	"context"
	"errors"
	"fmt"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// Undo reverts the journal entry id ("" means the latest applied one): every
// change whose target still holds the new value gets its old bytes or value
// and type back; a target that still holds the old value (a crash before
// the write) is left alone; a target changed by someone else since is
// refused before anything is written.
func Undo(ctx context.Context, o Options, id string) (*Result, error) {
	j, unlock, err := o.lockedJournal()
	if err != nil {
		return nil, err
	}
	defer unlock()
	var e *Entry
	if id == "" {
		e, err = j.Latest()
	} else {
		e, err = j.Load(id)
	}
	if errors.Is(err, errNothingToUndo) {
		return nil, errors.New(findings.Text(o.lang(), "undo.nothing", nil))
	} else if err != nil {
		return nil, err
	}
	if e.State == StateUndone || e.State == StateRolledBack {
		return nil, errors.New(findings.Text(o.lang(), "undo.not-applied", map[string]string{"id": e.ID, "state": StateText(o.lang(), e.State)}))
	}
	changes := e.Plan.Changes
	todo := make([]bool, len(changes))
	for i, c := range changes {
		got, err := current(c)
		if err != nil {
			return nil, err
		}
		switch {
		case same(c, got, c.Old):
			// never written (a crash before the write) or already reverted
		case same(c, got, c.New) || (c.Store == findings.StoreGoenv || c.Store == findings.StoreToolBinary) && e.State == StatePending:
			// (a pending go env or go install crashed before its new state
			// was journaled: whatever is there now is what it wrote)
			todo[i] = true
		default:
			return nil, errors.New(findings.Text(o.lang(), "undo.changed", map[string]string{"target": describeTarget(c), "journal": j.entries()}))
		}
	}
	res := &Result{Entry: e}
	o.goBin = ""
	for i := len(changes) - 1; i >= 0; i-- {
		if !todo[i] {
			continue
		}
		c := changes[i]
		if err := write(ctx, o, c, c.Old, false); err != nil {
			return res, fmt.Errorf("%s: %w", describeTarget(c), err)
		}
		if got, err := current(c); err != nil || !same(c, got, c.Old) {
			return res, errors.New(describeTarget(c) + ": " + findings.Text(o.lang(), "undo.readback", nil))
		}
		res.Written = append(res.Written, c)
	}
	e.State = StateUndone
	if err := j.Save(e); err != nil {
		res.Notes = append(res.Notes, "journal: "+err.Error())
	}
	reverted := e.Plan
	for i := range reverted.Changes {
		reverted.Changes[i].Old, reverted.Changes[i].New = reverted.Changes[i].New, reverted.Changes[i].Old
	}
	afterWrite(ctx, o, reverted, res)
	res.Fixed = false
	return res, nil
}
