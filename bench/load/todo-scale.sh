#!/usr/bin/env bash
# Todo reads/s through the gateway with 1 host and with 3 hosts (seed 000 §8.1 scaled out), side by
# side in one run: for each size it starts scripts/todo-cluster.sh, signs a user up, fills a list
# with 10 items, and runs wrk against GET /api/todo/lists/{id} with the user's token.
#   DURATION=15s CONNECTIONS=64 bench/load/todo-scale.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-15s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
SIZES=${SIZES:-"1 3"}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

json() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }
cluster_pid=""
stop_cluster() {
  if [ -n "$cluster_pid" ]; then kill -TERM "$cluster_pid" 2>/dev/null || true; wait "$cluster_pid" 2>/dev/null || true; fi
  cluster_pid=""
}
trap stop_cluster EXIT

results=()
for hosts in $SIZES; do
  ready=$(mktemp -u -t blueprint-ready.XXXXXX)
  port=$((20000 + RANDOM % 10000))
  HOSTS=$hosts GATEWAY_PORT=$port CLUSTER_READY_FILE=$ready scripts/todo-cluster.sh >/dev/null 2>&1 &
  cluster_pid=$!
  for _ in $(seq 1 180); do [ -f "$ready" ] && break; sleep 1; done
  [ -f "$ready" ] || { echo "the cluster with $hosts host(s) did not start" >&2; exit 1; }
  g="http://127.0.0.1:$port"
  email="load-$RANDOM$RANDOM@example.com"
  curl -fs -X POST "$g/api/identity/register" -H 'content-type: application/json' -d "{\"email\":\"$email\",\"password\":\"Correct-horse-9\"}" >/dev/null
  token=$(curl -fs -X POST "$g/api/identity/login" -H 'content-type: application/json' -d "{\"email\":\"$email\",\"password\":\"Correct-horse-9\"}" | json accessToken)
  list=$(curl -fs -X POST "$g/api/todo/lists" -H "authorization: Bearer $token" -H 'content-type: application/json' -d '{"title":"load"}' | json id)
  for i in $(seq 1 10); do
    curl -fs -X POST "$g/api/todo/lists/$list/items" -H "authorization: Bearer $token" -H 'content-type: application/json' -d "{\"title\":\"item $i\"}" >/dev/null
  done
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $token" "$g/api/todo/lists/$list")
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
  results+=("| $hosts | $rps | $p50 | $p99 | ${bad:-0} |")
  stop_cluster
  rm -f "$ready"
done

echo "GET /api/todo/lists/{id} (10 items) through the gateway, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $(nproc) cores shared by wrk, gateway, hosts and PostgreSQL"
echo
echo "| hosts | requests/s | p50 | p99 | non-2xx |"
echo "|---:|---:|---:|---:|---:|"
printf '%s\n' "${results[@]}"
