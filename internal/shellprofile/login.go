package shellprofile

import "path/filepath"

// LoginFile is the one file goroot-lens writes its managed block into for a
// login shell of sh: a file that every new login shell of that family reads,
// and that the user owns.
//
//   - bash: the first existing of ~/.bash_profile, ~/.bash_login, ~/.profile
//     (bash reads only that one); ~/.bash_profile when none exists, which
//     then hides no other file;
//   - zsh: $ZDOTDIR/.zprofile (ZDOTDIR defaults to home), read by login
//     shells after .zshenv;
//   - fish: $XDG_CONFIG_HOME/fish/conf.d/goroot-lens.fish, a file of its own
//     that fish reads at every start;
//   - sh, dash, ksh and unknown shells: ~/.profile.
func LoginFile(sh Shell, home, zdotdir, xdgConfig string) string {
	switch sh.family() {
	case Bash:
		for _, name := range []string{".bash_profile", ".bash_login", ".profile"} {
			if p := filepath.Join(home, name); isFile(p) {
				return p
			}
		}
		return filepath.Join(home, ".bash_profile")
	case Zsh:
		if zdotdir == "" {
			zdotdir = home
		}
		return filepath.Join(zdotdir, ".zprofile")
	case Fish:
		if xdgConfig == "" {
			xdgConfig = filepath.Join(home, ".config")
		}
		return filepath.Join(xdgConfig, "fish", "conf.d", "goroot-lens.fish")
	}
	return filepath.Join(home, ".profile")
}
