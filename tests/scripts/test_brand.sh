#!/usr/bin/env bash
# Clinic branding (inputs/brand.json, docs/input-format.md): the fictional
# example of docs/examples/brand/ validates (evbrief and the JSON Schema);
# every branded brief prints the clinic's name, contact line and
# disclaimer in its language, has its Author and keywords in /Info and the
# XMP, embeds the logo once (an image and its soft mask) as a Figure with
# /Alt in the brief's language, and passes qpdf and check_tagged.py; the
# inputs' digest is the XMP's dc:source, not printed; brand.json and the
# logo make the briefs stale; an invalid brand.json writes no PDF.
set -u
fail() { echo "FAIL: $*"; exit 1; }
t="$BUILD/test-brand"
rm -rf "$t" && mkdir -p "$t"
export SOURCE_DATE_EPOCH=1767225600
py=/usr/bin/python3
cp -r "$SRC/inputs" "$t/inputs"
cp "$SRC/docs/examples/brand/brand.json" "$SRC/docs/examples/brand/logo.png" "$t/inputs/"
build() { "$EVBRIEF" build --inputs "$t/inputs" "$@"; }

out=$("$EVBRIEF" validate --inputs "$t/inputs" 2>&1) || fail "validate: $out"
echo "$out" | grep -q "5 valid review(s), a valid brand.json, 0 invalid file(s), 0 error(s)" || fail "validate: $out"
# validate FILE: brand.json checked as a brand (its logo beside it), alone
# or with reviews; anywhere, as the example in docs/
out=$("$EVBRIEF" validate --inputs "$t/inputs" "$t/inputs/brand.json" "$t/inputs/reviews/he-2026.json" 2>&1) || fail "validate brand.json: $out"
echo "$out" | tail -1 | grep -qx "7 indication(s), 1 valid review(s), a valid brand.json, 0 invalid file(s), 0 error(s)" || fail "validate brand.json: $out"
"$EVBRIEF" validate --inputs "$t/inputs" "$SRC/docs/examples/brand/brand.json" >/dev/null 2>&1 || fail "validate the example brand.json"
"$EVBRIEF" validate --inputs "$t/inputs" --json "$t/inputs/brand.json" | $py -c "import json,sys; d=json.load(sys.stdin); assert d['brand'] and d['valid'] and d['diagnostics'] == [], d" \
  || fail "validate --json brand.json"
sed 's/"logo.png"/"gone.png"/' "$t/inputs/brand.json" > "$t/brand.json"
err=$("$EVBRIEF" validate --inputs "$t/inputs" "$t/brand.json" 2>&1 >/dev/null); [ $? = 1 ] || fail "a brand.json with a missing logo should exit 1"
echo "$err" | head -1 | grep -qxF "$t/brand.json:9:13: error: the logo \"gone.png\" cannot be read: No such file or directory [\$.logo.file]" || fail "missing logo: $err"
$py "$SRC/tests/tools/schema_check.py" "$t/inputs" | grep -q "brand.json, 0 schema error(s)" || fail "schema check"

build --out "$t/out" --quiet || fail "branded build"
[ "$(ls "$t/out"/*.pdf | wc -l)" = 21 ] || fail "21 PDFs expected"
for f in "$t/out"/photoaging.*.pdf "$t/out"/skin-aging.fa.pdf; do
  qpdf --check "$f" >/dev/null || fail "qpdf --check $(basename "$f")"
  pdfinfo "$f" | grep -q "^Author: *Example Skin Clinic$" || fail "$(basename "$f"): Author"
  # one image and its soft mask, one object each, on page 1
  imgs=$(pdfimages -list "$f" | tail -n +3)
  [ "$(echo "$imgs" | awk '{print $3}' | tr '\n' ' ')" = "image smask " ] || fail "$(basename "$f"): images: $imgs"
  [ "$(echo "$imgs" | awk '$1 != 1' | wc -l)" = 0 ] || fail "$(basename "$f"): an image beyond page 1"
