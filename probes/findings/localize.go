package findings

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/goroot-lens/goroot-lens/internal/lazyre"
)

// The probes describe sources, reasons and evidence in English sentences
// built from paths and values. Rather than give every probe a language, the
// renderers pass those sentences through Localize: each one is matched whole
// against the English patterns of fragments, and the values in its holes are
// localized in turn. Anything that matches no pattern (a path, a command, a
// code, the go command's own output) passes through untouched.

type fragmentPattern struct {
	en    string
	names []string
	zh    string
	// literal is the length of the pattern without its holes: longer
	// literals are tried first, so "{a}; {b}" is the last resort.
	literal int
	// prefix and suffix are the literal text before the first hole and
	// after the last: a sentence that lacks them cannot match, so the
	// regexp (compiled only when first needed) is never built for it.
	prefix, suffix string
	once           sync.Once
	re             *regexp.Regexp
}

var (
	patternsOnce sync.Once
	patterns     []*fragmentPattern
	holeRE       = lazyre.New(`\{[A-Za-z]+\}`)
)

func compiledFragments() []*fragmentPattern {
	patternsOnce.Do(func() {
		for _, t := range fragments {
			patterns = append(patterns, newFragment(t))
		}
		// Messages and fix titles the probes rendered in English (a trace
		// error quotes its finding's message) are fragments like any other.
		for _, t := range catalogue {
			patterns = append(patterns, newFragment(t))
		}
		for k, t := range phrases {
			if strings.HasPrefix(k, "fix.") || strings.HasPrefix(k, "scope.") {
				patterns = append(patterns, newFragment(t))
			}
		}
		sort.SliceStable(patterns, func(i, j int) bool { return patterns[i].literal > patterns[j].literal })
	})
	return patterns
}

// newFragment describes "built by {version}": its holes, its literal
// length, the text before the first hole and after the last.
func newFragment(t template) *fragmentPattern {
	p := &fragmentPattern{en: t.en, zh: t.zh}
	holes := holeRE().FindAllStringIndex(t.en, -1)
	last := 0
	for _, loc := range holes {
		p.literal += loc[0] - last
		p.names = append(p.names, t.en[loc[0]+1:loc[1]-1])
		last = loc[1]
	}
	p.literal += len(t.en) - last
	p.prefix = t.en
	if len(holes) > 0 {
		p.prefix, p.suffix = t.en[:holes[0][0]], t.en[last:]
	}
	return p
}

// match is the values of p's holes in s, or nil.
func (p *fragmentPattern) match(s string) []string {
	if len(s) < len(p.prefix)+len(p.suffix) || !strings.HasPrefix(s, p.prefix) || !strings.HasSuffix(s, p.suffix) {
		return nil
	}
	p.once.Do(func() { p.re = compileFragment(p.en) })
	return p.re.FindStringSubmatch(s)
}

// compileFragment turns "built by {version}" into ^built by (.+?)$.
func compileFragment(en string) *regexp.Regexp {
	var re strings.Builder
	re.WriteString("^")
	last := 0
	for _, loc := range holeRE().FindAllStringIndex(en, -1) {
		re.WriteString(regexp.QuoteMeta(en[last:loc[0]]))
		re.WriteString("(.*?)")
		last = loc[1]
	}
	re.WriteString(regexp.QuoteMeta(en[last:]))
	re.WriteString("$")
	return regexp.MustCompile(re.String())
}

// Localize renders one English fragment a probe produced in lang.
func Localize(lang, s string) string {
	if lang != LangChinese || s == "" {
		return s
	}
	return localize(s, nil)
}

// Verbatim lists the parts of s that Localize keeps in another program's
// words (the go command's output, an OS error): tests skip them when they
// look for English left in a Chinese text.
func Verbatim(s string) []string {
	var raw []string
	localize(s, &raw)
	return raw
}

