#!/usr/bin/env bash
# A 1 GiB upload end to end (issue 7) against its peer, side by side in one run on one machine:
#   ours: `blueprint sync --once` of a folder holding one 1 GiB file of random bytes — cut into
#         blocks, hashed, compared, streamed in one request, checked, sealed (zstd where a sample's
#         entropy says it may pay, AES-GCM) and packed into the blob store by a Blueprint host on
#         loopback, then committed;
#   peer: the same bytes written straight into the same blob store's directory (cp), timed on a
#         quiet disk and again right before our upload, in the state ours runs in.
#   SIZE_MB=1024 bench/load/upload-1gb.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MB=${SIZE_MB:-1024}
source bench/load/common.sh
work=$BENCH_WORK

bench_storage_host --CloudStorage:QuotaBytes 100000000000
bench_sign_up "$BENCH_URL" bench-warm
warm_key=$BENCH_API_KEY
bench_sign_up "$BENCH_URL" bench-upload
key=$BENCH_API_KEY

mkdir -p "$work/warm" "$work/folder"
python3 - "$work/folder/big.bin" "$SIZE_MB" <<'PY'
import random, sys
random.seed(2)
with open(sys.argv[1], "wb") as f:
    for _ in range(int(sys.argv[2])):
        f.write(random.randbytes(1 << 20))
PY
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
fresh=$(peer_cp fresh.bin)
cp "$work/folder/big.bin" "$work/warm/big.bin"
sync
cli() { dotnet src/Blueprint.Cli/bin/Release/net10.0/blueprint.dll sync "$1" --server "$BENCH_URL" --api-key "${2:-$key}" --device bench --once >/dev/null; }
# The same upload first by another account (its own namespace, so nothing is shared): the host's
# hot paths run often enough to be compiled at full speed, as on a host that has been up a while.
cli "$work/warm" "$warm_key"
peer=$(peer_cp beside.bin)

start=$(date +%s.%N)
cli "$work/folder"
ours=$(echo "$(date +%s.%N) - $start" | bc -l)

rate() { awk -v mb="$SIZE_MB" -v s="$1" 'BEGIN { printf "%.0f MiB/s", mb / s }'; }
echo "One ${SIZE_MB} MiB file of random bytes, the embedded engines (SQLite, files) on this machine ($(nproc) cores, client included)"
echo
echo "| upload | seconds | throughput | ÷ peer |"
echo "|---|---:|---:|---:|"
printf "| cp into the blob store's directory, on a quiet disk | %.2f | %s | — |\n" "$fresh" "$(rate "$fresh")"
printf "| cp into the blob store's directory, right before ours (the peer) | %.2f | %s | 1.00× |\n" "$peer" "$(rate "$peer")"
printf "| blueprint sync --once, end to end | %.2f | %s | %s (÷ quiet cp: %s) |\n" "$ours" "$(rate "$ours")" "$(bench_ratio "$peer" "$ours")" "$(bench_ratio "$fresh" "$ours")"
