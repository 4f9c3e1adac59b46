#!/usr/bin/env python3
"""Checks Waymark output with the official Open Referral schemas and python-jsonschema.

    hsds_check.py services PAGE.json   every service in an HSDS page, against HSDS 3.0,
                                        the UK profile and the ORUK-site schema
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
    if len(argv) == 4 and argv[1] == "response":
        return check_response(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "openapi":
        return bundle_openapi(argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
