# Issue 12: concurrent first opens and imports, bare database names, numeric option ranges.

# Several processes opening a new working database at once: all must succeed (set-up is under a lock).
for n in 2 4; do
  failures=0; first_error=""
  for trial in $(seq 1 20); do
    fresh_home
    pids=()
    for i in $(seq 1 "$n"); do wm stats >"$HOME/out.$i" 2>&1 & pids+=($!); done
    for i in "${!pids[@]}"; do
      if ! wait "${pids[$i]}"; then failures=$((failures + 1)); [ -z "$first_error" ] && first_error=$(cat "$HOME/out.$((i + 1))"); fi
    done
  done
  check "$n processes opening a new database at once: 0 failures in 20 trials (got $failures)" [ "$failures" -eq 0 ]
  [ "$failures" -eq 0 ] || echo "        $first_error" | head -3
done

# A database named with no folder part lives in the current folder.
fresh_home
out=$(cd "$HOME" && wm import --directory bare.sqlite "$INTEROP/hsds-uk-3.0" 2>&1); code=$?
check "import --directory NAME.sqlite (no folder part) exits 0" [ $code -eq 0 ]
check "the bare-named database is created in the current folder" [ -f "$HOME/bare.sqlite" ]
check "list --directory NAME.sqlite reads it" bash -c "cd \"$HOME\" && \"$WAYMARK_BIN\" list --directory bare.sqlite | grep -q 'Community Counselling'"

# Four 20,000-service imports into one database at once: each waits its turn and none fails.
fresh_home
wm generate --services 20000 --out "$HOME/big.json" >/dev/null 2>&1
pids=()
for i in 1 2 3 4; do wm import --directory "$HOME/big.sqlite" "$HOME/big.json" >"$HOME/imp.$i" 2>&1 & pids+=($!); done
failures=0
for p in "${pids[@]}"; do wait "$p" || failures=$((failures + 1)); done
check "4 concurrent 20,000-service imports all succeed (failed: $failures)" [ "$failures" -eq 0 ]
[ "$failures" -eq 0 ] || cat "$HOME"/imp.* | grep -v "^Imported" | head -5
check "a waiting import says it is waiting" bash -c "cat \"$HOME\"/imp.* | grep -q 'waiting for another import to finish'"
check "the database has the 20,000 services once" bash -c "\"$WAYMARK_BIN\" stats --directory \"$HOME/big.sqlite\" | grep -q 'Services: 20,\?000 '"
if command -v sqlite3 >/dev/null; then
  check "the database passes its integrity check" [ "$(sqlite3 "$HOME/big.sqlite" 'PRAGMA integrity_check')" = ok ]
  check "the import log has 4 imports" [ "$(sqlite3 "$HOME/big.sqlite" 'SELECT COUNT(*) FROM import_log')" = 4 ]
fi

# Every numeric option has a range, checked before any work, with a usage error that says it.
fresh_home
for args in "search --limit 2305843009213693952 x" "search --limit 0 x" "search --age=-1 x" "search --age 131 x" \
            "match --limit 1001" "match --age 200" "generate --services 0 --out $HOME/g.json" "bench --services 3000000"; do
  # shellcheck disable=SC2086
  err=$(wm $args 2>&1 >/dev/null); code=$?
  check "waymark $args is refused with exit 64 and its range" bash -c "[ $code -eq 64 ] && grep -q 'out of range; use a whole number from' <<<\"\$0\"" "$err"
done
