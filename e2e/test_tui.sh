# End-to-end: the real binary in tmux, with a fresh HOME, as a volunteer would use it.

# Each phase gets its own tmux server: a new server on a socket just killed can race its shutdown.
TMUX_PHASE=1
TMUX_SOCKET="waymark-e2e-$$-$TMUX_PHASE"
next_phase() { tm kill-server 2>/dev/null; TMUX_PHASE=$((TMUX_PHASE + 1)); TMUX_SOCKET="waymark-e2e-$$-$TMUX_PHASE"; }
tm() { tmux -L "$TMUX_SOCKET" "$@"; }
screen() { tm capture-pane -t tui -p; }
# wait_for TEXT [SECONDS]: polls the screen until TEXT appears.
wait_for() {
  local deadline=$((SECONDS + ${2:-10}))
  while [ $SECONDS -lt $deadline ]; do
    screen | grep -qF -- "$1" && return 0
    sleep 0.2
  done
  echo "        (waited for '$1'; the screen was:)"; screen | sed 's/^/        | /'
  return 1
}

fresh_home
mkdir -p "$HOME/Documents"
wm list >/dev/null   # the first run builds the working database
top3=$(wm search dementia --format json --limit 3 | python3 -c 'import json,sys; print("\n".join(r["name"] for r in json.load(sys.stdin)["results"]))')
first=$(head -1 <<<"$top3")

tm kill-server 2>/dev/null
tm new-session -d -s tui -x 80 -y 24 \
  "cd '$HOME' && HOME='$HOME' WAYMARK_NOW='2026-11-24 10:30' '$WAYMARK_BIN'; echo EXIT=\$?; sleep 60"
check "1. it starts on the search screen with the sample-data badge" wait_for "SAMPLE DATA"
tm send-keys -t tui "dementia"
check "2. typing updates the results" wait_for "Search: dementia"
check "3. the first result is one 'waymark search' also ranks top 3 ($first)" wait_for "${first:0:20}"
tm send-keys -t tui Down Enter
check "4. Enter opens the service in the detail pane" wait_for "About"
tm send-keys -t tui s
check "5. s puts it on the shortlist" wait_for "Added to the shortlist"
tm send-keys -t tui n
check "6a. n opens a person's needs" wait_for "What matters to them"
tm send-keys -t tui "lonely since my wife died" Tab "Keynsham" Enter "78" Tab 3 F5
check "6b. F5 shows suggestions for the person" wait_for "Suggestions"
check "6c. what was understood is shown, with who is speaking" wait_for "speaker:"
tm send-keys -t tui l
check "7a. l shows the shortlist" wait_for "My shortlist"
tm send-keys -t tui x
check "7b. x asks which handout format" wait_for "Write the handout as"
tm send-keys -t tui 1
check "7c. the handout is written and its path stays on the shortlist screen" wait_for "Last handout written to"
path_on_screen() { screen | tr -d ' \n' | grep -qF "$HOME/Documents/waymark/waymark-handout-"; }
check "7c'. the whole path is on screen, wrapped rather than cut" path_on_screen
check "7d. the handout file exists in ~/Documents/waymark" bash -c "ls '$HOME'/Documents/waymark/waymark-handout-*.txt"
check "7e. the handout carries the sample-data notice" bash -c "grep -q 'SAMPLE DATA' '$HOME'/Documents/waymark/waymark-handout-*.txt"
check "7f. the handout file is private" bash -c "[ \$(stat -c %a '$HOME'/Documents/waymark/waymark-handout-*.txt) = 600 ]"
tm resize-window -t tui -x 60 -y 16
check "8a. at 60×16 it still works" wait_for "Shortlist"
tm resize-window -t tui -x 50 -y 10
check "8b. at 50×10 it asks for a bigger window" wait_for "bigger window"
tm resize-window -t tui -x 80 -y 24
check "8c. back at 80×24 it redraws" wait_for "My shortlist"
tm send-keys -t tui "?"
check "9. ? shows the keys" wait_for "Keys: Shortlist"
tm send-keys -t tui Escape q
check "10. q quits with exit status 0" wait_for "EXIT=0"
next_phase

# The shortlist survives a restart.
tm new-session -d -s tui -x 80 -y 24 "cd '$HOME' && HOME='$HOME' '$WAYMARK_BIN'; echo EXIT=\$?; sleep 60"
check "after a restart the first screen offers to continue the last list" wait_for "Last time:"
tm send-keys -t tui 1
sleep 0.3
tm send-keys -t tui F6
check "the shortlist is still there after a restart" wait_for "1. ${first:0:20}"
tm send-keys -t tui C-c
check "Ctrl-C quits cleanly (exit 0)" wait_for "EXIT=0"
next_phase

