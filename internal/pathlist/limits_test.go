package pathlist

import (
	"strings"
	"testing"
)

func TestWindowsPathLimits(t *testing.T) {
	tests := []struct {
		length int
		want   []int
	}{
		{0, nil},
		{1024, nil},
		{1025, []int{1024}},
		{2047, []int{1024}},
		{2048, []int{1024, 2047}},
		{8191, []int{1024, 2047}},
		{8192, []int{1024, 2047, 8191}},
		{32766, []int{1024, 2047, 8191}},
		{32767, []int{1024, 2047, 8191, 32766}},
	}
	for _, tt := range tests {
		var got []int
		for _, l := range WindowsPathLimits(tt.length) {
			got = append(got, l.Max)
			if l.Consequence == "" || !strings.HasSuffix(l.Consequence, ".") && !strings.HasSuffix(l.Consequence, `."`) {
				t.Errorf("limit %d: consequence %q is not a sentence", l.Max, l.Consequence)
			}
		}
		if !equalInts(got, tt.want) {
			t.Errorf("WindowsPathLimits(%d) = %v, want %v", tt.length, got, tt.want)
		}
	}
}

func TestWindowsLen(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{`C:\Go`, 5},
		{`C:\Users\Jörg`, 13}, // 'ö' is 2 bytes, 1 unit
		{`C:\x\😀`, 7},         // outside the BMP: a surrogate pair
		{"\xff", 1},           // invalid UTF-8 becomes U+FFFD
	}
	for _, tt := range tests {
		if got := WindowsLen(tt.s); got != tt.want {
			t.Errorf("WindowsLen(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
