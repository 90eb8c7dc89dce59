#!/usr/bin/env bash
# Hostile inputs to `evbrief build`: ids that try to leave out/, link targets
# that are not http(s) or DOIs, control characters, 10 MB strings, 100 000
# table rows, 10 000 findings, broken fonts, an unwritable out/ and a full
# disk. Each must give a clear message and a non-zero exit code, leave no
# partial or temporary file, write nothing outside out/, and leave the
# briefs it does not concern alone. (`evbrief validate`'s exact messages
# for the same inputs are tests/malformed/43-* to 52-*.)
#
# Every case runs in a sandbox of its own, from inside it: inputs/ holds
# indications.json and haykal-2025.json, which feeds skin-aging,
# pigmentation and hair-restoration (9 briefs), plus whatever the case adds;
# the output goes to out/.
set -u
fail() { echo "FAIL ($name): $*"; [ -f "$c/log" ] && head -c 3000 "$c/log"; exit 1; }
t="$BUILD/test-hostile"
rm -rf "$t" && mkdir -p "$t"
export SOURCE_DATE_EPOCH=1767225600
haykal_briefs="hair-restoration.en.pdf hair-restoration.fa.pdf hair-restoration.zh.pdf pigmentation.en.pdf pigmentation.fa.pdf pigmentation.zh.pdf skin-aging.en.pdf skin-aging.fa.pdf skin-aging.zh.pdf"

# A listing of the sandbox outside out/ (every name; sizes and times of
# files), and of places a path could escape to, to compare before and after
# a run.
outside() {
  (cd "$c" && find . -path ./out -prune -o -path ./log -prune -o -type f -printf '%p %s %T@\n' \
     -o -printf '%p\n' | sort)
  ls -d /etc/x* /tmp/evbrief-hostile* /x.pdf /etc/passwd.* 2>/dev/null
}

new_case() {
  name=$1
  c="$t/$1"
  mkdir -p "$c/inputs/reviews"
  cp "$SRC/inputs/indications.json" "$c/inputs/"
  cp "$SRC/inputs/reviews/haykal-2025.json" "$c/inputs/reviews/"
}

