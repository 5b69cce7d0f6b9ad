#!/usr/bin/env bash
# The HTTP API under load, on 127.0.0.1 only, in one run:
#   (a) read: wrk against GET /api/v1/sitrep of the demo (a headquarters user's bearer token), side
#       by side with nginx serving the same response bytes as a static file with the same
#       Content-Type. Alternately, ours then nginx, ROUNDS times each; the median of each is
#       compared. Then, once each: ours in --demo mode (read-only without a token), and ours with
#       the access log thrown away (/dev/null) instead of written to a file.
#   (b) write: CLERKS county clerks, each signed in at a different reporting unit, filing daily
#       reports for their own unit concurrently (POST /api/v1/reports) for WRITE_SECONDS; then
#       checks that there was no error and that every accepted report is stored.
# Prints requests/s and latency p50/p99 of each, the ratio ours / nginx against the target
# (at least nginx's requests/s), and PASS/FAIL of the write checks (exit status 1 on a FAIL).
# wrk and the servers share the machine's cores, so each run also reports the CPU that the
# server and wrk took (from /proc), the server's CPU time per request, and warns when other
# processes took more than 5% of the CPU meanwhile.
#
# Environment: BUILD_DIR (build): where the binaries are; DURATION (15): seconds of each read run;
# ROUNDS (2): read rounds of each of ours and nginx; CONNECTIONS (64) and WRK_THREADS (2): of the
# read load; SERVER_THREADS (2): `serve --threads`, and nginx's worker_processes; WRITE_SECONDS
# (30) and CLERKS (50): the write load (one connection per clerk); STEP_TIMEOUT (900): seconds
# any one step may take; RESULTS: a file to write the figures to as key=value lines; READS (1):
# 0 skips the read load; WRITE_PERF: a file where `perf record -g` keeps where the server spent
# its CPU during the write load (perf report -i FILE), with WRITE_PERF_FLAGS (-g) for perf record;
# WRITE_THREADS: `serve --write-threads` of the write load (1: one commit per report, the way to
# measure the group commit against writing each report alone).
# Needs wrk, nginx (Debian's nginx-light will do), curl, jq and ss.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
build=${BUILD_DIR:-$root/build}
duration=${DURATION:-15}
rounds=${ROUNDS:-2}
connections=${CONNECTIONS:-64}
wrk_threads=${WRK_THREADS:-2}
server_threads=${SERVER_THREADS:-2}
write_seconds=${WRITE_SECONDS:-30}
clerk_count=${CLERKS:-50}
step_timeout=${STEP_TIMEOUT:-900}
results=${RESULTS:-}
reads=${READS:-1}
write_perf=${WRITE_PERF:-}
write_threads=${WRITE_THREADS:-}

outbreak=$build/src/cli/outbreak
read_lua=$here/wrk/read_figures.lua
write_lua=$here/wrk/write_reports.lua
password=bench-password-not-secret

die() {
  echo "api_bench: $*" >&2
  exit 1
}
record() {
  if [[ -n $results ]]; then echo "$1=$2" >>"$results"; fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
# The median of the numbers given.
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# A value of a key=value file.
value_of() { sed -n "s/^$2=//p" "$1" | tail -n 1; }
# Runs a step with the time limit; its output goes to a log that is shown if it fails.
step() {
  local log=$1
  shift
  if ! timeout "$step_timeout" "$@" >"$log" 2>&1; then
    cat "$log" >&2
    die "failed or timed out after ${step_timeout}s: $*"
  fi
}
# curl with a time limit; the remaining arguments are curl's.
fetch() { curl --silent --show-error --max-time 30 "$@"; }

for variable in duration rounds connections wrk_threads server_threads write_seconds clerk_count \
  step_timeout; do
  [[ ${!variable} =~ ^[0-9]+$ && ${!variable} -ge 1 ]] || die "$variable must be a whole number >= 1"
done
[[ -x $outbreak ]] || die "$outbreak is missing: build it (ninja -C build -j1 outbreak)"
for tool in wrk nginx curl jq ss; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install wrk nginx-light curl jq iproute2)"
done
if [[ -n $results ]]; then : >"$results"; fi

