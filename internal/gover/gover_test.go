package gover

import "testing"

func TestFromGoLine(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "1.26": "go1.26.0", "1.21": "go1.21.0", "1.20": "go1.20", "1.21.3": "go1.21.3",
		"1.26rc1": "go1.26rc1", "1.x": "go1.x",
	} {
		if got := FromGoLine(in); got != want {
			t.Errorf("FromGoLine(%q) = %q, want %q", in, got, want)
		}
	}
}
