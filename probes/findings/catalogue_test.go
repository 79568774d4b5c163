package findings

import (
	"os"
	"strings"
	"testing"
)

// Every code has a message in both languages, a doc section and a title.
func TestCatalogueComplete(t *testing.T) {
	doc, err := os.ReadFile("../../docs/codes.md")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range All() {
		tpl, ok := catalogue[string(c)]
		if !ok {
			// Codes with variants only need each variant.
			for k, v := range catalogue {
				if strings.HasPrefix(k, string(c)+"/") {
					tpl, ok = v, true
				}
			}
		}
		if !ok || tpl.en == "" || tpl.zh == "" {
			t.Errorf("%s: no message in both languages", c)
		}
		if c.Title() == "" {
			t.Errorf("%s: no title", c)
		}
		if !strings.Contains(string(doc), "\n## "+string(c)+"\n") {
			t.Errorf("%s: no section in docs/codes.md", c)
		}
		if !strings.Contains(string(readme), "`"+string(c)+"`") {
			t.Errorf("%s: not in the README's list of finding codes", c)
		}
	}
	for k, v := range catalogue {
		if v.en == "" || v.zh == "" {
			t.Errorf("message %s lacks a language", k)
		}
	}
	for k, v := range phrases {
		if v.en == "" || v.zh == "" {
			t.Errorf("phrase %s lacks a language", k)
		}
	}
}

func TestMessageFillsArgs(t *testing.T) {
	args := map[string]string{"goroot": "/x", "source": "env", "rootVersion": "go1.22.12", "goVersion": "go1.26.8"}
	en := Message(LangEnglish, GorootEnvMismatch, args)
	zh := Message(LangChinese, GorootEnvMismatch, args)
	for _, m := range []string{en, zh} {
		if strings.Contains(m, "{") || !strings.Contains(m, `compile: version "go1.22.12" does not match go tool version "go1.26.8"`) {
			t.Errorf("message not filled: %s", m)
		}
	}
	if en == zh {
		t.Error("Chinese message equals English")
	}
}

func TestLangFromLocale(t *testing.T) {
	for in, want := range map[string]string{
		"zh": LangChinese, "zh-CN": LangChinese, "zh-Hans": LangChinese, "zh_CN.UTF-8": LangChinese, "ZH-cn": LangChinese,
		"en": LangEnglish, "en-US": LangEnglish, "": LangEnglish, "C.UTF-8": LangEnglish, "zu": LangEnglish,
	} {
		if got := LangFromLocale(in); got != want {
			t.Errorf("LangFromLocale(%q) = %q, want %q", in, got, want)
		}
	}
}
