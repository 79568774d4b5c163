package buildinfo

import (
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"os"
)

// runsHere says whether a program built for goos/goarch can run on the host,
// and through which translation layer when not natively. Only certain
// failures count: 386 on a 64-bit Linux kernel (needs 32-bit support) and 32-bit
// arm on arm64 Linux (needs AArch32 support) usually run, so they pass.
// An unknown platform passes too.
func runsHere(goos, goarch, hostOS, hostArch string) (ok bool, emulation string) {
	if goos == "" || goarch == "" {
		return true, ""
	}
	if goos != hostOS {
		return false, ""
	}
	if goarch == hostArch {
		return true, ""
	}
	switch hostOS {
	case "darwin":
		if hostArch == "arm64" && goarch == "amd64" {
			return true, "Rosetta 2"
		}
	case "windows":
		switch {
		case hostArch == "amd64" && goarch == "386":
			return true, "WoW64"
		case hostArch == "arm64" && (goarch == "amd64" || goarch == "386"):
			return true, "Windows on Arm x86/x64 emulation"
		}
	default:
		if (hostArch == "amd64" && goarch == "386") || (hostArch == "arm64" && goarch == "arm") {
			return true, ""
		}
	}
	return false, ""
}

// Where GOOS/GOARCH of a Binary came from.
const (
	fromSettings = "build settings"
	fromELF      = "ELF header"
	fromPE       = "PE header"
	fromMachO    = "Mach-O header"
)

// platformFromHeader reads GOOS/GOARCH from the executable format, for
// binaries whose build info has no GOOS/GOARCH settings (Go before 1.18).
// ELF files say nothing certain about the OS: OSABI names FreeBSD, NetBSD and
// OpenBSD when set; anything else is taken for linux.
func platformFromHeader(path string) (goos, goarch, from string) {
	f, err := os.Open(path)
	if err != nil {
		return "", "", ""
	}
	defer f.Close()
	if ef, err := elf.NewFile(f); err == nil {
		switch ef.OSABI {
		case elf.ELFOSABI_FREEBSD:
			goos = "freebsd"
		case elf.ELFOSABI_NETBSD:
			goos = "netbsd"
		case elf.ELFOSABI_OPENBSD:
			goos = "openbsd"
		default:
			goos = "linux"
		}
		return goos, elfArch(ef), fromELF
	}
	if pf, err := pe.NewFile(f); err == nil {
		return "windows", peArch(pf.Machine), fromPE
	}
	if mf, err := macho.NewFile(f); err == nil {
		return "darwin", machoArch(mf.Cpu), fromMachO
	}
	if ff, err := macho.NewFatFile(f); err == nil && len(ff.Arches) > 0 {
		return "darwin", machoArch(ff.Arches[0].Cpu), fromMachO
	}
	return "", "", ""
}

func elfArch(f *elf.File) string {
	le := f.ByteOrder.String() == "LittleEndian"
	is64 := f.Class == elf.ELFCLASS64
	switch f.Machine {
	case elf.EM_X86_64:
		return "amd64"
	case elf.EM_386:
		return "386"
	case elf.EM_AARCH64:
		return "arm64"
	case elf.EM_ARM:
		return "arm"
	case elf.EM_RISCV:
		return "riscv64"
	case elf.EM_LOONGARCH:
		return "loong64"
	case elf.EM_S390:
		return "s390x"
	case elf.EM_PPC64:
		if le {
			return "ppc64le"
		}
		return "ppc64"
	case elf.EM_MIPS:
		switch {
		case is64 && le:
			return "mips64le"
		case is64:
			return "mips64"
		case le:
			return "mipsle"
		}
		return "mips"
	}
	return ""
}

func peArch(m uint16) string {
	switch m {
	case pe.IMAGE_FILE_MACHINE_AMD64:
		return "amd64"
	case pe.IMAGE_FILE_MACHINE_I386:
		return "386"
	case pe.IMAGE_FILE_MACHINE_ARM64:
		return "arm64"
	case pe.IMAGE_FILE_MACHINE_ARMNT:
		return "arm"
	}
	return ""
}

func machoArch(c macho.Cpu) string {
	switch c {
	case macho.CpuAmd64:
		return "amd64"
	case macho.CpuArm64:
		return "arm64"
	case macho.Cpu386:
		return "386"
	}
	return ""
}
