# `waymark sync` pulling from `waymark serve`: two real Waymark processes on 127.0.0.1, one
# publishing the bundled directory as the ORUK API, the other syncing it into a team's own
# database. Bounded like the other server tests: a free port, a bounded wait, `timeout` on every
# sync, and the server stopped in a trap.

fresh_home
ss_tmp=$(mktemp -d)
ss_up=0
serve_start "$ss_tmp" && ss_up=1
ss_base=$SERVE_BASE
check "waymark serve is up for the sync" [ "$ss_up" = 1 ]

if [ "$ss_up" = 1 ]; then
  peer="$ss_tmp/peer.sqlite"
  out=$(timeout 300 "$WAYMARK_BIN" sync "$ss_base" --name peer --directory "$peer" 2>"$ss_tmp/err"); rc=$?
  check "waymark sync pulls the whole directory from waymark serve (exit 0)" [ "$rc" -eq 0 ]
  check "all 488 services arrive, none removed" grep -q "Synced peer from $ss_base: 488 services" <<<"$out"
  listed=$("$WAYMARK_BIN" sources --directory "$peer" --format json 2>/dev/null)
  check "the peer source is listed with 488 services" python3 -c '
import json, sys
d = json.loads(sys.argv[1]); peer = [s for s in (d if isinstance(d, list) else d["sources"]) if s["name"] == "peer"]
sys.exit(0 if peer and peer[0]["services"] == 488 else 1)' "$listed"
  id=$("$WAYMARK_BIN" list --format json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print((d if isinstance(d, list) else d["services"])[0]["id"])')
  a=$("$WAYMARK_BIN" show "$id" --format json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["name"], d.get("organisation", d.get("organization")))')
  b=$("$WAYMARK_BIN" show "$id" --directory "$peer" --format json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["name"], d.get("organisation", d.get("organization")))')
  check "a synced service reads the same as the published one" [ -n "$a" ] && [ "$a" = "$b" ]
  # Lossless through the API: the peer keeps each service as it was served, so its export gives
  # back every value the publisher's own export has, on every path (hsds_check.py roundtrip).
  timeout 120 "$WAYMARK_BIN" export --format oruk-json --out "$ss_tmp/published.json" >/dev/null 2>&1
  timeout 120 "$WAYMARK_BIN" export --directory "$peer" --format oruk-json --out "$ss_tmp/peer.json" >/dev/null 2>&1
  report=$(timeout 120 "$REPO/.build/venv/bin/python" ../scripts/hsds_check.py roundtrip "$ss_tmp/published.json" "$ss_tmp/peer.json" 2>&1)
  check "the synced directory exports as the publisher's export, no value changed ($(head -1 <<<"$report"))" grep -q "^[1-9][0-9]* paths compared, 0 changed" <<<"$report"
  out=$(timeout 300 "$WAYMARK_BIN" sync "$ss_base" --name peer --directory "$peer" 2>"$ss_tmp/err"); rc=$?
  check "a second sync asks only for what changed (modified_after)" grep -q "modified_after=" "$ss_tmp/log"
  check "and changes nothing (exit $rc)" [ "$rc" -eq 0 ]
fi
serve_stop
rm -rf "$ss_tmp"
