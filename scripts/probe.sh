#!/usr/bin/env bash
# Hostile and unlucky input against every command of the built binary:
# special files, symlink loops, huge files and numbers, hostile names,
# CSV/HTML/terminal injection, invalid UTF-8, deep nesting and bad flags.
# Each probe runs under a timeout and prints `PASS name` or `FAIL name:
# why`; the script exits non-zero when any probe fails.
#
# It builds nothing. The binary is $SECOND_STORY, or
# target/release/second-story under ${CARGO_TARGET_DIR:-$HOME/.cache/second-story-target}.
# Run from anywhere; it works in a temporary folder it removes.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${SECOND_STORY:-${CARGO_TARGET_DIR:-$HOME/.cache/second-story-target}/release/second-story}"
if [ ! -x "$BIN" ]; then
    echo "FAIL setup: no binary at $BIN (build it, or set SECOND_STORY)"
    exit 2
fi
W="$(mktemp -d "${TMPDIR:-/tmp}/second-story-probe.XXXXXX")"
trap 'rm -rf "$W"' EXIT
cd "$ROOT" || exit 2

LIMIT=15
FAILS=0
COUNT=0
ESC=$'\e'

# run CMD...: runs it under the time limit with no input; sets OUT and RC.
run() {
    OUT="$(timeout -k 2 "$LIMIT" "$@" </dev/null 2>&1)"
    RC=$?
}

pass() { COUNT=$((COUNT + 1)); echo "PASS $1"; }
fail() { COUNT=$((COUNT + 1)); FAILS=$((FAILS + 1)); echo "FAIL $1: $2"; }

# expect NAME CODES [MUST_CONTAIN [MUST_NOT_CONTAIN]]: judges the last run.
# CODES is a list of acceptable exit codes ("1 2"). A hang, a crash, a
# panic or a raw escape character in the output fails every probe.
expect() {
    local name="$1" codes="$2" want="${3:-}" avoid="${4:-}"
    local first
    first="$(printf '%s' "$OUT" | head -n 1 | cut -c1-160)"
    if [ "$RC" -eq 124 ] || [ "$RC" -eq 137 ]; then
        fail "$name" "still running after ${LIMIT} s"
    elif [ "$RC" -ge 128 ]; then
        fail "$name" "killed by signal $((RC - 128)): $first"
    elif grep -q "panicked at" <<<"$OUT"; then
        fail "$name" "panicked: $(grep -m1 'panicked at' <<<"$OUT")"
    elif grep -q "$ESC" <<<"$OUT"; then
        fail "$name" "a raw escape character reached the terminal"
    elif ! [[ " $codes " == *" $RC "* ]]; then
        fail "$name" "exit code $RC, expected one of $codes: $first"
    elif [ -n "$want" ] && ! grep -qF -- "$want" <<<"$OUT"; then
        fail "$name" "the output does not say \"$want\": $first"
    elif [ -n "$avoid" ] && grep -qF -- "$avoid" <<<"$OUT"; then
        fail "$name" "the output says \"$avoid\": $first"
    else
        pass "$name"
    fi
}

# check NAME CONDITION-COMMAND... WHY: a fact about files after a run.
check() {
    local name="$1" why="$2"
    shift 2
    if "$@"; then pass "$name"; else fail "$name" "$why"; fi
}

SCEN="$ROOT/scenarios/lego-warm-up.ron"
MOVES="$ROOT/tests/fixtures/lego-warm-up.expert.ron"

# --- material -------------------------------------------------------------
mkdir -p "$W/special" "$W/class" "$W/out" "$W/loops/a" "$W/loops/b"
HAVE_FIFO=1
for f in stuck.ron stuck.md stuck.json settings.ron; do
    mkfifo "$W/special/$f" 2>/dev/null || HAVE_FIFO=0
