#!/usr/bin/env bash
# The headless-browser tests (tests/*.rs on wasm32): a real sandbox for them to call, on a
# fresh database and a free port, allowing the test runner's origin; then wasm-bindgen-test in
# Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/sandbox.sh
# The runner binds the address it is given, and the sandbox must name it before the runner
# starts: a port free now (the sandbox's own comes from --listen 127.0.0.1:0).
runner_port=$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")
runner_address=127.0.0.1:$runner_port
work=$(mktemp -d)
cargo build -p vps-sandbox
start_sandbox target/debug/vps-sandbox 127.0.0.1:0 "$work/sandbox.db" --quiet --cors-origin "http://$runner_address"
trap 'kill $SANDBOX_PID 2>/dev/null || true; rm -rf "$work"' EXIT
VPS_TEST_SANDBOX=$SANDBOX_ORIGIN WASM_BINDGEN_TEST_ADDRESS=$runner_address CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test -p vps-admin --target wasm32-unknown-unknown "$@"
