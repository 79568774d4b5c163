package envprobe

import "path/filepath"

// GoverningModules returns the go.work and go.mod that govern dir, as Run
// records them in Snapshot.Modules (the governing one first, Governs set).
// env nil means os.Environ(); only GOWORK is read from it.
func GoverningModules(dir string, env []string, ov Overlay) []ModuleFile {
	return findModules(dir, newEnviron(Options{Env: env}.env(), hostGOOS), ov)
}

// SelectionKey names the toolchain selection of a folder whose governing
// files are mods: the kind of the governing file with its go and toolchain
// lines. Given the same environment, folders with equal keys select the same
// toolchain and get the same findings from Run, except for where the
// module-file findings point. "" means no go.mod or go.work governs.
func SelectionKey(mods []ModuleFile) string {
	for _, m := range mods {
		if m.Governs {
			return filepath.Base(m.File) + "\x00" + m.Go + "\x00" + m.Toolchain
		}
	}
	return ""
}
