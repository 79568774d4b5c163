package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// Style says how text output looks.
type Style struct {
	Color bool
	Lang  string
	// FindingsOnly leaves out the verdict header.
	FindingsOnly bool
	// TableOnly leaves the findings out of a trace verdict (check lists
	// them with its own).
	TableOnly bool
}

const (
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	blue   = "\x1b[34m"
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	reset  = "\x1b[0m"
)

func (s Style) paint(code, text string) string {
	if !s.Color {
		return text
	}
	return code + text + reset
}

func (s Style) t(key string) string { return findings.Text(s.Lang, key, nil) }

// tf renders a phrase with arguments; l localizes a probe's English fragment.
func (s Style) tf(key string, args map[string]string) string { return findings.Text(s.Lang, key, args) }
func (s Style) l(text string) string                         { return findings.Localize(s.Lang, text) }

// label is a phrase that ends in a colon, with the space that follows an
// ASCII colon (a full-width one carries its own).
func (s Style) label(key string) string {
	l := s.t(key)
	if strings.HasSuffix(l, "：") {
		return l
	}
	return l + " "
}

// Text writes the verdict first (which go, which GOROOT and why), then the
// findings grouped by severity with evidence and fixes.
func Text(w io.Writer, snap *envprobe.Snapshot, st Style) error {
	b := &strings.Builder{}
	if !st.FindingsOnly {
		verdictHeader(b, snap, st)
	}
	return writeFindings(w, b, snap, st)
}

func verdictHeader(b *strings.Builder, snap *envprobe.Snapshot, st Style) {
	tc := snap.Toolchain
	fmt.Fprintf(b, "%s  %s\n", st.paint(bold, st.t("report.verdict")), snap.Workspace)
	row := func(label, value string) {
		fmt.Fprintf(b, "  %s %s\n", padRight(label, 9), value)
	}
	if tc.Go == "" {
		row(st.t("report.go"), st.paint(red, st.t("report.not-found")))
	} else {
		row(st.t("report.go"), tc.Go+"  ("+orDash(tc.Version)+")")
	}
	row(st.t("report.goroot"), orDash(tc.GOROOT))
	row(st.t("report.why"), st.l(tc.GOROOTSource))
	if tc.Selected != "" {
		sel := tc.Selected
		if tc.SelectedGOROOT != "" {
			sel += "  (GOROOT " + tc.SelectedGOROOT + ")"
		}
		row(st.t("report.selected"), sel)
		row("", st.paint(dim, st.l(tc.SelectedReason)))
	}
	if len(snap.Candidates) > 1 {
		for _, c := range snap.Candidates[1:] {
			row("", st.paint(dim, st.tf("report.also-on-path", map[string]string{"go": c.Path, "version": orDash(c.Version)})))
		}
	}
	b.WriteString("\n")
}

func writeFindings(w io.Writer, b *strings.Builder, snap *envprobe.Snapshot, st Style) error {
	if len(snap.Findings) == 0 {
		b.WriteString(st.t("report.none") + "\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	groups := []struct {
		sev   findings.Severity
		key   string
		color string
		mark  string
	}{
		{findings.Error, "report.errors", red, "✗"},
		{findings.Warning, "report.warnings", yellow, "!"},
		{findings.Info, "report.infos", blue, "i"},
	}
	counts := map[findings.Severity]int{}
	for _, g := range groups {
		var fs []findings.Finding
		for _, f := range snap.Findings {
			if f.Severity == g.sev {
				fs = append(fs, f)
			}
		}
		counts[g.sev] = len(fs)
		if len(fs) == 0 {
			continue
		}
		fmt.Fprintf(b, "%s\n", st.paint(bold+g.color, st.tf("report.group", map[string]string{"title": st.t(g.key), "count": strconv.Itoa(len(fs))})))
		for _, f := range fs {
			f = findings.Localized(st.Lang, f)
			fmt.Fprintf(b, "  %s %s  %s\n", st.paint(g.color, g.mark), st.paint(bold, string(f.Code)), f.Message)
			if f.Location != nil {
				fmt.Fprintf(b, "      %s %s\n", st.paint(dim, st.t("report.at")), f.Location)
			}
			for _, e := range f.Evidence {
				fmt.Fprintf(b, "      %s %s\n", st.paint(dim, "·"), e)
			}
			for _, fx := range f.Fixes {
				line := fx.Title
				if fx.Command != "" && !strings.Contains(line, fx.Command) {
					line = st.tf("report.fix-command", map[string]string{"title": fx.Title, "command": fx.Command})
				}
				fmt.Fprintf(b, "      %s%s\n", st.paint(dim, st.label("report.fix-label")), line)
			}
			fmt.Fprintf(b, "      %s%s\n", st.paint(dim, st.label("report.doc")), f.Code.DocURL())
		}
		b.WriteString("\n")
	}
	fmt.Fprintln(b, findings.Text(st.Lang, "report.summary", map[string]string{
		"errors": plural(st.Lang, counts[findings.Error], "error"), "warnings": plural(st.Lang, counts[findings.Warning], "warning"),
		"notes": plural(st.Lang, counts[findings.Info], "note")}))
	_, err := io.WriteString(w, b.String())
	return err
}

func plural(lang string, n int, word string) string {
	if lang == findings.LangChinese {
		return strconv.Itoa(n) // the Chinese summary puts the noun in the sentence
	}
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// padRight pads s to width terminal columns.
func padRight(s string, width int) string {
	w := textWidth(s)
	if w >= width {
		return s
	}
	return s + strings.Repeat(" ", width-w)
}

// textWidth counts terminal columns; CJK characters take two.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		w++
		if isWide(r) {
			w++
		}
	}
	return w
}

func isWide(r rune) bool {
	return (r >= 0x1100 && r <= 0x115F) || (r >= 0x2E80 && r <= 0xA4CF) || (r >= 0xAC00 && r <= 0xD7A3) ||
		(r >= 0xF900 && r <= 0xFAFF) || (r >= 0xFE30 && r <= 0xFE4F) || (r >= 0xFF00 && r <= 0xFF60) || (r >= 0xFFE0 && r <= 0xFFE6)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
