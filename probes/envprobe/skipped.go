package envprobe

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/goroot-lens/goroot-lens/fix/recipe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// skippedGo is an entry named go in a PATH folder that shells, editors and
// Go tools pass over (gopls runs go through exec.LookPath, which takes only
// an executable regular file): a go the user put there and forgot to chmod, a dangling link.
// Left unsaid, the user wonders why their go does not run.
type skippedGo struct {
	Path   string
	Reason string // "not executable", "a broken symbolic link", …, as in "it is {reason}"
	Entry  pathEntry
}

// skippedIn lists what a lookup of go passes over in the PATH entry e.
func skippedIn(e pathEntry, goos string) []skippedGo {
	var out []skippedGo
	for _, name := range goNames(goos) {
		p := filepath.Join(e.Dir, name)
		if reason := whySkipped(p, goos); reason != "" {
			out = append(out, skippedGo{Path: p, Reason: reason, Entry: e})
		}
	}
	return out
}

// goNames are the file names a lookup of go tries in one folder.
func goNames(goos string) []string {
	if goos == "windows" {
		return []string{"go.exe", "go.com", "go.bat", "go.cmd"}
	}
	return []string{"go"}
}

// whySkipped says why the entry at p is no go to run, "" when nothing is
// there.
func whySkipped(p, goos string) string {
	if _, err := os.Lstat(p); err != nil {
		return "" // nothing there (or the folder cannot be searched)
	}
	fi, err := os.Stat(p)
	switch {
	case errors.Is(err, syscall.ELOOP):
		return "a symbolic link loop"
	case errors.Is(err, fs.ErrNotExist):
		return "a broken symbolic link"
	case errors.Is(err, fs.ErrPermission):
		return "unreadable (permission denied)"
	case err != nil:
		return "unreadable"
	case fi.IsDir():
		return "" // a folder named go (a GOPATH under a HOME on PATH) is nobody's go
	case !fi.Mode().IsRegular():
		return "not a regular file"
	case goos != "windows" && fi.Mode().Perm()&0o111 == 0:
		return "not executable"
	}
	return ""
}

// checkSkippedGo reports each skipped go before the one that runs; with no
// go at all, go-not-found carries them as evidence instead.
func (p *probe) checkSkippedGo() {
	if p.winner == nil {
		return
	}
	for _, s := range p.skipped {
		f := p.add(findings.GoSkipped, map[string]string{"path": s.Path, "reason": s.Reason, "winner": p.winner.Path})
		f.Evidencef("PATH entry #%d %s (%s)", s.Entry.Index+1, s.Entry.Dir, scopeText(s.Entry.Scope))
		f.Evidencef("the go on PATH is %s (%s)", p.winner.Path, orUnknown(p.winner.Version))
		if s.Reason == "not executable" {
			f.Fixes = append(f.Fixes, findings.Fix{ID: "chmod-go", Kind: findings.FixCommand,
				Title: p.fixTitle("fix.chmod-go", map[string]string{"path": s.Path}), Command: "chmod +x " + recipe.ShellQuote(s.Path)})
		}
	}
}
