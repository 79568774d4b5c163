package server

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"

	"go.lsp.dev/protocol"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

func TestParseSettings(t *testing.T) {
	tests := []struct {
		name  string
		in    any
		want  map[string]string
		found bool
	}{
		{"null keeps the previous settings", nil, map[string]string{}, false},
		{"unrelated object", map[string]any{"editor": map[string]any{}}, map[string]string{}, false},
		{"flat", map[string]any{"go.goroot": "/opt/go", "go.alternateTools": map[string]any{"go": "/opt/go/bin/go"}},
			map[string]string{"go.goroot": "/opt/go", "go.alternateTools": `{"go":"/opt/go/bin/go"}`}, true},
		{"nested under settings", map[string]any{"settings": map[string]any{"go": map[string]any{"goroot": "/opt/go", "toolsEnvVars": map[string]any{}}}},
			map[string]string{"go.goroot": "/opt/go"}, true},
		{"go section without goroot removes it", map[string]any{"go": map[string]any{"formatTool": "gofumpt"}}, map[string]string{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, found := parseSettingsChange(tc.in)
			if asJSON(t, got) != asJSON(t, tc.want) || found != tc.found {
				t.Errorf("got %v %v, want %v %v", got, found, tc.want, tc.found)
			}
		})
	}
}

func TestKeyLine(t *testing.T) {
	content := "{\n  // comment \"go.goroot\"\n  \"go.gorootX\": 1,\n  \"go.goroot\" : \"/x\",\n  \"go\": {\n    \"toolsEnvVars\": {}\n  }\n}"
	for key, want := range map[string]int{"go.goroot": 4, "go.toolsEnvVars": 6, "go.alternateTools": 0} {
		if got := envprobe.KeyLine(content, key); got != want {
			t.Errorf("keyLine(%s) = %d, want %d", key, got, want)
		}
	}
}

func TestLineEdit(t *testing.T) {
	dir := t.TempDir()
	withNL, noNL := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.WriteFile(withNL, []byte("one\ntwo\n"), 0o644)
	os.WriteFile(noNL, []byte("one\ntwo"), 0o644)
	r := func(l1, c1, l2, c2 uint32) protocol.Range {
		return protocol.Range{Start: protocol.Position{Line: l1, Character: c1}, End: protocol.Position{Line: l2, Character: c2}}
	}
	tests := []struct {
		name    string
		file    string
		line    int
		newText string
		want    protocol.TextEdit
	}{
		{"replace a line", withNL, 2, "TWO", protocol.TextEdit{Range: r(1, 0, 2, 0), NewText: "TWO\n"}},
		{"delete a line", withNL, 1, "", protocol.TextEdit{Range: r(0, 0, 1, 0), NewText: ""}},
		{"replace the last line without newline", noNL, 2, "TWO", protocol.TextEdit{Range: r(1, 0, 1, 3), NewText: "TWO"}},
		{"delete the last line without newline", noNL, 2, "", protocol.TextEdit{Range: r(0, 3, 1, 3), NewText: ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			edit, ok := lineEdit(findings.Fix{Kind: findings.FixEditFile, Location: &findings.Location{File: tc.file, Line: tc.line}, NewText: tc.newText}, fileLines)
			if !ok {
				t.Fatal("no edit")
			}
			if g, w := asJSON(t, edit.Changes[pathURI(tc.file)]), asJSON(t, []protocol.TextEdit{tc.want}); g != w {
				t.Errorf("got %s, want %s", g, w)
			}
		})
	}
	if _, ok := lineEdit(findings.Fix{Kind: findings.FixSetUserVar, Var: "GOROOT"}, fileLines); ok {
		t.Error("a user-variable fix became an edit")
	}
}

func TestURIs(t *testing.T) {
	if _, ok := uriPath("untitled:Untitled-1"); ok {
		t.Error("untitled: URI taken as a file")
	}
	dir := t.TempDir()
	if p, ok := uriPath(pathURI(filepath.Join(dir, "a b", "go.mod"))); !ok || p != filepath.Join(dir, "a b", "go.mod") {
		t.Errorf("round trip: %q %v", p, ok)
	}
	if !within(dir, filepath.Join(dir, "x", "go.mod")) || within(filepath.Join(dir, "x"), filepath.Join(dir, "xy")) {
		t.Error("within")
	}
}
