package server

import (
	"context"
	"path/filepath"
	"strconv"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// CodeLens puts "Verify GOROOT" and the status of the module on the go line
// (else line 1) of every go.mod and go.work; both commands take the module's
// folder, so a monorepo verifies the module whose file was clicked.
func (s *Server) CodeLens(ctx context.Context, p *protocol.CodeLensParams) ([]protocol.CodeLens, error) {
	path, ok := uriPath(p.TextDocument.URI)
	if !ok || !isModuleFile(path) {
		return []protocol.CodeLens{}, nil
	}
	dir := filepath.Dir(path)
	var snap *envprobe.Snapshot
	s.mu.Lock()
	if f := s.folderForLocked(path); f != nil {
		if m := f.module(dir); m != nil {
			snap = m.snap
		}
	}
	s.mu.Unlock()
	lang, arg := s.lang(), pathURI(dir)
	rng := lineRange(nil, goLine(s.docs.lines(path)))
	lenses := []protocol.CodeLens{{
		Range:   rng,
		Command: &protocol.Command{Title: findings.Text(lang, "lens.verify", nil), Command: CommandVerify, Arguments: []any{arg}},
	}}
	if snap != nil {
		lenses = append(lenses, protocol.CodeLens{
			Range:   rng,
			Command: &protocol.Command{Title: statusTitle(lang, snap), Command: CommandReport, Arguments: []any{arg}},
		})
	}
	return lenses, nil
}

// statusTitle reads "GOROOT /usr/local/go · go1.26.8 · 0 problems", or names
// the worst finding.
func statusTitle(lang string, snap *envprobe.Snapshot) string {
	fs := append([]findings.Finding(nil), snap.Findings...)
	findings.Sort(fs)
	var problems string
	switch len(fs) {
	case 0:
		problems = findings.Text(lang, "lens.problems.none", nil)
	case 1:
		problems = findings.Text(lang, "lens.problems.one", map[string]string{"code": string(fs[0].Code)})
	default:
		problems = findings.Text(lang, "lens.problems.many", map[string]string{"code": string(fs[0].Code), "count": strconv.Itoa(len(fs))})
	}
	tc := snap.Toolchain
	version, goroot := tc.Version, tc.GOROOT
	if tc.Selected != "" && tc.Selected != tc.Version {
		version += " → " + tc.Selected
	}
	if version == "" {
		version = findings.Text(lang, "report.not-found", nil)
	}
	if goroot == "" {
		goroot = findings.Text(lang, "report.not-found", nil)
	}
	return findings.Text(lang, "lens.status", map[string]string{"goroot": goroot, "version": version, "problems": problems})
}

// refreshLenses asks the client to request lenses again, when it can.
func (s *Server) refreshLenses(ctx context.Context) {
	if !s.caps().lensRefresh {
		return
	}
	if err := protocol.Call(ctx, s.conn, protocol.MethodCodeLensRefresh, nil, nil); err != nil {
		s.log.Info("codeLens/refresh", zap.Error(err))
	}
}
