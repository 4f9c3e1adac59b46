# End-to-end tests of the command line: the real binary, a fresh HOME each time.

fresh_home
out=$(wm list 2>&1); code=$?
check "list on first run exits 0" [ $code -eq 0 ]
check "list shows the bundled directory" grep -q "services from" <<<"$out"
check "list carries the sample-data notice" grep -q "SAMPLE DATA" <<<"$out"
db="$HOME/.local/share/waymark/waymark.sqlite"
check "the working database is created under ~/.local/share/waymark" [ -f "$db" ]
check "the database is readable by its owner only" [ "$(stat -c %a "$db")" = 600 ]
check "its folder is private" [ "$(stat -c %a "$(dirname "$db")")" = 700 ]

export XDG_DATA_HOME="$HOME/xdg"
wm stats >/dev/null 2>&1
check "XDG_DATA_HOME is honoured" [ -f "$XDG_DATA_HOME/waymark/waymark.sqlite" ]
unset XDG_DATA_HOME

before=$(wm list --format json)
err=$(wm import "$INTEROP/oruk-feed-bad" 2>&1 >/dev/null); code=$?
check "the bad feed is rejected with exit 65" [ $code -eq 65 ]
check "the rejection names file, record and field" grep -qF 'service_full.json: service ac148810…: .email: text "email-example_com" is not an email address' <<<"$err"
check "the rejection says nothing was imported" grep -q "nothing was imported" <<<"$err"
check "the database is exactly as it was" [ "$before" = "$(wm list --format json)" ]

for sample in hsds-3.0 hsds-3.0/csv hsds-uk-3.0 hsds-uk-3.0/csv oruk-feed-good; do
  fresh_home
  out=$(wm import "$INTEROP/$sample" 2>&1); code=$?
  check "import $sample exits 0" [ $code -eq 0 ]
  check "import $sample makes the service showable" bash -c "\"$WAYMARK_BIN\" show ac148810 | grep -q 'Community Counselling'"
done
check "unknown terms are reported as outside the vocabulary" grep -q "not in Waymark's vocabulary" <<<"$(wm import "$INTEROP/hsds-uk-3.0" 2>&1)"

# A copy of the binary run by a relative name, where no Fixtures is above it or the current folder:
# Foundation's path arithmetic used to trap on "." there, so it crashed instead of saying so.
alone=$(mktemp -d)
cp "$WAYMARK_BIN" "$alone/waymark"
err=$(cd "$alone" && env -u WAYMARK_FIXTURES ./waymark search demen 2>&1); code=$?
check "a binary with no Fixtures says what to do instead of crashing" grep -q "set WAYMARK_FIXTURES" <<<"$err"
check "and exits as a usage error, not a signal" [ $code -gt 0 -a $code -lt 128 ]
err=$(cd "$alone" && WAYMARK_FIXTURES="$REPO/Fixtures" ./waymark export --format oruk-json --out a 2>&1); code=$?
check "an export to a one-letter file name in the current folder is written" [ $code -eq 0 -a -s "$alone/a" ]
rm -rf "$alone"

fresh_home
out=$(mktemp -d)
wm export --format oruk-json --out "$out/dir.json" >/dev/null
wm export --format oruk-csv --out "$out/csv" >/dev/null
check "export writes a JSON page" grep -q '"total_items"' "$out/dir.json"
check "export writes a CSV package with datapackage.json" [ -f "$out/csv/datapackage.json" -a -f "$out/csv/services.csv" ]
check "exported files are owner-only" [ "$(stat -c %a "$out/dir.json")" = 600 ]
orig=$(wm list --format json)
check "JSON export re-imports to the same directory" [ "$orig" = "$(wm list --format json --directory "$out/dir.json")" ]
wm import --directory "$out/fromcsv.sqlite" "$out/csv" >/dev/null 2>&1
check "CSV export re-imports to the same directory" [ "$orig" = "$(wm list --format json --directory "$out/fromcsv.sqlite")" ]

