package server

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"go.uber.org/zap"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
)

// maxWalkDirs bounds the search for go.mod/go.work in one folder, so that
// opening a home directory does not walk the disk.
const maxWalkDirs = 2000

// maxParallelProbes bounds the probes of one folder running at once.
const maxParallelProbes = 4

// module is one folder holding a go.mod or go.work (or the workspace folder
// itself when it holds none) and the verdict for it.
type module struct {
	dir   string
	files []string              // the go.mod / go.work in dir
	gov   []envprobe.ModuleFile // the files that govern dir, governing first
	key   string                // envprobe.SelectionKey of gov
	snap  *envprobe.Snapshot    // nil until probed, or when its probe failed
}

// probeFolder probes every module of a folder, once per selection key: the
// first module of a key is probed, the others get its snapshot re-pointed
// at their own files. Most monorepos have a handful of distinct keys.
//
// The folder's own module is probed while the walk looks for the others,
// and early (when not nil) gets it as soon as it is judged: its diagnostics
// need not wait for a monorepo's thousand go.mod files.
func (s *Server) probeFolder(ctx context.Context, req Request, early func([]*module)) []*module {
	res := envprobe.NewModuleResolver(req.Env, req.Overlay)
	root := withGov(&module{dir: req.Folder, files: ownModuleFiles(req.Folder)}, res)
	var rootDone chan struct{}
	if len(root.gov) > 0 {
		rootDone = make(chan struct{})
		go func() {
			defer close(rootDone)
			root.snap = s.probeGroup(ctx, req, []*module{root})
			if root.snap != nil && early != nil && ctx.Err() == nil {
				early([]*module{root})
			}
		}()
	}
	mods, err := s.findModules(ctx, req.Folder, res)
	if err != nil {
		if rootDone != nil {
			<-rootDone
		}
		if ctx.Err() == nil {
			s.log.Warn("listing modules", zap.String("folder", req.Folder), zap.Error(err))
		}
		return nil
	}
	groups := map[string][]*module{}
	var keys []string
	for _, m := range mods {
		if groups[m.key] == nil {
			keys = append(keys, m.key)
		}
		groups[m.key] = append(groups[m.key], m)
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, maxParallelProbes)
	for _, key := range keys {
		group := groups[key]
		if rootDone != nil && key == root.key && pathKey(group[0].dir) == pathKey(root.dir) {
			wg.Go(func() { // the early probe judged this group
				<-rootDone
				s.repoint(root.snap, group)
			})
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			s.repoint(s.probeGroup(ctx, req, group), group)
		})
	}
	wg.Wait()
	if rootDone != nil {
		<-rootDone
	}
	return mods
}

// probeGroup probes the first module of a group; nil when the probe failed
// or was cancelled.
func (s *Server) probeGroup(ctx context.Context, req Request, group []*module) *envprobe.Snapshot {
	defer func() {
		if r := recover(); r != nil { // one engine's panic loses one group, not the server
			s.log.Error("panic in probe", zap.String("dir", group[0].dir), zap.Any("panic", r), zap.Stack("stack"))
		}
	}()
	r := req
	r.Folder = group[0].dir
	snap, err := s.probers.Probe(ctx, r)
	if ctx.Err() != nil {
		return nil
	}
	if err != nil {
		// A snapshot with an error is partial (build info failed) and
		// still worth showing.
		s.log.Warn("probe failed", zap.String("dir", r.Folder), zap.Error(err))
	}
	return snap
}

// repoint gives the group snap: the first module as it is, the others
// re-pointed at their own files.
func (s *Server) repoint(snap *envprobe.Snapshot, group []*module) {
	if snap == nil {
		return
	}
	group[0].snap = snap
	for _, m := range group[1:] {
		m.snap = snap.For(m.dir, m.gov)
	}
}

// ownModuleFiles are the go.mod and go.work in dir itself.
func ownModuleFiles(dir string) []string {
	var out []string
	for _, name := range []string{"go.mod", "go.work"} {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			out = append(out, p)
		}
	}
	return out
}

// findModules lists the folders under root holding a go.mod or go.work,
// sorted, with what governs each. The root itself is one too when nothing
// was found under it, or when a go.mod/go.work above it governs it.
func (s *Server) findModules(ctx context.Context, root string, res *envprobe.ModuleResolver) ([]*module, error) {
	byDir := map[string]*module{}
	dirs := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			if path == root {
				return err
			}
			return nil // an unreadable folder is skipped, not fatal
		}
		if d.IsDir() {
			if path != root && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			if dirs++; dirs > maxWalkDirs {
				s.log.Warn("stopped looking for go.mod files", zap.String("folder", root), zap.Int("folders", maxWalkDirs))
				return filepath.SkipAll
			}
			return nil
		}
		if isModuleFile(path) {
			dir := filepath.Dir(path)
			if byDir[dir] == nil {
				byDir[dir] = &module{dir: dir}
			}
			byDir[dir].files = append(byDir[dir].files, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var mods []*module
	for _, dir := range sortedKeys(byDir) {
		mods = append(mods, withGov(byDir[dir], res))
	}
	if byDir[root] == nil {
		m := withGov(&module{dir: root}, res)
		if len(mods) == 0 || len(m.gov) > 0 {
			mods = append([]*module{m}, mods...)
		}
	}
	return mods, nil
}

func withGov(m *module, res *envprobe.ModuleResolver) *module {
	m.gov = res.Governing(m.dir)
	m.key = envprobe.SelectionKey(m.gov)
	return m
}

// skipDir names the folders that hold no module of the user's own.
func skipDir(name string) bool {
	return strings.HasPrefix(name, ".") || name == "vendor" || name == "node_modules" || name == "testdata"
}

// module is the module of f whose folder is dir, or nil; s.mu must be held.
func (f *folder) module(dir string) *module {
	for _, m := range f.mods {
		if pathKey(m.dir) == pathKey(dir) {
			return m
		}
	}
	return nil
}
