#!/usr/bin/env bash
# Load-tests HTTP endpoints of a Release Blueprint host with wrk and prints a markdown table.
#   bench/load/http-load.sh                       # the default endpoints, 10 s each
#   DURATION=30s CONNECTIONS=128 bench/load/http-load.sh /health/live /api/capacity/presets
#   TARGET=http://127.0.0.1:5080 bench/load/http-load.sh /   # an already running host
# Needs wrk (apt-get install wrk). Bounded: each endpoint runs for DURATION only.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
endpoints=("$@")
[ ${#endpoints[@]} -gt 0 ] || endpoints=(/health/live /api/capacity/presets/url-shortener/estimate /api/dashboard)

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
source scripts/engines.sh

host_pid=""
data_dir=""
cleanup() {
  [ -n "$host_pid" ] && kill -TERM "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null || true
  [ -n "$data_dir" ] && rm -rf "$data_dir"
}
trap cleanup EXIT

if [ -z "${TARGET:-}" ]; then
  port=$(engines_free_port)
  data_dir=$(mktemp -d -t blueprint-load.XXXXXX)
  dotnet build src/Blueprint.Host -c Release --nologo -v quiet >/dev/null
  Blueprint__DataDirectory="$data_dir" Logging__LogLevel__Default=Warning \
    dotnet src/Blueprint.Host/bin/Release/net10.0/Blueprint.Host.dll --urls "http://127.0.0.1:$port" >"$data_dir/host.log" 2>&1 &
  host_pid=$!
  TARGET="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -fs "$TARGET/health/live" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -fs "$TARGET/health/live" >/dev/null || { echo "the host did not start; see $data_dir/host.log" >&2; exit 1; }
fi

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION against $TARGET ($(nproc) cores)"
echo
echo "| endpoint | requests/s | p50 | p99 | non-2xx |"
echo "|---|---:|---:|---:|---:|"
for path in "${endpoints[@]}"; do
  curl -fs "$TARGET$path" >/dev/null || echo "warning: $path does not answer 2xx" >&2
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$TARGET$path")
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
  echo "| \`$path\` | $rps | $p50 | $p99 | ${bad:-0} |"
done
