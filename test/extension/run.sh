#!/usr/bin/env bash
# The VS Code extension's build and packaging, checked without VS Code:
#   1. installs unzip (Debian) if it is missing;
#   2. `npm ci` at the repository root (skipped when node_modules already
#      holds exactly package-lock.json);
#   3. `npm run typecheck` (tsc --noEmit);
#   4. `npm run package`: the six platform VSIXs in dist/;
#   5. `node --test test/extension/`: file lists, binary per target, size,
#      the walkthrough and every %key% of the manifest in both nls files.
# Idempotent; reruns are fast (Go build cache, npm ci skipped).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
log() { echo "[extension] $*" >&2; }

if ! command -v unzip >/dev/null; then
  sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  log "installing unzip"
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends unzip
fi

stamp=node_modules/.goroot-lens-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
else
  log "node_modules matches package-lock.json: npm ci skipped"
fi

npm run --silent typecheck
npm run --silent package
node --test test/extension/
