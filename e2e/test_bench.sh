# `waymark bench` gives every whole-process figure it promises, for the bundled directory and a
# small synthetic one: a figure it cannot take shows as "-" and would go unnoticed in a table.
# (The figures themselves are not judged here: speed is for `make bench`, not for tests.)

fresh_home
wm bench --services 500 --runs 2 --cold-only --format json --data "$HOME/bench" >"$HOME/bench.json" 2>"$HOME/bench.err"
code=$?
check "bench --cold-only runs against both directories" [ $code -eq 0 ]
missing=$(python3 - "$HOME/bench.json" <<'PY'
import json, sys
try:
    cold = json.load(open(sys.argv[1]))["cold"]
except Exception as e:
    print("no JSON:", e); sys.exit()
want = ["import_s", "import_peak_mb", "cold_search_ms", "cold_search_peak_mb", "cold_match_ms",
        "cold_match_peak_mb", "fts5_cold_ms", "fts5_ratio", "tui_first_screen_ms"]
print(" ".join(f"{row['directory']}.{k}" for row in cold for k in want if row.get(k) is None)
      + ("" if len(cold) == 2 else f" {len(cold)} directories"))
PY
)
check "every cold figure was taken, the TUI's first screen included, in every run (missing: ${missing:-none})" [ -z "$missing" ]
