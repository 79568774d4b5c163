package buildinfo

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildEnv is the environment for building test programs with the go of
// goroot: GOROOT unset (the tree is found from the binary's location), no
// toolchain switching, no workspace, and the given overrides.
func buildEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "GOROOT", "GOTOOLCHAIN", "GOFLAGS", "GOWORK", "GOBIN", "GOOS", "GOARCH", "CGO_ENABLED":
			continue
		}
		env = append(env, kv)
	}
	return append(env, append([]string{"GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOWORK=off"}, extra...)...)
}

// module writes a main module modPath with a go line into a new folder.
func module(t testing.TB, modPath, goLine string) string {
	t.Helper()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module "+modPath+"\n\ngo "+goLine+"\n", 0o644)
	write(t, filepath.Join(dir, "main.go"), "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n", 0o644)
	return dir
}

// goRun runs the go of goroot in dir.
func goRun(t testing.TB, goroot, dir string, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command(filepath.Join(goroot, "bin", "go"), args...)
	cmd.Dir = dir
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", cmd.Path, strings.Join(args, " "), err, out)
	}
}

func write(t testing.TB, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // umask
		t.Fatal(err)
	}
}

func copyFile(t testing.TB, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dst, string(data), 0o755)
}

func codes(r *Result) []string {
	var cs []string
	for _, f := range r.Findings {
		v := f.Args["variant"]
		if v != "" {
			v = "/" + v
		}
		cs = append(cs, string(f.Code)+v+" "+filepath.Base(f.Args["tool"]+f.Args["go"]))
	}
	return cs
}
