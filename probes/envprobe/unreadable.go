package envprobe

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/goroot-lens/goroot-lens/internal/boundedfile"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// blocksGo says whether the go command, reading path to its end with
// os.ReadFile, would never finish: a named pipe blocks, a device such as
// /dev/zero never ends (/dev/null is empty and harmless).
func blocksGo(path string) (what string, ok bool) {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().IsRegular() || fi.IsDir() {
		return "", false
	}
	if r, err := filepath.EvalSymlinks(path); err == nil && r == os.DevNull {
		return "", false
	}
	switch {
	case fi.Mode()&fs.ModeNamedPipe != 0:
		return "a named pipe", true
	case fi.Mode()&fs.ModeDevice != 0:
		return "a device", true
	}
	return "", false
}

// goEnvBlocker is the go env file (GOENV, $GOROOT/go.env) that every go
// command reads first and would never finish reading; "" when there is none.
func (p *probe) goEnvBlocker() string {
	for _, f := range []envFile{p.userFile, p.rootFile} {
		if _, ok := blocksGo(f.Path); f.Path != "" && ok {
			return f.Path
		}
	}
	return ""
}

// checkUnreadable reports the files the go command reads that cannot be read
// the ordinary way: the GOENV file, $GOROOT/go.env, and the go.work and
// go.mod that govern the folder.
func (p *probe) checkUnreadable() {
	p.judgeEnvFile("GOENV", p.userFile)
	p.judgeEnvFile("$GOROOT/go.env", p.rootFile)
	work, mod := governingWorkAndMod(p.dir, p.env, findUpAny)
	p.judgeModuleFile("go.work", work)
	p.judgeModuleFile("go.mod", mod)
}

func (p *probe) judgeEnvFile(what string, f envFile) {
	if f.Path == "" || f.Err == nil {
		return
	}
	if what != "GOENV" && !p.tree(filepath.Dir(f.Path)).Valid() {
		return // goroot-invalid says what is wrong with the tree
	}
	args := map[string]string{"what": what, "file": f.Path, "reason": reasonOf(f.Err, f.Path)}
	if kind, ok := blocksGo(f.Path); ok {
		args["variant"], args["reason"] = "blocks", kind
		p.addUnreadable(args, findings.Error, f.Err)
		return
	}
	if !errors.Is(f.Err, boundedfile.ErrTooLarge) {
		args["variant"] = "ignored" // cmd/go's readEnvFile skips a file it cannot read
	}
	p.addUnreadable(args, findings.Warning, f.Err)
}

func (p *probe) judgeModuleFile(what, path string) {
	if path == "" {
		return
	}
	data, err := boundedfile.Read(path, boundedfile.SmallFile)
	if err == nil {
		p.judgeModuleSyntax(what, path, data)
		return
	}
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	args := map[string]string{"what": what, "file": path, "reason": reasonOf(err, path)}
	if kind, ok := blocksGo(path); ok {
		args["reason"] = kind + ", which go blocks on or reads forever"
	}
	sev := findings.Warning
	if !errors.Is(err, boundedfile.ErrTooLarge) {
		args["variant"], sev = "fails", findings.Error
	}
	p.addUnreadable(args, sev, err)
}

// judgeModuleSyntax reports a go.mod or go.work the go command rejects:
// one that does not parse (a garbage go line, binary junk), or a go.work
// whose use folders hold no go.mod.
func (p *probe) judgeModuleSyntax(what, path string, data []byte) {
	var problems []string
	if what == "go.work" {
		wf, err := modfile.ParseWork(path, data, nil)
		if err != nil {
			problems = strings.Split(err.Error(), "\n")
		} else {
			for _, u := range wf.Use {
				dir := u.Path
				if !filepath.IsAbs(dir) {
					dir = filepath.Join(filepath.Dir(path), dir)
				}
				if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
					problems = append(problems, fmt.Sprintf("use %s: %s/go.mod: %s", u.Path, u.Path, reasonOf(err, "")))
				}
			}
		}
	} else if _, err := modfile.ParseLax(path, data, nil); err != nil {
		problems = strings.Split(err.Error(), "\n")
	}
	if len(problems) == 0 {
		return
	}
	for i, pr := range problems { // go.mod:3:4: …, as the go command says it
		problems[i] = strings.TrimPrefix(pr, filepath.Dir(path)+string(filepath.Separator))
	}
	f := p.add(findings.FileUnreadable, map[string]string{"variant": "invalid", "what": what, "file": path, "reason": problems[0]})
	f.Severity = findings.Error
	f.Location = &findings.Location{File: path}
	for _, pr := range problems {
		f.Evidencef("%s", pr)
	}
}

func (p *probe) addUnreadable(args map[string]string, sev findings.Severity, err error) {
	f := p.add(findings.FileUnreadable, args)
	f.Severity = sev
	f.Location = &findings.Location{File: args["file"]}
	f.Evidencef("%v", err)
}

// reasonOf is the short cause of a read error: "permission denied", "not a
// regular file (a directory)", "file too large: …".
func reasonOf(err error, path string) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return strings.TrimPrefix(err.Error(), path+": ")
}

// findUpAny is findUp as the go command searches: any file that is not a
// folder counts, a named pipe or a link to /dev/zero too.
func findUpAny(dir, name string) string {
	return findUpWhere(dir, name, func(p string) bool {
		fi, err := os.Stat(p)
		return err == nil && !fi.IsDir()
	})
}
