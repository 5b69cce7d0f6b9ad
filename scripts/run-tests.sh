#!/usr/bin/env bash
# Runs every test: starts a throw-away PostgreSQL cluster for the store contract suite, runs
# CTest, and removes the cluster whatever happens.
set -euo pipefail

build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cluster=$(mktemp -d /tmp/outbreak-pg.XXXXXX)
port=$((20000 + RANDOM % 20000))

cleanup() { bash "$root/scripts/pg-test-cluster.sh" stop "$cluster"; }
trap cleanup EXIT

OUTBREAK_TEST_PG_URL=$(bash "$root/scripts/pg-test-cluster.sh" start "$cluster" "$port")
export OUTBREAK_TEST_PG_URL
export OUTBREAK_REQUIRE_PG=1
echo "test PostgreSQL cluster: $OUTBREAK_TEST_PG_URL"

cd "$root/$build"
ctest --output-on-failure -j "$(nproc)" --timeout 600
