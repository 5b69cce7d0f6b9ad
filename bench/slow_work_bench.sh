#!/usr/bin/env bash
# Quick requests while slow work runs, on 127.0.0.1 only: wrk against GET /healthz and
# GET /api/v1/sitrep of the demo, first on an idle server, then while PLANS loops each replay the
# prevention rules over the whole of 2022 (GET /api/v1/levels/replay, a slow route that runs on
# the worker pool). Prints requests/s and latency p50/p99 of each, side by side, and how many
# replays ran and how many were told to come back (503).
#
# Environment: BUILD_DIR (build); DURATION (10): seconds of each wrk run; PLANS (4): concurrent
# replay loops; CONNECTIONS (16); RESULTS: a file to append the figures to as key=value lines.
# Needs wrk, curl and jq.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
build=${BUILD_DIR:-$root/build}
duration=${DURATION:-10}
plans=${PLANS:-4}
connections=${CONNECTIONS:-16}
results=${RESULTS:-}
outbreak=$build/src/cli/outbreak
password=bench-password-not-secret

work=$(mktemp -d /tmp/outbreak-slow-bench.XXXXXX)
server_pid=
loop_pids=()
cleanup() {
  for pid in "${loop_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
record() { if [[ -n $results ]]; then echo "$1=$2" >>"$results"; fi; }

db=$work/bench.db
"$outbreak" --db "$db" --data-dir "$root/data" demo >/dev/null 2>&1
echo "$password" | "$outbreak" --db "$db" user add hq --role headquarters --region KP >/dev/null
"$outbreak" --db "$db" --data-dir "$root/data" serve --listen 127.0.0.1:0 --threads 2 \
  --plan-threads 2 >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
port=
for _ in $(seq 1 300); do
  port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/server.out")
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n $port ]] || { cat "$work/server.err" >&2; exit 1; }
base=http://127.0.0.1:$port
token=$(curl -sf -X POST -H 'Content-Type: application/json' \
  -d "{\"name\":\"hq\",\"password\":\"$password\"}" "$base/api/v1/auth/login" | jq -r .token)

# wrk's p50 and p99 (ms) and requests/s of one run.
measure() {
  local target=$1
  wrk -t 2 -c "$connections" -d "${duration}s" --latency -H "Authorization: Bearer $token" \
    "$base$target" >"$work/wrk.out"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ { print $2 }' "$work/wrk.out")
  p50=$(awk '$1 == "50%" { print $2 }' "$work/wrk.out")
  p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk.out")
  echo "$rps $p50 $p99"
}

declare -A figures
for phase in idle plans; do
  if [[ $phase == plans ]]; then
    for loop_idx in $(seq 1 "$plans"); do
      (
        while true; do
          curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $token" \
            "$base/api/v1/levels/replay?from=2022-05-12&to=2022-08-10" >>"$work/replays.$loop_idx"
        done
      ) &
      loop_pids+=($!)
    done
    sleep 1
  fi
  for target in /healthz "/api/v1/sitrep?as_of=2022-05-20"; do
    figures["$phase $target"]=$(measure "$target")
  done
done
for pid in "${loop_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
loop_pids=()
replayed=$(cat "$work"/replays.* 2>/dev/null | grep -c '^200$' || true)
refused=$(cat "$work"/replays.* 2>/dev/null | grep -c '^503$' || true)

printf '%-8s %-34s %12s %10s %10s\n' phase target 'requests/s' p50 p99
for phase in idle plans; do
  for target in /healthz "/api/v1/sitrep?as_of=2022-05-20"; do
    read -r rps p50 p99 <<<"${figures["$phase $target"]}"
    printf '%-8s %-34s %12s %10s %10s\n' "$phase" "$target" "$rps" "$p50" "$p99"
    key=$(echo "$target" | sed 's|[/?=]|_|g')
    record "slow_${phase}${key}_rps" "$rps"
    record "slow_${phase}${key}_p99" "$p99"
  done
done
echo "replays during the plans phase: $replayed answered, $refused told to come back (503)"
