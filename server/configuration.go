package server

import (
	"context"
	"maps"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"
)

// pullSettings asks a client that supports workspace/configuration for the
// "go" section of every folder (a folder may override the user's
// go.goroot), and re-probes the folders whose settings changed. It runs in
// its own goroutine: a request to the client cannot wait inside the
// notification handler that read its answer would have to run after.
func (s *Server) pullSettings(ctx context.Context) {
	if !s.caps().configuration {
		return
	}
	s.mu.Lock()
	fs := s.allFoldersLocked()
	s.mu.Unlock()
	for _, f := range fs {
		var result []any
		params := &protocol.ConfigurationParams{Items: []protocol.ConfigurationItem{
			{ScopeURI: uri.URI(f.uri), Section: "go"},
			{ScopeURI: uri.URI(f.uri), Section: "gorootLens"},
		}}
		if err := protocol.Call(ctx, s.conn, protocol.MethodWorkspaceConfiguration, params, &result); err != nil {
			s.log.Info("workspace/configuration", zap.Error(err))
			return
		}
		if len(result) > 1 {
			if allow, ok := allowDownload(result[1]); ok {
				s.mu.Lock()
				s.allowDownload = allow
				s.mu.Unlock()
			}
		}
		if len(result) == 0 || result[0] == nil {
			continue // the client has nothing for this scope: keep the pushed settings
		}
		settings, _ := parseSettingsChange(map[string]any{"go": result[0]})
		s.mu.Lock()
		if s.folders[pathKey(f.path)] == f && (f.settings == nil || !maps.Equal(f.settings, settings)) {
			changed := !maps.Equal(s.settingsForLocked(f), settings)
			f.settings = settings
			if changed {
				s.startLocked(f)
			}
		}
		s.mu.Unlock()
	}
}

// settingsForLocked are the folder's pulled settings, else the pushed ones.
func (s *Server) settingsForLocked(f *folder) map[string]string {
	if f != nil && f.settings != nil {
		return f.settings
	}
	return s.settings
}
