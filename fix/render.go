package fix

import (
	"fmt"
	"github.com/goroot-lens/goroot-lens/fix/internal/profilestore"
	"strings"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// Describe renders a plan as lines a person reads before saying yes: one
// line per change with the old and the new value and type, then the notes.
// The CLI and the editor show the same lines.
func Describe(p Plan, lang string) []string {
	t := func(key string, args map[string]string) string { return findings.Text(lang, key, args) }
	lines := []string{t("plan.heading", map[string]string{"code": string(p.Code), "title": p.Title})}
	for _, c := range p.Changes {
		args := map[string]string{"target": c.Target, "name": c.Name, "line": fmt.Sprint(c.Line),
			"old": showValue(lang, c.Old), "new": showValue(lang, c.New), "args": strings.Join(c.GoEnvArgs, " ")}
		switch {
		case c.Op == OpDeleteValue:
			lines = append(lines, "  "+t("plan.change.delete", args))
		case c.Op == OpSetValue:
			lines = append(lines, "  "+t("plan.change.set", args))
		case c.Op == OpGoEnv || c.Op == OpGoInstall:
			lines = append(lines, "  "+t("plan.change.goenv", args))
		case c.Store == findings.StoreProfileBlock:
			lines = append(lines, "  "+t("plan.change.block", args))
			lines = append(lines, "    "+blockMarkers[0])
			for _, l := range strings.Split(c.New.Text, "\n") {
				lines = append(lines, "    "+l)
			}
			lines = append(lines, "    "+blockMarkers[1])
		case c.New.Text == "":
			args["old"] = c.Old.Text
			lines = append(lines, "  "+t("plan.change.delete-line", args))
		default:
			args["old"], args["new"] = c.Old.Text, c.New.Text
			lines = append(lines, "  "+t("plan.change.replace-line", args))
		}
	}
	if p.Refused != "" {
		lines = append(lines, "  "+p.Refused)
	}
	if p.Manual != "" {
		lines = append(lines, "  "+t("plan.manual", map[string]string{"command": p.Manual}))
	}
	for _, n := range p.Notes {
		lines = append(lines, "  "+n)
	}
	return lines
}

// blockMarkers are shown around a block's lines in the preview.
var blockMarkers = [2]string{profilestore.BeginMarker, profilestore.EndMarker}

// showValue is a registry value with its type, or "(unset)".
func showValue(lang string, v Value) string {
	if !v.Present {
		return findings.Text(lang, "plan.unset-value", nil)
	}
	if v.Type != "" {
		return fmt.Sprintf("%q (%s)", v.Text, v.Type)
	}
	return v.Text
}
