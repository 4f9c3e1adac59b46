# The search and match commands keep their JSON contracts, and eval runs.

fresh_home
SERVICE_KEYS='"id","name","organization","description","status","conditions","functions","areas","transport","audience","eligibility","referral","cost","min_age","max_age","locations","assured_date"'

check "search --format json keeps its contract" bash -c "\"$WAYMARK_BIN\" search dementia --area keynsham --format json | python3 -c '
import json,sys
d=json.load(sys.stdin)
assert set(d)=={\"query\",\"total\",\"facets\",\"results\"}, sorted(d)
assert d[\"total\"]>0 and d[\"results\"], d[\"total\"]
assert d[\"facets\"][\"conditions\"][\"dementia\"]>0
svc={$SERVICE_KEYS}
for r in d[\"results\"]:
    assert set(r)==svc|{\"score\"}, sorted(r)
    assert set(r[\"areas\"]) & {\"keynsham\",\"banes-wide\",\"national\"}, r[\"areas\"]
'"

check "match --format json keeps its contract" bash -c "\"$WAYMARK_BIN\" match --text 'my mum keeps forgetting things and dad is worn out' --place Radstock --age 81 --transport no-car --format json | python3 -c '
import json,sys
d=json.load(sys.stdin)
assert set(d)=={\"profile\",\"suggestions\",\"covering_set\",\"unmet\",\"near_misses\"}, sorted(d)
p=d[\"profile\"]
assert set(p)=={\"text\",\"place\",\"area\",\"age\",\"transport\",\"needs\",\"unrecognised\"}, sorted(p)
assert p[\"area\"]==\"somer-valley\" and p[\"transport\"]==\"no-car\"
assert any(n[\"code\"]==\"dementia\" for n in p[\"needs\"]) and all(set(n)=={\"code\",\"weight\",\"from\"} for n in p[\"needs\"])
svc={$SERVICE_KEYS}
assert d[\"suggestions\"]
for s in d[\"suggestions\"]:
    assert set(s)==svc|{\"rank\",\"score\",\"distance_km\",\"reasons\",\"cautions\"}, sorted(s)
    assert s[\"status\"]==\"active\"
for m in d[\"near_misses\"]: assert set(m)==svc|{\"fails\"}, sorted(m)
ids={s[\"id\"] for s in d[\"suggestions\"]}
assert d[\"covering_set\"]
'"

check "search text shows what was understood" bash -c "\"$WAYMARK_BIN\" search keeps forgetting things | grep -q 'Understood: keeps forgetting'"
wm match --text lonely --transport walking >/dev/null 2>&1; check "a bad --transport is a usage error (64)" [ $? -eq 64 ]
wm search --condition flu >/dev/null 2>&1; check "an unknown code is a usage error (64)" [ $? -eq 64 ]
wm match >/dev/null 2>&1; check "match without needs is a usage error (64)" [ $? -eq 64 ]
check "eval prints nDCG for waymark and the FTS5 baseline" bash -c "\"$WAYMARK_BIN\" eval | grep -Eq '^nDCG@10 +[0-9.]+ +[0-9.]+'"
out=$(mktemp -d)
wm generate --services 2000 --out "$out/syn.json" >/dev/null
check "generate writes a synthetic directory that imports" bash -c "\"$WAYMARK_BIN\" list --directory '$out/syn.json' --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d)==2000 and all(\"Synthetic\" in s[\"description\"] for s in d)'"
