package envprobe_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/goroot-lens/goroot-lens/probes/envprobe"
)

// The resolver the sidecar uses for many folders answers exactly what
// GoverningModules answers for each, go.work and GOWORK included.
func TestModuleResolverAgrees(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(root, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	write("go.work", "go 1.24\n\nuse ./a\n")
	write("a/go.mod", "module a\n\ngo 1.23\n")
	write("a/b/go.mod", "module b\n\ngo 1.22\ntoolchain go1.25.0\n")
	write("c/d/x.txt", "")
	dirs := []string{root, filepath.Join(root, "a"), filepath.Join(root, "a", "b"), filepath.Join(root, "c", "d"), filepath.Join(root, "c")}
	for _, env := range [][]string{{"GOWORK="}, {"GOWORK=off"}, {"GOWORK=" + filepath.Join(root, "go.work")}} {
		r := envprobe.NewModuleResolver(env, nil)
		for _, d := range append(dirs, dirs...) { // twice: the second time from the memo
			if got, want := r.Governing(d), envprobe.GoverningModules(d, env, nil); !reflect.DeepEqual(got, want) {
				t.Errorf("%v %s: resolver %+v, GoverningModules %+v", env, d, got, want)
			}
		}
	}
}
