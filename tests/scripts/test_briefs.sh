#!/usr/bin/env bash
# Builds every brief of the corpus and checks them as a reader would:
# structure, fonts, headings in order, feeding reviews named, table headers
# on every page a table continues on, links, outline, metadata, dates.
set -u
fail() { echo "FAIL: $*"; exit 1; }
out="$BUILD/test-briefs"
rm -rf "$out"

log=$(SOURCE_DATE_EPOCH=1767225600 "$EVBRIEF" build --inputs "$SRC/inputs" --out "$out" 2>&1)
code=$?
[ $code = 0 ] || fail "build exited $code: $log"
echo "$log" | grep -q "done: built 21, unchanged 0, failed 0" || fail "summary: $log"
echo "$log" | grep -qi "warning\|error" && fail "build reported problems (missing glyphs?): $log"
[ "$(ls "$out"/*.pdf | wc -l)" = 21 ] || fail "expected 21 PDFs"
ls "$out" | grep -v -e "\.pdf$" -e "^manifest.json$" && fail "stray files left in $out"

/usr/bin/python3 "$SRC/tests/tools/check_briefs.py" "$out" "$SRC/inputs" || fail "brief checks"

# The build date comes from SOURCE_DATE_EPOCH (2026-01-01), in each locale.
pdftotext "$out/photoaging.en.pdf" - | grep -q "1 January 2026" || fail "en build date"
pdftotext "$out/photoaging.zh.pdf" - | grep -q "2026 *年 *1 *月 *1 *日" || fail "zh build date"
pdftotext "$out/photoaging.fa.pdf" - | grep -q "۲۰۲۶" || fail "fa build date digits"

# Page numbers: n / N in the locale's digits.
pages=$(pdfinfo "$out/skin-aging.fa.pdf" | awk '/^Pages:/ {print $2}')
last=$(echo "$pages" | sed 'y/0123456789/۰۱۲۳۴۵۶۷۸۹/')
pdftotext -f "$pages" -l "$pages" "$out/skin-aging.fa.pdf" - | grep -q "$last" || fail "Persian page number $last"
pdftotext -f 2 -l 2 "$out/skin-aging.en.pdf" - | grep -q "Page 2 / $(pdfinfo "$out/skin-aging.en.pdf" | awk '/^Pages:/ {print $2}')" || fail "English footer"

# Metadata: Unicode title, language, title shown in the window, outline.
pdfinfo "$out/photoaging.zh.pdf" | grep -q "^Title: *证据简报：皮肤光老化" || fail "zh title"
pdfinfo "$out/photoaging.fa.pdf" | grep -q "^Title: *خلاصهٔ شواهد" || fail "fa title"
json=$(qpdf --json --json-key=outlines --json-key=qpdf "$out/photoaging.en.pdf")
echo "$json" | grep -q "\"/Lang\": \"u:en\"" || fail "/Lang"
echo "$json" | grep -q '"/DisplayDocTitle": true' || fail "DisplayDocTitle"
for title in "Key messages" "Evidence at a glance" "References" "About this brief"; do
  echo "$json" | grep -q "\"title\": \"$title\"" || fail "outline entry $title"
done
qpdf --json --json-key=outlines "$out/photoaging.fa.pdf" | grep -q '"title": "منابع"' || fail "Persian outline"
# DOIs are clickable links.
echo "$json" | grep -q '"/URI": "u:https://doi.org/10.' || fail "no DOI link annotation"

# Wide tables go on landscape pages; letter paper works.
pdfinfo -f 1 -l 99 "$out/skin-aging.en.pdf" | awk '/size:/ && $4 > $6 {n++} END {exit n ? 0 : 1}' || fail "no landscape page"
SOURCE_DATE_EPOCH=1767225600 "$EVBRIEF" build --inputs "$SRC/inputs" --out "$out/letter" --indication photoaging --locale en --paper letter >/dev/null || fail "letter build"
pdfinfo "$out/letter/photoaging.en.pdf" | grep -q "612 x 792" || fail "letter size"

# Selection options.
sel=$("$EVBRIEF" build --inputs "$SRC/inputs" --out "$out/sel" --indication hair-restoration --locale zh) || fail "selection build"
[ "$(ls "$out/sel" | grep pdf)" = "hair-restoration.zh.pdf" ] || fail "selection wrote: $(ls "$out/sel")"
"$EVBRIEF" build --inputs "$SRC/inputs" --out "$out/sel" --indication hair-loss >/dev/null 2>&1; [ $? = 2 ] || fail "unknown indication should exit 2"
"$EVBRIEF" build --inputs "$SRC/inputs" --out "$out/sel" --locale de >/dev/null 2>&1; [ $? = 2 ] || fail "unknown locale should exit 2"
echo "ok: 21 briefs checked"
