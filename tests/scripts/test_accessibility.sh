#!/usr/bin/env bash
# Tagged PDF (PDF/UA-1) and PDF/A-2u: every brief of the corpus passes
# tests/tools/check_tagged.py; the structure tree reads the Chinese
# headings as written (pdfinfo -struct-text) and gives the Persian ones as
# written through /ActualText (Persian is drawn as seen, which poppler's
# reader takes in drawing order); the output intent embeds Debian's sRGB profile; two
# builds are byte-identical; and the checker catches each fault it claims
# to, on briefs broken on purpose. See docs/accessibility.md.
set -u
fail() { echo "FAIL: $*"; exit 1; }
out="$BUILD/test-tagged"
rm -rf "$out" && mkdir -p "$out"
export SOURCE_DATE_EPOCH=1767225600
py=/usr/bin/python3
checker="$SRC/tests/tools/check_tagged.py"
icc=/usr/share/color/icc/sRGB.icc
[ -f "$icc" ] || fail "$icc is missing: apt-get install icc-profiles-free"

"$EVBRIEF" build --inputs "$SRC/inputs" --out "$out/a" --quiet || fail "build a"
"$EVBRIEF" build --inputs "$SRC/inputs" --out "$out/b" --quiet || fail "build b"
[ "$(ls "$out/a"/*.pdf | wc -l)" = 21 ] || fail "expected 21 PDFs"
for f in "$out"/a/*.pdf; do
  cmp -s "$f" "$out/b/$(basename "$f")" || fail "two builds of $(basename "$f") differ"
done

# Every brief; poppler reads the tree of the fa and zh briefs too (it is slow:
# it interprets a page once per MCID).
$py "$checker" --icc "$icc" --struct-text 'inflammatory-skin-disease.[fz][ah].pdf' "$out/a" || fail "tagged-PDF checks"

fa="$out/a/inflammatory-skin-disease.fa.pdf"
zh="$out/a/inflammatory-skin-disease.zh.pdf"
for f in "$fa" "$zh"; do
  pdfinfo "$f" | grep -q "^Tagged: *yes" || fail "$(basename "$f") is not tagged"
  pdfinfo "$f" | grep -q "^Metadata Stream: *yes" || fail "$(basename "$f") has no XMP"
done

# Chinese: pdfinfo -struct-text reads the section headings, in order.
st=$(pdfinfo -struct-text "$zh") || fail "pdfinfo -struct-text $zh"
[ "$(echo "$st" | head -1)" = "Document" ] || fail "zh: the tree does not start with Document"
at=0
for h in 临床摘要 证据概览 综述比较 各综述的发现 人体研究 安全性与监管状况 局限性与证据空白 参考文献 关于本简报; do
  n=$(echo "$st" | grep -n -x " *\"$h\"" | cut -d: -f1 | awk -v at="$at" '$1 > at {print; exit}')
  [ -n "$n" ] || fail "zh: heading $h not read after line $at by pdfinfo -struct-text"
  at=$n
done

# The title block is a table of row headers and values, not run-on text:
# "Covers" (the conditions) then its value, as a TH (Scope Row) and a TD
# of one TR.
echo "$st" | sed -n '1,40p' | tr -d '\n' | grep -q 'TR *TH: */Scope /Row *"包括" *TD *"' \
  || fail "zh: the title block's first row is not TR > TH (Scope Row) + TD: $(echo "$st" | sed -n '1,20p')"

# Table cells: a cell of several lines of text ("Pegah Tamimi, 2025" /
# "Persian") holds one P per line, not one run-on string, and a cell of
# bullets is a list whose label comes before its body.
flat=$(echo "$st" | tr -d '\n')
echo "$flat" | grep -q 'TD *P (block) *"Pegah Tamimi，2025" *P (block) *"波斯语"' \
  || fail "zh: the review cell is not two P elements"
echo "$flat" | grep -q 'TD *L (block): */ListNumbering /Disc *LI (block) *Lbl (block) *"•" *LBody (block) *"' \
  || fail "zh: a cell's bullets are not L > LI > Lbl + LBody"

# Persian: every H1 carries its heading as /ActualText, in order; poppler's
# pdfinfo -struct-text, which ignores /ActualText and reads the marked
# content in drawing order, still meets the nine H1 elements with the same
# letters.
$py - "$fa" <<'PY' || fail "fa: the section headings are not the H1s' /ActualText, in order"
import sys, pikepdf
want = ["خلاصه برای پزشک", "شواهد در یک نگاه", "مقایسهٔ مرورها", "یافته‌ها به تفکیک مرور", "مطالعات انسانی",
        "ایمنی و وضعیت قانونی", "محدودیت‌ها و خلأهای شواهد", "منابع", "دربارهٔ این خلاصه"]
pdf = pikepdf.open(sys.argv[1])
found, stack = [], [pdf.Root.StructTreeRoot]
while stack:
    e = stack.pop()
    if not isinstance(e, pikepdf.Dictionary):
        continue
    if e.get("/S") == "/H1":
        found.append(str(e.get("/ActualText", "")))
    kids = e.get("/K")
    stack.extend(reversed(list(kids)) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else [])
at = 0
for h in want:
    assert h in found[at:], f"{h!r} not among the H1s after {at}: {found}"
    at = found.index(h, at) + 1
PY
pdfinfo -struct-text "$fa" | grep -c "^  H1 (block)$" | awk '$1 < 9 {exit 1}' || fail "fa: fewer than 9 H1 elements read by pdfinfo"