mkdir -p "$here/data"
work=$(mktemp -d "$here/data/api-run.XXXXXX")
pids=()
# Stops a process started here: SIGTERM (graceful for both servers), SIGKILL after 15 s, to it
# and to its children (nginx's workers); then forgets it, so that a reused pid is never signalled.
stop_pid() {
  local pid=$1 children kept=() each
  if kill -0 "$pid" 2>/dev/null; then
    children=$(pgrep -P "$pid" || true)
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 150); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    # shellcheck disable=SC2086  # a list of pids
    kill -KILL "$pid" $children 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  for each in "${pids[@]}"; do [[ $each == "$pid" ]] || kept+=("$each"); done
  pids=("${kept[@]}")
}
# shellcheck disable=SC2317  # (called by the trap)
cleanup() {
  local pid
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Sets free_port to a TCP port of 127.0.0.1 that nobody listens on and that this run has not
# handed out before.
handed_out=" "
free_port=""
pick_free_port() {
  local port
  for _ in $(seq 200); do
    port=$((20000 + RANDOM % 40000))
    if [[ $handed_out != *" $port "* ]] && [[ -z $(ss -Htln "sport = :$port") ]]; then
      handed_out+="$port "
      free_port=$port
      return 0
    fi
  done
  die "no free port found"
}
# Waits until URL answers (any HTTP status) while process PID lives; at most 30 s.
wait_until_up() {
  local url=$1 pid=$2 name=$3 errors=$4
  for _ in $(seq 300); do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$errors" >&2
      die "$name exited at start"
    fi
    if curl --silent --max-time 2 --output /dev/null "$url"; then return 0; fi
    sleep 0.1
  done
  cat "$errors" >&2
  die "$name did not answer on $url within 30 s"
}

# Starts `outbreak serve` on a free port: NAME DB ACCESS_LOG [more serve flags]. The access log
# (spdlog, on stdout) goes to ACCESS_LOG; stderr to $work/NAME.err. Sets server_pid, server_port.
server_pid=""
server_port=""
start_server() {
  local name=$1 db=$2 access_log=$3
  shift 3
  pick_free_port
  server_port=$free_port
  "$outbreak" --db "$db" serve --listen "127.0.0.1:$server_port" --threads "$server_threads" "$@" \
    >"$access_log" 2>"$work/$name.err" &
  server_pid=$!
  pids+=("$server_pid")
  wait_until_up "http://127.0.0.1:$server_port/healthz" "$server_pid" "outbreak serve ($name)" \
    "$work/$name.err"
}
# Signs NAME in on the server at PORT; prints the bearer token.
login() {
  local port=$1 name=$2 answer
  answer=$(fetch -X POST -H 'Content-Type: application/json' \
    --data "$(jq -cn --arg name "$name" --arg password "$password" \
      '{name: $name, password: $password}')" \
    "http://127.0.0.1:$port/api/v1/auth/login") || die "login of $name failed"
  jq -er '.token' <<<"$answer" 2>/dev/null || die "login of $name failed: $answer"
}
# One wrk run of the read load: LABEL URL [more wrk flags]; prints the figures, keeps them in
# $work/LABEL.wrk, and refuses figures that contain errors.
# Where the CPU went during a run, in clock ticks: the machine's user + system time (/proc/stat),
# that of the server under test (the processes in $under_test and their children: nginx's
# workers), and that of this shell's reaped children (wrk, once it is done). What is left was
# used by other processes: a run with much of it is noisy.
hz=$(getconf CLK_TCK)
under_test=""
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4; exit }' /proc/stat; }
process_ticks() {
  local pid child total=0
  for pid in "$@"; do
    for child in "$pid" $(pgrep -P "$pid" || true); do
      total=$((total + $(awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null || echo 0)))
    done
  done
  echo "$total"
}
reaped_ticks() { awk '{ print $16 + $17 }' "/proc/$$/stat"; }
cpu_before=()
cpu_start() { cpu_before=("$(machine_ticks)" "$(process_ticks $under_test)" "$(reaped_ticks)"); }
# Appends to LOG the server's and wrk's CPU (percent of one core) and the server's CPU per
# request (µs), and the others' share of all cores (percent), after a run of SECONDS.
cpu_stop() {
  local log=$1 seconds=$2 machine server wrk_cpu requests
  requests=$(value_of "$log" requests)
  machine=$(($(machine_ticks) - cpu_before[0]))
  server=$(($(process_ticks $under_test) - cpu_before[1]))
  wrk_cpu=$(($(reaped_ticks) - cpu_before[2]))
  awk -v m="$machine" -v s="$server" -v w="$wrk_cpu" -v hz="$hz" -v t="$seconds" \
    -v n="$(nproc)" -v r="$requests" 'BEGIN {
      printf "server_cpu_pct=%.0f\nwrk_cpu_pct=%.0f\n", 100 * s / hz / t, 100 * w / hz / t
      printf "server_cpu_us_per_request=%.1f\n", (r > 0 ? 1e6 * s / hz / r : 0)
      o = (m - s - w) / hz / t / n * 100
      printf "others_cpu_pct=%.1f\n", (o < 0 ? 0 : o) }' >>"$log"
}
# Warns when other processes took more than 5% of the machine during a run.
warn_if_noisy() {
  local log=$1 label=$2
  if awk -v o="$(value_of "$log" others_cpu_pct)" 'BEGIN { exit !(o > 5) }'; then
    echo "  warning: $label: other processes took $(value_of "$log" others_cpu_pct)% of the" \
      "CPU meanwhile; this figure is noisy" >&2
  fi
}
# One wrk run of the read load against the server in $under_test: LABEL URL [more wrk flags];
# prints the figures, keeps them in $work/LABEL.wrk, and refuses figures that contain errors.
read_run() {
  local label=$1 url=$2
  shift 2
  local log=$work/$label.wrk
  cpu_start
  timeout $((duration + 60)) wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --timeout 10s \
    -s "$read_lua" "$@" "$url" >"$log" 2>&1 || {
    cat "$log" >&2
    die "wrk failed or timed out: $label"
  }
  cpu_stop "$log" "$(value_of "$log" seconds)"
  [[ $(value_of "$log" non2xx) == 0 && $(value_of "$log" socket_errors) == 0 ]] || {
    cat "$log" >&2
    die "$label: errors in the read load, the figures would mean nothing"
  }
  printf '  %-28s %7s req/s  p50 %6s ms  p99 %6s ms  CPU: server %3s%% (%s us/req), wrk %3s%%\n' \
    "$label" "$(value_of "$log" rps)" "$(value_of "$log" p50_ms)" "$(value_of "$log" p99_ms)" \
    "$(value_of "$log" server_cpu_pct)" "$(value_of "$log" server_cpu_us_per_request)" \
    "$(value_of "$log" wrk_cpu_pct)"
  warn_if_noisy "$log" "$label"
}
# The median over the runs LABEL-1 .. LABEL-N of one figure (requests/s whole, ms to 3 places).
median_of() {
  local label=$1 count=$2 key=$3 values=() idx format=%.3f
  for idx in $(seq "$count"); do values+=("$(value_of "$work/$label-$idx.wrk" "$key")"); done
  case $key in
    rps) format=%.0f ;;
    *_pct | *_us_per_request) format=%.1f ;;
  esac
  awk -v v="$(median "${values[@]}")" -v f="$format" 'BEGIN { printf f, v }'
}

