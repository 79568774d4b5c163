#!/usr/bin/env bash
# End-to-end tests of `goroot-lens serve` with two real LSP clients no one here
# wrote: the Node client (vscode-jsonrpc + vscode-languageserver-protocol) and
# headless Neovim (Debian's neovim, 0.7.2 on bookworm).
#
#   bash test/lsp/run.sh [node --test args...]
#
# Idempotent, works from a clean clone as root (CI=true) or with sudo:
#   1. installs Debian's neovim if it is missing (and Node if there is none);
#   2. `npm ci` in test/lsp (versions pinned in package-lock.json);
#   3. builds the binary into a temp folder;
#   4. prepares a real go1.22.12 GOROOT, cached in
#      ${XDG_CACHE_HOME:-$HOME/.cache}/goroot-lens-test/go1.22.12.<goos>-<goarch>
#      (the folder internal/testgo uses: reused when it has a VERSION file);
#   5. runs `node --test` on node-client.test.mjs, hostile.test.mjs and neovim.test.mjs.
# Exits non-zero when any step or test fails.
set -euo pipefail

lsp=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$lsp/../.." && pwd)
old_version=go1.22.12
log() { echo "[lsp-e2e] $*" >&2; }

sudo=()
if [ "$(id -u)" != 0 ]; then
  sudo=(sudo)
fi
apt_updated=
apt_install() {
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
    log "need root or sudo to install: $*"
    exit 2
  fi
  if [ -z "$apt_updated" ]; then
    "${sudo[@]}" apt-get update
    apt_updated=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}

# 1) Packages.
missing=()
command -v nvim >/dev/null || missing+=(neovim)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  apt_install "${missing[@]}"
fi
log "$(nvim --version | head -1), node $(node --version), npm $(npm --version), $(go version)"

# 2) The Node client libraries, exactly as locked.
(cd "$lsp" && npm ci --no-audit --no-fund --loglevel=error)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/goroot-lens-e2e.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# 3) The binary under test.
(cd "$repo" && go build -o "$tmp/goroot-lens" ./cmd/goroot-lens)

# 4) A real older toolchain for the mismatch scenarios.
old=$(bash "$repo/test/lib/old-goroot.sh" "$old_version")
log "old GOROOT: $old ($(head -1 "$old/VERSION"))"

# 5) The tests.
cd "$lsp"
export GOROOT_LENS_BIN="$tmp/goroot-lens" GOROOT_LENS_OLD="$old"
node --test "$@" node-client.test.mjs hostile.test.mjs neovim.test.mjs
