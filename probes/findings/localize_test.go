package findings

import (
	"regexp"
	"sort"
	"strings"
	"testing"
)

func holes(s string) []string {
	var out []string
	for _, h := range holeRE().FindAllString(s, -1) {
		out = append(out, h)
	}
	sort.Strings(out)
	return slicesCompact(out)
}

func slicesCompact(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// Every message, phrase and fragment has the same holes in both languages,
// and renders without a leftover {name} when every argument is given.
func TestEveryTemplateFills(t *testing.T) {
	check := func(kind, key string, tpl template, render func(lang string, args map[string]string) string) {
		en, zh := holes(tpl.en), holes(tpl.zh)
		if strings.Join(en, " ") != strings.Join(zh, " ") {
			t.Errorf("%s %s: English holes %v, Chinese holes %v", kind, key, en, zh)
		}
		args := map[string]string{}
		for _, h := range append(en, zh...) {
			args[h[1:len(h)-1]] = "/p/" + h[1:len(h)-1]
		}
		for _, lang := range []string{LangEnglish, LangChinese} {
			if out := render(lang, args); holeRE().MatchString(out) {
				t.Errorf("%s %s (%s): placeholder left: %s", kind, key, lang, out)
			}
		}
	}
	for key, tpl := range catalogue {
		code, variant, _ := strings.Cut(key, "/")
		check("message", key, tpl, func(lang string, args map[string]string) string {
			args["variant"] = variant
			return Message(lang, Code(code), args)
		})
		// Without arguments (or a variant) a message still renders.
		if out := Message(LangChinese, Code(code), nil); out == "" {
			t.Errorf("message %s renders empty without arguments", key)
		}
	}
	for key, tpl := range phrases {
		check("phrase", key, tpl, func(lang string, args map[string]string) string { return Text(lang, key, args) })
	}
	for _, tpl := range fragments {
		check("fragment", tpl.en, tpl, func(lang string, args map[string]string) string {
			if lang == LangEnglish {
				return fill(tpl.en, args)
			}
			return fillChinese(tpl.zh, args)
		})
	}
}

var asciiPunctNextToChinese = regexp.MustCompile(`[\p{Han}（）：，；。][:,;()]|[:,;()][\p{Han}（）：，；。]`)

// Chinese text uses full-width punctuation: no ASCII colon, comma,
// semicolon or parenthesis next to a Chinese character.
func TestChinesePunctuation(t *testing.T) {
	var all []template
	for _, m := range []map[string]template{catalogue, phrases} {
		for _, tpl := range m {
			all = append(all, tpl)
		}
	}
	for _, tpl := range append(all, fragments...) {
		// Quoted output of other programs keeps its own punctuation.
		zh := regexp.MustCompile("`[^`]*`|\"[^\"]*\"").ReplaceAllString(tpl.zh, "")
		if m := asciiPunctNextToChinese.FindString(zh); m != "" {
			t.Errorf("%q: ASCII punctuation next to Chinese: %q", tpl.zh, m)
		}
	}
}

// A pattern made only of holes would match anything.
func TestFragmentsHaveText(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range compiledFragments() {
		if p.literal == 0 {
			t.Errorf("%s: no literal text", p.en)
		}
		compileFragment(p.en) // compiled on first use in a report: must compile
	}
	for _, f := range fragments {
		if seen[f.en] {
			t.Errorf("fragment %q twice", f.en)
		}
		seen[f.en] = true
		if !strings.ContainsFunc(f.zh, isChinese) {
			t.Errorf("fragment %q: no Chinese", f.en)
		}
	}
}

func TestLocalize(t *testing.T) {
	for in, want := range map[string]string{
		"process environment (as set by shell profile /h/.profile:3)": "进程环境变量（由 shell 配置文件 /h/.profile:3 设置）",
		"missing: the folder does not exist":                          "缺少：目录不存在",
		"no VERSION, no src/runtime, no pkg/tool":                     "没有 VERSION，没有 src/runtime，没有 pkg/tool",
		"/usr/local/go/bin/go":                                        "/usr/local/go/bin/go",
		"go env says: warning: a; b":                                  "go env 的输出：warning: a; b",
		"Remove GOROOT from the user environment":                     "从用户环境变量中删除 GOROOT",
	} {
		if got := Localize(LangChinese, in); got != want {
			t.Errorf("Localize(%q) = %q, want %q", in, got, want)
		}
		if got := Localize(LangEnglish, in); got != in {
			t.Errorf("English Localize(%q) = %q", in, got)
		}
	}
	if got := Verbatim("go env says: warning: a; b"); len(got) != 1 || got[0] != "warning: a; b" {
		t.Errorf("Verbatim = %q", got)
	}
	args := map[string]string{"goroot": "/x", "source": "process environment", "problem": "the folder does not exist"}
	if got := Message(LangChinese, GorootInvalid, args); got != "GOROOT /x（来自进程环境变量）不是 Go 安装目录：目录不存在。" {
		t.Errorf("message: %s", got)
	}
}
