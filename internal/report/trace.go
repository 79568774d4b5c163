package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/traceprobe"
)

// Trace writes the "Verify GOROOT" verdict: one word, the table of values
// with their sources, the tools the build ran, then the findings.
func Trace(w io.Writer, v *traceprobe.Verdict, st Style) error {
	b := &strings.Builder{}
	color := blue
	switch v.Verdict {
	case traceprobe.Mismatch, traceprobe.Failed:
		color = red
	}
	fmt.Fprintf(b, "%s\n", st.tf("lsp.verify-result", map[string]string{"verdict": st.paint(bold+color, VerdictWord(st.Lang, v.Verdict))}))
	if v.Error != "" {
		fmt.Fprintf(b, "  %s\n", st.l(v.Error))
	}
	b.WriteString("\n")
	width := 0
	for _, r := range v.Rows {
		width = max(width, textWidth(st.l(r.Name)))
	}
	for _, r := range v.Rows {
		source := st.tf("report.paren", map[string]string{"text": r.Source})
		fmt.Fprintf(b, "  %s  %s  %s\n", padRight(st.l(r.Name), width), orDash(st.l(r.Value)), st.paint(dim, source))
	}
	if len(v.BuildTools) > 0 {
		b.WriteString("\n")
		for _, t := range v.BuildTools {
			root := st.tf("report.paren", map[string]string{"text": "GOROOT " + t.GOROOT})
			fmt.Fprintf(b, "  %s %-8s %s  %s\n", st.t("trace.ran"), t.Name, t.Path, st.paint(dim, root))
		}
	}
	if v.BuildError != "" {
		fmt.Fprintf(b, "\n  %s\n", st.t("trace.build-failed"))
		lines := distinctLines(v.BuildError)
		for i, l := range lines {
			if i == maxBuildLines {
				fmt.Fprintf(b, "    %s\n", st.paint(dim, st.tf("trace.more", map[string]string{"count": strconv.Itoa(len(lines) - i)})))
				break
			}
			fmt.Fprintf(b, "    %s\n", l)
		}
	}
	if v.TraceFile != "" {
		fmt.Fprintf(b, "\n  %s\n", st.tf("trace.kept", map[string]string{"file": v.TraceFile}))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	if len(v.Findings) == 0 || st.TableOnly {
		return nil
	}
	io.WriteString(w, "\n")
	return Text(w, &envprobe.Snapshot{Findings: v.Findings}, Style{Color: st.Color, Lang: st.Lang, FindingsOnly: true})
}

const maxBuildLines = 8

// distinctLines drops the "# package" headers and repeats of the same error,
// which a GOROOT mismatch prints once per standard package.
func distinctLines(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if strings.HasPrefix(l, "# ") || seen[l] {
			continue
		}
		seen[l] = true
		out = append(out, l)
	}
	return out
}
