package buildinfo

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/goroot-lens/goroot-lens/internal/testgo"
)

func TestRunsHere(t *testing.T) {
	for _, tc := range []struct {
		goos, goarch, hostOS, hostArch string
		ok                             bool
		emulation                      string
	}{
		{"linux", "amd64", "linux", "amd64", true, ""},
		{"linux", "arm64", "linux", "amd64", false, ""},
		{"linux", "amd64", "linux", "arm64", false, ""},
		{"linux", "386", "linux", "amd64", true, ""},
		{"linux", "arm", "linux", "arm64", true, ""},
		{"windows", "amd64", "linux", "amd64", false, ""}, // also inside WSL
		{"darwin", "arm64", "linux", "arm64", false, ""},
		{"darwin", "amd64", "darwin", "arm64", true, "Rosetta 2"},
		{"darwin", "arm64", "darwin", "amd64", false, ""},
		{"windows", "386", "windows", "amd64", true, "WoW64"},
		{"windows", "amd64", "windows", "arm64", true, "Windows on Arm x86/x64 emulation"},
		{"windows", "arm64", "windows", "amd64", false, ""},
		{"linux", "amd64", "windows", "amd64", false, ""},
		{"", "", "linux", "amd64", true, ""}, // unknown: not judged
	} {
		ok, emu := runsHere(tc.goos, tc.goarch, tc.hostOS, tc.hostArch)
		if ok != tc.ok || emu != tc.emulation {
			t.Errorf("runsHere(%s/%s on %s/%s) = %v, %q; want %v, %q", tc.goos, tc.goarch, tc.hostOS, tc.hostArch, ok, emu, tc.ok, tc.emulation)
		}
	}
}

// sharedDir holds programs built once per test binary (see TestMain).
var sharedDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "buildinfo-test")
	if err != nil {
		panic(err)
	}
	sharedDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var (
	crossMu    sync.Mutex
	crossBuilt = map[string]string{}
)

// crossHello builds a hello program for goos/goarch with the machine's go,
// once per test binary.
func crossHello(t testing.TB, goos, goarch string) string {
	t.Helper()
	crossMu.Lock()
	defer crossMu.Unlock()
	key := goos + "_" + goarch
	if p, ok := crossBuilt[key]; ok {
		return p
	}
	dir := module(t, "example.com/hello", "1.22")
	out := filepath.Join(sharedDir, "hello-"+key)
	goRun(t, testgo.Local(t), dir, buildEnv("GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0"), "build", "-o", out, ".")
	crossBuilt[key] = out
	return out
}

// TestPlatformFromHeader checks the fallback for binaries without GOOS/GOARCH
// settings on real executables of each format.
func TestPlatformFromHeader(t *testing.T) {
	for _, tc := range []struct{ goos, goarch, from string }{
		{"linux", "amd64", fromELF},
		{"linux", "arm64", fromELF},
		{"windows", "amd64", fromPE},
		{"darwin", "arm64", fromMachO},
	} {
		path := crossHello(t, tc.goos, tc.goarch)
		goos, goarch, from := platformFromHeader(path)
		if goos != tc.goos || goarch != tc.goarch || from != tc.from {
			t.Errorf("%s/%s: header says %s/%s from %q", tc.goos, tc.goarch, goos, goarch, from)
		}
	}
	if goos, goarch, from := platformFromHeader(filepath.Join(testgo.Local(t), "VERSION")); goos+goarch+from != "" {
		t.Errorf("a text file: %q %q %q", goos, goarch, from)
	}
}
