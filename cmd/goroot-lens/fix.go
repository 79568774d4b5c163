package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/goroot-lens/goroot-lens/fix"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// confirmInput is where fix and undo ask; a variable so tests can answer.
var confirmInput = func() (io.Reader, bool) {
	return os.Stdin, term.IsTerminal(int(os.Stdin.Fd()))
}

// confirmed asks on the terminal; without one nothing may be written.
func confirmed(stderr io.Writer, lang string) bool {
	in, isTerm := confirmInput()
	if !isTerm {
		fmt.Fprintln(stderr, findings.Text(lang, "plan.no-terminal", nil))
		return false
	}
	fmt.Fprint(stderr, findings.Text(lang, "plan.confirm", nil))
	answer, _ := bufio.NewReader(in).ReadString('\n')
	if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" && a != "是" {
		fmt.Fprintln(stderr, findings.Text(lang, "plan.cancelled", nil))
		return false
	}
	return true
}

func runFix(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	lang := cliLang()
	fs := newFlags("fix", lang, stderr, "goroot-lens fix [CODE|FIX-ID]... [--dir DIR] [--dry-run] [--yes] [--json] [--timeout 10s]",
		"cli.explain.fix", "cli.exit.fix")
	dir := fs.String("dir", ".", fs.usageText("cli.flag.fix-dir"))
	dryRun := fs.Bool("dry-run", false, fs.usageText("cli.flag.dry-run"))
	yes := fs.Bool("yes", false, fs.usageText("cli.flag.fix-yes"))
	asJSON := fs.Bool("json", false, fs.usageText("cli.flag.fix-json"))
	timeout := fs.Duration("timeout", envprobe.DefaultTimeout, fs.usageText("cli.flag.timeout"))
	fs.meta["dir"], fs.meta["timeout"] = "DIR", "DURATION"
	want, code, ok := fs.parse(args)
	if !ok {
		return code
	}
	o := fix.Options{Dir: *dir, Lang: lang, Timeout: *timeout}
	t := func(key string, a map[string]string) string { return findings.Text(lang, key, a) }
	plans, unknown, err := fix.Plans(ctx, o, want)
	if err != nil {
		fail(stderr, lang, "fix", "%v", err)
		return exitUsage
	}
	out := fixOutput{Plans: plans}
	for _, u := range unknown {
		fmt.Fprintln(stderr, t("plan.unknown", map[string]string{"name": u}))
	}
	var writable []fix.Plan
	for _, p := range plans {
		if p.Writable() {
			writable = append(writable, p)
		}
	}
	if !*asJSON {
		for _, p := range plans {
			fmt.Fprintln(stdout, strings.Join(fix.Describe(p, lang), "\n"))
		}
		if len(plans) == 0 {
			fmt.Fprintln(stdout, t("plan.none", nil))
		}
	}
	if len(unknown) > 0 || len(writable) == 0 || *dryRun {
		if *asJSON {
			writeJSON(stdout, out)
		}
		switch {
		case len(unknown) > 0, len(writable) == 0 && len(plans) > 0:
			return exitUsage // a name we do not know, or only refusals: nothing written
		}
		return exitOK
	}
	if !*yes && !confirmed(stderr, lang) {
		if *asJSON {
			writeJSON(stdout, out)
		}
		return exitUsage
	}
	code = exitOK
	for _, p := range writable {
		res, err := applyOnce(ctx, o, p, want, *yes)
		if res != nil {
			out.Results = append(out.Results, res)
		}
		if err != nil {
			fail(stderr, lang, "fix "+p.FixID, "%v", err)
			if res == nil || len(res.Written) == 0 {
				code = max(code, exitUsage)
			} else {
				code = max(code, exitFindings)
			}
			continue
		}
		if !*asJSON {
			printResult(stdout, lang, p, res)
		}
		if !res.Fixed {
			code = max(code, exitFindings)
		}
	}
	if *asJSON {
		writeJSON(stdout, out)
	}
	return code
}

// applyOnce applies p; when another goroot-lens changed a target since the
// plan was shown and the user said --yes, it plans that fix again once.
func applyOnce(ctx context.Context, o fix.Options, p fix.Plan, want []string, yes bool) (*fix.Result, error) {
	res, err := fix.Apply(ctx, o, p)
	if !errors.Is(err, fix.ErrStale) || !yes {
		return res, err
	}
	plans, _, perr := fix.Plans(ctx, o, []string{p.FixID})
	if perr != nil {
		return res, err
	}
	for _, q := range plans {
		if q.FixID == p.FixID && q.Code == p.Code {
			if !q.Writable() {
				return &fix.Result{Fixed: true}, nil // the other process did it
			}
			return fix.Apply(ctx, o, q)
		}
	}
	return &fix.Result{Fixed: true}, nil
}

