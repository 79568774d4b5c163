package server

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"go.lsp.dev/protocol"
)

// folder is one workspace folder and the latest results for its modules.
type folder struct {
	path   string
	uri    protocol.DocumentURI
	gen    int                // generation of the newest run
	cancel context.CancelFunc // of the newest run
	timer  *time.Timer        // pending debounced run
	mods   []*module          // newest result, sorted by dir; nil before the first
	// settings are the folder's editor settings pulled with
	// workspace/configuration; nil: the pushed ones (Server.settings).
	settings map[string]string
}

// stopLocked cancels the folder's run and pending timer; s.mu must be held.
func (f *folder) stopLocked() {
	if f.cancel != nil {
		f.cancel()
	}
	if f.timer != nil {
		f.timer.Stop()
	}
}

func (s *Server) addFolderLocked(path string) *folder {
	key := pathKey(path)
	if f := s.folders[key]; f != nil {
		return f
	}
	f := &folder{path: path, uri: pathURI(path)}
	s.folders[key] = f
	return f
}

// startLocked starts a probe run of f, cancelling the run it replaces; s.mu
// must be held.
func (s *Server) startLocked(f *folder) {
	if f.timer != nil {
		f.timer.Stop()
		f.timer = nil
	}
	if f.cancel != nil {
		f.cancel()
	}
	if s.state != stateRunning || s.closing {
		return
	}
	timeout := s.cfg.RunTimeout
	if timeout <= 0 {
		timeout = DefaultRunTimeout
	}
	ctx, cancel := context.WithTimeout(s.workCtx, timeout)
	f.gen++
	f.cancel = cancel
	gen, req := f.gen, s.requestLocked(f.path)
	s.spawnLocked("probe", func() {
		defer cancel()
		req.resolveSettingsFile()
		s.run(ctx, f, gen, req)
	})
}

// schedule re-probes the folders after the debounce, cancelling the run the
// change made stale; a change inside the delay restarts it.
func (s *Server) schedule(fs []*folder) {
	delay := s.cfg.Debounce
	if delay == 0 {
		delay = DefaultDebounce
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.changeGen++ // a verify from now on does not join a run started before
	for _, f := range fs {
		if delay < 0 {
			s.startLocked(f)
			continue
		}
		if f.cancel != nil {
			f.cancel() // its result is stale already
		}
		if f.timer != nil {
			f.timer.Stop()
		}
		f.timer = time.AfterFunc(delay, func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			if s.folders[pathKey(f.path)] == f {
				s.startLocked(f)
			}
		})
	}
}

// run probes the modules of one folder, then publishes unless a newer run
// replaced it.
//
// With a go env cache, the first pass may take go env's output from it
// (provisional): it is published at once, and a second pass with a real go
// env confirms or replaces it a few tens of milliseconds later.
func (s *Server) run(ctx context.Context, f *folder, gen int, req Request) {
	req.PreferCache = req.GoEnvCache != ""
	// The first time a folder is judged, its own module is published as
	// soon as it is ready; later runs replace a whole published set at once.
	early := func(ms []*module) {
		s.mu.Lock()
		first := f.mods == nil
		s.mu.Unlock()
		if first {
			s.publishRun(ctx, f, gen, ms)
		}
	}
	mods := s.probeFolder(ctx, req, early)
	if !s.publishRun(ctx, f, gen, mods) {
		return
	}
	if provisional(mods) {
		req.PreferCache = false
		if !s.publishRun(ctx, f, gen, s.probeFolder(ctx, req, nil)) {
			return
		}
	}
	s.refreshLenses(ctx)
	s.updateWatchers(ctx)
}

// publishRun publishes the modules of one run unless a newer run replaced
// it; false means it was replaced or cancelled.
func (s *Server) publishRun(ctx context.Context, f *folder, gen int, mods []*module) bool {
	if ctx.Err() != nil {
		return false
	}
	select {
	case <-s.initialized:
	case <-ctx.Done():
		return false
	}
	s.mu.Lock()
	if ctx.Err() != nil || f.gen != gen || s.folders[pathKey(f.path)] != f {
		s.mu.Unlock()
		return false
	}
	f.mods = mods
	s.mu.Unlock()
	s.publish(ctx)
	return true
}

func provisional(mods []*module) bool {
	for _, m := range mods {
		if m.snap != nil && m.snap.Provisional {
			return true
		}
	}
	return false
}

