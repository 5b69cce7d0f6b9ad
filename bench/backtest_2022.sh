#!/usr/bin/env bash
# The forecasts' backtest on the 2022 demo: the nation and every province, every origin from the
# fifth day of data to the last day with a 7-day target, horizons 1 to 28, by both ways of
# estimating R_t (the last week's window, the default, and the daily filter). Prints one
# Markdown row per region, method and horizon of 7 and 14 days: origins, mean WIS, WIS relative
# to each baseline (over the origins that baseline can forecast from), coverage of the 50/80/95%
# intervals and bias. The JSON of every horizon is left in OUT (default: a temporary folder).
#
# Environment: BUILD_DIR (build); OUT: a folder to keep the JSON in.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
build=${BUILD_DIR:-$root/build}
outbreak=$build/src/cli/outbreak

work=$(mktemp -d /tmp/outbreak-backtest.XXXXXX)
trap 'rm -rf "$work"' EXIT
out=${OUT:-$work}
mkdir -p "$out"
run() { "$outbreak" --db "$work/demo.db" --data-dir "$root/data" --user bench "$@"; }

run demo >/dev/null
regions="KP $(run sitrep --format json | jq -r '.children[].region.code' | tr '\n' ' ')"
echo "| region | R_t | horizon | origins | mean WIS | vs last value | vs last week's growth | 50% | 80% | 95% | bias |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for region in $regions; do
  days=$(run series --region "$region" | awk -F, 'NR > 1 && $1 != "" {print $1}')
  first=$(echo "$days" | head -1)
  last=$(echo "$days" | tail -1)
  from=$(date -u -d "$first + 4 days" +%F)
  to=$(date -u -d "$last - 7 days" +%F)
  for method in window filter; do
    file="$out/backtest-$region-$method.json"
    run backtest --region "$region" --from "$from" --to "$to" --rt-method "$method" \
      --horizon "$(seq -s, 1 28)" --format json >"$file"
    jq -r --arg region "$region" --arg method "$method" '
      .horizons[] | select(.horizon_days == 7 or .horizon_days == 14) |
      "| \($region) | \($method) | \(.horizon_days) | \(.model.forecasts) | \(.model.mean_wis | round) | " +
      "\(.relative_wis_vs_last_value // "n/a" | if type == "number" then (. * 100 | round / 100) else . end) | " +
      "\(.relative_wis_vs_last_week_growth // "n/a" | if type == "number" then (. * 100 | round / 100) else . end) | " +
      "\(.model.coverage_50 * 100 | round / 100) | \(.model.coverage_80 * 100 | round / 100) | " +
      "\(.model.coverage_95 * 100 | round / 100) | \(.model.mean_bias * 100 | round / 100) |"' "$file"
  done
done
