#!/usr/bin/env bash
# Side-by-side benchmark of goroot-lens against its baselines, whole processes,
# in one run, on the same workspaces, interleaved (see scripts/bench/driver.mjs).
#
#   bash scripts/bench.sh [-n RUNS] [--quick] [--gopls] [--out FILE] [--keep]
#                         [--bin FILE] [--variant NAME=BIN]... [--dev-build]
#
#   -n RUNS   counted rounds (default 15); one warm-up round is always added
#   --quick   smoke run: 3 rounds (what CI can afford: ~20–30 s on 2 CPUs once
#             the 50 tools below are cached; building them takes a few
#             minutes once per Go version)
#   --gopls   also measure gopls v0.23.0 on the same workspace; it is built
#             once from the module proxy (the only network access), with
#             your GOPROXY/GONOSUMDB/… settings, and cached
#   --out     where the JSON goes (default: $TMPDIR/goroot-lens-bench-DATE.json)
#   --keep    keep the temp folder (workspaces, binary) for inspection
#   --bin     measure this goroot-lens binary instead of building one (to
#             compare a patched build against the checkout's)
#   --variant NAME=BIN  also measure another goroot-lens build (check, sidecar,
#             monorepo sidecar) in the same rounds, to compare a candidate fix
#             fairly; repeatable
#   --dev-build  plain `go build` (cgo, dynamically linked, with symbols)
#             instead of the release flags
#
# Prints a Markdown table (every figure, ratio, target, met or not) and the
# path of the JSON with median, min and max of each figure and each ratio.
# Needs go and node; test/lsp/node_modules is installed with `npm ci` if
# missing (the LSP client library the end-to-end tests use).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

