package server

import (
	"bytes"
	"context"
	"encoding/json"
	"sort"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// Source is the source of every diagnostic.
const Source = "goroot-lens"

// DiagnosticData is a diagnostic's data: what the quick fix needs.
type DiagnosticData struct {
	Code   findings.Code        `json:"code"`
	Folder protocol.DocumentURI `json:"folder"`
	Fixes  []findings.Fix       `json:"fixes"`
}

// published is what a URI last got, to publish only changes.
type published struct {
	body  []byte
	diags []protocol.Diagnostic
}

// publish sends the diagnostics of every URI whose set changed: an empty
// set clears stale ones, and every go.mod/go.work gets a first publish even
// when it is clean.
func (s *Server) publish(ctx context.Context) {
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	s.mu.Lock()
	next, known := s.diagnosticsLocked()
	s.mu.Unlock()
	uris := map[protocol.DocumentURI]bool{}
	for u := range next {
		uris[u] = true
	}
	for u := range s.published {
		uris[u] = true
	}
	for u := range known {
		uris[u] = true
	}
	for _, u := range sortedKeys(uris) {
		diags := next[u]
		if diags == nil {
			diags = []protocol.Diagnostic{}
		}
		body, _ := json.Marshal(diags)
		if old, ok := s.published[u]; ok && bytes.Equal(old.body, body) {
			continue
		}
		if len(diags) == 0 && !known[u] {
			delete(s.published, u)
		} else {
			s.published[u] = published{body: body, diags: diags}
		}
		err := s.client.PublishDiagnostics(ctx, &protocol.PublishDiagnosticsParams{URI: u, Diagnostics: diags})
		if err != nil {
			s.log.Info("publishDiagnostics", zap.String("uri", string(u)), zap.Error(err))
		}
	}
}

// diagnosticsLocked is the merged set over all modules of all folders, and
// the module files they know; s.mu must be held. Findings every module
// shares (a profile line, a settings key) are kept once.
func (s *Server) diagnosticsLocked() (map[protocol.DocumentURI][]protocol.Diagnostic, map[protocol.DocumentURI]bool) {
	out := map[protocol.DocumentURI][]protocol.Diagnostic{}
	known := map[protocol.DocumentURI]bool{}
	seen := map[string]bool{}
	for _, f := range s.allFoldersLocked() {
		for _, m := range f.mods {
			for _, file := range m.files {
				known[pathURI(file)] = true
			}
			if m.snap == nil {
				continue
			}
			for _, mf := range m.snap.Modules {
				known[pathURI(mf.File)] = true
			}
			for _, d := range folderDiagnostics(m.snap, f.uri, s.lang(), s.docs.lines) {
				key, _ := json.Marshal([]any{d.uri, d.diag.Range, d.diag.Code, d.diag.Message})
				if !seen[string(key)] {
					seen[string(key)] = true
					out[d.uri] = append(out[d.uri], d.diag)
				}
			}
		}
	}
	for _, diags := range out {
		sort.SliceStable(diags, func(i, j int) bool {
			a, b := diags[i], diags[j]
			if a.Range.Start.Line != b.Range.Start.Line {
				return a.Range.Start.Line < b.Range.Start.Line
			}
			if a.Severity != b.Severity {
				return a.Severity < b.Severity
			}
			return a.Code.(string) < b.Code.(string)
		})
	}
	return out, known
}

type placed struct {
	uri  protocol.DocumentURI
	diag protocol.Diagnostic
}

// folderDiagnostics places every finding of a snapshot.
func folderDiagnostics(snap *envprobe.Snapshot, folderURI protocol.DocumentURI, lang string, readLines func(string) []string) []placed {
	fs := append([]findings.Finding(nil), snap.Findings...)
	for i := range fs {
		if fs[i].Args != nil {
			fs[i].Message = findings.Message(lang, fs[i].Code, fs[i].Args)
		}
	}
	lines := map[string][]string{}
	read := func(file string) []string {
		if l, ok := lines[file]; ok {
			return l
		}
		lines[file] = readLines(file)
		return lines[file]
	}
	var out []placed
	for _, f := range fs {
		for _, at := range snap.Placements(f, read) {
			out = append(out, placed{pathURI(at.File), diagnostic(f, folderURI, lineRange(read(at.File), at.Line))})
		}
	}
	return out
}

// diagnostic is one finding at one range.
func diagnostic(f findings.Finding, folderURI protocol.DocumentURI, rng protocol.Range) protocol.Diagnostic {
	fixes := f.Fixes
	if fixes == nil {
		fixes = []findings.Fix{}
	}
	return protocol.Diagnostic{
		Range:           rng,
		Severity:        severity(f.Severity),
		Code:            string(f.Code),
		CodeDescription: &protocol.CodeDescription{Href: protocol.URI(f.Code.DocURL())},
		Source:          Source,
		Message:         f.Message,
		Data:            DiagnosticData{Code: f.Code, Folder: folderURI, Fixes: fixes},
	}
}

func severity(s findings.Severity) protocol.DiagnosticSeverity {
	switch s {
	case findings.Error:
		return protocol.DiagnosticSeverityError
	case findings.Warning:
		return protocol.DiagnosticSeverityWarning
	}
	return protocol.DiagnosticSeverityInformation
}
