#!/usr/bin/env python3
"""Build the judges' candidate pools for Fixtures/eval/judged (issue 8, item 7).

For each person: Waymark's top 30 distinct services from `waymark match` (suggestions,
then covering set, then near misses, in rank order), the FTS5 bm25 baseline's top 20, and
the manual additions in Fixtures/eval/judged/manual-additions.json. For each query: Waymark
search top 30, FTS5 top 20 and manual additions.

Pools are written SORTED BY ID so a judge cannot tell which system proposed a candidate.
Every pooled service gets a readable record in pools/records/<id>.txt.

Usage (from the repository root, with a built binary):
  XDG_DATA_HOME=$(mktemp -d) python3 scripts/judged-pools.py --bin .build/release/waymark
"""
import argparse, json, os, re, sqlite3, subprocess, sys, tempfile, unicodedata

JUDGED = "Fixtures/eval/judged"
WAYMARK_MATCH_DEPTH = 30
WAYMARK_SEARCH_DEPTH = 30
FTS_DEPTH = 20

# Words that carry no need; dropped before the OR-of-terms baseline query.
STOP_WORDS = set("""
a about above after again against all am an and any anyone anything are aren as at be
because been before being below between both but by can cant can't could did didnt do does
doesnt doing dont down during each few for from further get got had has have having he hed
hes her here hers herself him himself his how i id ill im i'm ive if in into is isnt it its
itself just know like me more most my myself no nor not now of off on once only or other our
ours out over own same she shes should so some someone something such than that thats the
their theirs them themselves then there these they this those through to too under until up
very want was we were what when where which while who whom why will with wont would yes yet
you your yours yourself also really much many still even since ago last next new one two
any every going go been keeps keep need needs looking look help anymore
""".split())


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def export_directory(binary):
    out = os.path.join(tempfile.mkdtemp(), "export.json")
    subprocess.run([binary, "export", "--out", out], check=True, stdout=subprocess.DEVNULL)
    with open(out, encoding="utf-8") as f:
        return json.load(f)["contents"]


def labels(service):
    return " ".join((a.get("taxonomy_term") or {}).get("name", "") for a in service.get("attributes", []))


def fts_index(services):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE s USING fts5(id UNINDEXED, name, description, eligibility, labels, tokenize='porter unicode61')")
    for s in services:
        db.execute("INSERT INTO s VALUES (?,?,?,?,?)", (s["id"], s.get("name", ""), s.get("description", ""),
                                                        s.get("eligibility_description", "") or "", labels(s)))
    return db


def fts_top(db, text, depth=FTS_DEPTH):
    terms = [t for t in re.findall(r"[a-z0-9]+", text.lower()) if t not in STOP_WORDS and len(t) > 1]
    if not terms:
        return []
    query = " OR ".join('"%s"' % t for t in dict.fromkeys(terms))
    rows = db.execute("SELECT id FROM s WHERE s MATCH ? ORDER BY bm25(s) LIMIT ?", (query, depth)).fetchall()
    return [r[0] for r in rows]


# The baseline exactly as `waymark eval --judged` runs it (Sources/WaymarkCore/Evaluate/Evaluation.swift,
# FTS5Baseline): name and description only, the Normaliser's words, its stop words (Normaliser.swift,
# StopWords); people as an OR of words, queries as words in order with the last one a prefix.
EVAL_STOP_WORDS = set("""
a about after again all am an and any are as at be been being but by can could did do does doing for from
get getting got had has have having he her here hers him his how i if im in into is it its ive just me more
most my myself of on or our ours she so some such than that the their them then there these they this those
to too very was we were what when where which while who whom why will with would you your yours really bit
lot also us shes hes theyre were weve id youre dont doesnt isnt wont cant need needs want wants like know
think thing things someone something anything help please one still
""".split())


def eval_words(text):
    """Normaliser.words: lower-cased, accents folded, apostrophes dropped, other non-alphanumerics split."""
    out, cur = [], []
    for ch in text:
        if ch in "'\u2019\u2018":
            continue
        if ch.isalnum():
            cur.append(ch.lower())
        else:
            if cur:
                out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    fold = lambda w: "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    return [fold(w) for w in out]


def eval_fts_index(services):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE doc USING fts5(name, description, tokenize = 'porter unicode61 remove_diacritics 2')")
    for i, s in enumerate(services):
        db.execute("INSERT INTO doc(rowid, name, description) VALUES (?,?,?)", (i, s.get("name", ""), s.get("description", "")))
    return db