done
ln -s /dev/zero "$W/special/zero.ron"
ln -s /dev/zero "$W/special/zero.md"
ln -s /dev/zero "$W/special/zero.json"
ln -s nowhere.json "$W/special/dangling.json"
ln -s self.ron "$W/special/self.ron"
run "$BIN" run lego-warm-up --moves "$MOVES" --player Ana --record "$W/good.json"
[ "$RC" -eq 0 ] || { echo "FAIL setup: cannot make a record: $OUT"; exit 2; }
cp "$W/good.json" "$W/class/ana.json"
printf 'The root cause was human error.\n' >"$W/loops/a/notes.md"
cp "$W/good.json" "$W/loops/a/rec.json"
ln -s . "$W/loops/a/self"
ln -s ../b "$W/loops/a/to-b"
ln -s ../a "$W/loops/b/to-a"

# --- FIFOs, devices, sockets and dangling links -----------------------------
if [ "$HAVE_FIFO" -eq 1 ]; then
    run "$BIN" validate --quick "$W/special"
    expect validate-fifo-and-dev-zero-in-a-folder "1" "stuck.ron: error: not a regular file (a FIFO)"
    run "$BIN" validate --quick "$W/special/stuck.ron"
    expect validate-fifo-by-name "1" "(a FIFO)"
    run "$BIN" lint "$W/special"
    expect lint-fifo-in-a-folder "2" "stuck.md: not a regular file (a FIFO)"
    run "$BIN" lint "$W/special/stuck.md"
    expect lint-fifo-by-name "2" "(a FIFO)"
    run "$BIN" lint --config "$W/special/stuck.ron" "$ROOT/README.md"
    expect lint-config-fifo "2" "(a FIFO)"
    run "$BIN" report "$W/special" --csv "$W/out/special.csv"
    expect report-fifo-and-links-skipped "0" "skipped $W/special/stuck.json: not a regular file (a FIFO)"
    run "$BIN" run lego-warm-up --moves "$W/special/stuck.ron"
    expect run-moves-fifo "2" "(a FIFO)"
    run "$BIN" replay "$W/special/stuck.json"
    expect replay-fifo "2" "(a FIFO)"
    run "$BIN" cards "$W/special/stuck.ron" --out "$W/out/cards-fifo"
    expect cards-fifo "2" "(a FIFO)"
    run "$BIN" explore "$W/special/stuck.ron"
    expect explore-fifo "2" "(a FIFO)"
    run "$BIN" report "$W/special/stuck.json"
    expect report-folder-is-a-fifo "2" "(a FIFO)"
    mkfifo "$W/out/nobody-reads.csv"
    run "$BIN" report "$W/class" --csv "$W/out/nobody-reads.csv"
    expect report-output-to-a-fifo-nobody-reads "2" "nobody is reading"
else
    echo "note: mkfifo is not available here; FIFO probes skipped"
fi
run "$BIN" run lego-warm-up --moves /dev/zero
expect run-moves-dev-zero "2" "/dev/zero: not a regular file (a device)"
run "$BIN" validate --quick "$W/special/zero.ron"
expect validate-link-to-dev-zero "1" "(a device)"
run "$BIN" lint "$W/special/zero.md"
expect lint-link-to-dev-zero "2" "(a device)"
run "$BIN" replay "$W/special/zero.json"
expect replay-link-to-dev-zero "2" "(a device)"
run "$BIN" lint --config /dev/zero "$ROOT/README.md"
expect lint-config-dev-zero "2" "(a device)"
OUT="$(timeout -k 2 "$LIMIT" "$BIN" lint - </dev/zero 2>&1)"
RC=$?
expect lint-stdin-endless "2" "too large"
run "$BIN" replay "$W/special/dangling.json"
expect replay-dangling-link "2" "cannot read"
run "$BIN" validate --quick "$W/special/self.ron"
expect validate-self-link "1 2" "a loop of symbolic links"
run "$BIN" validate --quick /dev
expect validate-a-folder-of-devices "0 1"

# --- symlink loops: every file once, every walk ends ------------------------
run "$BIN" lint "$W/loops/a"
lines="$(printf '%s\n' "$OUT" | grep -c 'notes.md:1:')"
if [ "$RC" -eq 1 ] && [ "$lines" -eq 2 ]; then pass lint-symlink-loops-count-once; else
    fail lint-symlink-loops-count-once "exit $RC, $lines findings for notes.md (2 expected)"; fi
