package server

import (
	"path/filepath"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// scenario is the ws1 workspace: a go.mod asking for go1.22.12, a
// .vscode/settings.json setting go.goroot and a profile assigning GOROOT.
type scenario struct {
	ws, gomod, settings, profile string
}

func newScenario(t *testing.T) scenario {
	ws := testdata(t, "ws1")
	return scenario{
		ws:       ws,
		gomod:    filepath.Join(ws, "go.mod"),
		settings: filepath.Join(ws, ".vscode", "settings.json"),
		profile:  filepath.Join(testdata(t, "home"), ".profile"),
	}
}

func (sc scenario) snapshot(fs ...findings.Finding) *envprobe.Snapshot {
	if fs == nil {
		fs = []findings.Finding{}
	}
	return &envprobe.Snapshot{
		SchemaVersion: envprobe.SchemaVersion,
		Workspace:     sc.ws,
		Toolchain: envprobe.Toolchain{
			Go: "/usr/local/go/bin/go", Version: "go1.26.8", GOROOT: "/usr/local/go", GOROOTSource: "executable location",
			Selected: "go1.26.8", SelectedReason: "local toolchain is new enough",
		},
		Modules:  []envprobe.ModuleFile{{File: sc.gomod, Go: "1.22.0", GoLine: 3, Toolchain: "go1.22.12", ToolchainLine: 5, Governs: true}},
		Findings: fs,
	}
}

func (sc scenario) mismatch(lang string) findings.Finding {
	f := findings.New(lang, findings.GorootEnvMismatch, map[string]string{
		"goroot": "/opt/go1.22", "source": "process environment", "rootVersion": "go1.22.12", "goVersion": "go1.26.8",
	})
	f.Evidence = []string{"/opt/go1.22/VERSION: go1.22.12"}
	f.Fixes = []findings.Fix{
		{ID: "unset", Title: findings.Text(lang, "fix.unset-var", map[string]string{"name": "GOROOT", "scope": findings.Text(lang, "scope.user", nil)}),
			Kind: findings.FixUnsetUserVar, Var: "GOROOT", Preferred: true},
		{ID: "restart", Title: findings.Text(lang, "fix.restart", nil), Kind: findings.FixRestart},
	}
	return f
}

func (sc scenario) toolchainSwitch() findings.Finding {
	f := findings.New("en", findings.ToolchainSwitch, map[string]string{
		"file": sc.gomod, "local": "go1.26.8", "selected": "go1.22.12", "where": "found in the module cache",
	})
	return f
}

func (sc scenario) settingsMismatch() findings.Finding {
	f := findings.New("en", findings.SettingsGorootMismatch, map[string]string{
		"key": "go.goroot", "value": "/opt/go1.22", "problem": "points at go1.22.12 while go1.26.8 runs",
	})
	f.Location = &findings.Location{File: sc.settings, Key: "go.goroot"}
	f.Fixes = []findings.Fix{{
		ID: "setting-remove", Title: "Remove the setting go.goroot", Kind: findings.FixEditFile,
		Location: &findings.Location{File: sc.settings, Key: "go.goroot"}, NewText: "", Preferred: true,
	}}
	return f
}

func (sc scenario) profileMissingExport() findings.Finding {
	f := findings.New("en", findings.ProfileMissingExport, map[string]string{"location": sc.profile + ":3", "name": "GOROOT"})
	f.Location = &findings.Location{File: sc.profile, Line: 3}
	f.Fixes = []findings.Fix{{
		ID: "add-export", Title: "Export GOROOT on " + sc.profile + ":3", Kind: findings.FixEditFile,
		Location: &findings.Location{File: sc.profile, Line: 3}, NewText: "export GOROOT=/opt/go1.22", Preferred: true,
	}}
	return f
}

// want is the whole expected diagnostic of f on a 0-based line of length n,
// spelled out independently of the server's code.
func want(f findings.Finding, folder string, line, n uint32) protocol.Diagnostic {
	fixes := f.Fixes
	if fixes == nil {
		fixes = []findings.Fix{}
	}
	return protocol.Diagnostic{
		Range:    protocol.Range{Start: protocol.Position{Line: line}, End: protocol.Position{Line: line, Character: n}},
		Severity: map[findings.Severity]protocol.DiagnosticSeverity{findings.Error: 1, findings.Warning: 2, findings.Info: 3}[f.Severity],
		Code:     string(f.Code),
		CodeDescription: &protocol.CodeDescription{
			Href: protocol.URI("https://github.com/goroot-lens/goroot-lens/blob/main/docs/codes.md#" + string(f.Code)),
		},
		Source:  "goroot-lens",
		Message: f.Message,
		Data:    map[string]any{"code": f.Code, "folder": pathURI(folder), "fixes": fixes},
	}
}

func TestDiagnosticsPlacement(t *testing.T) {
	sc := newScenario(t)
	mismatch, sw, set, prof := sc.mismatch("en"), sc.toolchainSwitch(), sc.settingsMismatch(), sc.profileMissingExport()

	ws2 := testdata(t, "ws2")
	work, modInWork := filepath.Join(ws2, "go.work"), filepath.Join(ws2, "mod", "go.mod")
	ws2snap := &envprobe.Snapshot{Workspace: ws2, Modules: []envprobe.ModuleFile{
		{File: work, Go: "1.26.0", GoLine: 1, Governs: true},
		{File: modInWork, Go: "1.26.0", GoLine: 3},
	}, Findings: []findings.Finding{mismatch, sw}}

	nogo := testdata(t, "nogo")
	nogoMod := filepath.Join(nogo, "go.mod")
	nogoSnap := &envprobe.Snapshot{Workspace: nogo, Modules: []envprobe.ModuleFile{{File: nogoMod, Governs: true}},
		Findings: []findings.Finding{mismatch, sw}}

	unavailable := findings.New("en", findings.ToolchainUnavailable, map[string]string{
		"file": sc.gomod, "needed": "go1.22.12", "local": "go1.26.8", "gotoolchain": "local", "why": "forbids downloads",
	})
	noToolchainLine := sc.snapshot(unavailable)
	noToolchainLine.Modules[0].ToolchainLine = 0

	tests := []struct {
		name   string
		folder string
		snap   *envprobe.Snapshot
		want   map[string][]protocol.Diagnostic
	}{{
		name: "clean workspace publishes an empty set", folder: sc.ws, snap: sc.snapshot(),
		want: map[string][]protocol.Diagnostic{sc.gomod: {}},
	}, {
		name: "environment finding on the go line", folder: sc.ws, snap: sc.snapshot(mismatch),
		want: map[string][]protocol.Diagnostic{sc.gomod: {want(mismatch, sc.ws, 2, 9)}},
	}, {
		name: "toolchain finding on the toolchain line", folder: sc.ws, snap: sc.snapshot(sw, mismatch),
		want: map[string][]protocol.Diagnostic{sc.gomod: {want(mismatch, sc.ws, 2, 9), want(sw, sc.ws, 4, 19)}},
	}, {
		name: "toolchain finding on the go line without a toolchain line", folder: sc.ws, snap: noToolchainLine,
		want: map[string][]protocol.Diagnostic{sc.gomod: {want(unavailable, sc.ws, 2, 9)}},
	}, {
		name: "settings finding on its key, profile finding on its line", folder: sc.ws, snap: sc.snapshot(set, prof),
		want: map[string][]protocol.Diagnostic{
			sc.gomod:    {},
			sc.settings: {want(set, sc.ws, 2, 28)},
			sc.profile:  {want(prof, sc.ws, 2, 18)},
		},
	}, {
		name: "go.work governs toolchain findings, go.mod gets the others", folder: ws2, snap: ws2snap,
		want: map[string][]protocol.Diagnostic{
			work:      {want(sw, ws2, 0, 9)},
			modInWork: {want(mismatch, ws2, 2, 9)},
		},
	}, {
		name: "go.mod without a go line: line 1", folder: nogo, snap: nogoSnap,
		want: map[string][]protocol.Diagnostic{nogoMod: {want(mismatch, nogo, 0, 23), want(sw, nogo, 0, 23)}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fp := newFakeProbers()
			fp.set(tc.folder, tc.snap)
			c := start(t, fp)
			c.initialize("en", nil, tc.folder)
			for file, wantDiags := range tc.want {
				got, _ := c.diagnostics(pathURI(file), 0)
				if g, w := asJSON(t, got), asJSON(t, wantDiags); g != w {
					t.Errorf("%s:\ngot  %s\nwant %s", file, g, w)
				}
			}
			if err := c.shutdownExit(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestDiagnosticsChange: a watched-file change re-probes; a set that became
// empty is cleared with an empty publish; an unchanged set is not published.
func TestDiagnosticsChange(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot(sc.mismatch("en"), sc.settingsMismatch()), sc.snapshot(sc.mismatch("en")))
	c := start(t, fp)
	caps := map[string]any{"workspace": map[string]any{"codeLens": map[string]any{"refreshSupport": true}}}
	c.initialize("en", caps, sc.ws)
	got, at := c.diagnostics(pathURI(sc.settings), 0)
	if len(got) != 1 {
		t.Fatalf("settings diagnostics: %v", got)
	}
	_, at = c.await("codeLens refresh", at, isMethod(protocol.MethodCodeLensRefresh))

	change := map[string]any{"changes": []map[string]any{{"uri": pathURI(sc.profile), "type": 2}}}
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, change)
	got, next := c.diagnostics(pathURI(sc.settings), at)
	if len(got) != 0 {
		t.Fatalf("settings diagnostics after the change: %v, want an empty publish", got)
	}
	_, next = c.await("codeLens refresh", next, isMethod(protocol.MethodCodeLensRefresh))

	// Same result again: the refresh arrives, no publish before it.
	mark := c.mark()
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, change)
	_, end := c.await("codeLens refresh", mark, isMethod(protocol.MethodCodeLensRefresh))
	for _, m := range c.messages(mark, end) {
		if m.Method == protocol.MethodTextDocumentPublishDiagnostics {
			t.Errorf("unchanged diagnostics published again: %s", m.Params)
		}
	}
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}

func isMethod(method string) func(*wire) bool {
	return func(m *wire) bool { return m.Method == method }
}

// TestFolderRemoved: removing a workspace folder clears its diagnostics.
func TestFolderRemoved(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot(sc.mismatch("en")))
	c := start(t, fp)
	c.initialize("en", nil, sc.ws)
	got, at := c.diagnostics(pathURI(sc.gomod), 0)
	if len(got) != 1 {
		t.Fatalf("diagnostics %v", got)
	}
	c.notify(protocol.MethodWorkspaceDidChangeWorkspaceFolders, map[string]any{"event": map[string]any{
		"added": []any{}, "removed": []any{map[string]any{"uri": pathURI(sc.ws), "name": "ws1"}},
	}})
	if got, _ = c.diagnostics(pathURI(sc.gomod), at); len(got) != 0 {
		t.Errorf("diagnostics after removal %v", got)
	}
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}
