#!/usr/bin/env bash
# The whole test suite: the release build's tests, then the same tests in a
# build with AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DEVBRIEF_WERROR=ON >/dev/null
cmake --build build -j"$jobs" >/dev/null
echo "== tests (release build)"
ctest --test-dir build --output-on-failure -j"$jobs"

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DEVBRIEF_SANITIZE=ON -DEVBRIEF_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
echo "== tests (ASan + UBSan build)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"
# the fuzz targets' replay of their seeds and regressions (built with clang);
# the long runs are nightly (.github/workflows/fuzz.yml)
FUZZ_SECONDS=0 bash .ci/fuzz.sh
bash .ci/valgrind.sh
