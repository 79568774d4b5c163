package buildinfo

import "testing"

func TestLangOf(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"go1.22.12", "go1.22"},
		{"1.26", "go1.26"},
		{"1.26.1", "go1.26"},
		{"go1.26rc1", "go1.26"},
		{"go1.26.8 X:boringcrypto", "go1.26"},
		{"devel go1.27-abc123 Tue Nov 3 10:00:00 2026 +0000", "go1.27"},
		{"devel +abc123 Tue Nov 3 10:00:00 2026 +0000", ""},
		{"", ""},
		{"bad", ""},
	} {
		if got := langOf(tc.in); got != tc.want {
			t.Errorf("langOf(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestStaleness(t *testing.T) {
	for _, tc := range []struct {
		tool, workspace, selected string
		wantLang, wantWhy         string
	}{
		{"go1.22.12", "1.26", "go1.26.8", "go1.26", staleWorkspace},
		{"go1.22.12", "1.26", "", "go1.26", staleWorkspace},
		{"go1.22.12", "1.24", "go1.26.8", "go1.24", staleWorkspace}, // workspace wins
		{"go1.25.5", "1.24", "go1.26.8", "go1.26", staleSelected},
		{"go1.25.5", "", "go1.26.8", "go1.26", staleSelected},
		{"go1.26.1", "1.26", "go1.26.8", "", ""}, // same minor, other patch
		{"go1.26.0", "1.26.1", "go1.26.8", "", ""},
		{"go1.26rc1", "1.26", "go1.26.8", "", ""},
		{"go1.25rc2", "1.26", "", "go1.26", staleWorkspace},
		{"devel go1.27-abc123 Tue Nov 3", "1.26", "go1.26.8", "", ""},
		{"devel go1.25-abc123", "1.26", "", "go1.26", staleWorkspace},
		{"devel +abc123", "1.26", "go1.26.8", "", ""}, // cannot order: never stale
		{"go1.26.8 X:boringcrypto", "1.26", "go1.26.8", "", ""},
		{"go1.22.12", "", "", "", ""},
		{"go1.22.12", "bad", "local", "", ""},
	} {
		lang, why := staleness(tc.tool, tc.workspace, tc.selected)
		if lang != tc.wantLang || why != tc.wantWhy {
			t.Errorf("staleness(%q, %q, %q) = %q, %q; want %q, %q", tc.tool, tc.workspace, tc.selected, lang, why, tc.wantLang, tc.wantWhy)
		}
	}
}