def eval_fts_people(db, services, text, depth=FTS_DEPTH):
    words = [w for w in eval_words(text) if w not in EVAL_STOP_WORDS]
    if not words:
        return []
    query = " OR ".join('"%s"' % w for w in words)
    rows = db.execute("SELECT rowid FROM doc WHERE doc MATCH ? ORDER BY bm25(doc) LIMIT ?", (query, depth)).fetchall()
    return [services[r[0]]["id"] for r in rows]


def eval_fts_query(db, services, text, depth=FTS_DEPTH):
    words = eval_words(text)
    if not words:
        return []
    query = " ".join('"%s"*' % w if i == len(words) - 1 else '"%s"' % w for i, w in enumerate(words))
    rows = db.execute("SELECT rowid FROM doc WHERE doc MATCH ? ORDER BY bm25(doc) LIMIT ?", (query, depth)).fetchall()
    return [services[r[0]]["id"] for r in rows]


def run_json(args):
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def waymark_match(binary, person):
    args = [binary, "match", "--text", person["text"], "--format", "json", "--limit", str(WAYMARK_MATCH_DEPTH)]
    if person.get("place"):
        args += ["--place", person["place"]]
    if person.get("age") is not None:
        args += ["--age", str(person["age"])]
    if person.get("transport"):
        args += ["--transport", person["transport"]]
    d = run_json(args)
    ranked = [s["id"] for s in d.get("suggestions", [])]
    ranked += [c if isinstance(c, str) else c.get("id") for c in d.get("covering_set", [])]
    ranked += [s["id"] for s in d.get("near_misses", [])]
    return list(dict.fromkeys(ranked))[:WAYMARK_MATCH_DEPTH]


def waymark_search(binary, query):
    d = run_json([binary, "search", *query.split(), "--format", "json", "--limit", str(WAYMARK_SEARCH_DEPTH)])
    return [r["id"] for r in d.get("results", [])][:WAYMARK_SEARCH_DEPTH]


