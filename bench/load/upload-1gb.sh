#!/usr/bin/env bash
# A 1 GiB upload end to end (issue 7) against its peer, side by side in one run on one machine:
#   ours: `blueprint sync --once` of a folder holding one 1 GiB file of random bytes — cut into
#         blocks, hashed, compared, streamed in one request, checked, sealed (zstd where a sample's
#         entropy says it may pay, AES-GCM) and packed into the blob store by a Blueprint host on
#         loopback, then committed;
#   peer: the same bytes written straight into the same blob store's directory (cp), timed on a
#         quiet disk and again right before our upload, in the state ours runs in; and, since the
#         blob store writes large objects around the page cache (O_DIRECT), dd with oflag=direct too.
# With ENGINES=real the host runs on PostgreSQL and S3 (s3rver on loopback, as the tests use them,
# started here and stopped at the end), and the peer is one PUT of the file into the same S3
# server (curl, signed), timed first and again right before our upload.
#   SIZE_MB=1024 [ENGINES=real] bench/load/upload-1gb.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MB=${SIZE_MB:-1024}
ENGINES=${ENGINES:-embedded}
source bench/load/common.sh
work=$BENCH_WORK

host_args=()
if [ "$ENGINES" = real ]; then
  engines_install
  ENGINES_DIR=$(mktemp -d -t blueprint-engines.XXXXXX)
  chmod 755 "$ENGINES_DIR"
  engines_start_postgres
  engines_start_s3
  host_args=(--ConnectionStrings:Postgres "$BLUEPRINT_TEST_POSTGRES"
    --Blobs:S3:ServiceUrl "$BLUEPRINT_TEST_S3" --Blobs:S3:AccessKey S3RVER --Blobs:S3:SecretKey S3RVER)
  s3() { curl -fsS --aws-sigv4 "aws:amz:us-east-1:s3" -u S3RVER:S3RVER -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "$@"; }
  s3 -X PUT "$BLUEPRINT_TEST_S3/peer" >/dev/null
fi
bench_storage_host --CloudStorage:QuotaBytes 100000000000 "${host_args[@]}"
bench_sign_up "$BENCH_URL" bench-warm
warm_key=$BENCH_API_KEY
bench_sign_up "$BENCH_URL" bench-warm-again
warm_again_key=$BENCH_API_KEY
bench_sign_up "$BENCH_URL" bench-upload
key=$BENCH_API_KEY

mkdir -p "$work/warm" "$work/folder"
bench_random_file "$work/folder/big.bin" "$SIZE_MB"
mkdir -p "$work/host/blobs/peer"
# cp into the blob store's directory, timed without the writeback that follows it (flushed by the
# untimed sync after it, so no step pays for another's dirty pages).
peer_cp() {
  sync
  local start
  start=$(date +%s.%N)
  cp "$work/folder/big.bin" "$work/host/blobs/peer/$1"
  echo "$(date +%s.%N) - $start" | bc -l
  sync
}
# On a quiet disk the page cache takes the whole file at memory speed; once gigabytes have been
# written the disk's writeback sets the pace. The peer is timed in both states: first, and again
# right before our upload, which runs in the second state.
# The same into S3: one signed PUT of the whole file, straight from the disk's page cache.
peer_put() {
  local start
  start=$(date +%s.%N)
  s3 -T "$work/folder/big.bin" "$BLUEPRINT_TEST_S3/peer/$1" >/dev/null
  echo "$(date +%s.%N) - $start" | bc -l
}
if [ "$ENGINES" = real ]; then peer_store=peer_put; else peer_store=peer_cp; fi
fresh=$($peer_store fresh.bin)
cp "$work/folder/big.bin" "$work/warm/big.bin"
sync
cli() { "$BENCH_CLI" sync "$1" --server "$BENCH_URL" --api-key "${2:-$key}" --device bench --once >/dev/null; }
# The host is warmed as a host that has been up a while is: the JIT promotes a method to optimized
# code after some 30 calls, so what runs once per request (the compare, the commit, authentication,
# Kestrel's per-request code) is promoted only after some 30 syncs, and what runs once per 32 MiB
# group after a gigabyte. Without this, the JIT took 12-13 % of the host's samples (perf) during the
# measured upload, with one or two gigabytes of warm-up before it. So: 40 small syncs, then the same
# gigabyte by two other accounts (each its own namespace, so nothing is shared).
mkdir -p "$work/small"
for i in $(seq 1 40); do
  head -c 200000 /dev/urandom > "$work/small/changing.bin"
  cli "$work/small" "$warm_key"
