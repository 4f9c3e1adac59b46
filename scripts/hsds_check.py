#!/usr/bin/env python3
"""Checks Waymark output with the official Open Referral schemas and python-jsonschema.

    hsds_check.py services PAGE.json   every service in an HSDS page, against HSDS 3.0,
                                        the UK profile and the ORUK-site schema
    hsds_check.py roundtrip IN OUT      every value of every service in IN (a service, a page or
                                        a list) is in the exported page OUT on the same path
    hsds_check.py tabular IN OUT        every cell of every CSV file in the folder IN is in the
                                        folder OUT, in the same file, row (by id) and column
    hsds_check.py agreement WAYMARK     every official example judged by its own schema and by
                                        `WAYMARK validate`: valid files refused, invalid accepted
    hsds_check.py fields WAYMARK        every JSON document in ../shared/interop, record by record,
                                        judged by python-jsonschema with the very schema Waymark
                                        bundles for it (Fixtures/schemas) and by `WAYMARK validate
                                        --format json`: the same verdict and the same failing fields
    hsds_check.py response SCHEMA BODY.json
                                        one API response against an ORUK-site schema
                                        (service_list.json, taxonomy.json, …)
    hsds_check.py openapi OUT.json     the ORUK openapi.json with every schema it $refs
                                        copied into components/schemas, for tools (schemathesis)
                                        that would otherwise fetch them from the network

Run with the venv from `make venv`. The ORUK-site schemas $ref https://openreferraluk.org/…
and GitHub addresses; those are served from ../shared/interop/schemas, never the network.
Prints "N of M pass SCHEMA" per schema and the first errors; exits 1 when any fails.
"""
import json
import os
import sys

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.environ.get("HSDS_SCHEMAS", os.path.join(HERE, "..", "..", "shared", "interop", "schemas"))

# Where each published address lives locally, by prefix.
PREFIXES = {
    "https://openreferraluk.org/specifications/3.0/schema/": "oruk-3.0/schema/",
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/": "hsds-3.0/schema/",
    "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/": "hsds-uk-3.0/schema/",
    "https://raw.githubusercontent.com/tpximpact/OpenReferralApi/refs/heads/main/OpenReferralApi/Schemas/V3.0-UK/": "oruk-3.0/schema/",
}
ORUK_BASE = "https://openreferraluk.org/specifications/3.0/schema/"

# The three schemas every exported service must pass: name → local path.
SERVICE_SCHEMAS = {
    "hsds-3.0": "hsds-3.0/schema/compiled/service.json",
    "hsds-uk-3.0": "hsds-uk-3.0/schema/compiled/service.json",
    "oruk-3.0": "oruk-3.0/schema/service.json",
}


def load(rel):
    with open(os.path.join(SCHEMAS, rel)) as f:
        return json.load(f)


def retrieve(uri):
    for prefix, local in PREFIXES.items():
        if uri.startswith(prefix):
            return Resource(contents=load(local + uri[len(prefix):]), specification=DRAFT202012)
    raise LookupError(f"no local copy of {uri}")


def validator(rel):
    schema = load(rel)
    if rel.startswith("oruk-3.0/"):
        # Relative $refs ("attribute.json") resolve against the schema's published address.
        schema = dict(schema, **{"$id": ORUK_BASE + os.path.basename(rel)})
    return Draft202012Validator(schema, registry=Registry(retrieve=retrieve), format_checker=FormatChecker())


def where(error):
    return "/" + "/".join(str(p) for p in error.absolute_path)


def check_services(path):
    with open(path) as f:
        page = json.load(f)
    services = page["contents"] if isinstance(page, dict) and "contents" in page else page
    failed = False
    for name, rel in SERVICE_SCHEMAS.items():
        v = validator(rel)
        bad = []
        for s in services:
            errors = list(v.iter_errors(s))
            if errors:
                bad.append((s.get("id"), errors))
        print(f"{len(services) - len(bad)} of {len(services)} pass {name}")
        for sid, errors in bad[:3]:
            for e in errors[:2]:
                print(f"  {name}: service {sid}: {where(e)}: {e.message[:200]}")
        failed = failed or bool(bad)
    return 1 if failed else 0


