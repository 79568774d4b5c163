package pathlist

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestSame(t *testing.T) {
	tests := []struct {
		a, b, goos string
		want       bool
	}{
		{"/usr/local/go/bin", "/usr/local/go/bin/", "linux", true},
		{"/usr/local/go/bin", "/usr/local//go/./bin", "linux", true},
		{"/usr/local/go/bin", "/usr/local/go/pkg/../bin", "linux", true},
		{"/usr/local/go/bin", "/usr/local/Go/bin", "linux", false},
		{"/usr/local/go/bin", "/usr/local/Go/bin", "darwin", true},
		{"/usr/local/go/bin", "/usr/local/Go/bin", "linux", false},
		{"/usr/local/go/bin/", "/usr/local/./go//bin", "linux", true},
		{"", ".", "linux", true},
		{"", "./", "linux", true},
		{"/", "//", "linux", true},
		{`C:\Go\bin`, `c:/go/BIN/`, "windows", true},
		{`C:\Go\bin`, `C:\Go\bin\\`, "windows", true},
		{`C:\Go\bin`, `C:\Go\.\pkg\..\bin`, "windows", true},
		{`C:\Go\bin`, `D:\Go\bin`, "windows", false},
		{`C:\`, `C:`, "windows", false}, // C: is the current folder of drive C
		{`C:\`, `c:/`, "windows", true},
		{`C:\..`, `C:\`, "windows", true},
		{`\\server\share`, `\\SERVER\share\`, "windows", true},
		{`\\server\share\go`, `//server/share/go/`, "windows", true},
		{`\\server\share\..\x`, `\\server\share\x`, "windows", true},
		{`%GOROOT%\bin`, `%goroot%\bin\`, "windows", true},
		{`C:\Users\Ünïcode`, `c:\users\ÜNÏCODE`, "windows", true},
		{`C:\Go\bin`, `C:\Go\bin`, "linux", true},
		{`C:\Go\bin`, `C:/Go/bin`, "linux", false}, // '\' is an ordinary character on Unix
		{"", "", "windows", true},
		{`\\`, `\\`, "windows", true},
	}
	for _, tt := range tests {
		if got := Same(tt.a, tt.b, tt.goos); got != tt.want {
			t.Errorf("Same(%q, %q, %s) = %v, want %v", tt.a, tt.b, tt.goos, got, tt.want)
		}
		if got := Same(tt.b, tt.a, tt.goos); got != tt.want {
			t.Errorf("Same(%q, %q, %s) (swapped) = %v, want %v", tt.b, tt.a, tt.goos, got, tt.want)
		}
	}
}

func TestContains(t *testing.T) {
	win := Split(`C:\Windows;"C:\Program Files\Go\bin";C:\Users\me\go\bin`, "windows")
	unix := Split("/usr/bin::/usr/local/go/bin", "linux")
	tests := []struct {
		entries []string
		dir     string
		goos    string
		want    int
	}{
		{win, `c:\program files\go\bin\`, "windows", 1},
		{win, `C:/Users/me/go/bin`, "windows", 2},
		{win, `C:\Go\bin`, "windows", -1},
		{unix, "/usr/local/go/bin/", "linux", 2},
		{unix, ".", "linux", 1},
		{unix, "/USR/BIN", "linux", -1},
		{nil, "/usr/bin", "linux", -1},
	}
	for _, tt := range tests {
		if got := Contains(tt.entries, tt.dir, tt.goos); got != tt.want {
			t.Errorf("Contains(%q, %q, %s) = %d, want %d", tt.entries, tt.dir, tt.goos, got, tt.want)
		}
	}
}

func TestSameDirFollowsTheFileSystem(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need a privilege on Windows, and Wine does not follow the ones it makes")
	}
	dir := t.TempDir()
	real := filepath.Join(dir, "go")
	link := filepath.Join(dir, "current")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	goos := runtime.GOOS
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{real, link, true}, // same folder through a link
		{real, real + string(filepath.Separator), true},
		{real, filepath.Join(dir, "missing"), false},
		{filepath.Join(dir, "missing"), filepath.Join(dir, "missing", "."), true}, // text alone decides
		{"", real, false},
		{"", "", true},
	} {
		if got := SameDir(tc.a, tc.b, goos); got != tc.want {
			t.Errorf("SameDir(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	// Another system's rules never consult this file system.
	if SameDir(real, link, "plan9") {
		t.Errorf("SameDir with a foreign goos followed a link of this host")
	}
}
