#!/usr/bin/env bash
# Two builds of the host side by side, one CLI, uploads of the same gigabyte alternating between
# them: a paired comparison, for changes smaller than this machine's run-to-run noise (±15 %).
# CLI_A/CLI_B (a blueprint.dll or a self-contained blueprint executable each; B defaults to this tree's, published) do the same for the client. Or one build under two runtime
# settings: HOST_ENV_A/HOST_ENV_B are passed to host a/b and CLI_ENV_A/CLI_ENV_B to the CLI
# uploading to a/b (as `env` takes them: "NAME=value NAME=value").
# Both hosts are warmed alike (40 small syncs, the gigabyte twice); each upload goes to a fresh
# account. Prints wall time and the CLI's and the host's CPU seconds per upload.
#   git worktree add /tmp/before <commit> && (cd /tmp/before && dotnet build src/Blueprint.Host -c Release)
#   HOST_A=/tmp/before/src/Blueprint.Host/bin/Release/net10.0/Blueprint.Host.dll [REPS=3] [SIZE_MB=1024] bench/load/upload-paired.sh
#   CLI_ENV_B="DOTNET_gcConcurrent=0" bench/load/upload-paired.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MB=${SIZE_MB:-1024}
HOST_B=${HOST_B:-src/Blueprint.Host/bin/Release/net10.0/Blueprint.Host.dll}
HOST_A=${HOST_A:-$HOST_B}
if [ "$HOST_A" = "$HOST_B" ] && [ "${CLI_A:-}" = "${CLI_B:-}" ] && [ "${HOST_ENV_A:-}${CLI_ENV_A:-}" = "${HOST_ENV_B:-}${CLI_ENV_B:-}" ]; then
  echo "nothing to compare: set HOST_A or CLI_A, or HOST_ENV_A/B or CLI_ENV_A/B apart" >&2
  exit 1
fi
declare -A host_env=([a]="${HOST_ENV_A:-}" [b]="${HOST_ENV_B:-}") cli_env=([a]="${CLI_ENV_A:-}" [b]="${CLI_ENV_B:-}")
source bench/load/common.sh
work=$BENCH_WORK
command -v /usr/bin/time >/dev/null || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }
dotnet build src/Blueprint.Host -c Release --nologo -v quiet >/dev/null
if [ -z "${CLI_B:-}" ]; then bench_publish_cli; CLI_B=$BENCH_CLI; fi
declare -A cli=([a]="${CLI_A:-$CLI_B}" [b]="$CLI_B")
declare -A url pid
for side in a b; do
  if [ $side = a ]; then dll=$HOST_A; else dll=$HOST_B; fi
  url[$side]="http://127.0.0.1:$(engines_free_port)"
  # shellcheck disable=SC2086 # the settings are words on purpose
  Blueprint__DataDirectory="$work/host-$side" bench_start env ${host_env[$side]} dotnet "$dll" --urls "${url[$side]}" --Blueprint:Modules identity,cloud-storage \
    --Logging:LogLevel:Default Warning --CloudStorage:QuotaBytes 100000000000 >"$work/host-$side.log" 2>&1
  pid[$side]=$BENCH_LAST_PID
  bench_wait_for "${url[$side]}/health/live"
done

mkdir -p "$work/source"
bench_random_file "$work/source/big.bin" "$SIZE_MB"
# A CLI is a blueprint.dll (run by dotnet) or a self-contained executable (run as it is).
launcher() { case "$1" in *.dll) echo dotnet ;; *) echo env ;; esac; }
# shellcheck disable=SC2086
sync_once() { env ${cli_env[$5]} "$(launcher "${cli[$5]}")" "${cli[$5]}" sync "$1" --server "$2" --api-key "$3" --device "$4" --once >/dev/null; }
for side in a b; do
  mkdir -p "$work/small-$side"
  bench_sign_up "${url[$side]}" warm-small; small_key=$BENCH_API_KEY
  for i in $(seq 1 40); do
    head -c 200000 /dev/urandom > "$work/small-$side/changing.bin"
    sync_once "$work/small-$side" "${url[$side]}" "$small_key" warm "$side"
  done
  for i in 1 2; do
    bench_sign_up "${url[$side]}" "warm-$i"
    mkdir -p "$work/warm"; cp "$work/source/big.bin" "$work/warm/"
    sync_once "$work/warm" "${url[$side]}" "$BENCH_API_KEY" warm "$side"
    rm -rf "$work/warm"
  done
done

echo "| host | wall | CLI CPU | host CPU |"
echo "|---|---:|---:|---:|"
n=0
for rep in $(seq 1 "${REPS:-3}"); do
  for side in a b; do
    n=$((n + 1))
    bench_sign_up "${url[$side]}" "upload-$n"
    mkdir -p "$work/up"; cp "$work/source/big.bin" "$work/up/"; sync
    before=$(awk '{ print $14 + $15 }' "/proc/${pid[$side]}/stat")
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    /usr/bin/time -o "$work/cli-time" -f "%U %S" env ${cli_env[$side]} "$(launcher "${cli[$side]}")" "${cli[$side]}" sync "$work/up" --server "${url[$side]}" --api-key "$BENCH_API_KEY" --device bench --once >/dev/null
    wall=$(echo "$(date +%s.%N) - $start" | bc -l)
    after=$(awk '{ print $14 + $15 }' "/proc/${pid[$side]}/stat")
    printf "| %s | %.2f s | %s s | %s s |\n" "$side" "$wall" "$(awk '{ printf "%.2f", $1 + $2 }' "$work/cli-time")" \
      "$(awk -v t="$(( after - before ))" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }')"
    rm -rf "$work/up"
  done
done
