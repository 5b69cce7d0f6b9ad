#!/usr/bin/env bash
# Runs the benchmarks of bench/ one after the other (outbreak_cube_bench, import_bench.sh, then
# api_bench.sh) and prints the figures beside DESIGN.md's targets. Builds nothing: see
# bench/README.md.
#
# Environment: UNITS (3000), DAYS (1000), SEED (1): the synthetic country; BUILD_DIR (build);
# STEP_TIMEOUT (900): seconds any one step may take; BENCHMARK_FLAGS: more flags for
# outbreak_cube_bench (e.g. --benchmark_filter=Sitrep); SKIP_API=1 skips api_bench.sh (the HTTP
# API against nginx, about 3 minutes), which also reads DURATION, ROUNDS, WRITE_SECONDS, CLERKS.
# The raw figures are kept in bench/data/last-run/ (cube_bench.json, import_results.txt,
# api_results.txt).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
build=${BUILD_DIR:-$root/build}
export UNITS=${UNITS:-3000} DAYS=${DAYS:-1000} SEED=${SEED:-1} BUILD_DIR=$build
step_timeout=${STEP_TIMEOUT:-900}
cube_bench=$build/bench/outbreak_cube_bench
out=$here/data/last-run
cube_json=$out/cube_bench.json
import_results=$out/import_results.txt
api_results=$out/api_results.txt

[[ -x $cube_bench ]] || {
  echo "run.sh: $cube_bench is missing: configure with -DOUTBREAK_BUILD_BENCHMARKS=ON and build" \
    "outbreak, outbreak_generate_country and outbreak_cube_bench (bench/README.md)" >&2
  exit 1
}
mkdir -p "$out"
rm -f "$cube_json" "$import_results" "$api_results"

echo "== machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)," \
  "$(free -g | awk '/^Mem:/ { print $2 }') GiB; $(date -u '+%Y-%m-%d %H:%M UTC')"
load=$(cut -d ' ' -f 1 /proc/loadavg)
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  echo "warning: load average $load: something else is running, the figures will be noisy" >&2
fi

echo "== outbreak_cube_bench ($UNITS units x $DAYS days)"
# BENCHMARK_FLAGS is split into words on purpose: it holds flags.
# shellcheck disable=SC2086
timeout "$step_timeout" "$cube_bench" --units="$UNITS" --days="$DAYS" --seed="$SEED" \
  --benchmark_out="$cube_json" --benchmark_out_format=json ${BENCHMARK_FLAGS:-}

echo
echo "== import_bench.sh"
RESULTS=$import_results STEP_TIMEOUT=$step_timeout "$here/import_bench.sh"

echo
api_failed=0
if [[ ${SKIP_API:-0} == 1 ]]; then
  echo "== api_bench.sh: skipped (SKIP_API=1)"
else
  missing=""
  for tool in wrk nginx curl jq ss; do
    command -v "$tool" >/dev/null || missing+=" $tool"
  done
  if [[ -n $missing ]]; then
    echo "== api_bench.sh: skipped, missing:$missing (apt-get install wrk nginx-light curl jq iproute2)"
  else
    echo "== api_bench.sh"
    RESULTS=$api_results STEP_TIMEOUT=$step_timeout "$here/api_bench.sh" || api_failed=1
  fi
fi

echo
echo "== against DESIGN.md's targets"
api_value() { if [[ -f $api_results ]]; then sed -n "s/^$1=//p" "$api_results"; fi; }
print_api_lines() {
  if [[ -n $(api_value ratio_read_vs_nginx) ]]; then
    printf '%-52s %12s  %s\n' "API GET /api/v1/sitrep / nginx, same bytes (req/s)" \
      "$(api_value ratio_read_vs_nginx)x" "target >= 1x"
  fi
  if [[ -n $(api_value check_zero_errors) ]]; then
    printf '%-52s %12s  %s\n' "API write load: zero errors / every report stored" \
      "$(api_value check_zero_errors) / $(api_value check_all_present)" \
      "$(api_value write_clerks) clerks, $(api_value write_rps) req/s"
  fi
  if ((api_failed)); then echo "api_bench.sh failed: see its report above" >&2; fi
}
if ! command -v jq >/dev/null; then
  echo "jq is missing: the ratios are in the two reports above (apt-get install jq)"
  print_api_lines
  exit "$api_failed"
fi
# A benchmark's figure from the JSON (names may carry a /min_time suffix); empty when filtered out.
bench_value() {
  jq -r --arg name "$1" --arg field "$2" \
    '[.benchmarks[] | select(.name == $name or (.name | startswith($name + "/min_time")))
      | .[$field]][0] // empty' "$cube_json"
}
import_value() { sed -n "s/^$1=//p" "$import_results"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b; else print "n/a" }'; }

into_cube=$(bench_value ImportIntoCube/parse_and_apply items_per_second)
sitrep_us=$(bench_value Sitrep/nation real_time)
json_us=$(bench_value SitrepJson/nation real_time)
fresh_us=$(bench_value CorrectionThenSitrep/first_day real_time)
duckdb_load=$(import_value duckdb_load_rows_per_s)
duckdb_query_ms=$(awk -v d="$(import_value duckdb_day_sums_ms)" \
  -v c="$(import_value duckdb_cumulative_sums_ms)" 'BEGIN { if (d != "") print d + c }')

printf '%-52s %12s  %s\n' "durable import / sqlite3 .import (rows/s)" \
  "$(import_value ratio_durable_vs_sqlite)x" "target >= 2x"
printf '%-52s %12s  %s\n' "into the cube (parse + apply) / DuckDB load (rows/s)" \
  "$(ratio "$into_cube" "$duckdb_load")x" "target >= 1x"
if [[ -n $sitrep_us && -n $duckdb_query_ms ]]; then
  printf '%-52s %12s  %s\n' "DuckDB day + cumulative sums / nation sitrep" \
    "$(ratio "$duckdb_query_ms" "$(awk -v us="$sitrep_us" 'BEGIN { print us / 1000 }')")x" \
    "target >= 20x"
  printf '%-52s %12s  %s\n' "... / nation sitrep with its JSON" \
    "$(ratio "$duckdb_query_ms" "$(awk -v a="$sitrep_us" -v b="$json_us" \
      'BEGIN { print (a + b) / 1000 }')")x" "(the API's work)"
fi
printf '%-52s %12s  %s\n' "fresh after a write: correction + nation sitrep" \
  "$(awk -v us="$fresh_us" 'BEGIN { if (us != "") printf "%.2f us", us; else print "n/a" }')" \
  "(a correction of the first day)"
print_api_lines
exit "$api_failed"
