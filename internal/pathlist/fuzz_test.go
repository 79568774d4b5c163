package pathlist

import (
	"reflect"
	"strings"
	"testing"
)

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"", ":", "/a::/b:", `"C:\a;b";C:\c`, `;;"`, `C:\"Program Files"\Go;%GOROOT%\bin`, "\"\xff;\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		for _, goos := range []string{"linux", "windows"} {
			entries := Split(value, goos)
			if back := Split(Join(entries, goos), goos); !reflect.DeepEqual(back, entries) {
				t.Fatalf("%s: Split(Join(Split(%q))) = %q, want %q", goos, value, back, entries)
			}
			// Only separators (and Windows quotes) may disappear.
			drop := ":"
			if goos == "windows" {
				drop = `;"`
				for _, e := range entries {
					if e == "" || strings.Contains(e, `"`) {
						t.Fatalf("windows: Split(%q) has entry %q", value, e)
					}
				}
			}
			if got, want := strip(strings.Join(entries, ""), drop), strip(value, drop); got != want {
				t.Fatalf("%s: Split(%q) lost characters: %q, want %q", goos, value, got, want)
			}
			for _, e := range entries {
				Same(e, value, goos)
				UnexpandedVars(e, goos)
			}
		}
	})
}

func FuzzExpandWindows(f *testing.F) {
	for _, s := range []string{"", "%", "%%", "%A%", "%%A%%", "%A%%B%", "100% %A%", "%a%b%c%", "%%B%A%"} {
		f.Add(s)
	}
	defined := lookupIn(map[string]string{"A": `C:\a`, "B": "", "C": "x;y"})
	none := func(string) (string, bool) { return "", false }
	itself := func(name string) (string, bool) { return "%" + name + "%", true }
	f.Fuzz(func(t *testing.T, s string) {
		// With no reference defined the text comes back as it is, and a
		// name defined as its own reference changes nothing either: no
		// character is lost, doubled or moved.
		if got := ExpandWindows(s, none); got != s {
			t.Fatalf("with nothing defined ExpandWindows(%q) = %q", s, got)
		}
		if got := ExpandWindows(s, itself); got != s {
			t.Fatalf("with every name defined as itself ExpandWindows(%q) = %q", s, got)
		}
		once := ExpandWindows(s, defined)
		if strings.Count(once, "%") > strings.Count(s, "%") {
			t.Fatalf("ExpandWindows(%q) = %q made new '%%'", s, once)
		}
		// Expanding is idempotent once no reference is left. It is not in
		// general: "%%B%A%" gives "%A%", as on Windows.
		if !strings.Contains(once, "%") && ExpandWindows(once, defined) != once {
			t.Fatalf("ExpandWindows(%q) = %q is not a fixed point", s, once)
		}
	})
}

// strip removes the given ASCII bytes, byte by byte, so that invalid UTF-8
// is compared as it is.
func strip(s, chars string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(chars, s[i]) < 0 {
			b = append(b, s[i])
		}
	}
	return string(b)
}
