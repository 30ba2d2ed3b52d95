#!/usr/bin/env bash
# Runs the BenchmarkDotNet suite with throwaway engines on loopback (the same ones test.sh uses).
#   bench/run-with-engines.sh --filter '*CachePort*'
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/engines.sh
trap engines_stop EXIT
engines_install
engines_start
export BLUEPRINT_BENCH_REDIS="$BLUEPRINT_TEST_REDIS"
export BLUEPRINT_BENCH_POSTGRES="$BLUEPRINT_TEST_POSTGRES"
dotnet run -c Release --project bench/Blueprint.Benchmarks -- "${@:---filter=*}"