runs=15 gopls=0 out="" keep=0 bin="" dev=0 variants=""
while [ $# -gt 0 ]; do
  case $1 in
    -n|--runs) runs=$2; shift 2 ;;
    --quick) runs=3; shift ;;
    --gopls) gopls=1; shift ;;
    --out) out=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --bin) bin=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    --dev-build) dev=1; shift ;;
    --variant) variants="$variants${variants:+ }${2%%=*}=$(cd "$(dirname "${2#*=}")" && pwd)/$(basename "${2#*=}")"; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

cache=${XDG_CACHE_HOME:-$HOME/.cache}/goroot-lens-bench
mkdir -p "$cache"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/goroot-lens-bench.XXXXXX")
if [ "$keep" = 1 ]; then
  trap 'echo "kept $tmp" >&2' EXIT
else
  trap 'rm -rf "$tmp"' EXIT   # the JSON is written outside it
fi
[ -n "$out" ] || out="${TMPDIR:-/tmp}/goroot-lens-bench-$(date +%Y%m%d-%H%M%S).json"

say() { echo "bench: $*" >&2; }

goversion=$(go env GOVERSION)            # e.g. go1.26.8
goline=${goversion#go}                   # the workspace's go line = the local go's version
goroot=$(go env GOROOT)
minor=$(echo "$goline" | cut -d. -f2)
# The user's build cache: Verify and the hello baseline are measured on a
# *warm* build cache (the README's claim), and a private empty cache would
# make the warm-up round compile the standard library. The cache is
# content-addressed, so sharing it changes nothing but speed.
gocache=$(go env GOCACHE)

# --- node client library -------------------------------------------------
if [ ! -d test/lsp/node_modules/vscode-languageserver-protocol ]; then
  say "npm ci in test/lsp"
  (cd test/lsp && npm ci --silent)
fi

# --- the binary, fresh from this checkout -----------------------------------
# Built as scripts/package.sh builds the sidecar that ships in the VSIX
# (static, no cgo, stripped): what users run. A plain `go build` links cgo
# dynamically here (os/user, net), which costs ~9 ms of CPU per process start
# on its own; --dev-build measures that one instead.
mkdir -p "$tmp/bin"
if [ -n "$bin" ]; then
  say "measuring $bin"
  cp "$bin" "$tmp/bin/goroot-lens"
elif [ "$dev" = 1 ]; then
  say "go build -o $tmp/bin/goroot-lens ./cmd/goroot-lens"
  GOFLAGS= go build -o "$tmp/bin/goroot-lens" ./cmd/goroot-lens
else
  say "CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o $tmp/bin/goroot-lens ./cmd/goroot-lens"
  GOFLAGS= CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$tmp/bin/goroot-lens" ./cmd/goroot-lens
fi

# The timing helper: runs one command, reports its wall and CPU time.
GOFLAGS= CGO_ENABLED=0 go build -o "$tmp/bin/runone" ./scripts/bench/runone
# The in-process cross-check of the build-info scan (this checkout's probe).
GOFLAGS= CGO_ENABLED=0 go build -trimpath -o "$tmp/bin/scan" ./scripts/bench/scan

# --- gopls (optional; the only network access) ------------------------------
goplsbin="" goplsversion=""
if [ "$gopls" = 1 ]; then
  goplsbin=$cache/bin/gopls
  if [ ! -x "$goplsbin" ] || ! "$goplsbin" version 2>/dev/null | grep -q 'v0.23.0'; then
    say "building gopls v0.23.0 into $cache/bin (module proxy: $(go env GOPROXY))"
    GOBIN=$cache/bin GOFLAGS= go install golang.org/x/tools/gopls@v0.23.0
  fi
  goplsversion=$("$goplsbin" version | head -1)
fi

# --- 50 Go tools for the build-info scan (built once, cached per go version)
# A GOBIN holds distinct programs of very different sizes (gopls 30 MB,
# small generators 2 MB), not 50 copies of one file: the product reads the
# build-info blob of each, and distinct files mean distinct page-cache pages
# and distinct inodes. We build the real commands of the Go distribution
# (every main package of `cmd` except go and gofmt, which the product treats
# as go binaries, not tools: 19 with go1.26, 2–30 MB each) and fill up to 50
# with small generated programs,
# each linking a different part of the standard library. All offline.
tools=$cache/tools-$goversion-v1
if [ "$(ls "$tools" 2>/dev/null | wc -l)" != 50 ]; then
  say "building 50 tools into $tools (once)"
  rm -rf "$tools.tmp" && mkdir -p "$tools.tmp/src"
  # (-e and the GoFiles test drop cmd/api and cmd/relnote, which are not
  # buildable programs.)
  cmds=$(GOFLAGS= go list -e -f '{{if and (eq .Name "main") (gt (len .GoFiles) 0)}}{{.ImportPath}}{{end}}' cmd |
    grep -vx -e cmd/go -e cmd/gofmt)
  # shellcheck disable=SC2086
  GOFLAGS= GOTOOLCHAIN=local go build -o "$tools.tmp/" $cmds
  pkgs=(archive/zip bufio compress/gzip container/heap crypto/sha256 crypto/tls database/sql debug/elf
        encoding/csv encoding/json encoding/xml expvar flag go/parser go/types hash/crc32 html/template
        image/png log/slog math/big mime/multipart net/http net/mail net/rpc net/smtp os/exec regexp
        text/template time unicode/utf16 io/fs crypto/ecdsa encoding/base64 net/url sort)
  ngen=$((50 - $(echo "$cmds" | wc -w)))
  printf 'module example.com/tools\n\ngo %s\n' "$goline" > "$tools.tmp/src/go.mod"
  for p in "${pkgs[@]:0:$ngen}"; do
    name=gen-$(echo "$p" | tr / -)
    mkdir -p "$tools.tmp/src/$name"
    printf 'package main\n\nimport (\n\t"fmt"\n\t_ "%s"\n)\n\nfunc main() { fmt.Println("%s") }\n' "$p" "$name" > "$tools.tmp/src/$name/main.go"
  done
  (cd "$tools.tmp/src" && GOFLAGS= GOTOOLCHAIN=local go build -o .. ./...)
  rm -rf "$tools.tmp/src" "$tools" && mv "$tools.tmp" "$tools"
  n=$(ls "$tools" | wc -l)
  [ "$n" = 50 ] || { echo "bench.sh: built $n tools, want 50" >&2; exit 1; }
fi

# --- controlled environment --------------------------------------------------
# A temp HOME (no profile, no GOENV file, no ~/go/bin), Go telemetry off (the
# go command would otherwise start its telemetry upload child now and then),
# GOFLAGS empty, GOTOOLCHAIN=local (no switch), GOPROXY=off (no network),
# PATH = the local go first, then the system.
home=$tmp/home
mkdir -p "$home/.config/go/telemetry" "$tmp/tmp" "$tmp/empty"
echo off > "$home/.config/go/telemetry/mode"

# --- single-module workspace ---------------------------------------------------
# go.mod with the local go's version, and main.go with one deliberate type
# error: gopls' first diagnostics need something to report (see driver).
ws=$tmp/ws
mkdir -p "$ws"
printf 'module example.com/bench\n\ngo %s\n' "$goline" > "$ws/go.mod"
printf 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar n int = "not an int" // deliberate type error\n\tfmt.Println(n)\n}\n' > "$ws/main.go"

# --- monorepo: 1000 go.mod files, 3 distinct go lines ---------------------------
# The root module plus 999 modules in svc/mNNN, go lines cycling through the
# local version and the two previous minors (all ≤ local, so none needs a
# toolchain switch); each module has one .go file, as a real one would.
mono=$tmp/mono
golines=("$goline" "1.$((minor - 1)).0" "1.$((minor - 2)).0")
mkdir -p "$mono/svc"
printf 'module example.com/mono\n\ngo %s\n' "$goline" > "$mono/go.mod"
(cd "$mono/svc" && mkdir $(seq -f 'm%03g' 1 999))
awk -v root="$mono/svc" -v l0="${golines[0]}" -v l1="${golines[1]}" -v l2="${golines[2]}" 'BEGIN {
  split(l0 " " l1 " " l2, lines, " ")
  for (i = 1; i <= 999; i++) {
    d = sprintf("%s/m%03d", root, i)
    printf "module example.com/mono/svc/m%03d\n\ngo %s\n", i, lines[i % 3 + 1] > (d "/go.mod"); close(d "/go.mod")
    printf "package m%03d\n", i > (d "/m.go"); close(d "/m.go")
  }
}'

# --- run ------------------------------------------------------------------------
export BENCH_REPO=$repo BENCH_TMP=$tmp BENCH_RUNS=$runs BENCH_OUT=$out BENCH_GOVERSION=$goversion \
  BENCH_GOLINE=$goline BENCH_GOROOT=$goroot BENCH_GOCACHE=$gocache BENCH_HOME=$home BENCH_WS=$ws \
  BENCH_MONO=$mono BENCH_MONOLINES="${golines[*]}" BENCH_TOOLS=$tools BENCH_GOPLS=$goplsbin \
  BENCH_GOPLSVERSION=$goplsversion BENCH_VARIANTS=$variants
node -e '
const e = process.env, fs = require("fs");
const cfg = {
  repo: e.BENCH_REPO, tmp: e.BENCH_TMP + "/tmp", runs: Number(e.BENCH_RUNS), out: e.BENCH_OUT,
  bin: e.BENCH_TMP + "/bin/goroot-lens", runone: e.BENCH_TMP + "/bin/runone", scan: e.BENCH_TMP + "/bin/scan", goVersion: e.BENCH_GOVERSION, goLine: e.BENCH_GOLINE,
  ws: e.BENCH_WS, mono: e.BENCH_MONO, monoModules: 1000, monoGoLines: e.BENCH_MONOLINES.split(" "),
  toolsDir: e.BENCH_TOOLS, tools: fs.readdirSync(e.BENCH_TOOLS), emptyDir: e.BENCH_TMP + "/empty",
  variants: (e.BENCH_VARIANTS || "").split(" ").filter(Boolean).map((v) => ({ name: v.slice(0, v.indexOf("=")), bin: v.slice(v.indexOf("=") + 1) })),
  gopls: e.BENCH_GOPLS || null, goplsVersion: e.BENCH_GOPLSVERSION || null,
  // The environment of every measured process (nothing inherited).
  env: {
    HOME: e.BENCH_HOME, PATH: e.BENCH_GOROOT + "/bin:/usr/local/bin:/usr/bin:/bin",
    TMPDIR: e.BENCH_TMP + "/tmp", SHELL: "/bin/sh", LANG: "C.UTF-8",
    GOFLAGS: "", GOTOOLCHAIN: "local", GOPROXY: "off", GOCACHE: e.BENCH_GOCACHE,
  },
};
fs.writeFileSync(e.BENCH_TMP + "/config.json", JSON.stringify(cfg, null, 2));
'
node scripts/bench/driver.mjs "$tmp/config.json"
