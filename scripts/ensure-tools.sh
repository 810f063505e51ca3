#!/usr/bin/env bash
# Installs what building and testing need, when it is missing. Safe to run again: each step
# checks first. Nothing is downloaded from outside the package registries (crates.io, npm,
# Debian): Trunk runs offline and finds wasm-bindgen and wasm-opt on PATH.
#
#   scripts/ensure-tools.sh build   Rust wasm target, Trunk, wasm-bindgen, npm packages (wasm-opt)
#   scripts/ensure-tools.sh test    the above, plus Chromium, ChromeDriver, nginx (+ brotli_static),
#                                   Python's icalendar
set -euo pipefail
cd "$(dirname "$0")/.."

want=${1:-build}
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
# Tool builds are release builds of other people's crates: skip their fat LTO to save minutes.
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing Trunk 0.21 (about 5 minutes)"
  cargo install trunk --version '~0.21' --locked
fi

# wasm-bindgen must match the wasm-bindgen crate in Cargo.lock exactly.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $bindgen_version"; then
  say "installing wasm-bindgen-cli $bindgen_version (about 4 minutes)"
  # Its published lockfile pins a webpki-roots release the registry no longer has: fetch the
  # crate, move that one pin to the release before it, and install from the unpacked source.
  cargo install wasm-bindgen-cli --version "=$bindgen_version" --locked >/dev/null 2>&1 || true
  crate=$(ls ~/.cargo/registry/cache/*/wasm-bindgen-cli-"$bindgen_version".crate 2>/dev/null | head -n 1)
  if [ -z "$crate" ]; then
    echo "could not download wasm-bindgen-cli $bindgen_version from crates.io" >&2
    exit 1
  fi
  work=$(mktemp -d)
  tar -xzf "$crate" -C "$work"
  (cd "$work/wasm-bindgen-cli-$bindgen_version" && cargo update -p webpki-roots --precise 1.0.10 && cargo install --path . --locked)
  rm -rf "$work"
fi

# The release build's wasm splitter. Its 0.2 line reads what the wasm_split_helpers 0.2 of
# Cargo.lock (through leptos) writes; 0.2.4 is the release the build was made and tested with.
split_version=0.2.4
if ! grep -A1 '^name = "wasm_split_helpers"$' Cargo.lock | grep -q '^version = "0\.2\.'; then
  echo "Cargo.lock's wasm_split_helpers is no longer 0.2.x: move wasm-split-cli ($split_version) to the matching release" >&2
  exit 1
fi
# (The binary has no --version: cargo's own list of installs tells.)
if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -qx "wasm_split_cli_support v$split_version:"; then
  say "installing wasm-split-cli $split_version (about a minute)"
  cargo install wasm_split_cli_support --version "=$split_version" --features build-binary --locked
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (binaryen's wasm-opt, Playwright, axe-core)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

if [ "$want" = test ]; then
  # Python's icalendar, for the end-to-end tests to read the calendar files the app makes.
  if ! python3 -c 'import icalendar' 2>/dev/null; then
    say "installing the end-to-end tests' Python packages (end2end/requirements.txt)"
    python3 -m pip install --quiet --disable-pip-version-check -r end2end/requirements.txt
  fi
  # Chromium for the browser tests; nginx with its brotli_static module for the deployment's
  # end-to-end tests (which start their own nginx on a free port, never the machine's service).
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
  command -v openssl >/dev/null || missing+=(openssl)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian's ${missing[*]}"
    sudo_if_needed=""
    [ "$(id -u)" -eq 0 ] || sudo_if_needed=sudo
    # Installing nginx must not start (or enable) the machine's own nginx service: a
    # policy-rc.d that refuses every start, for the length of the install, unless one is there.
    policy=/usr/sbin/policy-rc.d
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' | $sudo_if_needed tee "$policy" >/dev/null
      $sudo_if_needed chmod +x "$policy"
      trap '$sudo_if_needed rm -f "$policy"' EXIT
    fi
    $sudo_if_needed apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_if_needed apt-get install -y -qq "${missing[@]}"
  fi
fi
