package server

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
)

// watcher is an LSP 3.17 FileSystemWatcher: protocol v0.12.0 knows only
// string glob patterns, not RelativePattern.
type watcher struct {
	GlobPattern any `json:"globPattern"` // string | relativePattern
}

type relativePattern struct {
	BaseURI protocol.DocumentURI `json:"baseUri"`
	Pattern string               `json:"pattern"`
}

// homeProfiles are the shell startup files that may set Go variables even
// when they set none today.
var homeProfiles = []string{
	".profile", ".bash_profile", ".bash_login", ".bashrc",
	".zshenv", ".zprofile", ".zshrc", filepath.Join(".config", "fish", "config.fish"),
}

// updateWatchers registers workspace/didChangeWatchedFiles for go.mod,
// go.work, go.env, the GOENV file and the profiles, when the client supports
// dynamic registration, and registers again when that set changed.
func (s *Server) updateWatchers(ctx context.Context) {
	ss := s.caps()
	if !ss.watchDynamic {
		return
	}
	s.watchMu.Lock()
	defer s.watchMu.Unlock()
	s.mu.Lock()
	files := s.watchedFilesLocked()
	s.seq++
	id := fmt.Sprintf("goroot-lens/watch/%d", s.seq)
	s.mu.Unlock()

	watchers := []watcher{{GlobPattern: "**/go.mod"}, {GlobPattern: "**/go.work"}}
	for _, f := range files {
		if ss.relativePattern {
			watchers = append(watchers, watcher{relativePattern{pathURI(filepath.Dir(f)), filepath.Base(f)}})
		} else {
			watchers = append(watchers, watcher{filepath.ToSlash(f)})
		}
	}
	set, _ := json.Marshal(watchers)
	if string(set) == s.watchSet {
		return
	}
	const method = protocol.MethodWorkspaceDidChangeWatchedFiles
	err := s.client.RegisterCapability(ctx, &protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID: id, Method: method, RegisterOptions: map[string]any{"watchers": watchers},
	}}})
	if err != nil {
		s.log.Info("registering file watchers", zap.Error(err))
		return
	}
	if s.watchID != "" {
		err := s.client.UnregisterCapability(ctx, &protocol.UnregistrationParams{Unregisterations: []protocol.Unregistration{{
			ID: s.watchID, Method: method,
		}}})
		if err != nil {
			s.log.Info("unregistering file watchers", zap.Error(err))
		}
	}
	s.watchID, s.watchSet = id, string(set)
}

// watchedFilesLocked are the files outside the "**/go.mod" patterns whose
// change can change a verdict; s.mu must be held.
func (s *Server) watchedFilesLocked() []string {
	var files []string
	if runtime.GOOS != "windows" {
		if home := s.getenv("HOME"); home != "" {
			for _, p := range homeProfiles {
				files = append(files, filepath.Join(home, p))
			}
		}
	}
	for _, f := range s.allFoldersLocked() {
		for _, m := range f.mods {
			if m.snap != nil {
				files = append(files, snapshotFiles(m.snap)...)
			}
		}
	}
	var out []string
	for _, file := range files {
		if filepath.IsAbs(file) && (!isModuleFile(file) || s.folderForLocked(file) == nil) {
			out = append(out, filepath.Clean(file))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// snapshotFiles are the files a snapshot read its values from.
func snapshotFiles(snap *envprobe.Snapshot) []string {
	var files []string
	for _, v := range snap.Variables {
		if v.File != "" && (v.SourceKind == envprobe.SourceShellProfile || v.SourceKind == envprobe.SourceGoenvFile) {
			files = append(files, v.File)
		}
	}
	if g := snap.GoEnv["GOENV"]; g != "" && g != "off" {
		files = append(files, g)
	}
	if snap.Toolchain.GOROOT != "" {
		files = append(files, filepath.Join(snap.Toolchain.GOROOT, "go.env"))
	}
	for _, m := range snap.Modules {
		files = append(files, m.File)
	}
	return files
}

func isModuleFile(path string) bool {
	base := filepath.Base(path)
	return base == "go.mod" || base == "go.work"
}

// getenv reads the environment the probes judge.
func (s *Server) getenv(key string) string {
	if s.cfg.Env == nil {
		return os.Getenv(key)
	}
	for _, kv := range s.cfg.Env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v
		}
	}
	return ""
}
