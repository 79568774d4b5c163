package shellprofile

import (
	"os"
	"path/filepath"
	"strings"
)

// Format is how Read parses a file.
type Format string

const (
	// FormatShell is a shell script in the language of the shell read.
	FormatShell Format = ""
	// FormatPamEnv is /etc/environment as pam_env reads it for every login
	// session: KEY=VALUE lines, quotes stripped, nothing expanded.
	FormatPamEnv Format = "pam_env"
	// FormatPaths is /etc/paths or a file in /etc/paths.d (macOS): one
	// directory per line, which path_helper puts in front of PATH.
	FormatPaths Format = "path_helper"
)

// SystemFiles returns the system-wide files a new login shell of sh reads
// on goos, in load order, each with System set and why it is read. They are
// listed under root, the file system root: "/" (or "") in production, a
// temporary folder in tests. Windows has none.
//
// Like Files it looks at the file system only to list directories
// (/etc/profile.d, /etc/paths.d, fish's conf.d folders) and where the shell
// itself decides by existence; other files are listed whether or not they
// exist. The user's own files may come between them (zsh reads /etc/zprofile
// after ~/.zshenv) and may mask some (fish): StartupFiles merges the two.
//
// The files:
//   - Linux, every shell: /etc/environment (pam_env, before any shell runs).
//   - macOS, every shell: /etc/paths and /etc/paths.d/*, which path_helper
//     (run from /etc/profile and /etc/zprofile; emulated by fish) puts in
//     front of PATH.
//   - sh and bash: /etc/profile, then /etc/profile.d/*.sh in name order when
//     /etc/profile mentions that folder (those of Debian, Ubuntu, Fedora,
//     Arch and Alpine source it in a loop at their end; macOS's does not);
//     bash then /etc/bash.bashrc (/etc/bashrc on macOS) before ~/.bashrc.
//   - zsh: zshenv, zprofile, zshrc and zlogin in /etc/zsh (Debian, Ubuntu,
//     Arch) when that folder exists, else in /etc (macOS, Fedora).
//   - fish: /etc/fish/conf.d/*.fish, /usr/share/fish/vendor_conf.d/*.fish,
//     then /etc/fish/config.fish.
func SystemFiles(sh Shell, goos string, root string) []File {
	var files []File
	for _, stage := range systemStages(sh, goos, root) {
		files = append(files, stage...)
	}
	return files
}

// StartupFiles returns every file a new login shell of sh reads on goos, the
// system-wide files under root and the user's own (see Files), merged in the
// order the shell reads them. With home "" it returns the system files only.
func StartupFiles(sh Shell, goos, root, home, zdotdir, xdgConfig string) []File {
	sys := systemStages(sh, goos, root)
	if home == "" {
		var files []File
		for _, stage := range sys {
			files = append(files, stage...)
		}
		return files
	}
	user := Files(sh, home, zdotdir, xdgConfig)
	var files []File
	switch sh.family() {
	case Bash:
		// [env, paths, /etc/profile, profile.d] login file [bash.bashrc] .bashrc
		files = append(files, sys[0]...)
		files = append(files, user[:len(user)-1]...)
		files = append(files, sys[1]...)
		files = append(files, user[len(user)-1])
	case Zsh:
		// Each system file comes right before the user's file of the same
		// name: zsh reads /etc/zprofile after ~/.zshenv.
		for i, f := range user {
			files = append(files, sys[i]...)
			files = append(files, f)
		}
	case Fish:
		// [env] fish_variables [paths] user conf.d, then the system conf.d
		// files whose names the user's do not mask, [/etc/fish/config.fish]
		// config.fish.
		files = append(files, sys[0]...)
		files = append(files, user[0])
		files = append(files, sys[1]...)
		files = append(files, user[1:len(user)-1]...)
		masked := fishConfdNames(fishConfigDir(home, xdgConfig))
		for _, f := range sys[2] {
			if !masked[filepath.Base(f.Path)] {
				files = append(files, f)
			}
		}
		files = append(files, sys[3]...)
		files = append(files, user[len(user)-1])
	default:
		files = append(append(files, sys[0]...), user...)
	}
	return files
}

