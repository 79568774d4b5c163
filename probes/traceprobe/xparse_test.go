package traceprobe

import (
	"reflect"
	"strings"
	"testing"
)

// Lines as go build -x prints them (go1.26.8 on Linux; the Windows lines
// follow cmd/go's quoting of words with spaces, joinUnambiguously).
const xLinux = `WORK=/tmp/go-build123
mkdir -p $WORK/b001/
cat >/tmp/go-build123/b001/importcfg << 'EOF' # internal
packagefile fmt=/root/.cache/go-build/aa/aa-d
EOF
# import config
cd /tmp/mod
/usr/local/go/pkg/tool/linux_amd64/compile -o $WORK/b001/_pkg_.a -trimpath "$WORK/b001=>" -p main -lang=go1.20 -complete -goversion go1.26.8 -c=2 -importcfg $WORK/b001/importcfg -pack ./main.go ./nonce.go
go tool buildid -w $WORK/b001/_pkg_.a # internal
GOROOT='/usr/local/go' /usr/local/go/pkg/tool/linux_amd64/link -o $WORK/b001/exe/a.out -importcfg $WORK/b001/importcfg.link -buildmode=exe -extld=gcc $WORK/b001/_pkg_.a
mv $WORK/b001/exe/a.out /tmp/probe
go: using local toolchain go1.26.8
# runtime
compile: version "go1.22.12" does not match go tool version "go1.26.8"
./main.go:3:2: undefined: x`

const xWindows = `WORK=C:\Users\me\AppData\Local\Temp\go-build1
cd C:\Users\me\AppData\Local\Temp\mod
"C:\\Program Files\\Go\\pkg\\tool\\windows_amd64\\compile.exe" -o "$WORK\\b001\\_pkg_.a" -p main -goversion go1.26.8
GOROOT="C:\\Program Files\\Go" "C:\\Program Files\\Go\\pkg\\tool\\windows_amd64\\link.exe" -o "$WORK\\b001\\exe\\a.out.exe"
C:\sdk\go1.25.5\pkg\tool\windows_amd64\asm.exe -p runtime`

func readX(b *buildLog, s string) []string {
	var progress []string
	for _, l := range strings.Split(s, "\n") {
		if m := b.line(l); m != "" {
			progress = append(progress, m)
		}
	}
	return progress
}

func TestBuildLogLinux(t *testing.T) {
	b := &buildLog{}
	progress := readX(b, xLinux)
	want := []Tool{
		{"compile", "/usr/local/go/pkg/tool/linux_amd64/compile", "/usr/local/go"},
		{"link", "/usr/local/go/pkg/tool/linux_amd64/link", "/usr/local/go"},
	}
	if !reflect.DeepEqual(b.tools, want) {
		t.Errorf("tools %+v, want %+v", b.tools, want)
	}
	if b.linkerGOROOT != "/usr/local/go" || b.goVersion != "go1.26.8" || b.compiles != 1 {
		t.Errorf("linker GOROOT %q, goversion %q, compiles %d", b.linkerGOROOT, b.goVersion, b.compiles)
	}
	if got := strings.Join(progress, ","); got != "compile main,link" {
		t.Errorf("progress %q", got)
	}
	wantErrs := []string{"# runtime", `compile: version "go1.22.12" does not match go tool version "go1.26.8"`, "./main.go:3:2: undefined: x"}
	if !reflect.DeepEqual(b.errs, wantErrs) {
		t.Errorf("errors %q, want %q", b.errs, wantErrs)
	}
	if want := []string{"go: using local toolchain go1.26.8"}; !reflect.DeepEqual(b.trace, want) {
		t.Errorf("toolchain trace %q, want %q", b.trace, want)
	}
}

func TestBuildLogWindowsForms(t *testing.T) {
	b := &buildLog{}
	readX(b, xWindows)
	want := []Tool{
		{"compile", `C:\Program Files\Go\pkg\tool\windows_amd64\compile.exe`, `C:\Program Files\Go`},
		{"link", `C:\Program Files\Go\pkg\tool\windows_amd64\link.exe`, `C:\Program Files\Go`},
		{"asm", `C:\sdk\go1.25.5\pkg\tool\windows_amd64\asm.exe`, `C:\sdk\go1.25.5`},
	}
	if !reflect.DeepEqual(b.tools, want) {
		t.Errorf("tools %+v\nwant %+v", b.tools, want)
	}
	if b.linkerGOROOT != `C:\Program Files\Go` || len(b.errs) != 0 {
		t.Errorf("linker GOROOT %q, errors %q", b.linkerGOROOT, b.errs)
	}
}

func TestBuildLogRelativeForms(t *testing.T) {
	b := &buildLog{}
	readX(b, "WORK=/tmp/w\n$WORK/b001/go/pkg/tool/linux_arm64/compile -p main\ncd /home/u\n./sdk/pkg/tool/linux_arm64/link -o x")
	want := []Tool{
		{"compile", "/tmp/w/b001/go/pkg/tool/linux_arm64/compile", "/tmp/w/b001/go"},
		{"link", "/home/u/sdk/pkg/tool/linux_arm64/link", "/home/u/sdk"},
	}
	if !reflect.DeepEqual(b.tools, want) {
		t.Errorf("tools %+v\nwant %+v", b.tools, want)
	}
}

func TestParseInittrace(t *testing.T) {
	got := parseInittrace([]byte("init internal/bytealg @0.008 ms, 0 ms clock, 0 bytes, 0 allocs\nhello\ninit os @1.5 ms, 0.051 ms clock, 432 bytes, 9 allocs\n"))
	if len(got) != 2 || got[1].Message != "os: 0.051 ms clock, 432 bytes, 9 allocs" || got[1].Time != 1500000 {
		t.Errorf("inittrace events %+v", got)
	}
}
