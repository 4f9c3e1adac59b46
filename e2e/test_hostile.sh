# End-to-end: a hostile directory (escape payloads in every text field, id and taxonomy term, and a
# 1 MB word) through every CLI text command and the TUI. No raw control byte may reach the terminal.

fresh_home
H=$HOME/hostile
mkdir -p "$H"
python3 "$REPO/e2e/hostile_directory.py" "$REPO/Fixtures/banes/action-on-hearing-loss.json" "$H/h.json"
DB=$H/h.sqlite

# scan_clean FILE...: no ESC, BEL or other C0 (but tab/newline), no C1 code point, no bidi control.
scan_clean() {
  python3 - "$@" <<'PY'
import sys
bad = set(range(0x00, 0x20)) - {0x09, 0x0A} | set(range(0x7F, 0xA0)) | {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C}
ok = True
for path in sys.argv[1:]:
    text = open(path, "rb").read().decode("utf-8", "replace")
    found = sorted({"U+%04X" % ord(c) for c in text if ord(c) in bad})
    if found: ok = False; print("%s: %s" % (path, " ".join(found[:8])))
sys.exit(0 if ok else 1)
PY
}

wm import --directory "$DB" "$H/h.json" >"$H/import.out" 2>"$H/import.err"
check "H1. the hostile directory imports" [ -s "$H/import.out" ]
ids=$(wm list --directory "$DB" --format json | python3 -c 'import json,sys; print("\n".join(s["id"] for s in json.load(sys.stdin)))')
hostile_id=$(grep -v '^bigword$' <<<"$ids" | head -1)

leaks=0; runs=0
run_scan() {  # run_scan NAME ARGS...: runs one command, scans its stdout and stderr
  local name=$1; shift; runs=$((runs + 1))
  timeout 60 "$WAYMARK_BIN" "$@" >"$H/$name.out" 2>"$H/$name.err"
  if ! out=$(scan_clean "$H/$name.out" "$H/$name.err"); then leaks=$((leaks + 1)); echo "        leak in $name: $out"; fi
}
run_scan import-out import --directory "$H/again.sqlite" "$H/h.json"
run_scan list list --directory "$DB"
run_scan list-json list --directory "$DB" --format json
run_scan show show "$hostile_id" --directory "$DB"
run_scan show-json show "$hostile_id" --directory "$DB" --format json
run_scan show-missing show "$hostile_id-nope" --directory "$DB"
run_scan search search tinnitus --directory "$DB"
run_scan search-json search tinnitus --directory "$DB" --format json
run_scan search-all search evil --directory "$DB"
run_scan match match --text "hearing aid tinnitus" --directory "$DB"
run_scan match-json match --text "hearing aid tinnitus" --directory "$DB" --format json
run_scan stats stats --directory "$DB"
run_scan places places bath --directory "$DB"
run_scan validate validate "$H/h.json"
run_scan open-json list --directory "$H/h.json"
run_scan export export --directory "$DB" --out "$H/export.json"
run_scan export-csv export --directory "$DB" --format oruk-csv --out "$H/csv"
run_scan keys keys
run_scan show-term-flag search x --function "$(printf 'evil\033]0;T\007')" --directory "$DB"
# The CSV export is interchange, kept byte-faithful so that it re-imports to the same directory
# (CSV has no escapes); the JSON export and datapackage.json escape instead, and are scanned.
for f in "$H/export.json" "$H/csv/datapackage.json"; do
  runs=$((runs + 1)); scan_clean "$f" >/dev/null || { leaks=$((leaks + 1)); echo "        leak in written file $f"; }
done
check "H2. no raw control byte in any of $runs command outputs and written files ($leaks leaked)" [ "$leaks" -eq 0 ]
check "H3. show names the unknown taxonomy term, sanitised" grep -q "unknown" "$H/show.out"
check "H4. JSON keeps the payload, escaped (\\u009B, \\u202E)" grep -q '\\u009B.*\\u202E\|\\u202E' "$H/show-json.out"
check "H5. JSON still parses to the original id" python3 -c "import json,sys; d=json.load(open('$H/show-json.out')); sys.exit(0 if '\x1b' in d['id'] else 1)"

