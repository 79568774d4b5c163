package pathlist

import "unicode/utf16"

// Lengths of a Windows Path beyond which something real breaks, counted in
// UTF-16 code units (see WindowsLen). Each is the longest length that is
// still fine.
const (
	// setx truncates what it stores to 1024 characters and only warns
	// ("WARNING: The data being saved is truncated to 1024 characters."); the
	// setx documentation states the limit.
	WinPathLimitSetx = 1024
	// The Environment Variables editor of System Properties refuses longer
	// values ("This environment variable is too large. This dialog allows
	// setting values up to 2047 characters long."); older single-line
	// editors cut them.
	WinPathLimitEditor = 2047
	// cmd.exe lines are at most 8191 characters after %VAR% expansion
	// (KB830473, Windows XP and later).
	WinPathLimitCmd = 8191
	// Windows documents 32,767 characters, terminating NUL included, as the
	// maximum size of one environment variable; .NET's
	// SetEnvironmentVariable rejects values of 32,767 characters or more.
	WinPathLimitVar = 32766
)

// Limit is one Windows limit that a Path length exceeds.
type Limit struct {
	// Name is a short stable key: "setx", "editor", "cmd" or "variable".
	Name string
	// Max is the longest length that is still fine.
	Max int
	// Consequence says what goes wrong, in one sentence.
	Consequence string
}

var windowsLimits = []Limit{
	{"setx", WinPathLimitSetx, "setx stores at most 1024 characters: `setx PATH ...` silently cuts the rest of the Path off."},
	{"editor", WinPathLimitEditor, "the System Properties environment editor refuses values over 2047 characters, so this Path cannot be edited there."},
	{"cmd", WinPathLimitCmd, "over cmd.exe's 8191-character line limit: any cmd line that expands %PATH% (such as `set PATH=%PATH%;...`) fails with \"The input line is too long.\""},
	{"variable", WinPathLimitVar, "over Windows' 32,767-character maximum for one environment variable (terminating NUL included)."},
}

// WindowsPathLimits returns the limits a Windows Path of length characters
// exceeds, smallest first. setx and the editor limits apply to one stored
// registry value; the cmd.exe and variable limits apply to the Path a process
// gets (system Path + user Path, expanded).
func WindowsPathLimits(length int) []Limit {
	var out []Limit
	for _, l := range windowsLimits {
		if length > l.Max {
			out = append(out, l)
		}
	}
	return out
}

// WindowsLen is the length of s as Windows counts characters: UTF-16 code
// units, so a character outside the Basic Multilingual Plane counts twice.
func WindowsLen(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
