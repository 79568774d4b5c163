package pathlist

import (
	"strings"
	"testing"
)

// lookupIn is a case-insensitive lookup, as Windows does it.
func lookupIn(env map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := env[strings.ToUpper(name)]
		return v, ok
	}
}

func TestExpandWindows(t *testing.T) {
	env := lookupIn(map[string]string{
		"GOROOT":      `C:\Go`,
		"USERPROFILE": `C:\Users\me`,
		"LOOP":        "%LOOP%",
		"EMPTY":       "",
		"PF(X86)":     `C:\Program Files (x86)`,
	})
	// The cases from "%" to "%%% set%" are those .NET's tests check against
	// ExpandEnvironmentStringsW on Windows.
	tests := []struct{ in, want string }{
		{``, ``},
		{`C:\Go\bin`, `C:\Go\bin`},
		{`%GOROOT%\bin`, `C:\Go\bin`},
		{`%goroot%\bin`, `C:\Go\bin`},
		{`%USERPROFILE%\go\bin;%GOROOT%\bin`, `C:\Users\me\go\bin;C:\Go\bin`},
		{`%NOPE%\bin`, `%NOPE%\bin`},
		{`%EMPTY%\bin`, `\bin`},
		{`%LOOP%`, `%LOOP%`}, // not recursive
		{`%PF(X86)%\Go`, `C:\Program Files (x86)\Go`},
		{`%`, `%`},
		{`%%`, `%%`},
		{`%%%`, `%%%`},
		{`%GOROOT%x%GOROOT%`, `C:\GoxC:\Go`},
		{`%%GOROOT%`, `%C:\Go`},
		{`%%%GOROOT%%%`, `%%C:\Go%%`},
		{`%%%%GOROOT%%`, `%%%C:\Go%`},
		{`%GOROOT%%GOROOT%`, `C:\GoC:\Go`},
		{`%NOPE%%GOROOT%`, `%NOPE%C:\Go`},
		{`%GOROOT%hello%NOPE%`, `C:\Gohello%NOPE%`},
		{`%NOPE%%NADA%`, `%NOPE%%NADA%`},
		{`% GOROOT%`, `% GOROOT%`},
		{"%\tGOROOT%", "%\tGOROOT%"},
		{`%%% GOROOT%`, `%%% GOROOT%`},
		{`100%`, `100%`},
		{`100% %GOROOT%`, `100% C:\Go`}, // "% %" is undefined; its closing % opens %GOROOT%
		{`%GOROOT`, `%GOROOT`},
	}
	for _, tt := range tests {
		if got := ExpandWindows(tt.in, env); got != tt.want {
			t.Errorf("ExpandWindows(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
