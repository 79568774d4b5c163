package traceprobe

import (
	"strings"
	"testing"

	"github.com/goroot-lens/goroot-lens/internal/l10ncheck"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// assertChinese localizes what the verdict shows a zh-CN user (rows, error,
// findings) and fails on English left outside paths, commands and what the
// go command itself said. Every run of these tests goes through it.
func assertChinese(t *testing.T, v *Verdict) {
	t.Helper()
	zh := func(s string) string { return findings.Localize(findings.LangChinese, s) }
	var b strings.Builder
	var verbatim []string
	add := func(s string) {
		b.WriteString(zh(s) + "\n")
		verbatim = append(verbatim, findings.Verbatim(s)...)
	}
	for _, r := range v.Rows {
		add(r.Name)
		add(r.Value)
		add(r.Source)
	}
	add(v.Error)
	verbatim = append(verbatim, strings.Split(v.BuildError, "\n")...)
	for _, f := range v.Findings {
		f = findings.Localized(findings.LangChinese, f)
		b.WriteString(f.Message + "\n" + strings.Join(f.Evidence, "\n") + "\n")
		for _, fx := range f.Fixes {
			b.WriteString(fx.Title + "\n")
			verbatim = append(verbatim, fx.Command)
		}
		for _, k := range []string{"reason", "error", "args"} {
			verbatim = append(verbatim, f.Args[k])
		}
	}
	if words := l10ncheck.EnglishWords(b.String(), verbatim...); len(words) > 0 {
		t.Errorf("English in the zh-CN verdict: %q\n%s", words, b.String())
	}
}