# Home and End as tmux and PuTTY send them (ESC [ 1 ~, ESC [ 4 ~) under TERM=xterm-256color: keys, never Esc plus "1"/"4".
tm new-session -d -s tui -x 80 -y 24 \
  "cd '$HOME' && HOME='$HOME' TERM=xterm-256color WAYMARK_NOW='2026-11-24 10:30' '$WAYMARK_BIN'; echo EXIT=\$?; sleep 60"
wait_for "Last time:" >/dev/null
tm send-keys -t tui 1
sleep 0.3
tm send-keys -t tui F3
wait_for "What matters to them" >/dev/null
tm send-keys -t tui "lonely since my wife died" Tab "Keynsham" Enter "78" Tab 3
wait_for "no car" >/dev/null
sleep 0.3
form_before=$(screen | grep "Getting about")
tm send-keys -t tui F5
wait_for "Suggestions" >/dev/null
# poll: poll CONDITION-FUNCTION: retries for a few seconds while the screen catches up.
poll() { local i; for i in $(seq 1 25); do "$@" && return 0; sleep 0.2; done; return 1; }
at_last() { screen | grep -qE ' ([0-9]+)/\1 '; }
at_first() { screen | grep -qE ' 1/[0-9]+ '; }
tm send-keys -t tui -H 1b 5b 34 7e   # ESC [ 4 ~ : End
check "ESC[4~ is End: the last suggestion is selected" poll at_last
tm send-keys -t tui -H 1b 5b 31 7e   # ESC [ 1 ~ : Home
check "ESC[1~ is Home: the first suggestion is selected" poll at_first
tm send-keys -t tui Escape
wait_for "Getting about" >/dev/null
form_after=$(screen | grep "Getting about")
check "the form is unchanged after Home and End ($form_after)" [ "$form_before" = "$form_after" ]

# Typing a name with the results list focused: the letters go to the search line, the shortlist is unchanged.
tm send-keys -t tui F6
wait_for "Services" >/dev/null
count_before=$(screen | grep -oE '"[^"]+" · [0-9]+ service' | head -1)
tm send-keys -t tui F2 "lunch" Down
sleep 0.5
tm send-keys -t tui " Sue Smith"
check "a name typed with the list focused goes to the search line" wait_for "Search: lunch Sue Smith"
tm send-keys -t tui F6
wait_for "Services" >/dev/null
count_after=$(screen | grep -oE '"[^"]+" · [0-9]+ service' | head -1)
check "the shortlist is unchanged ($count_after)" [ "$count_before" = "$count_after" ]

# New person: asks, then clears the form, the shortlist and its notes.
tm send-keys -t tui C-n
check "New person asks first" wait_for "New person: clear the form"
tm send-keys -t tui 1
check "New person gives a fresh start" wait_for "A fresh start"
tm send-keys -t tui F6
check "the new person's shortlist is empty" wait_for "Nothing here yet"

# A 12-item shortlist scrolled to the end (at 80×24 the list shows 18 rows, so 24 to be sure it scrolls).
tm send-keys -t tui F2 "club" Down
sleep 0.6
for i in $(seq 1 24); do tm send-keys -t tui s Down; done
sleep 0.6
tm send-keys -t tui F6
wait_for "24 services" >/dev/null
tm send-keys -t tui End
check "End shows the last of a long shortlist" wait_for "24. "
first_out_of_view() { ! screen | grep -qE '^ ?1\. '; }
check "the list scrolled (the first item is out of view)" first_out_of_view
tm send-keys -t tui PageUp PageUp
check "PgUp scrolls back up" wait_for " 1. "
tm send-keys -t tui C-c
wait_for "EXIT=0" >/dev/null
next_phase

# Guided mode: "Anything else?" ticks all three.
tm new-session -d -s tui -x 80 -y 24 "cd '$HOME' && HOME='$HOME' '$WAYMARK_BIN' --guided; echo EXIT=\$?; sleep 60"
wait_for "Last time:" >/dev/null
tm send-keys -t tui 2
check "guided mode starts with the first question" wait_for "What matters to them?"
tm send-keys -t tui "lonely" Enter Enter Enter Enter
wait_for "Anything else?" >/dev/null
tm send-keys -t tui 1 2 3
three_ticked() { [ "$(screen | grep -c '\[x\]')" = 3 ]; }
check "guided mode ticks all three options" poll three_ticked
tm send-keys -t tui C-c
wait_for "EXIT=0" >/dev/null
next_phase

