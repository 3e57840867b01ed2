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
  chromium          # headless browser: the class server's live page is tested in it
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
