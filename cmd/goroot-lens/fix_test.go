//go:build unix

package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goroot-lens/goroot-lens/internal/testgo"
)

// The scene, as a user runs it: ~/.bash_profile exports an old
// GOROOT (and so the process has it). fix --dry-run and fix without a
// terminal write nothing; fix --yes deletes exactly that line; a new login
// bash has no GOROOT and check in its environment is clean of the
// mismatch; undo --yes restores the file byte for byte with its mode.
func TestFixAndUndoProfileGoroot(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash here")
	}
	bin := binary(t)
	env, ws := machine(t)
	home := strings.TrimPrefix(env[0], "HOME=")
	old := testgo.Toolchain(t, testgo.Old, "", "")
	profile := filepath.Join(home, ".bash_profile")
	before := "# keep me\nexport GOROOT=" + old + "  # old install\nexport PATH=\"$HOME/bin:$PATH\"\n"
	os.WriteFile(profile, []byte(before), 0o600)
	env = append(env, "SHELL=/bin/bash", "GOROOT="+old)
	unchanged := func(when string) {
		t.Helper()
		got, _ := os.ReadFile(profile)
		if string(got) != before {
			t.Fatalf("%s: the profile changed:\n%s", when, got)
		}
		if _, err := os.Stat(filepath.Join(home, ".local", "state", "goroot-lens", "journal")); err == nil && when != "after undo" {
			entries, _ := os.ReadDir(filepath.Join(home, ".local", "state", "goroot-lens", "journal"))
			if len(entries) > 0 {
				t.Fatalf("%s: a journal entry was written", when)
			}
		}
	}

	dry := runCLI(t, bin, env, "fix", "--dir", ws, "--dry-run", "--json")
	var out struct {
		Plans []struct {
			Code    string `json:"code"`
			FixID   string `json:"fixId"`
			Changes []struct {
				Target string `json:"target"`
				Line   int    `json:"line"`
				Op     string `json:"op"`
			} `json:"changes"`
		} `json:"plans"`
	}
	if dry.code != 0 || json.Unmarshal([]byte(dry.stdout), &out) != nil {
		t.Fatalf("dry run: exit %d\n%s%s", dry.code, dry.stdout, dry.stderr)
	}
	found := false
	for _, p := range out.Plans {
		if p.Code == "goroot-env-mismatch" && len(p.Changes) == 1 && p.Changes[0].Target == profile && p.Changes[0].Line == 2 {
			found = true
		}
	}
	if !found {
		t.Fatalf("dry-run plans lack the deletion of %s:2:\n%s", profile, dry.stdout)
	}
	unchanged("after --dry-run")

	noTerm := runCLI(t, bin, env, "fix", "goroot-env-mismatch", "--dir", ws)
	if noTerm.code != 2 || !strings.Contains(noTerm.stderr, "--yes") {
		t.Fatalf("without a terminal: exit %d, stderr %q; want 2 and a hint at --yes", noTerm.code, noTerm.stderr)
	}
	unchanged("without a terminal")

	if r := runCLI(t, bin, env, "fix", "no-such-code", "--dir", ws, "--yes"); r.code != 2 {
		t.Fatalf("unknown code: exit %d", r.code)
	}
	unchanged("after an unknown code")

	applied := runCLI(t, bin, env, "fix", "goroot-env-mismatch", "--dir", ws, "--yes")
	if applied.code != 0 {
		t.Fatalf("fix --yes: exit %d\n%s%s", applied.code, applied.stdout, applied.stderr)
	}
	want := "# keep me\nexport PATH=\"$HOME/bin:$PATH\"\n"
	if got, _ := os.ReadFile(profile); string(got) != want {
		t.Fatalf("after fix:\n%q\nwant\n%q", got, want)
	}
	for _, w := range []string{"goroot-env-mismatch", "undo", "restart"} {
		if !strings.Contains(applied.stdout, w) {
			t.Errorf("fix output lacks %q:\n%s", w, applied.stdout)
		}
	}

	// A new login shell, as the user opens one now.
	cmd := exec.Command(bash, "-l", "-c", "env")
	cmd.Env = []string{"HOME=" + home, "PATH=" + filepath.Join(testgo.Local(t), "bin") + ":/usr/bin:/bin", "SHELL=/bin/bash"}
	fresh, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	freshEnv := strings.Split(strings.TrimSpace(string(fresh)), "\n")
	for _, kv := range freshEnv {
		if strings.HasPrefix(kv, "GOROOT=") {
			t.Fatalf("bash -l still has %s", kv)
		}
	}
	freshEnv = append(freshEnv, "GOENV="+filepath.Join(home, "env"), "GOPROXY=off", "LANG=C.UTF-8")
	chk := runCLI(t, bin, freshEnv, "check", ws, "--json")
	if strings.Contains(chk.stdout, `"goroot-env-mismatch"`) {
		t.Fatalf("check in the new login shell still reports the mismatch:\n%s", chk.stdout)
	}

	undone := runCLI(t, bin, env, "undo", "--yes")
	if undone.code != 0 {
		t.Fatalf("undo: exit %d\n%s%s", undone.code, undone.stdout, undone.stderr)
	}
	got, _ := os.ReadFile(profile)
	if string(got) != before {
		t.Fatalf("after undo:\n%q\nwant\n%q", got, before)
	}
	if fi, _ := os.Stat(profile); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode after undo %v, want 0600", fi.Mode().Perm())
	}
	list := runCLI(t, bin, env, "undo", "--list")
	if list.code != 0 || !strings.Contains(list.stdout, "undone") || !strings.Contains(list.stdout, "goroot-env-mismatch") {
		t.Errorf("undo --list: exit %d\n%s", list.code, list.stdout)
	}
}

