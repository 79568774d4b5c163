package server

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/goroot-lens/goroot-lens/fix"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// fullCaps is what a capable client (VS Code) advertises.
var fullCaps = map[string]any{
	"workspace": map[string]any{
		"codeLens":              map[string]any{"refreshSupport": true},
		"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true, "relativePatternSupport": true},
	},
	"window": map[string]any{"workDoneProgress": true, "showDocument": map[string]any{"support": true}},
}

// TestSession drives initialize → diagnostics → codeLens → codeAction →
// executeCommand → shutdown/exit.
func TestSession(t *testing.T) {
	sc := newScenario(t)
	mismatch, set := sc.mismatch("en"), sc.settingsMismatch()
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot(mismatch, set))
	fp.verify = func(_ context.Context, req Request, progress Progress) (*Verification, error) {
		progress("env", 20, "go env -json")
		progress("trace", 80, "go build -x")
		return &Verification{Verdict: VerdictMismatch, Findings: []findings.Finding{mismatch},
			Result: map[string]any{"verdict": "mismatch", "rows": []string{"GOROOT /opt/go1.22"}}}, nil
	}
	c := start(t, fp)

	// initialize with settings in initializationOptions.
	params := map[string]any{
		"processId": os.Getpid(), "locale": "en", "capabilities": fullCaps,
		"workspaceFolders":      []map[string]any{{"uri": pathURI(sc.ws), "name": "ws1"}},
		"initializationOptions": map[string]any{"settings": map[string]any{"go.goroot": "/opt/go1.22", "go.toolsEnvVars": map[string]any{"GOROOT": "/opt/go1.22"}}},
	}
	var res protocol.InitializeResult
	c.result(c.call(protocol.MethodInitialize, params), &res)
	c.notify(protocol.MethodInitialized, map[string]any{})
	req := awaitChan(t, "probe", fp.reqs)
	wantReq := Request{Folder: sc.ws, Lang: "en", SettingsFile: sc.settings, Env: req.Env,
		Settings: map[string]string{"go.goroot": "/opt/go1.22", "go.toolsEnvVars": `{"GOROOT":"/opt/go1.22"}`}}
	if g, w := asJSON(t, req), asJSON(t, wantReq); g != w {
		t.Errorf("probe request:\ngot  %s\nwant %s", g, w)
	}

	// Diagnostics, watchers, lens refresh.
	diags, _ := c.diagnostics(pathURI(sc.gomod), 0)
	if g, w := asJSON(t, diags), asJSON(t, []protocol.Diagnostic{want(mismatch, sc.ws, 2, 9)}); g != w {
		t.Errorf("go.mod diagnostics:\ngot  %s\nwant %s", g, w)
	}
	setDiags, _ := c.diagnostics(pathURI(sc.settings), 0)
	reg, _ := c.await("watcher registration", 0, isMethod(protocol.MethodClientRegisterCapability))
	for _, wantText := range []string{`"method":"workspace/didChangeWatchedFiles"`, `"globPattern":"**/go.mod"`,
		`"pattern":".profile"`, `"baseUri":"` + string(pathURI(req.Env[0][len("HOME="):])) + `"`} {
		if !strings.Contains(string(reg.Params), wantText) {
			t.Errorf("registration lacks %s: %s", wantText, reg.Params)
		}
	}
	c.await("codeLens refresh", 0, isMethod(protocol.MethodCodeLensRefresh))

	// Code lenses on the go line.
	var lenses []protocol.CodeLens
	c.result(c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)), &lenses)
	goLine := protocol.Range{Start: protocol.Position{Line: 2}, End: protocol.Position{Line: 2}}
	wantLenses := []protocol.CodeLens{
		{Range: goLine, Command: &protocol.Command{Title: "Verify GOROOT", Command: "goroot-lens.verify", Arguments: []any{pathURI(sc.ws)}}},
		{Range: goLine, Command: &protocol.Command{Title: "GOROOT /usr/local/go · go1.26.8 · 2 problems, worst: goroot-env-mismatch",
			Command: "goroot-lens.report", Arguments: []any{pathURI(sc.ws)}}},
	}
	if g, w := asJSON(t, lenses), asJSON(t, wantLenses); g != w {
		t.Errorf("lenses:\ngot  %s\nwant %s", g, w)
	}

	// Code actions: a command for the user-variable fix, an edit for the settings line.
	var actions []protocol.CodeAction
	c.result(c.call(protocol.MethodTextDocumentCodeAction, map[string]any{
		"textDocument": map[string]any{"uri": pathURI(sc.gomod)}, "range": diags[0].Range,
		"context": map[string]any{"diagnostics": diags, "only": []string{"quickfix"}},
	}), &actions)
	wantActions := []protocol.CodeAction{{
		Title: mismatch.Fixes[0].Title, Kind: "quickfix", Diagnostics: diags, IsPreferred: true,
		Command: &protocol.Command{Title: mismatch.Fixes[0].Title, Command: "goroot-lens.applyFix",
			Arguments: []any{map[string]any{"folder": pathURI(sc.ws), "code": "goroot-env-mismatch", "fix": mismatch.Fixes[0]}}},
	}, {
		Title: mismatch.Fixes[1].Title, Kind: "quickfix", Diagnostics: diags,
		Command: &protocol.Command{Title: mismatch.Fixes[1].Title, Command: "goroot-lens.applyFix",
			Arguments: []any{map[string]any{"folder": pathURI(sc.ws), "code": "goroot-env-mismatch", "fix": mismatch.Fixes[1]}}},
	}}
	if g, w := asJSON(t, actions), asJSON(t, wantActions); g != w {
		t.Errorf("go.mod actions:\ngot  %s\nwant %s", g, w)
	}
	// A client that drops data still gets the fixes.
	noData := setDiags[0]
	noData.Data = nil
	var edits []protocol.CodeAction
	c.result(c.call(protocol.MethodTextDocumentCodeAction, map[string]any{
		"textDocument": map[string]any{"uri": pathURI(sc.settings)}, "range": noData.Range,
		"context": map[string]any{"diagnostics": []protocol.Diagnostic{noData}},
	}), &edits)
	wantEdit := []protocol.CodeAction{{
		Title: "Remove the setting go.goroot", Kind: "quickfix", Diagnostics: []protocol.Diagnostic{noData}, IsPreferred: true,
		Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{pathURI(sc.settings): {{
			Range: protocol.Range{Start: protocol.Position{Line: 2}, End: protocol.Position{Line: 3}}, NewText: "",
		}}}},
	}}
	if g, w := asJSON(t, edits), asJSON(t, wantEdit); g != w {
		t.Errorf("settings actions:\ngot  %s\nwant %s", g, w)
	}

	// Verify: progress, showMessage, showDocument, the verdict as result.
	mark := c.mark()
	var verdict map[string]any
	c.result(c.call(protocol.MethodWorkspaceExecuteCommand, verifyParams(sc.ws)), &verdict)
	if verdict["verdict"] != "mismatch" || verdict["rows"] == nil {
		t.Errorf("verify result %v", verdict)
	}
	_, at := c.await("progress begin", mark, progressKind("begin"))
	_, at = c.await("progress report", at, progressKind("report"))
	c.await("progress end", at, progressKind("end"))
	msg, _ := c.await("showMessage", mark, isMethod(protocol.MethodWindowShowMessage))
	if !strings.Contains(string(msg.Params), `"message":"Verify GOROOT: mismatch"`) || !strings.Contains(string(msg.Params), `"type":2`) {
		t.Errorf("showMessage %s", msg.Params)
	}
	doc, _ := c.await("showDocument", mark, isMethod(protocol.MethodShowDocument))
	var sd protocol.ShowDocumentParams
	json.Unmarshal(doc.Params, &sd)
	path, _ := uriPath(protocol.DocumentURI(sd.URI))
	if md, err := os.ReadFile(path); err != nil || !strings.Contains(string(md), "**Verdict**: mismatch") || !strings.Contains(string(md), "goroot-env-mismatch") {
		t.Errorf("verify report %s: %v\n%s", path, err, md)
	}

	// Report: Markdown of the snapshot.
	var md string
	c.result(c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": CommandReport, "arguments": []any{pathURI(sc.ws)}}), &md)
	for _, w := range []string{"# goroot-lens report: " + sc.ws, "| GOROOT | /usr/local/go (executable location) |", "goroot-env-mismatch", "settings-goroot-mismatch"} {
		if !strings.Contains(md, w) {
			t.Errorf("report lacks %q:\n%s", w, md)
		}
	}

	// applyFix of advice writes nothing and shows the plan with the
	// command to run by hand; refresh probes again.
	mark = c.mark()
	var applied fix.Plan
	c.result(c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": CommandApplyFix, "arguments": actions[0].Command.Arguments}), &applied)
	if applied.Writable() || applied.Refused == "" || len(applied.Changes) != 0 {
		t.Errorf("applyFix of advice planned %+v", applied)
	}
	msg, _ = c.await("showMessage of the plan", mark, isMethod(protocol.MethodWindowShowMessage))
	if !strings.Contains(string(msg.Params), "goroot-env-mismatch") || !strings.Contains(string(msg.Params), applied.Refused) {
		t.Errorf("plan message %s", msg.Params)
	}
	c.result(c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": CommandRefresh}), nil)
	awaitChan(t, "probe after refresh", fp.reqs)

	if !slices.Equal(res.Capabilities.ExecuteCommandProvider.Commands, []string{CommandApplyFix, CommandRefresh, CommandReport, CommandUndo, CommandVerify}) {
		t.Errorf("commands %v", res.Capabilities.ExecuteCommandProvider.Commands)
	}
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}

func TestChinese(t *testing.T) {
	sc := newScenario(t)
	mismatch := sc.mismatch("zh-CN")
	english := sc.mismatch("en")
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot(english)) // the server renders the message again from Args
	c := start(t, fp)
	c.initialize("zh-CN", nil, sc.ws)
	if req := awaitChan(t, "probe", fp.reqs); req.Lang != "zh-CN" {
		t.Errorf("probe language %q", req.Lang)
	}
	diags, _ := c.diagnostics(pathURI(sc.gomod), 0)
	if len(diags) != 1 || diags[0].Message != mismatch.Message {
		t.Errorf("diagnostics %+v, want message %q", diags, mismatch.Message)
	}
	var lenses []protocol.CodeLens
	c.result(c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)), &lenses)
	var titles []string
	for _, l := range lenses {
		titles = append(titles, l.Command.Title)
	}
	if want := []string{"验证 GOROOT", "GOROOT /usr/local/go · go1.26.8 · 1 个问题：goroot-env-mismatch"}; !slices.Equal(titles, want) {
		t.Errorf("lens titles %q, want %q", titles, want)
	}
	m := c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": CommandUndo})
	if m.Error == nil || m.Error.Message != "goroot-lens 无法应用修复：没有可撤销的更改：日志中没有已应用的更改" {
		t.Errorf("undo answered %+v", m)
	}
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}

