package server

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"

	"github.com/goroot-lens/goroot-lens/internal/report"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// The commands of workspace/executeCommand.
const (
	CommandVerify   = "goroot-lens.verify"
	CommandReport   = "goroot-lens.report"
	CommandRefresh  = "goroot-lens.refresh"
	CommandApplyFix = "goroot-lens.applyFix"
	CommandUndo     = "goroot-lens.undo"
)

type commandFunc func(s *Server, ctx context.Context, p *protocol.ExecuteCommandParams) (any, error)

var commands = map[string]commandFunc{
	CommandVerify:   (*Server).verify,
	CommandReport:   (*Server).report,
	CommandRefresh:  (*Server).refresh,
	CommandApplyFix: (*Server).applyFix,
	CommandUndo:     (*Server).undo,
}

func commandNames() []string { return sortedKeys(commands) }

// ExecuteCommand runs a command of the table; unknown ones are an error.
func (s *Server) ExecuteCommand(ctx context.Context, p *protocol.ExecuteCommandParams) (any, error) {
	run, ok := commands[p.Command]
	if !ok {
		return nil, jsonrpc2.NewError(jsonrpc2.MethodNotFound,
			findings.Text(s.lang(), "lsp.unknown-command", map[string]string{"command": p.Command}))
	}
	return run(s, ctx, p)
}

// verify runs the trace probe with progress, shows the one-word verdict and
// the Markdown report, and returns the verdict object.
func (s *Server) verify(ctx context.Context, p *protocol.ExecuteCommandParams) (any, error) {
	path, err := s.commandFolder(p)
	if err != nil {
		return nil, err
	}
	lang := s.lang()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	prog := s.beginProgress(ctx, p.WorkDoneToken, findings.Text(lang, "lsp.verify-progress", nil), cancel)
	s.mu.Lock()
	req := s.requestLocked(path)
	s.mu.Unlock()
	req.resolveSettingsFile()
	v, err := s.sharedVerify(ctx, req, prog.report)
	if err != nil {
		prog.end(ctx, "")
		var coded *jsonrpc2.Error
		switch {
		case ctx.Err() != nil:
			return nil, protocol.ErrRequestCancelled
		case errors.As(err, &coded):
			return nil, err
		}
		return nil, jsonrpc2.NewError(codeRequestFailed,
			findings.Text(lang, "lsp.verify-failed", map[string]string{"error": err.Error()}))
	}
	msg := findings.Text(lang, "lsp.verify-result", map[string]string{"verdict": report.VerdictWord(lang, v.Verdict)})
	prog.end(ctx, msg)
	// The report first: showDocument is a request the client answers once
	// the report is open, so it never takes the focus after the user has
	// moved on from the verdict toast.
	s.showMarkdown(ctx, "verify", path, verificationMarkdown(lang, path, v))
	if err := s.client.ShowMessage(ctx, &protocol.ShowMessageParams{Type: verdictType(v.Verdict), Message: msg}); err != nil {
		s.log.Info("showMessage", zap.Error(err))
	}
	if v.Result != nil {
		return v.Result, nil
	}
	return v, nil
}

// report returns the folder's environment report as Markdown and opens it.
func (s *Server) report(ctx context.Context, p *protocol.ExecuteCommandParams) (any, error) {
	path, err := s.commandFolder(p)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	snap := s.snapshotLocked(path)
	req := s.requestLocked(path)
	s.mu.Unlock()
	req.resolveSettingsFile()
	if snap == nil {
		snap, err = s.probers.Probe(ctx, req)
		if ctx.Err() != nil {
			return nil, protocol.ErrRequestCancelled
		}
		if snap == nil { // with a snapshot, err says only that it is partial
			if err == nil {
				err = errors.New("no result")
			}
			return nil, jsonrpc2.NewError(codeRequestFailed, findings.Text(req.Lang, "lsp.probe-failed",
				map[string]string{"folder": path, "error": err.Error()}))
		}
	}
	md := report.SnapshotMarkdown(req.Lang, snap)
	s.showMarkdown(ctx, "report", path, md)
	return md, nil
}

