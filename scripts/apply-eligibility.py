#!/usr/bin/env python3
"""Write the hand-reviewed eligibility decisions into the bundled directory.

Fixtures/eligibility-decisions.tsv is the one home of the decisions (one row per
tagged service: id, name, codes, the phrase of the record that justifies them).
This script turns each row into `waymark:eligibility` HSDS attributes appended to
the service's attribute array, and removes eligibility attributes no row asks for,
so running it twice changes nothing. Files are rewritten in their own format
(indent 2, UTF-8 unescaped, trailing newline), so the diff shows only attributes.

Ids: the existing fixture ids are UUID v5 from a namespace that is not recorded,
so eligibility ids use a fixed namespace of their own:
  NAMESPACE   = uuid5(NAMESPACE_URL, "https://waymark.example/vocabulary/waymark:eligibility")
  term id     = uuid5(NAMESPACE, "term:" + code)
  attribute id= uuid5(NAMESPACE, service_id + ":" + code)
"""
import csv
import glob
import json
import os
import sys
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VOCABULARY = "waymark:eligibility"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://waymark.example/vocabulary/" + VOCABULARY)


def term_id(code):
    return str(uuid.uuid5(NAMESPACE, "term:" + code))


def attribute_id(service_id, code):
    return str(uuid.uuid5(NAMESPACE, service_id + ":" + code))


def main():
    with open(os.path.join(ROOT, "Fixtures/taxonomy.json"), encoding="utf-8") as f:
        taxonomy = json.load(f)
    terms = {t["code"]: t for v in taxonomy["taxonomies"] if v["id"] == VOCABULARY for t in v["terms"]}
    wanted = {}
    with open(os.path.join(ROOT, "Fixtures/eligibility-decisions.tsv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            codes = row["codes"].split(",")
            unknown = [c for c in codes if c not in terms]
            if unknown:
                sys.exit(f"eligibility-decisions.tsv: service {row['service_id']}: unknown code(s) {unknown}; "
                         f"use a code from {VOCABULARY} in Fixtures/taxonomy.json")
            wanted[row["service_id"]] = codes
    found = set()
    for path in sorted(glob.glob(os.path.join(ROOT, "Fixtures/banes/*.json"))):
        with open(path, encoding="utf-8") as f:
            raw = f.read()
        provider = json.loads(raw)
        for service in provider["services"]:
            attrs = [a for a in service.get("attributes", [])
                     if a.get("taxonomy_term", {}).get("taxonomy") != VOCABULARY]
            for code in wanted.get(service["id"], []):
                term = terms[code]
                attrs.append({
                    "id": attribute_id(service["id"], code),
                    "link_entity": "service",
                    "link_type": "taxonomy",
                    "taxonomy_term_id": term_id(code),
                    "taxonomy_term": {
                        "id": term_id(code),
                        "code": code,
                        "name": term["label"],
                        "description": term["description"],
                        "taxonomy": VOCABULARY,
                    },
                })
            if service["id"] in wanted:
                found.add(service["id"])
            service["attributes"] = attrs
        out = json.dumps(provider, indent=2, ensure_ascii=False) + "\n"
        if out != raw:
            with open(path, "w", encoding="utf-8") as f:
                f.write(out)
    missing = sorted(set(wanted) - found)
    if missing:
        sys.exit(f"eligibility-decisions.tsv: no bundled service has id(s) {missing}")
    print(f"{len(found)} services tagged")


if __name__ == "__main__":
    main()
