package server

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"

	"go.lsp.dev/protocol"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// CodeAction offers, for each goroot-lens diagnostic in the context, the
// fixes its finding suggests: a WorkspaceEdit when the fix only edits a
// line the editor can open, else the goroot-lens.applyFix command.
func (s *Server) CodeAction(ctx context.Context, p *protocol.CodeActionParams) ([]protocol.CodeAction, error) {
	actions := []protocol.CodeAction{}
	if !wantsQuickFix(p.Context.Only) {
		return actions, nil
	}
	for _, d := range p.Context.Diagnostics {
		if d.Source != Source {
			continue
		}
		data, ok := s.diagnosticData(p.TextDocument.URI, d)
		if !ok {
			continue
		}
		for _, fix := range data.Fixes {
			actions = append(actions, s.fixAction(fix, d, data))
		}
	}
	return actions, nil
}

func wantsQuickFix(only []protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, k := range only {
		if k == protocol.QuickFix || strings.HasPrefix(string(protocol.QuickFix), string(k)+".") {
			return true
		}
	}
	return false
}

// diagnosticData is the data the client sent back, or, for clients that
// drop it, the data of the diagnostic published with the same range and code.
func (s *Server) diagnosticData(u protocol.DocumentURI, d protocol.Diagnostic) (DiagnosticData, bool) {
	var data DiagnosticData
	if d.Data != nil {
		if b, err := json.Marshal(d.Data); err == nil && json.Unmarshal(b, &data) == nil && data.Code != "" {
			return data, true
		}
	}
	code, _ := d.Code.(string)
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	for _, pd := range s.published[u].diags {
		if pd.Code == code && pd.Range == d.Range {
			return pd.Data.(DiagnosticData), true
		}
	}
	return data, false
}

func (s *Server) fixAction(fix findings.Fix, d protocol.Diagnostic, data DiagnosticData) protocol.CodeAction {
	title := fix.Title
	if title == "" {
		title = fix.ID
	}
	a := protocol.CodeAction{
		Title:       title,
		Kind:        protocol.QuickFix,
		Diagnostics: []protocol.Diagnostic{d},
		IsPreferred: fix.Preferred,
	}
	if edit, ok := lineEdit(fix, s.docs.lines); ok {
		a.Edit = edit
		return a
	}
	a.Command = &protocol.Command{
		Title:     title,
		Command:   CommandApplyFix,
		Arguments: []any{ApplyFixArgs{Folder: data.Folder, Code: data.Code, Fix: fix}},
	}
	return a
}

// ApplyFixArgs is the argument of goroot-lens.applyFix.
type ApplyFixArgs struct {
	Folder protocol.DocumentURI `json:"folder"`
	Code   findings.Code        `json:"code"`
	Fix    findings.Fix         `json:"fix"`
}

// lineEdit replaces the fix's line with NewText (deletes it when NewText is
// empty); the line is found by number or, in a settings file, by key.
func lineEdit(fix findings.Fix, readLines func(path string) []string) (*protocol.WorkspaceEdit, bool) {
	loc := fix.Location
	// A fix with a store is the fix engine's (journaled, undoable); the
	// editor applies only edits of the files it shows (go.mod, settings).
	if fix.Kind != findings.FixEditFile || fix.Store != "" || loc == nil || loc.File == "" {
		return nil, false
	}
	lines := readLines(loc.File)
	line := loc.Line
	if line == 0 && loc.Key != "" {
		line = envprobe.KeyLine(strings.Join(lines, "\n"), loc.Key)
	}
	if line < 1 {
		return nil, false
	}
	rng := protocol.Range{
		Start: protocol.Position{Line: uint32(line - 1)},
		End:   protocol.Position{Line: uint32(line)},
	}
	text := fix.NewText
	if text != "" {
		text += "\n"
	}
	if len(lines) > 0 && line >= len(lines) { // the last line, without a newline after it
		rng.End = lineRange(lines, line).End
		text = strings.TrimSuffix(text, "\n")
		if text == "" && line > 1 {
			rng.Start = lineRange(lines, line-1).End
		}
	}
	return &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{
		pathURI(loc.File): {{Range: rng, NewText: text}},
	}}, true
}
