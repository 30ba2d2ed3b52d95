#!/usr/bin/env bash
# Throwaway PostgreSQL, Redis, RabbitMQ and S3 (s3rver) on loopback, with their data in one temp dir
# (engines_install also installs chromium, which the browser tests drive).
# Sourced by test.sh and bench/load scripts:
#   source scripts/engines.sh; engines_install; engines_start; ...; engines_stop
# engines_start exports BLUEPRINT_TEST_POSTGRES, BLUEPRINT_TEST_REDIS, BLUEPRINT_TEST_RABBITMQ and
# BLUEPRINT_TEST_S3; engines_stop stops exactly the processes it started, by PID.

ENGINES_DIR=""
ENGINE_PIDS=()
TOOLS_DIR="${BLUEPRINT_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/blueprint-tools}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"

engines_log() { printf '[engines] %s\n' "$*" >&2; }

engines_install() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || missing+=(postgresql)
  command -v npm >/dev/null || missing+=(nodejs npm)
  [ -x /usr/bin/chromium ] || missing+=(chromium) # for the browser tests (Playwright drives Debian's chromium)
  if [ ${#missing[@]} -gt 0 ]; then
    engines_log "installing ${missing[*]} from Debian"
    [ "$(id -u)" = 0 ] || { engines_log "need root to apt-get install ${missing[*]}"; return 1; }
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  fi
  if [ ! -x "$TOOLS_DIR/node_modules/.bin/s3rver" ]; then
    engines_log "installing s3rver from npm into $TOOLS_DIR"
    mkdir -p "$TOOLS_DIR"
    npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --loglevel=error s3rver@3.7.1 >/dev/null
  fi
}

# A free TCP port on loopback: try random ones until nothing answers.
engines_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( (RANDOM % 20000) + 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

engines_wait_port() { # port seconds name
  local deadline=$(( SECONDS + $2 ))
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { engines_log "$3 did not open port $1 within $2 s"; return 1; }
    sleep 0.2
  done
}

engines_as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

engines_start_postgres() {
  local port dir="$ENGINES_DIR/postgres"
  port=$(engines_free_port)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  engines_as_postgres "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$ENGINES_DIR/postgres-initdb.log" 2>&1
  engines_as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
  ENGINE_PIDS+=("$(head -n 1 "$dir/data/postmaster.pid")")
  export BLUEPRINT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  engines_log "PostgreSQL on 127.0.0.1:$port"
}

engines_start_redis() {
  local port dir="$ENGINES_DIR/redis"
  port=$(engines_free_port)
  mkdir -p "$dir"
  redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
  engines_wait_port "$port" 20 Redis
  for _ in $(seq 1 50); do [ -s "$dir/redis.pid" ] && break; sleep 0.1; done
  ENGINE_PIDS+=("$(cat "$dir/redis.pid")")
  export BLUEPRINT_TEST_REDIS="127.0.0.1:$port"
  engines_log "Redis on 127.0.0.1:$port"
}

engines_start_rabbitmq() {
  local port dist epmd dir="$ENGINES_DIR/rabbitmq"
  port=$(engines_free_port); dist=$(engines_free_port); epmd=$(engines_free_port)
  mkdir -p "$dir/mnesia" "$dir/log"
  echo '[].' >"$dir/enabled_plugins"
  printf 'listeners.tcp.1 = 127.0.0.1:%s\nloopback_users = none\n' "$port" >"$dir/rabbitmq.conf"
  # Our own epmd on its own port: it outlives the broker, so we stop it by PID at the end.
  export ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT="$epmd"
  epmd -address 127.0.0.1 -port "$epmd" >"$dir/epmd.log" 2>&1 &
  ENGINE_PIDS+=("$!")
  local node="blueprint-test-$$@localhost"
  RABBITMQ_NODENAME="$node" RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" \
    RABBITMQ_PID_FILE="$dir/rabbit.pid" RABBITMQ_CONFIG_FILE="$dir/rabbitmq" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_DIST_PORT="$dist" \
    HOME="$dir" /usr/lib/rabbitmq/bin/rabbitmq-server >"$dir/stdout.log" 2>&1 &
  ENGINE_PIDS+=("$!")
  engines_wait_port "$port" 120 RabbitMQ || { tail -n 20 "$dir/stdout.log" >&2; return 1; }
  [ -s "$dir/rabbit.pid" ] && ENGINE_PIDS+=("$(cat "$dir/rabbit.pid")") # the broker itself, stopped first
  export BLUEPRINT_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$port/"
  engines_log "RabbitMQ on 127.0.0.1:$port"
}

engines_start_s3() {
  local port dir="$ENGINES_DIR/s3"
  port=$(engines_free_port)
  mkdir -p "$dir"
  "$TOOLS_DIR/node_modules/.bin/s3rver" -d "$dir" -a 127.0.0.1 -p "$port" \
    --allow-mismatched-signatures --no-vhost-buckets >"$ENGINES_DIR/s3rver.log" 2>&1 &
  ENGINE_PIDS+=("$!")
  engines_wait_port "$port" 30 s3rver
  export BLUEPRINT_TEST_S3="http://127.0.0.1:$port"
  engines_log "S3 (s3rver) on 127.0.0.1:$port"
}

engines_start() {
  ENGINES_DIR=$(mktemp -d -t blueprint-engines.XXXXXX)
  chmod 755 "$ENGINES_DIR"
  engines_start_postgres && engines_start_redis && engines_start_rabbitmq && engines_start_s3
}

engines_stop() {
  local pid i
  for (( i=${#ENGINE_PIDS[@]}-1; i>=0; i-- )); do
    pid=${ENGINE_PIDS[$i]}
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${ENGINE_PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  ENGINE_PIDS=()
  [ -n "$ENGINES_DIR" ] && rm -rf "$ENGINES_DIR"
  ENGINES_DIR=""
}
