package envprobe

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/goroot-lens/goroot-lens/internal/boundedfile"
)

// The go env cache lets the sidecar publish a verdict before go env, the
// one slow step, has answered: the output of a successful run is kept under
// a key of everything it depends on — the go binary's identity, the folder,
// the whole environment, the GOENV file, $GOROOT/go.env and the go.work and
// go.mod the go command would find — and a run that finds its key takes the
// kept output, marks the snapshot Provisional, and the caller confirms it
// with a real run (Options.GoEnvCache, Options.PreferCache). Only the go env
// output is cached; everything else is judged afresh every time.

// goEnvCacheVersion changes when the key or the kept data change meaning.
const goEnvCacheVersion = "goroot-lens go env cache 1"

type cachedGoEnv struct {
	Key    string `json:"key"`
	Stdout []byte `json:"stdout"`
	Stderr string `json:"stderr"`
}

// goEnvKey is the cache key of running goBin's go env with env in p.dir,
// where it finds the go.work/go.mod at modPaths; "" when something it
// depends on cannot be known (then nothing is cached).
func (p *probe) goEnvKey(goBin string, env []string, modPaths []string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%q\x00", goEnvCacheVersion, goBin, p.dir, goEnvNames)
	sorted := slices.Clone(env)
	slices.Sort(sorted)
	for _, kv := range sorted {
		fmt.Fprintf(h, "env %q\x00", kv)
	}
	files := []string{goBin, p.userFile.Path}
	if p.root.Value != "" {
		files = append(files, filepath.Join(p.root.Value, "go.env"))
	}
	files = append(files, modPaths...)
	for _, f := range files {
		if f == "" {
			continue
		}
		fi, err := os.Stat(f)
		switch {
		case os.IsNotExist(err):
			fmt.Fprintf(h, "file %q absent\x00", f)
		case err != nil:
			return ""
		default:
			fmt.Fprintf(h, "file %q %d %d %v\x00", f, fi.Size(), fi.ModTime().UnixNano(), fi.Mode())
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (p *probe) goEnvCacheFile(key string) string {
	return filepath.Join(p.opts.GoEnvCache, key[:32]+".json")
}

// cachedGoEnvResult is the kept output for key, if any.
func (p *probe) cachedGoEnvResult(key string) (goEnvResult, bool) {
	if p.opts.GoEnvCache == "" || key == "" {
		return goEnvResult{}, false
	}
	data, err := boundedfile.Read(p.goEnvCacheFile(key), boundedfile.SmallFile)
	if err != nil {
		return goEnvResult{}, false
	}
	var c cachedGoEnv
	var vars map[string]string
	if json.Unmarshal(data, &c) != nil || c.Key != key || json.Unmarshal(c.Stdout, &vars) != nil {
		return goEnvResult{}, false
	}
	return goEnvResult{run: &goResult{Args: goEnvArgs(), Stdout: c.Stdout, Stderr: c.Stderr}, vars: vars}, true
}

// keepGoEnvResult stores a successful run under key. A failure to store is
// not a failure of the probe: the next run just misses the cache.
func (p *probe) keepGoEnvResult(key string, r goEnvResult) {
	if p.opts.GoEnvCache == "" || key == "" || r.vars == nil || r.run == nil {
		return
	}
	data, err := json.Marshal(cachedGoEnv{Key: key, Stdout: r.run.Stdout, Stderr: r.run.Stderr})
	if err != nil || os.MkdirAll(p.opts.GoEnvCache, 0o700) != nil {
		return
	}
	tmp, err := os.CreateTemp(p.opts.GoEnvCache, ".goenv-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return
	}
	if os.Rename(tmp.Name(), p.goEnvCacheFile(key)) != nil {
		os.Remove(tmp.Name())
		return
	}
	pruneGoEnvCache(p.opts.GoEnvCache, maxGoEnvCacheFiles)
}

// maxGoEnvCacheFiles bounds the cache: one file per setup (a folder, an
// environment, a go); the least recently written go first.
const maxGoEnvCacheFiles = 64

func pruneGoEnvCache(dir string, keep int) {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) <= keep {
		return
	}
	type aged struct {
		name string
		mod  int64
	}
	var files []aged
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
			files = append(files, aged{e.Name(), info.ModTime().UnixNano()})
		}
	}
	slices.SortFunc(files, func(a, b aged) int { return cmp.Compare(a.mod, b.mod) })
	for _, f := range files[:max(0, len(files)-keep)] {
		os.Remove(filepath.Join(dir, f.name))
	}
}
