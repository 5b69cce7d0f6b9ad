#!/usr/bin/env bash
# The import benchmark: one reports.csv of a synthetic country, loaded in one run by
#   (a) the sqlite3 shell's .import into a (region, date)-keyed table (the peer of the durable
#       import), and the same table's answers to the situation report's aggregates;
#   (b) outbreak: `import regions`, then the timed `import reports` (durable in SQLite, then into
#       the cube), then a situation report from a cold start (which reloads every report);
#   (c) DuckDB in memory (npm @duckdb/node-api, when node and npm are here): read_csv, then a
#       day's per-province sums and the cumulative sums to that day (the situation report's peer).
# Prints rows/s for each and the ratios against DESIGN.md's targets.
#
# Environment: UNITS (3000), DAYS (1000), SEED (1): the country, generated into bench/data/ when
# absent; BUILD_DIR (build): where the binaries are; STEP_TIMEOUT (900): seconds any one step
# may take; RESULTS: a file to write the figures to as key=value lines (bench/run.sh reads it).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
build=${BUILD_DIR:-$root/build}
units=${UNITS:-3000}
days=${DAYS:-1000}
seed=${SEED:-1}
step_timeout=${STEP_TIMEOUT:-900}
results=${RESULTS:-}

generator=$build/bench/outbreak_generate_country
outbreak=$build/src/cli/outbreak

die() {
  echo "import_bench: $*" >&2
  exit 1
}
now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
per_second() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print 0 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
record() {
  if [[ -n $results ]]; then echo "$1=$2" >>"$results"; fi
}
# Runs a step with the time limit; its output goes to a log that is shown if it fails.
step() {
  local log=$1
  shift
  if ! timeout "$step_timeout" "$@" >"$log" 2>&1; then
    cat "$log" >&2
    die "failed or timed out after ${step_timeout}s: $*"
  fi
}

[[ $units =~ ^[0-9]+$ && $days =~ ^[0-9]+$ && $units -ge 1 && $days -ge 2 ]] ||
  die "UNITS must be >= 1 and DAYS >= 2 (got UNITS=$units DAYS=$days)"
for binary in "$generator" "$outbreak"; do
  [[ -x $binary ]] || die "$binary is missing: configure with -DOUTBREAK_BUILD_BENCHMARKS=ON and" \
    "build outbreak and outbreak_generate_country"
done
command -v sqlite3 >/dev/null || die "the sqlite3 shell is missing (apt-get install sqlite3)"
if [[ -n $results ]]; then : >"$results"; fi

data=$here/data/country-${units}x${days}-s${seed}
csv=$data/reports.csv
if [[ ! -s $csv || ! -s $data/regions.csv ]]; then
  echo "generating $units units x $days days into ${data#"$root"/} ..."
  mkdir -p "$here/data"
  step "$here/data/generate.log" "$generator" --units "$units" --days "$days" --seed "$seed" \
    --out "$data"
fi
rows=$(($(wc -l <"$csv") - 1))
megabytes=$(awk -v b="$(stat -c %s "$csv")" 'BEGIN { printf "%.1f", b / 1e6 }')
as_of=$(date -u -d "2020-01-01 + $((days / 2)) days" +%F)
echo "data: ${csv#"$root"/}: $rows rows, $megabytes MB; situation report as of $as_of"
record rows "$rows"
record as_of "$as_of"

work=$(mktemp -d "$here/data/run.XXXXXX")
trap 'rm -rf "$work"' EXIT

# (a) The sqlite3 shell, into a fresh database with the peer's table.
sqlite3 "$work/peer.db" "CREATE TABLE reports(region TEXT, date TEXT, new_fever INTEGER,
  new_recovered INTEGER, new_deaths INTEGER, under_treatment INTEGER, tested INTEGER,
  positive INTEGER, PRIMARY KEY (region, date))"
