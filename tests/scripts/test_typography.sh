#!/usr/bin/env bash
# Issue 15: the briefs' typography measured from the PDFs (glyphs, their
# positions, colours), over all 21 briefs.
set -u
fail() { echo "FAIL: $*"; exit 1; }
out="$BUILD/test-typography"
rm -rf "$out"
SOURCE_DATE_EPOCH=1767225600 "$EVBRIEF" build --inputs "$SRC/inputs" --out "$out" --quiet || fail "build"
/usr/bin/python3 "$SRC/tests/tools/check_typography.py" "$out" "$BUILD/fonts" || fail "typography"
# each check fails on a broken case (synthetic pages and lines)
/usr/bin/python3 "$SRC/tests/tools/check_typography.py" --self-test || fail "typography self-test"
