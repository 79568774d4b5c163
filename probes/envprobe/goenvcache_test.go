package envprobe_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
)

// The go env cache is used only for the setup it was made in: the same
// environment, GOENV file, go.mod and go binary. Anything else misses it,
// and a miss runs go env and is never provisional.
func TestGoEnvCacheKeyedOnTheSetup(t *testing.T) {
	s := newScenario(t)
	cache := t.TempDir()
	run := func(prefer bool) *envprobe.Snapshot {
		t.Helper()
		var env []string
		for k, v := range s.env {
			env = append(env, k+"="+v)
		}
		snap, err := envprobe.Run(context.Background(), envprobe.Options{Dir: s.ws, Env: env, GoEnvCache: cache, PreferCache: prefer})
		if err != nil {
			t.Fatal(err)
		}
		return snap
	}
	first := run(true)
	if first.Provisional {
		t.Fatal("an empty cache gave a provisional snapshot")
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 1 {
		t.Fatalf("cache holds %d files after one run, want 1", len(entries))
	}
	second := run(true)
	if !second.Provisional || !reflect.DeepEqual(second.GoEnv, first.GoEnv) || !reflect.DeepEqual(second.Findings, first.Findings) {
		t.Errorf("second run: provisional %v, same go env %v, same findings %v",
			second.Provisional, reflect.DeepEqual(second.GoEnv, first.GoEnv), reflect.DeepEqual(second.Findings, first.Findings))
	}
	if run(false).Provisional {
		t.Error("PreferCache off gave a provisional snapshot")
	}

	for name, change := range map[string]func(){
		"an environment variable": func() { s.env["GOFLAGS"] = "-mod=mod" },
		"the GOENV file":          func() { s.write(".config/go/env", "GOPROXY=off\n") },
		"go.mod":                  func() { s.write("ws/go.mod", "module example.com/ws\n\ngo 1.23\n") },
		"a go.work above":         func() { s.write("go.work", "go 1.22\n\nuse ./ws\n") },
	} {
		change()
		if snap := run(true); snap.Provisional {
			t.Errorf("after changing %s the cached go env was used", name)
		}
	}

	// A wrapper script in front of go: what it runs is not known, so its
	// output is never kept.
	shim := filepath.Join(s.home, "shim")
	os.MkdirAll(shim, 0o755)
	os.WriteFile(filepath.Join(shim, "go"), []byte("#!/bin/sh\nexec "+filepath.Join(s.env["PATH"][:len(s.env["PATH"])-len(":/usr/bin:/bin")], "go")+" \"$@\"\n"), 0o755)
	s.env["PATH"] = shim + ":" + s.env["PATH"]
	run(true)
	if snap := run(true); snap.Provisional {
		t.Error("the output of a wrapper script's go env was cached")
	}
}

// The cache keeps the most recently written files only.
func TestGoEnvCachePruned(t *testing.T) {
	dir := t.TempDir()
	for i := range 70 {
		p := filepath.Join(dir, fmt.Sprintf("%02d.json", i))
		os.WriteFile(p, nil, 0o600)
		when := time.Unix(int64(1_000_000+i), 0)
		os.Chtimes(p, when, when)
	}
	envprobe.PruneGoEnvCache(dir, 64)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 64 || entries[0].Name() != "06.json" {
		t.Errorf("%d files left, first %s; want 64 from 06.json", len(entries), entries[0].Name())
	}
}
