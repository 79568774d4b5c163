package profilestore

import (
	"math/rand/v2"
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/shellprofile"
)

// A generated profile: what a user might have written, in any of the
// formats the store must preserve, with the expected DeleteLine verdict of
// every line.

type genLine struct {
	text, ending string
	deletableFor string // the one name DeleteLine must accept for this line, "" for none
}

type genProfile struct {
	sh    shellprofile.Shell
	bom   bool
	lines []genLine
}

func (p genProfile) bytes() []byte {
	var b strings.Builder
	if p.bom {
		b.WriteString(byteOrderMark)
	}
	for _, l := range p.lines {
		b.WriteString(l.text + l.ending)
	}
	return []byte(b.String())
}

// lineOffsets is where line n (1-based) starts and ends, ending included.
func (p genProfile) lineOffsets(n int) (start, next int) {
	if p.bom {
		start = len(byteOrderMark)
	}
	for _, l := range p.lines[:n-1] {
		start += len(l.text + l.ending)
	}
	return start, start + len(p.lines[n-1].text+p.lines[n-1].ending)
}

var goVars = []string{"GOROOT", "GOPATH", "GOTOOLCHAIN", "GOFLAGS"}

func genShell(r *rand.Rand) shellprofile.Shell {
	return []shellprofile.Shell{bash, zsh, sh, fish}[r.IntN(4)]
}

func randomProfile(r *rand.Rand) genProfile {
	p := genProfile{sh: genShell(r), bom: r.IntN(5) == 0}
	style := r.IntN(10) // 0-5 LF, 6-8 CRLF, 9 mixed
	for range r.IntN(14) {
		l := genStatement(r, p.sh)
		switch {
		case style <= 5:
			l.ending = "\n"
		case style <= 8:
			l.ending = "\r\n"
		default:
			l.ending = []string{"\n", "\r\n"}[r.IntN(2)]
		}
		p.lines = append(p.lines, l)
	}
	if p.bom && len(p.lines) > 0 && strings.HasPrefix(p.lines[0].text, "#") {
		// Glued to a byte order mark, '#' starts no comment, in the shell
		// as in the reader: the rest of the line would be code.
		p.lines[0].text = " " + p.lines[0].text
	}
	if n := len(p.lines); n > 0 && r.IntN(2) == 0 {
		p.lines[n-1].ending = "" // no final newline
	}
	return p
}

func genStatement(r *rand.Rand, shell shellprofile.Shell) genLine {
	indent := []string{"", "", "  ", "\t"}[r.IntN(4)]
	comment := ""
	if r.IntN(4) == 0 {
		comment = []string{" ", "  ", "\t", ";  "}[r.IntN(4)] + "# " + randomText(r, false)
		if shell == fish && comment[0] == ';' {
			comment = comment[1:] // a fish ';' would end the statement and is refused
		}
	}
	name := goVars[r.IntN(len(goVars))]
	if shell == fish {
		return genFish(r, indent, comment, name)
	}
	word := func(dir bool) string { return posixWord(r, randomText(r, dir)) }
	switch r.IntN(12) {
	case 0:
		return genLine{text: indent + "# " + randomText(r, false)}
	case 1:
		return genLine{text: indent}
	case 2:
		return genLine{text: indent + "export " + name + "=" + word(false) + comment, deletableFor: name}
	case 3:
		return genLine{text: indent + name + "=" + word(false) + comment, deletableFor: name}
	case 4:
		if shell == sh {
			return genLine{text: indent + "export " + name + comment, deletableFor: name}
		}
		return genLine{text: indent + []string{"declare", "typeset"}[r.IntN(2)] + " -x " + name + "=" + word(false) + comment, deletableFor: name}
	case 5:
		return genLine{text: indent + "export PATH=" + word(true) + ":$PATH" + comment, deletableFor: "PATH"}
	case 6:
		return genLine{text: indent + `PATH="$PATH":` + word(true) + comment, deletableFor: "PATH"}
	case 7:
		return genLine{text: indent + "export " + name + "=" + word(false) + " PATH=" + word(true) + comment}
	case 8:
		return genLine{text: indent + "cd " + word(true) + "; export " + name + "=" + word(false) + comment}
	case 9:
		return genLine{text: indent + "[ -d " + word(true) + " ] && export " + name + "=" + word(true) + comment}
	case 10:
		return genLine{text: indent + "alias g='go'" + comment}
	}
	return genLine{text: indent + "unset " + name + comment, deletableFor: name}
}

func genFish(r *rand.Rand, indent, comment, name string) genLine {
	word := func(dir bool) string { return fishWord(r, randomText(r, dir)) }
	flags := []string{"-gx", "-x", "-Ux", "-g", "--global --export"}[r.IntN(5)]
	switch r.IntN(10) {
	case 0:
		return genLine{text: indent + "# " + randomText(r, false)}
	case 1:
		return genLine{text: indent}
	case 2, 3:
		return genLine{text: indent + "set " + flags + " " + name + " " + word(false) + comment, deletableFor: name}
	case 4:
		return genLine{text: indent + "set -gx PATH " + word(true) + " $PATH" + comment, deletableFor: "PATH"}
	case 5:
		return genLine{text: indent + "set -U fish_user_paths " + word(true) + " $fish_user_paths" + comment, deletableFor: "PATH"}
	case 6:
		return genLine{text: indent + "fish_add_path -g " + word(true) + comment}
	case 7:
		return genLine{text: indent + "set -gx " + name + " " + word(false) + "; set -gx PATH " + word(true) + " $PATH" + comment}
	case 8:
		return genLine{text: indent + "set -q " + name + comment}
	}
	return genLine{text: indent + "set -e " + name + comment, deletableFor: name}
}

// randomText mixes what values hold in real life and what breaks naive
// quoting: quotes, spaces, $, backslashes, #, and multi-byte characters.
// Directories start with '/' and never hold ':'.
func randomText(r *rand.Rand, dir bool) string {
	pieces := []string{"a", "go", "1.22", "/", "/", " ", "'", `"`, "$", "$HOME", `\`, "`", "#", "*", "é", "中", "😀", "-", ".", "{x}", "!", "~", "="}
	if !dir {
		pieces = append(pieces, ":")
	}
	var b strings.Builder
	if dir {
		b.WriteByte('/')
	}
	for range r.IntN(8) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	s := strings.TrimRight(b.String(), `\`) // a comment ending in \ reads differently in fish
	if s == "" {
		s = "x"
	}
	return s
}

// posixWord writes s as one sh word in one of the quoting styles users use.
func posixWord(r *rand.Rand, s string) string {
	switch r.IntN(3) {
	case 0:
		return posixQuote(s)
	case 1:
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "$", `\$`, "`", "\\`").Replace(s) + `"`
	}
	return backslashEscape(s)
}

// fishWord is posixWord for fish.
func fishWord(r *rand.Rand, s string) string {
	switch r.IntN(3) {
	case 0:
		return fishQuote(s)
	case 1:
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "$", `\$`).Replace(s) + `"`
	}
	return backslashEscape(s)
}

// backslashEscape escapes every ASCII byte that is not a letter, digit, or
// one of / . - _, which works the same in sh and in fish.
func backslashEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		plain := c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("/.-_", c)
		if !plain {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}
