package pathlist

import "strings"

// ExpandWindows expands %NAME% references exactly like Windows'
// ExpandEnvironmentStringsW, using lookup instead of the process environment
// (Windows names are case-insensitive: that is lookup's concern).
//
// Windows pairs each '%' with the next one. A defined name is replaced and
// scanning resumes after the closing '%'. An undefined name, including the
// empty one in "%%", leaves the opening '%' as it is and scanning resumes at
// the closing '%', which may open the next reference: "%%GOROOT%" gives "%"
// followed by GOROOT's value, and "%NOPE%%GOROOT%" gives "%NOPE%" followed by
// it. A '%' with no partner is kept. There is no escape: "%%" is not "%"
// (that is cmd.exe batch syntax). Expansion is not recursive: a value that
// itself contains %X% is inserted as it is. The rules follow the behaviour
// .NET's tests check against ExpandEnvironmentStringsW on Windows.
func ExpandWindows(s string, lookup func(name string) (string, bool)) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '%' {
			j := strings.IndexByte(s[i:], '%')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		end := strings.IndexByte(s[i+1:], '%')
		if end < 0 {
			b.WriteString(s[i:])
			break
		}
		end += i + 1
		if name := s[i+1 : end]; name != "" {
			if v, ok := lookup(name); ok {
				b.WriteString(v)
				i = end + 1
				continue
			}
		}
		b.WriteByte('%')
		i++
	}
	return b.String()
}
