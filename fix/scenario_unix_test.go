//go:build unix

package fix_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goroot-lens/goroot-lens/fix"
	"github.com/goroot-lens/goroot-lens/internal/testgo"
	"github.com/goroot-lens/goroot-lens/probes/check"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// user is one Unix user on a temp HOME with the machine's real go first on
// PATH and real older toolchains for the broken settings.
type user struct {
	t    *testing.T
	home string
	ws   string
	env  []string
}

func newUser(t *testing.T, shell string) *user {
	t.Helper()
	home := t.TempDir()
	testgo.QuietHome(t, home)
	u := &user{t: t, home: home, ws: filepath.Join(home, "ws")}
	u.write("ws/go.mod", "module example.com/ws\n\ngo 1.22\n", 0o644)
	u.env = []string{
		"HOME=" + home,
		"PATH=" + filepath.Join(testgo.Local(t), "bin") + ":/usr/bin:/bin",
		"GOENV=" + filepath.Join(home, ".config", "go", "env"),
		"GOPROXY=off",
		"GOCACHE=" + filepath.Join(home, ".cache", "go-build"),
		"GOMODCACHE=" + filepath.Join(home, "go", "pkg", "mod"),
		"SHELL=" + shell,
		"XDG_STATE_HOME=" + filepath.Join(home, ".local", "state"),
	}
	return u
}

func (u *user) write(rel, content string, mode os.FileMode) string {
	u.t.Helper()
	p := filepath.Join(u.home, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		u.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), mode); err != nil {
		u.t.Fatal(err)
	}
	os.Chmod(p, mode)
	return p
}

func (u *user) setenv(kv string) { u.env = append(u.env, kv) }

func (u *user) opts() fix.Options {
	return fix.Options{Dir: u.ws, Env: u.env, Lang: findings.LangEnglish}
}

func codes(fs []findings.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, string(f.Code))
	}
	return out
}

func has(fs []findings.Finding, c findings.Code) bool {
	for _, f := range fs {
		if f.Code == c {
			return true
		}
	}
	return false
}

// The issue's own scene: a ~/.bash_profile exporting an old GOROOT (so the
// process has it too). The fix deletes exactly that line, a fresh login
// bash no longer has GOROOT, the probe in that environment no longer
// reports the mismatch, and undo restores the file byte for byte with its
// mode.
func TestProfileGorootMismatchFixAndUndo(t *testing.T) {
	old := testgo.Toolchain(t, testgo.Old, "", "")
	u := newUser(t, "/bin/bash")
	before := "# my profile\r\nexport EDITOR=vi\r\nexport GOROOT=" + old + "\r\nexport PATH=\"$HOME/bin:$PATH\"" // CRLF, no final newline
	profile := u.write(".bash_profile", before, 0o640)
	u.setenv("GOROOT=" + old)
	ctx := context.Background()

	rep, err := check.Run(ctx, envprobe.Options{Dir: u.ws, Env: u.env})
	if err != nil || !has(rep.Findings, findings.GorootEnvMismatch) {
		t.Fatalf("setup: want goroot-env-mismatch, got %v (%v)", codes(rep.Findings), err)
	}
	plans, unknown, err := fix.Plans(ctx, u.opts(), []string{"goroot-env-mismatch"})
	if err != nil || len(unknown) > 0 || len(plans) != 1 {
		t.Fatalf("plans %+v unknown %v err %v", plans, unknown, err)
	}
	p := plans[0]
	if !p.Writable() || len(p.Changes) != 1 || p.Changes[0].Target != profile || p.Changes[0].Line != 3 {
		t.Fatalf("plan %+v: want one change deleting %s:3", p, profile)
	}
	// Planning writes nothing.
	if got, _ := os.ReadFile(profile); string(got) != before {
		t.Fatalf("planning changed the profile")
	}
	res, err := fix.Apply(ctx, u.opts(), p)
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	want := "# my profile\r\nexport EDITOR=vi\r\nexport PATH=\"$HOME/bin:$PATH\""
	if got, _ := os.ReadFile(profile); string(got) != want {
		t.Fatalf("profile after fix:\n%q\nwant\n%q", got, want)
	}
	if fi, _ := os.Stat(profile); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode after fix %v, want 0640", fi.Mode().Perm())
	}
	if !res.Fixed || len(res.Remaining) != 0 {
		t.Errorf("re-probe: fixed=%v remaining %v", res.Fixed, codes(res.Remaining))
	}
	// A real login bash started now has no GOROOT.
	if bash, err := exec.LookPath("bash"); err == nil {
		cmd := exec.Command(bash, "-l", "-c", `printf %s "${GOROOT-unset}"`)
		cmd.Env = []string{"HOME=" + u.home, "PATH=/usr/bin:/bin"}
		out, err := cmd.Output()
		if err != nil || string(out) != "unset" {
			t.Errorf("bash -l after fix: GOROOT=%q (%v), want unset", out, err)
		}
	}
	// check in that fresh environment (GOROOT gone) has no mismatch.
	fresh, err := fix.NewProcessEnv(u.env, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range fresh {
		if strings.HasPrefix(kv, "GOROOT=") {
			t.Fatalf("new-process environment still has %s", kv)
		}
	}
	rep, _ = check.Run(ctx, envprobe.Options{Dir: u.ws, Env: fresh})
	if has(rep.Findings, findings.GorootEnvMismatch) {
		t.Errorf("fresh environment still reports the mismatch: %v", codes(rep.Findings))
	}

	undo, err := fix.Undo(ctx, u.opts(), "")
	if err != nil {
		t.Fatalf("undo: %v", err)
	}
	if got, _ := os.ReadFile(profile); string(got) != before {
		t.Fatalf("profile after undo:\n%q\nwant\n%q", got, before)
	}
	if fi, _ := os.Stat(profile); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode after undo %v, want 0640", fi.Mode().Perm())
	}
	if undo.Entry.ID != res.Entry.ID {
		t.Errorf("undo reverted %s, want the latest %s", undo.Entry.ID, res.Entry.ID)
	}
	if _, err := fix.Undo(ctx, u.opts(), res.Entry.ID); err == nil {
		t.Errorf("a second undo of the same entry succeeded")
	}
}

