#!/usr/bin/env python3
"""Checks, in the text pdftotext extracts from every brief, what issues 12
and 13 ask of it (what the expected values are is read from the inputs):

- the renderings are marked as the editors' translations, on page 1 and in
  the disclaimer; no brief says the levels are the reviews'; the chart's
  legend and the about-section say the editors classified them;
- Persian is the first text of every finding in skin-aging.fa;
- no bidi isolate (U+2066-U+2069) leaks into the extracted text;
- the human-study total counts every study once (the same DOI, else PMID,
  across reviews), and each review's caveats on its human studies are
  printed in the human-studies section of every brief that shows them;
- background findings stand in their own section, in the briefs they feed;
- the date of the evidence is the latest publication or update, never an
  acceptance date.

Usage: check_locale_evidence.py OUT_DIR INPUTS_DIR"""
import json
import pathlib
import re
import subprocess
import sys

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
# (front matter, disclaimer) sentences saying whose the renderings are
TRANSLATIONS = {"en": ("the editors' translations, not the reviews' own words",
                       "given in the editors' translations"),
                "fa": ("این ترجمه‌ها کار ویراستاران است", "به ترجمهٔ ویراستاران آمده است"),
                "zh": ("这些译文由编辑译出，并非综述原话", "综述的文字均为编辑的译文")}
CLASSIFIED = {"en": "classified by the editors from the review's wording and citations",
              "fa": "ویراستاران از روی عبارت‌ها و استنادهای",
              "zh": "由编辑根据综述的措辞和引用归类"}
NOT_THE_REVIEWS = {"en": "as the reviews state", "fa": "همان است که مرورها گفته‌اند", "zh": "级别均依综述原文"}
# The human-studies section starts with its count (the chart's note has the
# same sentence earlier; statements may say "human studies" anywhere).
HEADINGS = {"en": ("Distinct human studies:", "Safety and regulatory status", "About this brief",
                   "Background from the reviews", "Findings by review"),
            "fa": ("مطالعات انسانی متمایز", "ایمنی و وضعیت قانونی", "دربارهٔ این خلاصه", "زمینه از مرورها",
                   "یافته‌ها به تفکیک مرور"),
            "zh": ("不重复的人体研究：", "安全性与监管状况", "关于本简报", "综述中的背景知识", "各综述的发现")}
LOCALE_LANG = {"en": "en", "fa": "fa", "zh": "zh-Hans"}


def compact(text):
    text = re.sub("[\u202a-\u202e\u200e\u200f\u200c]", "", text)
    return re.sub(r"\s+", "", text)


def letters(text, lang):
    """What poppler keeps in order in a right-to-left line: its Arabic
    letters (it moves numbers and Latin runs around them)."""
    return re.sub("[^\u0621-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC]", "", text) if lang == "fa" else compact(text)


def pages(pdf):
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    return out.split("\f")


def section(flat, start, ends):
    """The compact text from the last occurrence of heading `start` (the
    section, not a pointer to it) to the first of `ends` after it."""
    at = flat.rfind(compact(start))
    if at < 0:
        return None
    stops = [flat.find(compact(e), at + 1) for e in ends]
    stops = [s for s in stops if s > at]
    return flat[at:min(stops)] if stops else flat[at:]


def study_key(study):
    return ("doi", study["doi"].lower()) if study.get("doi") else ("pmid", study["pmid"]) if study.get("pmid") else None


