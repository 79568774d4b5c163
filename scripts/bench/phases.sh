#!/usr/bin/env bash
# Where the wall time of one whole `goroot-lens check` process goes, split at
# the `go env` child it runs: exec → exec of go, go's exec → exit, go's exit →
# goroot-lens' exit. Uses kernel tracepoints (perf record -e sched:…), which,
# unlike strace -f, do not stop the traced processes, so the figures are not
# inflated by the tracer. Diagnosis helper for scripts/bench.sh; needs perf
# and permission to record tracepoints (root, or perf_event_paranoid ≤ -1).
#
#   bash scripts/bench/phases.sh BINARY WORKSPACE [RUNS] [-- extra check args]
#
# The environment is the one scripts/bench.sh controls (temp HOME with Go
# telemetry off, GOFLAGS empty, GOTOOLCHAIN=local, GOPROXY=off).
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ws=$2
runs=${3:-15}
shift $(( $# < 3 ? $# : 3 ))
[ "${1:-}" = -- ] && shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home/.config/go/telemetry" "$tmp/tmp"
echo off > "$tmp/home/.config/go/telemetry/mode"
goroot=$(go env GOROOT)
gocache=$(go env GOCACHE)
export BIN=$bin
cd "$ws"
env -i HOME="$tmp/home" PATH="$goroot/bin:/usr/local/bin:/usr/bin:/bin" TMPDIR="$tmp/tmp" SHELL=/bin/sh \
  LANG=C.UTF-8 GOFLAGS= GOTOOLCHAIN=local GOPROXY=off GOCACHE="$gocache" BIN="$bin" \
  perf record -q -e sched:sched_process_exec -e sched:sched_process_exit -o "$tmp/perf.data" -- \
  sh -c 'for i in $(seq '"$runs"'); do "$BIN" check --json . "$@" >/dev/null || true; sleep 0.05; done' sh "$@" 2>/dev/null
base=$(basename "$bin")
perf script -i "$tmp/perf.data" -F pid,time,event,trace 2>/dev/null | awk -v bin="$base" '
  # pid time: sched:EVENT: fields… — one record per line.
  {
    pid = $1; t = $2; sub(/:$/, "", t); t *= 1000; ev = $3
    if (ev ~ /sched_process_exec/ && index($0, "filename=") && $0 ~ ("/" bin " ")) { n++; start[n] = t; main[n] = pid; next }
    if (!n) next
    if (ev ~ /sched_process_exec/ && $0 ~ /filename=[^ ]*\/bin\/go / && !goexec[n]) { goexec[n] = t; gopid[n] = pid; next }
    if (ev ~ /sched_process_exit/ && $0 ~ /group_dead=1|group_dead=true/) {
      if (pid == gopid[n]) goexit[n] = t
      if (pid == main[n]) end[n] = t
    }
  }
  function median(a, k,   i, j, x, s) {
    for (i = 1; i <= k; i++) s[i] = a[i]
    for (i = 2; i <= k; i++) { x = s[i]; for (j = i - 1; j > 0 && s[j] > x; j--) s[j + 1] = s[j]; s[j + 1] = x }
    return k % 2 ? s[(k + 1) / 2] : (s[k / 2] + s[k / 2 + 1]) / 2
  }
  END {
    k = 0
    for (i = 1; i <= n; i++) if (goexec[i] && goexit[i] && end[i]) {
      k++; pre[k] = goexec[i] - start[i]; ge[k] = goexit[i] - goexec[i]; post[k] = end[i] - goexit[i]; tot[k] = end[i] - start[i]
    }
    printf "%d runs of %s check, medians (ms):\n", k, bin
    printf "  exec → exec of go env     %7.1f   (process start, package inits, everything run before go env)\n", median(pre, k)
    printf "  go env (exec → exit)      %7.1f\n", median(ge, k)
    printf "  go env exit → exit        %7.1f   (build-info scan, judging, JSON)\n", median(post, k)
    printf "  total                     %7.1f\n", median(tot, k)
  }'
