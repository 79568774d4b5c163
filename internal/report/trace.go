package report

import (
	"fmt"
	"io"
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
	fmt.Fprintf(b, "Verify GOROOT: %s\n", st.paint(bold+color, v.Verdict))
	if v.Error != "" {
		fmt.Fprintf(b, "  %s\n", v.Error)
	}
	b.WriteString("\n")
	width := 0
	for _, r := range v.Rows {
		width = max(width, len(r.Name))
	}
	for _, r := range v.Rows {
		fmt.Fprintf(b, "  %-*s  %s  %s\n", width, r.Name, orDash(r.Value), st.paint(dim, "("+r.Source+")"))
	}
	if len(v.BuildTools) > 0 {
		b.WriteString("\n")
		for _, t := range v.BuildTools {
			fmt.Fprintf(b, "  ran %-8s %s  %s\n", t.Name, t.Path, st.paint(dim, "(GOROOT "+t.GOROOT+")"))
		}
	}
	if v.BuildError != "" {
		fmt.Fprintf(b, "\n  build failed:\n")
		lines := distinctLines(v.BuildError)
		for i, l := range lines {
			if i == maxBuildLines {
				fmt.Fprintf(b, "    %s\n", st.paint(dim, fmt.Sprintf("… %d more (--json has them all)", len(lines)-i)))
				break
			}
			fmt.Fprintf(b, "    %s\n", l)
		}
	}
	if v.TraceFile != "" {
		fmt.Fprintf(b, "\n  trace kept in %s (open it with: go tool trace %s)\n", v.TraceFile, v.TraceFile)
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
