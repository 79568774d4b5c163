package envprobe_test

import (
	"strings"
	"testing"

	"github.com/goroot-lens/goroot-lens/internal/l10ncheck"
	"github.com/goroot-lens/goroot-lens/internal/report"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// assertChinese renders snap as a zh-CN user reads it (the text report and
// the editor's markdown) and fails on English outside paths, commands, codes
// and what the go command itself said. Every scenario goes through it.
func assertChinese(t *testing.T, snap *envprobe.Snapshot) {
	t.Helper()
	var b strings.Builder
	if err := report.Text(&b, snap, report.Style{Lang: findings.LangChinese}); err != nil {
		t.Fatal(err)
	}
	b.WriteString(report.SnapshotMarkdown(findings.LangChinese, snap))
	if words := l10ncheck.EnglishWords(b.String(), verbatim(snap)...); len(words) > 0 {
		t.Errorf("English in the zh-CN report: %q\n%s", words, b.String())
	}
}

// verbatim are the parts of snap that stay as another program wrote them.
func verbatim(snap *envprobe.Snapshot) []string {
	out := findings.Verbatim(snap.Toolchain.GOROOTSource)
	out = append(out, findings.Verbatim(snap.Toolchain.SelectedReason)...)
	for _, f := range snap.Findings {
		for _, k := range []string{"reason", "error", "args"} {
			if v := f.Args[k]; v != "" {
				out = append(out, v, findings.Localize(findings.LangChinese, v))
			}
		}
		for _, e := range f.Evidence {
			out = append(out, findings.Verbatim(e)...)
		}
		for _, fx := range f.Fixes {
			out = append(out, fx.Command)
		}
	}
	return out
}