check "validate passes good files" wm validate "$INTEROP/hsds-uk-3.0/service_full.json"
wm validate /no/such/file.json 2>/dev/null; check "a missing file exits 66" [ $? -eq 66 ]
wm show nosuchid 2>/dev/null; check "an unknown id exits 66" [ $? -eq 66 ]
wm export --format xml --out /tmp/x 2>/dev/null; check "a bad option exits 64" [ $? -eq 64 ]
wm export --out /proc/nope/x.json 2>/dev/null; check "an unwritable path exits 74" [ $? -eq 74 ]
check "places finds Chew Magna" bash -c "\"$WAYMARK_BIN\" places chew magna | grep -q 'Chew Valley'"
check "places forgives a typo" bash -c "\"$WAYMARK_BIN\" places midsomer nortn | grep -q 'Midsomer Norton'"
check "show --format json gives the flat object and what a navigator acts on" bash -c "\"$WAYMARK_BIN\" show \$(\"$WAYMARK_BIN\" list --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0][\"id\"])') --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); flat={\"id\",\"name\",\"organization\",\"description\",\"status\",\"conditions\",\"functions\",\"areas\",\"transport\",\"audience\",\"referral\",\"cost\",\"min_age\",\"max_age\",\"locations\",\"assured_date\",\"eligibility\"}; more={\"phones\",\"emails\",\"urls\",\"schedules\",\"next_open\",\"open_now\",\"eligibility_description\",\"next_steps\",\"fees\",\"contacts\"}; assert flat|more <= set(d), sorted(flat|more - set(d)); assert isinstance(d[\"eligibility\"], list); assert all(\"address\" in l for l in d[\"locations\"])'"
check "search --format json gives distance_km when a place is given (null for a service with no located place), and only then" bash -c "\"$WAYMARK_BIN\" search memory cafe --place keynsham --format json | python3 -c 'import json,sys; r=json.load(sys.stdin)[\"results\"]; assert r and all(isinstance(x[\"distance_km\"], (int,float)) == any(l[\"lat\"] is not None for l in x[\"locations\"]) for x in r) and any(x[\"distance_km\"] for x in r)' && \"$WAYMARK_BIN\" search memory cafe --format json | python3 -c 'import json,sys; r=json.load(sys.stdin)[\"results\"]; assert r and not any(\"distance_km\" in x for x in r)'"
check "the binary finds its fixtures from any folder" bash -c "cd / && \"$WAYMARK_BIN\" stats | grep -q Organisations"

# Two instances writing at once: no "database is locked".
fresh_home
wm list >/dev/null
( wm import "$INTEROP/hsds-uk-3.0" >/dev/null 2>"$HOME/a.err"; echo $? >"$HOME/a.code" ) &
( wm import "$INTEROP/hsds-3.0" >/dev/null 2>"$HOME/b.err"; echo $? >"$HOME/b.code" ) &
wm stats >/dev/null 2>"$HOME/c.err"; c=$?
wait
check "two imports and a read at once all succeed" [ "$(cat "$HOME/a.code")$(cat "$HOME/b.code")$c" = 000 ]
check "nobody saw 'database is locked'" bash -c "! grep -qi locked $HOME/*.err"

# Ctrl-C in the middle of a write: the database is either before or after, never between.
fresh_home
wm list >/dev/null
n_before=$(wm list --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
big=$(mktemp -d)
python3 - "$big/big.json" <<'PY'
import json, sys
services = [{"id": f"bulk-{i}", "name": f"Bulk service {i}", "description": "Filler " * 200, "status": "active",
             "organization": {"id": "bulk-org", "name": "Bulk", "description": "d"}} for i in range(20000)]
json.dump(services, open(sys.argv[1], "w"))
PY
timeout -s INT 1.5 "$WAYMARK_BIN" import "$big/big.json" >/dev/null 2>&1
n_after=$(wm list --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
check_ctrl_c() { [ -n "$n_before" ] && [ -n "$n_after" ] && { [ "$n_after" = "$n_before" ] || [ "$n_after" = $((n_before + 20000)) ]; }; }
check "after Ctrl-C the directory is whole (before: $n_before, after: $n_after)" check_ctrl_c

# Text from data never reaches the terminal raw.
fresh_home
evil=$(mktemp -d)
printf '{"id":"evil-1","name":"Evil\\u001b[2J\\u001b]0;owned\\u0007 club","description":"red\\u001b[31m text","status":"active","organization":{"id":"o","name":"O\\u001b[5m","description":"d"}}' >"$evil/evil.json"
wm import "$evil/evil.json" >/dev/null 2>&1
for cmd in "list" "show evil-1" "stats"; do
  check "'$cmd' writes no escape character" bash -c "! \"$WAYMARK_BIN\" $cmd 2>&1 | grep -q \$'\\x1b'"
done
check "the name is shown cleaned" bash -c "\"$WAYMARK_BIN\" show evil-1 | grep -q 'Evil club'"
