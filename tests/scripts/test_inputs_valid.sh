#!/usr/bin/env bash
# The corpus in inputs/ is valid for evbrief and for an independent JSON
# Schema implementation, and `evbrief list` shows every indication with the
# reviews that feed it.
set -eu
fail() { echo "FAIL: $*"; exit 1; }

out=$("$EVBRIEF" validate --inputs "$SRC/inputs" 2>&1) || fail "validate exited $?: $out"
echo "$out" | grep -q "5 valid review(s), 0 invalid file(s), 0 error(s)" || fail "unexpected summary: $out"

/usr/bin/python3 "$SRC/tests/tools/schema_check.py" "$SRC/inputs" || fail "JSON Schema check failed"
# The schema states the rendering rules it can express: a printed text in all
# three languages, a table's header in every language but the original.
for case in 53-missing-rendering 56-header-renderings; do
  /usr/bin/python3 "$SRC/tests/tools/schema_check.py" "$SRC/inputs" "$SRC/tests/malformed/$case.json" >/dev/null &&
    fail "the JSON Schema accepts tests/malformed/$case.json"
done

list=$("$EVBRIEF" list --inputs "$SRC/inputs") || fail "list exited $?"
for id in skin-aging photoaging hair-restoration pigmentation wound-healing-scars \
          inflammatory-skin-disease systemic-anti-aging; do
  echo "$list" | grep -q "^$id " || fail "list does not show indication $id"
  echo "$list" | grep -q "briefs: $id.en.pdf $id.fa.pdf $id.zh.pdf" || fail "no briefs listed for $id"
done
# Which reviews feed which indication (from the seeds' scope, see shared/seeds/README.md).
feeds() { echo "$list" | awk -v ind="$1" '/^[a-z]/{cur=$1} cur==ind && /^  [a-z]/ && $1 != "briefs:" {print $1}' | sort | tr '\n' ' '; }
[ "$(feeds hair-restoration)" = "haykal-2025 tamimi-2025 " ] || fail "hair-restoration fed by: $(feeds hair-restoration)"
[ "$(feeds systemic-anti-aging)" = "web-summary-2026 " ] || fail "systemic-anti-aging fed by: $(feeds systemic-anti-aging)"
echo "$(feeds photoaging)" | grep -q "he-2026" || fail "photoaging not fed by he-2026"
echo "$list" | grep -q "7 indication(s), 5 review(s), 21 brief(s) to build" || fail "summary line wrong"
echo "ok: inputs valid, 7 indications listed"
