package traceprobe

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkTraceProbeWarm is a whole Run on a warm build cache: go env,
// go build -x (compile of the probe's main package and link), the probe run
// and the trace parse.
func BenchmarkTraceProbeWarm(b *testing.B) {
	o := Options{Dir: workspace(b, "go 1.21"), Env: baseEnv(b)}
	if v, err := Run(context.Background(), o); err != nil || v.Verdict != Verified {
		b.Fatalf("warm-up: %v %+v", err, v)
	}
	for b.Loop() {
		if v, err := Run(context.Background(), o); err != nil || v.Verdict != Verified {
			b.Fatalf("%v %+v", err, v)
		}
	}
}

// BenchmarkHelloBuildRun is the baseline: go build and run of a hello
// program whose main package changes every time, as the probe's does.
func BenchmarkHelloBuildRun(b *testing.B) {
	hello := newHello(b)
	hello()
	for b.Loop() {
		hello()
	}
}

// BenchmarkTraceProbeVsHello alternates both in each iteration, so that a
// busy machine slows both alike, and reports their ratio.
func BenchmarkTraceProbeVsHello(b *testing.B) {
	o := Options{Dir: workspace(b, "go 1.21"), Env: baseEnv(b)}
	hello := newHello(b)
	hello()
	var probe, base time.Duration
	for b.Loop() {
		start := time.Now()
		if v, err := Run(context.Background(), o); err != nil || v.Verdict != Verified {
			b.Fatalf("%v %+v", err, v)
		}
		probe += time.Since(start)
		start = time.Now()
		hello()
		base += time.Since(start)
	}
	b.ReportMetric(float64(probe)/float64(b.N), "probe-ns/op")
	b.ReportMetric(float64(base)/float64(b.N), "hello-ns/op")
	b.ReportMetric(float64(probe)/float64(base), "ratio")
}

func newHello(b *testing.B) func() {
	dir := workspace(b, "go 1.21")
	env := baseEnv(b)
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\", nonce) }\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	exe := filepath.Join(dir, "hello")
	i := 0
	return func() {
		i++
		if err := os.WriteFile(filepath.Join(dir, "nonce.go"), fmt.Appendf(nil, "package main\n\nconst nonce = %d\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		build := exec.Command("go", "build", "-o", exe, ".")
		build.Dir, build.Env = dir, env
		if out, err := build.CombinedOutput(); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		if out, err := exec.Command(exe).Output(); err != nil || len(out) == 0 {
			b.Fatalf("%v: %q", err, out)
		}
	}
}
