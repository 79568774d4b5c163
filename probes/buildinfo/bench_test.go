package buildinfo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// fiftyTools builds one small program with the machine's go and copies it
// into a fresh folder under 50 names with 50 different mtimes.
func fiftyTools(b *testing.B) string {
	b.Helper()
	src := crossHello(b, runtime.GOOS, runtime.GOARCH)
	dir := b.TempDir()
	base := time.Now().Add(-time.Hour)
	for i := range 50 {
		p := filepath.Join(dir, fmt.Sprintf("tool%02d", i))
		copyFile(b, src, p)
		if err := os.Chtimes(p, base, base.Add(time.Duration(i)*time.Second)); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

func benchScan(b *testing.B, cold bool) {
	dir := fiftyTools(b)
	o := Options{ToolDirs: []string{dir}, WorkspaceGo: "1.26", SelectedVersion: "go1.26.8"}
	ctx := context.Background()
	resetCache()
	if _, err := Scan(ctx, o); err != nil { // warm the page cache, and ours
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if cold {
			resetCache()
		}
		r, err := Scan(ctx, o)
		if err != nil || len(r.Binaries) != 50 {
			b.Fatalf("%v, %d binaries", err, len(r.Binaries))
		}
	}
}

// BenchmarkScan50 scans 50 Go binaries with an empty cache every time.
func BenchmarkScan50(b *testing.B) { benchScan(b, true) }

// BenchmarkScan50Warm scans the same 50 binaries again: only stat calls.
func BenchmarkScan50Warm(b *testing.B) { benchScan(b, false) }