// allFolders lists the folders sorted by path.
func (s *Server) allFoldersLocked() []*folder {
	out := make([]*folder, 0, len(s.folders))
	for _, k := range sortedKeys(s.folders) {
		out = append(out, s.folders[k])
	}
	return out
}

// folderFor is the deepest workspace folder holding path, or nil.
func (s *Server) folderForLocked(path string) *folder {
	var best *folder
	for _, f := range s.folders {
		if within(f.path, path) && (best == nil || len(f.path) > len(best.path)) {
			best = f
		}
	}
	return best
}

// DidChangeWorkspaceFolders probes added folders and drops removed ones.
func (s *Server) DidChangeWorkspaceFolders(ctx context.Context, p *protocol.DidChangeWorkspaceFoldersParams) error {
	s.mu.Lock()
	for _, wf := range p.Event.Removed {
		if path, ok := uriPath(protocol.DocumentURI(wf.URI)); ok {
			if f := s.folders[pathKey(path)]; f != nil {
				f.stopLocked()
				delete(s.folders, pathKey(path))
			}
		}
	}
	var added []*folder
	for _, wf := range p.Event.Added {
		if path, ok := uriPath(protocol.DocumentURI(wf.URI)); ok {
			added = append(added, s.addFolderLocked(path))
		}
	}
	for _, f := range added {
		s.startLocked(f)
	}
	s.mu.Unlock()
	if len(p.Event.Removed) > 0 {
		s.spawn("publish", func() { s.publish(s.workCtx) })
	}
	return nil
}

// DidChangeConfiguration takes new editor settings and re-probes.
func (s *Server) DidChangeConfiguration(_ context.Context, p *protocol.DidChangeConfigurationParams) error {
	if s.caps().configuration {
		// The payload may be empty (VS Code sends only what changed, or
		// nothing): ask again for every folder.
		s.spawn("configuration", func() { s.pullSettings(s.workCtx) })
		if _, ok := parseSettingsChange(p.Settings); !ok {
			return nil
		}
	}
	if allow, ok := allowDownload(p.Settings); ok {
		s.mu.Lock()
		s.allowDownload = allow
		s.mu.Unlock()
	}
	settings, ok := parseSettingsChange(p.Settings)
	if !ok {
		return nil
	}
	s.mu.Lock()
	s.settings = settings
	fs := s.allFoldersLocked()
	s.mu.Unlock()
	s.schedule(fs)
	return nil
}

// DidChangeWatchedFiles re-probes the folders a change concerns: a go.mod or
// go.work inside a folder (changed, created or deleted) concerns that folder,
// whose modules are listed again; any other watched file (go.env, the GOENV
// file, a profile) all of them.
func (s *Server) DidChangeWatchedFiles(_ context.Context, p *protocol.DidChangeWatchedFilesParams) error {
	s.mu.Lock()
	seen := map[*folder]bool{}
	var fs []*folder
	for _, ch := range p.Changes {
		if ch == nil {
			continue
		}
		path, ok := uriPath(protocol.DocumentURI(ch.URI))
		if !ok {
			continue
		}
		targets := s.allFoldersLocked()
		if base := filepath.Base(path); base == "go.mod" || base == "go.work" {
			if f := s.folderForLocked(path); f != nil {
				targets = []*folder{f}
			}
		}
		for _, f := range targets {
			if !seen[f] {
				seen[f] = true
				fs = append(fs, f)
			}
		}
	}
	s.mu.Unlock()
	s.schedule(fs)
	return nil
}

// requestLocked is the engine request for a folder or a module inside one;
// the settings file is the workspace folder's. s.mu must be held.
func (s *Server) requestLocked(path string) Request {
	f := s.folderForLocked(path)
	req := Request{Folder: path, Settings: s.settingsForLocked(f), Lang: s.lang(), Env: s.cfg.Env, AllowDownload: s.allowDownload,
		GoEnvCache: s.cfg.GoEnvCache}
	if s.probeEnv != nil {
		// After a fix: judge what a new process gets, and say what the
		// editor and its children (this process's environment) still hold.
		req.Env, req.Running = s.probeEnv, s.cfg.Env
		if req.Running == nil {
			req.Running = os.Environ()
		}
	}
	req.Overlay = s.docs.overlay()
	if len(req.Settings) > 0 {
		// Read by resolveSettingsFile, after s.mu is released: no file is
		// read under the lock every request needs.
		req.settingsRoot = path
		if f != nil {
			req.settingsRoot = f.path
		}
	}
	return req
}
