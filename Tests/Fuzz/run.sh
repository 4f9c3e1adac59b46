#!/usr/bin/env bash
# Builds the libFuzzer targets (release, address sanitizer where it builds, in .build-fuzz so
# the ordinary build is untouched) and runs each for SECONDS (default 300). Seeds come from
# Tests/Fuzz/corpus/<target>/ and, for the JSON and CSV readers, ../shared/interop; new inputs
# found go to .build-fuzz/corpus/<target>/. Leak detection is on (suppressions, each with its
# evidence, in Tests/Fuzz/lsan.supp). Prints each target's executions from libFuzzer's
# final stats, and fails when any target crashes (the input is kept in .build-fuzz/crashes/:
# add it under Tests/Fuzz/regressions/<target>/ with the fix).
#   bash Tests/Fuzz/run.sh [SECONDS]
set -u
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-${FUZZ_SECONDS:-300}}
SWIFT=${SWIFT:-$(command -v swift || echo /opt/swift/usr/bin/swift)}
SCRATCH=.build-fuzz
INTEROP=../shared/interop
TARGETS=(json:FuzzJSON csv:FuzzCSV query:FuzzQuery text:FuzzText keys:FuzzKeys)
mkdir -p "$SCRATCH/logs" "$SCRATCH/crashes"

build() {
  local sanitizers=$1 t
  for t in "${TARGETS[@]}"; do
    WAYMARK_FUZZ=1 "$SWIFT" build -c release --scratch-path "$SCRATCH" -Xswiftc "-sanitize=$sanitizers" \
      --product "${t#*:}" >>"$SCRATCH/logs/build.log" 2>&1 || return 1
  done
}
: >"$SCRATCH/logs/build.log"
if build fuzzer,address; then sanitizers="fuzzer, address"
elif build fuzzer; then sanitizers="fuzzer (address sanitizer did not build)"
else echo "fuzz: the fuzz targets did not build; see $SCRATCH/logs/build.log"; tail -20 "$SCRATCH/logs/build.log"; exit 1
fi
bin=$(WAYMARK_FUZZ=1 "$SWIFT" build -c release --scratch-path "$SCRATCH" --show-bin-path 2>/dev/null)

failed=0
for t in "${TARGETS[@]}"; do
  name=${t%%:*} product=${t#*:}
  work="$SCRATCH/corpus/$name"
  mkdir -p "$work"
  seeds=("Tests/Fuzz/corpus/$name")
  [ -d "Tests/Fuzz/regressions/$name" ] && seeds+=("Tests/Fuzz/regressions/$name")
  case $name in
    json) for d in oruk-feed-good hsds-uk-3.0 hsds-uk-3.0-more hsds-3.0-more; do [ -d "$INTEROP/$d" ] && seeds+=("$INTEROP/$d"); done ;;
    csv) [ -d "$INTEROP/hsds-3.0/csv" ] && seeds+=("$INTEROP/hsds-3.0/csv") ;;
  esac
  log="$SCRATCH/logs/$name.log"
  # Leaks are errors too; Tests/Fuzz/lsan.supp lists the ones outside Waymark, with evidence.
  LSAN_OPTIONS="suppressions=$PWD/Tests/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}" "$bin/$product" -max_total_time="$SECONDS_EACH" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -detect_leaks=1 -artifact_prefix="$SCRATCH/crashes/$name-" "$work" "${seeds[@]}" >"$log" 2>&1
  rc=$?
  runs=$(awk '/stat::number_of_executed_units/ { print $NF }' "$log" | tail -1)
  if [ $rc -ne 0 ]; then
    failed=1
    echo "fuzz: $product FAILED after ${runs:-?} executions (exit $rc); see $log"
    grep -E "ERROR|Fatal error|precondition|artifact_prefix|Test unit written" "$log" | head -8 | sed 's/^/      /'
  else
    echo "fuzz: $product ${runs:-?} executions in ${SECONDS_EACH} s, no crash, no leak [$sanitizers]"
  fi
done
[ $failed -eq 0 ]