run "$BIN" report "$W/loops/a" --csv "$W/out/loops.csv"
expect report-symlink-loops-count-once "0" "1 meeting(s) by 1 student(s)"

# --- huge files -----------------------------------------------------------
head -c 3000000 /dev/zero | tr '\0' ' ' >"$W/huge.json"
run "$BIN" replay "$W/huge.json"
expect replay-huge-record "2" "too large"
cp "$W/huge.json" "$W/class/huge.json"
run "$BIN" report "$W/class" --csv "$W/out/huge.csv"
expect report-huge-record-skipped "0" "too large"
rm "$W/class/huge.json"
{ cat "$SCEN"; head -c 5000000 /dev/zero | tr '\0' ' '; } >"$W/huge.ron"
run "$BIN" validate --quick "$W/huge.ron"
expect validate-huge-scenario "1" "too large"
head -c 2000000 /dev/zero | tr '\0' ' ' >"$W/huge-moves.ron"
run "$BIN" run lego-warm-up --moves "$W/huge-moves.ron"
expect run-huge-script "2" "too large"
head -c 17000000 /dev/zero | tr '\0' 'a' >"$W/huge.md"
run "$BIN" lint "$W/huge.md"
expect lint-huge-document "2" "too large"
{ printf '['; for _ in $(seq 1 3000); do printf 'Zoom,'; done; printf ']'; } >"$W/many-moves.ron"
run "$BIN" run lego-warm-up --moves "$W/many-moves.ron"
expect run-too-many-moves "2" "too many moves"

# --- huge numbers -----------------------------------------------------------
run "$BIN" explore lego-warm-up --samples 18446744073709551615
expect explore-samples-overflow "2" "at most"
run "$BIN" explore lego-warm-up --samples 100000000000
expect explore-samples-huge "2" "at most"
run "$BIN" explore lego-warm-up --depth 6
expect explore-depth-6 "2" "at most 3"
run "$BIN" explore lego-warm-up --depth 99999999999999999999999
expect explore-depth-not-a-number "2"
run "$BIN" run lego-warm-up --moves "$MOVES" --seed 18446744073709551615
expect run-largest-seed "0" "Report:"
sed 's/minutes: 35,/minutes: 65535,/' "$SCEN" >"$W/minutes.ron"
run "$BIN" validate "$W/minutes.ron"
expect validate-65535-minutes "1" "at most 480"
sed 's/"player": null/"player": null, "vote": {"tally": [[{"Ask": "x"}, 4294967295]]}/' \
    "$W/good.json" >"$W/class/votes.json"
sed 's/"minute": 0,/"minute": 70000,/' "$W/good.json" >"$W/class/minute.json"
sed 's/"player": null/"player": 18446744073709551615/' "$W/good.json" >"$W/class/player.json"
run "$BIN" report "$W/class" --out "$W/out/numbers.html"
expect report-vote-overflow "0" "4294967295 votes for one option" "429496729600%"
expect report-minute-overflow "0" "minute.json: not a session record"
expect report-player-index "0" "credited to player"
rm "$W/class/votes.json" "$W/class/minute.json" "$W/class/player.json"
for i in $(seq 1 1200); do
    printf 'Fact(id: "f%s", summary: "s", holder: "ghost", line: "l", weight: 1, reveal: Reveal(kinds: [Cue])),\n' "$i"
done >"$W/facts.txt"
sed '/^    facts: \[$/r '"$W/facts.txt" "$SCEN" >"$W/facts.ron"
run "$BIN" validate --quick "$W/facts.ron"
expect validate-too-many-facts "1" "too many facts"

