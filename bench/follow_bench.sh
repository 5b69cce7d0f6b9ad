#!/usr/bin/env bash
# How soon a write made through one server is answered by the others, on 127.0.0.1 only. SERVERS
# servers on one database (SQLite, or PostgreSQL when DB names a URL); WRITES reports posted
# through them in turn, each read back through the next server until it shows the new value
# (polled every millisecond, without X-Outbreak-Read-After, so what is measured is the follower:
# the change log read and applied). Prints the p50, p99 and worst lag in milliseconds, and the
# same for a read that names the change (X-Outbreak-Read-After) and is answered when it is applied.
#
# Environment: BUILD_DIR (build); DB (a fresh SQLite file); SERVERS (3); WRITES (200);
# RESULTS: a file to append the figures to as key=value lines. Needs curl and jq.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
build=${BUILD_DIR:-$root/build}
servers=${SERVERS:-3}
writes=${WRITES:-200}
results=${RESULTS:-}
outbreak=$build/src/cli/outbreak
password=bench-password-not-secret

work=$(mktemp -d /tmp/outbreak-follow-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
record() { if [[ -n $results ]]; then echo "$1=$2" >>"$results"; fi; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

db=${DB:-$work/bench.db}
"$outbreak" --db "$db" --data-dir "$root/data" import regions "$root/data/dprk2022/regions.csv" \
  >/dev/null
echo "$password" | "$outbreak" --db "$db" user add clerk --role county_clerk \
  --region KP-04-003 >/dev/null

ports=()
for idx in $(seq 1 "$servers"); do
  "$outbreak" --db "$db" --data-dir "$root/data" serve --listen 127.0.0.1:0 --threads 2 \
    >"$work/server$idx.out" 2>"$work/server$idx.err" &
  pids+=($!)
  port=
  for _ in $(seq 1 300); do
    port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/server$idx.out")
    [[ -n $port ]] && break
    sleep 0.1
  done
  [[ -n $port ]] || { cat "$work/server$idx.err" >&2; exit 1; }
  ports+=("$port")
done
token=$(curl -sf -X POST -H 'Content-Type: application/json' \
  -d "{\"name\":\"clerk\",\"password\":\"$password\"}" \
  "http://127.0.0.1:${ports[0]}/api/v1/auth/login" | jq -r .token)
auth="Authorization: Bearer $token"

# The day's new fever cases as `port` answers them (empty when not reported).
fever_on() {
  curl -s -H "$auth" ${3:+-H "X-Outbreak-Read-After: $3"} \
    "http://127.0.0.1:$1/api/v1/reports?region=KP-04-003&from=$2&to=$2" |
    jq -r '.items[0].counts.new_fever // empty'
}

: >"$work/lag"
: >"$work/read_after"
start_day=$(date -d 2022-05-12 +%s)
for idx in $(seq 0 $((writes - 1))); do
  day=$(date -u -d "@$((start_day + idx * 86400))" +%F)
  writer=${ports[$((idx % servers))]}
  reader=${ports[$(((idx + 1) % servers))]}
  checker=${ports[$(((idx + 2) % servers))]}
  fever=$((idx + 1))
  body="{\"region\":\"KP-04-003\",\"date\":\"$day\",\"new_fever\":$fever,\"new_recovered\":0,"
  body+="\"new_deaths\":0,\"under_treatment\":$fever}"
  change=$(curl -s -D - -o /dev/null -X POST -H "$auth" -H 'Content-Type: application/json' \
    -d "$body" "http://127.0.0.1:$writer/api/v1/reports" |
    tr -d '\r' | awk -F': ' 'tolower($1) == "x-outbreak-change" { print $2 }')
  acknowledged=$(now_ms)
  until [[ $(fever_on "$reader" "$day") == "$fever" ]]; do sleep 0.001; done
  echo $(($(now_ms) - acknowledged)) >>"$work/lag"
  asked=$(now_ms)
  [[ $(fever_on "$checker" "$day" "$change") == "$fever" ]] || { echo "read-after missed $day" >&2; exit 1; }
  echo $(($(now_ms) - asked)) >>"$work/read_after"
done

# p50, p99 and the worst of a file of numbers.
quantiles() {
  sort -n "$1" | awk '{ v[NR] = $1 } END {
    p50 = v[int((NR - 1) * 0.50) + 1]; p99 = v[int((NR - 1) * 0.99) + 1]
    print p50, p99, v[NR] }'
}
read -r lag50 lag99 lagmax <<<"$(quantiles "$work/lag")"
read -r ra50 ra99 ramax <<<"$(quantiles "$work/read_after")"
backend=sqlite
[[ $db == postgres* ]] && backend=postgres
printf '%-9s %-40s %8s %8s %8s\n' backend 'after the write is acknowledged (ms)' p50 p99 worst
printf '%-9s %-40s %8s %8s %8s\n' "$backend" "shown by another server, unasked" "$lag50" "$lag99" \
  "$lagmax"
printf '%-9s %-40s %8s %8s %8s\n' "$backend" "read with X-Outbreak-Read-After" "$ra50" "$ra99" \
  "$ramax"
record "follow_${backend}_lag_p50_ms" "$lag50"
record "follow_${backend}_lag_p99_ms" "$lag99"
record "follow_${backend}_read_after_p99_ms" "$ra99"
