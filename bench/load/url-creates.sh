#!/usr/bin/env bash
# Creates/s per key design on PostgreSQL (seed 000 §8.2, 003 §8), side by side in one run with the
# same connections: each design through the whole API (POST /api/urls, signed in: HTTP, JSON,
# validation, the same-URL check, the key, the insert), and the peer — pgbench inserting the same
# row straight into a copy of the links table. Needs wrk (apt-get install wrk) and PostgreSQL's pgbench.
#   DURATION=15s CONNECTIONS=64 bench/load/url-creates.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
WARMUP=${WARMUP:-30s}
source bench/load/common.sh
work=$BENCH_WORK

dotnet build src/Blueprint.Host -c Release --nologo -v quiet >/dev/null
engines_install >/dev/null
engines_start >/dev/null
pg_port=$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$BLUEPRINT_TEST_POSTGRES")
psql() { engines_as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -q "$@"; }

seconds=${DURATION%s}
rows=()
for design in unique-id key-ranges hash; do
  port=$(engines_free_port)
  Blueprint__DataDirectory="$work/$design" bench_start dotnet src/Blueprint.Host/bin/Release/net10.0/Blueprint.Host.dll --urls "http://127.0.0.1:$port" \
    --ConnectionStrings:Postgres "$BLUEPRINT_TEST_POSTGRES" --UrlShortener:KeyDesign "$design" --Logging:LogLevel:Default Warning >"$work/$design.log" 2>&1
  host=$BENCH_LAST_PID
  bench_wait_for "http://127.0.0.1:$port/health/live"
  account='{"email":"bench-'$design'@example.com","password":"Bench-pass-9!"}'
  curl -fs -H 'content-type: application/json' -d "$account" "http://127.0.0.1:$port/api/identity/register" >/dev/null
  TOKEN=$(curl -fs -H 'content-type: application/json' -d "$account" "http://127.0.0.1:$port/api/identity/login" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
  export TOKEN
  # Warm up at full load: on 2 busy cores the JIT takes some 30 s to tier the hot paths up.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/load/url-creates.lua "http://127.0.0.1:$port" >/dev/null
  bench_wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s bench/load/url-creates.lua "http://127.0.0.1:$port"
  kill -TERM "$host"; wait "$host" 2>/dev/null || true
  rows+=("$design $WRK_RPS $WRK_P50 $WRK_P99 $WRK_BAD")
done

# The peer last, when the hosts have made the schema: rows of the links table's shape, indexes included.
psql -c "CREATE TABLE bench_links (LIKE urls.links INCLUDING ALL)"
cp bench/load/url-creates.sql "$work/insert.sql"
chmod 644 "$work/insert.sql"
engines_as_postgres "$PG_BIN/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -c "$CONNECTIONS" -j "$THREADS" -T 5 -f "$work/insert.sql" postgres >/dev/null 2>&1 # warm up
out=$(engines_as_postgres "$PG_BIN/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -c "$CONNECTIONS" -j "$THREADS" -T "$seconds" -f "$work/insert.sql" postgres 2>&1)
peer=$(awk '/^tps = / { printf "%.0f", $3 }' <<<"$out")
latency=$(awk '/latency average/ { print $4 " ms" }' <<<"$out")

echo "$CONNECTIONS connections for $DURATION each, one PostgreSQL 15 on this machine ($(nproc) cores, load generator included)"
echo
echo "| creates through | creates/s | p50 | p99 | failed | ÷ pgbench insert |"
echo "|---|---:|---:|---:|---:|---:|"
echo "| pgbench INSERT (the peer) | $peer | avg $latency | | 0 | 1.00× |"
for row in "${rows[@]}"; do
  read -r design rps p50 p99 bad <<<"$row"
  echo "| the API, $design | $rps | $p50 | $p99 | $bad | $(bench_ratio "$rps" "$peer") |"
done