started=$(now)
step "$work/sqlite-import.log" sqlite3 "$work/peer.db" ".import --csv --skip 1 \"$csv\" reports"
sqlite_s=$(seconds_since "$started")
sqlite_rows=$(sqlite3 "$work/peer.db" "SELECT count(*) FROM reports")
[[ $sqlite_rows == "$rows" ]] || die "sqlite3 .import loaded $sqlite_rows rows, not $rows"
sqlite_rate=$(per_second "$rows" "$sqlite_s")
# The same aggregates as DuckDB's below, timed by the shell itself (.timer).
sqlite_query_ms() {
  printf '.timer on\n%s;\n' "$1" | timeout "$step_timeout" sqlite3 "$work/peer.db" |
    awk '/^Run Time: real/ { printf "%.1f", $4 * 1000 }'
}
sqlite_day_ms=$(sqlite_query_ms "SELECT substr(region, 1, 5) AS province, sum(new_fever),
  sum(new_recovered), sum(new_deaths), sum(under_treatment), sum(tested), sum(positive), count(*)
  FROM reports WHERE date = '$as_of' GROUP BY province ORDER BY province")
sqlite_cumulative_ms=$(sqlite_query_ms "SELECT substr(region, 1, 5) AS province, sum(new_fever),
  sum(new_recovered), sum(new_deaths), sum(tested), sum(positive)
  FROM reports WHERE date <= '$as_of' GROUP BY province ORDER BY province")
rm -f "$work/peer.db"
record sqlite_import_s "$sqlite_s"
record sqlite_import_rows_per_s "$sqlite_rate"
record sqlite_day_sums_ms "$sqlite_day_ms"
record sqlite_cumulative_sums_ms "$sqlite_cumulative_ms"

# (b) outbreak: regions first (not timed), then the reports, durable and into the cube.
db=$work/outbreak.db
step "$work/regions.log" "$outbreak" --db "$db" import regions "$data/regions.csv"
started=$(now)
step "$work/reports.log" "$outbreak" --db "$db" import reports "$csv"
outbreak_s=$(seconds_since "$started")
outbreak_rate=$(per_second "$rows" "$outbreak_s")
outbreak_summary=$(tail -n 1 "$work/reports.log")
# A cold start answers from the store: every report is loaded into a new cube first.
started=$(now)
step "$work/sitrep.json" "$outbreak" --db "$db" sitrep --as-of "$as_of" --format json
cold_sitrep_s=$(seconds_since "$started")
# The region's own figures come before its children's.
outbreak_cum_fever=$(sed -e 's/"children":.*//' -e 's/.*"cumulative":{"fever":\([0-9]*\).*/\1/' \
  "$work/sitrep.json")
record outbreak_import_s "$outbreak_s"
record outbreak_import_rows_per_s "$outbreak_rate"
record outbreak_cold_sitrep_s "$cold_sitrep_s"

# (c) DuckDB in memory.
duckdb_rate=""
if command -v node >/dev/null && command -v npm >/dev/null; then
  if [[ ! -d $here/duckdb/node_modules/@duckdb/node-api ]]; then
    echo "installing @duckdb/node-api into bench/duckdb/node_modules ..."
    (cd "$here/duckdb" && timeout "$step_timeout" npm ci --no-audit --no-fund --loglevel=error) ||
      echo "npm ci failed: DuckDB skipped" >&2
  fi
  if [[ -d $here/duckdb/node_modules/@duckdb/node-api ]]; then
    step "$work/duckdb.log" node "$here/duckdb/duckdb_bench.mjs" --csv "$csv" --date "$as_of"
    duckdb_value() { sed -n "s/^$1=//p" "$work/duckdb.log"; }
    [[ $(duckdb_value duckdb_rows) == "$rows" ]] || die "DuckDB loaded $(duckdb_value duckdb_rows) rows"
    duckdb_load_ms=$(duckdb_value duckdb_load_ms)
    duckdb_rate=$(per_second "$rows" "$(awk -v ms="$duckdb_load_ms" 'BEGIN { print ms / 1000 }')")
    duckdb_day_ms=$(duckdb_value duckdb_day_sums_ms)
    duckdb_cumulative_ms=$(duckdb_value duckdb_cumulative_sums_ms)
    duckdb_cum_fever=$(duckdb_value duckdb_nation_cum_fever)
    record duckdb_version "$(duckdb_value duckdb_version)"
    record duckdb_threads "$(duckdb_value duckdb_threads)"
    record duckdb_load_ms "$duckdb_load_ms"
    record duckdb_load_rows_per_s "$duckdb_rate"
    record duckdb_day_sums_ms "$duckdb_day_ms"
    record duckdb_cumulative_sums_ms "$duckdb_cumulative_ms"
  fi
else
  echo "node or npm is missing: DuckDB skipped" >&2
fi

echo
printf '%-44s %10s %14s\n' "import of $rows rows" "seconds" "rows/s"
printf '%-44s %10s %14s\n' "sqlite3 .import (durable)" "$sqlite_s" "$sqlite_rate"
printf '%-44s %10s %14s\n' "outbreak import reports (durable + cube)" "$outbreak_s" "$outbreak_rate"
if [[ -n $duckdb_rate ]]; then
  printf '%-44s %10s %14s\n' "DuckDB read_csv (in memory, ${duckdb_load_ms} ms)" \
    "$(awk -v ms="$duckdb_load_ms" 'BEGIN { printf "%.3f", ms / 1000 }')" "$duckdb_rate"
fi
echo "outbreak said: $outbreak_summary"
echo
printf '%-44s %10s %14s\n' "situation report aggregates as of $as_of" "day ms" "cumulative ms"
printf '%-44s %10s %14s\n' "sqlite3 (peer table, full scans)" "$sqlite_day_ms" "$sqlite_cumulative_ms"
if [[ -n $duckdb_rate ]]; then
  printf '%-44s %10s %14s\n' "DuckDB (median of 7)" "$duckdb_day_ms" "$duckdb_cumulative_ms"
fi
echo "outbreak sitrep from a cold start (reload + report): ${cold_sitrep_s} s"
if [[ -n $duckdb_rate ]]; then
  if [[ $outbreak_cum_fever == "$duckdb_cum_fever" ]]; then
    echo "cross-check: cumulative fever cases as of $as_of agree ($outbreak_cum_fever)"
  else
    die "cross-check: cumulative fever cases differ: outbreak $outbreak_cum_fever, DuckDB $duckdb_cum_fever"
  fi
fi
echo
durable_ratio=$(ratio "$outbreak_rate" "$sqlite_rate")
record ratio_durable_vs_sqlite "$durable_ratio"
echo "outbreak durable / sqlite3 .import:  ${durable_ratio}x  (target >= 2x)"
if [[ -n $duckdb_rate ]]; then
  load_ratio=$(ratio "$outbreak_rate" "$duckdb_rate")
  record ratio_durable_vs_duckdb_load "$load_ratio"
  echo "outbreak durable / DuckDB load:      ${load_ratio}x  (informative; the into-cube target" \
    "is checked by bench/run.sh against outbreak_cube_bench)"
fi
