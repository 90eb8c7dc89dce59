#!/usr/bin/env bash
# Builds every brief of the corpus and checks them as a reader would:
# structure, fonts, headings in order, feeding reviews named, table headers
# on every page a table continues on, links, outline, metadata, dates, and
# the file structure (object streams, a cross-reference stream).
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
# Issues 12 and 13 as a reader sees them: the reader's language first and
# the renderings marked as the editors', the levels as the editors', each
# study counted once with its caveats beside it, background apart.
/usr/bin/python3 "$SRC/tests/tools/check_locale_evidence.py" "$out" "$SRC/inputs" || fail "locale and evidence checks"
# Issue 15, point 10: page 1 is a summary a clinician can use, in the
# brief's language: the bottom line with who says it, the distinct human
# studies, safety and regulation, the date of the evidence.
/usr/bin/python3 "$SRC/tests/tools/check_page1.py" "$out" "$SRC/inputs" || fail "page 1 checks"

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
for title in "Summary for clinicians" "Bottom line: the reviews' key messages" "Evidence at a glance" "References" "About this brief"; do
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

# File structure: objects in object streams, a cross-reference stream; the
# same text once qpdf has written the objects out of their streams.
qpdf --show-xref "$out/skin-aging.en.pdf" | grep -q ": compressed; stream = " || fail "no object streams"
for b in skin-aging.en photoaging.zh skin-aging.fa; do
  qpdf --qdf --object-streams=disable "$out/$b.pdf" "$out/$b.qdf.pdf" || fail "qpdf --qdf $b"
  cmp -s <(pdftotext "$out/$b.pdf" -) <(pdftotext "$out/$b.qdf.pdf" -) || fail "$b: pdftotext differs without object streams"
done
# check_tagged.py's file-structure checks catch loose and unreachable objects.
checker() { /usr/bin/python3 "$SRC/tests/tools/check_tagged.py" --struct-text none "$1" 2>&1; }
checker "$out/skin-aging.en.qdf.pdf" | grep -c "outside object streams" >/dev/null || fail "check_tagged missed loose objects"
/usr/bin/python3 - "$out/photoaging.en.pdf" "$out/unreachable.pdf" <<'PY' || fail "appending an object"
import re, sys
d = open(sys.argv[1], "rb").read()
sx = int(d[d.rindex(b"startxref") + 10:].split()[0])
size = int(re.search(rb"/Size (\d+)", d[sx:]).group(1))
root, info = (re.search(rb"/%s (\d+) 0 R" % k, d[sx:]).group(1) for k in (b"Root", b"Info"))
add = b"%d 0 obj\n42\nendobj\n" % size
at = len(d) + len(add)
add += b"xref\n%d 1\n%010d 00000 n \ntrailer\n<</Size %d/Root %s 0 R/Info %s 0 R/Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (
    size, len(d), size + 1, root, info, sx, at)
open(sys.argv[2], "wb").write(d + add)
PY
checker "$out/unreachable.pdf" | grep -c "unreachable from the trailer" >/dev/null || fail "check_tagged missed an unreachable object"
rm -f "$out"/*.qdf.pdf "$out/unreachable.pdf"
echo "ok: 21 briefs checked"
