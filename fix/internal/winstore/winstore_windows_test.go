package winstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"

	"github.com/goroot-lens/goroot-lens/internal/pathlist"
	"github.com/goroot-lens/goroot-lens/internal/winenv"
)

// These tests write the real HKCU\Environment (under Wine in CI: see
// scripts/wine-test.sh). Names carry the process id so that leftovers of a
// killed run cannot collide; t.Cleanup deletes every value a test creates,
// and every test checks that the system environment did not change.

const sz, ex = winenv.TypeSZ, winenv.TypeExpandSZ

// childVars, when set, makes the test binary a child process that prints
// the named variables of its environment (see TestMain).
const childVars = "GOROOTLENS_WINSTORE_CHILD_VARS"

func TestMain(m *testing.M) {
	if names := os.Getenv(childVars); names != "" {
		for n := range strings.SplitSeq(names, ",") {
			if v, ok := os.LookupEnv(n); ok {
				fmt.Printf("%s=%s\n", n, v)
			}
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// start guards the system environment for the whole test: its cleanup is
// registered first, so it runs after every value of the test is deleted.
// Wine runs as an administrator, so a stray system write would succeed.
func start(t *testing.T) {
	t.Helper()
	_, before, err := winenv.Read()
	if err != nil {
		t.Fatalf("winenv.Read: %v", err)
	}
	t.Cleanup(func() {
		_, after, err := winenv.Read()
		if err != nil || !slices.Equal(before, after) {
			t.Errorf("system environment changed (err %v):\nbefore %+v\nafter  %+v", err, before, after)
		}
	})
}

// testName returns a unique user variable name that is deleted after t.
func testName(t *testing.T, suffix string) string {
	t.Helper()
	name := fmt.Sprintf("GOROOTLENS_TEST_%d_%s", os.Getpid(), suffix)
	t.Cleanup(func() {
		if err := Delete(name); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	})
	return name
}

func mustSet(t *testing.T, name, text, typ string) {
	t.Helper()
	if err := Set(name, text, typ); err != nil {
		t.Fatalf("Set(%q, %q, %s): %v", name, text, typ, err)
	}
}

func check(t *testing.T, name string, want Value) {
	t.Helper()
	got, err := Read(name)
	if err != nil || got != want {
		t.Errorf("Read(%q) = %+v, %v; want %+v", name, got, err, want)
	}
}

func TestSetReadRoundTrip(t *testing.T) {
	start(t)
	for _, typ := range []string{sz, ex} {
		name := testName(t, typ)
		text := `%USERPROFILE%\go\bin;C:\Program Files\Go\bin` // kept literally by both types
		mustSet(t, name, text, typ)
		check(t, name, Value{name, text, typ, true})
	}
	dword := testName(t, "DWORD")
	k, err := registry.OpenKey(registry.CURRENT_USER, userSubkey, registry.SET_VALUE)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	if err := k.SetDWordValue(dword, 1); err != nil {
		t.Fatal(err)
	}
	check(t, dword, Value{dword, "", "REG_4", true})
}

func TestSetWithTypeFor(t *testing.T) {
	start(t)
	t.Run("reference needs REG_EXPAND_SZ", func(t *testing.T) {
		name, text := testName(t, "GOBIN"), `%USERPROFILE%\go\bin`
		mustSet(t, name, text, TypeFor(text, ""))
		check(t, name, Value{name, text, ex, true})
	})
	t.Run("REG_EXPAND_SZ kept for plain text", func(t *testing.T) {
		name := testName(t, "KEEP")
		mustSet(t, name, `%USERPROFILE%\go\bin`, ex)
		mustSet(t, name, `C:\Go\bin`, TypeFor(`C:\Go\bin`, ex))
		check(t, name, Value{name, `C:\Go\bin`, ex, true})
	})
	t.Run("REG_SZ Path with a reference repaired", func(t *testing.T) {
		// What `setx PATH` and some installers leave: %GOPATH% stays literal.
		name, text := testName(t, "PATH"), `C:\Go\bin;%GOPATH%\bin`
		mustSet(t, name, text, sz)
		v, err := Read(name)
		if err != nil || v.Type != sz {
			t.Fatalf("Read = %+v, %v", v, err)
		}
		mustSet(t, v.Name, v.Text, TypeFor(v.Text, v.Type))
		check(t, name, Value{name, text, ex, true})
	})
}

func TestDeleteAndMissing(t *testing.T) {
	start(t)
	name := testName(t, "DEL")
	check(t, name, Value{Name: name})
	if err := Delete(name); err != nil {
		t.Errorf("Delete of a missing value: %v", err)
	}
	mustSet(t, name, "x", sz)
	if err := Delete(name); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	check(t, name, Value{Name: name})
}

func TestNameCase(t *testing.T) {
	start(t)
	name := testName(t, "MixedCase")
	mustSet(t, name, "one", sz)
	check(t, strings.ToUpper(name), Value{name, "one", sz, true})
	mustSet(t, strings.ToLower(name), "two", ex)
	check(t, strings.ToUpper(name), Value{name, "two", ex, true})

	k, err := registry.OpenKey(registry.CURRENT_USER, userSubkey, registry.QUERY_VALUE)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	names, err := k.ReadValueNames(-1)
	if err != nil {
		t.Fatal(err)
	}
	var same []string
	for _, n := range names {
		if strings.EqualFold(n, name) {
			same = append(same, n)
		}
	}
	if !slices.Equal(same, []string{name}) {
		t.Errorf("stored names %q, want just %q", same, name)
	}
	if err := Delete(strings.ToLower(name)); err != nil {
		t.Fatal(err)
	}
	check(t, name, Value{Name: name})
}

func TestRefusedWritesNothing(t *testing.T) {
	start(t)
	name := testName(t, "REFUSED")
	for _, text := range []string{"a\x00b", "a\r\nb", strings.Repeat("x", pathlist.WinPathLimitVar+1)} {
		if err := Set(name, text, sz); !errors.Is(err, ErrInvalid) {
			t.Errorf("Set(%.20q) = %v, want ErrInvalid", text, err)
		}
	}
	check(t, name, Value{Name: name})
	mustSet(t, name, "good", sz)
	if err := Set(name, "bad\x00", ex); !errors.Is(err, ErrInvalid) {
		t.Errorf("Set(NUL) = %v, want ErrInvalid", err)
	}
	check(t, name, Value{name, "good", sz, true})
	// The longest allowed value is stored whole.
	long := strings.Repeat("x", pathlist.WinPathLimitVar)
	mustSet(t, name, long, sz)
	check(t, name, Value{name, long, sz, true})
}

func TestBroadcastReceived(t *testing.T) {
	got := listenSettingChange(t)
	if err := Broadcast(context.Background()); err != nil {
		t.Fatalf("Broadcast: %v", err)
	}
	// SendMessageTimeout returns once every window handled the message, so
	// it should be here already; the timeout only bounds a surprise.
	timeout := time.After(5 * time.Second)
	for {
		select {
		case s := <-got:
			if s == "Environment" {
				return
			}
			t.Logf("another WM_SETTINGCHANGE: %q", s)
		case <-timeout:
			if underWine() {
				t.Skip("Wine did not deliver the broadcast to this process's top-level window (null graphics driver not set in the prefix?)")
			}
			t.Fatal("WM_SETTINGCHANGE \"Environment\" not received by a top-level window")
		}
	}
}

func TestNewProcessSeesValue(t *testing.T) {
	start(t)
	name := testName(t, "X")
	mustSet(t, name, `%USERPROFILE%\goroot-lens-x`, ex)
	entry := fmt.Sprintf(`%%USERPROFILE%%\goroot-lens-%d\bin`, os.Getpid())
	appendUserPath(t, entry)
	if err := Broadcast(context.Background()); err != nil {
		t.Fatalf("Broadcast: %v", err)
	}
	profile := os.Getenv("USERPROFILE")
	if profile == "" {
		t.Fatal("USERPROFILE is not set")
	}
	wantX, wantEntry := profile+`\goroot-lens-x`, strings.ReplaceAll(entry, "%USERPROFILE%", profile)
	if v, ok := os.LookupEnv(name); ok {
		t.Errorf("this process already has %s=%q: a running process must not change", name, v)
	}
	// differences lists how an environment falls short of the two changes.
	differences := func(lookup func(string) string) []string {
		var out []string
		if v := lookup(name); v != wantX {
			out = append(out, fmt.Sprintf("%s = %q, want %q", name, v, wantX))
		}
		if path := lookup("Path"); !slices.Contains(pathlist.Split(path, "windows"), wantEntry) {
			out = append(out, fmt.Sprintf("Path = %q, want it to hold %q", path, wantEntry))
		}
		return out
	}

	t.Run("winenv.NewProcessEnv", func(t *testing.T) {
		user, system, err := winenv.Read()
		if err != nil {
			t.Fatal(err)
		}
		base := map[string]string{}
		for _, n := range []string{"SystemRoot", "SystemDrive", "USERPROFILE", "USERNAME", "ALLUSERSPROFILE", "ProgramData", "PUBLIC"} {
			if v, ok := os.LookupEnv(n); ok {
				base[n] = v
			}
		}
		env := winenv.NewProcessEnv(user, system, base)
		for _, d := range differences(func(n string) string { return env[strings.ToUpper(n)].Value }) {
			t.Error(d)
		}
	})

	// What a new logon or Explorer gives a program: the block Windows builds
	// from the registry for this user, and a child process started with it.
	// Wine 8 builds it from the registry too, so the new value must be there,
	// but it sets USERPROFILE only after the user values (so %USERPROFILE%
	// stays literal) and leaves the user Path out: those differences skip.
	fresh := func(t *testing.T, env []string) {
		t.Helper()
		if lookupIn(env, name) == "" {
			t.Fatalf("%s is not in the new environment %q", name, env)
		}
		d := differences(func(n string) string { return lookupIn(env, n) })
		if len(d) > 0 && underWine() {
			t.Skipf("Wine differs from Windows: %s", strings.Join(d, "; "))
		}
		for _, d := range d {
			t.Error(d)
		}
	}
	block := environmentBlock(t)
	t.Run("CreateEnvironmentBlock", func(t *testing.T) { fresh(t, block) })
	t.Run("child process", func(t *testing.T) {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(slices.Clone(block), childVars+"="+name+",Path")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("child: %v", err)
		}
		fresh(t, strings.Split(strings.TrimSpace(strings.ReplaceAll(string(out), "\r\n", "\n")), "\n"))
	})
}

// appendUserPath appends entry to the user Path as a fix would, and restores
// the Path (or its absence) after t.
func appendUserPath(t *testing.T, entry string) {
	t.Helper()
	old, err := Read("Path")
	if err != nil {
		t.Fatal(err)
	}
	if old.Present && old.Type != sz && old.Type != ex {
		t.Skipf("user Path has type %s", old.Type)
	}
	t.Cleanup(func() {
		err := Delete("Path")
		if old.Present {
			err = Set(old.Name, old.Text, old.Type)
		}
		if err != nil {
			t.Errorf("restore user Path: %v", err)
		}
	})
	text := entry
	if old.Text != "" {
		text = old.Text + ";" + entry
	}
	mustSet(t, "Path", text, TypeFor(text, old.Type))
}

// environmentBlock is CreateEnvironmentBlock's environment for this user,
// not inheriting this process's.
func environmentBlock(t *testing.T) []string {
	t.Helper()
	var tok windows.Token
	err := windows.OpenProcessToken(windows.CurrentProcess(), windows.TOKEN_QUERY|windows.TOKEN_DUPLICATE|windows.TOKEN_IMPERSONATE, &tok)
	if err != nil {
		t.Fatalf("OpenProcessToken: %v", err)
	}
	defer tok.Close()
	env, err := tok.Environ(false)
	if err != nil {
		t.Fatalf("CreateEnvironmentBlock: %v", err)
	}
	return env
}

// lookupIn finds a variable in an environment list, ignoring case as
// Windows does.
func lookupIn(env []string, name string) string {
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

func underWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}