echo "== machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)," \
  "$(free -g | awk '/^Mem:/ { print $2 }') GiB; $(date -u '+%Y-%m-%d %H:%M UTC');" \
  "load average $(cut -d ' ' -f 1-3 /proc/loadavg)"
load=$(cut -d ' ' -f 1 /proc/loadavg)
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 4) }'; then
  echo "warning: load average $load: something else is running, the figures will be noisy" >&2
fi
nginx_version=$(nginx -v 2>&1 | sed 's|.*nginx/||')
wrk_version=$({ wrk -v 2>&1 || true; } | head -n 1 | awk '{ print $2 }')
record nginx_version "$nginx_version"
record wrk_version "$wrk_version"

# --- The database: the demo and a headquarters user ------------------------------------------
db=$work/outbreak.db
step "$work/demo.log" "$outbreak" --db "$db" demo
echo "$password" | step "$work/user.log" "$outbreak" --db "$db" user add bench \
  --role headquarters --region KP

# --- (a) Read load ----------------------------------------------------------------------------
if [[ $reads != 0 ]]; then
start_server main "$db" "$work/access.log"
main_pid=$server_pid
main_port=$server_port
token=$(login "$main_port" bench)
ours_url=http://127.0.0.1:$main_port/api/v1/sitrep
fetch -H "Authorization: Bearer $token" -o "$work/sitrep.json" \
  -w '%{http_code} %{content_type}\n' "$ours_url" >"$work/ours.head"
