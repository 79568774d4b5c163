package pathlist

import "testing"

func TestSame(t *testing.T) {
	tests := []struct {
		a, b, goos string
		want       bool
	}{
		{"/usr/local/go/bin", "/usr/local/go/bin/", "linux", true},
		{"/usr/local/go/bin", "/usr/local//go/./bin", "linux", true},
		{"/usr/local/go/bin", "/usr/local/go/pkg/../bin", "linux", true},
		{"/usr/local/go/bin", "/usr/local/Go/bin", "linux", false},
		{"/usr/local/go/bin", "/usr/local/Go/bin", "darwin", false},
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
