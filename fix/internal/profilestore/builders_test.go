package profilestore

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/goroot-lens/goroot-lens/internal/shellprofile"
)

func TestBuildersRefuse(t *testing.T) {
	for _, sh := range []shellprofile.Shell{bash, fish} {
		for what, build := range map[string]func() (string, error){
			"newline value":   func() (string, error) { return ExportLine(sh, "GOROOT", "/x\n/y") },
			"CR value":        func() (string, error) { return ExportLine(sh, "GOROOT", "/x\r") },
			"NUL value":       func() (string, error) { return ExportLine(sh, "GOROOT", "/x\x00") },
			"bad name":        func() (string, error) { return ExportLine(sh, "GO-ROOT", "/x") },
			"bad unset name":  func() (string, error) { return UnsetLine(sh, "$GOROOT") },
			"relative dir":    func() (string, error) { return PrependPathLine(sh, "go/bin") },
			"tilde dir":       func() (string, error) { return AppendPathLine(sh, "~/go/bin") },
			"dir with colon":  func() (string, error) { return PrependPathLine(sh, "/a:/b") },
			"dir with LF":     func() (string, error) { return AppendPathLine(sh, "/a\n") },
			"marker as block": func() (string, error) { _, err := SetBlock(nil, []string{EndMarker}); return "", err },
		} {
			if line, err := build(); !errors.As(err, new(*RefusedError)) {
				t.Errorf("%s %s: %q, %v; want a refusal", sh, what, line, err)
			}
		}
	}
}

// TestBlockInRealShells sources blocks written by SetBlock, LF and CRLF,
// with the shells found on this machine, and checks the exact values.
func TestBlockInRealShells(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix shells only")
	}
	const value = `/opt/it's "go" $HOME \n 中 #1`
	const dir = `/opt/it's go/bin`
	ran := 0
	for _, shell := range []string{"sh", "bash", "dash", "zsh", "ksh", "fish"} {
		exe, err := exec.LookPath(shell)
		if err != nil {
			continue
		}
		family := shellprofile.ShellFromEnv(shell)
		for _, eol := range []string{"\n", "\r\n"} {
			goroot, _ := ExportLine(family, "GOROOT", value)
			path, _ := PrependPathLine(family, dir)
			unset, _ := UnsetLine(family, "GOFLAGS")
			data, err := SetBlock([]byte("true"+eol), []string{goroot, path, unset})
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "profile")
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			script := `. "$1"; printf '%s|%s|%s' "$GOROOT" "$PATH" "${GOFLAGS-unset}"`
			if family == fish {
				script = `source $argv[1]; printf '%s|%s|%s' "$GOROOT" (string join : $PATH) (set -q GOFLAGS; and echo set; or echo unset)`
			}
			cmd := exec.Command(exe, "-c", script, "sh", file)
			if family == fish {
				cmd = exec.Command(exe, "--no-config", "-c", script, file)
			}
			cmd.Env = []string{"PATH=/usr/bin:/bin", "GOFLAGS=-mod=mod", "HOME=/nonexistent"}
			out, err := cmd.Output()
			want := value + "|" + dir + ":/usr/bin:/bin|unset"
			if err != nil || string(out) != want {
				t.Errorf("%s with %q endings printed %q, %v; want %q", shell, eol, out, err, want)
			}
			ran++
		}
	}
	if ran == 0 {
		t.Skip("no shell found")
	}
	t.Logf("checked %d shell/line-ending pairs", ran)
}

func TestBlockKeys(t *testing.T) {
	for _, sh := range []shellprofile.Shell{bash, fish} {
		goroot, _ := ExportLine(sh, "GOROOT", "/x")
		unsetGoroot, _ := UnsetLine(sh, "GOROOT")
		exportPath, _ := ExportLine(sh, "PATH", "/bin")
		front, _ := PrependPathLine(sh, `/it's/bin/`)
		back, _ := AppendPathLine(sh, `/it's/bin`)
		other, _ := AppendPathLine(sh, "/other")
		same := [][2]string{{goroot, unsetGoroot}, {front, back}}
		different := [][2]string{{goroot, exportPath}, {exportPath, front}, {front, other}, {goroot, "# " + goroot}}
		for _, pair := range same {
			if blockKey(sh, pair[0]) != blockKey(sh, pair[1]) {
				t.Errorf("%s: %q and %q should be about the same thing", sh, pair[0], pair[1])
			}
		}
		for _, pair := range different {
			if blockKey(sh, pair[0]) == blockKey(sh, pair[1]) {
				t.Errorf("%s: %q and %q should be about different things", sh, pair[0], pair[1])
			}
		}
		if !strings.HasPrefix(blockKey(sh, front), "PATH entry") {
			t.Errorf("%s: %q is not recognised as a PATH line", sh, front)
		}
	}
}
