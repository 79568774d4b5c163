package findings

import (
	"strings"
	"testing"

	"github.com/goroot-lens/goroot-lens/internal/l10ncheck"
)

// The reasons the environment probe fills into file-unreadable and
// goroot-invalid, as boundedfile and the OS word them, read as Chinese.
func TestUnreadableReasonsInChinese(t *testing.T) {
	for _, reason := range []string{
		"a named pipe", "a device", "a named pipe, which go blocks on or reads forever",
		"not a regular file (a directory)", "file too large: 10485760 bytes, more than 1048576",
		"permission denied", "is a directory", "too many levels of symbolic links",
	} {
		for _, variant := range []string{"", "ignored", "blocks", "fails"} {
			m := Message(LangChinese, FileUnreadable, map[string]string{"variant": variant, "what": "GOENV", "file": "/x/env", "reason": reason})
			if w := l10ncheck.EnglishWords(m); len(w) > 0 || strings.Contains(m, "{") {
				t.Errorf("%s/%s: English %v in %s", reason, variant, w, m)
			}
		}
	}
	for _, problem := range []string{"the folder is a file, not a folder", "the folder cannot be read: permission denied"} {
		m := Message(LangChinese, GorootInvalid, map[string]string{"goroot": "/x", "source": "process environment", "problem": problem})
		if w := l10ncheck.EnglishWords(m); len(w) > 0 {
			t.Errorf("English %v in %s", w, m)
		}
	}
}
