package envprobe_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goroot-lens/goroot-lens/internal/testgo"
	"github.com/goroot-lens/goroot-lens/probes/envprobe"
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// debianProfile is Debian's /etc/profile: it replaces PATH for every login
// shell and sources /etc/profile.d/*.sh.
const debianProfile = `if [ "$(id -u)" -eq 0 ]; then
  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
else
  PATH="/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"
fi
export PATH

if [ "${PS1-}" ]; then
  if [ "${BASH-}" ] && [ "$BASH" != "/bin/sh" ]; then
    if [ -f /etc/bash.bashrc ]; then
      . /etc/bash.bashrc
    fi
  fi
fi

if [ -d /etc/profile.d ]; then
  for i in /etc/profile.d/*.sh; do
    if [ -r $i ]; then
      . $i
    fi
  done
  unset i
fi
`

// runWithRoot runs the scenario with its system files under root.
func (s *scenario) runWithRoot(root string) *envprobe.Snapshot {
	s.t.Helper()
	var env []string
	for k, v := range s.env {
		env = append(env, k+"="+v)
	}
	snap, err := envprobe.Run(context.Background(), envprobe.Options{Dir: s.ws, Env: env, Settings: s.settings, Timeout: s.timeout, SystemRoot: root})
	if err != nil {
		s.t.Fatalf("Run: %v", err)
	}
	assertChinese(s.t, snap)
	return snap
}

// systemRoot makes a Debian-like root with extra files (path → content).
func systemRoot(t *testing.T, extra map[string]string) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{"etc/profile": debianProfile, "etc/bash.bashrc": "# System-wide .bashrc\n", "etc/environment": ""}
	for k, v := range extra {
		files[k] = v
	}
	for rel, content := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// noFixEdits asserts that no fix of f writes to a system file: the one
// that points at it is the administrator's command (advice, store
// system-file), and the preferred fix is that one — which the fix engine
// carries out as the user-level override in the user's own profile.
func noFixEdits(t *testing.T, f findings.Finding, file string) {
	t.Helper()
	admin := false
	for _, fix := range f.Fixes {
		if fix.Location == nil || fix.Location.File != file {
			continue
		}
		if fix.Kind != findings.FixCommand || fix.Store != findings.StoreSystemFile || !strings.HasPrefix(fix.Command, "sudo ") {
			t.Errorf("%s: fix %s (%s, %s) edits the system file %s", f.Code, fix.ID, fix.Kind, fix.Store, file)
		}
		admin = true
	}
	if !admin {
		t.Errorf("%s: no administrator's command for %s in %+v", f.Code, file, f.Fixes)
	}
}

// The administrator's /etc/profile.d/go.sh sets GOROOT to an older Go: the
// finding names that file and line, not just "process environment".
func TestSystemProfileGorootMismatch(t *testing.T) {
	s := newScenario(t)
	old := testgo.Toolchain(t, testgo.Old, "", "")
	root := systemRoot(t, map[string]string{
		"etc/profile.d/go.sh": "# Go for every user\nexport GOROOT=" + old + "\nexport PATH=$PATH:$GOROOT/bin\n",
	})
	goSh := filepath.Join(root, "etc", "profile.d", "go.sh")
	s.env["GOROOT"] = old
	snap := s.runWithRoot(root)
	f := find(t, snap, findings.GorootEnvMismatch, findings.Error)
	evidence(t, f, "system profile "+goSh+":2", old, testgo.Old)
	noFixEdits(t, f, goSh)
	if !strings.Contains(snap.Toolchain.GOROOTSource, "system profile "+goSh+":2") {
		t.Errorf("GOROOT source %q does not name %s:2", snap.Toolchain.GOROOTSource, goSh)
	}
	var seen bool
	for _, v := range snap.Variables {
		if v.Name == "GOROOT" && v.File == goSh {
			seen = true
			if v.SourceKind != envprobe.SourceSystemProfile || v.Line != 2 || v.Value != old {
				t.Errorf("variable %+v", v)
			}
		}
	}
	if !seen {
		t.Errorf("no GOROOT variable from %s: %+v", goSh, snap.Variables)
	}
	// The system file is no profile of the user's: no missing-export or
	// conflict finding can point into it.
	for _, g := range snap.Findings {
		if g.Location != nil && g.Location.File == goSh && (g.Code == findings.ProfileMissingExport || g.Code == findings.ProfileConflict) {
			t.Errorf("%s points into the system file", g.Code)
		}
	}
}

// pam_env's /etc/environment sets GOROOT to a folder that is no Go tree.
func TestSystemEnvironmentGorootInvalid(t *testing.T) {
	s := newScenario(t)
	root := systemRoot(t, map[string]string{"etc/environment": "# pam_env\nGOROOT=\"/nonexistent\"\n"})
	env := filepath.Join(root, "etc", "environment")
	s.env["GOROOT"] = "/nonexistent"
	snap := s.runWithRoot(root)
	f := find(t, snap, findings.GorootInvalid, findings.Error)
	evidence(t, f, "system file "+env+":2")
	noFixEdits(t, f, env)
}

// The user's own profile sets the same GOROOT as the system file: the
// finding names the user's line, which the user can change.
func TestSystemAndUserSetTheSameGoroot(t *testing.T) {
	s := newScenario(t)
	local := testgo.Local(t)
	root := systemRoot(t, map[string]string{"etc/profile.d/go.sh": "export GOROOT=" + local + "\n"})
	p := s.write(".bash_profile", "export GOROOT="+local+"\n")
	s.env["GOROOT"] = local
	f := find(t, s.runWithRoot(root), findings.GorootRedundant, findings.Info)
	evidence(t, f, "shell profile "+p+":1")
}

// A Debian-like root adds no noise to a clean machine, whose PATH holds
// what Debian's /etc/profile puts there (for root and for other users).
func TestCleanMachineWithDebianRoot(t *testing.T) {
	s := newScenario(t)
	s.env["PATH"] = filepath.Join(testgo.Local(t), "bin") + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/local/games:/usr/games"
	snap := s.runWithRoot(systemRoot(t, nil))
	for _, f := range snap.Findings {
		if f.Severity != findings.Info {
			t.Errorf("clean machine: %s %s: %s", f.Severity, f.Code, f.Message)
		}
	}
}
