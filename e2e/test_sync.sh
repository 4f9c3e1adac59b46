# End-to-end tests of `waymark sync` and `waymark sources`: the real binary against
# e2e/feed_server.py on 127.0.0.1, serving the official mock feeds (../shared/interop/oruk-feed-good
# and -bad) or a generated paged feed with faults. Every server is started on a free port, stopped
# by the trap (and by itself after two minutes), and every wait is bounded by `timeout`.

SYNC_PIDS=()
sync_stop() { local p; for p in "${SYNC_PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; SYNC_PIDS=(); }
trap sync_stop EXIT

# feed ARGS...: starts a feed server and sets FEED to its base URL.
feed() {
  local portfile; portfile=$(mktemp)
  python3 ./feed_server.py --lifetime 120 "$@" >"$portfile" 2>/dev/null &
  SYNC_PIDS+=($!)
  FEED=
  timeout 30 bash -c 'until [ -s "$0" ]; do sleep 0.1; done' "$portfile" && FEED="http://127.0.0.1:$(head -1 "$portfile")"
  rm -f "$portfile"
  [ -n "$FEED" ]
}
# wsync ARGS...: `waymark sync`, never allowed to hang; stdout in $out, stderr in $err, exit code in $rc.
wsync() { out=$(timeout 90 "$WAYMARK_BIN" sync "$@" 2>"$SYNC_TMP/err"); rc=$?; err=$(cat "$SYNC_TMP/err"); }
# hash_of DB: every table's rows and the schema, as SQL. (The file's header is not compared: any
# open of the store, even a read, bumps SQLite's schema cookie, so a file hash would fail a read.)
hash_of() { python3 -c "import sqlite3,sys; print('\n'.join(sqlite3.connect(sys.argv[1]).iterdump()))" "$1" | sha256sum | cut -d' ' -f1; }
SYNC_TMP=$(mktemp -d)
GOOD_ID=ac148810-d857-441c-9679-408f346de14b

# 1. The official good feed, into a team's own database.
fresh_home
db="$SYNC_TMP/team.sqlite"
check "the good mock feed server starts" feed --feed "$INTEROP/oruk-feed-good" --log "$SYNC_TMP/good.log"
wsync "$FEED" --name mock --directory "$db"
check "the official good feed syncs (exit 0)" [ "$rc" -eq 0 ]
check "the summary counts its service, page, taxonomy and term" grep -q "Synced mock from $FEED: 1 service in 1 page (1 new, 0 changed, 0 unchanged, 0 removed); 1 taxonomies, 1 taxonomy terms" <<<"$out"
check "a feed whose pages list no details is read one by one from /services/{id}" grep -qx "/services/$GOOD_ID" "$SYNC_TMP/good.log"
check "the services pages ask for full services, as the spec's parameter" grep -q "^/services?page=1&per_page=100&full=true$" "$SYNC_TMP/good.log"
check "progress is a plain line per page when stderr is not a terminal" grep -q "^waymark: services page 1/1 · 1/1 services" <<<"$err"
check "the synced service is in the directory, with its schedule" bash -c "'$WAYMARK_BIN' show ac148810 --directory '$db' | grep -q 'Community Counselling'"
src=$(wm sources --directory "$db")
check "waymark sources lists the feed, on, with its service and URL" grep -q "^mock  on   1 service  synced just now, whole feed read just now  $FEED$" <<<"$src"
check "waymark sources --format json is the sources table" python3 -c '
import json,sys; d=json.loads(sys.argv[1]); s=[x for x in d if x["name"]=="mock"][0]
sys.exit(not (s["kind"]=="feed" and s["services"]==1 and s["taxonomies"]==1 and s["taxonomy_terms"]==1 and s["enabled"] and s["last_sync_at"]))' "$(wm sources --directory "$db" --format json)"
check "waymark stats says when and from where the directory was synced" bash -c "'$WAYMARK_BIN' stats --directory '$db' | grep -q '^Directory synced just now from mock.$'"
# Lossless: the synced service keeps its source record, so its export is the feed's document, path by path.
wm export --directory "$db" --format oruk-json --out "$SYNC_TMP/mock.json" >/dev/null
report=$(timeout 60 "$REPO/.build/venv/bin/python" ../scripts/hsds_check.py roundtrip "$INTEROP/oruk-feed-good/service_full.json" "$SYNC_TMP/mock.json" 2>&1)
check "the synced service exports as the feed sent it, no value changed ($(head -1 <<<"$report"))" grep -q "^[1-9][0-9]* paths compared, 0 changed" <<<"$report"
before=$(hash_of "$db")

# 2. The official bad feed: refused whole, the database byte for byte as it was.
check "the bad mock feed server starts" feed --feed "$INTEROP/oruk-feed-bad"
wsync "$FEED" --name bad --directory "$db"
check "the bad feed is refused (exit 65)" [ "$rc" -eq 65 ]
check "each error names the URL and page, the record and the field" grep -qE "^waymark: error: services page 1 \(http://127.0.0.1:[0-9]+/services\?page=1&per_page=100&full=true\): service [0-9a-f]{8}…: [.a-z_]+: " <<<"$err"
check "it says nothing was synced and what to do" grep -q "nothing was synced and the directory is as it was" <<<"$err"
check "the database (every row of every table) is as it was" [ "$(hash_of "$db")" = "$before" ]
check "no source was recorded for the refused feed" bash -c "! '$WAYMARK_BIN' sources --directory '$db' | grep -q '^bad '"
wsync "$FEED" --name mock --directory "$db"
check "a second feed under a name already taken is refused before fetching (exit 64)" [ "$rc" -eq 64 ]
check "... naming the URL the name already syncs from" grep -q "the source \"mock\" already syncs from http" <<<"$err"

# 3. A connection dropped in the middle of page 2: nothing is written, the page is named.
check "a generated feed that drops page 2 starts" feed --generated 4 --drop-page 2
wsync "$FEED" --name drop --per-page 2 --retries 1 --directory "$db"
check "a dropped connection fails the sync (exit 69)" [ "$rc" -eq 69 ]
check "... naming the page and its URL, after its tries" grep -qE "services page 2 of 2: $FEED/services\?page=2&per_page=2&full=true: .*\(2 tries\)" <<<"$err"
check "... and saying nothing changed" grep -q "nothing was changed" <<<"$err"
check "the database is still as it was, row for row" [ "$(hash_of "$db")" = "$before" ]

# 4. 500 twice, then success; 429 with Retry-After.
check "a feed that answers 500 twice starts" feed --generated 4 --fail-page 2 --fail-times 2 --log "$SYNC_TMP/flaky.log"
wsync "$FEED" --name flaky --per-page 2 --directory "$db"
check "500 twice then success: the sync succeeds" [ "$rc" -eq 0 ]
check "... saying it tried again, with backoff" [ "$(grep -c 'HTTP 500; trying again in' <<<"$err")" -eq 2 ]
check "... page 2 was asked three times" [ "$(grep -c '^/services?page=2' "$SYNC_TMP/flaky.log")" -eq 3 ]
check "... and all 4 services arrived" grep -q "4 services in 2 pages (4 new" <<<"$out"
check "a feed that answers 429 with Retry-After starts" feed --generated 2 --fail-page 1 --fail-times 1 --fail-status 429 --retry-after 2
t0=$SECONDS
wsync "$FEED" --name busy --directory "$db"
check "429 with Retry-After: 2: the sync waits, then succeeds" [ "$rc" -eq 0 -a $((SECONDS - t0)) -ge 2 ]
check "... saying how long it waits" grep -q "HTTP 429; trying again in 2.0 s (try 2 of 5)" <<<"$err"
check "a feed that never answers starts" feed --generated 2 --hang-page 1
wsync "$FEED" --name hang --timeout 1 --retries 0 --directory "$db"
grep -q "no answer within 1 s" <<<"$err"; said=$?
check "a feed that never answers times out (exit 69), saying so" [ "$rc" -eq 69 -a "$said" -eq 0 ]
wsync "http://127.0.0.1:9/api" --name nobody --retries 0 --directory "$db"
grep -qi "refused\|could not connect" <<<"$err"; said=$?
check "nothing listening: exit 69, saying so" [ "$rc" -eq 69 -a "$said" -eq 0 ]
wsync "example.org/api" --directory "$db"
grep -q "is not a feed address" <<<"$err"; said=$?
check "an address that is not a URL is a usage error (exit 64)" [ "$rc" -eq 64 -a "$said" -eq 0 ]

# 5. A feed that changes: an incremental sync takes the change, a full one the removal.
fresh_home
check "a generated feed of 5 services starts" feed --generated 5 --log "$SYNC_TMP/changing.log"
wsync "$FEED" --name council --per-page 2
grep -q "first sync of this source: reading the whole feed" <<<"$err"; said=$?
check "the first sync into the working directory reads the whole feed" [ "$rc" -eq 0 -a "$said" -eq 0 ]
check "... 5 services in 3 pages" grep -q "5 services in 3 pages (5 new" <<<"$out"
check "... and says the sample is still shown beside it" grep -q "sources --disable sample" <<<"$err"
timeout 10 python3 -c "import sys,urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1], timeout=5).read())" "$FEED/services?full=true&per_page=100" >"$SYNC_TMP/fed.json"
wm export --format oruk-json --out "$SYNC_TMP/council.json" >/dev/null
report=$(timeout 60 "$REPO/.build/venv/bin/python" ../scripts/hsds_check.py roundtrip "$SYNC_TMP/fed.json" "$SYNC_TMP/council.json" 2>&1)
check "... and every synced service exports as its page sent it ($(head -1 <<<"$report"))" grep -q "^[1-9][0-9]* paths compared, 0 changed" <<<"$report"
timeout 10 python3 -c "import sys,urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5).read()" "$FEED/_control/version/2"
wsync "$FEED" --name council --per-page 2
check "the second sync asks only for changes (modified_after)" [ "$(grep -c "modified_after=" "$SYNC_TMP/changing.log")" -eq 1 ]
check "... and takes the changed service" grep -q "1 service in 1 page (0 new, 1 changed, 0 unchanged, 0 removed)" <<<"$out"
check "... the new name is in the directory" bash -c "'$WAYMARK_BIN' list | grep -q 'Generated service 2, renamed'"
check "... the dropped service stays until the whole feed is read" bash -c "'$WAYMARK_BIN' list | grep -q 'Generated service 3 '"
wsync "$FEED" --name council --per-page 2 --since all
check "a full sync removes the service the feed no longer lists" grep -q "4 services in 2 pages (0 new, 0 changed, 4 unchanged, 1 removed)" <<<"$out"
check "... and it is gone from the directory" bash -c "! '$WAYMARK_BIN' list | grep -q 'Generated service 3 '"

# 6. The sample is one more source, and can be switched off.
count() { wm list | grep -oE "^[0-9]+ services from" | cut -d" " -f1; }
total=$(count)
check "the sample is a source beside the feed" bash -c "'$WAYMARK_BIN' sources | grep -q '^sample  on '"
wm sources --disable sample >/dev/null 2>"$SYNC_TMP/err"
check "--disable sample says its services stay stored" grep -q "sample is off: its [0-9]* service(s) stay stored" "$SYNC_TMP/err"
check "with the sample off, only the feed's 4 services are listed" [ "$(count)" = 4 ]
check "with the sample off, no SAMPLE DATA notice" bash -c "! '$WAYMARK_BIN' list | grep -q 'SAMPLE DATA'"
check "waymark sources shows the sample off" bash -c "'$WAYMARK_BIN' sources | grep -q '^sample  off '"
wm sources --enable sample >/dev/null 2>&1
check "--enable sample brings it back" [ "$(count)" = "$total" -a "$total" -gt 4 ]
wm sources --disable nowhere >/dev/null 2>"$SYNC_TMP/err"
check "an unknown source is a usage error naming the known ones" grep -q 'no source named "nowhere"; the sources are council, sample' "$SYNC_TMP/err"

sync_stop
trap - EXIT
rm -rf "$SYNC_TMP"