// verbatimHoles are never localized: they hold what another program said,
// or a command the user types.
var verbatimHoles = map[string]bool{"output": true, "error": true, "command": true}

func localize(s string, raw *[]string) string {
	if out, ok := matchFragment(s, raw); ok {
		return out
	}
	// A sentence that ends a line carries its period; the patterns do not.
	if body, ok := strings.CutSuffix(s, "."); ok && body != "" {
		if out, ok := matchFragment(body, raw); ok {
			return out + "。"
		}
	}
	return s
}

// matchFragment renders s with the pattern that leaves the least English:
// a general pattern ("{path} does not exist") may match a sentence that a
// more particular one ("missing: {list}") renders whole.
func matchFragment(s string, raw *[]string) (string, bool) {
	best, bestScore, found := "", 0, false
	var bestRaw []string
	for _, p := range compiledFragments() {
		m := p.match(s)
		if m == nil {
			continue
		}
		var r []string
		args := make(map[string]string, len(p.names))
		for i, name := range p.names {
			if verbatimHoles[name] {
				args[name] = m[i+1]
				r = append(r, m[i+1])
				continue
			}
			args[name] = localize(m[i+1], &r)
		}
		out := fillChinese(p.zh, args)
		if score := asciiLetters(out); !found || score < bestScore {
			best, bestScore, bestRaw, found = out, score, r, true
		}
	}
	if found && raw != nil {
		*raw = append(*raw, bestRaw...)
	}
	return best, found
}

func asciiLetters(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' {
			n++
		}
	}
	return n
}

// fillChinese is fill for a Chinese template: the spaces it keeps around a
// hole for paths go where the value put Chinese on both sides ("来自 {source}"
// with 进程环境变量). The value itself is never changed.
func fillChinese(text string, args map[string]string) string {
	var b strings.Builder
	last := 0
	for _, loc := range holeRE().FindAllStringIndex(text, -1) {
		v, ok := args[text[loc[0]+1:loc[1]-1]]
		if !ok {
			continue
		}
		before := text[last:loc[0]]
		if b.Len()+len(before) > 0 && strings.HasSuffix(before, " ") && startsChinese(v) &&
			endsChinese(b.String()+strings.TrimSuffix(before, " ")) {
			before = strings.TrimSuffix(before, " ")
		}
		b.WriteString(before)
		b.WriteString(v)
		last = loc[1]
		if rest := text[last:]; strings.HasPrefix(rest, " ") && endsChinese(v) && startsChinese(rest[1:]) {
			last++
		}
	}
	b.WriteString(text[last:])
	return b.String()
}

func startsChinese(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isChinese(r)
}

func endsChinese(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return isChinese(r)
}

// isChinese: a Han character or full-width punctuation.
func isChinese(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF60)
}

// localizeArgs localizes every value of args for lang but commands, which
// must stay exactly as the user types them.
func localizeArgs(lang string, args map[string]string) map[string]string {
	if lang != LangChinese || len(args) == 0 {
		return args
	}
	out := make(map[string]string, len(args))
	for k, v := range args {
		if k != "command" && k != "args" {
			v = Localize(lang, v)
		}
		out[k] = v
	}
	return out
}

// Localized is f as a reader of lang sees it: the message rendered again
// from its arguments, every evidence line localized.
func Localized(lang string, f Finding) Finding {
	if f.Args != nil || f.Message == Message(LangEnglish, f.Code, nil) {
		f.Message = Message(lang, f.Code, f.Args)
	}
	if lang != LangChinese {
		return f
	}
	ev := make([]string, len(f.Evidence))
	for i, e := range f.Evidence {
		ev[i] = Localize(lang, e)
	}
	f.Evidence = ev
	fixes := make([]Fix, len(f.Fixes))
	for i, fx := range f.Fixes {
		fx.Title = Localize(lang, fx.Title)
		fixes[i] = fx
	}
	f.Fixes = fixes
	return f
}
