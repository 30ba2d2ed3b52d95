#!/usr/bin/env bash
# Reads the .trx files of a `dotnet test` run and prints passed/failed per test class (so each
# port's contract suite shows once per implementation), then the totals as its last line.
set -euo pipefail
dir=${1:?usage: test-summary.sh RESULTS_DIR [DOTNET_TEST_EXIT_STATUS]}
status=${2:-0}
shopt -s nullglob
files=("$dir"/*.trx)
if [ ${#files[@]} -eq 0 ]; then
  echo "no test results found"
  echo "0 passed, 1 failed"
  exit 0
fi

# One line per result: CLASS<TAB>OUTCOME. testName is Namespace.Class.Method(args...).
rows=$(grep -ho '<UnitTestResult [^>]*' "${files[@]}" \
  | sed -E 's/.*testName="([^"(]*)[^"]*".*outcome="([A-Za-z]+)".*/\1\t\2/' \
  | awk -F'\t' '
      { cls = $1; sub(/\.[^.]*$/, "", cls); sub(/^Blueprint\./, "", cls)
        if ($2 == "Passed") p[cls]++; else if ($2 != "NotExecuted") f[cls]++
        seen[cls] = 1 }
      END { for (c in seen) printf "%s\t%d\t%d\n", c, p[c], f[c] }' \
  | sort)

printf '%-70s %7s %7s\n' "test class" "passed" "failed"
printf '%s\n' "$rows" | awk -F'\t' '{ printf "%-70s %7d %7d\n", $1, $2, $3 }'
# A run that failed without a failed test (a crashed or hung test host) still counts as a failure.
printf '%s\n' "$rows" | awk -F'\t' -v status="$status" '
  { p += $2; f += $3 }
  END { if (status != 0 && f == 0) { print "(dotnet test exited with status " status " without a failed test: a test host crashed or hung)"; f = 1 }
        printf "%d passed, %d failed\n", p, f }'
