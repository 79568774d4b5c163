package shellprofile

import "path/filepath"

// LoginFile is the file that receives the managed block for shell sh: one
// that a login shell reads, so that the block reaches every process of the
// session, editors launched from the desktop included where the session
// sources it. home is $HOME, zdotdir $ZDOTDIR ("" means home), xdgConfig
// $XDG_CONFIG_HOME ("" means home/.config), as for shellprofile.Files.
//
//   - bash: the login file bash reads, which is the first existing of
//     ~/.bash_profile, ~/.bash_login and ~/.profile. Writing to any other
//     would either go unread or, by creating ~/.bash_profile, hide the
//     ~/.profile bash used to read. When none exists, ~/.profile: bash reads
//     it, and so do sh and many graphical sessions, whereas a new
//     ~/.bash_profile would silently hide a ~/.profile that an installer
//     (rustup, nix, ...) creates later.
//   - zsh: $ZDOTDIR/.zprofile. Not .zshenv: on macOS /etc/zprofile runs
//     path_helper after .zshenv and moves system directories back in front,
//     undoing a PATH change there; .zshrc is not read by non-interactive
//     login shells.
//   - fish: $XDG_CONFIG_HOME/fish/conf.d/goroot-lens.fish, a file of its own
//     that is nothing but the block, read by every fish before config.fish.
//   - sh, dash, ksh and unknown shells: ~/.profile.
func LoginFile(sh Shell, home, zdotdir, xdgConfig string) string {
	switch sh.family() {
	case Bash:
		for _, name := range []string{".bash_profile", ".bash_login", ".profile"} {
			if p := filepath.Join(home, name); isFile(p) {
				return p
			}
		}
		return filepath.Join(home, ".profile")
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