# The example folders and the schema family that judges them.
EXAMPLE_FOLDERS = {
    "hsds-3.0": "hsds-3.0", "hsds-3.0-more": "hsds-3.0", "hsds-uk-3.0": "hsds-uk-3.0", "hsds-uk-3.0-more": "hsds-uk-3.0",
    "oruk-feed-good": "oruk-3.0", "oruk-feed-bad": "oruk-3.0", "schemas/oruk-3.0/examples": "oruk-3.0",
}
# Document (file name without .json) → schema, per family. None: no official schema for it.
HSDS_SCHEMAS = {
    "service_full": "schema/compiled/service.json", "service_list": ("schema/compiled/service_list.json", "contents"),
    "organization_full": "schema/compiled/organization.json", "organization_list": ("schema/compiled/organization_list.json", "contents"),
    "service_at_location_full": "schema/compiled/service_at_location.json",
    "service_at_location_list": ("schema/compiled/service_at_location_list.json", "contents"),
    "taxonomy": "schema/taxonomy.json", "taxonomy_term": "schema/taxonomy_term.json",
    "taxonomy_list": ("schema/taxonomy.json", "contents"), "taxonomy_term_list": ("schema/taxonomy_term.json", "contents"),
    "location": "schema/location.json", "tabular": "schema/compiled/tabular.json",
}


def example_schema(family, name):
    if family == "oruk-3.0":
        name = {"organization_full": "organization", "service_full": "service",
                "service_at_location_full": "service_at_location"}.get(name, name)
        return ("oruk-3.0/schema/" + name + ".json", None) if os.path.exists(os.path.join(SCHEMAS, "oruk-3.0/schema", name + ".json")) else (None, None)
    if name == "base":
        return ("oruk-3.0/schema/api_details.json", None)
    rel = HSDS_SCHEMAS.get(name)
    if rel is None:
        return (None, None)
    rel, items = rel if isinstance(rel, tuple) else (rel, None)
    path = family + "/" + rel
    return (path, items) if os.path.exists(os.path.join(SCHEMAS, path)) else (None, None)


def hsds_validator(rel):
    schema = load(rel)
    if not rel.startswith("oruk-3.0/"):
        base = {"hsds-3.0": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/",
                "hsds-uk-3.0": "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"}[rel.split("/")[0]]
        schema = dict(schema, **{"$id": base + rel.split("/schema/", 1)[1]})
        return Draft202012Validator(schema, registry=Registry(retrieve=retrieve), format_checker=FormatChecker())
    return validator(rel)


def check_agreement(waymark):
    import subprocess
    root = os.path.join(HERE, "..", "..", "shared", "interop")
    valid_refused, invalid_accepted, valid_n, invalid_n, unjudged = [], [], 0, 0, []
    for folder, family in EXAMPLE_FOLDERS.items():
        for name in sorted(os.listdir(os.path.join(root, folder))):
            if not name.endswith(".json"):
                continue
            path = os.path.join(root, folder, name)
            rel, items = example_schema(family, name[:-5])
            if rel is None:
                unjudged.append(f"{folder}/{name}")
                continue
            with open(path) as f:
                doc = json.load(f)
            v = hsds_validator(rel)
            docs = doc.get(items, []) if items else [doc]
            errors = [e for d in docs for e in v.iter_errors(d)]
            accepted = subprocess.run([waymark, "validate", path], capture_output=True).returncode == 0
            if errors:
                invalid_n += 1
                if accepted:
                    invalid_accepted.append(f"{folder}/{name}: {where(errors[0])}: {errors[0].message[:120]}")
            else:
                valid_n += 1
                if not accepted:
                    out = subprocess.run([waymark, "validate", path], capture_output=True, text=True)
                    valid_refused.append(f"{folder}/{name}: {(out.stderr or out.stdout).strip().splitlines()[:1]}")
    print(f"{len(valid_refused)} of {valid_n} valid examples refused")
    for x in valid_refused:
        print("  refused: " + x)
    print(f"{len(invalid_accepted)} of {invalid_n} invalid examples accepted")
    for x in invalid_accepted:
        print("  accepted: " + x)
    print(f"{len(unjudged)} files have no official schema: " + ", ".join(unjudged))
    return 1 if valid_refused or invalid_accepted else 0


