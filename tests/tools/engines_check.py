#!/usr/bin/env python3
"""Does every PDF engine a clinic uses read the briefs' Persian and Chinese?

For every brief, the text of each page is taken as four readers give it:
  poppler  pdftotext (Evince, Okular, most Linux tools)
  pdfjs    pdf.js 6, text content items as Firefox's text layer copies them
  pdfium   PDFium, page.getText() as Chrome and Edge copy and search
  struct   the structure tree: an element's /ActualText where it has one
           (what Acrobat and PDF/UA readers use), else the text of its
           marked content in drawing order (as `pdfinfo -struct-text`)
and every Persian or Chinese string of inputs/ (the reviews' text objects,
table cells and references, the indication names) that the brief prints
must come back from each of them verbatim.

"Prints" means: found by at least one of the four readers. "Verbatim", after
normalising what is typography, not text:
  - Unicode NFC; white-space runs are one space; line and page breaks are
    white space, and white space next to a CJK character is dropped (a line
    break in Chinese is no space; the quarter-em gap between Han and Latin
    is spacing);
  - bidi controls (U+200E/F, U+061C, U+202A-E, U+2066-9) are ignored: some
    extractors add them around right-to-left text;
  - the running head and the page number (among the first two and last two
    lines of a page, when they recur on most pages) are dropped, so that a
    paragraph broken across pages reads on; PDFium's U+FFFE for a line-end
    hyphen it takes for hyphenation is read as the hyphen;
  - for pdf.js only: U+200C ZERO WIDTH NON-JOINER is ignored, since pdf.js
    drops every format character (\\p{Cf}) from text content by design.
A string that is not verbatim fails, unless the difference is one of
these, each counted and listed (SPACING) rather than failed:
  - white space only: pdf.js drops the space where a line changes font
    (a Latin word in a Persian line), since each font starts a text item;
  - in a Persian string with Latin words, digits or brackets, only the
    spaces and punctuation where the direction changes: each engine places
    those neutrals by its own simplified bidi rules;
  - poppler: only punctuation (it treats , . : / - + and the Arabic comma as
    digits when it reorders a line); a Persian line on a page that is
    mostly left to right (poppler then reads its pieces left to right);
  - a table cell of several lines: line-based readers meet its lines among
    those of its row's other cells, so its words must be there, not in order;
  - KNOWN_DEFECTS below, listed as KNOWN.
Arabic presentation forms (U+FB50-FDFF, U+FE70-FEFF) in any reader's text
always fail.

    engines_check.py --inputs DIR [--node-dir DIR] [--report FILE] PDF...

Exit 0 when every printed string reads back from every reader within these
rules; 1 otherwise, listing each failure (brief, reader, string, and where
the reader parts from it).
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import unicodedata

import pikepdf

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import check_tagged  # noqa: E402

READERS = ("poppler", "pdfjs", "pdfium", "struct")
BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]")
CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
CJK_GAP = re.compile(f"(?<=[{CJK}]) | (?=[{CJK}])")
FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
ARABIC = re.compile("[\u0600-\u06ff]")
HAN = re.compile("[\u4e00-\u9fff]")
ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
LTR_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u3040-\u30ff\u4e00-\u9fff]")


def norm(text, reader):
    # PDFium marks a line-end hyphen it takes for hyphenation with U+FFFE
    text = unicodedata.normalize("NFC", BIDI.sub("", text.replace("\ufffe", "-")))
    if reader == "pdfjs":
        text = text.replace("\u200c", "")
    text = re.sub(r"\s+", " ", text)
    return CJK_GAP.sub("", text).strip()


LTR_IN_RTL = re.compile(f"[A-Za-z0-9()\\[\\]{CJK}]")
NOT_WORD = re.compile(r"[^\w\u200c]+")


def is_mixed(s):
    """A Persian string with Latin words, Latin digits or brackets in it: it
    changes direction inside, where every engine resolves the neutrals
    (spaces, brackets, commas) by its own heuristics."""
    return bool(ARABIC.search(s) and LTR_IN_RTL.search(s))


SCRIPT_CHANGE = re.compile(f"(?<=[\u0600-\u06ff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u0600-\u06ff])|(?=[{CJK}])|(?<=[{CJK}])")


def words_of(s):
    """Its words: the runs of letters and digits of one script; every
    Chinese character a word of its own."""
    return {w for w in NOT_WORD.split(SCRIPT_CHANGE.sub(" ", s)) if w}


def nospace(s):
    return s.replace(" ", "")


def skeleton(s):
    """Letters and digits only, in order: what must survive every engine."""
    return NOT_WORD.sub("", s)


def strings_of(obj, out):
    """Every Persian or Chinese string in a JSON document."""
    if isinstance(obj, str):
        if ARABIC.search(obj) or HAN.search(obj):
            out.add(obj)
    elif isinstance(obj, dict):
        for v in obj.values():
            strings_of(v, out)
    elif isinstance(obj, list):
        for v in obj:
            strings_of(v, out)


def input_strings(inputs):
    out = set()
    for path in sorted(pathlib.Path(inputs).rglob("*.json")):
        if "schema" in path.parts:
            continue
        strings_of(json.loads(path.read_text(encoding="utf-8")), out)
    return sorted(out)


def table_cells(inputs):
    """The strings that briefs set in table cells: the reviews' own tables'
    cells and headers, a review's own rating (in the comparison table) and
    the human studies' fields (the human-studies table)."""
    out = set()
    for path in sorted(pathlib.Path(inputs, "reviews").glob("*.json")):
        review = json.loads(path.read_text(encoding="utf-8"))
        for table in review.get("tables", []):
            strings_of([table.get("rows", []), table.get("header", []), table.get("header_renderings", {})], out)
        strings_of(review.get("own_rating", {}), out)
        for study in review.get("human_studies", []):   # the human-studies table
            strings_of({k: v for k, v in study.items() if k not in ("id", "indications", "refs")}, out)
    return out