func TestFixInChinese(t *testing.T) {
	bin := binary(t)
	env, ws := machine(t)
	old := testgo.Toolchain(t, testgo.Old, "", "")
	home := strings.TrimPrefix(env[0], "HOME=")
	os.WriteFile(filepath.Join(home, ".profile"), []byte("export GOROOT="+old+"\n"), 0o644)
	env = append(env, "GOROOT="+old, "LANG=zh_CN.UTF-8")
	r := runCLI(t, bin, env, "fix", "--dir", ws, "--dry-run")
	if r.code != 0 || !strings.Contains(r.stdout, "的修复计划") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// Two goroot-lens processes fixing the same thing at once: the journal lock
// runs them one after the other; the second finds the change made (its plan
// is stale, it plans again and finds nothing to do). The line is deleted
// once, the rest of the file is intact, and exactly one entry is applied.
func TestTwoProcessesApplyAtOnce(t *testing.T) {
	bin := binary(t)
	env, ws := machine(t)
	home := strings.TrimPrefix(env[0], "HOME=")
	old := testgo.Toolchain(t, testgo.Old, "", "")
	profile := filepath.Join(home, ".profile")
	os.WriteFile(profile, []byte("umask 022\nexport GOROOT="+old+"\nexport EDITOR=vi\n"), 0o644)
	env = append(env, "GOROOT="+old)
	cmds := make([]*exec.Cmd, 2)
	for i := range cmds {
		cmds[i] = exec.Command(bin, "fix", "goroot-env-mismatch", "--dir", ws, "--yes", "--json")
		cmds[i].Env = env
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	// Each process exits 0 (it applied, or it waited, planned again and
	// found it done) or 2 (it planned after the other had finished: the
	// GOROOT left in its own environment is then advice only, nothing to
	// write). Never 1, and never a second write.
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
				t.Errorf("process %d: %v", i, err)
			}
		}
	}
	if got, _ := os.ReadFile(profile); string(got) != "umask 022\nexport EDITOR=vi\n" {
		t.Fatalf("profile after two concurrent fixes:\n%q", got)
	}
	list := runCLI(t, bin, env, "undo", "--list", "--json")
	var entries []struct{ State string }
	if err := json.Unmarshal([]byte(list.stdout), &entries); err != nil {
		t.Fatalf("undo --list --json: %v\n%s", err, list.stdout)
	}
	applied := 0
	for _, e := range entries {
		if e.State == "applied" {
			applied++
		}
	}
	if applied != 1 {
		t.Fatalf("%d applied entries, want 1: %s", applied, list.stdout)
	}
}

// Hostile files: GOENV=/dev/zero and a go.mod that is a link to /dev/zero
// end in a verdict, not an out-of-memory crash (the go command itself then
// hangs on the GOENV file and is killed by the timeout).
func TestHostileFilesDoNotCrash(t *testing.T) {
	bin := binary(t)
	env, ws := machine(t)
	os.Remove(filepath.Join(ws, "go.mod"))
	if err := os.Symlink("/dev/zero", filepath.Join(ws, "go.mod")); err != nil {
		t.Skip(err)
	}
	env = append(env, "GOENV=/dev/zero")
	r := runCLI(t, bin, env, "check", ws, "--json", "--timeout", "2s")
	if r.code == 2 || !strings.Contains(r.stdout, `"schemaVersion"`) {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
}

// --help asks for the usage: it is printed and the exit status is 0; an
// unknown flag is a usage error (2).
func TestHelpExitsZero(t *testing.T) {
	bin := binary(t)
	env, _ := machine(t)
	for _, cmd := range []string{"check", "trace", "fix", "undo", "serve"} {
		if r := runCLI(t, bin, env, cmd, "--help"); r.code != 0 || !strings.Contains(r.stderr, "usage") && !strings.Contains(r.stderr, "Usage") {
			t.Errorf("%s --help: exit %d, stderr %q", cmd, r.code, r.stderr)
		}
		if r := runCLI(t, bin, env, cmd, "--no-such-flag"); r.code != 2 {
			t.Errorf("%s --no-such-flag: exit %d", cmd, r.code)
		}
	}
}

// A --setting that must be a JSON object and is not is a usage error that
// says why, not a setting silently ignored.
func TestInvalidSettingJSON(t *testing.T) {
	bin := binary(t)
	env, ws := machine(t)
	r := runCLI(t, bin, env, "check", ws, "--setting", `go.toolsEnvVars={"GOROOT":`)
	if r.code != 2 || !strings.Contains(r.stderr, "go.toolsEnvVars wants a JSON object") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if r := runCLI(t, bin, env, "check", ws, "--setting", `go.alternateTools={"go":"/usr/local/go/bin/go"}`); r.code == 2 {
		t.Fatalf("a valid object was refused: %s", r.stderr)
	}
}
