package shellprofile

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestLoginFile(t *testing.T) {
	tests := []struct {
		name               string
		sh                 Shell
		present            []string
		zdotdir, xdgConfig string
		want               string
	}{
		{"bash reads .bash_profile first", Bash, []string{".bash_profile", ".bash_login", ".profile"}, "", "", ".bash_profile"},
		{"bash falls back to .bash_login", Bash, []string{".bash_login", ".profile"}, "", "", ".bash_login"},
		{"bash falls back to .profile", Bash, []string{".profile"}, "", "", ".profile"},
		{"bash without login files gets .profile", Bash, []string{".bashrc"}, "", "", ".profile"},
		{"zsh", Zsh, nil, "", "", ".zprofile"},
		{"zsh with ZDOTDIR", Zsh, nil, "zdot", "", "zdot/.zprofile"},
		{"fish", Fish, nil, "", "", ".config/fish/conf.d/goroot-lens.fish"},
		{"fish with XDG_CONFIG_HOME", Fish, nil, "", "xdg", "xdg/fish/conf.d/goroot-lens.fish"},
		{"sh", SH, nil, "", "", ".profile"},
		{"unknown shells are sh", Unknown, nil, "", "", ".profile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := t.TempDir()
			for _, name := range tt.present {
				if err := os.WriteFile(filepath.Join(home, name), nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			abs := func(p string) string {
				if p == "" {
					return ""
				}
				return filepath.Join(home, p)
			}
			got := LoginFile(tt.sh, home, abs(tt.zdotdir), abs(tt.xdgConfig))
			if want := filepath.Join(home, filepath.FromSlash(tt.want)); got != want {
				t.Fatalf("LoginFile = %s, want %s", got, want)
			}
			// Once written, the probe's reader must read the file back.
			if err := os.MkdirAll(filepath.Dir(got), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(got, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			read := Files(tt.sh, home, abs(tt.zdotdir), abs(tt.xdgConfig))
			if !slices.ContainsFunc(read, func(f File) bool { return f.Path == got }) {
				t.Fatalf("Files does not list %s: %+v", got, read)
			}
		})
	}
}