# Document (file name without .json) → the kind of record Waymark reads in it and how its issues
# name such a record; its bundled schema is Fixtures/schemas/<family>/… as RecordSchemas.swift says.
FIELD_KINDS = {
    "service_full": ("service", "service"), "service_list": ("service_list", "service"),
    "organization_full": ("organization", "organisation"), "organization_list": ("organization_list", "organisation"),
    "organization": ("organization", "organisation"),
    "service_at_location_full": ("service_at_location", "service_at_location"),
    "service_at_location_list": ("service_at_location_list", "service_at_location"),
    "taxonomy": ("taxonomy", "taxonomy"), "taxonomy_list": ("taxonomy", "taxonomy"),
    "taxonomy_term": ("taxonomy_term", "taxonomy term"), "taxonomy_term_list": ("taxonomy_term", "taxonomy term"),
    "location": ("location", "location"), "base": ("api_details", "api_details"), "api_details": ("api_details", "api_details"),
}
BUNDLED = os.path.join(HERE, "..", "Fixtures", "schemas")


def bundled_validator(family, kind):
    folder = "hsds-3.0" if family == "hsds-3.0" else "hsds-uk-3.0"
    if kind == "api_details":
        rel = "oruk-3.0/api_details.json"
    elif kind in ("service", "organization", "service_at_location", "service_list", "organization_list", "service_at_location_list"):
        rel = f"{folder}/compiled/{kind}.json"
    else:
        rel = f"{folder}/{kind}.json"
    with open(os.path.join(BUNDLED, rel)) as f:
        schema = json.load(f)
    base = "https://waymark.example/schemas/" + rel.replace("/compiled/", "/")
    schema = dict(schema, **{"$id": base})

    def sibling(uri):
        with open(os.path.join(BUNDLED, os.path.dirname(rel).removesuffix("/compiled"), uri.rsplit("/", 1)[1])) as f:
            return Resource(contents=json.load(f), specification=DRAFT202012)
    return Draft202012Validator(schema, registry=Registry(retrieve=sibling), format_checker=FormatChecker())


def field_path(error):
    steps = list(error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1] if error.message.startswith("'") else None
        steps.append(missing)
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in steps)


def short(record_id):
    return record_id[:8] + "…" if len(record_id) > 8 else record_id


def record_label(label, record):
    """How Waymark names a record in its issues: "service ac148810…", or "(no id)"."""
    rid = record.get("id") if isinstance(record, dict) and isinstance(record.get("id"), str) else None
    return f"{label} {short(rid) if rid else '(no id)'}"


