#!/usr/bin/env bash
# The supply officers' day on the demo, step by step through the command line, each timed: the
# national distribution plan of 20 May, its adoption, every shipment approved in one step, the
# what arrives on the first day signed for, the first day's shipments dispatched and received, the plan of 21 May and its
# adoption (which supersedes the first). Plans without production: the factories' output is not in
# the ledger until posted. Prints seconds per step and what each did.
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
  local last
  last=$(tail -n 1 <<<"$out")
  printf '%-22s %6s s  %s\n' "$name" "$seconds" "${last:0:100}"
  record "supply_day_${name}_s" "$seconds"
  LAST_OUT=$out
}

run demo >/dev/null
step plan_20_may supply plan --as-of 2022-05-20 --horizon "$horizon" --no-production --format json
first=$(jq -r .id <<<"$LAST_OUT")
echo "  plan $first: $(jq '.shipments | length' <<<"$LAST_OUT") shipment lines"
LAST_OUT=
step adopt supply adopt "$first"
step bulk_approve supply shipments bulk approve --plan "$first"
# The morning of 21 May: what arrives is signed for, then the day's shipments leave; they are
# received the next day.
step receive_arrivals supply shipments bulk receive --through 2022-05-21
step bulk_dispatch supply shipments bulk dispatch --plan "$first" --through 2022-05-21
step bulk_receive supply shipments bulk receive --plan "$first" --through 2022-05-22
step plan_21_may supply plan --as-of 2022-05-21 --horizon "$horizon" --no-production --format json
second=$(jq -r .id <<<"$LAST_OUT")
echo "  plan $second: $(jq '.shipments | length' <<<"$LAST_OUT") shipment lines"
step adopt_again supply adopt "$second" --confirm-stale
