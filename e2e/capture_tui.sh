#!/usr/bin/env bash
# Text captures of the TUI at 80×24 for docs/captures/ (tmux capture-pane), from the real binary:
#   WAYMARK_BIN=.build/debug/waymark bash e2e/capture_tui.sh
set -eu
: "${WAYMARK_BIN:?set WAYMARK_BIN to the waymark binary}"
cd "$(dirname "$0")"
out=$(cd .. && pwd)/docs/captures
mkdir -p "$out"
export HOME
HOME=$(mktemp -d "${TMPDIR:-/tmp}/waymark-capture.XXXXXX")
"$WAYMARK_BIN" list >/dev/null
sock="waymark-capture-$$"
tm() { tmux -L "$sock" "$@"; }
wait_for() { local i; for i in $(seq 1 50); do tm capture-pane -t c -p | grep -qF -- "$1" && return 0; sleep 0.2; done; echo "never saw: $1" >&2; return 1; }
settle() { sleep 1; }
tm new-session -d -s c -x 80 -y 24 "cd '$HOME' && HOME='$HOME' TERM=xterm-256color WAYMARK_NOW='2026-11-24 10:30' '$WAYMARK_BIN'; sleep 30"
wait_for "SAMPLE DATA"
tm send-keys -t c "memory cafe" Down
wait_for "▶ Results"; settle
tm capture-pane -t c -p > "$out/search-focus.txt"
tm send-keys -t c F3
wait_for "What matters to them"
tm send-keys -t c "I want to end my life, I can't go on caring for mum" Tab "Radstock" F5
wait_for "SAFETY FIRST"; settle
tm capture-pane -t c -p > "$out/needs-safety.txt"
tm send-keys -t c Escape BTab C-u "my mum keeps forgetting things and dad is worn out" F5
wait_for "keeps forgetting"
tm send-keys -t c Down Enter
wait_for "▶ Why, and the service"; settle
tm capture-pane -t c -p > "$out/suggestion-beside-list.txt"
tm kill-server
rm -rf "$HOME"
echo "captures in $out"
