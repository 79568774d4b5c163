#!/usr/bin/env bash
# Builds the platform VSIXs of the VS Code extension:
#   bash scripts/package.sh [TARGET...]     (npm run package)
# TARGET is a VS Code target: linux-x64 linux-arm64 darwin-x64 darwin-arm64
# win32-x64 win32-arm64 (default: all six). The sidecar is cross-compiled for
# each target and the extension bundled once; each target is packaged from
# its own staging copy, so its VSIX holds only its own binary, at
# extension/bin/goroot-lens[.exe]. Output: dist/goroot-lens-<target>-<version>.vsix.
# Needs go and the npm devDependencies (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

all=(linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64 win32-arm64)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

version=$(node -p 'require("./package.json").version')
vsce=$root/node_modules/.bin/vsce
[ -x "$vsce" ] || { echo "package.sh: $vsce missing: run npm ci first" >&2; exit 2; }

goos_goarch() {
  case $1 in
    linux-x64) echo linux amd64 ;;
    linux-arm64) echo linux arm64 ;;
    darwin-x64) echo darwin amd64 ;;
    darwin-arm64) echo darwin arm64 ;;
    win32-x64) echo windows amd64 ;;
    win32-arm64) echo windows arm64 ;;
    *) echo "package.sh: unknown target $1 (one of: ${all[*]})" >&2; return 2 ;;
  esac
}
for t in "${targets[@]}"; do goos_goarch "$t" >/dev/null; done

npm run --silent build

mkdir -p dist
stage=$root/dist/.stage
for t in "${targets[@]}"; do
  read -r goos goarch < <(goos_goarch "$t")
  exe=goroot-lens
  [ "$goos" = windows ] && exe=goroot-lens.exe
  dir=$stage/$t
  rm -rf "$dir"
  mkdir -p "$dir/extension/dist" "$dir/extension/bin" "$dir/extension/media" "$dir/l10n"
  # Built in dist/.bin/<target>, kept between runs: go skips the link when
  # the binary there is up to date.
  mkdir -p "$root/dist/.bin/$t"
  CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -trimpath \
    -ldflags "-s -w -X main.version=$version" -o "$root/dist/.bin/$t/$exe" ./cmd/goroot-lens
  cp -p "$root/dist/.bin/$t/$exe" "$dir/extension/bin/$exe"
  cp package.json package.nls.json package.nls.zh-cn.json README.md .vscodeignore "$dir/"
  [ -f LICENSE ] && cp LICENSE "$dir/"
  cp l10n/bundle.l10n.zh-cn.json "$dir/l10n/"
  cp extension/dist/extension.js "$dir/extension/dist/"
  cp -R extension/media/walkthrough "$dir/extension/media/"
  out=$root/dist/goroot-lens-$t-$version.vsix
  rm -f "$out"
  license=()
  [ -f LICENSE ] || license=(--skip-license)
  (cd "$dir" && "$vsce" package --target "$t" --no-dependencies "${license[@]}" -o "$out" >/dev/null)
  rm -rf "$dir"
  printf '%-14s %8d bytes  %s\n' "$t" "$(stat -c %s "$out" 2>/dev/null || stat -f %z "$out")" "${out#"$root"/}"
done
rmdir "$stage" 2>/dev/null || true
