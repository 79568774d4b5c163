#!/usr/bin/env bash
# Run the Windows tests (registry reads and writes) under Wine on Debian/Ubuntu.
#
#   scripts/wine-test.sh [go test flags...]      e.g. scripts/wine-test.sh -run TestRead -v
#
# Idempotent: the first run installs Wine (apt) and creates a Wine prefix
# (about 1-2 minutes); later runs only run the tests. Everything but the apt
# packages lives under WINE_WORK (default ${XDG_CACHE_HOME:-$HOME/.cache}/goroot-lens/wine).
# Exits with go test's status. Works as root (CI) or with sudo.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${WINE_WORK:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/goroot-lens/wine}
packages=(wine wine64 binutils-mingw-w64-x86-64)
t0=$(date +%s)
log() { echo "[wine-test] $*" >&2; }

# 1) Packages. wine64 only: no i386 multiarch, no X server, no recommends.
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { log "need root or sudo to install: ${missing[*]}"; exit 2; }
    sudo=(sudo)
  fi
  log "installing ${missing[*]}"
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

command -v go >/dev/null || PATH=/usr/local/go/bin:$PATH
mkdir -p "$work/bin" "$work/shim" "$work/overlay"

# 2) Wine, quiet and headless. Mono and Gecko are never needed: skipping them
#    keeps wineboot from trying to download them.
export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  log "creating the Wine prefix $WINEPREFIX"
  wineboot --init >/dev/null 2>&1 || true
  wineserver -w
  [ -f "$WINEPREFIX/system.reg" ] || { log "wineboot did not create $WINEPREFIX"; exit 2; }
  # Null graphics driver: windows (and so WM_SETTINGCHANGE broadcasts) work without X.
  wine reg add 'HKCU\Software\Wine\Drivers' /v Graphics /d null /f >/dev/null
fi

# 3) Wine 8.0 has no bcryptprimitives.dll and the Go >= 1.22 runtime aborts
#    without it. A forwarder maps its one needed export, ProcessPrng, to
#    advapi32.SystemFunction036 (RtlGenRandom), which Wine has.
dll="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if [ ! -f "$dll" ]; then
  printf 'LIBRARY bcryptprimitives.dll\nEXPORTS\nProcessPrng = advapi32.SystemFunction036\n' >"$work/shim/bcryptprimitives.def"
  x86_64-w64-mingw32-as -o "$work/shim/empty.o" /dev/null
  x86_64-w64-mingw32-ld --shared -e 0 -o "$work/shim/bcryptprimitives.dll" "$work/shim/empty.o" "$work/shim/bcryptprimitives.def"
  cp "$work/shim/bcryptprimitives.dll" "$dll"
fi

# 4) Wine 8.0 answers STATUS_NOT_IMPLEMENTED to FileDispositionInformationEx,
#    which Go >= 1.25 uses to delete files (os.Remove, t.TempDir cleanup).
#    Overlay the standard library file so that status falls back like an old
#    Windows does. Regenerated every run: it must match the local go.
goroot=$(go env GOROOT)
src="$goroot/src/internal/syscall/windows/at_windows.go"
overlay=()
if grep -q '^	case STATUS_INVALID_INFO_CLASS, // the operating system' "$src"; then
  sed 's|^\tcase STATUS_INVALID_INFO_CLASS, // the operating system|\tcase NTStatus(0xC0000002), // STATUS_NOT_IMPLEMENTED (Wine < 9)\n\t\tSTATUS_INVALID_INFO_CLASS, // the operating system|' \
    "$src" >"$work/overlay/at_windows.go"
  json_escape() { sed 's/[\\"]/\\&/g' <<<"$1"; }
  printf '{"Replace":{"%s":"%s"}}\n' "$(json_escape "$src")" "$(json_escape "$work/overlay/at_windows.go")" >"$work/overlay/overlay.json"
  overlay=(-overlay "$work/overlay/overlay.json")
else
  log "warning: $src has changed; running without the delete fix (file removal may fail under Wine)"
fi

# 5) A real Windows toolchain (go.exe) for the scenarios that run it. The
#    module proxy serves releases as golang.org/toolchain modules; the module
#    cache has no exec bits but Windows needs none.
win_go=${WIN_GO_VERSION:-go1.26.11}
if [ ! -f "$work/goroot-win/bin/go.exe" ]; then
  dir=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "golang.org/toolchain@v0.0.1-$win_go.windows-amd64" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { log "could not fetch the $win_go windows-amd64 toolchain"; exit 2; }
  rm -rf "$work/goroot-win.tmp" && cp -a "$dir" "$work/goroot-win.tmp" && chmod -R u+w "$work/goroot-win.tmp"
  mv "$work/goroot-win.tmp" "$work/goroot-win"
fi
win_goroot="Z:$(sed 's#/#\\#g' <<<"$work/goroot-win")"

# 6) `GOOS=windows go test` runs test binaries through go_windows_amd64_exec
#    when it is on PATH. env -i: Linux variables (GOROOT, GOFLAGS, PATH...)
#    would otherwise leak into the Windows process.
cat >"$work/bin/go_windows_amd64_exec" <<EOF
#!/bin/sh
exec env -i HOME="\${HOME:-/root}" USER="\${USER:-root}" LANG=C.UTF-8 PATH=/usr/bin:/bin \\
  WINEPREFIX="$WINEPREFIX" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" \\
  GOROOTLENS_WIN_GOROOT='$win_goroot' wine "\$@"
EOF
chmod +x "$work/bin/go_windows_amd64_exec"
log "ready after $(($(date +%s) - t0))s"

# 7) The tests. -p 1: one registry per prefix, so packages must not race on it.
cd "$repo"
status=0
PATH="$work/bin:$PATH" GOOS=windows GOARCH=amd64 \
  go test -count=1 -p 1 "${overlay[@]}" "$@" ./internal/winenv/ ./internal/pathlist/ ./probes/envprobe/ ./fix/internal/winstore/ ./fix/ || status=$?
wineserver -w 2>/dev/null || true # let Wine exit before we do (CI jobs wait for children)
log "go test exit status $status after $(($(date +%s) - t0))s"
exit "$status"
