#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster on 127.0.0.1 for the store contract tests.
#   pg-test-cluster.sh start DIR [PORT]   creates and starts it; prints its connection URL
#   pg-test-cluster.sh stop DIR           stops it and removes DIR
#   pg-test-cluster.sh halt DIR           stops the server, keeping its data (an outage)
#   pg-test-cluster.sh resume DIR PORT    starts it again after a halt
# PostgreSQL refuses to run as root, so as root the cluster runs as the postgres user.
set -euo pipefail

command=${1:?usage: pg-test-cluster.sh start|stop|halt|resume DIR [PORT]}
dir=${2:?usage: pg-test-cluster.sh start|stop|halt|resume DIR [PORT]}
port=${3:-55432}
bin=/usr/lib/postgresql/15/bin

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$command" in
  start)
    rm -rf "$dir"
    mkdir -p "$dir"
    chmod 755 "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U outbreak -E UTF8 >"$dir/initdb.log" 2>&1
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U outbreak outbreak_test
    echo "postgresql://outbreak@127.0.0.1:$port/outbreak_test"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  halt)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  resume)
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    ;;
  *)
    echo "usage: pg-test-cluster.sh start|stop|halt|resume DIR [PORT]" >&2
    exit 2
    ;;
esac
