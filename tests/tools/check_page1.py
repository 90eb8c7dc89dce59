#!/usr/bin/env python3
"""Checks page 1 of every brief (issue 15, point 10) in the text pdftotext
extracts from it; what to expect is read from the inputs:

- the summary's headings and labels, in the brief's language, in order:
  summary, bottom line, what the evidence consists of (with the date of
  the evidence), safety and regulation; and the note that the renderings
  are the editors' translations;
- the number of human studies on page 1 is the number of distinct studies
  the inputs tie to the indication (the same DOI, else PMID, is one study);
- every key message (a bullet of the bottom line) names the review that
  says it, in parentheses;
- no script of another locale in page 1's text except these, which are
  removed before looking:
  * names: every author's name and romanisation and every publisher as the
    inputs give them, and the program's name, evbrief;
  * DOIs (10.NNNN/...);
  * abbreviations, in a Persian or Chinese brief: a run of Latin letters,
    digits and hyphens with at least as many capitals as small letters
    (FDA, ADSC-Exos, MMP-1, II), or one that a Persian or Chinese review
    itself writes in Latin letters (Exo in 004);
  "another locale's script" being Arabic script (U+0600-06FF, U+FB50-FDFF,
  U+FE70-FEFF) outside a Persian brief, Han, kana and CJK punctuation
  (U+3000-30FF, U+3400-9FFF, U+F900-FAFF, U+FF00-FFEF) outside a Chinese
  one, and Latin letters outside an English one.

Usage: check_page1.py OUT_DIR INPUTS_DIR"""
import json
import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
# the reviews' labels per locale, and how text is compared
from check_briefs import REVIEW_NAMES, compact, not_in_order  # noqa: E402

PARTS = {
    "en": ["Summary for clinicians", "Bottom line: the reviews' key messages", "What the evidence consists of",
           "Date of the evidence", "Safety and regulation in the reviews' words",
           "the editors' translations, not the reviews' own words"],
    "fa": ["خلاصه برای پزشک", "جمع‌بندی: پیام‌های کلیدی مرورها", "شواهد از چه تشکیل شده است", "تاریخ شواهد",
           "ایمنی و مقررات به گفتهٔ مرورها", "این ترجمه‌ها کار ویراستاران است"],
    "zh": ["临床摘要", "结论：各综述的要点", "证据构成", "证据日期", "安全性与监管（综述所述）",
           "这些译文由编辑译出，并非综述原话"],
}
NO_STUDIES = {"en": "The reviews describe no individual human study for this indication.",
              "fa": "مرورها هیچ مطالعهٔ انسانی مشخصی برای این کاربرد توصیف نکرده‌اند.",
              "zh": "各综述未描述本适应症的具体人体研究。"}
ARABIC = "\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF"
CJK = "\u3000-\u30FF\u3400-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF"
FOREIGN = {"en": f"[{ARABIC}{CJK}]", "fa": f"[{CJK}A-Za-z]", "zh": f"[{ARABIC}A-Za-z]"}
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def page1(pdf):
    out = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    lines = out.split("\n")
    # the running header (the first line) and the footer (the last) are furniture
    body = [l for l in lines if l.strip()]
    return "\n".join(body[1:-1])


def names(reviews):
    found = {"evbrief"}
    for r in reviews:
        for a in r.get("authors", []):
            found.update(v for v in (a.get("name"), a.get("latin")) if v)
        found.update(r.get("publisher", {}).values())
    return sorted(found, key=len, reverse=True)


def latin_in_originals(reviews):
    """Latin words that Persian and Chinese reviews write in Latin letters."""
    words = set()

    def walk(value, lang):
        if isinstance(value, dict):
            if lang in value and isinstance(value[lang], str):
                words.update(re.findall(r"[A-Za-z][A-Za-z0-9-]*", value[lang]))
            for v in value.values():
                walk(v, lang)
        elif isinstance(value, list):
            for v in value:
                walk(v, lang)

    for r in reviews:
        if r["language"] != "en":
            walk(r, r["language"])
    return words


def abbreviation(token, originals):
    capitals = sum(c.isupper() for c in token)
    return (capitals and capitals >= sum(c.islower() for c in token)) or token in originals


