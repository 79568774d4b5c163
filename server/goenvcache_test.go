package server

import (
	"testing"
)

// With a go env cache the first pass may be provisional: it is published at
// once, then a pass with a real go env (PreferCache off) confirms or, as
// here, replaces it.
func TestProvisionalThenConfirmed(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	provisional := sc.snapshot(sc.mismatch("en"))
	provisional.Provisional = true
	fp.set(sc.ws, provisional, sc.snapshot())
	c := startConfig(t, Config{Probers: fp.probers(), Env: []string{"HOME=" + t.TempDir()}, GoEnvCache: t.TempDir()})
	c.initialize("en", nil, sc.ws)
	got, at := c.diagnostics(pathURI(sc.gomod), 0)
	if len(got) != 1 {
		t.Fatalf("provisional publish: %v, want the mismatch", got)
	}
	if got, _ = c.diagnostics(pathURI(sc.gomod), at); len(got) != 0 {
		t.Fatalf("confirmed publish: %v, want none", got)
	}
	first, second := <-fp.reqs, <-fp.reqs
	if !first.PreferCache || second.PreferCache || first.GoEnvCache == "" {
		t.Errorf("requests: first PreferCache %v, second %v, cache %q; want true, false, set", first.PreferCache, second.PreferCache, first.GoEnvCache)
	}
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}
