package server

import (
	"context"
	"maps"
	"path/filepath"
	"strings"
	"sync"

	"go.lsp.dev/protocol"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
)

// documents holds the editor's text of open go.mod and go.work files: a
// toolchain line being typed is judged before it is saved. Profiles and
// settings are judged as saved, because that is what a new process reads.
// Its own lock, held only to copy a map entry: never during I/O.
type documents struct {
	mu   sync.Mutex
	text map[string][]byte // by cleaned path
}

func (d *documents) set(path string, text []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.text == nil {
		d.text = map[string][]byte{}
	}
	d.text[filepath.Clean(path)] = text
}

func (d *documents) drop(path string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.text, filepath.Clean(path))
}

// overlay is a copy for one probe run.
func (d *documents) overlay() envprobe.Overlay {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.text) == 0 {
		return nil
	}
	return envprobe.Overlay(maps.Clone(d.text))
}

// lines of a file as the editor shows it: the open text, else the disk's.
func (d *documents) lines(path string) []string {
	d.mu.Lock()
	text, ok := d.text[filepath.Clean(path)]
	d.mu.Unlock()
	if !ok {
		return fileLines(path)
	}
	return strings.Split(strings.ReplaceAll(string(text), "\r\n", "\n"), "\n")
}

// DidOpen records an opened go.mod or go.work and re-probes its folder.
func (s *Server) DidOpen(_ context.Context, p *protocol.DidOpenTextDocumentParams) error {
	s.documentChanged(p.TextDocument.URI, []byte(p.TextDocument.Text), true)
	return nil
}

// DidChange takes the new full text (the server asked for full sync).
func (s *Server) DidChange(_ context.Context, p *protocol.DidChangeTextDocumentParams) error {
	if n := len(p.ContentChanges); n > 0 {
		s.documentChanged(p.TextDocument.URI, []byte(p.ContentChanges[n-1].Text), true)
	}
	return nil
}

// DidClose forgets the text: the file on disk counts again.
func (s *Server) DidClose(_ context.Context, p *protocol.DidCloseTextDocumentParams) error {
	s.documentChanged(p.TextDocument.URI, nil, false)
	return nil
}

// DidSave needs nothing: the text was already judged, and the watchers
// report the file change.
func (s *Server) DidSave(context.Context, *protocol.DidSaveTextDocumentParams) error { return nil }

// documentChanged updates the overlay for a go.mod or go.work and
// re-probes the folder holding it when its text differs from before.
func (s *Server) documentChanged(u protocol.DocumentURI, text []byte, open bool) {
	path, ok := uriPath(u)
	if !ok || !isModuleFile(path) {
		return
	}
	before := s.docs.lines(path)
	if open {
		s.docs.set(path, text)
	} else {
		s.docs.drop(path)
	}
	if strings.Join(before, "\n") == strings.Join(s.docs.lines(path), "\n") {
		return // opening a saved file changes nothing
	}
	s.mu.Lock()
	f := s.folderForLocked(path)
	s.mu.Unlock()
	if f != nil {
		s.schedule([]*folder{f})
	}
}
