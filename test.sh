#!/usr/bin/env bash
# Runs every test of Blueprint against real engines: installs what is missing (Debian packages, s3rver
# from npm), starts throwaway PostgreSQL, Redis, RabbitMQ and S3 on loopback, runs `dotnet test` on
# the whole solution, prints a table per test class and the totals, and stops the engines by PID
# (also on failure or Ctrl-C). Its last line is "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
source scripts/engines.sh

results=$(mktemp -d -t blueprint-results.XXXXXX)
cleanup() {
  local status=$?
  trap "" INT TERM # a second Ctrl-C must not cut the cleanup short and leak an engine
  trap - EXIT
  engines_stop
  rm -rf "$results"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

engines_install
engines_start

echo "[test] building"
dotnet build Blueprint.slnx -c Release -warnaserror --nologo -v quiet

echo "[test] running every test assembly"
set +e
dotnet test Blueprint.slnx -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true
test_status=$?
set -e

bash scripts/test-summary.sh "$results" "$test_status"
exit "$test_status"
