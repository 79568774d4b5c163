package server

import (
	"context"
	"encoding/json"
	"slices"

	"go.lsp.dev/protocol"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// session is what initialize told us; it never changes afterwards.
type session struct {
	lang             string
	lensRefresh      bool
	showDocument     bool
	workDoneProgress bool
	watchDynamic     bool
	relativePattern  bool
	// showMessageRequest: the client can show a message with buttons (the
	// plan of a fix, with Apply and Cancel).
	showMessageRequest bool
	// configuration: the client answers workspace/configuration, so
	// settings are pulled per folder.
	configuration bool
}

// Initialize records the client, its folders and settings, and starts the
// probes; their results wait for initialized before they are published.
func (s *Server) Initialize(_ context.Context, p *protocol.InitializeParams) (*protocol.InitializeResult, error) {
	ss := newSession(p, s.rawInit)
	s.sess.Store(&ss)
	s.mu.Lock()
	s.state = stateRunning
	s.settings = parseSettings(p.InitializationOptions)
	s.allowDownload, _ = allowDownload(p.InitializationOptions)
	for _, f := range initialFolders(p) {
		s.addFolderLocked(f)
	}
	for _, f := range s.folders {
		s.startLocked(f)
	}
	s.mu.Unlock()
	return &protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			// Full text of the files the client sends (its document
			// selector: go.mod, go.work, settings, profiles); only go.mod
			// and go.work text is judged unsaved, the others are judged
			// as saved, which is what a new process reads.
			TextDocumentSync: &protocol.TextDocumentSyncOptions{
				OpenClose: true, Change: protocol.TextDocumentSyncKindFull,
				Save: &protocol.SaveOptions{},
			},
			CodeLensProvider:       &protocol.CodeLensOptions{},
			CodeActionProvider:     &protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix}},
			ExecuteCommandProvider: &protocol.ExecuteCommandOptions{Commands: commandNames()},
			Workspace: &protocol.ServerCapabilitiesWorkspace{
				WorkspaceFolders: &protocol.ServerCapabilitiesWorkspaceFolders{Supported: true, ChangeNotifications: true},
			},
		},
		ServerInfo: &protocol.ServerInfo{Name: "goroot-lens", Version: s.cfg.Version},
	}, nil
}

// Initialized lets results be published and registers the file watchers.
func (s *Server) Initialized(context.Context, *protocol.InitializedParams) error {
	s.initOnce.Do(func() { close(s.initialized) })
	s.spawn("watch", func() { s.updateWatchers(s.workCtx) })
	s.spawn("configuration", func() { s.pullSettings(s.workCtx) })
	return nil
}

// Shutdown cancels everything; only exit may follow.
func (s *Server) Shutdown(context.Context) error {
	s.mu.Lock()
	s.state = stateShutdown
	for _, f := range s.folders {
		f.stopLocked()
	}
	for _, cancel := range s.progress {
		cancel()
	}
	s.mu.Unlock()
	s.workCancel()
	return nil
}

// exit ends the connection; Serve then returns ErrExitWithoutShutdown unless
// shutdown came first.
func (s *Server) exit() {
	s.mu.Lock()
	s.exited = true
	if s.state != stateShutdown {
		s.exitErr = ErrExitWithoutShutdown
	}
	s.mu.Unlock()
	s.workCancel()
	s.conn.Close()
}

func newSession(p *protocol.InitializeParams, raw []byte) session {
	ss := session{lang: findings.LangFromLocale(p.Locale)}
	// initializationOptions.locale (the extension's gorootLens.language)
	// overrides the editor's display language: VS Code may run in English
	// for a user who reads Chinese, or the language pack may be missing.
	if opts, ok := p.InitializationOptions.(map[string]any); ok {
		if l, ok := opts["locale"].(string); ok && l != "" {
			ss.lang = findings.LangFromLocale(l)
		}
	}
	c := p.Capabilities
	if w := c.Workspace; w != nil {
		ss.lensRefresh = w.CodeLens != nil && w.CodeLens.RefreshSupport
		ss.watchDynamic = w.DidChangeWatchedFiles != nil && w.DidChangeWatchedFiles.DynamicRegistration
		ss.configuration = w.Configuration
	}
	if w := c.Window; w != nil {
		ss.workDoneProgress = w.WorkDoneProgress
		ss.showDocument = w.ShowDocument != nil && w.ShowDocument.Support
		ss.showMessageRequest = w.ShowMessage != nil
	}
	// relativePatternSupport (LSP 3.17) is one of the fields the library
	// drops (library notes, defect 9): read it from the raw params.
	var extra struct {
		Capabilities struct {
			Workspace struct {
				DidChangeWatchedFiles struct {
					RelativePatternSupport bool `json:"relativePatternSupport"`
				} `json:"didChangeWatchedFiles"`
			} `json:"workspace"`
		} `json:"capabilities"`
	}
	if json.Unmarshal(raw, &extra) == nil {
		ss.relativePattern = extra.Capabilities.Workspace.DidChangeWatchedFiles.RelativePatternSupport
	}
	return ss
}

// initialFolders are the workspace folders, else the root.
func initialFolders(p *protocol.InitializeParams) []string {
	var uris []string
	for _, f := range p.WorkspaceFolders {
		uris = append(uris, f.URI)
	}
	if len(uris) == 0 && p.RootURI != "" {
		uris = append(uris, string(p.RootURI))
	}
	var paths []string
	for _, u := range uris {
		if path, ok := uriPath(protocol.DocumentURI(u)); ok {
			paths = append(paths, path)
		}
	}
	if len(paths) == 0 && p.RootPath != "" {
		paths = append(paths, p.RootPath)
	}
	slices.Sort(paths)
	return slices.Compact(paths)
}