# The chart's alternative text says everything the chart shows, the sizes
# of the human studies (its last column) included.
$py - "$out/a/skin-aging.en.pdf" <<'PY' || fail "en: the chart's /Alt lacks the human study sizes"
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
def walk(e):
    yield e
    k = e.get("/K")
    for x in (k if isinstance(k, pikepdf.Array) else [k]):
        if isinstance(x, pikepdf.Dictionary) and "/S" in x:
            yield from walk(x)
alts = [str(e.Alt) for e in walk(pdf.Root.StructTreeRoot.K[0]) if e.S == "/Figure"]
assert len(alts) == 1, alts
assert ("Jiani Xiang et al., 2026 (in vitro 8, animal 4, human trial 6, expert opinion / mechanism 22; "
        "human studies (n): n = 30, 30, 15*, 28*, 72; 1 × not stated)") in alts[0], alts[0]
assert "\u2068" not in alts[0] and "\u2069" not in alts[0], alts[0]
PY

# The profile in every brief is the Debian file, byte for byte (also
# checked by --icc above), the one pinned in CMakeLists.txt, from which
# cmake/Icc.cmake generated the build tree's pdf_srgb.c.
sha=$(sha256sum "$icc" | cut -d' ' -f1)
grep -q "SHA256 $sha" "$SRC/CMakeLists.txt" || fail "$icc changed (sha256 $sha): review it, then update the pin in CMakeLists.txt"
grep -q "SHA-256 $sha" "$BUILD/generated/pdf_srgb.c" || fail "the generated pdf_srgb.c does not name the pinned profile"

# The checker catches what it claims to: each brief broken on purpose fails
# with the expected complaint.
$py - "$SRC/tests/tools" "$out/a/systemic-anti-aging.en.pdf" "$out/broken" <<'PY' || fail "the checker misses faults"
import pathlib, sys
import pikepdf
sys.path.insert(0, sys.argv[1])
import check_tagged

source, work = pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
work.mkdir(parents=True, exist_ok=True)

def elements(pdf):
    def walk(e):
        yield e
        for k in (e.K if isinstance(e.get("/K"), pikepdf.Array) else [e.get("/K")]):
            if isinstance(k, pikepdf.Dictionary) and "/S" in k:
                yield from walk(k)
    return list(walk(pdf.Root.StructTreeRoot.K[0]))

def first(pdf, s):
    return next(e for e in elements(pdf) if e.S == s)

def unmarked(pdf):
    pdf.pages[0].contents_add(pdf.make_stream(b"0 0 m 10 10 l S"), prepend=False)

def swapped(pdf):
    kids = pdf.Root.StructTreeRoot.K[0].K
    kids[1], kids[2] = kids[2], kids[1]

def no_mcid(pdf):
    p = first(pdf, "/P")
    p.K = pikepdf.Array([])

def no_th(pdf):
    for e in elements(pdf):
        if e.S == "/TH":
            e.S = pikepdf.Name.TD

def no_alt(pdf):
    del first(pdf, "/Figure")["/Alt"]

def other_title(pdf):
    pdf.trailer.Info.Title = pikepdf.String("Another title")

def no_intent(pdf):
    del pdf.Root["/OutputIntents"]

def no_tounicode(pdf):
    _, font = next(iter(pdf.pages[0].Resources.Font.items()))
    del font["/ToUnicode"]

def wrong_actual_text(pdf):
    first(pdf, "/H1").ActualText = pikepdf.String("Something else")

def no_lang(pdf):
    del pdf.Root["/Lang"]

def loose_link(pdf):
    annot = next(a for page in pdf.pages for a in page.obj.get("/Annots", []))
    del annot["/StructParent"]

def alpha(pdf):
    page = pdf.pages[0]
    page.Resources.ExtGState = pikepdf.Dictionary(GS9=pikepdf.Dictionary(ca=0.5))

def no_pdfua(pdf):
    xmp = pdf.Root.Metadata.read_bytes().replace(b"<pdfuaid:part>1</pdfuaid:part>", b"")
    pdf.Root.Metadata.write(xmp)

def no_parent_tree_entry(pdf):
    del pdf.pages[0].obj["/StructParents"]

faults = [
    (unmarked, "painting operator(s) outside marked content"),
    (swapped, "out of content order"),
    (no_mcid, "belong to no element"),
    (no_th, "a Table without TH cells"),
    (no_alt, "a Figure without /Alt"),
    (other_title, "/Info /Title 'Another title' differs from the XMP"),
    (no_intent, "0 GTS_PDFA1 output intents"),
    (no_tounicode, "has no ToUnicode map"),
    (wrong_actual_text, "is not the text drawn"),
    (no_lang, "no /Lang on the catalog"),
    (loose_link, "/StructParent does not lead to its Link element"),
    (alpha, "constant alpha below 1"),
    (no_pdfua, "pdfuaid:part 1"),
    (no_parent_tree_entry, "no /StructParents entry"),
]
missed = []
problems = []
check_tagged.check(source, None, [], problems)
assert not problems, problems
for fault, expected in faults:
    pdf = pikepdf.open(source)
    fault(pdf)
    path = work / f"{fault.__name__}.pdf"
    pdf.save(path)
    problems = []
    check_tagged.check(path, None, [], problems)
    if not any(expected in p for p in problems):
        missed.append(f"{fault.__name__}: expected {expected!r}, got {problems[:3]}")
for m in missed:
    print("MISSED", m)
sys.exit(1 if missed else 0)
PY
echo "ok: 21 briefs tagged and PDF/A-2u as far as check_tagged.py can tell"