def check_fields(waymark):
    import subprocess
    root = os.path.join(HERE, "..", "..", "shared", "interop")
    compared, disagreements, unjudged = 0, [], []
    for folder, family in EXAMPLE_FOLDERS.items():
        for name in sorted(os.listdir(os.path.join(root, folder))):
            if not name.endswith(".json"):
                continue
            path = os.path.join(root, folder, name)
            kind = FIELD_KINDS.get(name[:-5])
            if name == "tabular.json":
                # The official tabular.json names tables, not files, so it passes any such document;
                # Waymark judges the joined records, and must come to the same verdict.
                with open(path) as f:
                    official = not list(hsds_validator("hsds-3.0/schema/compiled/tabular.json").iter_errors(json.load(f)))
                got = subprocess.run([waymark, "validate", "--profile", "hsds", path], capture_output=True).returncode == 0
                compared += 1
                if got != official:
                    disagreements.append(f"{folder}/{name}: waymark {'valid' if got else 'invalid'}, official {'valid' if official else 'invalid'}")
                continue
            if kind is None:
                unjudged.append(f"{folder}/{name}")
                continue
            schema_kind, label = kind
            with open(path) as f:
                doc = json.load(f)
            records = doc["contents"] if isinstance(doc, dict) and isinstance(doc.get("contents"), list) else [doc]
            v = bundled_validator(family, schema_kind)
            want_errors, want_uuid = set(), set()
            for r in records:
                who = record_label(label, r)
                for e in v.iter_errors(r):
                    entry = (who, field_path(e) or None)
                    (want_uuid if e.validator == "format" and e.validator_value == "uuid" else want_errors).add(entry)
            profile = "hsds" if family == "hsds-3.0" else "uk"
            out = subprocess.run([waymark, "validate", "--profile", profile, "--format", "json", path], capture_output=True, text=True)
            try:
                got = json.loads(out.stdout)
            except ValueError:
                disagreements.append(f"{folder}/{name}: validate gave no JSON: {out.stderr.strip()[:200]}")
                continue
            # A page's items are judged by the list schema; what the full schema adds about their nested
            # data Waymark tells as warnings marked as such, each one python-jsonschema finds too.
            beyond = "a page is checked by the list schema"
            got_beyond = {(i["record"], i["path"]) for i in got["issues"] if beyond in i["message"]}
            want_beyond = set()
            if got_beyond:
                full = bundled_validator(family, schema_kind.removesuffix("_list"))
                for r in records:
                    want_beyond |= {(record_label(label, r), field_path(e) or None) for e in full.iter_errors(r)}
                want_beyond -= want_errors | want_uuid
            got_errors = {(i["record"], i["path"]) for i in got["issues"] if i["severity"] == "error"}
            got_uuid = {(i["record"], i["path"]) for i in got["issues"]
                        if i["severity"] == "warning" and "uuid format" in i["message"] and beyond not in i["message"]}
            compared += 1
            if not got_beyond <= want_beyond:
                disagreements.append(f"{folder}/{name} ({profile}): full-schema warnings python-jsonschema does not find: "
                                     f"{sorted(got_beyond - want_beyond, key=str)[:4]}")
            if got["valid"] != (not want_errors) or got_errors != want_errors or got_uuid != want_uuid:
                disagreements.append(f"{folder}/{name} ({profile}): waymark {'valid' if got['valid'] else 'invalid'}, "
                                     f"official {'valid' if not want_errors else 'invalid'}; "
                                     f"only waymark: {sorted(got_errors - want_errors, key=str)[:4]}; "
                                     f"only official: {sorted(want_errors - got_errors, key=str)[:4]}; "
                                     f"uuid warnings differ: {sorted(got_uuid ^ want_uuid, key=str)[:4]}")
    print(f"{compared} documents compared, {len(disagreements)} disagree")
    for d in disagreements:
        print("  " + d)
    print(f"{len(unjudged)} documents have no official schema: " + ", ".join(unjudged))
    return 1 if disagreements or not compared else 0


def paths(value, prefix=""):
    """Every value by path; list items are found by their id. A null is no value."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            out.update(paths(v, f"{prefix}.{k}"))
        return out
    if isinstance(value, list):
        if not value:
            return {prefix: []}
        out = {}
        for i, v in enumerate(value):
            key = f"[id={v['id']}]" if isinstance(v, dict) and "id" in v else f"[{i}]"
            out.update(paths(v, prefix + key))
        return out
    return {} if value is None else {prefix: value}


def check_roundtrip(given, exported):
    with open(given) as f:
        doc = json.load(f)
    with open(exported) as f:
        page = json.load(f)
    items = doc.get("contents", [doc]) if isinstance(doc, dict) else doc
    out = {s["id"]: s for s in page["contents"]}
    compared, changed = 0, []
    for s in items:
        a, b = paths(s), paths(out.get(s.get("id"), {}))
        for p, v in a.items():
            compared += 1
            if p not in b or b[p] != v:
                changed.append(f"service {s.get('id')}{p}: {v!r} became {b.get(p, 'nothing')!r}")
    print(f"{compared} paths compared, {len(changed)} changed")
    for c in changed[:20]:
        print("  " + c)
    return 1 if changed or not compared else 0


def csv_rows(folder):
    """Each CSV file of a folder as {row key: {column: cell}}; a row's key is its id, else its position."""
    import csv
    out = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        out[name] = {(r.get("id") or f"row {i + 1}"): r for i, r in enumerate(rows)}
    return out


