#!/usr/bin/env bash
# The headless-browser tests (tests/*.rs on wasm32): a real sandbox for them to call, on a
# fresh database, allowing the test runner's origin, both on free ports; then wasm-bindgen-test
# in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
free_port() { node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"; }
runner_address=127.0.0.1:$(free_port)
sandbox_address=127.0.0.1:$(free_port)
work=$(mktemp -d)
cargo build -p vps-sandbox
target/debug/vps-sandbox --listen "$sandbox_address" --db "$work/sandbox.db" --quiet \
  --cors-origin "http://$runner_address" >"$work/sandbox.out" 2>&1 &
sandbox=$!
trap 'kill $sandbox 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do
  grep -q listening "$work/sandbox.out" && break
  sleep 0.1
done
VPS_TEST_SANDBOX=http://$sandbox_address WASM_BINDGEN_TEST_ADDRESS=$runner_address CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test -p vps-admin --target wasm32-unknown-unknown "$@"
