#!/usr/bin/env bash
# Fuzzing: builds the libFuzzer targets of tests/fuzz/ with clang (ASan +
# UBSan, coverage) in build-fuzz/ and runs each for FUZZ_SECONDS (default
# 60) of wall time, one after the other. FUZZ_SECONDS=0 only replays: each
# target runs once over every seed and every regression (what .ci/test.sh
# does; the long runs are the nightly workflow, .github/workflows/fuzz.yml).
# The targets:
#   load    the loader and validator, on review files
#   layout  the layout engine, on a style byte string and UTF-8 text
#   brief   one brief from a review: compose, lay out, render, save a PDF
#   fonts   fonts/fonts.json (the font list layout opens)
#   manifest  out/manifest.json (what an incremental build and check trust)
#   brand   inputs/brand.json (a clinic's branding), with the example logo
# Each starts from its seeds (tests/fuzz/corpus/<target>/) and from what
# earlier runs on this machine found (build-fuzz/fuzz-corpus/<target>/, not
# committed). A crash, a leak, a timeout (an input slower than 25 s) or
# an out-of-memory fails the run, leaving the input in
# build-fuzz/fuzz-artifacts/<target>/: copy it to tests/fuzz/regressions/<target>/
# (the normal build replays every file there), fix the bug, run again.
# Prints total executions and CPU time per target (docs/reliability.md).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
[[ $seconds =~ ^[0-9]+$ ]] || { echo "fuzz.sh: FUZZ_SECONDS must be a whole number of seconds" >&2; exit 2; }
targets=(${FUZZ_TARGETS:-load layout brief fonts manifest brand})
cc=${FUZZ_CC:-clang-14}

CC=$cc cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEVBRIEF_FUZZ=ON -DEVBRIEF_WERROR=ON >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null

export SRC=$PWD
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
total_runs=0
if [ "$seconds" = 0 ]; then
  echo "== fuzz replay (every seed and regression, once, under ASan + UBSan)"
else
  echo "== fuzzing (${seconds} s per target)"
fi
printf '%-8s %12s %10s %10s %8s  %s\n' target executions exec/s "CPU s" "RSS MB" result
for t in "${targets[@]}"; do
  work=build-fuzz/fuzz-corpus/$t
  artifacts=build-fuzz/fuzz-artifacts/$t
  log=build-fuzz/fuzz-$t.log
  mkdir -p "$work" "$artifacts"
  case $t in
    layout) extra=(-dict=tests/fuzz/layout.dict -max_len=20000) ;;
    *) extra=(-dict=tests/fuzz/load.dict) ;;
  esac
  # In a subshell so that `times` (user and system time of its children,
  # written without a pipe, which would fork) counts this fuzzer alone.
  rc=0
  # a replay reads the seeds and regressions and mutates nothing (-runs=0);
  # a run also starts from what earlier runs found, and adds to it
  inputs=("$work" "tests/fuzz/corpus/$t")
  limit=(-max_total_time="$seconds")
  if [ "$seconds" = 0 ]; then
    inputs=("tests/fuzz/corpus/$t")
    [ -d "tests/fuzz/regressions/$t" ] && inputs+=("tests/fuzz/regressions/$t")
    limit=(-runs=0)
  fi
  (
    "./build-fuzz/tests/fuzz/fuzz_$t" "${limit[@]}" -timeout=25 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" "${extra[@]}" \
      "${inputs[@]}" >"$log" 2>&1
    code=$?
    times >"$log.times"
    exit $code
  ) || rc=$?
  cpu_s=$(tail -n 1 "$log.times" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/);
                                         printf "%.1f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
  runs=$(awk '/stat::number_of_executed_units:/ {print $2}' "$log" | tail -n 1)
  rate=$(awk '/stat::average_exec_per_sec:/ {print $2}' "$log" | tail -n 1)
  rss=$(awk '/stat::peak_rss_mb:/ {print $2}' "$log" | tail -n 1)
  result=clean
  if [ "$rc" != 0 ]; then
    result="FAILED (exit $rc): see $log and $artifacts/"
    status=1
  fi
  total_runs=$((total_runs + ${runs:-0}))
  printf '%-8s %12s %10s %10s %8s  %s\n' "$t" "${runs:-?}" "${rate:-?}" "$cpu_s" "${rss:-?}" "$result"
  if [ "$rc" != 0 ]; then
    grep -E 'ERROR|SUMMARY|fuzz invariant|Assertion|Test unit written' "$log" | head -n 20 || true
  fi
done
echo "fuzzing: $total_runs executions in total"
exit $status
