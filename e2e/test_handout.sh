# End-to-end: `waymark handout` writes the handout a person takes home, from the command line.
# The clock is pinned: Tuesday 24 November 2026, 10:30.

fresh_home
export WAYMARK_NOW="2026-11-24 10:30"
LUNCH=b0cc658a   # Saltford Lunch Club
CLUBS=a9cd362c   # Village Lunch Clubs (three venues)

out=$(wm handout $LUNCH $CLUBS --place Keynsham --note $LUNCH="ask for Sue" --need social-connection --given-by "Jo, village agent" 2>&1); code=$?
flat=$(tr -s ' \n' '  ' <<<"$out")
check "HO1. handout to standard output exits 0" [ $code -eq 0 ]
check "HO2. it names both services in order" bash -c 'grep -n "^1\. Saltford Lunch Club" <<<"$1" >/dev/null && grep -q "^2\. Village Lunch Clubs" <<<"$1"' _ "$out"
check "HO3. the next session carries its date" grep -qF "Thursday 26 November 2026, 12:00 to 14:00" <<<"$flat"
check "HO4. the venue nearest Keynsham, of three" grep -qF "Nearest to you: The Lakeside Room, 2 Ham Close, Bishop Sutton" <<<"$flat"
check "HO5. why it was suggested, in plain words" grep -qF "It helps with what you asked about: company and community." <<<"$flat"
check "HO6. what it costs and what to have ready" bash -c 'grep -qF "What it costs: Low cost: £6.50" <<<"$1" && grep -qF "What to have ready:" <<<"$1"' _ "$flat"
check "HO7. what to say names the service, the need, the place and the date" \
  grep -qF "Say: \"Hello, I'm calling about Saltford Lunch Club. I'd like to come along and meet people. I live in Keynsham. Can I book a place for Thursday 26 November?\"" <<<"$flat"
check "HO8. the note for the person is on it" grep -qF "Note: ask for Sue" <<<"$flat"
check "HO9. given to you by, then the 999 / NHS 111 line" bash -c 'grep -qF "Given to you by Jo, village agent." <<<"$1" && grep -qF "call 999 now" <<<"$1" && grep -qF "call NHS 111" <<<"$1"' _ "$flat"

large=$(wm handout $LUNCH --format large)
check "HO10. large print: no line over 40 columns" bash -c '! python3 -c "import sys; sys.exit(0 if any(len(l) > 40 for l in sys.stdin.read().splitlines()) else 1)" <<<"$1"' _ "$large"
check "HO11. large print: nothing in capitals, the sample notice included" bash -c '! grep -qE "[A-Z]{4,}" <<<"$1" && grep -q "Sample data:" <<<"$1"' _ "$large"

html=$(wm handout $LUNCH --format large-html)
check "HO12. large-print web page: A4 and 18 pt" bash -c 'grep -qF "@page { size: A4;" <<<"$1" && grep -qF "font-size: 18pt" <<<"$1"' _ "$html"
check "HO13. its links break only after / . -" grep -qF 'https://<wbr>example.<wbr>org/<wbr>keynsham-<wbr>saltford-<wbr>together/' <<<"$html"

msg=$(wm handout $LUNCH --format html --out "$HOME/h.html" 2>&1); code=$?
check "HO14. --out writes the file and says where" bash -c '[ $0 -eq 0 ] && grep -qF "Wrote the web page for printing (A4) handout to $1/h.html" <<<"$2"' $code "$HOME" "$msg"
check "HO15. the file is the owner's only" [ "$(stat -c %a "$HOME/h.html")" = 600 ]
check "HO16. the file is the web page" grep -q "<!DOCTYPE html>" "$HOME/h.html"
mkdir -p "$HOME/out"
wm handout $LUNCH --format markdown --out "$HOME/out" >/dev/null 2>&1
check "HO17. --out a folder names the file by date, never by person" [ -f "$HOME/out/waymark-handout-2026-11-24.md" ]

