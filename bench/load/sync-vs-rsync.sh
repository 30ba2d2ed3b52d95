#!/usr/bin/env bash
# Bytes on the wire to re-sync an edited file (issue 7): `blueprint sync` against a Blueprint host
# on loopback, and the peer — rsync against an rsync daemon on loopback — side by side on the same
# file and the same edits: a small insertion in the middle, an append, a scattered rewrite. Each
# side first syncs the original; then each edit is made once and re-synced by both. Ours counts
# request and status lines, headers and bodies (`--stats`); rsync's own "Total bytes sent/received".
# Needs rsync (apt-get install rsync).
#   SIZE_MB=100 bench/load/sync-vs-rsync.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MB=${SIZE_MB:-100}
command -v rsync >/dev/null || { echo "rsync is missing: apt-get install rsync" >&2; exit 1; }
source bench/load/common.sh
work=$BENCH_WORK

bench_storage_host
bench_sign_up "$BENCH_URL" bench-sync
key=$BENCH_API_KEY

rsync_port=$(engines_free_port)
mkdir -p "$work/rsync-target"
cat >"$work/rsyncd.conf" <<CONF
port = $rsync_port
address = 127.0.0.1
use chroot = false
pid file = $work/rsyncd.pid
[bench]
path = $work/rsync-target
read only = false
uid = $(id -u)
gid = $(id -g)
CONF
bench_start rsync --daemon --no-detach --config="$work/rsyncd.conf"
sleep 1

folder=$work/folder
mkdir -p "$folder"
file=$folder/big.bin
bench_random_file "$file" "$SIZE_MB" 1

ours() { "$BENCH_CLI" sync "$folder" --server "$BENCH_URL" --api-key "$key" --device bench --once --stats | awk '/^wire:/ { print $2 + $5 }'; }
theirs() { rsync --stats --no-whole-file --ignore-times "$file" "rsync://127.0.0.1:$rsync_port/bench/" | tr -d ',' | awk '/^Total bytes sent:/ { s = $4 } /^Total bytes received:/ { r = $4 } END { print s + r }'; }
edit() {
  python3 - "$file" "$1" <<'PY'
import os, random, sys
path, kind = sys.argv[1], sys.argv[2]
random.seed(kind)
data = bytearray(open(path, "rb").read())
if kind == "insert":
    middle = len(data) // 2
    data[middle:middle] = random.randbytes(100)
elif kind == "append":
    data += random.randbytes(1 << 20)
else:
    for _ in range(100):
        at = random.randrange(len(data) - 4096)
        data[at:at + 4096] = random.randbytes(4096)
open(path, "wb").write(data)
PY
}

base_ours=$(ours)
base_theirs=$(theirs)
rows=()
for kind in insert append scatter; do
  edit "$kind"
  rows+=("$kind $(ours) $(theirs)")
done

echo "One ${SIZE_MB} MiB file of random bytes on loopback ($(nproc) cores); bytes on the wire both ways to re-sync each edit"
echo
echo "| edit | blueprint sync | rsync (the peer) | ÷ rsync |"
echo "|---|---:|---:|---:|"
echo "| the first sync (whole file) | $base_ours | $base_theirs | $(bench_ratio "$base_ours" "$base_theirs") |"
for row in "${rows[@]}"; do
  read -r kind a b <<<"$row"
  case $kind in
    insert) label="100 bytes inserted in the middle" ;;
    append) label="1 MiB appended" ;;
    *) label="100 × 4 KiB rewritten at random offsets" ;;
  esac
  echo "| $label | $a | $b | $(bench_ratio "$a" "$b") |"
done