# Engine defects no drawing of the text can avoid, each with the reader it
# affects and a test of the string it garbles; such a string may fail with
# that reader, and is listed as KNOWN:
#  - PDFium splits a line into segments of strong and of weak direction
#    (digits, hyphens, slashes are weak) and, in a right-to-left line, puts
#    the segments in reverse order: in a Persian line «miR-1246» reads
#    «-1246miR», «TLR4» «4TLR», and two Latin words in a row swap places;
#  - PDFium reverses each word of a Persian phrase inside a left-to-right
#    line, but not their order (a Persian journal name in an English
#    reference): «پوست و زیبایی» reads «زیبایی و پوست»;
#  - poppler splits a line at every Latin letter, digit (Persian ones too)
#    and , . : / - + into
#    sections and reverses only the right-to-left ones, so in a Persian line
#    mixed with Latin words or digits the pieces may come out of order;
#  - pdf.js does not mirror brackets and quotation marks when it reverses a
#    right-to-left text item, so it gives the one the glyph shows: «…»
#    reads »…«. (PDFium mirrors them, and needs the glyph's own character:
#    the two cannot both be served.)
LATIN_WITH_WEAK = re.compile(r"[A-Za-z][0-9]|[0-9][A-Za-z]|[A-Za-z0-9][-/.+:,][A-Za-z0-9]|[A-Za-z0-9]+[ ،,/]+[A-Za-z]")
MIRRORED = re.compile(r"[()\[\]{}<>«»‹›]")
KNOWN_DEFECTS = [
    # a string that changes direction inside: all its words must be there
    ("pdfium", lambda s, got: is_mixed(s) and words_of(s) <= words_of(got)),
    ("pdfjs", lambda s, got: is_mixed(s) and words_of(s) <= words_of(got)),
    ("pdfium", lambda s, got: ARABIC.search(s) and LATIN_WITH_WEAK.search(s)),
    ("pdfium", lambda s, got: ARABIC.search(s) and " ".join(reversed(s.split())) in got),
    ("poppler", lambda s, got: is_mixed(s) or re.search("[\u06f0-\u06f9]", s)),
    ("pdfjs", lambda s, got: ARABIC.search(s) and MIRRORED.search(s) and
     nospace(MIRRORED.sub("", s)) in nospace(MIRRORED.sub("", got))),
]


def known_defect(reader, s, text):
    return any(r == reader and test(s, text) for r, test in KNOWN_DEFECTS)


def drop_furniture(pages):
    """Pages' lines without the running head and page number: a line among
    the first two or last two of a page (pdf.js meets the head after the
    body) that recurs on most pages, digits aside."""
    split = [[l for l in p.splitlines() if l.strip()] for p in pages]
    if len(split) < 3:
        return "\n".join("\n".join(p) for p in split)
    key = lambda l: re.sub(r"[0-9\u06f0-\u06f9]+", "#", norm(l, "key"))
    counts = {}
    for lines in split:
        for l in {key(x) for x in lines[:2] + lines[-2:]}:
            counts[l] = counts.get(l, 0) + 1
    recurring = {k for k, n in counts.items() if n * 2 >= len(split)}
    kept = []
    for lines in split:
        edge = set(range(min(2, len(lines)))) | set(range(max(0, len(lines) - 2), len(lines)))
        kept.extend(l for i, l in enumerate(lines) if not (i in edge and key(l) in recurring))
    return "\n".join(kept)


def poppler_page_is_ltr(page):
    """poppler's choice for a page (TextPage::coalesce): left to right
    unless it has more right-to-left letters than left-to-right ones."""
    rtl = len(ARABIC_LETTER.findall(page))
    ltr = len(LTR_LETTER.findall(page))
    return ltr >= rtl


def poppler_pages(pdf):
    out = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return out.split("\f")


def struct_text(pdf):
    """The structure tree's text as its readers get it, element by element
    in tree order: /ActualText where an element has one, else the text its
    marked content draws (read as check_tagged.py reads it, the way
    `pdfinfo -struct-text` does, only faster)."""
    problems = []
    b = check_tagged.Brief(pdf, problems)
    content, texts = check_tagged.content_mcids(b)
    elements = check_tagged.check_structure(b, content, texts)
    return "\n".join(check_tagged.reading(e) for e in elements)


