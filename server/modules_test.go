package server

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/goroot-lens/goroot-lens/internal/testgo"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// writeFiles creates files (relative path → content) under root.
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// unavailable is the toolchain-unavailable finding of a go.mod whose go
// line is 3 and toolchain line tcLine, with the fix that lowers the go line.
func unavailable(gomod string, tcLine int) findings.Finding {
	f := findings.New("en", findings.ToolchainUnavailable, map[string]string{
		"file": gomod, "needed": "go1.99.0", "local": "go1.26.8", "gotoolchain": "local", "why": "forbids switching",
	})
	f.Location = &findings.Location{File: gomod, Line: tcLine}
	f.Evidence = []string{gomod + ":" + "3: go 1.22"}
	f.Fixes = []findings.Fix{{ID: "lower-go-line", Title: "Lower the go line", Kind: findings.FixEditFile,
		Location: &findings.Location{File: gomod, Line: 3}, NewText: "go 1.26.8", Preferred: true}}
	return f
}

// TestMonorepo: five go.mod files with two distinct selections cost two
// probes; every go.mod gets its diagnostics and lenses, toolchain findings
// on its own toolchain line; vendor/ and .git/ are not modules of the user.
func TestMonorepo(t *testing.T) {
	root, home := t.TempDir(), t.TempDir()
	writeFiles(t, root, map[string]string{
		"a/go.mod":                    "module example.com/a\n\ngo 1.22\n",
		"b/go.mod":                    "module example.com/b\n\n// b\n\ngo 1.22\n",
		"c/deep/go.mod":               "module example.com/c\n\ngo 1.22\n",
		"d/go.mod":                    "module example.com/d\n\ngo 1.22\n\ntoolchain go1.99.0\n",
		"e/go.mod":                    "module example.com/e\n\ngo 1.22\n\n// pinned\n\ntoolchain go1.99.0\n",
		"vendor/example.com/v/go.mod": "module example.com/v\n\ngo 1.10\n",
		".git/go.mod":                 "module example.com/git\n\ngo 1.11\n",
	})
	writeFiles(t, home, map[string]string{".profile": "GOROOT=/opt/go1.22\n"})
	mod := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel), "go.mod") }
	profile := filepath.Join(home, ".profile")

	sc := newScenario(t)
	mismatch := sc.mismatch("en")
	prof := findings.New("en", findings.ProfileMissingExport, map[string]string{"location": profile + ":1", "name": "GOROOT"})
	prof.Location = &findings.Location{File: profile, Line: 1}
	snapFor := func(dir string, m envprobe.ModuleFile, fs ...findings.Finding) *envprobe.Snapshot {
		snap := sc.snapshot(fs...)
		snap.Workspace, snap.Modules = dir, []envprobe.ModuleFile{m}
		return snap
	}
	fp := newFakeProbers()
	fp.set(filepath.Join(root, "a"), snapFor(filepath.Join(root, "a"),
		envprobe.ModuleFile{File: mod("a"), Go: "1.22", GoLine: 3, Governs: true}, mismatch, prof))
	fp.set(filepath.Join(root, "d"), snapFor(filepath.Join(root, "d"),
		envprobe.ModuleFile{File: mod("d"), Go: "1.22", GoLine: 3, Toolchain: "go1.99.0", ToolchainLine: 5, Governs: true},
		mismatch, prof, unavailable(mod("d"), 5)))

	c := startConfig(t, Config{Probers: fp.probers(), Env: []string{"HOME=" + home}})
	caps := map[string]any{"workspace": map[string]any{"codeLens": map[string]any{"refreshSupport": true}}}
	c.initialize("en", caps, root)
	_, done := c.await("codeLens refresh", 0, isMethod(protocol.MethodCodeLensRefresh))

	if got, want := asJSON(t, fp.callCounts()), asJSON(t, map[string]int{filepath.Join(root, "a"): 1, filepath.Join(root, "d"): 1}); got != want {
		t.Errorf("probe calls %s, want %s", got, want)
	}
	goLine := func(line uint32) protocol.Diagnostic { return want(mismatch, root, line, 7) }
	wantDiags := map[string][]protocol.Diagnostic{
		mod("a"):      {goLine(2)},
		mod("b"):      {goLine(4)},
		mod("c/deep"): {goLine(2)},
		mod("d"):      {goLine(2), want(unavailable(mod("d"), 5), root, 4, 18)},
		mod("e"):      {goLine(2), want(unavailable(mod("e"), 7), root, 6, 18)},
		profile:       {want(prof, root, 0, 18)},
	}
	for file, w := range wantDiags {
		got, _ := c.diagnostics(pathURI(file), 0)
		if g, w := asJSON(t, got), asJSON(t, w); g != w {
			t.Errorf("%s:\ngot  %s\nwant %s", file, g, w)
		}
	}
	for _, m := range c.messages(0, done) {
		if m.Method == protocol.MethodTextDocumentPublishDiagnostics &&
			(strings.Contains(string(m.Params), "/vendor/") || strings.Contains(string(m.Params), "/.git/")) {
			t.Errorf("published for an ignored folder: %s", m.Params)
		}
	}

	// Lenses on every go.mod, with that module's folder as argument.
	for _, rel := range []string{"a", "b", "c/deep", "d", "e"} {
		var lenses []protocol.CodeLens
		c.result(c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(mod(rel))), &lenses)
		dir := pathURI(filepath.Dir(mod(rel)))
		if len(lenses) != 2 || lenses[0].Command.Command != CommandVerify || lenses[1].Command.Command != CommandReport ||
			asJSON(t, lenses[0].Command.Arguments) != asJSON(t, []any{dir}) || asJSON(t, lenses[1].Command.Arguments) != asJSON(t, []any{dir}) {
			t.Errorf("lenses of %s: %s", rel, asJSON(t, lenses))
		}
	}
	// The quick fix of e's toolchain finding edits e's go.mod.
	eDiags, _ := c.diagnostics(pathURI(mod("e")), 0)
	var actions []protocol.CodeAction
	c.result(c.call(protocol.MethodTextDocumentCodeAction, map[string]any{
		"textDocument": map[string]any{"uri": pathURI(mod("e"))}, "range": eDiags[1].Range,
		"context": map[string]any{"diagnostics": eDiags[1:]},
	}), &actions)
	if len(actions) != 1 || actions[0].Edit == nil || actions[0].Edit.Changes[pathURI(mod("e"))] == nil {
		t.Errorf("actions for e: %s", asJSON(t, actions))
	}

	// A new go.mod with another go line re-probes the folder, adding one
	// key; a deleted one is cleared.
	writeFiles(t, root, map[string]string{"f/go.mod": "module example.com/f\n\ngo 1.23\n"})
	fp.set(filepath.Join(root, "f"), snapFor(filepath.Join(root, "f"),
		envprobe.ModuleFile{File: mod("f"), Go: "1.23", GoLine: 3, Governs: true}, mismatch))
	os.Remove(mod("b"))
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, map[string]any{"changes": []map[string]any{
		{"uri": pathURI(mod("f")), "type": 1}, {"uri": pathURI(mod("b")), "type": 3},
	}})
	if got, _ := c.diagnostics(pathURI(mod("f")), done); asJSON(t, got) != asJSON(t, []protocol.Diagnostic{goLine(2)}) {
		t.Errorf("new go.mod: %s", asJSON(t, got))
	}
	if got, _ := c.diagnostics(pathURI(mod("b")), done); len(got) != 0 {
		t.Errorf("deleted go.mod: %s, want an empty publish", asJSON(t, got))
	}
	if got := fp.callCounts(); len(got) != 3 || got[filepath.Join(root, "f")] != 1 {
		t.Errorf("probe calls after the change: %v", got)
	}
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}

