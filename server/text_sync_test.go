package server

import (
	"testing"

	"go.lsp.dev/protocol"
)

// Unsaved go.mod text is what the probes judge and where the lens sits;
// closing the document makes the file on disk count again. Opening a file
// whose text equals the disk's starts no probe.
func TestUnsavedGoModIsJudged(t *testing.T) {
	sc := newScenario(t)
	fp := newFakeProbers()
	fp.set(sc.ws, sc.snapshot())
	c := start(t, fp)
	c.initialize("en", nil, sc.ws)
	awaitChan(t, "the first probe", fp.reqs)
	uri := pathURI(sc.gomod)
	text := "module example.com/ws\n\n// typed, not saved\n\n\ngo 1.30\n"
	c.notify(protocol.MethodTextDocumentDidOpen, map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "go.mod", "version": 1, "text": text}})
	for {
		req := awaitChan(t, "a probe with the unsaved go.mod", fp.reqs)
		if string(req.Overlay[sc.gomod]) == text {
			break
		}
	}
	var lenses []protocol.CodeLens
	c.result(c.call(protocol.MethodTextDocumentCodeLens, codeLensParams(sc.gomod)), &lenses)
	if len(lenses) == 0 || lenses[0].Range.Start.Line != 5 {
		t.Errorf("lenses %+v: want them on line 6, the unsaved go line", lenses)
	}
	c.notify(protocol.MethodTextDocumentDidClose, map[string]any{"textDocument": map[string]any{"uri": uri}})
	for {
		req := awaitChan(t, "a probe after close", fp.reqs)
		if req.Overlay == nil {
			break
		}
	}
	if err := c.shutdownExit(); err != nil {
		t.Fatal(err)
	}
}
