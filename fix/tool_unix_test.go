//go:build unix

package fix_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"

	"github.com/goroot-lens/goroot-lens/fix"
	"github.com/goroot-lens/goroot-lens/internal/testgo"
)

// fileProxy serves one module version from a folder, as GOPROXY=file://…
// does: the test needs a real go install of a real module without network.
func fileProxy(t *testing.T, path, version string, files map[string]string) string {
	t.Helper()
	src := t.TempDir()
	for name, content := range files {
		os.WriteFile(filepath.Join(src, name), []byte(content), 0o644)
	}
	proxy := t.TempDir()
	dir := filepath.Join(proxy, path, "@v")
	os.MkdirAll(dir, 0o755)
	var zip bytes.Buffer
	if err := modzip.CreateFromDir(&zip, module.Version{Path: path, Version: version}, src); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, version+".zip"), zip.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, version+".mod"), []byte(files["go.mod"]), 0o644)
	os.WriteFile(filepath.Join(dir, version+".info"), []byte(`{"Version":"`+version+`","Time":"2026-01-01T00:00:00Z"}`), 0o644)
	os.WriteFile(filepath.Join(dir, "list"), []byte(version+"\n"), 0o644)
	return "file://" + proxy
}

// A tool in ~/go/bin built with go1.22.12 while the workspace needs Go
// 1.26: the fix runs the go install the finding names, with the user's own
// GOPROXY, backs the old program up first, and undo puts the old bytes back.
func TestToolStaleRebuildAndUndo(t *testing.T) {
	old := testgo.Toolchain(t, testgo.Old, "", "")
	u := newUser(t, "/bin/bash")
	u.write("ws/go.mod", "module example.com/ws\n\ngo 1.26\n", 0o644)
	proxy := fileProxy(t, "example.com/hello", "v1.0.0", map[string]string{
		"go.mod":  "module example.com/hello\n\ngo 1.21\n",
		"main.go": "package main\n\nfunc main() { println(\"hello\") }\n",
	})
	u.setenv("GOPROXY=" + proxy)
	u.setenv("GOSUMDB=off")
	gobin := filepath.Join(u.home, "go", "bin")
	install := exec.Command(filepath.Join(old, "bin", "go"), "install", "example.com/hello@v1.0.0")
	install.Env = append(append([]string{}, u.env...), "GOBIN="+gobin, "GOTOOLCHAIN=local", "GOROOT="+old)
	install.Dir = u.home
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("building the old tool: %v\n%s", err, out)
	}
	tool := filepath.Join(gobin, "hello")
	before, _ := os.ReadFile(tool)
	u.setenv("PATH=" + filepath.Join(testgo.Local(t), "bin") + ":" + gobin + ":/usr/bin:/bin")

	ctx := context.Background()
	plans, unknown, err := fix.Plans(ctx, u.opts(), []string{"tool-stale"})
	if err != nil || len(unknown) > 0 || len(plans) != 1 || !plans[0].Writable() {
		t.Fatalf("plans %+v unknown %v err %v", plans, unknown, err)
	}
	if c := plans[0].Changes[0]; c.Op != fix.OpGoInstall || c.Target != tool {
		t.Fatalf("change %+v", c)
	}
	res, err := fix.Apply(ctx, u.opts(), plans[0])
	if err != nil {
		t.Fatal(err)
	}
	if !res.Fixed {
		t.Errorf("tool-stale remains: %v", codes(res.Remaining))
	}
	after, _ := os.ReadFile(tool)
	if bytes.Equal(after, before) {
		t.Fatal("the tool was not rebuilt")
	}
	if _, err := fix.Undo(ctx, u.opts(), ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(tool); !bytes.Equal(got, before) {
		t.Fatal("undo did not restore the old program")
	}
	if fi, _ := os.Stat(tool); fi.Mode()&0o100 == 0 {
		t.Errorf("the restored program lost its exec bit: %v", fi.Mode())
	}
}
