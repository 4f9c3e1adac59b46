# End-to-end tests of Open Referral conformance, judged by the official schemas and
# python-jsonschema (from `make venv`), not by Waymark's own reading of them.

PY="$(cd .. && pwd)/.build/venv/bin/python"
check "the official validators are installed (make venv)" [ -x "$PY" ]

fresh_home
out=$(mktemp -d)
wm export --format oruk-json --out "$out/dir.json" >/dev/null
report=$("$PY" ../scripts/hsds_check.py services "$out/dir.json" 2>&1)
for schema in hsds-3.0 hsds-uk-3.0 oruk-3.0; do
  check "every exported service passes the official $schema service schema" grep -qx "488 of 488 pass $schema" <<<"$report"
done
check "every address declares its state or province, the county for the bundled data" \
  "$PY" -c 'import json,sys; a=[ad for s in json.load(open(sys.argv[1]))["contents"] for l in s["service_at_locations"] for ad in l["location"].get("addresses",[])]; sys.exit(not a or any(x.get("state_province") not in ("Somerset","Bristol") for x in a))' "$out/dir.json"
check "extent_type names an extent format, never a vocabulary" \
  "$PY" -c 'import json,sys; a=[x for s in json.load(open(sys.argv[1]))["contents"] for x in s["service_areas"]]; sys.exit(not a or any(x.get("extent_type") not in (None,"geojson","topojson","kml","text") for x in a))' "$out/dir.json"
check "every fortnightly schedule has the dtstart its interval counts from" \
  "$PY" -c 'import json,sys; a=[x for s in json.load(open(sys.argv[1]))["contents"] for x in s["schedules"] if (x.get("interval") or 1)>1]; sys.exit(len(a)!=7 or any(not x.get("dtstart") for x in a))' "$out/dir.json"
rm -rf "$out"

fresh_home
wm import "$INTEROP/hsds-3.0" >/dev/null 2>&1
out=$(mktemp -d)
wm export --format oruk-json --out "$out/dir.json" >/dev/null
check "a postal address comes back postal, with the state the source gave" \
  "$PY" -c 'import json,sys; a=[ad for s in json.load(open(sys.argv[1]))["contents"] if s["id"].startswith("ac148810") for l in s["service_at_locations"] for ad in l["location"].get("addresses",[])]; sys.exit(not a or any((x["address_type"],x["state_province"])!=("postal","MyState") for x in a))' "$out/dir.json"
rm -rf "$out"

