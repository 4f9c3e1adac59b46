#!/usr/bin/env python3
"""Writes a hostile HSDS-UK directory: every free-text field, id and taxonomy code of a bundled
organisation carries terminal escape payloads, and one service has a 1 MB unbroken word.
Usage: hostile_directory.py FIXTURE.json OUT.json"""
import copy, json, sys

ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"
PAYLOADS = [
    ESC + "[2J" + ESC + "[H",                    # CSI: clear the screen
    ESC + "[31m",                                # CSI: colour
    ESC + "]0;PWNED-TITLE" + BEL,                # OSC 0: window title
    ESC + "]2;PWNED-TITLE" + ST,                 # OSC 2: window title, ST-terminated
    ESC + "]52;c;cm0gLXJmIH4=" + BEL,            # OSC 52: clipboard set to "rm -rf ~"
    ESC + "P1$qm" + ST,                          # DCS
    ESC + "_apc" + ST + ESC + "^pm" + ST + ESC + "Xsos" + ST,  # APC, PM, SOS
    "\u009b2J",                                  # 8-bit CSI
    "\u009d0;PWNED-TITLE\u009c",                 # 8-bit OSC
    "\u0090dcs\u009c\u0085\u0080",               # 8-bit DCS, NEL, PAD
    "\u202eevil\u202c\u2066iso\u2069\u200f\u061c",  # bidi overrides, isolates, marks
    "\U0001F468\u200d\U0001F469\u200d\U0001F467",   # ZWJ family (kept)
    BEL + "\x08\x00",                            # BEL, backspace, NUL
]
HOSTILE = "".join(PAYLOADS)
FREE_TEXT = {"name", "description", "eligibility_description", "application_process",
             "transportation", "address_1", "city", "alert", "fees_description", "option"}
BIG_WORD = "W" * 1_000_000

def poison(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, str) and k in FREE_TEXT:
                node[k] = v + " " + HOSTILE + " end"
            else:
                poison(v)
    elif isinstance(node, list):
        for v in node:
            poison(v)

def main(src, out):
    org = json.load(open(src))
    org["services"] = org["services"][:2]
    poison(org)
    for i, s in enumerate(org["services"]):
        s["id"] = HOSTILE.replace("\x00", "") + "-svc-%d" % i  # a NUL cannot travel in a command-line argument
        s.setdefault("attributes", []).append({
            "id": "attr-hostile-%d" % i, "link_entity": "service", "link_type": "taxonomy",
            "taxonomy_term_id": "term-hostile-%d" % i,
            "taxonomy_term": {"id": "term-hostile-%d" % i, "code": HOSTILE + "unknown-code",
                              "name": HOSTILE + " unknown term", "description": HOSTILE, "taxonomy": "waymark:function"}})
    big = copy.deepcopy(org["services"][0])
    big["id"] = "bigword"
    big["name"] = "Bigword service"
    big["description"] = "Before " + BIG_WORD + " after."
    org["services"].append(big)
    json.dump(org, open(out, "w"))

if __name__ == "__main__":
    main(*sys.argv[1:])
