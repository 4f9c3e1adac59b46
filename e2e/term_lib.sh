# Helpers for the terminal-layer end-to-end tests and the soak: one tmux server per phase,
# the screen as tmux holds it, and the terminal's modes as tmux and stty report them.
TERM_PHASE=0
TERM_SOCKET="waymark-term-$$-0"
term_next() { term_tm kill-server 2>/dev/null; TERM_PHASE=$((TERM_PHASE + 1)); TERM_SOCKET="waymark-term-$$-$TERM_PHASE"; }
term_tm() { tmux -L "$TERM_SOCKET" "$@"; }
term_screen() { term_tm capture-pane -t tui -p; }
# term_wait TEXT [SECONDS]: polls the screen until TEXT appears.
term_wait() {
  local deadline=$((SECONDS + ${2:-10}))
  while [ $SECONDS -lt $deadline ]; do
    term_screen | grep -qF -- "$1" && return 0
    sleep 0.2
  done
  echo "        (waited for '$1'; the screen was:)"; term_screen | sed 's/^/        | /'
  return 1
}
# term_settle: waits until the screen stops changing (a search or a message may still be arriving).
term_settle() {
  local last="" now i
  for i in 1 2 3 4 5 6 7 8 9 10; do
    sleep 0.4; now=$(term_screen)
    [ "$now" = "$last" ] && return 0
    last=$now
  done
}
term_absent() { ! term_screen | grep -qF -- "$1"; }
term_absent_re() { ! term_screen | grep -qiE -- "$1"; }
# term_flags: tmux's view of the modes a full-screen program sets: alternate screen, keypad.
term_flags() { term_tm display -p -t tui '#{alternate_on}#{keypad_cursor_flag}#{keypad_flag}'; }
# term_shell: a session running an interactive shell, so the terminal can be inspected after Waymark ends.
term_shell() {
  term_next
  term_tm new-session -d -s tui -x "${1:-80}" -y "${2:-24}" "env -i HOME='$HOME' PATH='$PATH' TERM=xterm-256color PS1='$ ' bash --norc --noprofile"
  sleep 0.3
}
# term_start_in_shell: starts Waymark in the shell and records its process id in $HOME/waymark.pid.
term_start_in_shell() {
  rm -f "$HOME/waymark.pid"
  term_tm send-keys -t tui "clear; bash -c 'echo \$\$ > \"$HOME/waymark.pid\"; exec \"$WAYMARK_BIN\" $*'" Enter
  term_wait "SAMPLE DATA" >/dev/null
}
term_pid() { cat "$HOME/waymark.pid" 2>/dev/null; }
# term_restored: the shell's terminal is back in cooked mode with echo, and tmux is out of
# the alternate screen and keypad mode.
term_restored() {
  local flags; flags=$(term_flags)
  term_tm send-keys -t tui "clear; stty -a | tr ' ' '\n' | grep -Ex 'icanon|-icanon|echo|-echo' | tr '\n' ' '; echo STTY-DONE" Enter
  term_wait "icanon echo STTY-DONE" 5 >/dev/null || { echo "        (stty was not restored)"; return 1; }
  [ "$flags" = 000 ] || { echo "        (alternate screen, cursor keys, keypad = $flags; want 000)"; return 1; }
}