// GOPATH/bin not on PATH: the fix appends it in the managed block of the
// login file; undo removes the file goroot-lens created.
func TestGobinBlockFixAndUndo(t *testing.T) {
	u := newUser(t, "/bin/bash")
	gobin := filepath.Join(u.home, "go", "bin")
	u.write("go/bin/hello", "#!/bin/sh\n", 0o755)
	ctx := context.Background()
	plans, _, err := fix.Plans(ctx, u.opts(), []string{"gobin-not-on-path"})
	if err != nil || len(plans) != 1 || !plans[0].Writable() {
		t.Fatalf("plans %+v err %v", plans, err)
	}
	login := filepath.Join(u.home, ".profile") // bash reads it when no .bash_profile exists
	if c := plans[0].Changes[0]; c.Target != login || c.Old.Present {
		t.Fatalf("change %+v: want a new %s", c, login)
	}
	res, err := fix.Apply(ctx, u.opts(), plans[0])
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(login)
	if !bytes.Contains(got, []byte(`export PATH="$PATH":'`+gobin+`'`)) || !bytes.Contains(got, []byte("goroot-lens")) {
		t.Fatalf("login file:\n%s", got)
	}
	if !res.Fixed {
		t.Errorf("gobin-not-on-path remains: %v", codes(res.Remaining))
	}
	if _, err := fix.Undo(ctx, u.opts(), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(login); !os.IsNotExist(err) {
		t.Errorf("undo left %s behind (%v)", login, err)
	}
}

// Without a terminal and without --yes, and with --dry-run, nothing is
// written: asserted in cmd/goroot-lens. Here: a profile changed by someone
// else after the plan is not overwritten.
func TestStalePlanIsRefused(t *testing.T) {
	old := testgo.Toolchain(t, testgo.Old, "", "")
	u := newUser(t, "/bin/bash")
	profile := u.write(".bash_profile", "export GOROOT="+old+"\n", 0o644)
	u.setenv("GOROOT=" + old)
	ctx := context.Background()
	plans, _, _ := fix.Plans(ctx, u.opts(), []string{"goroot-env-mismatch"})
	if len(plans) != 1 {
		t.Fatalf("plans %+v", plans)
	}
	edited := "export GOROOT=" + old + "\nalias ll='ls -l'\n"
	os.WriteFile(profile, []byte(edited), 0o644)
	if _, err := fix.Apply(ctx, u.opts(), plans[0]); err == nil || !strings.Contains(err.Error(), "changed since") {
		t.Fatalf("apply over a changed file: err %v, want ErrStale", err)
	}
	if got, _ := os.ReadFile(profile); string(got) != edited {
		t.Fatalf("the user's edit was lost: %q", got)
	}
}

// GOROOT from the administrator's /etc/profile.d/go.sh (under a temp root):
// the fix never touches that file; it writes `unset GOROOT` into the
// user's managed block and names the administrator's command, and a new
// login shell (as the reader evaluates it) no longer has the mismatch.
func TestSystemFileGorootOverride(t *testing.T) {
	old := testgo.Toolchain(t, testgo.Old, "", "")
	u := newUser(t, "/bin/bash")
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "etc", "profile.d"), 0o755)
	os.WriteFile(filepath.Join(root, "etc", "profile"), []byte("for i in /etc/profile.d/*.sh; do . \"$i\"; done\n"), 0o644)
	goSh := filepath.Join(root, "etc", "profile.d", "go.sh")
	sysBefore := "export GOROOT=" + old + "\n"
	os.WriteFile(goSh, []byte(sysBefore), 0o644)
	u.write(".bash_profile", "export EDITOR=vi\n", 0o644)
	u.setenv("GOROOT=" + old)
	o := u.opts()
	o.SystemRoot = root
	ctx := context.Background()
	plans, _, err := fix.Plans(ctx, o, []string{"goroot-env-mismatch"})
	if err != nil || len(plans) != 1 || !plans[0].Writable() {
		t.Fatalf("plans %+v, %v", plans, err)
	}
	p := plans[0]
	if c := p.Changes[0]; c.Target != filepath.Join(u.home, ".bash_profile") || !strings.Contains(c.New.Text, "unset GOROOT") {
		t.Fatalf("change %+v: want unset GOROOT in the user's block", c)
	}
	if !strings.Contains(strings.Join(p.Notes, "\n"), "sudo sed -i.bak '1d' "+goSh) {
		t.Errorf("notes %q lack the administrator's command", p.Notes)
	}
	res, err := fix.Apply(ctx, o, p)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(goSh); string(got) != sysBefore {
		t.Fatalf("the system file changed: %q", got)
	}
	if !res.Fixed {
		t.Errorf("mismatch remains for a new login shell: %v", codes(res.Remaining))
	}
}