// TestRealEngines runs the real probes on a folder with two modules whose
// environment sets GOROOT to a go1.22 tree while go1.26 runs.
func TestRealEngines(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix environment; Windows is covered under Wine")
	}
	root, home := t.TempDir(), t.TempDir()
	writeFiles(t, root, map[string]string{
		"a/go.mod": "module example.com/a\n\ngo 1.22\n",
		"b/go.mod": "module example.com/b\n\ngo 1.22\n",
	})
	env := []string{
		"HOME=" + home,
		"PATH=" + filepath.Join(testgo.Local(t), "bin") + string(os.PathListSeparator) + "/usr/bin:/bin",
		"GOROOT=" + testgo.Toolchain(t, testgo.Old, "", ""),
		"GOENV=" + filepath.Join(home, ".config", "go", "env"),
		"GOPROXY=off",
		"GOCACHE=" + filepath.Join(home, ".cache", "go-build"),
		"GOMODCACHE=" + filepath.Join(home, "go", "pkg", "mod"),
	}
	c := startConfig(t, Config{Env: env})
	c.initialize("en", nil, root)
	for _, rel := range []string{"a", "b"} {
		gomod := filepath.Join(root, rel, "go.mod")
		diags, _ := c.diagnostics(pathURI(gomod), 0)
		var found *protocol.Diagnostic
		for i := range diags {
			if diags[i].Code == string(findings.GorootEnvMismatch) {
				found = &diags[i]
			}
		}
		if found == nil {
			t.Errorf("%s: no goroot-env-mismatch in %s", rel, asJSON(t, diags))
			continue
		}
		data, _ := found.Data.(map[string]any)
		fixes, _ := data["fixes"].([]any)
		if found.Source != Source || found.Range.Start.Line != 2 || found.CodeDescription == nil ||
			found.CodeDescription.Href != protocol.URI(findings.GorootEnvMismatch.DocURL()) ||
			data["code"] != string(findings.GorootEnvMismatch) || data["folder"] != string(pathURI(root)) || len(fixes) == 0 {
			t.Errorf("%s: %s", rel, asJSON(t, found))
		}
	}
	// Verify on b's lens verifies b, showing the configured GOROOT first.
	var verdict struct {
		Verdict string `json:"verdict"`
		Rows    []struct{ Name, Value, Source string }
	}
	c.result(c.call(protocol.MethodWorkspaceExecuteCommand, verifyParams(filepath.Join(root, "b"))), &verdict)
	if verdict.Verdict != VerdictMismatch || len(verdict.Rows) == 0 || verdict.Rows[0].Name != "GOROOT (configured)" {
		t.Errorf("verify: %+v", verdict)
	}
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}
