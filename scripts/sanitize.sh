#!/usr/bin/env bash
# The sanitizer and fuzz runs, in their own build folder (build-san) with clang, AddressSanitizer
# and UndefinedBehaviorSanitizer:
#   sanitize.sh unit   builds and runs the unit tests of the domain modules
#   sanitize.sh fuzz   builds every libFuzzer target of fuzz/ and runs each for $FUZZ_SECONDS
#                      (default 10) from a scratch copy of its corpus in fuzz/corpus/<target>/.
# A finding stops the run with the sanitizer's report; a fuzz crash leaves its input in
# build-san/fuzz-artifacts/ (turn it into a regression test, and add it to the corpus).
set -euo pipefail

mode=${1:-unit}
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/${SAN_BUILD:-build-san}"
jobs=${JOBS:-$(nproc)}

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DOUTBREAK_FUZZ=ON \
  -DOUTBREAK_BUILD_BENCHMARKS=OFF >/dev/null

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# The modules without I/O: their tests need no database, server or browser.
unit_tests=(outbreak_core_test outbreak_access_test outbreak_surveillance_test
  outbreak_analytics_test outbreak_care_test outbreak_guidance_test outbreak_levels_test
  outbreak_supply_test outbreak_supply_planner_test)

case "$mode" in
  unit)
    cmake --build "$build" -j "$jobs" --target "${unit_tests[@]}"
    for test in "${unit_tests[@]}"; do
      binary=$(find "$build/src" -name "$test" -type f -perm -u+x | head -n 1)
      echo "sanitize: $test"
      "$binary" --gtest_brief=1
    done
    ;;
  fuzz)
    cmake --build "$build" -j "$jobs" --target fuzz_all
    seconds=${FUZZ_SECONDS:-10}
    artifacts="$build/fuzz-artifacts"
    mkdir -p "$artifacts"
    for corpus in "$root"/fuzz/corpus/*/; do
      target=$(basename "$corpus")
      scratch=$(mktemp -d "/tmp/outbreak-$target.XXXXXX")
      echo "fuzz: $target for ${seconds}s"
      if ! "$build/fuzz/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "$scratch" "$corpus" \
        >"$build/fuzz-$target.log" 2>&1; then
        tail -n 60 "$build/fuzz-$target.log"
        rm -rf "$scratch"
        echo "fuzz: $target found a failure; its input is in $artifacts" >&2
        exit 1
      fi
      grep -E "stat::number_of_executed_units|cov:" "$build/fuzz-$target.log" | tail -n 2 || true
      rm -rf "$scratch"
    done
    ;;
  *)
    echo "usage: sanitize.sh unit|fuzz" >&2
    exit 2
    ;;
esac
