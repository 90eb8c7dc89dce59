#!/usr/bin/env bash
# Command-line behaviour: help, version, exit codes for usage errors.
set -u
fail() { echo "FAIL: $*"; exit 1; }

"$EVBRIEF" --version | grep -qE '^evbrief [0-9]+\.[0-9]+\.[0-9]+$' || fail "--version"
"$EVBRIEF" --help | grep -q "Exit codes" || fail "--help does not document exit codes"
"$EVBRIEF" validate --help | grep -q "usage: evbrief validate" || fail "validate --help"

"$EVBRIEF" >/dev/null 2>&1; [ $? = 2 ] || fail "no command should exit 2"
"$EVBRIEF" frobnicate >/dev/null 2>&1; [ $? = 2 ] || fail "unknown command should exit 2"
err=$("$EVBRIEF" validate --bogus 2>&1); [ $? = 2 ] || fail "unknown option should exit 2"
echo "$err" | grep -q 'unknown option or argument "--bogus"' || fail "unknown option message: $err"
"$EVBRIEF" validate --inputs >/dev/null 2>&1; [ $? = 2 ] || fail "missing option value should exit 2"

err=$("$EVBRIEF" validate --inputs /nonexistent 2>&1); code=$?
[ $code = 3 ] || fail "missing inputs dir should exit 3, got $code"
echo "$err" | grep -q "/nonexistent/indications.json: error: cannot read" || fail "message: $err"
echo "ok: cli (basics)"

# A character no font has: an error by default, a warning with
# --allow-missing-glyphs, reported at the exact place in the input.
bad=$(mktemp -d); trap 'rm -rf "$bad"' EXIT
mkdir "$bad/reviews"; cp "$SRC/inputs/indications.json" "$bad/"
cp "$SRC/tests/malformed/42-no-font-has-it.json" "$bad/reviews/case.json"
err=$("$EVBRIEF" validate --inputs "$bad" 2>&1 >/dev/null); [ $? = 1 ] || fail "a missing glyph should exit 1"
echo "$err" | grep -qF 'case.json:2:74: error: character U+1F600 "😀": no font in the fonts directory has it [$.findings[0].text.en]' || fail "missing glyph message: $err"
err=$("$EVBRIEF" validate --inputs "$bad" --allow-missing-glyphs 2>&1 >/dev/null); [ $? = 0 ] || fail "--allow-missing-glyphs should exit 0"
[ "$(echo "$err" | grep -v '^ .* | ')" = "$bad/reviews/case.json:2:74: warning: character U+1F600 \"😀\": no font in the fonts directory has it [\$.findings[0].text.en]" ] \
  || fail "--allow-missing-glyphs message: $err"
# --strict: that warning fails again (exit 1)
"$EVBRIEF" validate --inputs "$bad" --allow-missing-glyphs --strict >/dev/null 2>&1; [ $? = 1 ] \
  || fail "--strict should make the missing-glyph warning fail"
# build: the brief is not written (exit 1); allowed, it is, and each
# character is reported once, at its place (not again by the layout).
sel=$(mktemp -d)
err=$("$EVBRIEF" build --inputs "$bad" --out "$sel" --locale en 2>&1 >/dev/null); [ $? = 1 ] || fail "build with a missing glyph should exit 1"
[ ! -e "$sel/photoaging.en.pdf" ] || fail "build wrote a brief with a missing character"
echo "$err" | grep -qF 'case.json:2:74: error: character U+1F600 "😀": no font in the fonts directory has it [$.findings[0].text.en]' || fail "build message: $err"
err=$("$EVBRIEF" build --inputs "$bad" --out "$sel" --locale en --allow-missing-glyphs 2>&1 >/dev/null) || fail "build --allow-missing-glyphs: $err"
[ -f "$sel/photoaging.en.pdf" ] || fail "build --allow-missing-glyphs wrote no brief"
[ "$(echo "$err" | grep -v '^ .* | ')" = "$bad/reviews/case.json:2:74: warning: character U+1F600 \"😀\": no font in the fonts directory has it [\$.findings[0].text.en]" ] \
  || fail "build --allow-missing-glyphs should warn once: $err"
rm -rf "$sel"
echo "ok: cli (missing glyphs)"

# Renderings are required in the languages of the briefs built: all three by
# default, only L's with --locale L (validate and build alike).
rm -f "$bad/reviews/"*; cp "$SRC/tests/malformed/53-missing-rendering.json" "$bad/reviews/case.json"
err=$("$EVBRIEF" validate --inputs "$bad" --locale zh 2>&1 >/dev/null); [ $? = 0 ] || fail "--locale zh should pass: $err"
[ -z "$err" ] || fail "--locale zh reported: $err"
err=$("$EVBRIEF" validate --inputs "$bad" --locale en 2>&1 >/dev/null); [ $? = 1 ] || fail "--locale en should exit 1"
[ "$(echo "$err" | grep -c 'error:')" = 1 ] || fail "--locale en: one error expected: $err"
echo "$err" | grep -qF 'case.json:13:68: error: missing "en": the English briefs print this text; add a rendering written from the original [$.human_studies[0].design]' || fail "--locale en message: $err"
"$EVBRIEF" validate --inputs "$bad" --locale de >/dev/null 2>&1; [ $? = 2 ] || fail "unknown --locale should exit 2"
sel=$(mktemp -d)
"$EVBRIEF" build --inputs "$bad" --out "$sel" --locale zh >/dev/null 2>&1 || fail "build --locale zh should use the review"
[ -f "$sel/photoaging.zh.pdf" ] || fail "build --locale zh wrote: $(ls "$sel")"
"$EVBRIEF" build --inputs "$bad" --out "$sel" --locale fa >/dev/null 2>&1; [ $? = 1 ] || fail "build --locale fa should fail on the missing Persian"
rm -rf "$sel"
echo "ok: cli (renderings per locale)"

# Workers take the heaviest briefs first (so the build does not end on a
# long one), whatever the order of indications.json; the manifest and the
# PDFs do not depend on the order.
out=$(mktemp -d); trap 'rm -rf "$bad" "$out"' EXIT
cp -r "$SRC/inputs" "$out/inputs"
python3 - "$out/inputs/indications.json" <<'PY' || fail "cannot reverse indications.json"
import json, sys
path = sys.argv[1]
doc = json.load(open(path, encoding="utf-8"))
key = next(k for k, v in doc.items() if isinstance(v, list))
doc[key].reverse()
json.dump(doc, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
progress=$("$EVBRIEF" build --force -j1 --inputs "$out/inputs" --out "$out/out" 2>&1) || fail "build: $progress"
first=$(echo "$progress" | grep '^\[' | sed -n '1s/.*built *\([^ ]*\).*/\1/p')
[ "$first" = skin-aging.en.pdf ] || fail "first brief built: $first, expected the heaviest (skin-aging.en.pdf)"
pages_first=$(echo "$progress" | grep '^\[' | sed -n '1s/.* \([0-9]*\) pages.*/\1/p')
pages_last=$(echo "$progress" | grep '^\[' | tail -1 | sed 's/.* \([0-9]*\) pages.*/\1/')
[ "$pages_last" -lt "$pages_first" ] || fail "the last brief built ($pages_last pages) is not lighter than the first"
echo "ok: cli (heaviest first)"
