#!/usr/bin/env bash
# Text captures of the TUI at 80×24 for docs/captures/ (tmux capture-pane), from the real binary:
#   WAYMARK_BIN=.build/debug/waymark bash e2e/capture_tui.sh
set -u
: "${WAYMARK_BIN:?set WAYMARK_BIN to the waymark binary}"
cd "$(dirname "$0")"
out=$(cd .. && pwd)/docs/captures
mkdir -p "$out"
export HOME
HOME=$(mktemp -d "${TMPDIR:-/tmp}/waymark-capture.XXXXXX")
"$WAYMARK_BIN" list >/dev/null
# Each session gets its own tmux server: a new server on a socket just killed can race its shutdown.
phase=0
sock="waymark-capture-$$-0"
tm() { tmux -L "$sock" "$@"; }
next_server() { tm kill-server 2>/dev/null; phase=$((phase + 1)); sock="waymark-capture-$$-$phase"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$HOME"' EXIT
wait_for() { local i; for i in $(seq 1 50); do tm capture-pane -t c -p 2>/dev/null | grep -qF -- "$1" && return 0; sleep 0.2; done; echo "never saw: $1" >&2; return 1; }
# fresh: a new session on a fresh directory (no shortlist, so no "Last time" question).
fresh() {
  next_server
  tm new-session -d -s c -x 80 -y 24 "cd '$HOME' && HOME='$HOME' TERM=xterm-256color WAYMARK_NOW='2026-11-24 10:30' '$WAYMARK_BIN'; sleep 30"
  wait_for "SAMPLE DATA"
}
capture() { sleep 1; tm capture-pane -t c -p > "$out/$1.txt"; }

fresh
tm send-keys -t c "memory cafe" Down
wait_for "▶ Results" && capture search-focus

fresh
tm send-keys -t c F3
wait_for "What matters to them"
tm send-keys -t c "I'm worn out looking after him since his stroke and we can't get out" Tab "Chew Magna" Enter "74" Tab 1
wait_for "drives" && capture needs-form
tm send-keys -t c F5
wait_for "Why it was suggested" && capture needs-suggestions
tm send-keys -t c Down Enter
wait_for "▶ Why, and the service" && capture suggestion-beside-list

fresh
tm send-keys -t c F3
wait_for "What matters to them"
tm send-keys -t c "I want to end my life, I can't go on caring for mum" Tab "Radstock" F5
wait_for "SAFETY FIRST" && capture needs-safety
fresh
tm send-keys -t c "lunch club" Down Enter
wait_for "▶ Detail" && capture search-detail
tm send-keys -t c s Escape Down s
wait_for "2 in all"
tm send-keys -t c l
wait_for "▶ Services"
tm send-keys -t c e
wait_for "A note for the person"
tm send-keys -t c "ask for Sue on the phone" Enter
wait_for "Note saved"
tm send-keys -t c E
wait_for "private: not printed"
tm send-keys -t c "daughter rings on Fridays" Enter
wait_for "Private note saved" && capture shortlist
tm send-keys -t c x
wait_for "Write the handout as" && capture handout-choice
tm send-keys -t c 1
wait_for "Last handout written to" && capture handout-written
tm send-keys -t c b
wait_for "By:" && capture browse

next_server
tm new-session -d -s c -x 80 -y 24 "cd '$HOME' && HOME='$HOME' TERM=xterm-256color WAYMARK_NOW='2026-11-24 10:30' '$WAYMARK_BIN' --guided; sleep 30"
wait_for "Last time:"
tm send-keys -t c 2
wait_for "What matters to them?"
tm send-keys -t c "lonely since my wife died" Enter "Peasedown"
wait_for "Did you mean" && capture guided
echo "captures in $out"