# --- hostile names ----------------------------------------------------------
LONG="$(head -c 10000 /dev/zero | tr '\0' 'x')"
run "$BIN" run lego-warm-up --moves "$MOVES" --player "$LONG" --record "$W/out/long.json"
expect run-player-name-too-long "2" "at most 240 bytes"
run "$BIN" --facilitator "$LONG"
expect game-facilitator-name-too-long "2" "at most 240 bytes"
WIDE="$(printf '𝒜%.0s' $(seq 1 60))"
run "$BIN" run lego-warm-up --moves "$MOVES" --player "$WIDE" --record "$W/out/wide.json"
expect run-sixty-wide-letters "0"
sed 's#"scenario": "lego-warm-up"#"scenario": "'"$ROOT"'/scenarios/lego-warm-up"#' "$W/good.json" >"$W/class/abs.json"
sed 's#"scenario": "lego-warm-up"#"scenario": "../scenarios/lego-warm-up"#' "$W/good.json" >"$W/class/up.json"
run "$BIN" report "$W/class" --csv "$W/out/paths.csv"
expect report-scenario-by-absolute-path "0" "abs.json: line"
expect report-scenario-by-dotdot "0" "names its scenario by a path (\"../scenarios/lego-warm-up\")"
expect report-counts-only-library-records "0" "1 meeting(s) by 1 student(s); 2 file(s) skipped"
rm "$W/class/abs.json" "$W/class/up.json"
run "$BIN" replay "$W/good.json" --scenario "$W/special/stuck.ron"
expect replay-scenario-flag-fifo "2"
(cd "$W" && mkdir -p scenarios && ln -s ../outside.txt scenarios/planted.ron &&
    OUT="$(timeout "$LIMIT" "$BIN" new planted 2>&1)"; echo "$?" >"$W/rc"; printf '%s' "$OUT" >"$W/o")
OUT="$(cat "$W/o")"
RC="$(cat "$W/rc")"
expect new-through-a-dangling-link "2" "already exists"
check new-wrote-nothing-outside "a file appeared outside scenarios/" test ! -e "$W/outside.txt"
run "$BIN" new "../escape"
expect new-dotdot-id "2" "not a scenario id"
run "$BIN" new "$LONG"
expect new-long-id "2" "not a scenario id"

# --- saving never loses or overwrites -----------------------------------------
printf 'not ours\n' >"$W/out/rec.tmp"
run "$BIN" run lego-warm-up --moves "$MOVES" --record "$W/out/rec.json"
run "$BIN" run lego-warm-up --moves "$MOVES" --record "$W/out/rec.json"
expect run-record-twice-keeps-both "0" "rec.json exists; the record was saved as"
check run-record-left-rec-tmp-alone "rec.tmp was changed or removed" grep -q 'not ours' "$W/out/rec.tmp"
check run-record-second-file "no rec-2.json" test -f "$W/out/rec-2.json"
touch "$W/out/not-a-folder"
run "$BIN" cards lego-warm-up --out "$W/out/not-a-folder"
expect cards-out-is-a-file "2" "error:"

# --- CSV, HTML and terminal injection ------------------------------------------
run "$BIN" run lego-warm-up --moves "$MOVES" --player '=HYPERLINK("http://evil")' --record "$W/class/formula.json"
run "$BIN" run lego-warm-up --moves "$MOVES" --player '<script>alert(1)</script>' --record "$W/class/html.json"
run "$BIN" run lego-warm-up --moves "$MOVES" --player "Eve${ESC}[2J${ESC}]0;owned"$'\a' --record "$W/class/escape.json"
printf '{"format": 1}' >"$W/class/$(printf 'evil\e[31mname.json')"
run "$BIN" report "$W/class" --out "$W/out/r.html" --csv "$W/out/r.csv"
expect report-escapes-file-names-in-the-terminal "0" 'evil\u{1b}[31mname.json'
check csv-formula-neutralised "a cell starts with =" grep -qF "\"'=HYPERLINK(" "$W/out/r.csv"
check csv-no-formula-cells "a cell starts a formula" bash -c "! grep -qE '(^|,)\"?[=+@-]' '$W/out/r.csv'"
check html-report-escapes-names "raw <script> in the page" bash -c "! grep -q '<script>alert' '$W/out/r.html'"
run "$BIN" replay "$W/class/escape.json"
expect replay-escapes-names "0" 'Eve\u{1b}[2J'
sed 's/name: "Owen"/name: "<img src=x onerror=alert(1)>"/' "$SCEN" >"$W/html-name.ron"
run "$BIN" cards "$W/html-name.ron" --out "$W/out/cards"
expect cards-with-an-html-name "0" "wrote"
check cards-escape-html "raw <img in a card" bash -c "! grep -rq '<img' '$W/out/cards'"
sed 's/"saved_at": "[^"]*"/"saved_at": "next tuesday <b>"/' "$W/good.json" >"$W/class/when.json"
run "$BIN" report "$W/class" --xapi "$W/out/x.json"
expect report-free-text-saved-at "0" "is not a time in RFC 3339 form"
check xapi-timestamps "a timestamp that is not RFC 3339" bash -c "! grep '\"timestamp\"' '$W/out/x.json' | grep -vqE '\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\"'"

