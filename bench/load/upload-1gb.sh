#!/usr/bin/env bash
# A 1 GiB upload end to end (issue 7) against its peer, side by side in one run on one machine:
#   ours: `blueprint sync --once` of a folder holding one 1 GiB file of random bytes — cut into
#         blocks, hashed, compared, sent in batches, checked, sealed (zstd tried, AES-GCM) and
#         stored in the blob store by a Blueprint host on loopback, then committed;
#   peer: the same bytes written straight into the same blob store's directory (cp).
#   SIZE_MB=1024 bench/load/upload-1gb.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MB=${SIZE_MB:-1024}
source bench/load/common.sh
work=$BENCH_WORK

dotnet build src/Blueprint.Host -c Release --nologo -v quiet >/dev/null
dotnet build src/Blueprint.Cli -c Release --nologo -v quiet >/dev/null
port=$(engines_free_port)
Blueprint__DataDirectory="$work/host" bench_start dotnet src/Blueprint.Host/bin/Release/net10.0/Blueprint.Host.dll --urls "http://127.0.0.1:$port" \
  --Blueprint:Modules identity,cloud-storage --CloudStorage:QuotaBytes 100000000000 --Logging:LogLevel:Default Warning >"$work/host.log" 2>&1
bench_wait_for "http://127.0.0.1:$port/health/live"
bench_sign_up "http://127.0.0.1:$port" bench-upload
key=$BENCH_API_KEY

mkdir -p "$work/warm" "$work/folder"
head -c $((8 << 20)) /dev/urandom >"$work/warm/warm.bin"
python3 - "$work/folder/big.bin" "$SIZE_MB" <<'PY'
import random, sys
random.seed(2)
with open(sys.argv[1], "wb") as f:
    for _ in range(int(sys.argv[2])):
        f.write(random.randbytes(1 << 20))
PY
sync
cli() { dotnet src/Blueprint.Cli/bin/Release/net10.0/blueprint.dll sync "$1" --server "http://127.0.0.1:$port" --api-key "$key" --device bench --once >/dev/null; }
cli "$work/warm" # JIT and connections warm, as on a host that has been up a while

start=$(date +%s.%N)
cli "$work/folder"
ours=$(echo "$(date +%s.%N) - $start" | bc -l)

mkdir -p "$work/host/blobs/peer"
start=$(date +%s.%N)
cp "$work/folder/big.bin" "$work/host/blobs/peer/big.bin"
peer=$(echo "$(date +%s.%N) - $start" | bc -l)

rate() { awk -v mb="$SIZE_MB" -v s="$1" 'BEGIN { printf "%.0f MiB/s", mb / s }'; }
echo "One ${SIZE_MB} MiB file of random bytes, the embedded engines (SQLite, files) on this machine ($(nproc) cores, client included)"
echo
echo "| upload | seconds | throughput | ÷ peer |"
echo "|---|---:|---:|---:|"
printf "| cp into the blob store's directory (the peer) | %.2f | %s | 1.00× |\n" "$peer" "$(rate "$peer")"
printf "| blueprint sync --once, end to end | %.2f | %s | %s |\n" "$ours" "$(rate "$ours")" "$(bench_ratio "$peer" "$ours")"
