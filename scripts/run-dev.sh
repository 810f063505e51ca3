#!/usr/bin/env bash
# `make run`: the app under `trunk serve`, with the provider's endpoints (/api/v1/domains/ and
# what lies under it) proxied, on this one origin, to
#   - the sandbox, started here on a local database (the default), or
#   - the API at $UPSTREAM (`make run UPSTREAM=https://admin.vps.org`): no sandbox is started and
#     nothing goes to one.
#
#   scripts/run-dev.sh [APP_PORT]      (UPSTREAM and SANDBOX_PORT from the environment)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/sandbox.sh
app_port=${1:-8080}
mkdir -p target/dev
upstream=${UPSTREAM:-}

if [ -n "$upstream" ]; then
  upstream=${upstream%/}
  case "$upstream" in
    https://*) ;;
    http://localhost | http://localhost:* | http://127.* | http://\[::1\]*) ;;
    *)
      echo "UPSTREAM must be https://… (http:// only for this machine): the token would cross the network in clear text." >&2
      exit 2
      ;;
  esac
  case "$upstream" in
    */api/*)
      echo "UPSTREAM is the API's origin, without a path: UPSTREAM=https://admin.vps.org" >&2
      exit 2
      ;;
  esac
  backend="$upstream/api/v1/domains/"
  cat <<MSG

  The admin app:  http://127.0.0.1:$app_port/   (first build takes a minute or two)
  The API:        $backend   (proxied by trunk serve; sign in with your VPS.org API token)

MSG
else
  sandbox_port=${SANDBOX_PORT:-8787}
  cargo build -p vps-sandbox
  start_sandbox target/debug/vps-sandbox "127.0.0.1:$sandbox_port" target/dev/sandbox.db
  trap 'kill $SANDBOX_PID 2>/dev/null || true' EXIT INT TERM
  backend="$SANDBOX_ORIGIN/api/v1/domains/"
  cat <<MSG

  The admin app:   http://127.0.0.1:$app_port/   (first build takes a minute or two)
  Demo API token:  sandbox-demo-token             (a second account: sandbox-other-token)
  Sandbox API:     $backend   (database target/dev/sandbox.db)

MSG
fi

# Redirects go back to the browser as they came: the app refuses to follow them with a token.
# Its own dist directory: dist/ keeps the release build that the tests and nginx serve.
trunk serve --port "$app_port" --dist target/dev/dist \
  --proxy-backend "$backend" --proxy-rewrite /api/v1/domains/ --proxy-no-redirect