// TestFixtures replays the initialize payloads captured from VS Code's
// language client, adding a workspace folder.
func TestFixtures(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "lsp-fixtures", "*.json"))
	if len(files) == 0 {
		t.Fatal("no captured payloads in testdata/lsp-fixtures")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			var fixture struct {
				Params map[string]any `json:"params"`
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &fixture); err != nil {
				t.Fatal(err)
			}
			sc := newScenario(t)
			fp := newFakeProbers()
			fp.set(sc.ws, sc.snapshot(sc.mismatch("en")))
			c := start(t, fp)
			params := fixture.Params
			params["workspaceFolders"] = []map[string]any{{"uri": pathURI(sc.ws), "name": "ws1"}}
			var res struct {
				Capabilities map[string]any `json:"capabilities"`
				ServerInfo   map[string]any `json:"serverInfo"`
			}
			c.result(c.call(protocol.MethodInitialize, params), &res)
			wantCaps := `{
  "codeActionProvider": {"codeActionKinds": ["quickfix"]},
  "codeLensProvider": {},
  "executeCommandProvider": {"commands": ["goroot-lens.applyFix", "goroot-lens.refresh", "goroot-lens.report", "goroot-lens.undo", "goroot-lens.verify"]},
  "textDocumentSync": {"change": 1, "openClose": true, "save": {}},
  "workspace": {"workspaceFolders": {"changeNotifications": true, "supported": true}}
}`
			var w any
			json.Unmarshal([]byte(wantCaps), &w)
			if g, w := asJSON(t, res.Capabilities), asJSON(t, w); g != w {
				t.Errorf("capabilities:\ngot  %s\nwant %s", g, w)
			}
			if res.ServerInfo["name"] != "goroot-lens" {
				t.Errorf("serverInfo %v", res.ServerInfo)
			}
			c.notify(protocol.MethodInitialized, map[string]any{})
			// What the payload advertises is used: dynamic watchers with
			// relative patterns, lens refresh.
			reg, _ := c.await("watcher registration", 0, isMethod(protocol.MethodClientRegisterCapability))
			if !strings.Contains(string(reg.Params), `"baseUri"`) {
				t.Errorf("no relative patterns: %s", reg.Params)
			}
			c.diagnostics(pathURI(sc.gomod), 0)
			c.await("codeLens refresh", 0, isMethod(protocol.MethodCodeLensRefresh))
			if err := c.shutdownExit(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
