#!/usr/bin/env bash
# Over the whole corpus: every text a brief prints is in all three languages,
# every rendering has its original's numbers (or a listed exception with a
# reason), and no uncited finding is shown above expert opinion; checked by
# an implementation independent of evbrief's (tests/tools/check_renderings.py).
# The check must also catch what it is for: a changed number, a missing
# rendering, a promoted uncited claim.
set -u
fail() { echo "FAIL: $*"; exit 1; }
check() { /usr/bin/python3 "$SRC/tests/tools/check_renderings.py" "$1"; }

check "$SRC/inputs" || fail "the corpus's renderings"

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir "$work/reviews"
for case in 53-missing-rendering 54-rendering-numbers 55-uncited-level; do
  rm -f "$work/reviews/"*
  cp "$SRC/tests/malformed/$case.json" "$work/reviews/case.json"
  out=$(check "$work") && fail "check_renderings accepts tests/malformed/$case.json"
  echo "$out" | grep -q "^FAIL" || fail "no problem named for $case: $out"
done
echo "ok: renderings"