// systemStages lists the system files of sh in groups that line up with
// the user's files: see StartupFiles for how each shell merges them.
func systemStages(sh Shell, goos, root string) [][]File {
	if goos == "windows" {
		switch sh.family() {
		case Zsh, Fish:
			return make([][]File, 4)
		}
		return make([][]File, 2)
	}
	if root == "" {
		root = string(filepath.Separator)
	}
	at := func(path string) string { return filepath.Join(root, filepath.FromSlash(path)) }
	sys := func(path, reason string) File {
		return File{Path: at(path), Reason: reason, System: true, root: rootField(root)}
	}
	var env, paths []File
	if goos == "linux" {
		f := sys("/etc/environment", "pam_env sets these variables for every login session, before any shell starts")
		f.Format = FormatPamEnv
		env = []File{f}
	}
	if goos == "darwin" {
		paths = pathsFiles(root, sys)
	}
	switch sh.family() {
	case Zsh:
		dir := "/etc"
		if goos != "darwin" && isDir(at("/etc/zsh")) {
			dir = "/etc/zsh"
		}
		return [][]File{
			append(env, sys(dir+"/zshenv", "zsh reads "+dir+"/zshenv in every shell, before ~/.zshenv")),
			append(paths, sys(dir+"/zprofile", "zsh login shell reads "+dir+"/zprofile before ~/.zprofile")),
			{sys(dir+"/zshrc", "interactive zsh reads "+dir+"/zshrc before ~/.zshrc")},
			{sys(dir+"/zlogin", "zsh login shell reads "+dir+"/zlogin before ~/.zlogin")},
		}
	case Fish:
		var confd []File
		seen := map[string]bool{}
		for _, dir := range []struct{ path, reason string }{
			{"/etc/fish/conf.d", "fish reads the administrator's conf.d/*.fish after the user's conf.d, unless a user file has the same name"},
			{"/usr/share/fish/vendor_conf.d", "fish reads vendor_conf.d/*.fish last of the conf.d folders, unless a file with the same name came before"},
		} {
			for _, name := range fishConfdFiles(at(dir.path)) {
				if !seen[name] {
					seen[name] = true
					confd = append(confd, sys(dir.path+"/"+name, dir.reason))
				}
			}
		}
		return [][]File{env, paths, confd, {sys("/etc/fish/config.fish", "fish reads /etc/fish/config.fish before the user's config.fish")}}
	}
	login := append(env, paths...)
	login = append(login, sys("/etc/profile", "sh and bash login shells read /etc/profile before the user's profile"))
	if sourcesProfileD(at("/etc/profile")) {
		entries, _ := os.ReadDir(at("/etc/profile.d")) // sorted by name, like the shell's glob in the C locale
		for _, e := range entries {
			path := at("/etc/profile.d/" + e.Name())
			if strings.HasSuffix(e.Name(), ".sh") && !strings.HasPrefix(e.Name(), ".") && isFile(path) {
				login = append(login, sys("/etc/profile.d/"+e.Name(), "/etc/profile sources every /etc/profile.d/*.sh, in name order"))
			}
		}
	}
	if sh.family() != Bash {
		return [][]File{login}
	}
	bashrc := "/etc/bash.bashrc"
	if goos == "darwin" {
		bashrc = "/etc/bashrc"
	}
	return [][]File{login, {sys(bashrc, "interactive bash reads "+bashrc+" before ~/.bashrc; /etc/profile often sources it too")}}
}

// sourcesProfileD reports whether the /etc/profile at path sources the
// /etc/profile.d scripts, as those of Debian, Ubuntu, Fedora, Arch and Alpine
// do in a glob loop the reader cannot follow. Other systems' (macOS's,
// NixOS's) do not mention the folder, and then its files are not listed.
func sourcesProfileD(path string) bool {
	src, err := readProfile(path) // a regular file of sane size only
	return err == nil && strings.Contains(string(src), "/etc/profile.d")
}

