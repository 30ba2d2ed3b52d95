#!/usr/bin/env bash
# The todo app as seed 000 §8.1 draws it, on loopback: web app -> load balancer (Blueprint.Gateway)
# -> 3 Blueprint hosts -> PostgreSQL, where the user service and the todo service each have their
# own schema (a database per service). Ctrl-C stops everything it started, by PID.
#   scripts/todo-cluster.sh                 # gateway on http://127.0.0.1:5000, 3 hosts
#   HOSTS=1 GATEWAY_PORT=5100 POLICY=LeastRequests scripts/todo-cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/engines.sh

HOSTS=${HOSTS:-3}
GATEWAY_PORT=${GATEWAY_PORT:-5000}
POLICY=${POLICY:-RoundRobin}
pids=()
stop_all() {
  trap "" INT TERM # a second Ctrl-C must not cut the cleanup short and leak an engine
  trap - EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  engines_stop
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ENGINES_DIR=$(mktemp -d -t blueprint-cluster.XXXXXX)
chmod 755 "$ENGINES_DIR"
engines_start_postgres
dotnet build src/Blueprint.Host -c Release --nologo -v quiet >/dev/null
dotnet build src/Blueprint.Gateway -c Release --nologo -v quiet >/dev/null

backends=()
for i in $(seq 1 "$HOSTS"); do
  port=$(engines_free_port)
  dotnet src/Blueprint.Host/bin/Release/net10.0/Blueprint.Host.dll --urls "http://127.0.0.1:$port" \
    --ConnectionStrings:Postgres "$BLUEPRINT_TEST_POSTGRES" --Blueprint:DataDirectory "$ENGINES_DIR/host-$i" \
    --Logging:LogLevel:Default Warning >"$ENGINES_DIR/host-$i.log" 2>&1 &
  pids+=("$!")
  echo "$!" >"$ENGINES_DIR/host-$i.pid"
  backends+=("http://127.0.0.1:$port")
  echo "host-$i: http://127.0.0.1:$port (pid $!, log $ENGINES_DIR/host-$i.log)"
done
for url in "${backends[@]}"; do
  for _ in $(seq 1 150); do curl -fs "$url/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
done

dotnet src/Blueprint.Gateway/bin/Release/net10.0/Blueprint.Gateway.dll --urls "http://127.0.0.1:$GATEWAY_PORT" \
  --backends "$(IFS=,; echo "${backends[*]}")" --Gateway:LoadBalancing "$POLICY" >"$ENGINES_DIR/gateway.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$GATEWAY_PORT/gateway/health" >/dev/null 2>&1 && break; sleep 0.2; done

echo
echo "todo app:        http://127.0.0.1:$GATEWAY_PORT/todo"
echo "gateway status:  http://127.0.0.1:$GATEWAY_PORT/gateway/status"
echo "PostgreSQL:      $BLUEPRINT_TEST_POSTGRES (schemas identity and todo)"
echo "kill -9 a host:  kill -9 \$(cat $ENGINES_DIR/host-1.pid)"
echo "Ctrl-C stops everything."
if [ -n "${CLUSTER_READY_FILE:-}" ]; then echo "$ENGINES_DIR" >"$CLUSTER_READY_FILE"; fi
wait "${pids[@]}"
