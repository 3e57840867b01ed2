#!/usr/bin/env bash
# Installs what a fresh Debian (or Ubuntu) machine needs to build and run
# Second Story: the C libraries Bevy links against, and Xvfb with Mesa's
# software Vulkan so the game can run and be tested without a GPU or a
# display. Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(
  pkg-config        # finds the libraries below
  libudev-dev       # input devices
  libasound2-dev    # audio (ALSA)
  libwayland-dev    # Wayland windows
  libxkbcommon-dev  # keyboard layouts
  libx11-dev libxcursor-dev libxrandr-dev libxi-dev  # X11 windows
  xvfb xauth        # a display for headless runs and tests (xvfb-run)
  mesa-vulkan-drivers  # software Vulkan (lavapipe) when there is no GPU
  chromium          # headless browser: the web game and the class pages are tested in it
  brotli            # compresses the web build (scripts/build-web.sh)
  python3 python3-venv  # a learning record store (ralph) for the xAPI tests
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: system packages present"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found. Install Rust 1.95 (https://rustup.rs) and run this again." >&2
  exit 1
fi

# A learning record store for the tests that send xAPI statements to one:
# ralph, pinned, in its own virtual environment (never the system Python).
venv="${SECOND_STORY_VENV:-$HOME/.cache/second-story-venv}"
if [ ! -x "$venv/bin/ralph" ]; then
  echo "setup: installing ralph (a learning record store) into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "ralph-malph[lrs]==5.1.0" "uvicorn<0.31" \
    || echo "setup: could not install ralph; the LRS test will say it is missing" >&2
fi

# The game in the browser (scripts/build-web.sh): the wasm target, and
# wasm-bindgen's command-line tool at exactly the version of the
# wasm-bindgen crate in Cargo.lock (the two must match).
export PATH="$HOME/.cargo/bin:$PATH"
if command -v rustup >/dev/null 2>&1; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "setup: adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
else
  echo "setup: no rustup; add the wasm32-unknown-unknown target yourself to build the web game" >&2
fi
bindgen=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$(dirname "$0")/../Cargo.lock")
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" != "$bindgen" ]; then
  echo "setup: installing wasm-bindgen-cli $bindgen (a few minutes, once)"
  cargo install -q wasm-bindgen-cli --version "$bindgen" \
    || echo "setup: could not install wasm-bindgen-cli; the web build will say it is missing" >&2
fi
