package lazyre

import "testing"

func TestCompiledOnceOnFirstUse(t *testing.T) {
	re := New(`^go(\d+)\.(\d+)$`)
	first := re()
	if m := first.FindStringSubmatch("go1.26"); len(m) != 3 || m[1] != "1" || m[2] != "26" {
		t.Fatalf("match = %q", m)
	}
	if re() != first {
		t.Fatal("a second call compiled the expression again")
	}
}

func TestInvalidPanicsAtFirstUseOnly(t *testing.T) {
	re := New(`(`) // no panic here
	defer func() {
		if recover() == nil {
			t.Fatal("an invalid expression did not panic at first use")
		}
	}()
	re()
}
