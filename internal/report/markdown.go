package report

import (
	"fmt"
	"strings"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
	"github.com/goroot-lens/goroot-lens/probes/traceprobe"
)

// SnapshotMarkdown is the environment report the editor opens.
func SnapshotMarkdown(lang string, snap *envprobe.Snapshot) string {
	t := func(key string) string { return findings.Text(lang, key, nil) }
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", findings.Text(lang, "report.title", map[string]string{"folder": snap.Workspace}))
	tc := snap.Toolchain
	fmt.Fprintf(&b, "| | |\n|---|---|\n")
	row := func(k, v string) {
		if v == "" {
			v = t("report.not-found")
		}
		fmt.Fprintf(&b, "| %s | %s |\n", t(k), mdCell(v))
	}
	row("report.go", tc.Go)
	row("report.version", tc.Version)
	row("report.goroot", joinNonEmpty(tc.GOROOT, paren(lang, tc.GOROOTSource)))
	row("report.selected", joinNonEmpty(tc.Selected, paren(lang, tc.SelectedReason)))
	if len(snap.Modules) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n", t("report.modules"))
		for _, m := range snap.Modules {
			fmt.Fprintf(&b, "- `%s`", m.File)
			if m.Go != "" {
				fmt.Fprintf(&b, ": go %s", m.Go)
			}
			if m.Toolchain != "" {
				fmt.Fprintf(&b, ", toolchain %s", m.Toolchain)
			}
			b.WriteString("\n")
		}
	}
	writeMarkdownFindings(&b, lang, snap.Findings)
	return b.String()
}

// TraceMarkdown is the report of a trace probe run (Verify GOROOT): verdict, the
// compared rows with their sources, findings.
func TraceMarkdown(lang, folder string, v *traceprobe.Verdict) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", findings.Text(lang, "report.verify-title", map[string]string{"folder": folder}))
	fmt.Fprintf(&b, "**%s**: %s\n", findings.Text(lang, "report.verdict", nil), VerdictWord(lang, v.Verdict))
	l := func(s string) string { return findings.Localize(lang, s) }
	if v.Error != "" {
		fmt.Fprintf(&b, "\n%s\n", l(v.Error))
	}
	if len(v.Rows) > 0 {
		fmt.Fprintf(&b, "\n| | | %s |\n|---|---|---|\n", findings.Text(lang, "report.source", nil))
		for _, r := range v.Rows {
			fmt.Fprintf(&b, "| %s | `%s` | %s |\n", mdCell(l(r.Name)), mdCell(l(r.Value)), mdCell(l(r.Source)))
		}
	}
	if v.BuildError != "" {
		fmt.Fprintf(&b, "\n```\n%s\n```\n", strings.TrimSpace(v.BuildError))
	}
	writeMarkdownFindings(&b, lang, v.Findings)
	return b.String()
}

// VerdictMarkdown is a verdict with its findings, for engines that give no
// trace (the server's tests).
func VerdictMarkdown(lang, folder, verdict string, fs []findings.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", findings.Text(lang, "report.verify-title", map[string]string{"folder": folder}))
	fmt.Fprintf(&b, "**%s**: %s\n", findings.Text(lang, "report.verdict", nil), VerdictWord(lang, verdict))
	writeMarkdownFindings(&b, lang, fs)
	return b.String()
}

// VerdictWord is the verdict (verified, mismatch, failed) in lang.
func VerdictWord(lang, verdict string) string {
	key := "verdict." + verdict
	if w := findings.Text(lang, key, nil); w != key {
		return w
	}
	return verdict
}

func writeMarkdownFindings(b *strings.Builder, lang string, fs []findings.Finding) {
	t := func(key string) string { return findings.Text(lang, key, nil) }
	fmt.Fprintf(b, "\n## %s\n\n", t("report.findings"))
	if len(fs) == 0 {
		fmt.Fprintf(b, "%s\n", t("report.none"))
		return
	}
	fs = append([]findings.Finding(nil), fs...)
	findings.Sort(fs)
	for _, f := range fs {
		f = findings.Localized(lang, f)
		fmt.Fprintf(b, "### %s [%s](%s)\n\n%s\n\n", t("severity."+string(f.Severity)), f.Code, f.Code.DocURL(), f.Message)
		if f.Location != nil {
			fmt.Fprintf(b, "- `%s`\n", f.Location)
		}
		for _, e := range f.Evidence {
			fmt.Fprintf(b, "- %s%s\n", label(lang, "report.evidence-label"), e)
		}
		for _, fix := range f.Fixes {
			fmt.Fprintf(b, "- %s%s", label(lang, "report.fix-label"), fix.Title)
			if fix.Command != "" {
				fmt.Fprintf(b, " %s", findings.Text(lang, "report.paren-command", map[string]string{"command": fix.Command}))
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
}

func label(lang, key string) string { return Style{Lang: lang}.label(key) }

func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// paren is a probe's English fragment, localized, in parentheses.
func paren(lang, s string) string {
	if s == "" {
		return ""
	}
	return findings.Text(lang, "report.paren", map[string]string{"text": s})
}

func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}