done
# the branded title block and disclaimer move the page breaks: the keeps
# (no heading, caption, attribution or original parted from what follows
# it) and the page fill hold as in the unbranded briefs
$py - "$t/out" "$SRC/tests/tools" <<'PY' || fail "page flow of the branded briefs"
import pathlib, sys
sys.path.insert(0, sys.argv[2])
import check_typography as ct
problems = []
pdfs = sorted(pathlib.Path(sys.argv[1]).glob("*.pdf"))
keeps, pages = ct.check_keeps(pdfs, problems), ct.check_fill(pdfs, problems)
print("\n".join(problems))
assert not problems and keeps["headings"] > 400 and pages > 200, (keeps, pages)
PY
$py "$SRC/tests/tools/check_tagged.py" --icc /usr/share/color/icc/sRGB.icc --struct-text 'photoaging.en.pdf' \
  "$t/out" >/dev/null || fail "tagged-PDF checks of the branded briefs"

$py - "$t/out" "$t/inputs" "$SRC/tests/tools" <<'PY' || fail "branded content"
import hashlib, json, pathlib, re, subprocess, sys
import pikepdf
out, inputs = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
sys.path.insert(0, sys.argv[3])
from check_briefs import compact as plain
def compact(text):
    # letters and digits: poppler mirrors brackets and moves neutral
    # punctuation in right-to-left lines
    return re.sub(r"\W", "", plain(text))
brand = json.loads((inputs / "brand.json").read_text())
manifest = {b["file"]: b for b in json.loads((out / "manifest.json").read_text())["briefs"]}
tags = {"en": "en", "fa": "fa", "zh": "zh-Hans"}
for locale, tag in tags.items():
    name = f"photoaging.{locale}.pdf"
    pages = subprocess.run(["pdftotext", str(out / name), "-"], capture_output=True, text=True).stdout.split("\f")[:-1]
    first, last = compact(pages[0]), compact("".join(pages[-2:]))
    org, contact, disclaimer = (compact(brand[k][tag]) for k in ("organisation", "contact", "disclaimer"))
    title = compact(str(pikepdf.open(out / name).trailer.Info.Title))
    assert org in first, (name, "organisation")
    assert locale == "fa" or first.index(org) < first.rindex(title), (name, "organisation above the title")
    # word by word: poppler reads some Persian footer lines in visual order
    parts = [compact(word) for word in brand["contact"][tag].split() if compact(word)]
    assert all(part in compact(p) for p in pages for part in parts), (name, "contact line on every page")
    assert disclaimer in last, (name, "disclaimer")
    assert "Inputs digest" not in pages[0] and not re.search(r"\b[0-9a-f]{16}\b", pages[0]), (name, "digest printed")
    pdf = pikepdf.open(out / name)
    info = pdf.trailer.Info
    assert str(info.Keywords).endswith("sun damage" + ("، " if locale == "fa" else "、" if locale == "zh" else ", ")
                                       + "Example Skin Clinic"), str(info.Keywords)
    xmp = pdf.Root.Metadata.read_bytes().decode()
    assert f"<pdf:Keywords>{info.Keywords}</pdf:Keywords>" in xmp, name
    assert "<rdf:li>Example Skin Clinic</rdf:li>" in xmp, (name, "dc:creator")
    b = manifest[name]
    assert [i["file"] for i in b["inputs"]][-2:] == ["brand.json", "logo.png"], b["inputs"]
    digest = hashlib.sha256("".join(f"{i['file']} {i['sha256']}\n" for i in b["inputs"]).encode()).hexdigest()
    assert f"<dc:source>sha256:{digest}</dc:source>" in xmp, (name, "dc:source")
    def walk(e):
        yield e
        k = e.get("/K")
        for x in (k if isinstance(k, pikepdf.Array) else [k]):
            if isinstance(x, pikepdf.Dictionary) and "/S" in x:
                yield from walk(x)
    figures = [e for e in walk(pdf.Root.StructTreeRoot.K[0]) if e.S == "/Figure"]
    assert str(figures[0].Alt) == brand["logo"]["alt"][tag], (name, str(figures[0].Alt))
    assert len(figures) == 2, (name, len(figures))  # the logo and the chart
