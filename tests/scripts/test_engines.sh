#!/usr/bin/env bash
# Every Persian and Chinese string a brief prints reads back, in logical
# order, from every engine a clinic opens it with: poppler (pdftotext),
# pdf.js 6 (Firefox), PDFium (Chrome, Edge) and the structure tree
# (/ActualText, as Acrobat reads it); no engine sees presentation forms.
# tests/tools/engines_check.py says exactly what is compared and what is
# tolerated (white space and brackets where a line changes direction, which
# each engine places by its own rules); see docs/text-engine.md.
set -u
fail() { echo "FAIL: $*"; exit 1; }
out="$BUILD/test-engines"
rm -rf "$out" && mkdir -p "$out"
node_dir="$SRC/tests/engines"
[ -d "$node_dir/node_modules/pdfjs-dist" ] && [ -d "$node_dir/node_modules/@hyzyla/pdfium" ] \
  || fail "pdf.js and PDFium are missing: bash .ci/setup.sh (npm ci in tests/engines)"
export SOURCE_DATE_EPOCH=1767225600
"$EVBRIEF" build --inputs "$SRC/inputs" --out "$out" --quiet || fail "build"
/usr/bin/python3 "$SRC/tests/tools/engines_check.py" --inputs "$SRC/inputs" --node-dir "$node_dir" \
  --report "$out/engines.json" "$out"/*.pdf > "$out/engines.txt"
status=$?
grep -v "^ " "$out/engines.txt" | grep -v "^SPACING" | head -60
[ $status -eq 0 ] || fail "some strings do not read back in order (all of it: $out/engines.txt)"
echo "ok: $(grep -c "verbatim from all" "$out/engines.txt") briefs read back by every engine"
