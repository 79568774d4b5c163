package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"golang.org/x/exp/trace"

	"github.com/goroot-lens/goroot-lens/internal/testgo"
)

func TestTraceVerifiedAndKept(t *testing.T) {
	bin := binary(t)
	env, ws := machine(t)
	kept := t.TempDir() + "/probe.trace"
	r := runCLI(t, bin, env, "trace", ws, "--json", "--keep", kept)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	var v struct {
		SchemaVersion int
		Verdict       string
		Rows          []struct{ Name, Value, Source string }
		BuildTools    []struct{ Name, Path, GOROOT string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatal(err)
	}
	root := testgo.Local(t)
	if v.SchemaVersion != 1 || v.Verdict != "verified" {
		t.Errorf("verdict %q schema %d, want verified 1", v.Verdict, v.SchemaVersion)
	}
	for _, row := range v.Rows {
		if row.Source == "" {
			t.Errorf("row %q has no source", row.Name)
		}
	}
	var compiled bool
	for _, tool := range v.BuildTools {
		if tool.Name == "compile" && tool.GOROOT == root {
			compiled = true
		}
	}
	if !compiled {
		t.Errorf("no compile tool from %s in %+v", root, v.BuildTools)
	}

	// The kept trace is a real runtime/trace file holding the logged GOROOT.
	f, err := os.Open(kept)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := trace.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var logged string
	for {
		ev, err := rd.ReadEvent()
		if err != nil {
			break
		}
		if ev.Kind() == trace.EventLog && ev.Log().Category == "runtime.GOROOT" {
			logged = ev.Log().Message
		}
	}
	if logged != root {
		t.Errorf("trace logs runtime.GOROOT %q, want %s", logged, root)
	}
}

func TestTraceMismatch(t *testing.T) {
	bin := binary(t)
	env, ws := machine(t)
	old := testgo.Toolchain(t, testgo.Old, "", "")
	r := runCLI(t, bin, append(env, "GOROOT="+old), "trace", ws)
	want := `compile: version "` + testgo.Old + `" does not match go tool version "` + testgo.LocalVersion(t) + `"`
	if r.code != 1 || !strings.Contains(r.stdout, "Verify GOROOT: mismatch") || !strings.Contains(r.stdout, want) ||
		!strings.Contains(r.stdout, "runtime-goroot-mismatch") || !strings.Contains(r.stdout, "fix:") {
		t.Errorf("exit %d, want 1 with mismatch, %q, the finding and a fix\n%s%s", r.code, want, r.stdout, r.stderr)
	}
}

// One cause, one wording: an old go first on PATH, a module needing a newer
// line and GOTOOLCHAIN=local fail the build; check predicts it and trace
// confirms it with the same finding (message and fixes), naming the
// toolchain the go command would select (the go line 1.26 means go1.26.0).
func TestTraceToolchainUnavailableSameAsCheck(t *testing.T) {
	bin := binary(t)
	env, ws := machine(t)
	old := testgo.Toolchain(t, testgo.Old, "", "")
	os.WriteFile(ws+"/go.mod", []byte("module example.com/ws\n\ngo 1.26\n"), 0o644)
	env = append(env, "PATH="+old+"/bin:/usr/bin:/bin", "GOTOOLCHAIN=local")
	type report struct {
		Findings []struct {
			Code, Message string
			Fixes         []struct{ Title, Command string }
		}
	}
	find := func(args ...string) (string, []string) {
		r := runCLI(t, bin, env, append(args, ws, "--json")...)
		var rep report
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != 1 {
			t.Fatalf("%v: exit %d, %v\n%s%s", args, r.code, err, r.stdout, r.stderr)
		}
		for _, f := range rep.Findings {
			if f.Code == "toolchain-unavailable" {
				var fixes []string
				for _, x := range f.Fixes {
					fixes = append(fixes, x.Title+" | "+x.Command)
				}
				return f.Message, fixes
			}
		}
		t.Fatalf("%v: no toolchain-unavailable in %s", args, r.stdout)
		return "", nil
	}
	checkMsg, checkFixes := find("check")
	traceMsg, traceFixes := find("trace")
	if checkMsg != traceMsg || strings.Join(checkFixes, "\n") != strings.Join(traceFixes, "\n") {
		t.Errorf("check and trace differ:\ncheck: %s\n%q\ntrace: %s\n%q", checkMsg, checkFixes, traceMsg, traceFixes)
	}
	if !strings.Contains(traceMsg, "go1.26.0") || strings.Contains(traceMsg, "{") {
		t.Errorf("message %q: want go1.26.0 and no placeholder", traceMsg)
	}
}