// A GOROOT in the GOENV file that is no Go tree breaks every go command,
// go env -u included; the fix runs go env -u GOROOT with a working GOROOT
// in its environment, the file loses exactly that line, and undo puts the
// old bytes back.
func TestGoenvBrokenGorootRecovery(t *testing.T) {
	u := newUser(t, "/bin/bash")
	goenv := u.write(".config/go/env", "GOFLAGS=-mod=mod\nGOROOT=/nonexistent\n", 0o644)
	ctx := context.Background()
	rep, _ := check.Run(ctx, envprobe.Options{Dir: u.ws, Env: u.env})
	plans, _, err := fix.Plans(ctx, u.opts(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var p *fix.Plan
	for i := range plans {
		if len(plans[i].Changes) == 1 && plans[i].Changes[0].Op == fix.OpGoEnv {
			p = &plans[i]
		}
	}
	if p == nil {
		t.Fatalf("no go env plan among %+v (findings %v)", plans, codes(rep.Findings))
	}
	if c := p.Changes[0]; c.Target != goenv || strings.Join(c.GoEnvArgs, " ") != "env -u GOROOT" || c.GoEnvRoot == "" {
		t.Fatalf("change %+v", c)
	}
	res, err := fix.Apply(ctx, u.opts(), *p)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(goenv); string(got) != "GOFLAGS=-mod=mod\n" {
		t.Fatalf("GOENV file after the fix: %q", got)
	}
	if !res.Fixed {
		t.Errorf("%s remains: %v", p.Code, codes(res.Remaining))
	}
	if _, err := fix.Undo(ctx, u.opts(), ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(goenv); string(got) != "GOFLAGS=-mod=mod\nGOROOT=/nonexistent\n" {
		t.Fatalf("GOENV file after undo: %q", got)
	}
}

// GOPATH assigned without export in the login profile: the fix adds
// `export ` on exactly that line.
func TestProfileMissingExport(t *testing.T) {
	u := newUser(t, "/bin/bash")
	profile := u.write(".bash_profile", "# x\n  GOPATH=$HOME/work # mine\n", 0o644)
	ctx := context.Background()
	plans, _, err := fix.Plans(ctx, u.opts(), []string{"profile-missing-export"})
	if err != nil || len(plans) != 1 || !plans[0].Writable() {
		t.Fatalf("plans %+v, %v", plans, err)
	}
	res, err := fix.Apply(ctx, u.opts(), plans[0])
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(profile); string(got) != "# x\n  export GOPATH=$HOME/work # mine\n" {
		t.Fatalf("profile after the fix: %q", got)
	}
	if !res.Fixed {
		t.Errorf("profile-missing-export remains: %v", codes(res.Remaining))
	}
}

// An old go first on PATH with its own tree exported as GOROOT, both from
// the profile: go-shadowed (whose first fix removes that GOROOT) and
// goroot-redundant offer the same deletion, which is one plan, not two.
func TestOneChangeOfferedTwiceIsOnePlan(t *testing.T) {
	old := testgo.Toolchain(t, testgo.Old, "", "")
	u := newUser(t, "/bin/bash")
	profile := u.write(".profile", "export GOROOT="+old+"\nexport PATH=\""+old+"/bin:$PATH\"\n", 0o644)
	u.setenv("GOROOT=" + old)
	u.setenv("PATH=" + old + "/bin:" + filepath.Join(testgo.Local(t), "bin") + ":/usr/bin:/bin")
	plans, _, err := fix.Plans(context.Background(), u.opts(), nil)
	if err != nil {
		t.Fatal(err)
	}
	deletions := 0
	for _, p := range plans {
		for _, c := range p.Changes {
			if c.Target == profile && c.Line == 1 {
				deletions++
			}
		}
	}
	if deletions != 1 {
		t.Errorf("%d plans delete %s:1, want 1; plans %+v", deletions, profile, plans)
	}
}
