package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goroot-lens/goroot-lens/internal/l10ncheck"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// cliNames are the lowercase words of the command line that are names a
// user types, not English: commands, formats, log levels, JSON fields.
var cliNames = map[string]bool{
	"check": true, "fix": true, "undo": true, "serve": true, "version": true, "stdio": true,
	"text": true, "sarif": true, "debug": true, "info": true, "warn": true, "error": true,
	"schemaVersion": true,
}

var cliASCIIPunct = regexp.MustCompile(`[\p{Han}（）：，；。][:,;()]|[:,;()][\p{Han}（）：，；。]`)

// verbatimOf is what the English error lines of r quote from other programs
// (OS errors, the JSON decoder): a Chinese user reads those as they are.
func verbatimOf(r result) []string {
	var v []string
	for _, line := range strings.Split(r.stderr, "\n") {
		if !strings.HasPrefix(line, "goroot-lens") {
			continue
		}
		if _, msg, ok := strings.Cut(line, ": "); ok {
			v = append(v, findings.Verbatim(msg)...)
		}
	}
	return v
}

// Everything the command line says to a zh-CN user is Chinese: the usage,
// the command summaries, the flag descriptions, the error lines; and the
// English user still reads English.
func TestChineseCLI(t *testing.T) {
	bin := binary(t)
	env, ws := machine(t)
	env = append(env, "GOROOT_LENS_STATE_DIR="+t.TempDir())
	zh := append(env[:len(env):len(env)], "LANG=zh_CN.UTF-8")
	en := append(env[:len(env):len(env)], "LANG=C")
	for _, c := range []struct {
		args   []string
		code   int
		enSays []string // in the English output
		zhSays []string // in the Chinese output
	}{
		{nil, exitUsage, []string{"usage: goroot-lens <command> [arguments]", "commands:", "exit status:"}, []string{"用法：goroot-lens <命令> [参数]", "退出状态："}},
		{[]string{"--help"}, exitOK, []string{"usage: goroot-lens <command> [arguments]", "judge the Go environment of a folder"}, []string{"判断一个目录的 Go 环境"}},
		{[]string{"check", "--help"}, exitOK, []string{"usage: goroot-lens check [DIR]", "output format: text, json or sarif", `(default "text")`}, []string{"用法：goroot-lens check [DIR]", "输出格式", "（默认值：\"text\"）"}},
		{[]string{"trace", "--help"}, exitOK, []string{"usage: goroot-lens trace", "-keep FILE"}, []string{"用法：goroot-lens trace", "-keep FILE"}},
		{[]string{"fix", "--help"}, exitOK, []string{"usage: goroot-lens fix", "Without CODE"}, []string{"用法：goroot-lens fix", "不指定 CODE 时"}},
		{[]string{"undo", "--help"}, exitOK, []string{"usage: goroot-lens undo", "list the journal, newest first"}, []string{"用法：goroot-lens undo"}},
		{[]string{"serve", "--help"}, exitOK, []string{"usage: goroot-lens serve", "(default on)"}, []string{"用法：goroot-lens serve", "（默认开启）"}},
		{[]string{"frobnicate"}, exitUsage, []string{`goroot-lens: unknown command "frobnicate"`}, []string{`goroot-lens: 未知命令 "frobnicate"`}},
		{[]string{"check", "--no-such-flag"}, exitUsage, []string{"goroot-lens check: flag provided but not defined: -no-such-flag"}, []string{"goroot-lens check: "}},
		{[]string{"check", ws, ws}, exitUsage, []string{"goroot-lens check: one folder at most, got 2"}, []string{"goroot-lens check: "}},
		{[]string{"check", "--format", "xml", ws}, exitUsage, []string{`unknown format "xml" (text, json or sarif)`}, []string{"goroot-lens check: "}},
		{[]string{"check", "--setting", "go.alternateTools=notjson", ws}, exitUsage, []string{"go.alternateTools wants a JSON object"}, []string{"goroot-lens check: "}},
		{[]string{"check", "--setting", "go.goroot", ws}, exitUsage, []string{"want key=value"}, []string{"goroot-lens check: "}},
		{[]string{"check", filepath.Join(ws, "nonexistent")}, exitUsage, []string{"no such file or directory"}, []string{"goroot-lens check: 工作区："}},
		{[]string{"undo", "--list"}, exitOK, []string{"The journal is empty"}, []string{"日志为空"}},
		{[]string{"undo"}, exitUsage, []string{"nothing to undo"}, []string{"goroot-lens undo: "}},
	} {
		name := strings.Join(c.args, " ")
		e := runCLI(t, bin, en, c.args...)
		z := runCLI(t, bin, zh, c.args...)
		if e.code != c.code || z.code != c.code {
			t.Errorf("%q: exit %d (LANG=C), %d (zh_CN), want %d\n%s%s", name, e.code, z.code, c.code, e.stderr, z.stderr)
		}
		enOut, zhOut := e.stdout+e.stderr, z.stdout+z.stderr
		for _, s := range c.enSays {
			if !strings.Contains(enOut, s) {
				t.Errorf("%q LANG=C: lacks %q\n%s", name, s, enOut)
			}
		}
		for _, s := range c.zhSays {
			if !strings.Contains(zhOut, s) {
				t.Errorf("%q LANG=zh_CN: lacks %q\n%s", name, s, zhOut)
			}
		}
		verbatim := verbatimOf(e)
		var left []string
		for _, w := range l10ncheck.EnglishWords(zhOut, verbatim...) {
			if !cliNames[w] {
				left = append(left, w)
			}
		}
		if len(left) > 0 {
			t.Errorf("%q LANG=zh_CN: English left %v\n%s", name, left, zhOut)
		}
		bare := zhOut
		for _, v := range verbatim {
			bare = strings.ReplaceAll(bare, v, " ")
		}
		bare = regexp.MustCompile("`[^`]*`|\"[^\"]*\"").ReplaceAllString(bare, "")
		if m := cliASCIIPunct.FindString(bare); m != "" {
			t.Errorf("%q LANG=zh_CN: ASCII punctuation next to Chinese: %q\n%s", name, m, zhOut)
		}
	}
}
