#!/usr/bin/env bash
# Copies the README's screenshots from the last end-to-end run (target/screenshots, written by
# `make test-e2e`) into docs/screenshots. Run it after a full, passing run, then look at them.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=(sign-in domains forecast bulk-selection bulk-review bulk-failed register-quote register-confirm settings-diff transfer-checklist transfer-next-steps portfolio-views-menu portfolio-domain-kept portfolio-import-preview
  fi-sign-in fi-domains fi-register-quote fi-register-confirm fi-settings-diff fi-transfer-checklist fi-transfer-next-steps)
mkdir -p docs/screenshots
for page in "${pages[@]}"; do
  for width in 1280 375; do
    cp "target/screenshots/$page-$width.png" "docs/screenshots/$page-$width.png"
  done
done
ls -1 docs/screenshots
