#!/usr/bin/env bash
# What the rate limiter costs in the gateway (seed 003 §4): requests/s through Blueprint.Gateway in
# front of one host, side by side in one run — no rules, rules with in-process counters, and rules
# with counters in Redis. The rules admit everything (a limit nobody reaches), so every figure is
# the price of deciding, not of refusing. Needs wrk (apt-get install wrk) and redis-server.
#   DURATION=15s CONNECTIONS=64 bench/load/ratelimit-gateway.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
PATH_UNDER_TEST=${PATH_UNDER_TEST:-/api/hashing/locate?key=user-42}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
source scripts/engines.sh

pids=()
work=$(mktemp -d -t blueprint-ratelimit-load.XXXXXX)
cleanup() {
  trap '' INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  engines_stop
  rm -rf "$work"
}
trap cleanup EXIT

wait_for() { for _ in $(seq 1 150); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "$1 did not answer" >&2; exit 1; }

dotnet build src/Blueprint.Host -c Release --nologo -v quiet >/dev/null
dotnet build src/Blueprint.Gateway -c Release --nologo -v quiet >/dev/null
ENGINES_DIR=$(mktemp -d -t blueprint-engines.XXXXXX)
engines_start_redis

cat >"$work/rules.yaml" <<'RULES'
domain: load
descriptors:
  - key: client_ip
    rate_limit: { name: per-ip, unit: second, requests_per_unit: 100000000, algorithm: token-bucket }
  - key: path
    rate_limit: { name: per-path, unit: minute, requests_per_unit: 1000000000, algorithm: sliding-window }
RULES

host_port=$(engines_free_port)
Blueprint__DataDirectory="$work/host" Logging__LogLevel__Default=Warning \
  dotnet src/Blueprint.Host/bin/Release/net10.0/Blueprint.Host.dll --urls "http://127.0.0.1:$host_port" >"$work/host.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$host_port/health/live"

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, GET $PATH_UNDER_TEST through the gateway to one host ($(nproc) cores)"
echo
echo "| gateway | requests/s | p50 | p99 | non-2xx | ÷ no rules |"
echo "|---|---:|---:|---:|---:|---:|"
baseline=""
for mode in none in-process redis; do
  port=$(engines_free_port)
  args=(--urls "http://127.0.0.1:$port" --backends "http://127.0.0.1:$host_port" --Logging:LogLevel:Default Warning)
  case $mode in
    in-process) args+=(--RateLimiting:Rules "$work/rules.yaml" --RateLimiting:Store in-process) ;;
    redis) args+=(--RateLimiting:Rules "$work/rules.yaml" --RateLimiting:Redis "$BLUEPRINT_TEST_REDIS") ;;
  esac
  dotnet src/Blueprint.Gateway/bin/Release/net10.0/Blueprint.Gateway.dll "${args[@]}" >"$work/gateway-$mode.log" 2>&1 &
  gateway=$!
  pids+=($gateway)
  wait_for "http://127.0.0.1:$port/gateway/health"
  wrk -t1 -c4 -d2s "http://127.0.0.1:$port$PATH_UNDER_TEST" >/dev/null # warm up
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$port$PATH_UNDER_TEST")
  kill -TERM "$gateway"; wait "$gateway" 2>/dev/null || true
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
  [ -n "$baseline" ] || baseline=$rps
  ratio=$(awk -v a="$rps" -v b="$baseline" 'BEGIN { printf "%.2f×", a / b }')
  echo "| $mode | $rps | $p50 | $p99 | ${bad:-0} | $ratio |"
done