read -r ours_status ours_type <"$work/ours.head"
[[ $ours_status == 200 ]] || die "GET /api/v1/sitrep answered $ours_status: $(cat "$work/sitrep.json")"
body_bytes=$(stat -c %s "$work/sitrep.json")

# nginx, in the foreground of its own background process, with its own configuration.
nginx_dir=$work/nginx
mkdir -p "$nginx_dir/www" "$nginx_dir/temp"
cp "$work/sitrep.json" "$nginx_dir/www/sitrep.json"
pick_free_port
nginx_port=$free_port
{
  if [[ $EUID == 0 ]]; then echo "user root;"; fi
  cat <<EOF
worker_processes $server_threads;
daemon off;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  client_body_temp_path $nginx_dir/temp/body;
  proxy_temp_path $nginx_dir/temp/proxy;
  fastcgi_temp_path $nginx_dir/temp/fastcgi;
  uwsgi_temp_path $nginx_dir/temp/uwsgi;
  scgi_temp_path $nginx_dir/temp/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    location = /api/v1/sitrep {
      alias $nginx_dir/www/sitrep.json;
      default_type "$ours_type";
    }
  }
}
EOF
} >"$nginx_dir/nginx.conf"
timeout "$step_timeout" nginx -t -q -c "$nginx_dir/nginx.conf" -p "$nginx_dir/" \
  -e "$nginx_dir/error.log" || die "nginx rejects its configuration ($nginx_dir/nginx.conf)"
nginx -c "$nginx_dir/nginx.conf" -p "$nginx_dir/" -e "$nginx_dir/error.log" \
  >"$nginx_dir/stdout.log" 2>&1 &
nginx_pid=$!
pids+=("$nginx_pid")
nginx_url=http://127.0.0.1:$nginx_port/api/v1/sitrep
wait_until_up "$nginx_url" "$nginx_pid" nginx "$nginx_dir/error.log"

# Correctness first: the same bytes and Content-Type from both, and ours twice the same.
fetch -o "$work/nginx.body" -w '%{http_code} %{content_type}\n' "$nginx_url" >"$work/nginx.head"
read -r nginx_status nginx_type <"$work/nginx.head"
fetch -H "Authorization: Bearer $token" -o "$work/sitrep-again.json" "$ours_url"
[[ $nginx_status == 200 && $nginx_type == "$ours_type" ]] ||
  die "nginx answered $nginx_status with Content-Type $nginx_type (ours: $ours_type)"
cmp -s "$work/sitrep.json" "$work/nginx.body" || die "nginx's body differs from ours"
cmp -s "$work/sitrep.json" "$work/sitrep-again.json" || die "two GET /api/v1/sitrep differ"
echo "== read load: GET /api/v1/sitrep, $body_bytes bytes of $ours_type, byte-identical from" \
  "both; wrk $wrk_version -t$wrk_threads -c$connections -d${duration}s, keep-alive"
echo "   ours: outbreak serve --threads $server_threads, bearer token, access log to a file;" \
  "nginx $nginx_version: worker_processes $server_threads, static file, no access log"

for round in $(seq "$rounds"); do
  under_test=$main_pid
  read_run "ours-$round" "$ours_url" -H "Authorization: Bearer $token"
  under_test=$nginx_pid
  read_run "nginx-$round" "$nginx_url"
done
stop_pid "$nginx_pid"
stop_pid "$main_pid"
access_lines=$(wc -l <"$work/access.log")

# Ours, once more each way: the access log to /dev/null; --demo without a token.
start_server quiet "$db" /dev/null
under_test=$server_pid
read_run "ours-no-access-log-1" "http://127.0.0.1:$server_port/api/v1/sitrep" \
  -H "Authorization: Bearer $(login "$server_port" bench)"
stop_pid "$server_pid"

start_server demo "$work/demo-mode.db" "$work/demo-access.log" --demo
demo_url=http://127.0.0.1:$server_port/api/v1/sitrep
fetch -o "$work/demo.body" -w '%{http_code}\n' "$demo_url" >"$work/demo.head"
[[ $(cat "$work/demo.head") == 200 ]] || die "--demo: anonymous GET /api/v1/sitrep answered $(cat "$work/demo.head")"
if cmp -s "$work/sitrep.json" "$work/demo.body"; then
  demo_same=yes
