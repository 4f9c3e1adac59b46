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