// rootField is File.root for root: "" stands for "/".
func rootField(root string) string {
	if filepath.Clean(root) == string(filepath.Separator) {
		return ""
	}
	return root
}

// pathsFiles lists /etc/paths and the regular files of /etc/paths.d in
// path_helper's order. path_helper walks them with fts(3) without following
// links and reads only regular files, so links, FIFOs and folders there are
// not listed: they add nothing to PATH.
func pathsFiles(root string, sys func(path, reason string) File) []File {
	const reason = "path_helper (run from /etc/profile and /etc/zprofile) puts the directories of /etc/paths, then /etc/paths.d/*, in front of PATH"
	files := []File{sys("/etc/paths", reason)}
	entries, _ := os.ReadDir(filepath.Join(root, "etc", "paths.d"))
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	sortPathHelper(names)
	for _, name := range names {
		files = append(files, sys("/etc/paths.d/"+name, reason))
	}
	for i := range files {
		files[i].Format = FormatPaths
	}
	return files
}

// sortPathHelper sorts names the way path_helper's find_compare does: two
// names that both start with a number by that number, then by the rest;
// anything else by name (strcoll in the C locale).
func sortPathHelper(names []string) {
	less := func(a, b string) bool {
		na, ra, okA := leadingNumber(a)
		nb, rb, okB := leadingNumber(b)
		if okA && okB {
			if na != nb {
				return na < nb
			}
			return ra < rb
		}
		return a < b
	}
	for i := 1; i < len(names); i++ { // insertion sort: a handful of names
		for j := i; j > 0 && less(names[j], names[j-1]); j-- {
			names[j], names[j-1] = names[j-1], names[j]
		}
	}
}

// leadingNumber parses the decimal digits at the start of s, as strtol
// does for the names path_helper compares.
func leadingNumber(s string) (n uint64, rest string, ok bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		if n < 1<<60 {
			n = n*10 + uint64(s[i]-'0')
		}
		i++
	}
	return n, s[i:], i > 0
}

// fishConfigDir is $XDG_CONFIG_HOME/fish, as in fishFiles.
func fishConfigDir(home, xdgConfig string) string {
	if xdgConfig == "" {
		xdgConfig = filepath.Join(home, ".config")
	}
	return filepath.Join(xdgConfig, "fish")
}

// fishConfdFiles lists the *.fish regular files of dir in name order. fish
// also skips what is not a regular file ([ -f $file ]), which lets a user
// mask a snippet with a link to /dev/null.
func fishConfdFiles(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".fish") {
			if info, err := os.Stat(filepath.Join(dir, e.Name())); err == nil && info.Mode().IsRegular() {
				names = append(names, e.Name())
			}
		}
	}
	return names
}

// fishConfdNames is every *.fish name in the user's conf.d, readable or
// not: fish sources only the first file of each name, so any of them masks
// the administrator's and vendors' files of that name.
func fishConfdNames(configDir string) map[string]bool {
	names := map[string]bool{}
	entries, _ := os.ReadDir(filepath.Join(configDir, "conf.d"))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".fish") {
			names[e.Name()] = true
		}
	}
	return names
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// inHome reports whether path is $HOME or lies inside it.
func (r *reader) inHome(path string) bool {
	if r.home == "" {
		return false
	}
	home := filepath.Clean(r.home)
	path = filepath.Clean(path)
	return path == home || strings.HasPrefix(path, home+string(filepath.Separator))
}

// underEtc reports whether path lies in root's /etc ("" root: "/").
func underEtc(path, root string) bool {
	if root == "" {
		root = string(filepath.Separator)
	}
	etc := filepath.Join(root, "etc") + string(filepath.Separator)
	return strings.HasPrefix(filepath.Clean(path), etc)
}
