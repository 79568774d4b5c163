package hostile

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Exit statuses of goroot-lens (cmd/goroot-lens/main.go).
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

// garbage is binary junk with NULs, invalid UTF-8 and stray newlines.
func garbage(n int) string {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return string(b)
}

// bigGoMod is a valid go.mod of more than 10 MB (comment lines).
func bigGoMod() string {
	line := "// " + strings.Repeat("x", 97) + "\n"
	return "module example.com/big\n\ngo 1.22\n" + strings.Repeat(line, 10<<20/len(line)+1)
}

// goroot makes a Go tree of the real one (symlinks) with GOROOT pointing at it.
func goroot(m *machine) string {
	root := m.copyTree(filepath.Join(m.root, "goroot"))
	m.env["GOROOT"] = root
	return root
}

// replace swaps one file of a symlinked tree for something hostile.
func replace(m *machine, p string, with func(string)) {
	os.Remove(p)
	with(p)
}

func devZero(m *machine) func(string) { return func(p string) { m.symlink("/dev/zero", p) } }
func fifo(m *machine) func(string)    { return func(p string) { m.fifo(p) } }

// unreadable takes read permission away from p. Root reads anyway, so as
// root the case runs goroot-lens as uid 65534 through setpriv (and skips
// without it).
func unreadable(m *machine, p string) {
	if os.Geteuid() == 0 {
		if _, err := os.Stat("/usr/bin/setpriv"); err != nil {
			m.t.Skip("running as root without setpriv: permission bits would not stop reads")
		}
		m.asNobody = true
		m.env["GOCACHE"] = m.mkdir(filepath.Join(m.root, "gocache"))
		chownAll(m)
	}
	if err := os.Chmod(p, 0); err != nil {
		m.t.Fatal(err)
	}
}

func markerProfile(marker string) string {
	return "# hostile profile: nothing here may run\n" +
		"touch " + marker + ".plain\n" +
		"export GOPATH=\"$(touch " + marker + ".subst)\"\n" +
		"export GOFLAGS=`touch " + marker + ".backtick`\n" +
		"GOROOT=$(touch " + marker + ".assign; echo /nonexistent)\n" +
		". \"$HOME/.bash_profile\"\n" +
		"source ~/.bash_profile\n" +
		"eval \"$(touch " + marker + ".eval)\"\n"
}