// refresh probes the given folder, or all, again now.
func (s *Server) refresh(_ context.Context, p *protocol.ExecuteCommandParams) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fs := s.allFoldersLocked()
	if len(p.Arguments) > 0 {
		path, err := s.commandFolderLocked(p)
		if err != nil {
			return nil, err
		}
		f := s.folderForLocked(path) // a module dir refreshes its folder
		if f == nil {
			f = s.addFolderLocked(path)
		}
		fs = []*folder{f}
	}
	for _, f := range fs {
		s.startLocked(f)
	}
	return nil, nil
}

// snapshotLocked is the newest snapshot of a module dir, or of a folder
// (its first module's), nil when there is none; s.mu must be held.
func (s *Server) snapshotLocked(path string) *envprobe.Snapshot {
	f := s.folderForLocked(path)
	if f == nil {
		return nil
	}
	if m := f.module(path); m != nil {
		return m.snap
	}
	if pathKey(f.path) == pathKey(path) {
		for _, m := range f.mods {
			if m.snap != nil {
				return m.snap
			}
		}
	}
	return nil
}

// commandFolder is the folder a command is about: its first argument (a
// folder URI, or an object with "folder"); without arguments, the only
// workspace folder.
func (s *Server) commandFolder(p *protocol.ExecuteCommandParams) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.commandFolderLocked(p)
}

func (s *Server) commandFolderLocked(p *protocol.ExecuteCommandParams) (string, error) {
	var arg string
	if len(p.Arguments) > 0 {
		switch a := p.Arguments[0].(type) {
		case string:
			arg = a
		case map[string]any:
			arg, _ = a["folder"].(string)
		}
	}
	if path, ok := uriPath(protocol.DocumentURI(arg)); ok {
		return path, nil
	}
	if len(p.Arguments) == 0 && len(s.folders) == 1 {
		return s.allFoldersLocked()[0].path, nil
	}
	return "", jsonrpc2.NewError(jsonrpc2.InvalidParams,
		findings.Text(s.lang(), "lsp.no-folder", map[string]string{"command": p.Command}))
}

// showMarkdown writes a report and asks the client to open it, when it can.
func (s *Server) showMarkdown(ctx context.Context, kind, folder, md string) {
	if !s.caps().showDocument {
		return
	}
	dir, err := s.ensureReportDir()
	if err != nil {
		s.log.Warn("report folder", zap.Error(err))
		return
	}
	h := fnv.New32a()
	h.Write([]byte(folder))
	file := filepath.Join(dir, fmt.Sprintf("%s-%s-%08x.md", kind, filepath.Base(folder), h.Sum32()))
	if err := os.WriteFile(file, []byte(md), 0o644); err != nil {
		s.log.Warn("writing report", zap.Error(err))
		return
	}
	var res protocol.ShowDocumentResult
	params := &protocol.ShowDocumentParams{URI: protocol.URI(pathURI(file)), TakeFocus: true}
	if err := protocol.Call(ctx, s.conn, protocol.MethodShowDocument, params, &res); err != nil {
		s.log.Info("showDocument", zap.Error(err))
	}
}

func (s *Server) ensureReportDir() (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.reportDir != "" {
		return s.reportDir, os.MkdirAll(s.reportDir, 0o755)
	}
	dir, err := os.MkdirTemp("", "goroot-lens-")
	if err != nil {
		return "", err
	}
	s.reportDir, s.tempDir = dir, true
	return dir, nil
}

func verdictType(verdict string) protocol.MessageType {
	switch verdict {
	case VerdictVerified:
		return protocol.MessageTypeInfo
	case VerdictMismatch:
		return protocol.MessageTypeWarning
	}
	return protocol.MessageTypeError
}

// verificationMarkdown is the report of goroot-lens.verify.
func verificationMarkdown(lang, folder string, v *Verification) string {
	if v.Markdown != "" {
		return v.Markdown
	}
	return report.VerdictMarkdown(lang, folder, v.Verdict, v.Findings)
}