err=$(wm handout $LUNCH --note "no equals sign" 2>&1); code=$?
check "HO18. a --note without ID= is a usage error (64) that shows the form" bash -c '[ $0 -eq 64 ] && grep -qF "ID=TEXT" <<<"$1"' $code "$err"
err=$(wm handout $LUNCH --note $CLUBS=x 2>&1); code=$?
check "HO19. a --note for a service not on the handout is refused" bash -c '[ $0 -eq 64 ] && grep -qF "not one of the services on this handout" <<<"$1"' $code "$err"
err=$(wm handout nosuchservice 2>&1); code=$?
check "HO20. an unknown id exits 66 and says so" bash -c '[ $0 -eq 66 ] && grep -q "nosuchservice" <<<"$1"' $code "$err"
err=$(wm handout $LUNCH --place Atlantis 2>&1); code=$?
check "HO21. an unknown place exits 65 and points to waymark places" bash -c '[ $0 -eq 65 ] && grep -qF "waymark places" <<<"$1"' $code "$err"
err=$(wm handout $LUNCH --format pdf 2>&1); code=$?
check "HO22. an unknown format is a usage error listing the formats" bash -c '[ $0 -eq 64 ] && grep -q "large-html" <<<"$1"' $code "$err"

# Data text is sanitised for the terminal: a hostile directory's escapes never reach stdout.
H=$HOME/hostile; mkdir -p "$H"
python3 "$REPO/e2e/hostile_directory.py" "$REPO/Fixtures/banes/action-on-hearing-loss.json" "$H/h.json"
wm import --directory "$H/h.sqlite" "$H/h.json" >/dev/null 2>&1
hid=$(wm list --directory "$H/h.sqlite" --format json | python3 -c 'import json,sys; print([s["id"] for s in json.load(sys.stdin) if s["id"] != "bigword"][0])')
for f in text large markdown html large-html; do
  wm handout --directory "$H/h.sqlite" "$hid" --format $f --given-by $'Jo\e]52;c;ZXZpbA==\a' --note "$hid="$'\e[31mred' >"$H/out.$f" 2>&1
done
check "HO23. the hostile directory's handouts are written, not refused" bash -c 'for f in "$@"; do grep -q "Given to you by Jo" "$f" || exit 1; done' _ "$H"/out.*
check "HO24. every format from a hostile directory carries no control byte" python3 - "$H"/out.* <<'PY'
import sys
bad = set(range(0x00, 0x20)) - {0x09, 0x0A} | set(range(0x7F, 0xA0)) | {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}
sys.exit(1 if any(ord(c) in bad for p in sys.argv[1:] for c in open(p, "rb").read().decode("utf-8", "replace")) else 0)
PY
# --print: an lp stub first on PATH records its arguments and what it is sent.
STUB=$HOME/stub; mkdir -p "$STUB"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" > "%s/lp.args"\ncat > "%s/lp.stdin"\necho "request id is stub-1 (1 file(s))"\n' "$STUB" "$STUB" >"$STUB/lp"
chmod 700 "$STUB/lp"
msg=$(PATH="$STUB:$PATH" wm handout $LUNCH --format large --print 2>&1); code=$?
check "HO25. --print sends large print to lp and says so" bash -c '[ $0 -eq 0 ] && grep -qF "Sent the large print handout to the printer (request id is stub-1" <<<"$1"' $code "$msg"
check "HO26. with options that make it large, on A4" bash -c 'tr "\n" " " <"$1" | grep -qF -- "-o media=A4 -o cpi=6 -o lpi=3 -o page-left=36"' _ "$STUB/lp.args"
wm handout $LUNCH --format large >"$STUB/expected"
check "HO27. lp is sent the large-print handout itself" cmp -s "$STUB/expected" "$STUB/lp.stdin"
err=$(PATH="$HOME/nowhere" "$WAYMARK_BIN" handout $LUNCH --format large --print 2>&1); code=$?
check "HO28. with no lp, --print exits 69 and says nothing was printed" bash -c '[ $0 -eq 69 ] && grep -qF "No printer command (lp) here" <<<"$1"' $code "$err"
# Trap 12, as `waymark show` says it: the date when the session is not this week, and bank holidays.
out=$(WAYMARK_NOW="2026-12-03 17:00" wm show $LUNCH)
check "HO29. a session seven days off shows its date" grep -qF "Next open Thu 10 Dec, 12:00" <<<"$out"
out=$(WAYMARK_NOW="2026-08-31 10:00" wm show e7093ed6)
check "HO30. a weekday service on the summer bank holiday is closed today" grep -qF "Closed today (bank holiday), next open Tue 09:00" <<<"$out"
unset WAYMARK_NOW