def name_pattern(name):
    """A name as a reader may extract it: a Latin one word by word (poppler
    may reorder the words of a Latin name inside a Persian line), any other
    character by character across line breaks."""
    words = name.split()
    if all(re.fullmatch(r"[A-Za-z.\-]+", w) for w in words):
        return r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"
    return r"\s*".join(re.escape(ch) for ch in name.replace(" ", ""))


def foreign_script(text, locale, all_names, originals):
    for name in all_names:
        text = re.sub(name_pattern(name), " ", text)
    text = re.sub(r"10\.\d{4,9}/\S+", " ", text)
    if locale != "en":
        text = re.sub(r"[A-Za-z][A-Za-z0-9-]*", lambda m: " " if abbreviation(m.group(0), originals) else m.group(0),
                      text)
    # a name broken across lines ("长寿" at one line's end, "派" at the
    # next's start) is still a name: a run that is part of one is no stray
    runs = re.findall(FOREIGN[locale] + "+", text)
    return sorted({r for r in runs if not any(r in name for name in all_names)})


def label_tokens(label):
    """A review's label as the pieces a reader extracts in order: its
    words, and each character of a Chinese name (a line may break in it)."""
    tokens = []
    for word in label.split():
        tokens.extend(word if re.fullmatch(f"[{CJK}]+", word) else [compact(word)])
    return tokens


def distinct_studies(reviews, indication):
    keys = set()
    for r in reviews:
        for s in r.get("human_studies", []):
            if indication in s["indications"]:
                keys.add(("doi", s["doi"].lower()) if s.get("doi") else ("pmid", s["pmid"]) if s.get("pmid")
                         else (r["id"], s["id"]))
    return len(keys)


def study_count_text(n, locale):
    if locale == "en":
        return f"{n} distinct, each counted once"
    if locale == "zh":
        return f"不重复的研究 {n} 项（每项只计一次）"
    return f"{str(n).translate(PERSIAN_DIGITS)} مطالعهٔ متمایز"


def check_brief(pdf, reviews, all_names, originals, problems):
    indication, locale = pdf.stem.rsplit(".", 1)
    text = page1(pdf)
    flat = compact(text)
    for part in not_in_order(text, PARTS[locale]):
        problems.append(f"{pdf.name}: page 1 lacks «{part}» (or has it out of order)")
    feeding = [r for r in reviews if any(indication in i.get("indications", [])
                                         for i in r["findings"] + r.get("human_studies", []) + r.get("tables", []))]
    n = distinct_studies(feeding, indication)
    want = study_count_text(n, locale) if n else NO_STUDIES[locale]
    if compact(want) not in flat:
        problems.append(f"{pdf.name}: page 1 does not give the distinct human studies as {want!r}")
    start = flat.find(compact(PARTS[locale][1]))
    end = flat.find(compact(PARTS[locale][2]), start + 1)
    messages = [m for m in flat[start:end].split("•")[1:]] if start >= 0 and end > start else []
    if not messages:
        problems.append(f"{pdf.name}: no key message on page 1")
    # who says it closes each message, in brackets: its label's pieces in the
    # message's last 40 characters (poppler may mirror the brackets, reorder
    # a Latin name's words in a Persian line and set a bracket between the
    # characters of a Chinese name broken across lines)
    labels = [label_tokens(REVIEW_NAMES[r["id"]][locale]) for r in feeding]
    for m in messages:
        tail = m[-40:]
        said = tail if re.search("[()（）]", tail) else ""
        if not any(all(w in said for w in label) for label in labels):
            problems.append(f"{pdf.name}: a key message without its review: {m[:60]!r}")
    stray = foreign_script(text, locale, all_names, originals)
    if stray:
        problems.append(f"{pdf.name}: another locale's script on page 1: {stray[:8]}")
    return len(messages)


def main():
    out, inputs = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    reviews = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((inputs / "reviews").glob("*.json"))]
    all_names, originals = names(reviews), latin_in_originals(reviews)
    problems = []
    pdfs = sorted(out.glob("*.pdf"))
    messages = sum(check_brief(pdf, reviews, all_names, originals, problems) for pdf in pdfs)
    for p in problems:
        print("FAIL", p)
    print(f"check_page1: {len(pdfs)} brief(s), {messages} key messages, {len(problems)} problem(s)")
    return 1 if problems or not pdfs else 0


if __name__ == "__main__":
    sys.exit(main())
