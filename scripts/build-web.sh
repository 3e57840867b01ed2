#!/usr/bin/env bash
# Builds the game for the browser (WebGL2) into web/dist (or the folder
# given), for `second-story serve` to hand out: the game compiled to
# wasm32-unknown-unknown, bound to JavaScript by wasm-bindgen (the same
# version as the wasm-bindgen crate the game links), the page, and gzip and
# brotli copies the server sends to browsers that take them. Prints the
# sizes. scripts/setup.sh installs the target and the tools.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/second-story-target}"
out="${1:-web/dist}"
export PATH="$HOME/.cargo/bin:$PATH"

# The bindings tool must be the crate's version exactly.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  echo "build-web: wasm-bindgen $want is needed (found: ${have:-none}); run scripts/setup.sh" >&2
  exit 1
fi
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "build-web: the wasm32-unknown-unknown target is missing; run scripts/setup.sh" >&2
  exit 1
fi

start=$(date +%s)
echo "build-web: compiling the game for the browser (the first time takes a while)"
cargo build --profile web --target wasm32-unknown-unknown --bin second-story
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/web/second-story.wasm"

tmp="$out.tmp"
rm -rf "$tmp"
mkdir -p "$tmp"
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name second-story "$wasm"
if command -v wasm-opt >/dev/null 2>&1; then
  echo "build-web: shrinking with wasm-opt"
  if wasm-opt -Os --all-features -o "$tmp/opt.wasm" "$tmp/second-story_bg.wasm"; then
    mv "$tmp/opt.wasm" "$tmp/second-story_bg.wasm"
  else
    echo "build-web: wasm-opt could not shrink it (too old?); keeping it as built" >&2
    rm -f "$tmp/opt.wasm"
  fi
fi
cp web/index.html "$tmp/"
for f in "$tmp"/*.wasm "$tmp"/*.js "$tmp"/*.html; do
  gzip -9 -k -n "$f"
  if command -v brotli >/dev/null 2>&1; then brotli -q 9 -k "$f"; fi
done
# Swap the new build in whole: a server running meanwhile never serves half.
rm -rf "$out.old"
if [ -d "$out" ]; then mv "$out" "$out.old"; fi
mv "$tmp" "$out"
rm -rf "$out.old"

size() { stat -c %s "$1" 2>/dev/null || echo 0; }
raw=0 gz=0 br=0
for f in "$out"/*.wasm "$out"/*.js "$out"/*.html; do
  raw=$((raw + $(size "$f"))); gz=$((gz + $(size "$f.gz"))); br=$((br + $(size "$f.br")))
done
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }
report="web build: $(mb $raw) raw, $(mb $gz) gzip, $(mb $br) brotli (what a browser downloads: the smallest it takes)"
echo "$report" | tee "$out/size.txt"
echo "build-web: done in $(( $(date +%s) - start )) s; serve it with: second-story serve"
