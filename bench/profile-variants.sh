#!/usr/bin/env bash
# Builds the committed app (git HEAD) under release-profile variants, without touching the
# working tree or its target/: each variant is the same source with Cargo's profile overridden
# through CARGO_PROFILE_RELEASE_* (or RUSTFLAGS), built by scripts/build-release.mjs into its own dist directory.
# Prints the shipped size of each; with --speed, also runs the browser phase of bench/run.mjs on
# each dist (figures, not a verdict).
#
#   bench/profile-variants.sh [--speed] [variant ...]
#
# Variants: current opt-s opt-3 opt-2 cgu16 thin-lto no-lto no-erase (without .cargo/config.toml's
# --cfg erase_components) erase-components (with it, for commits before it was adopted)
# Output: $BENCH_VARIANTS_DIR (default /tmp/vps-variants)/<variant>/dist, and sizes.txt there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${BENCH_VARIANTS_DIR:-/tmp/vps-variants}
target=${BENCH_TARGET_DIR:-/tmp/vps-bench-target}
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

speed=false
variants=()
for arg in "$@"; do
  case $arg in
    --speed) speed=true ;;
    *) variants+=("$arg") ;;
  esac
done
[ ${#variants[@]} -gt 0 ] || variants=(current opt-s opt-3 cgu16 thin-lto no-erase)

src=$(mktemp -d /tmp/vps-variant-src.XXXXXX)
trap 'rm -rf "$src"' EXIT
git -C "$root" archive HEAD | tar -x -C "$src"
# git archive gives files their commit time; Cargo decides freshness by mtime (and its hashes of
# workspace members do not depend on where they are), so without this it could reuse the
# previous extraction's build.
find "$src" -type f -exec touch {} +
commit=$(git -C "$root" rev-parse --short HEAD)
mkdir -p "$out"

env_for() {
  case $1 in
    current) echo "" ;;
    opt-s) echo "CARGO_PROFILE_RELEASE_OPT_LEVEL=s" ;;
    opt-3) echo "CARGO_PROFILE_RELEASE_OPT_LEVEL=3" ;;
    opt-2) echo "CARGO_PROFILE_RELEASE_OPT_LEVEL=2" ;;
    cgu16) echo "CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16" ;;
    thin-lto) echo "CARGO_PROFILE_RELEASE_LTO=thin" ;;
    no-lto) echo "CARGO_PROFILE_RELEASE_LTO=false" ;;
    erase-components) echo "RUSTFLAGS=--cfg=erase_components" ;;
    # RUSTFLAGS, even empty, replaces the target's rustflags from .cargo/config.toml.
    no-erase) echo "RUSTFLAGS=" ;;
    *) echo "unknown variant $1" >&2; return 1 ;;
  esac
}

for variant in "${variants[@]}"; do
  settings=$(env_for "$variant")
  dist="$out/$variant/dist"
  rm -rf "$dist"
  mkdir -p "$out/$variant"
  echo "==> $variant ($commit${settings:+, $settings})" >&2
  started=$(date +%s)
  (cd "$src" && env $settings CARGO_TARGET_DIR="$target" node scripts/build-release.mjs --dist "$dist" >"$out/$variant/build.log" 2>&1) || {
    echo "build failed: $out/$variant/build.log" >&2
    continue
  }
  # The first screen's wasm and glue (the chunks are listed in the build log).
  wasm=$(ls "$dist"/vps-admin-*_bg.wasm)
  js=$(ls "$dist"/vps-admin-*.js)
  printf '%-18s %s  wasm raw %7d  gzip %7d  brotli %7d  | js brotli %5d | build %ss\n' "$variant" "$commit" \
    "$(stat -c%s "$wasm")" "$(gzip -9 -c -n "$wasm" | wc -c)" "$(brotli -q 11 -c "$wasm" | wc -c)" \
    "$(brotli -q 11 -c "$js" | wc -c)" "$(( $(date +%s) - started ))" | tee -a "$out/sizes.txt"
  if $speed; then
    node "$root/bench/run.mjs" --dist "$dist" --only browser --phases loads10k,keys --json "$out/$variant/browser.json" \
      >"$out/$variant/browser.txt" 2>&1 || echo "browser phase failed: $out/$variant/browser.txt" >&2
  fi
done