start=$SECONDS
timeout 20 "$WAYMARK_BIN" show bigword --directory "$DB" >"$H/big.out" 2>&1
code=$?
check "H6. show on a 1 MB word finishes within 20 s (took $((SECONDS - start)) s) and prints the whole word" \
  [ "$code" -eq 0 -a "$(python3 -c "import re,sys; print(max(map(len, re.findall('W+', open(sys.argv[1]).read().replace(chr(10), '')))))" "$H/big.out")" -eq 1000000 ]

# The TUI over the hostile directory, in its own tmux server.
HS="waymark-hostile-$$"
htm() { tmux -L "$HS" "$@"; }
hscreen() { htm capture-pane -t h -p; }
hwait() { local d=$((SECONDS + ${2:-15})); while [ $SECONDS -lt $d ]; do hscreen | grep -qF -- "$1" && return 0; sleep 0.2; done; hscreen | sed 's/^/        | /' | head -30; return 1; }
htm kill-server 2>/dev/null; sleep 0.3
htm new-session -d -s h -x 100 -y 30 "HOME='$HOME' '$WAYMARK_BIN' --directory '$DB'; echo EXIT=\$?; sleep 60"
htm set-option -t h allow-rename on 2>/dev/null; htm set-option -t h set-titles on 2>/dev/null
check "H7. the TUI starts over the hostile directory" hwait "Tinnitus"
for k in Down Enter Down Up Enter End PageDown; do htm send-keys -t h $k; sleep 0.3; done
htm capture-pane -t h -p -e >"$H/tui-e.txt"; hscreen >"$H/tui.txt"
check "H8. the screen shows no payload (no clear, no title text)" bash -c "! grep -q 'PWNED\|cm0g' '$H/tui.txt'"
# With -e the capture holds the program's own SGR colours; with them removed nothing may remain.
sed 's/\x1b\[[0-9;:]*m//g' "$H/tui-e.txt" >"$H/tui-e-stripped.txt"
check "H9. the screens hold no raw control bytes (plain capture, and -e capture less its own colours)" scan_clean "$H/tui.txt" "$H/tui-e-stripped.txt"
title=$(htm display -p -t h '#{pane_title}')
check "H10. the data did not set the terminal title (title: $title)" bash -c "! grep -q PWNED <<<'$title'"
htm kill-server 2>/dev/null; sleep 0.3
htm new-session -d -s h -x 100 -y 30 "HOME='$HOME' '$WAYMARK_BIN' --directory '$DB'; echo EXIT=\$?; sleep 60"
hwait "Tinnitus" >/dev/null
htm send-keys -t h "Bigword"; hwait "Search: Bigword" >/dev/null; htm send-keys -t h Down Enter
# Before the fix the pane never drew a 1,000,000-character word and ignored Ctrl-C.
check "H11. the 1 MB-word service's detail pane draws within 20 s" hwait "WWWWWWWW" 20
htm send-keys -t h q; sleep 0.5; htm send-keys -t h q
check "H12. q still quits with that service open" hwait "EXIT=0" 10
htm kill-server 2>/dev/null; sleep 0.3
htm new-session -d -s h -x 100 -y 30 "HOME='$HOME' '$WAYMARK_BIN' --directory '$DB'; echo EXIT=\$?; sleep 60"
hwait "Tinnitus" >/dev/null
htm send-keys -t h "Bigword"; hwait "Search: Bigword" >/dev/null; htm send-keys -t h Down Enter; hwait "truncated" 20 >/dev/null
htm send-keys -t h C-c
check "H13. Ctrl-C quits with the 1 MB-word service open" hwait "EXIT=" 10
htm kill-server 2>/dev/null
