#!/usr/bin/env bash
# Runs every end-to-end test file (e2e/test_*.sh) against the real binary and prints
# "e2e: N passed, M failed". Exits non-zero when any test failed.
set -u
: "${WAYMARK_BIN:?set WAYMARK_BIN to the waymark binary}"
WAYMARK_BIN=$(cd "$(dirname "$WAYMARK_BIN")" && pwd)/$(basename "$WAYMARK_BIN")
export WAYMARK_BIN
cd "$(dirname "$0")"
source ./lib.sh
for t in test_*.sh; do
  echo "== $t"
  source "./$t"
done
echo "e2e: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
