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

// CodeLens puts "Verify GOROOT" and the status of the folder on the go line
// (else line 1) of every go.mod and go.work.
func (s *Server) CodeLens(ctx context.Context, p *protocol.CodeLensParams) ([]protocol.CodeLens, error) {
	path, ok := uriPath(p.TextDocument.URI)
	if base := filepath.Base(path); !ok || (base != "go.mod" && base != "go.work") {
		return []protocol.CodeLens{}, nil
	}
	s.mu.Lock()
	folderURI, snap := pathURI(filepath.Dir(path)), (*envprobe.Snapshot)(nil)
	if f := s.folderForLocked(path); f != nil {
		folderURI, snap = f.uri, f.snap
	}
	s.mu.Unlock()
	lang := s.lang()
	rng := lineRange(nil, goLine(fileLines(path)))
	lenses := []protocol.CodeLens{{
		Range:   rng,
		Command: &protocol.Command{Title: findings.Text(lang, "lens.verify", nil), Command: CommandVerify, Arguments: []any{folderURI}},
	}}
	if snap != nil {
		lenses = append(lenses, protocol.CodeLens{
			Range:   rng,
			Command: &protocol.Command{Title: statusTitle(lang, snap), Command: CommandReport, Arguments: []any{folderURI}},
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
