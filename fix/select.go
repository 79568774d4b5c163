package fix

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/goroot-lens/goroot-lens/probes/check"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// Plans probes o.Dir and plans the fixes that want names: finding codes (the
// preferred fix of each such finding) or fix ids. No names: the preferred
// writable fix of every finding that has one. Unknown names are returned.
func Plans(ctx context.Context, o Options, want []string) (plans []Plan, unknown []string, err error) {
	rep, err := check.Run(ctx, o.probeOptions(o.env()))
	if err != nil && rep == nil {
		return nil, nil, err
	}
	return PlansFor(ctx, o, rep.Snapshot, want)
}

// PlansFor is Plans on a snapshot the caller already has (the server's).
func PlansFor(ctx context.Context, o Options, snap *envprobe.Snapshot, want []string) (plans []Plan, unknown []string, err error) {
	pl := newPlanner(o, snap)
	used := map[string]bool{}
	seen := map[string]bool{}
	for _, f := range snap.Findings {
		for _, fx := range choose(f, want, used) {
			// One change offered by several findings (path-expand-sz for
			// each %VAR% entry of one Path; the deletion of a GOROOT line
			// for go-shadowed and goroot-redundant) is one plan.
			p := pl.plan(ctx, f, fx)
			key := planKey(p)
			if seen[key] {
				continue
			}
			seen[key] = true
			plans = append(plans, p)
		}
	}
	for _, w := range want {
		if !used[w] {
			unknown = append(unknown, w)
		}
	}
	return plans, unknown, nil
}

// planKey is what a plan writes; a plan that writes nothing (refused,
// manual) is its own.
func planKey(p Plan) string {
	if len(p.Changes) == 0 {
		return string(p.Code) + "\x00" + p.FixID
	}
	b, _ := json.Marshal(p.Changes)
	return string(b)
}

// choose picks the fixes of f that want names (see Plans).
func choose(f findings.Finding, want []string, used map[string]bool) []findings.Fix {
	if len(want) == 0 {
		for _, fx := range f.Fixes {
			if fx.Preferred && writable(fx) {
				return []findings.Fix{fx}
			}
		}
		for _, fx := range f.Fixes {
			if writable(fx) {
				return []findings.Fix{fx}
			}
		}
		return nil
	}
	var out []findings.Fix
	for _, w := range want {
		if strings.EqualFold(w, string(f.Code)) {
			used[w] = true
			if fx, ok := preferred(f); ok {
				out = append(out, fx)
			}
			continue
		}
		for _, fx := range f.Fixes {
			if fx.ID == w {
				used[w] = true
				out = append(out, fx)
			}
		}
	}
	return out
}

func preferred(f findings.Finding) (findings.Fix, bool) {
	for _, fx := range f.Fixes {
		if fx.Preferred {
			return fx, true
		}
	}
	if len(f.Fixes) > 0 {
		return f.Fixes[0], true
	}
	return findings.Fix{}, false
}

// writable reports whether the engine can carry fx out (else it is advice).
func writable(fx findings.Fix) bool {
	switch fx.Store {
	case findings.StoreUserRegistry, findings.StoreProfileBlock, findings.StoreGoenv:
		return true
	case findings.StoreToolBinary:
		return fx.Kind == findings.FixRunGo
	case findings.StoreProfile:
		return fx.Kind == findings.FixEditFile
	case findings.StoreSystemFile:
		return fx.Var != "" && hostGOOS != "windows"
	}
	return fx.Kind == findings.FixGoEnvWrite
}