# p prints the format just chosen, through an lp stub that records its arguments.
mkdir -p "$HOME/bin"
printf '#!/bin/sh\necho "$@" >> "%s/lp.args"\ncat > "%s/lp.stdin"\necho "request id is stub-1"\n' "$HOME" "$HOME" > "$HOME/bin/lp"
chmod 700 "$HOME/bin/lp"
tm new-session -d -s tui -x 80 -y 24 "cd '$HOME' && HOME='$HOME' PATH='$HOME/bin:$PATH' WAYMARK_NOW='2026-11-24 10:30' '$WAYMARK_BIN'; echo EXIT=\$?; sleep 60"
wait_for "SAMPLE DATA" >/dev/null
sleep 0.5
screen | grep -qF "Last time:" && tm send-keys -t tui 2
sleep 0.3
tm send-keys -t tui F2 "lunch club" Down
sleep 0.5
tm send-keys -t tui s F6
wait_for "Services" >/dev/null
tm send-keys -t tui E
wait_for "private: not printed" >/dev/null
tm send-keys -t tui "daughter rings Fridays" Enter
check "a private note is shown, labelled" wait_for "Private, not printed: daughter"
# The whole list's note for the person (w), and who gives the handout (g), kept when asked.
tm send-keys -t tui w
wait_for "whole list" >/dev/null
tm send-keys -t tui "bring your glasses" Enter
check "w gives the whole list a note for the person" wait_for "List note: bring your glasses"
tm send-keys -t tui g
wait_for "Given to you by" >/dev/null
tm send-keys -t tui "Sam, village agent" Enter
wait_for "Keep this for next time?" >/dev/null
tm send-keys -t tui 2
check "g: the handout's ending is shown before writing" wait_for "Handout ends: Given to you by Sam, village agent."
kept_privately() { [ "$(stat -c %a "$HOME/.local/share/waymark/settings.json" 2>/dev/null)" = 600 ] && grep -q 'Sam, village agent' "$HOME/.local/share/waymark/settings.json"; }
check "asked to keep it, it is in an owner-only settings file" poll kept_privately
tm send-keys -t tui x
wait_for "Write the handout as" >/dev/null
tm send-keys -t tui 2
wait_for "Last handout written to" >/dev/null
tm send-keys -t tui p
check "p prints: the printer stub was called and what it said is shown" wait_for "Sent the large print handout to the printer (request id is stub-1)"
# Large print goes to lp on its standard input, sized by cpi/lpi options, under a job title that is never the person's name.
printed_large() { grep -q -- '-t Waymark handout .*-o cpi=6 -o lpi=3' "$HOME/lp.args" && grep -q 'Saltford Lunch Club\|Lunch Club' "$HOME/lp.stdin"; }
check "p printed the large-print handout just chosen ($(cat "$HOME/lp.args" 2>/dev/null))" printed_large
not_printed() { ! grep -q 'daughter' "$HOME/lp.stdin" && ! grep -rq 'daughter' "$HOME"/*/waymark-handout-* "$HOME"/waymark-handout-* 2>/dev/null; }
check "the private note is not on what was printed or written" not_printed
on_printout() { tr -s ' \n' ' ' < "$HOME/lp.stdin" | grep -q 'bring your glasses' && tr -s ' \n' ' ' < "$HOME/lp.stdin" | grep -q 'Given to you by Sam, village agent.'; }
check "the list's note and who gave it are on what was printed" on_printout
tm send-keys -t tui C-c
wait_for "EXIT=0" >/dev/null
next_phase

# SIGTERM restores the terminal.
tm new-session -d -s tui -x 80 -y 24 "bash"
sleep 0.3
tm send-keys -t tui "HOME='$HOME' '$WAYMARK_BIN'" Enter
wait_for "SAMPLE DATA" >/dev/null
pid=$(pgrep -n -f "^$WAYMARK_BIN\$" || pgrep -n -x waymark)
kill -TERM "$pid" 2>/dev/null
sleep 0.5
tm send-keys -t tui "clear; stty -a | tr ' ' '\n' | grep -Ex 'icanon|-icanon|echo|-echo' | tr '\n' ' '; echo STTY-DONE" Enter
check "SIGTERM restores the terminal (stty shows icanon echo)" wait_for "icanon echo STTY-DONE"
tm kill-server 2>/dev/null
