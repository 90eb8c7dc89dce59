#!/usr/bin/env bash
# Valgrind memcheck over the unit tests and the command line: every unit
# test executable, `evbrief build` of a few briefs (and of inputs with an
# invalid review, broken fonts and an unwritable out/, whose error paths
# must free as much as the good path), and `evbrief validate` of every
# malformed input of tests/malformed/. Any memory error, and any block
# definitely or indirectly lost, fails the run. tests/valgrind.supp holds
# the only suppressions, third-party noise, each explained.
#   VALGRIND_STRICT=1  every leak kind is an error, "still reachable" too
# Uses its own RelWithDebInfo build (build-valgrind/), so that reports have
# line numbers; logs go to build-valgrind/valgrind/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=$(nproc)
b=build-valgrind
logs=$root/$b/valgrind
cmake -S . -B $b -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEVBRIEF_WERROR=ON >/dev/null
cmake --build $b -j"$jobs" >/dev/null
rm -rf "$logs" && mkdir -p "$logs"

kinds=definite,indirect
[ "${VALGRIND_STRICT:-0}" = 1 ] && kinds=all
export VG_OPTS="--tool=memcheck --leak-check=full --errors-for-leak-kinds=$kinds --show-leak-kinds=$kinds --num-callers=40 --suppressions=$root/tests/valgrind.supp"
export SRC=$root BUILD=$root/$b LOGS=$logs SOURCE_DATE_EPOCH=1767225600
# Timed unit tests allow for Valgrind's slowdown.
export EVBRIEF_SLOWDOWN=50

# vg NAME EXPECTED_EXIT COMMAND...: runs COMMAND under memcheck; passes
# when it exits with EXPECTED_EXIT and memcheck found nothing. Valgrind's
# own error exit code is 1 (as for a test that fails), or 99 when the
# command itself is expected to exit non-zero (1 is evbrief's "invalid
# input").
vg() {
  local name=$1 want=$2; shift 2
  local err=1 code=0
  [ "$want" != 0 ] && err=99
  valgrind $VG_OPTS --error-exitcode=$err --log-file="$LOGS/$name.log" "$@" >"$LOGS/$name.out" 2>&1 || code=$?
  if [ "$code" != "$want" ] || ! grep -q "ERROR SUMMARY: 0 errors" "$LOGS/$name.log"; then
    echo "FAIL $name (exit $code, expected $want): $LOGS/$name.log"
    grep -A30 -m3 -E "Invalid|uninitialised|Conditional|definitely lost in|indirectly lost in|still reachable in|Syscall param|Mismatched|overlap" "$LOGS/$name.log" | head -n 80
    tail -n 5 "$LOGS/$name.out"
    return 1
  fi
  echo "ok   $name"
}
export -f vg

echo "== valgrind memcheck (unit tests)"
# Run where ctest runs them (the build directory), $(nproc) at a time.
status=0
(cd $b && ls tests/test_* | xargs -P "$jobs" -I{} bash -c 'vg "unit.$(basename {})" 0 {}') || status=1

echo "== valgrind memcheck (evbrief)"
work=$root/$b/valgrind-work
rm -rf "$work" && mkdir -p "$work"
E=$root/$b/evbrief
vg build.briefs 0 "$E" build --out "$work/out" --indication hair-restoration -j2 --quiet || status=1
vg build.unchanged 0 "$E" build --out "$work/out" --indication hair-restoration -j2 --quiet || status=1
vg sample 0 "$E" sample --out "$work/sample.pdf" || status=1

# An invalid review: its briefs are refused, the others built (exit 1).
mkdir -p "$work/bad/reviews"
cp inputs/indications.json "$work/bad/"
cp inputs/reviews/haykal-2025.json tests/malformed/15-missing-ref.json "$work/bad/reviews/"
vg build.invalid-review 1 "$E" build --inputs "$work/bad" --out "$work/out-bad" --locale en --quiet || status=1
# A truncated font (exit 3), an out/ under a regular file (exit 3).
mkdir -p "$work/fonts"
cp $b/fonts/fonts.json "$work/fonts/"
for f in $b/fonts/*.tt[fc]; do ln -s "$root/$f" "$work/fonts/"; done
rm "$work/fonts/NotoSans-Regular.ttf"
head -c 50000 $b/fonts/NotoSans-Regular.ttf >"$work/fonts/NotoSans-Regular.ttf"
vg build.broken-font 3 "$E" build --fonts "$work/fonts" --out "$work/out-font" --indication pigmentation --quiet || status=1
touch "$work/file"
vg build.unwritable-out 3 "$E" build --out "$work/file/out" --quiet || status=1

# Every malformed input at once: one review file per case (the generated
# ones too: deep nesting, 100 000 rows, 10 000 findings, a 10 MB key, a
# dangling link), validated against the fonts.
mkdir -p "$work/malformed/reviews"
cp inputs/indications.json "$work/malformed/"
for f in tests/malformed/*.json; do cp "$f" "$work/malformed/reviews/$(basename "$f")"; done
for f in tests/malformed/[0-9]*.sh; do
  case_dir=$(mktemp -d "$work/case.XXXXXX")
  mkdir "$case_dir/reviews"
  cp inputs/indications.json "$case_dir/"
  bash "$f" "$case_dir"
  for r in "$case_dir"/reviews/*; do
    [ -e "$r" ] || [ -L "$r" ] || continue
    mv "$r" "$work/malformed/reviews/$(basename "$f" .sh).json"
  done
  cp "$case_dir/indications.json" "$work/malformed/indications-$(basename "$f" .sh).json"
  rm -rf "$case_dir"
done
vg validate.malformed 3 "$E" validate --inputs "$work/malformed" --fonts $b/fonts || status=1
# An indications.json that is itself invalid (ids that leave out/).
mkdir -p "$work/bad-indications/reviews"
cp "$work/malformed/indications-52-hostile-indication-ids.json" "$work/bad-indications/indications.json"
vg validate.bad-indications 1 "$E" validate --inputs "$work/bad-indications" || status=1
vg list 0 "$E" list || status=1

if [ $status = 0 ]; then echo "valgrind: clean"; else echo "valgrind: FAILED"; fi
exit $status
