#!/usr/bin/env bash
# Helpers for end-to-end tests that drive the real binary: assertions that count, and a fresh HOME per test.
PASSED=0
FAILED=0
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
INTEROP=${INTEROP:-$(cd "$REPO/.." && pwd)/shared/interop}

pass() { PASSED=$((PASSED + 1)); echo "  ok    $1"; }
fail() { FAILED=$((FAILED + 1)); echo "  FAIL  $1"; [ -n "${2:-}" ] && echo "$2" | sed 's/^/        /' | head -20; }

# check NAME COMMAND...: passes when COMMAND succeeds.
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }

# fresh_home: a new empty HOME (and no XDG_DATA_HOME), so each test starts like a first run.
fresh_home() {
  export HOME
  HOME=$(mktemp -d "${TMPDIR:-/tmp}/waymark-e2e.XXXXXX")
  unset XDG_DATA_HOME
}

wm() { "$WAYMARK_BIN" "$@"; }