else
  demo_same=no
  echo "  note: --demo's body differs from the signed-in one ($(stat -c %s "$work/demo.body") bytes)"
fi
under_test=$server_pid
read_run "ours-demo-anonymous-1" "$demo_url"
stop_pid "$server_pid"

ours_rps=$(median_of ours "$rounds" rps)
nginx_rps=$(median_of nginx "$rounds" rps)
read_ratio=$(ratio "$ours_rps" "$nginx_rps")
echo
echo "median of $rounds round(s) (ours and nginx alternately), $duration s each:"
printf '  %-42s %8s %8s %8s %13s %9s\n' "" "req/s" "p50 ms" "p99 ms" "server CPU" "others"
print_row() {
  local key
  printf '  %-42s %8s %8s %8s %7s us/req %8s%%\n' "$1" "$(median_of "$2" "$3" rps)" \
    "$(median_of "$2" "$3" p50_ms)" "$(median_of "$2" "$3" p99_ms)" \
    "$(median_of "$2" "$3" server_cpu_us_per_request)" "$(median_of "$2" "$3" others_cpu_pct)"
  for key in rps p50_ms p99_ms server_cpu_us_per_request server_cpu_pct wrk_cpu_pct \
    others_cpu_pct; do
    record "${2//-/_}_$key" "$(median_of "$2" "$3" "$key")"
  done
}
print_row "outbreak (token, access log to a file)" ours "$rounds"
print_row "nginx $nginx_version (static file)" nginx "$rounds"
print_row "outbreak (token, access log to /dev/null)" ours-no-access-log 1
print_row "outbreak --demo (no token)" ours-demo-anonymous 1
echo "  (the access log of the signed-in runs: $access_lines lines)"
record body_bytes "$body_bytes"
record demo_body_identical "$demo_same"
record ratio_read_vs_nginx "$read_ratio"
echo "outbreak / nginx (requests/s): ${read_ratio}x  (target >= 1x)"
fi

# --- (b) Write load -----------------------------------------------------------------------------
# The reporting units: those missing on a day nobody reported, spread evenly over the country.
timeout "$step_timeout" "$outbreak" --db "$db" completeness --date 2030-01-01 --format json \
  >"$work/units.json" 2>"$work/units.err" || die "outbreak completeness failed: $(cat "$work/units.err")"
jq -r '.missing[].code' "$work/units.json" >"$work/units.txt"
unit_count=$(wc -l <"$work/units.txt")
((unit_count > 0)) || die "no reporting units in the demo"
if ((clerk_count > unit_count)); then
  echo "  note: only $unit_count reporting units: $unit_count clerks, not $clerk_count"
  clerk_count=$unit_count
fi
awk -v n="$clerk_count" -v total="$unit_count" \
  'BEGIN { for (i = 0; i < n; ++i) pick[int(i * total / n) + 1] = 1 } pick[NR]' \
  "$work/units.txt" >"$work/clerk-units.txt"
clerk=0
while read -r unit; do
  clerk=$((clerk + 1))
  echo "$password" | step "$work/user.log" "$outbreak" --db "$db" user add "clerk$clerk" \
    --role county_clerk --region "$unit"
done <"$work/clerk-units.txt"

start_server writes "$db" "$work/write-access.log" ${write_threads:+--write-threads "$write_threads"}
write_port=$server_port
write_pid=$server_pid
clerk=0
while read -r unit; do
  clerk=$((clerk + 1))
  echo "$unit $(login "$write_port" "clerk$clerk")"
done <"$work/clerk-units.txt" >"$work/clerks.txt"
hq_token=$(login "$write_port" bench)
stored_since() {
  fetch -H "Authorization: Bearer $hq_token" \
    "http://127.0.0.1:$write_port/api/v1/reports?region=KP&from=2030-01-01&limit=1" | jq -er '.total'
}
stored_before=$(stored_since) || die "GET /api/v1/reports failed"
[[ $stored_before == 0 ]] || die "$stored_before reports dated 2030 or later before the write load"

echo
echo "== write load: POST /api/v1/reports, $clerk_count county clerks (each at its own unit," \
  "one connection each), a new (unit, date) per request; wrk -t$wrk_threads" \
  "-c$clerk_count -d${write_seconds}s"
