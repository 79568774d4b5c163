//go:build unix

package shellprofile

import "testing"

func TestPasswdShell(t *testing.T) {
	data := []byte("root:x:0:0:root:/root:/bin/bash\r\n# comment\nbad line\nalice:x:1000:1000:Alice,,,:/home/alice:/usr/bin/zsh\nbob:x:10000:1000::/home/bob:\n")
	for uid, want := range map[int]string{0: "/bin/bash", 1000: "/usr/bin/zsh", 10000: "", 42: ""} {
		if got := passwdShell(data, uid); got != want {
			t.Errorf("uid %d: %q, want %q", uid, got, want)
		}
	}
	if sh, from := UserShell("/bin/fish"); sh != "/bin/fish" || from != "$SHELL" {
		t.Errorf("UserShell with $SHELL = %q, %q", sh, from)
	}
}
