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

# serve_start DIR [ARGS…]: starts `waymark serve` on a free 127.0.0.1 port (ARGS passed on), its
# standard error in DIR/log and standard output in DIR/stdout, stopped by an EXIT trap if the test
# dies. Sets SERVE_BASE and SERVE_PID; succeeds once it answers. The first run seeds the database,
# so it is allowed a minute, no more; a server that exits early fails at once.
serve_start() {
  local dir=$1 port; shift
  port=$(timeout 10 python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') || return 1
  SERVE_BASE="http://127.0.0.1:$port"
  "$WAYMARK_BIN" serve --listen "127.0.0.1:$port" "$@" 2>"$dir/log" >"$dir/stdout" &
  SERVE_PID=$!
  trap serve_stop EXIT
  for _ in $(seq 1 600); do
    timeout 2 curl -s -o /dev/null "$SERVE_BASE/" && return 0
    kill -0 "$SERVE_PID" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# serve_stop: SIGTERM, then up to 10 s to stop before SIGKILL. Sets SERVE_STOPPED (0 when SIGTERM
# alone stopped it) and SERVE_RC (its exit code); clears the trap. Safe to call twice.
serve_stop() {
  [ -n "${SERVE_PID:-}" ] || return 0
  SERVE_STOPPED=1
  kill -TERM "$SERVE_PID" 2>/dev/null
  for _ in $(seq 1 100); do kill -0 "$SERVE_PID" 2>/dev/null || { SERVE_STOPPED=0; break; }; sleep 0.1; done
  kill -KILL "$SERVE_PID" 2>/dev/null
  wait "$SERVE_PID" 2>/dev/null; SERVE_RC=$?
  SERVE_PID=""
  trap - EXIT
}