def check_tabular(given, exported):
    a, b = csv_rows(given), csv_rows(exported)
    compared, changed = 0, []
    for name, rows in a.items():
        if name not in b:
            changed.append(f"{name} is not in {exported}")
            continue
        for key, row in rows.items():
            other = b[name].get(key)
            for column, cell in row.items():
                compared += 1
                if other is None or other.get(column) != cell:
                    changed.append(f"{name} {key} {column}: {cell!r} became {None if other is None else other.get(column)!r}")
        for key in b[name].keys() - rows.keys():
            changed.append(f"{name} {key}: a row that was not there before")
    print(f"{len(a)} files, {compared} cells compared, cells changed: {len(changed)}")
    for c in changed[:20]:
        print("  " + c)
    return 1 if changed or not compared else 0


def check_response(schema, path):
    with open(path) as f:
        body = json.load(f)
    errors = list(validator("oruk-3.0/schema/" + schema).iter_errors(body))
    if not errors:
        print(f"{path}: passes oruk-3.0 {schema}")
        return 0
    print(f"{path}: {len(errors)} errors against oruk-3.0 {schema}")
    for e in errors[:5]:
        print(f"  {where(e)}: {e.message[:200]}")
    return 1


def local_name(uri):
    """The components/schemas name for a published schema address, or None if it is not one."""
    for prefix, local in PREFIXES.items():
        if uri.startswith(prefix):
            return local.split("/")[0].replace(".", "_").replace("-", "_") + "__" + uri[len(prefix):].removesuffix(".json")
    return None


def bundle_openapi(out):
    spec = load("oruk-3.0/openapi.json")
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    pending = []

    def rewrite(node, base):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                uri = ref if "://" in ref else base + ref
                name = local_name(uri)
                if name is None:
                    raise LookupError(f"no local copy of {uri}")
                if name not in schemas:
                    schemas[name] = None
                    pending.append((name, uri))
                node["$ref"] = "#/components/schemas/" + name
            for k, v in node.items():
                if k != "$ref":
                    rewrite(v, base)
        elif isinstance(node, list):
            for v in node:
                rewrite(v, base)

    rewrite(spec["paths"], ORUK_BASE)
    while pending:
        name, uri = pending.pop()
        doc = retrieve(uri).contents
        doc = {k: v for k, v in doc.items() if k not in ("$schema", "$id")}
        rewrite(doc, uri.rsplit("/", 1)[0] + "/")
        schemas[name] = doc
    with open(out, "w") as f:
        json.dump(spec, f, indent=1)
    print(f"wrote {out}: {len(spec['paths'])} paths, {len(schemas)} schemas")
    return 0


def main(argv):
    if len(argv) == 3 and argv[1] == "services":
        return check_services(argv[2])
    if len(argv) == 3 and argv[1] == "agreement":
        return check_agreement(argv[2])
    if len(argv) == 3 and argv[1] == "fields":
        return check_fields(argv[2])
    if len(argv) == 4 and argv[1] == "roundtrip":
        return check_roundtrip(argv[2], argv[3])
    if len(argv) == 4 and argv[1] == "tabular":
        return check_tabular(argv[2], argv[3])
    if len(argv) == 4 and argv[1] == "response":
        return check_response(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "openapi":
        return bundle_openapi(argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
