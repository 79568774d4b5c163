package shellprofile

import (
	"os"
	"path/filepath"
	"strings"
)

// File is one startup file and why the shell reads it.
type File struct {
	Path   string
	Reason string
	// System marks a system-wide file (/etc/profile, /etc/environment, …):
	// it belongs to the administrator, and the user cannot edit it. What it
	// sets can only be overridden in the user's own files.
	System bool
	// Format says how Read parses the file; the zero value is a shell script
	// in the language of the shell.
	Format Format
	// root is the file system root that SystemFiles listed the file under,
	// "" for "/". Absolute paths a system file sources are taken under it, so
	// a test root never reaches the machine's real /etc.
	root string
}

// Files returns the profile files a new login shell of sh reads, in load
// order, with why each is read. Only the user's own files are listed, not
// /etc ones (see SystemFiles, and StartupFiles for both). home is $HOME;
// zdotdir is $ZDOTDIR ("" means home); xdgConfig is $XDG_CONFIG_HOME (""
// means home/.config).
//
// Files looks at the file system only where the shell itself decides by
// existence: bash's choice among its login files and fish's conf.d listing.
// Other files are listed whether or not they exist; Read skips missing ones.
func Files(sh Shell, home, zdotdir, xdgConfig string) []File {
	switch sh.family() {
	case Bash:
		return bashFiles(home)
	case Zsh:
		return zshFiles(home, zdotdir)
	case Fish:
		return fishFiles(home, xdgConfig)
	}
	return []File{{
		Path:   filepath.Join(home, ".profile"),
		Reason: "sh (dash, ksh) login shell reads ~/.profile",
	}}
}

func bashFiles(home string) []File {
	const loginReason = "bash login shell reads the first of ~/.bash_profile, ~/.bash_login, ~/.profile"
	var files []File
	for _, name := range []string{".bash_profile", ".bash_login", ".profile"} {
		path := filepath.Join(home, name)
		if isFile(path) {
			files = append(files, File{Path: path, Reason: loginReason})
			break
		}
	}
	return append(files, File{
		Path: filepath.Join(home, ".bashrc"),
		Reason: "read by interactive non-login bash shells such as most terminal emulators " +
			"and the VS Code terminal on Linux; also often sourced from ~/.bash_profile",
	})
}

func zshFiles(home, zdotdir string) []File {
	if zdotdir == "" {
		zdotdir = home
	}
	return []File{
		{Path: filepath.Join(zdotdir, ".zshenv"), Reason: "zsh reads $ZDOTDIR/.zshenv in every shell"},
		{Path: filepath.Join(zdotdir, ".zprofile"), Reason: "zsh login shell reads $ZDOTDIR/.zprofile"},
		{Path: filepath.Join(zdotdir, ".zshrc"), Reason: "interactive zsh reads $ZDOTDIR/.zshrc"},
		{Path: filepath.Join(zdotdir, ".zlogin"), Reason: "zsh login shell reads $ZDOTDIR/.zlogin last"},
	}
}

func fishFiles(home, xdgConfig string) []File {
	if xdgConfig == "" {
		xdgConfig = filepath.Join(home, ".config")
	}
	dir := filepath.Join(xdgConfig, "fish")
	// Universal variables (set -U, and fish_add_path by default) live in
	// fish_variables, not in any script, and are loaded before config runs.
	files := []File{{
		Path:   filepath.Join(dir, "fish_variables"),
		Reason: "fish universal variables (set -U, fish_add_path), loaded before any config file",
	}}
	// os.ReadDir, not filepath.Glob: a home such as /home/a[1] is not a pattern.
	confd := filepath.Join(dir, "conf.d")
	entries, _ := os.ReadDir(confd) // sorted by name, as fish sorts them
	for _, entry := range entries {
		path := filepath.Join(confd, entry.Name())
		if strings.HasSuffix(entry.Name(), ".fish") && isFile(path) {
			files = append(files, File{Path: path, Reason: "fish reads every conf.d/*.fish, in name order, before config.fish"})
		}
	}
	return append(files, File{Path: filepath.Join(dir, "config.fish"), Reason: "fish reads config.fish in every shell"})
}

func isFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir()
}
