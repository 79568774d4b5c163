package server

import (
	"encoding/json"
	"sync"
	"testing"

	"go.lsp.dev/protocol"
)

// A client that answers workspace/configuration: the folder's "go" section
// is pulled after initialized and again on didChangeConfiguration (whose
// payload VS Code leaves empty), and the probes get the pulled settings.
func TestSettingsArePulledPerFolder(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot())
	c := start(t, fp)
	var mu sync.Mutex
	goroot := "/opt/pulled-1"
	var asked []protocol.ConfigurationParams
	c.mu.Lock()
	c.answer = func(m *wire) (any, *wireError) {
		if m.Method != protocol.MethodWorkspaceConfiguration {
			return nil, nil
		}
		var p protocol.ConfigurationParams
		json.Unmarshal(m.Params, &p)
		mu.Lock()
		defer mu.Unlock()
		asked = append(asked, p)
		return []any{map[string]any{"goroot": goroot, "toolsEnvVars": map[string]any{}}}, nil
	}
	c.mu.Unlock()
	c.initialize("en", map[string]any{"workspace": map[string]any{"configuration": true}}, sc.ws)
	waitSettings := func(want string) {
		t.Helper()
		for {
			req := awaitChan(t, "a probe with go.goroot="+want, fp.reqs)
			if req.Settings["go.goroot"] == want {
				return
			}
		}
	}
	waitSettings("/opt/pulled-1")
	mu.Lock()
	if len(asked) == 0 || len(asked[0].Items) != 2 || asked[0].Items[0].Section != "go" || asked[0].Items[1].Section != "gorootLens" || string(asked[0].Items[0].ScopeURI) != string(pathURI(sc.ws)) {
		t.Errorf("configuration asked %+v", asked)
	}
	goroot = "/opt/pulled-2"
	mu.Unlock()
	c.notify(protocol.MethodWorkspaceDidChangeConfiguration, map[string]any{"settings": nil})
	waitSettings("/opt/pulled-2")
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}

func TestAllowDownloadSetting(t *testing.T) {
	for _, tc := range []struct {
		in        any
		allow, ok bool
	}{
		{map[string]any{"gorootLens": map[string]any{"verify": map[string]any{"allowDownload": true}}}, true, true},
		{map[string]any{"settings": map[string]any{"gorootLens.verify.allowDownload": true}}, true, true},
		{map[string]any{"verify": map[string]any{"allowDownload": false}}, false, true}, // the pulled section itself
		{map[string]any{"go": map[string]any{"goroot": "/x"}}, false, false},
		{nil, false, false},
	} {
		if allow, ok := allowDownload(tc.in); allow != tc.allow || ok != tc.ok {
			t.Errorf("allowDownload(%v) = %v, %v; want %v, %v", tc.in, allow, ok, tc.allow, tc.ok)
		}
	}
}

// initializationOptions.locale (gorootLens.language) wins over the
// editor's display language.
func TestLocaleOverride(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot())
	c := start(t, fp)
	var wfs = []map[string]string{{"uri": string(pathURI(sc.ws)), "name": "ws"}}
	c.result(c.call(protocol.MethodInitialize, map[string]any{"locale": "en", "capabilities": map[string]any{},
		"workspaceFolders": wfs, "initializationOptions": map[string]any{"locale": "zh-cn"}}), nil)
	c.notify(protocol.MethodInitialized, map[string]any{})
	var lenses []protocol.CodeLens
	c.result(c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)), &lenses)
	if len(lenses) == 0 || lenses[0].Command.Title != "验证 GOROOT" {
		t.Errorf("lenses %+v: want the Chinese title", lenses)
	}
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}
