#!/usr/bin/env bash
# Prints the GOROOT of a real older Go release (default go1.22.12) for the
# mismatch scenarios, fetching it once through the Go module proxy as
# golang.org/toolchain@v0.0.1-<version>.<goos>-<goarch> into
# ${XDG_CACHE_HOME:-$HOME/.cache}/goroot-lens-test/<version>.<goos>-<goarch>,
# the folder internal/testgo uses too (reused when it has a VERSION file).
# The module cache has no exec bits: they are set on the copy. Logs go to
# stderr; stdout is the path only.
set -euo pipefail
version=${1:-go1.22.12}
key="$version.$(go env GOOS)-$(go env GOARCH)"
cache="${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/goroot-lens-test"
old="$cache/$key"
if [ ! -f "$old/VERSION" ]; then
  echo "[old-goroot] fetching $key through the Go module proxy" >&2
  mkdir -p "$cache"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  src=$(cd "$tmp" && GOTOOLCHAIN=local GOFLAGS=-mod=mod GO111MODULE=on \
    go mod download -json "golang.org/toolchain@v0.0.1-$key" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$src" ] || { echo "[old-goroot] could not fetch $key" >&2; exit 1; }
  # Copy beside the destination, then rename: a concurrent test never sees a
  # half-copied tree.
  part=$(mktemp -d "$cache/$key.tmpXXXXXX")
  cp -R "$src/." "$part/"
  chmod -R u+w "$part"
  chmod +x "$part"/bin/* "$part"/pkg/tool/*/*
  if ! mv -T "$part" "$old" 2>/dev/null; then
    rm -rf "$part"
    [ -f "$old/VERSION" ] || { echo "[old-goroot] could not install $old" >&2; exit 1; }
  fi
fi
echo "$old"