# no keywords named for skin-aging: the locale's own
assert str(pikepdf.open(out / "skin-aging.en.pdf").trailer.Info.Keywords) == "exosome therapy, evidence brief, dermatology"
PY

# The checker catches a soft mask PDF/A does not allow, and an interpolated image.
$py - "$SRC/tests/tools" "$t/out/photoaging.en.pdf" "$t/broken" <<'PY' || fail "the checker misses image faults"
import pathlib, sys
import pikepdf
sys.path.insert(0, sys.argv[1])
import check_tagged
work = pathlib.Path(sys.argv[3]); work.mkdir()
for fault, expected in [("rgb_mask", "not an 8-bit DeviceGray image"), ("interpolate", "/Interpolate true")]:
    pdf = pikepdf.open(sys.argv[2])
    image = next(v for _, v in pdf.pages[0].Resources.XObject.items())
    if fault == "rgb_mask":
        image.SMask.ColorSpace = pikepdf.Name.DeviceRGB
    else:
        image.Interpolate = True
    pdf.save(work / f"{fault}.pdf")
    problems = []
    check_tagged.check(work / f"{fault}.pdf", None, [], problems)
    assert any(expected in p for p in problems), (fault, problems[:3])
PY

# Without brand.json: Author evbrief, no image, no clinic.
"$EVBRIEF" build --inputs "$SRC/inputs" --out "$t/plain" --indication photoaging --quiet || fail "plain build"
pdfinfo "$t/plain/photoaging.en.pdf" | grep -q "^Author: *evbrief$" || fail "plain: Author"
[ "$(pdfimages -list "$t/plain/photoaging.en.pdf" | tail -n +3 | wc -l)" = 0 ] || fail "plain: an image"
pdftotext "$t/plain/photoaging.en.pdf" - | grep -q "Example Skin Clinic\|Inputs digest" && fail "plain: clinic or digest printed"

# brand.json and the logo are inputs of every brief: changing either makes all 21 stale.
"$EVBRIEF" check --inputs "$t/inputs" --out "$t/out" >/dev/null || fail "check after the build"
$py -c "import sys; from PIL import Image; im = Image.open(sys.argv[1]); im.putpixel((0, 0), (1, 2, 3, 255)); im.save(sys.argv[1])" "$t/inputs/logo.png"
out=$("$EVBRIEF" check --inputs "$t/inputs" --out "$t/out") && fail "check passes with a new logo"
echo "$out" | grep -q "21 brief(s) checked, 21 missing or stale" || fail "check, new logo: $out"
echo "$out" | grep -q "stale    photoaging.fa.pdf  (changed: logo.png)" || fail "check names the logo: $out"
build --out "$t/out" --quiet || fail "rebuild"
sed -i 's/"author": "Example Skin Clinic"/"author": "Example Skin Clinic, Sampletown"/' "$t/inputs/brand.json"
out=$("$EVBRIEF" check --inputs "$t/inputs" --out "$t/out") && fail "check passes with a new brand.json"
echo "$out" | grep -q "stale    skin-aging.en.pdf  (changed: brand.json)" || fail "check names brand.json: $out"

# An invalid brand.json: exit 1, no brief written, nothing half-written.
sed -i 's/"author"/"auther"/' "$t/inputs/brand.json"
out=$(build --out "$t/bad" 2>&1) && fail "build with an invalid brand.json succeeded"
echo "$out" | grep -q 'brand.json:[0-9]*:[0-9]*: error: unknown field "auther"; did you mean "author"? \[\$.auther\]' || fail "build: $out"
[ -z "$(ls -A "$t/bad" 2>/dev/null | grep -v '^manifest.json$')" ] || fail "files written: $(ls -A "$t/bad")"
echo "ok: branded briefs, their metadata, logo, staleness and errors"
