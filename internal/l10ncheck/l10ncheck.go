// Package l10ncheck finds English left in a Chinese rendering. Tests of the
// probes and renderers call it on what a zh-CN user would read, so that an
// English sentence added without its translation fails a test.
package l10ncheck

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// allowed are the lowercase words that are names, not English: programs,
// shells, go commands and go.mod keywords. Words in capitals (GOROOT, PATH,
// VERSION, WSL) and anything with a path, dot, dash, =, $ or % in it (paths,
// versions, codes, flags, assignments) are never English prose.
var allowed = map[string]bool{
	"go": true, "env": true, "gopls": true, "goimports": true, "bash": true, "zsh": true, "fish": true,
	"shim": true, "setx": true, "cmd": true, "printf": true, "export": true, "unset": true, "sudo": true,
	"install": true, "build": true, "tool": true, "trace": true, "compile": true, "link": true, "stat": true,
	"toolchain": true, "module": true, "json": true, "asdf": true, "mise": true, "goenv": true, "gvm": true, "shell": true, "local": true, "auto": true, "bin": true,
	"Windows": true, "Linux": true, "Unix": true, "Path": true, "Environment": true, "Mach": true, "Rosetta": true,
	"Arm": true, "Code": true, "Reload": true, "Window": true, "Properties": true,
}

var (
	quoted = regexp.MustCompile("`[^`]*`|\"[^\"]*\"|'[^']*'")
	word   = regexp.MustCompile(`[A-Za-z]{3,}`)
)

// EnglishWords returns the English words of text, sorted, after dropping
// the verbatim parts (another program's output, commands) and quoted text.
func EnglishWords(text string, verbatim ...string) []string {
	sort.Slice(verbatim, func(i, j int) bool { return len(verbatim[i]) > len(verbatim[j]) })
	for _, v := range verbatim {
		if strings.TrimSpace(v) != "" {
			text = strings.ReplaceAll(text, v, " ")
		}
	}
	text = quoted.ReplaceAllString(text, " ")
	var out []string
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r > unicode.MaxASCII }) {
		tok = strings.Trim(tok, "()[]{},;:!?|<>")
		if strings.ContainsAny(tok, `/\.-=$%@#_+*&`) {
			continue
		}
		for _, w := range word.FindAllString(tok, -1) {
			if !allowed[w] && strings.ToUpper(w) != w {
				out = append(out, w)
			}
		}
	}
	sort.Strings(out)
	return out
}
