package envprobe

import (
	"path/filepath"
	"sync"
)

// GoverningModules returns the go.work and go.mod that govern dir, as Run
// records them in Snapshot.Modules (the governing one first, Governs set).
// env nil means os.Environ(); only GOWORK is read from it.
func GoverningModules(dir string, env []string, ov Overlay) []ModuleFile {
	return findModules(dir, newEnviron(Options{Env: env}.env(), hostGOOS), ov)
}

// SelectionKey names the toolchain selection of a folder whose governing
// files are mods: the kind of the governing file with its go and toolchain
// lines. Given the same environment, folders with equal keys select the same
// toolchain and get the same findings from Run, except for where the
// module-file findings point. "" means no go.mod or go.work governs.
func SelectionKey(mods []ModuleFile) string {
	for _, m := range mods {
		if m.Governs {
			return filepath.Base(m.File) + "\x00" + m.Go + "\x00" + m.Toolchain
		}
	}
	return ""
}

// ModuleResolver answers GoverningModules for many folders of one tree,
// statting each ancestor and parsing each file once: the sidecar resolves
// every module of a monorepo with it. Safe for concurrent use.
type ModuleResolver struct {
	env   environ
	ov    Overlay
	mu    sync.Mutex
	up    map[[2]string]string // (dir, name) → found path or ""
	files map[string]modResult
}

type modResult struct {
	m  ModuleFile
	ok bool
}

// NewModuleResolver resolves with env (nil: os.Environ()) and ov.
func NewModuleResolver(env []string, ov Overlay) *ModuleResolver {
	return &ModuleResolver{env: newEnviron(Options{Env: env}.env(), hostGOOS), ov: ov, up: map[[2]string]string{}, files: map[string]modResult{}}
}

func (r *ModuleResolver) findUp(dir, name string) string {
	var visited []string
	found := ""
	for {
		r.mu.Lock()
		p, ok := r.up[[2]string{dir, name}]
		r.mu.Unlock()
		if ok {
			found = p
			break
		}
		visited = append(visited, dir)
		if p := filepath.Join(dir, name); fileExists(p) {
			found = p
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	r.mu.Lock()
	for _, d := range visited {
		r.up[[2]string{d, name}] = found
	}
	r.mu.Unlock()
	return found
}

func (r *ModuleResolver) parse(p string) (ModuleFile, bool) {
	r.mu.Lock()
	res, ok := r.files[p]
	r.mu.Unlock()
	if ok {
		return res.m, res.ok
	}
	m, ok2 := parseModuleFile(p, r.ov)
	r.mu.Lock()
	r.files[p] = modResult{m, ok2}
	r.mu.Unlock()
	return m, ok2
}

// Governing is GoverningModules(dir, env, ov).
func (r *ModuleResolver) Governing(dir string) []ModuleFile {
	return governingFiles(dir, r.env, r.findUp, r.parse)
}
