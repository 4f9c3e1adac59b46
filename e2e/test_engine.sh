# The search and match commands keep their JSON contracts, and eval runs.

fresh_home
SERVICE_KEYS='"id","name","organization","description","status","conditions","functions","areas","transport","audience","referral","cost","min_age","max_age","locations","assured_date","eligibility"'

check "search --format json keeps its contract" bash -c "\"$WAYMARK_BIN\" search dementia --area keynsham --format json | python3 -c '
import json,sys
d=json.load(sys.stdin)
assert set(d)=={\"query\",\"safety\",\"total\",\"related\",\"divider\",\"place\",\"facets\",\"results\"}, sorted(d)
assert d[\"safety\"] is None and d[\"place\"] is None
assert d[\"total\"]>0 and d[\"results\"], d[\"total\"]
assert \"not counted\" in d[\"divider\"]
assert d[\"facets\"][\"conditions\"][\"dementia\"]>0
svc={$SERVICE_KEYS}
for r in d[\"results\"]:
    assert set(r)==svc|{\"score\",\"related\"}, sorted(r)
    assert set(r[\"areas\"]) & {\"keynsham\",\"banes-wide\",\"national\"}, r[\"areas\"]
'"

check "search: a place in the words is the area, and loose matches are below the divider, not found" bash -c "\"$WAYMARK_BIN\" search lunch club radstock --format json --limit 200 | python3 -c '
import json,sys
d=json.load(sys.stdin)
assert d[\"place\"]=={\"name\":\"Radstock\",\"area\":\"somer-valley\"}, d[\"place\"]
rs=d[\"results\"]
assert \"Lunch\" in rs[0][\"name\"], rs[0][\"name\"]
for r in rs: assert set(r[\"areas\"]) & {\"somer-valley\",\"banes-wide\",\"national\"}, r[\"areas\"]
flags=[r[\"related\"] for r in rs]
assert flags==sorted(flags), \"found before related\"
assert d[\"total\"]==flags.count(False), (d[\"total\"], flags.count(False))
'"

check "match --format json keeps its contract" bash -c "\"$WAYMARK_BIN\" match --text 'my mum keeps forgetting things and dad is worn out' --place Radstock --age 81 --transport no-car --format json | python3 -c '
import json,sys
d=json.load(sys.stdin)
assert set(d)=={\"safety\",\"understood\",\"suggestions_total\",\"profile\",\"suggestions\",\"covering_set\",\"unmet\",\"near_misses\",\"near_misses_total\"}, sorted(d)
assert d[\"safety\"] is None
assert d[\"understood\"][\"speaker\"]==\"carer\" and d[\"understood\"][\"age\"]==81, d[\"understood\"]
assert d[\"suggestions_total\"]>=len(d[\"suggestions\"])
assert len(d[\"near_misses\"])<=10 and d[\"near_misses_total\"]>=len(d[\"near_misses\"]), (len(d[\"near_misses\"]), d[\"near_misses_total\"])
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

check "a crisis in match JSON: the safety notice with the national numbers" bash -c "\"$WAYMARK_BIN\" match --text \"he'll kill me if I leave and he's outside now\" --format json | python3 -c '
import json,sys
d=json.load(sys.stdin)
n=d[\"safety\"]
assert set(n)=={\"kind\",\"words\",\"message\",\"contacts\"}, sorted(n)
assert n[\"kind\"]==\"domestic-abuse\" and n[\"words\"], n
phones=[c[\"phone\"] for c in n[\"contacts\"]]
assert phones[0]==\"999\" and \"0808 2000 247\" in phones, phones
assert all(set(c)=={\"name\",\"phone\",\"when\"} for c in n[\"contacts\"])
assert any(\"crisis-response\" in s[\"functions\"] for s in d[\"suggestions\"][:3]), [s[\"name\"] for s in d[\"suggestions\"][:3]]
'"
check "a look-alike raises no notice in search JSON" bash -c "\"$WAYMARK_BIN\" search end of life care for mum --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"safety\"] is None'"
check "search JSON carries the notice for crisis words" bash -c "\"$WAYMARK_BIN\" search saving up my tablets --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"safety\"][\"kind\"]==\"suicide\", d[\"safety\"]'"
check "the safety notice is the first thing match prints" bash -c "\"$WAYMARK_BIN\" match --text 'I want to end my life' | head -1 | grep -q '^SAFETY FIRST'"
wm match --text lonely --speaker granny >/dev/null 2>&1; check "a bad --speaker is a usage error (64)" [ $? -eq 64 ]
wm match --text lonely --circumstance pirate >/dev/null 2>&1; check "a bad --circumstance is a usage error (64)" [ $? -eq 64 ]
check "search text shows what was understood" bash -c "\"$WAYMARK_BIN\" search keeps forgetting things | grep -q 'Understood: keeps forgetting'"
wm match --text lonely --transport walking >/dev/null 2>&1; check "a bad --transport is a usage error (64)" [ $? -eq 64 ]
wm search --condition flu >/dev/null 2>&1; check "an unknown code is a usage error (64)" [ $? -eq 64 ]
wm match >/dev/null 2>&1; check "match without needs is a usage error (64)" [ $? -eq 64 ]
check "eval prints nDCG for waymark and the FTS5 baseline" bash -c "\"$WAYMARK_BIN\" eval | grep -Eq '^nDCG@10 +[0-9.]+ +[0-9.]+'"
out=$(mktemp -d)
wm generate --services 2000 --out "$out/syn.json" >/dev/null
check "generate writes a synthetic directory that imports" bash -c "\"$WAYMARK_BIN\" list --directory '$out/syn.json' --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d)==2000 and all(\"Synthetic\" in s[\"description\"] for s in d)'"