done
cli "$work/warm" "$warm_key"
cli "$work/warm" "$warm_again_key"
# And its download path, as a host that has served downloads has it compiled: the same gigabyte
# down twice (without this the host's JIT took 1.1 core-seconds of the measured download).
for i in 1 2; do
  mkdir -p "$work/warm-down"
  "$BENCH_CLI" sync "$work/warm-down" --server "$BENCH_URL" --api-key "$warm_key" --device "warm-down-$i" --once >/dev/null
  rm -rf "$work/warm-down"
done
peer=$($peer_store beside.bin)
sync
start=$(date +%s.%N)
dd if="$work/folder/big.bin" of="$work/host/blobs/peer/direct.bin" bs=4M oflag=direct status=none
direct=$(echo "$(date +%s.%N) - $start" | bc -l)
rm -f "$work/host/blobs/peer/direct.bin" "$work/host/blobs/peer/fresh.bin"

start=$(date +%s.%N)
cli "$work/folder"
ours=$(echo "$(date +%s.%N) - $start" | bc -l)

# And back down: a second device syncs the file into an empty folder, against reading the same
# bytes out of the blob store into a file; both from a cold page cache.
cold() { sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true; }
cold
start=$(date +%s.%N)
if [ "$ENGINES" = real ]; then s3 -o "$work/peer-down.bin" "$BLUEPRINT_TEST_S3/peer/beside.bin"; else cp "$work/host/blobs/peer/beside.bin" "$work/peer-down.bin"; fi
peer_down=$(echo "$(date +%s.%N) - $start" | bc -l)
rm -f "$work/peer-down.bin" "$work/host/blobs/peer/"*
mkdir -p "$work/down"
cold
start=$(date +%s.%N)
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f %M -o "$work/down-rss" "$BENCH_CLI" sync "$work/down" --server "$BENCH_URL" --api-key "$key" --device bench-down --once >/dev/null
else
  cli "$work/down"
fi
ours_down=$(echo "$(date +%s.%N) - $start" | bc -l)
down_rss=$( [ -s "$work/down-rss" ] && awk '{ printf "%.0f MiB", $1 / 1024 }' "$work/down-rss" || echo "not measured (apt-get install time)")
cmp "$work/folder/big.bin" "$work/down/big.bin"

rate() { awk -v mb="$SIZE_MB" -v s="$1" 'BEGIN { printf "%.0f MiB/s", mb / s }'; }
if [ "$ENGINES" = real ]; then
  echo "One ${SIZE_MB} MiB file of random bytes, PostgreSQL and S3 (s3rver) on loopback, on this machine ($(nproc) cores, client included)"
  peer_is="one PUT into the same S3 server (curl)"
  dd_is="dd oflag=direct into a local directory, for scale"
else
  echo "One ${SIZE_MB} MiB file of random bytes, the embedded engines (SQLite, files) on this machine ($(nproc) cores, client included)"
  peer_is="cp into the blob store's directory"
  dd_is="dd oflag=direct into the blob store's directory, as its large objects are written"
fi
echo
echo "| upload | seconds | throughput | ÷ peer |"
echo "|---|---:|---:|---:|"
printf "| %s, first | %.2f | %s | — |\n" "$peer_is" "$fresh" "$(rate "$fresh")"
printf "| %s, right before ours (the peer) | %.2f | %s | 1.00× |\n" "$peer_is" "$peer" "$(rate "$peer")"
printf "| %s | %.2f | %s | %s |\n" "$dd_is" "$direct" "$(rate "$direct")" "$(bench_ratio "$peer" "$direct")"
printf "| blueprint sync --once, end to end | %.2f | %s | %s (÷ first: %s; ÷ dd direct: %s) |\n" "$ours" "$(rate "$ours")" "$(bench_ratio "$peer" "$ours")" "$(bench_ratio "$fresh" "$ours")" "$(bench_ratio "$direct" "$ours")"
echo
echo "| download (cold page cache) | seconds | throughput | ÷ peer |"
echo "|---|---:|---:|---:|"
printf "| the same bytes read out of the blob store into a file (the peer) | %.2f | %s | 1.00× |\n" "$peer_down" "$(rate "$peer_down")"
printf "| blueprint sync --once into an empty folder, end to end | %.2f | %s | %s |\n" "$ours_down" "$(rate "$ours_down")" "$(bench_ratio "$peer_down" "$ours_down")"
echo
echo "The downloading client's peak memory (RSS): $down_rss"
