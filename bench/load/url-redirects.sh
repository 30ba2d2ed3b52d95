#!/usr/bin/env bash
# Redirects/s on a cache hit (seed 000 §8.2), side by side in one run with the same wrk settings:
#   bare     — Kestrel answering the same 302 from an in-memory dictionary (the peer),
#   embedded — Blueprint.Host on its embedded defaults (SQLite, in-process cache and messaging),
#   real     — Blueprint.Host on PostgreSQL + Redis + RabbitMQ (clicks go to the broker).
# Every redirect is also a click: the host publishes it; the peer does not.
# Needs wrk (apt-get install wrk); the real engines come from scripts/engines.sh.
#   DURATION=15s CONNECTIONS=32 bench/load/url-redirects.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
WARMUP=${WARMUP:-30s}
URL=https://www.example.com/a/long/path/to/redirect/to?with=a-query
source bench/load/common.sh
work=$BENCH_WORK

dotnet build src/Blueprint.Host -c Release --nologo -v quiet >/dev/null
dotnet build bench/Blueprint.Benchmarks -c Release --nologo -v quiet >/dev/null
engines_install >/dev/null
engines_start >/dev/null

# A host with the settings given; sets HOST_PORT and HOST_KEY, the short key of one link made there.
start_host() {
  local name=$1 port; shift
  port=$(engines_free_port)
  Blueprint__DataDirectory="$work/$name" Logging__LogLevel__Default=Warning \
    bench_start dotnet src/Blueprint.Host/bin/Release/net10.0/Blueprint.Host.dll --urls "http://127.0.0.1:$port" "$@" >"$work/$name.log" 2>&1
  bench_wait_for "http://127.0.0.1:$port/health/live"
  local account='{"email":"bench-'$name'@example.com","password":"Bench-pass-9!"}'
  curl -fs -H 'content-type: application/json' -d "$account" "http://127.0.0.1:$port/api/identity/register" >/dev/null
  local token key
  token=$(curl -fs -H 'content-type: application/json' -d "$account" "http://127.0.0.1:$port/api/identity/login" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
  key=$(curl -fs -H 'content-type: application/json' -H "authorization: Bearer $token" -d "{\"url\":\"$URL\"}" "http://127.0.0.1:$port/api/urls" | sed 's/.*"key":"\([^"]*\)".*/\1/')
  HOST_PORT=$port HOST_KEY=$key
}

start_host embedded
embedded_port=$HOST_PORT embedded_key=$HOST_KEY
start_host real \
  --ConnectionStrings:Postgres "$BLUEPRINT_TEST_POSTGRES" --ConnectionStrings:Redis "$BLUEPRINT_TEST_REDIS" --ConnectionStrings:RabbitMq "$BLUEPRINT_TEST_RABBITMQ"
real_port=$HOST_PORT real_key=$HOST_KEY
bare_port=$(engines_free_port)
bench_start dotnet bench/Blueprint.Benchmarks/bin/Release/net10.0/Blueprint.Benchmarks.dll bare-redirect "$bare_port" "$embedded_key" "$URL" >"$work/bare.log" 2>&1
for _ in $(seq 1 150); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$bare_port/$embedded_key")" = 302 ] && break; sleep 0.2; done

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, GET /{key} on a cache hit ($(nproc) cores, wrk on the same machine)"
echo
echo "| server | redirects/s | p50 | p99 | not 302 | ÷ bare |"
echo "|---|---:|---:|---:|---:|---:|"
baseline=""
for target in "bare $bare_port $embedded_key" "embedded $embedded_port $embedded_key" "real $real_port $real_key"; do
  read -r name port key <<<"$target"
  address="http://127.0.0.1:$port/$key"
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$address")" = 302 ] || { echo "$name: $address is not a 302" >&2; exit 1; }
  # Warm up at full load: on 2 busy cores the JIT takes some 30 s to tier the hot paths up.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$address" >/dev/null
  bench_wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$address" # wrk counts 3xx as fine
  [ -n "$baseline" ] || baseline=$WRK_RPS
  echo "| $name | $WRK_RPS | $WRK_P50 | $WRK_P99 | $WRK_BAD | $(bench_ratio "$WRK_RPS" "$baseline") |"
done
