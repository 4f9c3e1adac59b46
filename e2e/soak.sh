#!/usr/bin/env bash
# Soak: N random keys (default 20,000) into the real binary in tmux over the bundled directory,
# with resizes mixed in. Passes when Waymark never crashes, the final screen equals a forced
# full redraw (no stale cells), resident memory at the end is within 10% of after warm-up
# (a tour of every screen, then a tenth of the keys),
# and the terminal is restored when it quits. Prints the figures.
#   WAYMARK_BIN=.build/release/waymark bash e2e/soak.sh [KEYS]
set -u
: "${WAYMARK_BIN:?set WAYMARK_BIN to the waymark binary}"
cd "$(dirname "$0")"
source ./term_lib.sh
KEYS=${1:-20000}
BATCH=16
SEED=${SOAK_SEED:-$RANDOM}
RANDOM=$SEED
export HOME
HOME=$(mktemp -d "${TMPDIR:-/tmp}/waymark-soak.XXXXXX")
unset XDG_DATA_HOME
# Random keys write handouts (x, then a number): into the soak's own home, never the checkout.
mkdir -p "$HOME/Documents"
"$WAYMARK_BIN" list >/dev/null
problems=()

# Keys a user might press. Left out: q and Ctrl-C (quit), Ctrl-Z (suspend), p (prints).
POOL=(a b c d e f g h i j k m n o r s t u v w y z 0 1 2 3 4 5 7 8 9 Space Space Space " " "?" "/"
      Up Down Up Down Left Right Tab BTab Enter Enter Escape Escape BSpace DC PPage NPage Home End
      F1 F2 F3 F4 F5 C-g C-l C-r l x "[" "]" - .)
# Sequences sent as raw bytes, as other terminals send them (tmux/PuTTY Home/End, rxvt, the Linux console, unknown).
RAW=("1b 5b 31 7e" "1b 5b 34 7e" "1b 4f 48" "1b 5b 37 7e" "1b 5b 5b 41" "1b 5b 39 39 7e" "1b 5b 31 3b 35 48" "1b 5b 3f 31 63")
SIZES=("80 24" "120 40" "60 16" "50 10" "100 30" "200 50" "40 12" "132 43")

rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }
alive() { kill -0 "$1" 2>/dev/null; }

term_shell 80 24
term_start_in_shell
pid=$(term_pid)
[ -n "$pid" ] || { echo "soak: Waymark did not start"; exit 1; }
start=$SECONDS
# A tour of every screen first, so what each loads once (its model, the first match, the help
# text, the filters) is in before memory is measured: the check is for growth in use, not for
# the first visit of a screen that random keys reach late.
TOUR=(F2 m e m o r y Space c a f e Down Enter Escape
      F3 m y Space m u m Space k e e p s Space f o r g e t t i n g Enter Down Enter Escape
      F4 Down Down Enter Escape F6 Down F1 Escape F2 C-u)
for key in "${TOUR[@]}"; do term_tm send-keys -t tui -- "$key"; sleep 0.02; done
# and the largest window the soak uses, whose screen buffers are the largest it allocates.
term_tm resize-window -t tui -x 200 -y 50; term_settle
term_tm send-keys -t tui C-f; sleep 0.1; term_tm send-keys -t tui Escape
term_tm resize-window -t tui -x 80 -y 24
term_settle
warm_rss=""
sent=0
while [ $sent -lt "$KEYS" ]; do
  batch=()
  for ((i = 0; i < BATCH && sent < KEYS; i++)); do batch+=("${POOL[RANDOM % ${#POOL[@]}]}"); sent=$((sent + 1)); done
  term_tm send-keys -t tui -- "${batch[@]}"
  if [ $((RANDOM % 8)) -eq 0 ]; then
    # shellcheck disable=SC2086
    term_tm send-keys -t tui -H ${RAW[RANDOM % ${#RAW[@]}]}; sent=$((sent + 1))
  fi
  if [ $((RANDOM % 40)) -eq 0 ]; then
    read -r w h <<<"${SIZES[RANDOM % ${#SIZES[@]}]}"
    term_tm resize-window -t tui -x "$w" -y "$h"
  fi
  sleep 0.01
  if [ $((sent % 400)) -lt $BATCH ]; then
    alive "$pid" || { problems+=("Waymark ended after $sent keys"); break; }
    # Warm-up is the first tenth of the run (at least 400 keys): caches and the index are in by then.
    [ -z "$warm_rss" ] && [ $sent -ge $((KEYS / 10 > 400 ? KEYS / 10 : 400)) ] && { sleep 0.5; warm_rss=$(rss "$pid"); }
  fi
done

if alive "$pid"; then
  term_tm resize-window -t tui -x 80 -y 24
  term_settle
  end_rss=$(rss "$pid")
  partial=$(term_screen)
  term_tm send-keys -t tui C-l
  term_settle
  full=$(term_screen)
  if [ "$partial" != "$full" ]; then
    problems+=("the final screen differs from a full redraw: $(diff <(echo "$partial") <(echo "$full") | head -6 | tr '\n' ' ')")
  fi
  if [ -n "$warm_rss" ] && [ -n "$end_rss" ] && [ "$end_rss" -gt $((warm_rss * 110 / 100)) ]; then
    problems+=("resident memory grew from $warm_rss kB to $end_rss kB (more than 10%)")
  fi
  term_tm send-keys -t tui C-c
  sleep 1
  alive "$pid" && problems+=("Ctrl-C did not quit")
  term_restored || problems+=("the terminal was not restored")
fi
term_tm kill-server 2>/dev/null
echo "soak: $sent keys in $((SECONDS - start)) s (seed $SEED); VmRSS after warm-up ${warm_rss:-?} kB, at the end ${end_rss:-?} kB"
for p in "${problems[@]}"; do echo "soak: FAIL $p"; done
[ ${#problems[@]} -eq 0 ]
