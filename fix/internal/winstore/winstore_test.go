package winstore

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goroot-lens/goroot-lens/internal/pathlist"
	"github.com/goroot-lens/goroot-lens/internal/winenv"
)

func TestTypeFor(t *testing.T) {
	const sz, ex = winenv.TypeSZ, winenv.TypeExpandSZ
	for _, c := range []struct{ text, existing, want string }{
		{`%USERPROFILE%\go\bin`, "", ex},
		{`C:\Go\bin;%GOPATH%\bin`, sz, ex}, // a REG_SZ that needs expanding
		{`%ProgramFiles(x86)%\Go\bin`, sz, ex},
		{`C:\Go\bin`, "", sz},
		{`C:\Go\bin`, sz, sz},
		{`C:\Go\bin`, ex, ex}, // kept: see TypeFor
		{`C:\Go\bin`, "REG_4", sz},
		{`100%`, "", sz},          // a lone percent sign
		{`50% or 60%`, "", sz},    // prose, not a reference
		{`$GOPATH\bin`, "", sz},   // Windows never expands $NAME
		{`${env:GOPATH}`, ex, ex}, // nor this, but the type was chosen
	} {
		if got := TypeFor(c.text, c.existing); got != c.want {
			t.Errorf("TypeFor(%q, %q) = %q, want %q", c.text, c.existing, got, c.want)
		}
	}
}

// Refusals come before the registry, so they are the same everywhere; the
// Windows tests check that nothing was written.
func TestRefused(t *testing.T) {
	long := strings.Repeat("x", pathlist.WinPathLimitVar+1)
	longUTF16 := strings.Repeat("😀", pathlist.WinPathLimitVar/2+1) // two units each
	for _, c := range []struct{ name, text, typ string }{
		{"GOROOTLENS_TEST_REFUSED", "a\x00b", winenv.TypeSZ},
		{"GOROOTLENS_TEST_REFUSED", "a\rb", winenv.TypeSZ},
		{"GOROOTLENS_TEST_REFUSED", "a\nb", winenv.TypeExpandSZ},
		{"GOROOTLENS_TEST_REFUSED", long, winenv.TypeSZ},
		{"GOROOTLENS_TEST_REFUSED", longUTF16, winenv.TypeSZ},
		{"GOROOTLENS_TEST_REFUSED", "x", "REG_4"},
		{"GOROOTLENS_TEST_REFUSED", "x", "reg_sz"},
		{"GOROOTLENS_TEST_REFUSED", "x", ""},
		{"", "x", winenv.TypeSZ},
		{"A=B", "x", winenv.TypeSZ},
		{"A\x00B", "x", winenv.TypeSZ},
	} {
		if err := Set(c.name, c.text, c.typ); !errors.Is(err, ErrInvalid) {
			t.Errorf("Set(%q, %.20q, %q) = %v, want ErrInvalid", c.name, c.text, c.typ, err)
		}
	}
	for _, name := range []string{"", "A=B"} {
		if _, err := Read(name); !errors.Is(err, ErrInvalid) {
			t.Errorf("Read(%q) = %v, want ErrInvalid", name, err)
		}
		if err := Delete(name); !errors.Is(err, ErrInvalid) {
			t.Errorf("Delete(%q) = %v, want ErrInvalid", name, err)
		}
	}
}

// The package must not be able to write the system environment: no source
// file may name the machine hive at all.
func TestNoMachineHive(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sources found: %v", err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"LOCAL_MACHINE", "0x80000002", "HKLM"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s mentions %s", f, bad)
			}
		}
	}
}

func TestBroadcastCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Broadcast(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Broadcast(canceled) = %v, want context.Canceled", err)
	}
}