# run EXPECTED_CODE [build options...]: a build in the sandbox; checks the
# exit code, that nothing appeared or changed outside out/, and that out/
# holds no temporary file and no PDF that is not whole.
run() {
  local want=$1; shift
  local before; before=$(outside)
  (cd "$c" && "$EVBRIEF" build --inputs inputs --out out --quiet "$@" >log 2>&1)
  code=$?
  [ "$code" = "$want" ] || fail "exit code $code, expected $want"
  [ "$(outside)" = "$before" ] || fail "something was written outside out/: $(diff <(echo "$before") <(outside))"
  grep -q $'\x1b' "$c/log" && fail "raw ESC in the messages"
  if [ -d "$c/out" ]; then
    local junk; junk=$(ls -A "$c/out" | grep -vE '^[a-z0-9-]+\.(en|fa|zh)\.pdf$|^manifest\.json$')
    [ -z "$junk" ] || fail "temporary or stray files left in out/: $junk"
    for f in "$c"/out/*.pdf; do
      [ -f "$f" ] || continue
      tail -c 8 "$f" | grep -q '%%EOF' || fail "$(basename "$f") is not a whole PDF"
    done
  fi
}

expect() { grep -qF -- "$1" "$c/log" || fail "no message \"$1\""; }

# The PDFs in out/, sorted, on one line.
briefs() { (cd "$c/out" 2>/dev/null && ls *.pdf 2>/dev/null | sort | tr '\n' ' ' | sed 's/ $//'); }

expect_briefs() { [ "$(briefs)" = "$1" ] || fail "briefs in out/: \"$(briefs)\", expected \"$1\""; }

# A review feeding only photoaging, written from a Python dict literal
# edited by the given statement (r is the review).
hostile_review() {
  local file=$1 edit=$2
  python3 - "$c/inputs/reviews/$file" "$edit" <<'PY'
import json, sys
r = {"id": "case", "seed": "s.txt", "language": "en", "year": 2025, "kind": "narrative_review",
     "findings": [{"id": "f1", "indications": ["photoaging"], "text": {"en": "A finding."},
                   "level": "animal", "refs": [1]}],
     "references": [{"n": 1, "text": "A reference.", "doi": "10.1000/abc"}]}
exec(sys.argv[2])
open(sys.argv[1], "w").write(json.dumps(r, ensure_ascii=True, indent=1) + "\n")
PY
}

# ---- ids and file names that try to leave out/ ---------------------------------

# As indication ids: indications.json is refused, so nothing is built at all.
i=0
for id in '../../etc/x' '/tmp/evbrief-hostile' 'skin-aging\u0000/../../etc/x' "$(printf 'p%.0s' $(seq 300))"; do
  i=$((i + 1))
  new_case "indication-id-$i"
  python3 - "$c/inputs/indications.json" "$id" <<'PY'
import sys
path, new_id = sys.argv[1], sys.argv[2]
text = open(path).read()
open(path, "w").write(text.replace('"id": "skin-aging"', '"id": "%s"' % new_id, 1))
PY
  grep -qF "\"id\": \"$id\"" "$c/inputs/indications.json" || fail "could not plant the id"
  run 1
  case $i in
    1) expect 'indications.json:5:13: error: "../../etc/x" is not a valid id' && expect ' [$.indications[0].id]' ;;
    2) expect 'indications.json:5:13: error: "/tmp/evbrief-hostile" is not a valid id' && expect ' [$.indications[0].id]' ;;
    3) expect 'indications.json:5:24: error: \u0000 in a string: a text cannot hold a NUL character' ;;
    4) expect 'indications.json:5:13: error: string of 300 characters is longer than the limit of 64' && expect ' [$.indications[0].id]' ;;
  esac
  expect_briefs ""
done

# As review ids: that review is refused, the briefs it would feed
# (photoaging) are not built, every other brief is.
i=0
for id in '../../etc/x' '/etc/x' 'case\u0000/../../x' "$(printf 'r%.0s' $(seq 300))"; do
  i=$((i + 1))
  new_case "review-id-$i"
  hostile_review case.json "r['id'] = '$id'"
  run 1
  case $i in
    1) expect 'error: "../../etc/x" is not a valid id' && expect ' [$.id]' ;;
    2) expect 'error: "/etc/x" is not a valid id' && expect ' [$.id]' ;;
    3) expect 'case.json:2:13: error: \u0000 in a string: a text cannot hold a NUL character' ;;
    4) expect 'error: string of 300 characters is longer than the limit of 64' && expect ' [$.id]' ;;
  esac
  expect 'photoaging.en.pdf not rebuilt: this review is invalid'
  expect_briefs "$haykal_briefs"
done

# A 250-character file name (with the same id): refused by the id's limit.
new_case review-file-name
long=$(printf 'a%.0s' $(seq 250))
hostile_review "$long.json" "r['id'] = '$long'"
run 1
expect "$long.json:2:8: error: string of 250 characters is longer than the limit of 64 [\$.id]"
expect_briefs "$haykal_briefs"

# --indication is looked up, never used as a path.
new_case indication-option
run 2 --indication ../../etc/x
expect 'evbrief build: error: unknown indication "../../etc/x"'
expect_briefs ""

# ---- link targets ------------------------------------------------------------------

new_case link-javascript
hostile_review case.json "r['references'][0]['url'] = 'javascript:alert(1)'"
run 1
expect 'error: "javascript:alert(1)" is not an http:// or https:// URL' && expect ' [$.references[0].url]'
expect_briefs "$haykal_briefs"

new_case link-file
hostile_review case.json "r['references'][0]['url'] = 'file:///etc/passwd'"
run 1
expect 'error: "file:///etc/passwd" is not an http:// or https:// URL' && expect ' [$.references[0].url]'
expect_briefs "$haykal_briefs"

# A DOI full of PDF syntax is a valid DOI: the brief is built and its link
# stays one URI action, the text escaped, with no JavaScript in the file.
new_case link-pdf-syntax
hostile_review case.json "r['references'][0]['doi'] = '10.1000/x)>>/S/JavaScript/JS(app.alert(1))<<'"
run 0 --indication photoaging --locale en
expect_briefs "photoaging.en.pdf"
qpdf --qdf --object-streams=disable "$c/out/photoaging.en.pdf" "$c/qdf.pdf" 2>/dev/null
grep -qa '/S /JavaScript\|/JS \|/Launch' "$c/qdf.pdf" && fail "a JavaScript or Launch action in the PDF"
grep -qaF '/URI (https://doi.org/10.1000/x\)%3E%3E/S/JavaScript/JS\(app.alert\(1\)\)%3C%3C)' "$c/qdf.pdf" ||
  fail "the DOI link is not one escaped URI"

# ---- control characters -------------------------------------------------------------

new_case control-characters
hostile_review case.json "r['findings'][0]['text']['en'] = 'Bell\x07 and escape\x1b[2J'; r['kind'] = 'narrative\x1b]0;retitled\x07'"
run 1
expect 'error: control character U+0007 at character 5 of the string' && expect ' [$.findings[0].text.en]'
expect 'error: unknown value "narrative\u001b]0;retitled\u0007"' && expect ' [$.kind]'
expect_briefs "$haykal_briefs"

# A file name with an ESC sequence: named in the messages, escaped.
new_case control-file-name
hostile_review $'case\x1b[2J.json' "r['id'] = 'case'"
run 1
expect 'case\u001b[2J.json:2:8: error: the file of review "case" must be named case.json' && expect ' [$.id]'
expect_briefs "$haykal_briefs"

# ---- sizes ----------------------------------------------------------------------------

new_case ten-mb-string
hostile_review case.json "r['findings'][0]['text']['en'] = 'word ' * (2 * 1024 * 1024)"
run 1
expect 'error: string of 10485760 characters is longer than the limit of 20000' && expect ' [$.findings[0].text.en]'
expect_briefs "$haykal_briefs"

new_case hundred-thousand-rows
hostile_review case.json "r['tables'] = [{'id': 't1', 'caption': {'en': 'Big'}, 'header': ['a', 'b'], 'rows': [['r%d' % i, 'v'] for i in range(100000)]}]"
run 1
expect 'error: 100000 items is more than the limit of 2000' && expect ' [$.tables[0].rows]'
expect_briefs "$haykal_briefs"

new_case ten-thousand-findings
hostile_review case.json "r['findings'] = [dict(r['findings'][0], id='f%d' % i) for i in range(10000)]"
run 1
expect 'error: 10000 items is more than the limit of 1000' && expect ' [$.findings]'
expect_briefs "$haykal_briefs"

# ---- fonts --------------------------------------------------------------------------------

# the build tree's fonts/ as it is (fonts.json, the fonts linked), then one font doctored.
fonts_case() {
  new_case "font-$1"
  mkdir "$c/fonts"
  cp "$BUILD/fonts/fonts.json" "$c/fonts/"
  for f in "$BUILD"/fonts/*.tt[fc]; do ln -s "$f" "$c/fonts/"; done
  rm "$c/fonts/NotoSerif-Regular.ttf"
}
fonts_case missing
run 3 --fonts fonts
expect 'fonts/NotoSerif-Regular.ttf: error: cannot use this font: the file is missing or unreadable'
expect_briefs ""
fonts_case truncated
head -c 100000 "$BUILD/fonts/NotoSerif-Regular.ttf" >"$c/fonts/NotoSerif-Regular.ttf"
run 3 --fonts fonts -j4
expect 'fonts/NotoSerif-Regular.ttf: error: cannot use this font: truncated (a table runs past the end of the file)'
# the fonts are opened once, not once per worker: one message
n=$(grep -c 'cannot use this font' "$c/log")
[ "$n" = 1 ] || fail "a broken font with -j4 reported $n times, expected once"
expect_briefs ""
fonts_case not-a-font
yes 'not a font' | head -c 4096 >"$c/fonts/NotoSerif-Regular.ttf"
run 3 --fonts fonts
expect 'fonts/NotoSerif-Regular.ttf: error: cannot use this font:'
expect_briefs ""
fonts_case empty
: >"$c/fonts/NotoSerif-Regular.ttf"
run 3 --fonts fonts
expect 'fonts/NotoSerif-Regular.ttf: error: cannot use this font:'
expect_briefs ""
# validate --fonts checks them too
(cd "$c" && "$EVBRIEF" validate --inputs inputs --fonts fonts >log 2>&1); code=$?
[ $code = 3 ] || fail "validate with a broken font: exit $code, expected 3"
expect 'fonts/NotoSerif-Regular.ttf: error: cannot use this font:'
# The font list itself missing or broken: an I/O error (exit 3), also with
# --indication (not a usage error).
fonts_case list-missing
rm "$c/fonts/fonts.json"
run 3 --fonts fonts --indication skin-aging
expect 'fonts/fonts.json: error: cannot read: No such file or directory'
[ "$(grep -c 'fonts.json' "$c/log")" = 1 ] || fail "the missing font list reported more than once"
expect_briefs ""
fonts_case list-broken
echo '{"fonts": [' >"$c/fonts/fonts.json"
run 3 --fonts fonts
expect "fonts/fonts.json:2:1: error: unexpected end of file: expected a value or ']'; the '[' at line 1, column 11 is never closed [\$.fonts[0]]"
[ "$(grep -c 'fonts.json' "$c/log")" = 1 ] || fail "the broken font list reported more than once"
expect_briefs ""
# a face index beyond unsigned's range was undefined behaviour (fonts.c)
fonts_case face-out-of-range
sed -i '/NotoSerif-Regular/s/"face": 0/"face": 1e10/' "$c/fonts/fonts.json"
run 3 --fonts fonts
expect 'fonts/fonts.json:4:102: error: 10000000000 is out of range (0 to 65535) [$.fonts[0].face]'
expect_briefs ""
# The build's keys hash the fonts' bytes, not their pins: a font without a
# pin builds; one replaced under its name changes the keys (its briefs are
# rebuilt); one that no longer matches its pin is a warning, and built.
manifest_fonts() {  # "KEY NotoSerif-Regular.ttf's SHA-256" of the first brief
  python3 -c 'import json,sys; b=json.load(open(sys.argv[1]))["briefs"][0]; print(b["key"], [f["sha256"] for f in b["fonts"] if f["file"] == "NotoSerif-Regular.ttf"][0])' "$c/out/manifest.json"
}
fonts_case no-hash
ln -s "$BUILD/fonts/NotoSerif-Regular.ttf" "$c/fonts/"
sed -i '/NotoSerif-Regular/s/, *"sha256": "[0-9a-f]*"//' "$c/fonts/fonts.json"
run 0 --fonts fonts
[ -z "$(cat "$c/log")" ] || fail "a font without a pin: $(cat "$c/log")"
expect_briefs "$haykal_briefs"
pinned=$(manifest_fonts)
[ "${pinned#* }" = "$(sha256sum "$BUILD/fonts/NotoSerif-Regular.ttf" | cut -d' ' -f1)" ] || fail "the key does not hash the font's bytes: $pinned"
rm "$c/fonts/NotoSerif-Regular.ttf"
cp "$BUILD/fonts/NotoSerif-Bold.ttf" "$c/fonts/NotoSerif-Regular.ttf"
run 0 --fonts fonts
replaced=$(manifest_fonts)
[ "${replaced#* }" = "$(sha256sum "$BUILD/fonts/NotoSerif-Bold.ttf" | cut -d' ' -f1)" ] || fail "a replaced font kept its old hash: $replaced"
[ "${replaced%% *}" != "${pinned%% *}" ] || fail "a replaced font left the keys as they were"
(cd "$c" && "$EVBRIEF" check --inputs inputs --out out --fonts fonts >"$c/check.log" 2>&1) || fail "check after the rebuild: $(cat "$c/check.log")"
cp "$BUILD/fonts/fonts.json" "$c/fonts/"
run 0 --fonts fonts
expect 'fonts/NotoSerif-Regular.ttf: warning: its SHA-256 is '
expect 'pinned in fonts/fonts.json: the briefs are set in the font as found'

# ---- an unwritable out/ ------------------------------------------------------------------------

new_case out-under-a-file
touch "$c/file"
(cd "$c" && "$EVBRIEF" build --inputs inputs --out file/out --quiet >log 2>&1); code=$?
[ $code = 3 ] || fail "exit code $code, expected 3"
expect 'evbrief build: error: file exists and is not a directory'

new_case out-is-a-file
touch "$c/out"
(cd "$c" && "$EVBRIEF" build --inputs inputs --out out --quiet >log 2>&1); code=$?
[ $code = 3 ] || fail "exit code $code, expected 3"
expect 'evbrief build: error: out exists and is not a directory'
[ -f "$c/out" ] && [ ! -s "$c/out" ] || fail "the file named out was changed"

new_case out-in-proc
(cd "$c" && "$EVBRIEF" build --inputs inputs --out /proc/evbrief-hostile --quiet >log 2>&1); code=$?
[ $code = 3 ] || fail "exit code $code, expected 3"
expect 'evbrief build: error: cannot create /proc/evbrief-hostile: No such file or directory'

# A directory that exists but takes no file, even from root (/proc/self: as
# the test suite runs as root in CI, a chmod would not stop it): every
# brief fails, the manifest too, counted apart; --json says so.
new_case out-unwritable-dir
(cd "$c" && "$EVBRIEF" build --inputs inputs --out /proc/self --indication hair-restoration >log 2>&1); code=$?
[ $code = 3 ] || fail "exit code $code, expected 3"
expect '/proc/self/hair-restoration.en.pdf: error: PDF: cannot write the file: '
expect '/proc/self/manifest.json: error: cannot write: '
expect 'done: built 0, unchanged 0, failed 3; the manifest was not written'
(cd "$c" && "$EVBRIEF" build --inputs inputs --out /proc/self --indication hair-restoration --json 2>/dev/null) \
  | python3 -c "import json,sys; d=json.load(sys.stdin); assert d['failed'] == 3 and d['manifest_written'] is False, d" \
  || fail "--json of an unwritable out/"

# One brief's path taken by a directory: that brief fails, the others are built.
new_case brief-path-taken
mkdir -p "$c/out/skin-aging.fa.pdf"
run 3
expect 'out/skin-aging.fa.pdf: error: PDF: cannot write the file: Is a directory'
[ -d "$c/out/skin-aging.fa.pdf" ] || fail "the directory in the way was removed"
[ "$(ls "$c"/out/*.pdf -d | wc -l)" = 9 ] || fail "the other 8 briefs were not all built"

# ---- a full disk ----------------------------------------------------------------------------------

# A file size limit (ulimit -f; SIGXFSZ ignored, so writes fail with EFBIG
# as on a full disk) just above the largest English brief: the English
# briefs fit, the larger Persian and Chinese ones do not. Those fail, with
# no partial file left; the others are built and listed in the manifest.
# (The same build unlimited, first, gives the sizes: builds are
# byte-identical.)
new_case full-disk
(cd "$c" && "$EVBRIEF" build --inputs inputs --out reference --quiet) || fail "reference build"
limit_kb=$(( ($(stat -c %s "$c"/reference/*.en.pdf | sort -n | tail -n 1) + 1023) / 1024 + 1 ))
fits=$(cd "$c/reference" && for f in *.pdf; do [ "$(stat -c %s "$f")" -lt $((limit_kb * 1024)) ] && echo "$f"; done | sort | tr '\n' ' ' | sed 's/ $//')
[ "$fits" != "$haykal_briefs" ] && [ "$(echo "$fits" | wc -w)" -ge 3 ] || fail "no brief larger than ${limit_kb} KB: $fits"
before=$(outside)
(cd "$c" && trap '' XFSZ && ulimit -f $limit_kb && exec "$EVBRIEF" build --inputs inputs --out out --quiet >log 2>&1); code=$?
[ $code = 3 ] || fail "exit code $code, expected 3"
[ "$(outside)" = "$before" ] || fail "something was written outside out/"
expect 'error: PDF: cannot write the file: File too large'
expect_briefs "$fits"
for f in $fits; do cmp -s "$c/out/$f" "$c/reference/$f" || fail "$f differs from the unlimited build's"; done
[ -z "$(ls -A "$c/out" | grep -vE '^[a-z-]+\.(en|fa|zh)\.pdf$|^manifest\.json$')" ] || fail "partial files: $(ls -A "$c/out")"
python3 -c "
import json, sys
m = json.load(open(sys.argv[1]))
assert sorted(b['file'] for b in m['briefs']) == sys.argv[2].split(), m
" "$c/out/manifest.json" "$fits" || fail "the manifest does not list exactly the briefs built"

# Full before the manifest: the briefs that fit are up to date, the
# manifest (several KB) does not fit in 1 KB: the reason is given, the old
# manifest stays as it was.
cp "$c/out/manifest.json" "$c/manifest.before"
[ "$(stat -c %s "$c/manifest.before")" -gt 1024 ] || fail "the manifest is too small for this case"
(cd "$c" && trap '' XFSZ && ulimit -f 1 && exec "$EVBRIEF" build --inputs inputs --out out --locale en --quiet >log 2>&1); code=$?
[ $code = 3 ] || fail "exit code $code, expected 3 (manifest)"
expect 'out/manifest.json: error: cannot write: File too large'
cmp -s "$c/out/manifest.json" "$c/manifest.before" || fail "the manifest was damaged"
[ -z "$(ls -A "$c/out" | grep -vE '^[a-z-]+\.(en|fa|zh)\.pdf$|^manifest\.json$')" ] || fail "partial files: $(ls -A "$c/out")"

echo "ok: hostile inputs"
