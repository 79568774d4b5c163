// Package testgo gives tests real Go toolchains: the machine's own and older
// or newer releases fetched through the module proxy as
// golang.org/toolchain@v0.0.1-goX.Y.Z.GOOS-GOARCH, unpacked once into a cache
// folder with their exec bits set (the module cache has none).
package testgo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// Old is the older release the scenarios use for mismatches.
const Old = "go1.22.12"

var (
	mu     sync.Mutex
	cached = map[string]string{}
)

// Local returns the GOROOT of the go on this machine's PATH.
func Local(t testing.TB) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go on PATH: %v", err)
	}
	out, err := exec.Command(goBin, "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// LocalVersion returns the version of the machine's go, e.g. go1.26.8.
func LocalVersion(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Local(t), "VERSION"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0])
}

// Toolchain returns a GOROOT holding release version (e.g. "go1.22.12") for
// goos/goarch ("" means this machine's). The tree is shared between tests and
// must not be modified.
func Toolchain(t testing.TB, version, goos, goarch string) string {
	t.Helper()
	if goos == "" {
		goos = runtime.GOOS
	}
	if goarch == "" {
		goarch = runtime.GOARCH
	}
	root, err := fetch(version, goos, goarch)
	if err != nil {
		t.Fatalf("fetching %s.%s-%s through the module proxy: %v", version, goos, goarch, err)
	}
	return root
}

// ModCacheDir returns the module-cache folder of a toolchain in gomodcache,
// downloading it there (as the go command would) if needed. Used for
// toolchain-switch scenarios.
func ModCacheDir(t testing.TB, gomodcache, version string) string {
	t.Helper()
	mod := "golang.org/toolchain@v0.0.1-" + version + "." + runtime.GOOS + "-" + runtime.GOARCH
	dir, err := download(mod, gomodcache)
	if err != nil {
		t.Fatalf("go mod download %s: %v", mod, err)
	}
	return dir
}

func fetch(version, goos, goarch string) (string, error) {
	key := version + "." + goos + "-" + goarch
	mu.Lock()
	defer mu.Unlock()
	if r, ok := cached[key]; ok {
		return r, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dest := filepath.Join(base, "goroot-lens-test", key)
	if _, err := os.Stat(filepath.Join(dest, "VERSION")); err == nil {
		cached[key] = dest
		return dest, nil
	}
	src, err := download("golang.org/toolchain@v0.0.1-"+key, "")
	if err != nil {
		return "", err
	}
	// Copy into a sibling temp folder, then rename: concurrent test binaries
	// never see a half-copied tree.
	tmp, err := os.MkdirTemp(filepath.Dir(dest), key+".tmp")
	if err != nil {
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			return "", err
		}
		if tmp, err = os.MkdirTemp(filepath.Dir(dest), key+".tmp"); err != nil {
			return "", err
		}
	}
	if err := copyTree(src, tmp); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.RemoveAll(tmp)
		if _, statErr := os.Stat(filepath.Join(dest, "VERSION")); statErr != nil {
			return "", err
		}
	}
	cached[key] = dest
	return dest, nil
}

// download runs `go mod download -json mod` with the machine's proxy settings
// and returns the unpacked folder.
func download(mod, gomodcache string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "mod", "download", "-json", mod)
	cmd.Dir = os.TempDir()
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GO111MODULE=on")
	if gomodcache != "" {
		cmd.Env = append(cmd.Env, "GOMODCACHE="+gomodcache)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var info struct{ Dir, Error string }
	if jerr := json.Unmarshal(out, &info); jerr == nil && info.Error != "" {
		return "", errors.New(info.Error)
	}
	if err != nil {
		return "", fmt.Errorf("%v: %s%s", err, out, stderr.Bytes())
	}
	if info.Dir == "" {
		return "", fmt.Errorf("no Dir in %s", out)
	}
	return info.Dir, nil
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		mode := fs.FileMode(0o644)
		if isExecutable(rel) {
			mode = 0o755
		}
		return os.WriteFile(target, data, mode)
	})
}

// isExecutable says which files of a toolchain need exec bits: bin/* and
// pkg/tool/*/*.
func isExecutable(rel string) bool {
	parts := strings.Split(filepath.ToSlash(rel), "/")
	return (len(parts) == 2 && parts[0] == "bin") ||
		(len(parts) == 4 && parts[0] == "pkg" && parts[1] == "tool")
}
