package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// The command line speaks the user's language (cliLang): its usage and flag
// descriptions are phrases (probes/findings/phrases_cli.go), its error lines
// English sentences passed through findings.Localize, after the
// "goroot-lens <command>:" prefix that stays as it is.

// tr is a phrase of the command line in lang.
func tr(lang, key string, args map[string]string) string { return findings.Text(lang, key, args) }

// fail prints one error line: "goroot-lens <cmd>: <text>", the text in lang.
func fail(stderr io.Writer, lang, cmd, format string, a ...any) {
	fmt.Fprintf(stderr, "goroot-lens %s: %s\n", cmd, findings.Localize(lang, fmt.Sprintf(format, a...)))
}

// cliFlags is a flag set whose usage, flag descriptions and parse errors are
// in the user's language.
type cliFlags struct {
	*flag.FlagSet
	cmd, lang string
	stderr    io.Writer
	// syntax is the usage line after "usage: "; explain are the phrase keys
	// of the lines under it.
	syntax  string
	explain []string
	// meta names the argument of a flag in the list ("-dir DIR").
	meta map[string]string
}

func newFlags(cmd, lang string, stderr io.Writer, syntax string, explain ...string) *cliFlags {
	f := &cliFlags{FlagSet: flag.NewFlagSet(cmd, flag.ContinueOnError), cmd: cmd, lang: lang, stderr: stderr,
		syntax: syntax, explain: explain, meta: map[string]string{}}
	// The flag package would print its error and the usage in English;
	// parse prints both itself.
	f.SetOutput(io.Discard)
	f.Usage = func() {}
	return f
}

// usageText is a flag's description: the phrase key in the user's language.
func (f *cliFlags) usageText(key string) string { return tr(f.lang, key, nil) }

// usage prints the usage line, the explanation and the flags.
func (f *cliFlags) usage() {
	w := f.stderr
	fmt.Fprintln(w, tr(f.lang, "cli.usage", map[string]string{"command": f.syntax}))
	if len(f.explain) > 0 {
		fmt.Fprintln(w)
		for _, k := range f.explain {
			fmt.Fprintln(w, tr(f.lang, k, nil))
		}
	}
	fmt.Fprintln(w, "\n"+tr(f.lang, "cli.flags", nil))
	f.printDefaults(w)
}

// printDefaults is flag.PrintDefaults with the argument names of meta and
// the "(default …)" in the user's language.
func (f *cliFlags) printDefaults(w io.Writer) {
	f.VisitAll(func(fl *flag.Flag) {
		var b strings.Builder
		fmt.Fprintf(&b, "  -%s", fl.Name)
		name, usage := flag.UnquoteUsage(fl)
		if m, ok := f.meta[fl.Name]; ok {
			name = m
		}
		if name != "" {
			b.WriteString(" " + name)
		}
		if b.Len() <= 4 {
			b.WriteString("\t")
		} else {
			b.WriteString("\n    \t")
		}
		b.WriteString(strings.ReplaceAll(usage, "\n", "\n    \t"))
		switch d := fl.DefValue; {
		case d == "true" && isBool(fl):
			b.WriteString(tr(f.lang, "cli.default-on", nil))
		case d == "" || d == "false" || d == "0" || d == "0s":
		default:
			if isString(fl) {
				d = fmt.Sprintf("%q", d)
			}
			b.WriteString(tr(f.lang, "cli.default", map[string]string{"value": d}))
		}
		fmt.Fprintln(w, b.String())
	})
}

func isBool(fl *flag.Flag) bool {
	bf, ok := fl.Value.(interface{ IsBoolFlag() bool })
	return ok && bf.IsBoolFlag()
}

func isString(fl *flag.Flag) bool {
	g, ok := fl.Value.(flag.Getter)
	if !ok {
		return false
	}
	_, s := g.Get().(string)
	return s
}

// parse parses args, flags before and after the positional arguments. When
// it returns ok false, the command exits with code: 0 after --help, which
// printed the usage, 2 after a usage error, which printed the error first.
func (f *cliFlags) parse(args []string) (positional []string, code int, ok bool) {
	positional, err := parseInterleaved(f.FlagSet, args)
	if err == nil {
		return positional, exitOK, true
	}
	if errors.Is(err, flag.ErrHelp) {
		f.usage()
		return nil, exitOK, false
	}
	fail(f.stderr, f.lang, f.cmd, "%s", err)
	fmt.Fprintln(f.stderr)
	f.usage()
	return nil, exitUsage, false
}
