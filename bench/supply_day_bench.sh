#!/usr/bin/env bash
# The supply officers' day on the demo, step by step through the command line, each timed: the
# national distribution plan of 20 May, its adoption, every shipment approved in one step, the
# first day's shipments dispatched and received in one step each, the plan of 21 May and its
# adoption (which supersedes the first). Prints seconds per step and the shipments each touched.
#
# Environment: BUILD_DIR (build); HORIZON (14); RESULTS: a file to append the figures to as
# key=value lines.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
build=${BUILD_DIR:-$root/build}
horizon=${HORIZON:-14}
results=${RESULTS:-}
outbreak=$build/src/cli/outbreak

work=$(mktemp -d /tmp/outbreak-supply-day.XXXXXX)
trap 'rm -rf "$work"' EXIT
record() { if [[ -n $results ]]; then echo "$1=$2" >>"$results"; fi; }
run() { "$outbreak" --db "$work/demo.db" --data-dir "$root/data" --user bench "$@"; }

# step NAME COMMAND...: runs it, prints its wall time and its last line.
step() {
  local name=$1
  shift
  local start end out
  start=$(date +%s%N)
  out=$(run "$@")
  end=$(date +%s%N)
  local seconds
  seconds=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }')
  printf '%-22s %6s s  %s\n' "$name" "$seconds" "$(tail -n 1 <<<"$out")"
  record "supply_day_${name}_s" "$seconds"
  LAST_OUT=$out
}

run demo >/dev/null
step plan_20_may supply plan --as-of 2022-05-20 --horizon "$horizon" --format json
first=$(jq -r .id <<<"$LAST_OUT")
echo "  plan $first: $(jq '.shipments | length' <<<"$LAST_OUT") shipment lines"
step adopt supply adopt "$first"
step bulk_approve supply shipments bulk approve --plan "$first"
step bulk_dispatch supply shipments bulk dispatch --plan "$first" --through 2022-05-21
step bulk_receive supply shipments bulk receive --plan "$first" --through 2022-05-21
step plan_21_may supply plan --as-of 2022-05-21 --horizon "$horizon" --format json
second=$(jq -r .id <<<"$LAST_OUT")
step adopt_again supply adopt "$second" --confirm-stale
