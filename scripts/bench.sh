#!/usr/bin/env bash
# Benchmarks, each printed as a ratio against a baseline measured in the same
# run on the same machine. Usage: bash scripts/bench.sh [count]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

ratio() { # $1 benchmark, $2 baseline: median ns/op of each and their ratio
  python3 - "$out" "$1" "$2" <<'PY'
import re, statistics, sys
path, a, b = sys.argv[1:]
vals = {}
for line in open(path):
    m = re.match(r'^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op', line)
    if m:
        vals.setdefault(m.group(1), []).append(float(m.group(2)))
if a not in vals or b not in vals:
    sys.exit(f"missing {a} or {b} in benchmark output")
ma, mb = statistics.median(vals[a]), statistics.median(vals[b])
print(f"{a}: {ma/1e6:.2f} ms   {b}: {mb/1e6:.2f} ms   ratio {ma/mb:.2f}x")
PY
}

go test -run '^$' -bench 'BenchmarkCheck$|BenchmarkGoEnvJSON$' -count "$count" ./probes/envprobe/ | tee -a "$out"
go test -run '^$' -bench 'BenchmarkTraceProbeWarm$|BenchmarkHelloBuildRun$' -benchtime 5x -count "$count" ./probes/traceprobe/ | tee -a "$out"
go test -run '^$' -bench 'BenchmarkScan50' -count "$count" ./probes/buildinfo/ | tee -a "$out"
echo
echo "== results (median of $count)"
echo "-- a full check against a bare go env -json in the same folder"
ratio BenchmarkCheck BenchmarkGoEnvJSON
echo "-- Verify GOROOT (trace probe, warm cache) against go build + run of an equivalent hello program"
ratio BenchmarkTraceProbeWarm BenchmarkHelloBuildRun
echo "-- build-info scan of 50 binaries, cold cache against warm cache"
ratio BenchmarkScan50 BenchmarkScan50Warm
if [ -f test/lsp/bench.mjs ] && [ -d test/lsp/node_modules ]; then
  echo "-- LSP sidecar (spawn → initialize, spawn → first diagnostics) against a bare go env -json"
  go build -o "$out.bin" ./cmd/goroot-lens && node test/lsp/bench.mjs "$out.bin"
  rm -f "$out.bin"
fi