# --- invalid UTF-8 ------------------------------------------------------------
printf '[\n  NextPhase,\n  Say(text: "caf\xe9", to: Room),\n]\n' >"$W/latin1.ron"
run "$BIN" run lego-warm-up --moves "$W/latin1.ron"
expect run-script-not-utf8 "2" "latin1.ron:3:17: not UTF-8"
{ head -n 3 "$SCEN"; printf 'x\xff\n'; tail -n +4 "$SCEN"; } >"$W/latin1-scenario.ron"
run "$BIN" validate --quick "$W/latin1-scenario.ron"
expect validate-scenario-not-utf8 "1" "latin1-scenario.ron:4:2: not UTF-8"
printf '{"format": 1, "version": "\xff"}' >"$W/latin1.json"
run "$BIN" replay "$W/latin1.json"
expect replay-record-not-utf8 "2" "latin1.json:1:27: not UTF-8"
printf 'Root \xff cause\n' >"$W/latin1.md"
run "$BIN" lint "$W/latin1.md"
expect lint-not-utf8 "2" "latin1.md:1:6: not UTF-8"

# --- deep nesting ---------------------------------------------------------------
head -c 200000 /dev/zero | tr '\0' '[' >"$W/deep.ron"
run "$BIN" validate --quick "$W/deep.ron"
expect validate-deep-nesting "1" "deep.ron:1:"
run "$BIN" run lego-warm-up --moves "$W/deep.ron"
expect run-deep-nesting "2" "deep.ron:1:"
run "$BIN" lint --config "$W/deep.ron" "$ROOT/README.md"
expect lint-config-deep-nesting "2"
head -c 200000 /dev/zero | tr '\0' '[' >"$W/deep.json"
run "$BIN" replay "$W/deep.json"
expect replay-deep-nesting "2" "deep.json:1:"
{ head -c 10000 /dev/zero | tr '\0' '>'; echo ' root cause'; } >"$W/deep.md"
run "$BIN" lint "$W/deep.md"
expect lint-deep-quotes "0 1"

# --- bad flags ----------------------------------------------------------------
run "$BIN" run
expect run-without-arguments "2" "Usage"
run "$BIN" lint --format xml "$ROOT/README.md"
expect lint-bad-format "2" "invalid value"
run "$BIN" run lego-warm-up --moves "$MOVES" --player A --player B --turn 0 --record "$W/out/t.json"
expect run-turn-zero "2" "is not a turn"
run "$BIN" run lego-warm-up --moves "$MOVES" --seed -1
expect run-negative-seed "2"
run "$BIN" report "$W/no-such-folder"
expect report-missing-folder "2" "no-such-folder"
run "$BIN" no-such-command
expect unknown-command "2"

# --- a class of 1,000 records -------------------------------------------------
mkdir -p "$W/big"
for i in $(seq 1 1000); do cp "$W/good.json" "$W/big/r$i.json"; done
start=$(date +%s)
run "$BIN" report "$W/big" --csv "$W/out/big.csv"
expect report-1000-records "0" "1000 meeting(s) by 1 student(s)"
echo "note: 1000 records reported in $(($(date +%s) - start)) s"

echo "$((COUNT - FAILS)) of $COUNT probes passed"
[ "$FAILS" -eq 0 ]
