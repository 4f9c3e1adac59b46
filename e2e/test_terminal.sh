# End-to-end: the terminal layer, as a user meets it in tmux: keys as terminals send them,
# terminals that cannot draw a screen, emoji, signals, Ctrl-Z, and a short soak.
source ./term_lib.sh

fresh_home
wm list >/dev/null   # the first run builds the working database

# TERM=dumb (and unknown terminals): refused in words, with the commands that work, terminal untouched.
term_shell
term_tm send-keys -t tui "clear; TERM=dumb '$WAYMARK_BIN' 2> '$HOME/dumb.err'; echo DUMB-EXIT=\$?" Enter
check "TERM=dumb exits 69 (EX_UNAVAILABLE)" term_wait "DUMB-EXIT=69"
check "TERM=dumb says to use waymark search and waymark match" bash -c "grep -q 'waymark search' '$HOME/dumb.err' && grep -q 'waymark match' '$HOME/dumb.err'"
check "TERM=dumb draws no screen (only the exit line is there, no hint bar)" bash -c '[ "$(grep -c . <<<"$1")" -le 2 ] && ! grep -q "Esc Back" <<<"$1"' _ "$(term_screen)"
check "TERM=dumb leaves the terminal as it was" term_restored
term_tm send-keys -t tui "clear; TERM=no-such-term-xyz '$WAYMARK_BIN' 2> '$HOME/unknown.err'; echo UNKNOWN-EXIT=\$?" Enter
check "an unknown TERM exits 69" term_wait "UNKNOWN-EXIT=69"
check "an unknown TERM is named in the message" grep -q 'TERM=no-such-term-xyz' "$HOME/unknown.err"

# Home and End as tmux, screen and PuTTY send them, on the suggestions: keys, not Esc plus "1"/"4".
term_next
term_tm new-session -d -s tui -x 80 -y 24 \
  "cd '$HOME' && HOME='$HOME' TERM=xterm-256color WAYMARK_NOW='2026-11-24 10:30' '$WAYMARK_BIN'; echo EXIT=\$?; sleep 60"
term_wait "SAMPLE DATA" >/dev/null
term_tm send-keys -t tui n
term_wait "What matters to them" >/dev/null
term_tm send-keys -t tui "lonely since my wife died"
term_wait "my wife died" >/dev/null
term_tm send-keys -t tui Tab "Keynsham" Enter
term_wait "Keynsham" >/dev/null
term_tm send-keys -t tui "78" Tab 3
sleep 0.5
form_before=$(term_screen | grep "Getting about")
term_tm send-keys -t tui F5
term_wait "Suggestions" >/dev/null
term_tm send-keys -t tui -H 1b 5b 31 7e   # ESC [ 1 ~ : Home
sleep 0.4
term_tm send-keys -t tui -H 1b 5b 34 7e   # ESC [ 4 ~ : End
sleep 0.4
term_tm send-keys -t tui -H 1b 4f 48 1b 4f 46 1b 5b 37 7e 1b 5b 38 7e  # ESC O H, ESC O F, rxvt's ESC [ 7 ~, ESC [ 8 ~
sleep 0.6
check "Home and End sent as ESC[1~ / ESC[4~ keep the suggestions on screen" term_absent "Tell Waymark about the person"
term_tm send-keys -t tui Escape
term_wait "Getting about" >/dev/null
form_after=$(term_screen | grep "Getting about")
check "the form's transport is unchanged after Home/End ($form_after)" [ "$form_before" = "$form_after" ]
term_tm send-keys -t tui C-c
check "it still quits cleanly" term_wait "EXIT=0"

# Emoji, flags, ZWJ families, skin tones, conjoining Hangul and joiners: moving across them leaves no stale cells.
emoji=$(mktemp -d)
python3 - "$emoji/emoji.json" <<'PY'
import json, sys
names = ["Family club 👨‍👩‍👧‍👦 zzglyph ✅", "Flag 🇬🇧 walk zzglyph ⌚", "Thumbs 👍🏽 choir zzglyph 🛑",
         "한국 모임 \u1112\u1161\u11ab zzglyph 🚑", "Join\u200bers a\u200cb\u200dc\u2060d zzglyph 🫶",
         "Plain zzglyph group ☕ 🚌", "Combining e\u0301e\u0301 zzglyph ❤️ ☕︎"]
services = [{"id": "glyph-%d" % i, "name": n, "status": "active",
             "description": ("Meets weekly. " + n + " ") * 6,
             "organization": {"id": "glyph-org", "name": "Glyph 🌈 Trust", "description": "d"}}
            for i, n in enumerate(names)]
json.dump(services, open(sys.argv[1], "w"), ensure_ascii=False)
PY
wm import "$emoji/emoji.json" >/dev/null 2>&1
term_next
term_tm new-session -d -s tui -x 80 -y 24 "cd '$HOME' && HOME='$HOME' TERM=xterm-256color '$WAYMARK_BIN'; echo EXIT=\$?; sleep 60"
term_wait "SAMPLE DATA" >/dev/null
term_tm send-keys -t tui "zzglyph"
term_wait "Search: zzglyph" >/dev/null
for k in Down Down Enter Down Down Down Up Down Down Down Up Up Down; do term_tm send-keys -t tui $k; sleep 0.15; done
term_settle
partial=$(term_screen)
# A resize makes every version repaint every cell (Ctrl-L does too, since this change).
term_tm resize-window -t tui -x 81 -y 24; sleep 0.5; term_tm resize-window -t tui -x 80 -y 24
term_settle
full=$(term_screen)
check "after moving across emoji services the screen equals a full redraw (no stale cells)" \
  bash -c '[ "$1" = "$2" ] || { diff <(echo "$1") <(echo "$2") | head -20; exit 1; }' _ "$partial" "$full"
check "no emoji shows as ?" bash -c '! grep -q "?" <<<"$1"' _ "$(grep zzglyph <<<"$full")"
term_tm send-keys -t tui C-c
term_wait "EXIT=0" >/dev/null

# Fatal signals give the terminal back first: cooked mode, no alternate screen, keypad off.
for sig in QUIT USR1 PIPE; do
  term_shell
  term_start_in_shell
  kill -"$sig" "$(term_pid)" 2>/dev/null
  sleep 0.6
  check "SIG$sig restores the terminal (stty, alternate screen, keypad)" term_restored
  check "SIG$sig draws no crash report over the screen" term_absent_re 'backtrace|crashed|💣'
  check "SIG$sig ended Waymark" bash -c "! kill -0 $(term_pid) 2>/dev/null"
done

# Ctrl-Z suspends as curses programs do, and fg brings the screen back.
term_shell
term_start_in_shell
term_tm send-keys -t tui C-z
sleep 0.8
check "Ctrl-Z stops Waymark and gives the shell its terminal back" term_restored
term_tm send-keys -t tui "clear; fg" Enter
check "fg redraws the screen" term_wait "SAMPLE DATA"
term_tm send-keys -t tui C-c
sleep 0.5
check "after fg it still quits cleanly" term_restored
term_tm kill-server 2>/dev/null

# A short soak: random keys with resizes mixed in (make soak runs 20,000).
check "soak: ${SOAK_KEYS:-2000} random keys, no crash, no stale cells, memory flat, terminal restored" \
  bash ./soak.sh "${SOAK_KEYS:-2000}"