def browser_pages(pdfs, node_dir):
    script = os.path.join(node_dir, "extract.mjs")
    out = subprocess.run(["node", script] + [str(p.resolve()) for p in pdfs], capture_output=True, text=True, check=True,
                         cwd=node_dir).stdout
    return json.loads(out)


def context(text, needle):
    """Where the reader parts from the string: the longest start of it that
    the reader gives, and what follows there."""
    lo, hi = 0, len(needle)
    while lo < hi:  # the longest prefix found
        mid = (lo + hi + 1) // 2
        if needle[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return "(start not found)"
    i = text.find(needle[:lo])
    return f"…{needle[max(0, lo - 30):lo]}|{text[i + lo:i + lo + 60]}"


def check(pdfs, strings, cells, node_dir):
    browsers = browser_pages(pdfs, node_dir)
    failures, stats, known = [], [], []
    for pdf in pdfs:
        pages = poppler_pages(pdf)
        ltr_words = [words_of(norm(p, "poppler")) for p in pages if poppler_page_is_ltr(p)]
        raw = {
            "poppler": drop_furniture(pages),
            "pdfjs": drop_furniture(browsers[str(pdf.resolve())]["pdfjs"]),
            "pdfium": drop_furniture(browsers[str(pdf.resolve())]["pdfium"]),
            "struct": struct_text(pdf),
        }
        text = {r: norm(raw[r], r) for r in READERS}
        skeleton_text = {r: skeleton(text[r]) for r in READERS}
        nospace_text = {r: nospace(text[r]) for r in READERS}
        for r in READERS:
            m = FORMS.search(raw[r])
            if m:
                failures.append((pdf.name, r, "presentation form U+%04X" % ord(m.group()), "", False))
        printed = ok = 0
        for st in strings:
            wanted = {r: norm(st, r) for r in READERS}
            if not any(wanted[r] and wanted[r] in text[r] for r in READERS):
                continue
            printed += 1
            missing = [r for r in READERS if wanted[r] not in text[r]]
            ok += not missing
            for r in missing:
                if r == "poppler" and ARABIC.search(st) and any(
                        words_of(wanted[r]) <= words for words in ltr_words):
                    # poppler reorders a line by the direction of its page's
                    # majority: on a mostly left-to-right page it reads the
                    # pieces of a Persian line between punctuation left to right
                    tolerated = True
                elif st in cells:
                    # a cell of several lines shares its lines with its row's
                    # other cells in every line-based reader: its words must
                    # be there, in whatever order the reader meets the lines
                    tolerated = all(w in skeleton_text[r] for w in words_of(wanted[r]))
                else:
                    tolerated = (nospace(wanted[r]) in nospace_text[r] or
                                 ((is_mixed(st) or r == "poppler") and skeleton(wanted[r]) in skeleton_text[r]))
                if not tolerated and known_defect(r, wanted[r], text[r]):
                    known.append((pdf.name, r, wanted[r], context(text[r], wanted[r])))
                    continue
                failures.append((pdf.name, r, wanted[r], context(text[r], wanted[r]), tolerated))
        stats.append((pdf.name, printed, ok))
    return failures, stats, known


def main():
    root = pathlib.Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", default=str(root / "inputs"))
    ap.add_argument("--node-dir", default=str(root / "tests" / "engines"))
    ap.add_argument("--report", help="write the per-brief counts as JSON here")
    ap.add_argument("pdfs", nargs="+", type=pathlib.Path)
    a = ap.parse_args()
    strings = input_strings(a.inputs)
    failures, stats, known = check(a.pdfs, strings, table_cells(a.inputs), a.node_dir)
    for name, printed, ok in stats:
        print(f"{name}: {ok} of {printed} Persian/Chinese strings verbatim from all of {', '.join(READERS)}")
    hard = [f for f in failures if not f[4]]
    soft = [f for f in failures if f[4]]
    for kind, group in (("verbatim", failures), ("in order", hard)):
        by_reader = {r: sum(1 for f in group if f[1] == r) for r in READERS}
        print(f"not {kind}, by reader: " + ", ".join(f"{r} {n}" for r, n in by_reader.items()))
    print(f"known engine defects: {len(known)}")
    for name, reader, wanted, got in known:
        print(f"KNOWN {name} [{reader}]: {wanted[:160]!r}\n     got: {got[:200]!r}")
    for name, reader, wanted, got, _ in soft:
        print(f"SPACING {name} [{reader}]: {wanted[:160]!r}\n     got: {got[:200]!r}")
    for name, reader, wanted, got, _ in hard:
        print(f"FAIL {name} [{reader}]: {wanted[:160]!r}\n     got: {got[:200]!r}")
    if a.report:
        pathlib.Path(a.report).write_text(json.dumps(
            {"briefs": [{"brief": n, "printed": p, "verbatim_all_readers": o} for n, p, o in stats],
             "not_verbatim": {r: sum(1 for f in failures if f[1] == r) for r in READERS},
             "not_in_order": {r: sum(1 for f in hard if f[1] == r) for r in READERS}},
            ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 1 if hard else 0


if __name__ == "__main__":
    sys.exit(main())