# The tabular package: the official descriptor, every resource and column, 0 errors.
fresh_home
out=$(mktemp -d)
for profile in uk hsds; do
  wm export --format oruk-csv --profile "$profile" --out "$out/$profile" >/dev/null
  check "the $profile CSV package carries the official datapackage.json unchanged" \
    cmp -s "$out/$profile/datapackage.json" "$INTEROP/schemas/$( [ $profile = uk ] && echo hsds-uk-3.0 || echo hsds-3.0 )/datapackage.json"
  stats=$(cd "$out/$profile" && "$(dirname "$PY")/frictionless" validate --json datapackage.json 2>/dev/null |
    "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(d["valid"], d["stats"]["errors"])')
  check "frictionless validates the $profile CSV package with 0 errors" [ "$stats" = "True 0" ]
  wm import --directory "$out/$profile.sqlite" "$out/$profile" >/dev/null 2>&1
  check "the $profile CSV package reads back with every service" \
    [ "$(wm list --format json --directory "$out/$profile.sqlite" | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 488 ]
done
# The UK package round trip: export, import into a fresh database, export again: every cell back.
wm export --directory "$out/uk.sqlite" --format oruk-csv --profile uk --out "$out/uk-again" >/dev/null
report=$("$PY" ../scripts/hsds_check.py tabular "$out/uk" "$out/uk-again" 2>&1)
check "the UK CSV package imported and exported again changes no cell ($(head -1 <<<"$report"))" grep -q "cells changed: 0$" <<<"$report"
stats=$(cd "$out/uk-again" && cmp -s datapackage.json "$INTEROP/schemas/hsds-uk-3.0/datapackage.json" &&
  "$(dirname "$PY")/frictionless" validate --json datapackage.json 2>/dev/null |
  "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(d["valid"], d["stats"]["errors"])')
check "frictionless validates the re-exported CSV against the official UK datapackage.json, 0 errors" [ "$stats" = "True 0" ]
check "the UK package uses the UK file names" [ -f "$out/uk/address.csv" -a -f "$out/uk/schedule.csv" -a -f "$out/uk/attribute.csv" ]
check "resources without data are header-only files" [ "$(wc -l <"$out/hsds/programs.csv")" = 1 ]
check "the hsds package reads back to the same directory" \
  [ "$(wm list --format json)" = "$(wm list --format json --directory "$out/hsds.sqlite")" ]
rm -rf "$out"

# Lossless: each official service file, imported by the real binary into a database and
# exported again, gives back every value on every path (hsds_check.py roundtrip).
for example in hsds-3.0/service_full.json hsds-3.0/service_list.json hsds-uk-3.0/service_full.json hsds-uk-3.0/service_list.json; do
  out=$(mktemp -d)
  wm import --directory "$out/w.sqlite" "$INTEROP/$example" >/dev/null 2>&1
  wm export --directory "$out/w.sqlite" --format oruk-json --out "$out/back.json" >/dev/null
  report=$("$PY" ../scripts/hsds_check.py roundtrip "$INTEROP/$example" "$out/back.json" 2>&1)
  check "$example comes back with no value changed ($report)" grep -q " 0 changed" <<<"$report"
  check "the export of $example declares its version and profile" \
    "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d.get("version")!="HSDS-UK-3.0" or not d.get("profile") or not d.get("openapi_url"))' "$out/back.json"
  rm -rf "$out"
done

# Validation agrees with the official schemas on every official example.
report=$("$PY" ../scripts/hsds_check.py agreement "$WAYMARK_BIN" 2>&1)
check "no official example that its schema passes is refused ($(head -1 <<<"$report"))" grep -q "^0 of [0-9]* valid examples refused" <<<"$report"
check "no official example that its schema fails is accepted ($(sed -n 2p <<<"$report"))" grep -q "^0 of [0-9]* invalid examples accepted" <<<"$report"

# Field by field: every JSON document in ../shared/interop, record by record, has the same verdict and
# the same failing field paths from `waymark validate` as from python-jsonschema with the very schema
# Waymark bundles for it; and the bundled schemas are the official files, byte for byte.
report=$("$PY" ../scripts/hsds_check.py fields "$WAYMARK_BIN" 2>&1)
check "Waymark and python-jsonschema fail the same fields of every official document ($(head -1 <<<"$report"))" grep -q "^[1-9][0-9]* documents compared, 0 disagree$" <<<"$report"
same=yes
for f in $(cd ../Fixtures/schemas && find . -name '*.json'); do
  official="$INTEROP/schemas/$(dirname "${f#./}" | sed 's|^\([^/]*\)|\1/schema|')/$(basename "$f")"
  cmp -s "../Fixtures/schemas/$f" "$official" || { same="no: $f"; break; }
done
check "every bundled schema is the official file unchanged ($same)" [ "$same" = yes ]

# The hostile record: a language without its id and a numeric wkst are refused with file, record and
# path, and the database is left as it was.
fresh_home
out=$(mktemp -d)
cat >"$out/hostile.json" <<'JSON'
{"id": "1f0f6a5e-1111-4c2e-9a51-1c3a2b4d5e6f", "name": "Lunch club", "status": "active", "description": "Lunch.",
 "languages": [{"name": "Welsh"}],
 "schedules": [{"id": "2f0f6a5e-1111-4c2e-9a51-1c3a2b4d5e6f", "freq": "WEEKLY", "byday": "MO", "wkst": 1}]}
JSON
before=$(wm list --format json | md5sum)
msg=$(wm import --profile hsds "$out/hostile.json" 2>&1); rc=$?
check "an import with a schema error exits 65" [ "$rc" = 65 ]
check "it names file, record and the language's missing id" grep -qF "hostile.json: service 1f0f6a5e…: .languages[0].id: is required by the schema" <<<"$msg"
check "it names file, record and the numeric wkst" grep -qF "hostile.json: service 1f0f6a5e…: .schedules[0].wkst: is number 1, but the schema asks for text" <<<"$msg"
check "the refused import left the directory unchanged" [ "$(wm list --format json | md5sum)" = "$before" ]
rm -rf "$out"