write_log=$work/write.wrk
under_test=$write_pid
perf_pid=""
if [[ -n $write_perf ]]; then
  perf record ${WRITE_PERF_FLAGS:--g} -o "$write_perf" -p "$write_pid" -- sleep "$write_seconds" >"$work/perf.log" 2>&1 &
  perf_pid=$!
fi
cpu_start
timeout $((write_seconds + 60)) wrk -t"$wrk_threads" -c"$clerk_count" -d"${write_seconds}s" \
  --timeout 10s -s "$write_lua" "http://127.0.0.1:$write_port/api/v1/reports" \
  "$work/clerks.txt" "$wrk_threads" >"$write_log" 2>&1 || {
  cat "$write_log" >&2
  die "wrk failed or timed out: write load"
}
cpu_stop "$write_log" "$(value_of "$write_log" seconds)"
if [[ -n $perf_pid ]]; then wait "$perf_pid" || cat "$work/perf.log" >&2; fi
# Requests sent as wrk stopped may still be answered: let them finish before counting.
sleep 1
stop_pid "$write_pid"
# Count what is stored with a fresh server (and its own sign-in) on the same database.
start_server verify "$db" "$work/verify-access.log"
write_port=$server_port
hq_token=$(login "$write_port" bench)
stored=$(stored_since) || die "GET /api/v1/reports failed"
stop_pid "$server_pid"

w() { value_of "$write_log" "$1"; }
# The server says at its stop how many commits carried the reports.
per_commit=$(sed -n 's/.*reports: [0-9]* request(s) written in [0-9]* commit(s), \([0-9.]*\) per commit.*/\1/p' \
  "$work/write-access.log" | tail -n 1)
server_201=$(grep -c ' POST /api/v1/reports 201 ' "$work/write-access.log" || true)
server_other=$(grep ' POST /api/v1/reports ' "$work/write-access.log" | grep -vc ' 201 ' || true)
printf '  %-28s %7s req/s  p50 %6s ms  p99 %6s ms  CPU: server %3s%% (%s us/req), wrk %3s%%\n' \
  "outbreak, $clerk_count clerks" "$(w rps)" "$(w p50_ms)" "$(w p99_ms)" "$(w server_cpu_pct)" \
  "$(w server_cpu_us_per_request)" "$(w wrk_cpu_pct)"
warn_if_noisy "$write_log" "write load"
echo "  requests sent $(w sent), 201 Created $(w created), other statuses $(w other_status)," \
  "wrk's non-2xx $(w non2xx), socket errors $(w socket_errors)"
echo "  server's access log: $server_201 POST answered 201, $server_other otherwise;" \
  "${per_commit:-?} requests per commit"
echo "  reports stored dated 2030-01-01 or later: $stored"
if [[ $(w other_status) != 0 ]]; then echo "  first other status: $(w first_other)"; fi
for key in rps p50_ms p99_ms sent created other_status non2xx socket_errors server_cpu_pct \
  server_cpu_us_per_request others_cpu_pct; do
  record "write_$key" "$(w "$key")"
done
record write_clerks "$clerk_count"
record write_stored "$stored"
record write_server_201 "$server_201"
record write_requests_per_commit "${per_commit:-}"

failed=0
check() {
  if [[ $2 == yes ]]; then
    echo "PASS  $1"
    record "check_$3" PASS
  else
    echo "FAIL  $1"
    record "check_$3" FAIL
    failed=1
  fi
}
no_errors=no
if [[ $(w non2xx) == 0 && $(w other_status) == 0 && $(w socket_errors) == 0 &&
  $server_other == 0 && $(w created) -gt 0 ]]; then
  no_errors=yes
fi
# Every 201 the clerks saw is stored; so is every 201 the server gave (a request in flight when
# wrk stopped may be stored without its answer being read), and nothing else.
all_present=no
if ((stored >= $(w created) && stored == server_201 && stored <= $(w sent))); then
  all_present=yes
fi
check "zero errors ($(w created) reports accepted, $(w other_status) refused, $(w socket_errors) socket errors)" \
  "$no_errors" zero_errors
check "every accepted report present ($stored stored; clerks saw $(w created) accepted, the server $server_201)" \
  "$all_present" all_present
exit "$failed"
