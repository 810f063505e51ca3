#!/usr/bin/env bash
# `make run`: the sandbox on a local database, and `trunk serve` proxying /api/ to it.
set -euo pipefail
cd "$(dirname "$0")/.."
# The sandbox's port is the one Trunk.toml proxies /api/ to.
sandbox_port=8787
app_port=${1:-8080}
mkdir -p target/dev
cargo build -p vps-sandbox
target/debug/vps-sandbox --listen "127.0.0.1:$sandbox_port" --db target/dev/sandbox.db &
sandbox=$!
trap 'kill $sandbox 2>/dev/null || true' EXIT INT TERM
cat <<MSG

  The admin app:   http://127.0.0.1:$app_port/   (first build takes a minute or two)
  Demo API token:  sandbox-demo-token             (a second account: sandbox-other-token)
  Sandbox API:     http://127.0.0.1:$sandbox_port/api/v1/domains/   (database target/dev/sandbox.db)

MSG
trunk serve --port "$app_port"
