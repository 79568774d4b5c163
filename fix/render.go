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
			lines = append(lines, blockLines(c.New.Text)...)
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

// DescribeUndo renders what undoing p writes back, one line per change in
// the order Undo writes them (newest first): each target as it was before
// p. Describe's lines under an "Undo" heading would read as if the undo
// did what the fix did.
func DescribeUndo(p Plan, lang string) []string {
	t := func(key string, args map[string]string) string { return findings.Text(lang, key, args) }
	var lines []string
	for i := len(p.Changes) - 1; i >= 0; i-- {
		c := p.Changes[i]
		// Reversed: what is there now (New) goes, what was there (Old) comes back.
		args := map[string]string{"target": c.Target, "name": c.Name, "line": fmt.Sprint(c.Line),
			"old": showValue(lang, c.New), "new": showValue(lang, c.Old), "args": strings.Join(c.GoEnvArgs, " ")}
		switch {
		case c.Store == findings.StoreUserRegistry && !c.Old.Present:
			lines = append(lines, "  "+t("plan.change.delete", args))
		case c.Store == findings.StoreUserRegistry:
			lines = append(lines, "  "+t("plan.change.set", args))
		case c.Op == OpGoEnv:
			lines = append(lines, "  "+t("undo.change.goenv", args))
		case c.Op == OpGoInstall:
			lines = append(lines, "  "+t("undo.change.tool", args))
		case !c.Old.Present:
			lines = append(lines, "  "+t("undo.change.remove-file", args))
		case c.Store == findings.StoreProfileBlock && c.Old.Text == "":
			lines = append(lines, "  "+t("undo.change.block-removed", args))
		case c.Store == findings.StoreProfileBlock:
			lines = append(lines, "  "+t("plan.change.block", args))
			lines = append(lines, blockLines(c.Old.Text)...)
		case c.New.Text == "":
			args["old"] = c.Old.Text
			lines = append(lines, "  "+t("undo.change.restore-line", args))
		default:
			args["old"], args["new"] = c.New.Text, c.Old.Text
			lines = append(lines, "  "+t("plan.change.replace-line", args))
		}
	}
	return lines
}

// blockLines shows a managed block's text between its markers.
func blockLines(text string) []string {
	lines := []string{"    " + blockMarkers[0]}
	for _, l := range strings.Split(text, "\n") {
		lines = append(lines, "    "+l)
	}
	return append(lines, "    "+blockMarkers[1])
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