func printResult(w io.Writer, lang string, p fix.Plan, res *fix.Result) {
	t := func(key string, a map[string]string) string { return findings.Text(lang, key, a) }
	if res.Entry != nil {
		fmt.Fprintln(w, t("result.applied", map[string]string{"id": res.Entry.ID}))
	}
	if res.Fixed {
		fmt.Fprintln(w, t("result.fixed", map[string]string{"code": string(p.Code)}))
	}
	for _, f := range res.Remaining {
		fmt.Fprintln(w, t("result.remaining", map[string]string{"code": string(f.Code), "message": f.Message}))
	}
	for _, n := range res.Notes {
		fmt.Fprintln(w, n)
	}
	if res.Restart != "" {
		fmt.Fprintln(w, res.Restart)
	}
}

type fixOutput struct {
	Plans   []fix.Plan    `json:"plans"`
	Results []*fix.Result `json:"results,omitempty"`
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func runUndo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	lang := cliLang()
	fs := newFlags("undo", lang, stderr, "goroot-lens undo [--list] [ID] [--yes] [--json] [--dir DIR]", "cli.explain.undo")
	list := fs.Bool("list", false, fs.usageText("cli.flag.list"))
	yes := fs.Bool("yes", false, fs.usageText("cli.flag.undo-yes"))
	asJSON := fs.Bool("json", false, fs.usageText("cli.flag.undo-json"))
	dir := fs.String("dir", ".", fs.usageText("cli.flag.undo-dir"))
	fs.meta["dir"] = "DIR"
	pos, code, ok := fs.parse(args)
	if !ok {
		return code
	}
	if len(pos) > 1 {
		fail(stderr, lang, "undo", "one journal id at most")
		return exitUsage
	}
	t := func(key string, a map[string]string) string { return findings.Text(lang, key, a) }
	o := fix.Options{Dir: *dir, Lang: lang}
	j, err := fix.OpenJournal(o)
	if err != nil {
		fail(stderr, lang, "undo", "%v", err)
		return exitUsage
	}
	if *list {
		entries, err := j.List()
		if err != nil {
			fail(stderr, lang, "undo", "%v", err)
			return exitUsage
		}
		if *asJSON {
			writeJSON(stdout, entries)
			return exitOK
		}
		if len(entries) == 0 {
			fmt.Fprintln(stdout, t("undo.list-empty", nil))
		}
		for _, e := range entries {
			fmt.Fprintf(stdout, "%s  %s  %s  %s  %s\n", e.ID, fix.StateText(lang, e.State), e.Time.Local().Format("2006-01-02 15:04:05"), e.Plan.Code, e.Plan.Title)
		}
		return exitOK
	}
	id := ""
	if len(pos) == 1 {
		id = pos[0]
	}
	var e *fix.Entry
	if id == "" {
		e, err = j.Latest()
	} else {
		e, err = j.Load(id)
	}
	if err != nil {
		fail(stderr, lang, "undo", "%v", err)
		return exitUsage
	}
	if !*asJSON {
		fmt.Fprintln(stdout, t("undo.heading", map[string]string{"id": e.ID, "time": e.Time.Local().Format("2006-01-02 15:04:05"), "title": e.Plan.Title}))
		for _, l := range fix.DescribeUndo(e.Plan, lang) {
			fmt.Fprintln(stdout, l)
		}
	}
	if !*yes && !confirmed(stderr, lang) {
		return exitUsage
	}
	res, err := fix.Undo(ctx, o, e.ID)
	if err != nil {
		fail(stderr, lang, "undo", "%v", err)
		return exitUsage
	}
	if *asJSON {
		writeJSON(stdout, res)
		return exitOK
	}
	fmt.Fprintln(stdout, t("result.undone", map[string]string{"id": e.ID}))
	for _, n := range res.Notes {
		fmt.Fprintln(stdout, n)
	}
	if res.Restart != "" {
		fmt.Fprintln(stdout, res.Restart)
	}
	return exitOK
}
