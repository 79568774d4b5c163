package fix

import (
	"regexp"
	"strings"
	"testing"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// Every kind of change renders in both languages with every placeholder
// filled, and the lines name what changes.
func TestDescribeEveryChange(t *testing.T) {
	p := Plan{Code: findings.GorootEnvMismatch, Title: "t", Changes: []Change{
		{Store: findings.StoreUserRegistry, Op: OpDeleteValue, Target: registryStore, Name: "GOROOT", Old: Value{Present: true, Text: `C:\old`, Type: "REG_SZ"}},
		{Store: findings.StoreUserRegistry, Op: OpSetValue, Target: registryStore, Name: "Path", Old: Value{Present: true, Text: `%X%\bin`, Type: "REG_SZ"}, New: Value{Present: true, Text: `%X%\bin`, Type: "REG_EXPAND_SZ"}},
		{Store: findings.StoreProfile, Op: OpEditFile, Target: "/h/.profile", Name: "GOROOT", Line: 2, Old: Value{Present: true, Text: "export GOROOT=/old"}, New: Value{Present: true}},
		{Store: findings.StoreProfile, Op: OpEditFile, Target: "/h/.profile", Name: "GOPATH", Line: 3, Old: Value{Present: true, Text: "GOPATH=/x"}, New: Value{Present: true, Text: "export GOPATH=/x"}},
		{Store: findings.StoreProfileBlock, Op: OpEditFile, Target: "/h/.profile", Name: "PATH", New: Value{Present: true, Text: "export PATH='/g/bin':\"$PATH\""}},
		{Store: findings.StoreGoenv, Op: OpGoEnv, Target: "/h/.config/go/env", Name: "GOROOT", GoEnvArgs: []string{"env", "-u", "GOROOT"}},
		{Store: findings.StoreToolBinary, Op: OpGoInstall, Target: "/h/go/bin/gopls", Name: "gopls", GoEnvArgs: []string{"install", "golang.org/x/tools/gopls@v0.20.0"}},
	}, Notes: []string{"n"}, Manual: "m"}
	placeholder := regexp.MustCompile(`\{[a-z]+\}`)
	for _, lang := range []string{findings.LangEnglish, findings.LangChinese} {
		text := strings.Join(Describe(p, lang), "\n")
		if m := placeholder.FindString(text); m != "" {
			t.Errorf("%s: unfilled %s in\n%s", lang, m, text)
		}
		for _, want := range []string{`HKCU\Environment\GOROOT`, `"C:\\old" (REG_SZ)`, `(REG_EXPAND_SZ)`, "/h/.profile:2", "export GOROOT=/old",
			"export GOPATH=/x", "export PATH='/g/bin'", "go env -u GOROOT", "go install golang.org/x/tools/gopls@v0.20.0", "m"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: lacks %q:\n%s", lang, want, text)
			}
		}
	}
}

// The user Path limits: refused past what Windows stores, warned past what
// cmd.exe and the System Properties editor handle; counted in UTF-16 units.
func TestPathLength(t *testing.T) {
	pl := &planner{o: Options{Lang: findings.LangEnglish}}
	for _, tc := range []struct {
		text       string
		refused    bool
		noteSubstr string
	}{
		{strings.Repeat("a", 2047), false, ""},
		{strings.Repeat("a", 2048), false, "2047"},
		{strings.Repeat("a", 8191), false, "2047"},
		{strings.Repeat("a", 8192), false, "8191"},
		{strings.Repeat("a", maxEnvValue), false, "8191"},
		{strings.Repeat("a", maxEnvValue+1), true, ""},
		{strings.Repeat("😀", maxEnvValue/2+1), true, ""}, // two UTF-16 units each
	} {
		note, err := pl.pathLength(tc.text)
		if (err != nil) != tc.refused || tc.noteSubstr != "" && !strings.Contains(note, tc.noteSubstr) || tc.noteSubstr == "" && note != "" {
			t.Errorf("length %d: note %q err %v", len(tc.text), note, err)
		}
	}
}
