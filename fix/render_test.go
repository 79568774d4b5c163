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

// The undo preview says what comes back, for every kind of change, in both
// languages: a deleted line is put back (never "delete the line"), a
// replaced one shows new → old, a value goroot-lens created is deleted.
func TestDescribeUndoEveryChange(t *testing.T) {
	p := Plan{Code: findings.GorootEnvMismatch, Title: "t", Changes: []Change{
		{Store: findings.StoreUserRegistry, Op: OpDeleteValue, Target: registryStore, Name: "GOROOT", Old: Value{Present: true, Text: `C:\old`, Type: "REG_SZ"}},
		{Store: findings.StoreUserRegistry, Op: OpSetValue, Target: registryStore, Name: "GOPATH", New: Value{Present: true, Text: `C:\gp`, Type: "REG_SZ"}},
		{Store: findings.StoreProfile, Op: OpEditFile, Target: "/h/.profile", Name: "GOROOT", Line: 2, Old: Value{Present: true, Text: "export GOROOT=/old"}, New: Value{Present: true}},
		{Store: findings.StoreProfile, Op: OpEditFile, Target: "/h/.profile", Name: "GOPATH", Line: 3, Old: Value{Present: true, Text: "GOPATH=/x"}, New: Value{Present: true, Text: "export GOPATH=/x"}},
		{Store: findings.StoreProfileBlock, Op: OpEditFile, Target: "/h/.bash_profile", Name: "PATH", New: Value{Present: true, Text: "export PATH='/g/bin':\"$PATH\""}},
		{Store: findings.StoreProfileBlock, Op: OpEditFile, Target: "/h/.zprofile", Name: "PATH", Old: Value{Present: true, Text: "export A=1"}, New: Value{Present: true, Text: "export A=1\nexport B=2"}},
		{Store: findings.StoreGoenv, Op: OpGoEnv, Target: "/h/.config/go/env", Name: "GOROOT", Old: Value{Present: true}, GoEnvArgs: []string{"env", "-u", "GOROOT"}},
		{Store: findings.StoreToolBinary, Op: OpGoInstall, Target: "/h/go/bin/gopls", Name: "gopls", Old: Value{Present: true}, GoEnvArgs: []string{"install", "golang.org/x/tools/gopls@v0.20.0"}},
	}}
	placeholder := regexp.MustCompile(`\{[a-z]+\}`)
	want := map[string][]string{
		findings.LangEnglish: {`set HKCU\Environment\GOROOT: (unset) → "C:\\old" (REG_SZ)`, `delete HKCU\Environment\GOPATH (was "C:\\gp" (REG_SZ))`,
			"/h/.profile:2: put back the line export GOROOT=/old", "/h/.profile:3: export GOPATH=/x → GOPATH=/x",
			"/h/.bash_profile: removed again", "/h/.zprofile: managed block becomes:", "/h/.config/go/env: back to what it held before go env -u GOROOT",
			"/h/go/bin/gopls: the old program kept in the journal is put back"},
		findings.LangChinese: {"/h/.profile:2：恢复这一行 export GOROOT=/old", "/h/.config/go/env：恢复为 go env -u GOROOT 之前的内容"},
	}
	for lang, wants := range want {
		lines := DescribeUndo(p, lang)
		text := strings.Join(lines, "\n")
		if m := placeholder.FindString(text); m != "" {
			t.Errorf("%s: unfilled %s in\n%s", lang, m, text)
		}
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("%s: lacks %q:\n%s", lang, w, text)
			}
		}
		if strings.Contains(text, "delete the line") || strings.Contains(text, "export B=2") {
			t.Errorf("%s: the undo preview shows what the fix did:\n%s", lang, text)
		}
		if !strings.Contains(lines[0], "gopls") {
			t.Errorf("%s: first line %q, want the newest change first", lang, lines[0])
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