func cases() []hostileCase {
	return []hostileCase{
		// --- GOENV and the files go reads, made special ---
		// go itself hangs reading these, so goroot-lens must not run it (and trace must not build).
		{name: "goenv-dev-zero", exit: exitFindings, codes: []string{"file-unreadable"}, says: []string{"/dev/zero", "a device"},
			within: 5 * time.Second, also: true,
			setup: func(m *machine) { m.env["GOENV"] = "/dev/zero" }},
		{name: "goenv-fifo", exit: exitFindings, codes: []string{"file-unreadable"}, says: []string{"named pipe"}, within: 5 * time.Second,
			setup: func(m *machine) { m.env["GOENV"] = m.fifo(filepath.Join(m.home, "goenv-fifo")) }},
		{name: "goenv-folder", exit: exitOK, codes: []string{"file-unreadable"}, says: []string{"directory"},
			setup: func(m *machine) { m.env["GOENV"] = m.mkdir(filepath.Join(m.home, "envdir")) }},
		{name: "goenv-unreadable", exit: exitOK, codes: []string{"file-unreadable"}, says: []string{"permission denied"},
			setup: func(m *machine) {
				p := m.write(filepath.Join(m.home, ".config", "go", "env"), "GOTOOLCHAIN=local\n")
				unreadable(m, p)
			}},
		{name: "goenv-binary-garbage", exit: exitOK,
			setup: func(m *machine) { m.write(filepath.Join(m.home, ".config", "go", "env"), garbage(64<<10)) }},
		{name: "goenv-10MB", exit: exitOK, codes: []string{"file-unreadable"}, says: []string{"too large"},
			setup: func(m *machine) { m.write(filepath.Join(m.home, ".config", "go", "env"), bigGoMod()) }},
		{name: "goenv-goroot-dev-zero", exit: exitFindings, codes: []string{"goenv-file-override"}, says: []string{"/dev/zero"},
			setup: func(m *machine) { m.write(filepath.Join(m.home, ".config", "go", "env"), "GOROOT=/dev/zero\n") }},

		{name: "go.work-dev-zero", exit: exitFindings, codes: []string{"file-unreadable"}, says: []string{"go.work", "a device"},
			setup: func(m *machine) { m.symlink("/dev/zero", filepath.Join(m.ws, "go.work")) }},
		{name: "go.work-fifo", exit: exitFindings, codes: []string{"file-unreadable"}, says: []string{"go.work", "named pipe"},
			setup: func(m *machine) { m.fifo(filepath.Join(m.ws, "go.work")) }},
		{name: "go.work-missing-folders", exit: exitFindings, codes: []string{"file-unreadable"}, says: []string{"use ./nope"},
			setup: func(m *machine) {
				m.write(filepath.Join(m.ws, "go.work"), "go 1.22\n\nuse (\n\t./nope\n\t../../gone/away\n\t/does/not/exist\n)\n")
			}},
		{name: "go.mod-dev-zero", exit: exitFindings, codes: []string{"file-unreadable"}, says: []string{"go.mod", "a device"}, also: true,
			setup: func(m *machine) { replace(m, filepath.Join(m.ws, "go.mod"), devZero(m)) }},
		{name: "go.mod-fifo", exit: exitFindings, codes: []string{"file-unreadable"}, says: []string{"go.mod", "named pipe"},
			setup: func(m *machine) { replace(m, filepath.Join(m.ws, "go.mod"), fifo(m)) }},
		{name: "go.mod-binary-garbage", exit: exitFindings, codes: []string{"file-unreadable"},
			setup: func(m *machine) { m.write(filepath.Join(m.ws, "go.mod"), garbage(64<<10)) }},
		{name: "go.mod-10MB", exit: exitOK, codes: []string{"file-unreadable"}, says: []string{"too large"},
			setup: func(m *machine) { m.write(filepath.Join(m.ws, "go.mod"), bigGoMod()) }},
		{name: "go.mod-go-line-garbage", exit: exitFindings, codes: []string{"file-unreadable"}, says: []string{"invalid go version"},
			setup: func(m *machine) {
				m.write(filepath.Join(m.ws, "go.mod"), "module x\n\ngo 1.x.y-garbage\ntoolchain banana\n")
			}},
		{name: "go.mod-unreadable", exit: exitFindings, codes: []string{"file-unreadable"}, says: []string{"permission denied"},
			setup: func(m *machine) { unreadable(m, filepath.Join(m.ws, "go.mod")) }},

		{name: "goroot-VERSION-dev-zero", exit: exitOK,
			setup: func(m *machine) { replace(m, filepath.Join(goroot(m), "VERSION"), devZero(m)) }},
		{name: "goroot-VERSION-fifo", exit: exitOK,
			setup: func(m *machine) { replace(m, filepath.Join(goroot(m), "VERSION"), fifo(m)) }},
		{name: "goroot-go.env-dev-zero", exit: exitFindings, codes: []string{"file-unreadable"}, says: []string{"go.env", "a device"},
			within: 5 * time.Second,
			setup:  func(m *machine) { replace(m, filepath.Join(goroot(m), "go.env"), devZero(m)) }},
		{name: "goroot-go.env-fifo", exit: exitFindings, codes: []string{"file-unreadable"}, says: []string{"go.env", "named pipe"},
			within: 5 * time.Second, also: true,
			setup: func(m *machine) { replace(m, filepath.Join(goroot(m), "go.env"), fifo(m)) }},
		{name: "vscode-settings-dev-zero", exit: exitOK,
			setup: func(m *machine) { m.symlink("/dev/zero", filepath.Join(m.ws, ".vscode", "settings.json")) }},
		{name: "vscode-settings-fifo", exit: exitOK,
			setup: func(m *machine) { m.fifo(filepath.Join(m.ws, ".vscode", "settings.json")) }},

		// --- the go command misbehaves (fake go scripts: these faults cannot be caused with a real go) ---
		{name: "go-hangs", exit: exitFindings, codes: []string{"go-command-failed"}, says: []string{"2s"}, within: 8 * time.Second,
			setup: func(m *machine) {
				m.fakeGo("echo $$ > " + filepath.Join(m.root, "go.pid") + "\nexec sleep 300")
				m.args = []string{"check", "--json", "--timeout", "2s", m.ws}
			},
			check: func(t *testing.T, m *machine, r result) {
				pid, _ := os.ReadFile(filepath.Join(m.root, "go.pid"))
				stat, err := os.ReadFile("/proc/" + strings.TrimSpace(string(pid)) + "/stat")
				if err == nil && !strings.Contains(string(stat), ") Z ") {
					t.Errorf("the hung go (pid %s) still runs after goroot-lens exited: %s", pid, stat)
				}
			}},
		{name: "trace-with-hanging-go", exit: exitFindings, says: []string{"did not finish within 10s", `"verdict": "failed"`},
			within: 15 * time.Second,
			setup: func(m *machine) {
				m.fakeGo("exec sleep 300")
				m.args = []string{"trace", "--json", m.ws} // no build after go env hung
			}},
		{name: "go-prints-garbage", exit: exitFindings, codes: []string{"go-command-failed"}, also: true,
			setup: func(m *machine) { m.fakeGo("head -c 4096 /dev/urandom; exit 0") }},
		{name: "go-floods-stdout", exit: exitFindings, codes: []string{"go-command-failed"},
			setup: func(m *machine) { m.fakeGo("head -c 50000000 /dev/zero | tr '\\0' x; exit 0") }},
		{name: "go-floods-stderr-exit-1", exit: exitFindings, codes: []string{"go-command-failed"},
			setup: func(m *machine) { m.fakeGo("head -c 20000000 /dev/zero | tr '\\0' y >&2; exit 1") }},
		{name: "go-exits-1", exit: exitFindings, codes: []string{"go-command-failed"}, says: []string{"hostile go says no"}, also: true,
			setup: func(m *machine) { m.fakeGo("echo 'go: hostile go says no' >&2; exit 1") }},
		{name: "go-not-executable", exit: exitOK, codes: []string{"go-skipped"}, says: []string{"is skipped: it is not executable", "chmod +x "}, also: true,
			setup: func(m *machine) {
				p := m.fakeGo("exit 0")
				os.Chmod(p, 0o644)
			}},
		{name: "only-go-not-executable", exit: exitFindings, codes: []string{"go-not-found"}, says: []string{": it is not executable"},
			setup: func(m *machine) {
				os.Chmod(m.fakeGo("exit 0"), 0o644)
				m.env["PATH"] = filepath.Join(m.root, "fakebin") + ":/usr/bin:/bin"
			}},
		{name: "go-symlink-loop", exit: exitOK, codes: []string{"go-skipped"}, says: []string{"is skipped: it is a symbolic link loop"}, also: true,
			setup: func(m *machine) {
				bin := m.mkdir(filepath.Join(m.root, "loopbin"))
				m.symlink(filepath.Join(bin, "go2"), filepath.Join(bin, "go"))
				m.symlink(filepath.Join(bin, "go"), filepath.Join(bin, "go2"))
				m.env["PATH"] = bin + ":" + m.env["PATH"]
			}},
		{name: "go-is-a-folder", exit: exitOK,
			setup: func(m *machine) {
				m.mkdir(filepath.Join(m.root, "dirbin", "go"))
				m.env["PATH"] = filepath.Join(m.root, "dirbin") + ":" + m.env["PATH"]
			}},
		{name: "no-go-on-path", exit: exitFindings, codes: []string{"go-not-found"},
			setup: func(m *machine) { m.env["PATH"] = "/usr/bin:/bin" }},

		// --- PATH and odd paths ---
		{name: "path-32768-chars", exit: exitOK,
			setup: func(m *machine) {
				var b strings.Builder
				for b.Len() < 32768 {
					b.WriteString("/nonexistent/" + strings.Repeat("p", 50) + ":")
				}
				m.env["PATH"] = b.String() + m.env["PATH"]
			}},
		{name: "path-empty-entries-and-garbage", exit: exitFindings, codes: []string{"path-unexpanded-variable"},
			setup: func(m *machine) { m.env["PATH"] = "::.:$HOME/bin:~/x:\xff\xfe:" + m.env["PATH"] + ":" }},
		{name: "go-in-non-utf8-folder-with-spaces", exit: exitOK, also: true,
			setup: func(m *machine) {
				bin := m.mkdir(filepath.Join(m.root, "b\xffin é 空 dir"))
				m.symlink(filepath.Join(realRoot, "bin", "go"), filepath.Join(bin, "go"))
				m.env["PATH"] = bin + ":" + m.env["PATH"]
			}},
		{name: "workspace-non-utf8-with-spaces", exit: exitOK, also: true,
			setup: func(m *machine) {
				m.ws = m.mkdir(filepath.Join(m.root, "w s\xff\xfe é 空"))
				m.write(filepath.Join(m.ws, "go.mod"), "module example.com/ws\n\ngo 1.22\n")
			}},
		{name: "home-non-ascii-with-spaces", exit: exitOK,
			setup: func(m *machine) {
				home := m.mkdir(filepath.Join(m.root, "hö me 家"))
				m.write(filepath.Join(home, ".config", "go", "telemetry", "mode"), "off")
				m.write(filepath.Join(home, ".bash_profile"), "export GOPATH=\"$HOME/my go\"\n")
				for k, v := range m.env {
					m.env[k] = strings.Replace(v, m.home, home, 1)
				}
				m.home = home
			}},

		// --- shell profiles: read, never run ---
		{name: "profile-substitutions-never-run", exit: exitOK, also: true,
			setup: func(m *machine) {
				m.write(filepath.Join(m.home, ".bash_profile"), markerProfile(filepath.Join(m.root, "marker")))
				m.write(filepath.Join(m.home, ".bashrc"), "touch "+filepath.Join(m.root, "marker.rc")+"\n. ~/.bashrc\n")
			},
			check: func(t *testing.T, m *machine, r result) {
				found, _ := filepath.Glob(filepath.Join(m.root, "marker*"))
				if len(found) > 0 {
					t.Errorf("a profile command ran: %v", found)
				}
			}},
		{name: "profile-sources-itself", exit: exitOK,
			setup: func(m *machine) {
				m.write(filepath.Join(m.home, ".profile"), ". ~/.profile\nsource \"$HOME/.profile\"\nexport GOPATH=$HOME/go\n")
				m.env["SHELL"] = "/bin/sh"
			}},
		// A CRLF profile gives GOROOT a trailing \r, which names no folder.
		{name: "profile-crlf", exit: exitFindings, says: []string{".bash_profile:1"},
			setup: func(m *machine) {
				m.write(filepath.Join(m.home, ".bash_profile"), "export GOROOT="+realRoot+"\r\nexport PATH=$GOROOT/bin:$PATH\r\n")
			}},
		{name: "goroot-env-with-carriage-return", exit: exitFindings, codes: []string{"goroot-invalid"},
			setup: func(m *machine) { m.env["GOROOT"] = realRoot + "\r" }},
		{name: "profile-fifo", exit: exitOK,
			setup: func(m *machine) { m.fifo(filepath.Join(m.home, ".bash_profile")) }},
		{name: "profile-dev-zero", exit: exitOK,
			setup: func(m *machine) { m.symlink("/dev/zero", filepath.Join(m.home, ".bash_profile")) }},
		{name: "profile-binary-garbage", exit: exitOK,
			setup: func(m *machine) { m.write(filepath.Join(m.home, ".bash_profile"), garbage(64<<10)) }},
		{name: "shell-unset", exit: exitOK,
			setup: func(m *machine) {
				delete(m.env, "SHELL")
				m.write(filepath.Join(m.home, ".profile"), "GOROOT=/x\n")
			}},
		{name: "shell-is-garbage", exit: exitOK,
			setup: func(m *machine) { m.env["SHELL"] = "/no/such/\xffshell" }},

		// --- GOROOT ---
		{name: "goroot-is-a-file", exit: exitFindings, codes: []string{"goroot-invalid"}, says: []string{"is a file"}, also: true,
			setup: func(m *machine) { m.env["GOROOT"] = m.write(filepath.Join(m.root, "gorootfile"), "not a tree\n") }},
		{name: "goroot-unreadable", exit: exitFindings, codes: []string{"goroot-invalid"}, says: []string{"permission denied"},
			never: []string{"no VERSION"},
			setup: func(m *machine) {
				root := m.mkdir(filepath.Join(m.root, "locked", "go"))
				m.env["GOROOT"] = root
				unreadable(m, root)
			}},
		{name: "goroot-missing", exit: exitFindings, codes: []string{"goroot-invalid"}, says: []string{"/nonexistent/go"},
			setup: func(m *machine) { m.env["GOROOT"] = "/nonexistent/go" }},
		{name: "goroot-dev-null", exit: exitFindings, codes: []string{"goroot-invalid"},
			setup: func(m *machine) { m.env["GOROOT"] = "/dev/null" }},
		{name: "goroot-symlink-loop", exit: exitFindings, codes: []string{"goroot-invalid"},
			setup: func(m *machine) {
				a, b := filepath.Join(m.root, "ra"), filepath.Join(m.root, "rb")
				m.symlink(b, a)
				m.symlink(a, b)
				m.env["GOROOT"] = a
			}},

		// --- GOTOOLCHAIN, GOFLAGS ---
		{name: "gotoolchain-bash", exit: exitFindings, codes: []string{"go-command-failed"}, says: []string{"bash"},
			setup: func(m *machine) { m.env["GOTOOLCHAIN"] = "bash" }},
		{name: "toolchain-go1.99-no-download", exit: exitFindings, codes: []string{"toolchain-unavailable"},
			says: []string{"go1.99.0"}, within: 2 * time.Second,
			setup: func(m *machine) {
				m.write(filepath.Join(m.ws, "go.mod"), "module example.com/ws\n\ngo 1.22\n\ntoolchain go1.99.0\n")
				m.env["GOTOOLCHAIN"], m.env["GOPROXY"] = "auto", "off"
			},
			check: func(t *testing.T, m *machine, r result) {
				if _, err := os.Stat(filepath.Join(m.env["GOMODCACHE"], "cache", "download", "golang.org", "toolchain")); err == nil {
					t.Error("a toolchain download was started")
				}
			}},
		{name: "gopath-is-goroot", exit: exitFindings, codes: []string{"gopath-is-goroot"},
			setup: func(m *machine) { m.env["GOPATH"] = realRoot }},

		// --- HOME ---
		{name: "home-unset", exit: exitOK,
			setup: func(m *machine) { delete(m.env, "HOME") }},
		{name: "home-is-a-file", exit: exitOK,
			setup: func(m *machine) {
				m.env["HOME"] = m.write(filepath.Join(m.root, "homefile"), "x")
				m.extraSnap = append(m.extraSnap, m.env["HOME"])
			}},

		// --- the workspace ---
		{name: "workspace-is-a-file", exit: exitUsage, says: []string{"not a folder"},
			setup: func(m *machine) {
				f := m.write(filepath.Join(m.ws, "file.go"), "package x\n")
				m.args = []string{"check", "--json", f}
			}},
		{name: "workspace-missing", exit: exitUsage, says: []string{"no such file"},
			setup: func(m *machine) { m.args = []string{"check", filepath.Join(m.ws, "gone")} }},
		{name: "workspace-symlink-loop-arg", exit: exitUsage, says: []string{"too many levels of symbolic links"},
			setup: func(m *machine) {
				m.symlink(filepath.Join(m.ws, "l2"), filepath.Join(m.ws, "l1"))
				m.symlink(filepath.Join(m.ws, "l1"), filepath.Join(m.ws, "l2"))
				m.args = []string{"check", filepath.Join(m.ws, "l1")}
			}},
		{name: "workspace-directory-symlink-loops", exit: exitOK, also: true,
			setup: func(m *machine) {
				m.symlink(m.ws, filepath.Join(m.ws, "self"))
				m.symlink("..", filepath.Join(m.ws, "sub", "up"))
				m.symlink(filepath.Join(m.ws, "b"), filepath.Join(m.ws, "a"))
				m.symlink(filepath.Join(m.ws, "a"), filepath.Join(m.ws, "b"))
			}},
		{name: "many-go.mod-files", exit: exitOK, within: 10 * time.Second,
			setup: func(m *machine) {
				for i := range 3000 {
					m.write(filepath.Join(m.ws, "mods", strings.Repeat("d", 1+i%7), string(rune('a'+i%26))+strings.Repeat("x", i/26), "go.mod"), "module m\n\ngo 1.99\n")
				}
			}},
		{name: "workspace-unreadable", exit: exitUsage, says: []string{"permission denied"},
			setup: func(m *machine) { unreadable(m, m.ws) }},

		// --- the command line ---
		{name: "setting-invalid-json", exit: exitUsage, says: []string{"go.alternateTools"},
			setup: func(m *machine) { m.args = []string{"check", "--setting", "go.alternateTools={not json", m.ws} }},
		{name: "setting-no-equals", exit: exitUsage,
			setup: func(m *machine) { m.args = []string{"check", "--setting", "go.goroot", m.ws} }},
		{name: "setting-goroot-garbage", exit: exitFindings, codes: []string{"goroot-invalid", "settings-goroot-mismatch"},
			setup: func(m *machine) { m.args = []string{"check", "--json", "--setting", "go.goroot=\xff/\x01nope", m.ws} }},
		{name: "check-help", exit: exitOK, says: []string{"usage: goroot-lens check"},
			setup: func(m *machine) { m.args = []string{"check", "--help"} }},
		{name: "check-two-folders", exit: exitUsage,
			setup: func(m *machine) { m.args = []string{"check", m.ws, m.ws} }},
		{name: "check-bad-timeout", exit: exitUsage,
			setup: func(m *machine) { m.args = []string{"check", "--timeout", "soon", m.ws} }},
		{name: "check-bad-format", exit: exitUsage,
			setup: func(m *machine) { m.args = []string{"check", "--format", "xml", m.ws} }},
		{name: "unknown-command", exit: exitUsage,
			setup: func(m *machine) { m.args = []string{"chekc"} }},
		{name: "fix-unknown-code-dry-run", exit: exitUsage,
			setup: func(m *machine) { m.args = []string{"fix", "no-such-code", "--dry-run", "--dir", m.ws} }},
	}
}

// chownAll gives the case's folders to uid 65534 so goroot-lens can run as
// that user (only when the test runs as root).
func chownAll(m *machine) {
	filepath.Walk(m.root, func(p string, _ os.FileInfo, err error) error {
		if err == nil {
			os.Lchown(p, 65534, 65534)
		}
		return nil
	})
}