def record_text(s):
    """One service in full, as a judge reads it."""
    out = []
    w = out.append
    w("SERVICE  %s" % s.get("name"))
    w("id: %s" % s["id"])
    org = s.get("organization") or {}
    w("organisation: %s" % org.get("name"))
    if org.get("description"):
        w("  about the organisation: %s" % org["description"])
    w("status: %s" % s.get("status"))
    w("")
    w("DESCRIPTION\n%s" % (s.get("description") or ""))
    w("")
    w("WHO IT IS FOR\n%s" % (s.get("eligibility_description") or "(not stated)"))
    w("ages: %s to %s" % (s.get("minimum_age", "any"), s.get("maximum_age", "any")))
    w("areas served: %s" % "; ".join(a.get("name", "") for a in s.get("service_areas", [])))
    w("")
    w("HOW TO APPLY / REFERRAL\n%s" % (s.get("application_process") or "(not stated)"))
    for c in s.get("cost_options", []):
        w("cost: %s %s %s" % (c.get("option", ""), c.get("amount", ""), c.get("amount_description", "")))
    for k in ("fees_description", "interpretation_services", "alert"):
        if s.get(k):
            w("%s: %s" % (k, s[k]))
    w("")
    w("LOCATIONS")
    for sal in s.get("service_at_locations", []):
        loc = sal.get("location") or {}
        addr = "; ".join(", ".join(x for x in (a.get("address_1"), a.get("city"), a.get("postal_code")) if x)
                         for a in loc.get("addresses", []))
        w("- %s [%s] %s" % (loc.get("name"), loc.get("location_type"), addr))
        if loc.get("transportation"):
            w("    getting there: %s" % loc["transportation"])
        for acc in loc.get("accessibility", []):
            w("    access: %s" % acc.get("description"))
    if not s.get("service_at_locations"):
        w("(no venue: phone, online or home-visiting)")
    w("")
    w("SCHEDULES")
    for sc in s.get("schedules", []):
        w("- %s %s %s-%s %s" % (sc.get("freq", ""), sc.get("byday", ""), sc.get("opens_at", ""), sc.get("closes_at", ""),
                              sc.get("description", "")))
    w("")
    w("CONTACT")
    for p in s.get("phones", []):
        w("- phone %s %s" % (p.get("number"), p.get("description", "")))
    if s.get("email"):
        w("- email %s" % s["email"])
    if s.get("url"):
        w("- web %s" % s["url"])
    w("")
    w("TAGS")
    by = {}
    for a in s.get("attributes", []):
        t = a.get("taxonomy_term") or {}
        by.setdefault(t.get("taxonomy", "?"), []).append(t.get("code", ""))
    for k in sorted(by):
        w("- %s: %s" % (k, ", ".join(by[k])))
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=".build/release/waymark")
    ap.add_argument("--only", help="comma-separated case ids")
    ap.add_argument("--unjudged", metavar="FILE",
                    help="also write FILE: per case, the pooled services with no line in grades.jsonl, split into "
                         "those in a top 10 that `waymark eval` scores and the rest, each sorted by id (blind to the source)")
    a = ap.parse_args()
    services = export_directory(a.bin)
    by_id = {s["id"]: s for s in services}
    db = fts_index(services)
    edb = eval_fts_index(services)
    graded = set()
    for g in load_jsonl(os.path.join(JUDGED, "grades.jsonl")):
        graded.add((g["case"], g["service"]))
    unjudged = {}
    manual_path = os.path.join(JUDGED, "manual-additions.json")
    manual = json.load(open(manual_path)) if os.path.exists(manual_path) else {}
    pools_dir = os.path.join(JUDGED, "pools")
    records_dir = os.path.join(pools_dir, "records")
    os.makedirs(records_dir, exist_ok=True)
    only = set(a.only.split(",")) if a.only else None
    cases = [(p["id"], "person", p) for p in load_jsonl(os.path.join(JUDGED, "people.jsonl"))]
    cases += [(q["id"], "query", q) for q in load_jsonl(os.path.join(JUDGED, "queries.jsonl"))]
    sizes = []
    for cid, kind, c in cases:
        if only and cid not in only:
            continue
        # Two baselines are pooled: the script's first one (name, description, eligibility and labels)
        # and the one `waymark eval` scores (name and description; queries as a prefix search).
        if kind == "person":
            wm, fts = waymark_match(a.bin, c), fts_top(db, c["text"])
            efts = eval_fts_people(edb, services, c["text"])
        else:
            wm, fts = waymark_search(a.bin, c["query"]), fts_top(db, c["query"])
            efts = eval_fts_query(edb, services, c["query"])
        extra = [x for x in manual.get(cid, []) if x in by_id]
        unknown = [x for x in manual.get(cid, []) if x not in by_id]
        if unknown:
            sys.exit("manual-additions.json: case %s names unknown service ids %s; fix the id" % (cid, unknown))
        pool = sorted(set(wm) | set(fts) | set(efts) | set(extra))
        top10 = set(wm[:10]) | set(efts[:10])  # what `waymark eval` scores
        new = [x for x in pool if (cid, x) not in graded]
        unjudged[cid] = {"top10": [x for x in new if x in top10], "rest": [x for x in new if x not in top10]}
        sizes.append(len(pool))
        with open(os.path.join(pools_dir, cid + ".json"), "w") as f:
            json.dump({"case": cid, "candidates": pool}, f, indent=1)
            f.write("\n")
        for sid in pool:
            with open(os.path.join(records_dir, sid + ".txt"), "w", encoding="utf-8") as f:
                f.write(record_text(by_id[sid]))
    # The directory in brief, for the manual search.
    with open(os.path.join(pools_dir, "directory.txt"), "w", encoding="utf-8") as f:
        for s in sorted(services, key=lambda s: s["name"]):
            town = "; ".join(sorted({ad.get("city", "") for sal in s.get("service_at_locations", [])
                                     for ad in (sal.get("location") or {}).get("addresses", [])}))
            f.write("%s | %s | %s | %s\n" % (s["id"], s["name"], town or "no venue",
                                             (s.get("eligibility_description") or "")[:160]))
    if a.unjudged:
        with open(a.unjudged, "w") as f:
            json.dump(unjudged, f, indent=1)
            f.write("\n")
        print("unjudged: %d in a top 10, %d more in the pools" % (sum(len(v["top10"]) for v in unjudged.values()),
                                                                 sum(len(v["rest"]) for v in unjudged.values())))
    print("cases %d, mean pool %.1f, min %d, max %d" % (len(sizes), sum(sizes) / len(sizes), min(sizes), max(sizes)))


if __name__ == "__main__":
    main()
