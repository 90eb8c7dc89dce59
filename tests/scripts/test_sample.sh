#!/usr/bin/env bash
# `evbrief sample`: writes one valid A4 page whose fonts are all embedded,
# subset and mapped to Unicode, whose text extracts, tagged, whose
# structure reads as the sample's blocks, byte-identical on every run;
# fails cleanly (exit 3, the message, nothing left behind) when it cannot
# write, as root too.
set -u
fail() { echo "FAIL: $*"; exit 1; }

tmp="$BUILD/tmp/sample"
rm -rf "$tmp" && mkdir -p "$tmp" || fail "cannot make $tmp"
cd "$tmp" || fail "cd $tmp"

"$EVBRIEF" sample --help | grep -q "usage: evbrief sample" || fail "--help"
"$EVBRIEF" sample --bogus >/dev/null 2>&1; [ $? = 2 ] || fail "unknown option should exit 2"
"$EVBRIEF" sample --out >/dev/null 2>&1; [ $? = 2 ] || fail "--out without a value should exit 2"
"$EVBRIEF" sample --out= >/dev/null 2>&1; [ $? = 2 ] || fail "empty --out should exit 2"

# the default path, out/ created on the way
"$EVBRIEF" sample >/dev/null || fail "evbrief sample exited $?"
[ -f out/sample.pdf ] || fail "out/sample.pdf not written"

qpdf --check out/sample.pdf >/dev/null 2>&1 || fail "qpdf --check: $(qpdf --check out/sample.pdf 2>&1)"

fonts=$(pdffonts out/sample.pdf | tail -n +3)
[ -n "$fonts" ] || fail "no fonts"
bad=$(echo "$fonts" | grep -v " yes yes yes ")
[ -z "$bad" ] || fail "fonts not embedded, subset and mapped to Unicode: $bad"
echo "$fonts" | grep -q "CID Type 0C" || fail "the CJK font should be embedded as CFF: $fonts"
echo "$fonts" | grep -q "NotoNaskhArabic-Regular" || fail "no Persian font: $fonts"

info=$(pdfinfo out/sample.pdf)
echo "$info" | grep -q "^Pages: *1$" || fail "not one page: $info"
echo "$info" | grep -q "A4" || fail "not A4: $info"
echo "$info" | grep -q "^Title: *evbrief typesetting sample — نمونه حروف‌چینی — 排版样张$" || fail "title: $info"
echo "$info" | grep -qi "CreationDate\|ModDate" && fail "a wall-clock date is written: $info"

text=$(pdftotext -enc UTF-8 out/sample.pdf -)
for word in miR-1246 ADSC FDA "۳۰" "۱۵۰" "نانومتر" "اگزوزوم‌ها" "30–150 nm" "外泌体" "——" "《Nature Aging》" \
            "doi:10.36849/JDD.8872"; do
    echo "$text" | grep -qF -- "$word" || fail "\"$word\" does not extract"
done

# Drawn through a plan like a brief: tagged, and every element reads its
# block's text, in the blocks' order (tests/data/sample-structure.txt).
tagged=$(/usr/bin/python3 "$SRC/tests/tools/check_tagged.py" out/sample.pdf 2>&1) || fail "check_tagged: $tagged"
structure=$(/usr/bin/python3 "$SRC/tests/tools/structure_text.py" --expect "$SRC/tests/data/sample-structure.txt" \
            out/sample.pdf 2>&1) || fail "the structure does not read as the sample's blocks: $structure"
outline=$(/usr/bin/python3 -c "import pikepdf,sys
o=pikepdf.open(sys.argv[1]).open_outline()
print('|'.join(str(i.title) for i in o.root))" out/sample.pdf)
[ "$outline" = "فارسی · Persian|中文 · Chinese|English" ] || fail "bookmarks: $outline"

size=$(stat -c %s out/sample.pdf)
[ "$size" -lt 153600 ] || fail "the sample is $size bytes"

render_errors=$(pdftoppm -png -r 40 out/sample.pdf "$tmp/page" 2>&1)
[ -z "$render_errors" ] || fail "pdftoppm: $render_errors"

# deterministic
"$EVBRIEF" sample --out again.pdf >/dev/null || fail "second run"
cmp -s out/sample.pdf again.pdf || fail "two runs differ"

# failures: exit 3, nothing left at the path, no temporary left beside it
mkdir -p target-is-a-dir.pdf
"$EVBRIEF" sample --out target-is-a-dir.pdf >/dev/null 2>err.txt; code=$?
[ $code = 3 ] || fail "writing over a directory should exit 3, got $code"
grep -q "target-is-a-dir.pdf: error: PDF: cannot write the file" err.txt || fail "message: $(cat err.txt)"
leftovers=$(ls -A | grep -v -x -e out -e again.pdf -e target-is-a-dir.pdf -e err.txt -e 'page-1.png')
[ -z "$leftovers" ] || fail "left behind: $leftovers"
[ -z "$(ls -A target-is-a-dir.pdf)" ] || fail "wrote into the directory"

# --out makes the missing directories (as build --out does)
"$EVBRIEF" sample --out "$tmp/no/such/dir/x.pdf" >/dev/null 2>&1 && [ -f "$tmp/no/such/dir/x.pdf" ] || fail "missing directories should be made"

# A directory no one may create files in, root included (CI runs as root,
# who writes anywhere permissions alone forbid): /proc.
"$EVBRIEF" sample --out /proc/evbrief-sample.pdf >/dev/null 2>err.txt; code=$?
[ $code = 3 ] || fail "an unwritable directory should exit 3, got $code"
[ "$(cat err.txt)" = "/proc/evbrief-sample.pdf: error: PDF: cannot write the file: No such file or directory" ] ||
    fail "message for an unwritable directory: $(cat err.txt)"
[ ! -e /proc/evbrief-sample.pdf ] || fail "wrote into /proc"
# A path through a regular file: no directory can be made there, for root either.
: > plain-file
"$EVBRIEF" sample --out plain-file/x.pdf >/dev/null 2>err.txt; code=$?
[ $code = 3 ] || fail "an output path under a regular file should exit 3, got $code"
[ "$(cat err.txt)" = "evbrief sample: error: plain-file exists and is not a directory" ] ||
    fail "message for a path under a file: $(cat err.txt)"
[ -f plain-file ] && [ ! -s plain-file ] || fail "the regular file in the way was changed"
leftovers=$(ls -A | grep -v -x -e out -e again.pdf -e target-is-a-dir.pdf -e err.txt -e 'page-1.png' -e no -e plain-file)
[ -z "$leftovers" ] || fail "left behind: $leftovers"

"$EVBRIEF" sample --fonts /nonexistent --out nofonts.pdf >/dev/null 2>&1; [ $? = 3 ] || fail "missing fonts should exit 3"
[ ! -e nofonts.pdf ] || fail "wrote a PDF without fonts"

echo "ok: sample ($size bytes)"
