#!/usr/bin/env bash
# Adds up the unit-test and end-to-end counts into one closing line.
unit_passed=$(grep -Eo "Executed [0-9]+ tests?, with [0-9]+ failures?" "$1" | tail -1 | awk '{print $2 - $5}')
unit_failed=$(grep -Eo "Executed [0-9]+ tests?, with [0-9]+ failures?" "$1" | tail -1 | awk '{print $5}')
e2e_passed=$(grep -Eo "^e2e: [0-9]+ passed, [0-9]+ failed" "$2" | tail -1 | awk '{print $2}')
e2e_failed=$(grep -Eo "^e2e: [0-9]+ passed, [0-9]+ failed" "$2" | tail -1 | awk '{print $4}')
# A runner that reported nothing counts as one failure: a test that cannot run must not look green.
passed=$(( ${unit_passed:-0} + ${e2e_passed:-0} ))
failed=$(( ${unit_failed:-1} + ${e2e_failed:-1} ))
echo "total: $passed passed, $failed failed"
