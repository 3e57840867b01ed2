#!/usr/bin/env bash
# Retakes the README's pictures of the game with the same autoplay the tests
# use: the flagship's expert script in a real window under Xvfb, alone at
# 1280x720 and as a workshop on a projector. Run it whenever the look
# changes; it needs what scripts/setup.sh installs.
#
#   scripts/pictures.sh            # writes docs/pictures/*.png
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/second-story-target}"
cargo build --release --quiet
game="$CARGO_TARGET_DIR/release/second-story"
script=tests/fixtures/zero-that-was-eight.expert.ron
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

shoot() { # NAME ARGS...: one autoplay run into $work/NAME
    local name="$1"
    shift
    echo "pictures: $name"
    SECOND_STORY_HOME="$work/$name/home" WAYLAND_DISPLAY='' \
        xvfb-run -a -s "-screen 0 1280x720x24" \
        "$game" --autoplay "$script" --screenshot "$work/$name" "$@" >"$work/$name.log" 2>&1 ||
        { cat "$work/$name.log"; exit 1; }
}

shoot alone
shoot workshop --facilitator Ana --facilitator Ben

mkdir -p docs/pictures
# What the README shows, under the names it uses.
cp "$work/alone/brief.png" docs/pictures/brief.png
cp "$work/alone/meeting.png" docs/pictures/meeting.png
cp "$work/alone/meeting-zoomed.png" docs/pictures/meeting-zoomed.png
cp "$work/alone/shown-rounding-diff.png" docs/pictures/big-screen-diff.png
cp "$work/alone/shown-ci-whiteboard.png" docs/pictures/big-screen-whiteboard.png
cp "$work/alone/shown-error-graph.png" docs/pictures/big-screen-graph.png
cp "$work/alone/report.png" docs/pictures/report.png
cp "$work/workshop/pause.png" docs/pictures/workshop-pause.png
echo "pictures: docs/pictures/ updated"
