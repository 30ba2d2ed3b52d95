#!/usr/bin/env bash
# What the wrk load scripts share; sourced after `cd` to the repository root. Gives:
#   bench_start CMD...   starts a process in the background, stopped (by PID) when the script exits
#   bench_wait_for URL   waits up to 30 s for URL to answer 2xx
#   bench_wrk ARGS...    runs wrk --latency and sets WRK_RPS, WRK_P50, WRK_P99, WRK_BAD (non-2xx/3xx)
#   bench_ratio A B      prints A ÷ B as "0.42×"
#   bench_sign_up URL NAME  registers NAME@example.com at the host, sets BENCH_TOKEN and BENCH_API_KEY
#   bench_random_file PATH MB [SEED]  writes MB MiB of random bytes from SEED (default 2): the same file every run
#   bench_publish_cli    publishes the blueprint command as a user installs it (compiled ahead of time),
#                        sets BENCH_CLI to its blueprint executable
#   bench_storage_host [ARG...]  builds the host and publishes the CLI, starts a host of identity and cloud
#                        storage on the embedded engines in $BENCH_WORK/host (ARGs passed on), waits, sets BENCH_URL
# The engines of scripts/engines.sh, when a script starts them, are stopped on exit too.
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
source scripts/engines.sh

BENCH_PIDS=()
BENCH_WORK=$(mktemp -d -t blueprint-bench.XXXXXX)
chmod 755 "$BENCH_WORK"

bench_cleanup() {
  local status=$?
  trap '' INT TERM
  local pid
  for pid in "${BENCH_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  engines_stop
  # A failed run keeps the host's log: the work directory goes, and with it the only account of why.
  if [ "$status" -ne 0 ] && [ -s "$BENCH_WORK/host.log" ]; then
    cp "$BENCH_WORK/host.log" /tmp/blueprint-bench-host.log
    echo "the run failed (exit $status); the host's log is in /tmp/blueprint-bench-host.log" >&2
  fi
  rm -rf "$BENCH_WORK"
}
trap bench_cleanup EXIT

bench_start() {
  "$@" &
  BENCH_PIDS+=($!)
  BENCH_LAST_PID=$!
}

bench_wait_for() {
  for _ in $(seq 1 150); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "$1 did not answer" >&2
  exit 1
}

bench_wrk() {
  local out
  out=$(wrk --latency "$@")
  WRK_RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
  WRK_P50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  WRK_P99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  WRK_BAD=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
  WRK_BAD=${WRK_BAD:-0}
}

bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }

bench_sign_up() {
  local account='{"email":"'$2'@example.com","password":"Bench-pass-9!"}'
  curl -fs -H 'content-type: application/json' -d "$account" "$1/api/identity/register" >/dev/null
  BENCH_TOKEN=$(curl -fs -H 'content-type: application/json' -d "$account" "$1/api/identity/login" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
  BENCH_API_KEY=$(curl -fs -H 'content-type: application/json' -H "authorization: Bearer $BENCH_TOKEN" -d '{"name":"bench"}' "$1/api/identity/api-keys" | sed 's/.*"secret":"\([^"]*\)".*/\1/')
}

bench_random_file() {
  python3 - "$1" "$2" "${3:-2}" <<'PY'
import random, sys
random.seed(int(sys.argv[3]))
with open(sys.argv[1], "wb") as f:
    for _ in range(int(sys.argv[2])):
        f.write(random.randbytes(1 << 20))
PY
}

bench_publish_cli() {
  echo "publishing the blueprint command (its own runtime, compiled ahead of time: some 3 minutes)" >&2
  dotnet publish src/Blueprint.Cli -c Release -o "$BENCH_WORK/cli" --nologo -v quiet >/dev/null
  BENCH_CLI=$BENCH_WORK/cli/blueprint
}

bench_storage_host() {
  dotnet build src/Blueprint.Host -c Release --nologo -v quiet >/dev/null
  bench_publish_cli
  BENCH_URL="http://127.0.0.1:$(engines_free_port)"
  Blueprint__DataDirectory="$BENCH_WORK/host" bench_start dotnet src/Blueprint.Host/bin/Release/net10.0/Blueprint.Host.dll --urls "$BENCH_URL" \
    --Blueprint:Modules identity,cloud-storage --Logging:LogLevel:Default Warning "$@" >"$BENCH_WORK/host.log" 2>&1
  bench_wait_for "$BENCH_URL/health/live"
}
