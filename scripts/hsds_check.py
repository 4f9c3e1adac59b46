#!/usr/bin/env python3
"""Checks Waymark output with the official Open Referral schemas and python-jsonschema.

    hsds_check.py services PAGE.json   every service in an HSDS page, against HSDS 3.0,
                                        the UK profile and the ORUK-site schema

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


def main(argv):
    if len(argv) != 3 or argv[1] not in ("services",):
        print(__doc__, file=sys.stderr)
        return 2
    return check_services(argv[2])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
