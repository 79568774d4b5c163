#!/usr/bin/env bash
# The one command that runs every test of goroot-lens, on a fresh machine too:
# it installs what the tests need (Debian's Wine and Neovim, the npm packages
# of the LSP client), then vets every target platform, runs the Go tests
# against real toolchains, the Windows tests under Wine and the end-to-end
# LSP tests with two real clients.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

step "build and vet for every platform"
for target in linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64; do
  GOOS=${target%/*} GOARCH=${target#*/} go vet ./...
  echo "vet ok: $target"
done

step "go test (real toolchains are fetched through the module proxy on first use)"
go test -count=1 ./...

step "fuzz the LSP server: arbitrary frames and arbitrary params for every method (bounded executions)"
# A failure leaves its input in server/testdata/fuzz/ and fails the run.
# The budget is a count of executions, not a duration: with -fuzztime 60s the
# fuzzing coordinator races its own deadline on a loaded machine and fails a
# clean run with a bare "context deadline exceeded" (no input written). About
# a minute each on 2 CPUs (FuzzHandlers starts a server per input, so it gets
# fewer); FUZZ_SCALE multiplies both.
scale=${FUZZ_SCALE:-1}
go test ./server -run '^$' -fuzz '^FuzzFraming$' -fuzztime "$((200000 * scale))x" -parallel 2
go test ./server -run '^$' -fuzz '^FuzzHandlers$' -fuzztime "$((25000 * scale))x" -parallel 2

step "Windows registry tests under Wine (real registry, real go.exe)"
bash scripts/wine-test.sh

step "VS Code extension: npm ci, typecheck, the six platform VSIXs, their contents"
bash test/extension/run.sh

step "LSP end-to-end: the Node client and headless Neovim against goroot-lens serve"
bash test/lsp/run.sh

step "VS Code end-to-end: the linux-x64 VSIX in a real VS Code (code-server), driven by Chromium"
bash test/vscode/run.sh

echo
echo "all test steps passed"