def check_brief(pdf, reviews, problems):
    indication, locale = pdf.stem.rsplit(".", 1)
    lang = LOCALE_LANG[locale]
    texts = pages(pdf)
    flat = compact("".join(texts))
    first, about = compact(texts[0]), section(flat, HEADINGS[locale][2], [])
    front, disclaimer = TRANSLATIONS[locale]
    if compact(front) not in first:
        problems.append(f"{pdf.name}: page 1 does not say the renderings are the editors' translations")
    if not about or compact(disclaimer) not in about:
        problems.append(f"{pdf.name}: the disclaimer does not say the renderings are the editors' translations")
    if compact(NOT_THE_REVIEWS[locale]) in flat:
        problems.append(f"{pdf.name}: says the levels are the reviews'")
    if flat.count(compact(CLASSIFIED[locale])) < 2 or not about or compact(CLASSIFIED[locale])[:12] not in about:
        problems.append(f"{pdf.name}: legend and about-section do not both say the editors classified the levels")
    if re.search("[\u2066-\u2069]", "".join(texts)):
        problems.append(f"{pdf.name}: a bidi isolate in the extracted text")
    feeding = [r for r in reviews if any(indication in i.get("indications", [])
                                         for i in r["findings"] + r.get("human_studies", []) + r.get("tables", []))]
    studies = [(r, s) for r in feeding for s in r.get("human_studies", []) if indication in s["indications"]]
    keys = set()
    for r, s in studies:
        keys.add(study_key(s) or (r["id"], s["id"]))
    human = section(flat, HEADINGS[locale][0], [HEADINGS[locale][1]]) or ""
    if studies and locale in ("en", "zh"):
        total = f"Distinct human studies: {len(keys)}." if locale == "en" else f"不重复的人体研究：{len(keys)} 项。"
        if compact(total) not in human:
            problems.append(f"{pdf.name}: the human studies are not counted once each ({total!r} missing)")
    for r in {r["id"]: r for r, _ in studies}.values():
        for st in r.get("statements", []):
            if st.get("about_human_studies") and letters(st["text"][lang], lang)[:40] not in letters(human, lang):
                problems.append(f"{pdf.name}: {r['id']} {st['id']} is not beside its human studies")
    background = any(f["level"] == "background" and indication in f["indications"] for r in feeding
                     for f in r["findings"])
    if background != (compact(HEADINGS[locale][3]) in flat):
        problems.append(f"{pdf.name}: the background section is {'missing' if background else 'there without background'}")
    dates = [r["dates"].get("updated") or r["dates"].get("published") for r in feeding if "dates" in r]
    dates = sorted(d for d in dates if d)
    if locale == "en" and dates:
        y, m, *d = (int(x) for x in dates[-1].split("-"))
        want = f"{d[0]} {MONTHS[m - 1]} {y}" if d else f"{MONTHS[m - 1]} {y}"
        if compact("Date of the evidence") not in first or compact(want) not in first:
            problems.append(f"{pdf.name}: the date of the evidence is not {want}")


def check_persian_first(pdf, problems):
    """Every finding of skin-aging.fa starts in Persian (issue 12)."""
    text = "".join(pages(pdf))
    at = text.rfind("یافته‌ها به تفکیک مرور")
    # the findings end where the key messages' originals (issue 15), the
    # background or the tables begin
    end = min(i for i in (text.find(h, at + 1) for h in ("پیام‌های کلیدی به عبارت خود مرورها", "زمینه از مرورها",
                                                          "جدول‌های مرورها")) if i > 0)
    bullets = re.findall(r"•\s*([^\n]*)", re.sub("[\u202a-\u202e\u200e\u200f]", "", text[at:end]))
    if len(bullets) < 10:
        problems.append(f"{pdf.name}: only {len(bullets)} findings found")
    for b in bullets:
        # Persian, whatever Latin abbreviation (ADSC, miRNA) it starts with
        letters = re.findall(r"[^\W\d_]", b)
        persian = sum(1 for c in letters if "\u0600" <= c <= "\u06FF")
        if not letters or persian * 2 < len(letters):
            problems.append(f"{pdf.name}: a finding starts in another language: {b[:60]!r}")


def main():
    out, inputs = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    reviews = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((inputs / "reviews").glob("*.json"))]
    problems = []
    pdfs = sorted(out.glob("*.pdf"))
    for pdf in pdfs:
        check_brief(pdf, reviews, problems)
    check_persian_first(out / "skin-aging.fa.pdf", problems)
    for p in problems:
        print("FAIL", p)
    print(f"check_locale_evidence: {len(pdfs)} brief(s), {len(problems)} problem(s)")
    return 1 if problems or not pdfs else 0


if __name__ == "__main__":
    sys.exit(main())
