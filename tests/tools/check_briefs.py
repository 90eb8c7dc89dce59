#!/usr/bin/env python3
"""Checks generated briefs the way a reader would: structure (qpdf), fonts
(pdffonts), and the extracted text (pdftotext): every section heading in
order, each feeding review named, table headers on every page a table
spans. Usage: check_briefs.py OUT_DIR INPUTS_DIR"""
import json
import pathlib
import re
import subprocess
import sys

HEADINGS = {
    "en": ["Summary for clinicians", "Evidence at a glance", "The reviews compared", "Findings by review",
           "Human studies", "Safety and regulatory status", "Limitations and evidence gaps",
           "References", "About this brief"],
    "fa": ["خلاصه برای پزشک", "شواهد در یک نگاه", "مقایسهٔ مرورها", "یافته‌ها به تفکیک مرور",
           "مطالعات انسانی", "ایمنی و وضعیت قانونی", "محدودیت‌ها و خلأهای شواهد", "منابع",
           "دربارهٔ این خلاصه"],
    "zh": ["临床摘要", "证据概览", "综述比较", "各综述的发现", "人体研究", "安全性与监管状况",
           "局限性与证据空白", "参考文献", "关于本简报"],
}
# Header cells that mark a repeated table header: the comparison table's,
# the human-studies table's (per locale), and every source table's first
# header cell (read from the inputs).
TABLE_HEADERS = {"en": ["Kind and", "Adverse events"], "fa": ["نوع و", "عوارض جانبی"],
                 "zh": ["类型与范围", "不良事件"]}
CONTINUED = {"en": "(continued)", "fa": "(ادامه)", "zh": "（续）"}
# Words of each review that every brief it feeds must show (its label).
REVIEW_NAMES = {
    "tamimi-2025": {"en": "Pegah Tamimi", "fa": "پگاه تمیمی", "zh": "Pegah Tamimi"},
    "haykal-2025": {"en": "Haykal Diala", "fa": "Haykal Diala", "zh": "Haykal Diala"},
    "he-2026": {"en": "Zhuoyi He", "fa": "Zhuoyi He", "zh": "和卓怡"},
    # the seed gives no romanisation of the publisher (issue 13)
    "web-summary-2026": {"en": "长寿派", "fa": "长寿派", "zh": "长寿派"},
    "xiang-2026": {"en": "Jiani Xiang", "fa": "项佳妮", "zh": "项佳妮"},
}


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def normalise(text):
    # poppler marks right-to-left runs with embedding controls; drop them,
    # and the joiners a reader does not see, before searching.
    text = re.sub("[\u202a-\u202e\u200e\u200f]", "", text)
    return re.sub(r"\s+", " ", text)


def compact(text):
    return re.sub(r"\s+", "", normalise(text)).replace("\u200c", "")


def pages_text(pdf):
    out = run("pdftotext", str(pdf), "-").stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def check_fonts(pdf, problems):
    rows = run("pdffonts", str(pdf)).stdout.splitlines()[2:]
    if not rows:
        problems.append(f"{pdf.name}: no fonts")
    for row in rows:
        cols = row.split()
        if cols[-5:-2] != ["yes", "yes", "yes"]:
            problems.append(f"{pdf.name}: font not embedded+subset+ToUnicode: {row}")


def not_in_order(text, items):
    """The items that the text does not hold in this order."""
    flat = compact(text)
    pos, missing = -1, []
    for item in items:
        found = flat.find(compact(item), pos + 1)
        if found < 0:
            missing.append(item)
        else:
            pos = found
    return missing


def check_headings(pdf, locale, text, problems):
    for heading in not_in_order(text, HEADINGS[locale]):
        problems.append(f"{pdf.name}: heading {heading!r} missing or out of order")


def source_table_headers(inputs):
    headers = []
    for review in sorted((inputs / "reviews").glob("*.json")):
        for table in json.loads(review.read_text(encoding="utf-8")).get("tables", []):
            headers.append(table["header"][0])
            for cells in table.get("header_renderings", {}).values():
                headers.append(cells[0])
    return headers


def check_table_headers(pdf, locale, pages, extra_headers, problems):
    """Every page a table continues on shows a header row again."""
    markers = [compact(h) for h in TABLE_HEADERS[locale] + extra_headers]
    for number, page in enumerate(pages, 1):
        flat = compact(page)
        if not flat:
            problems.append(f"{pdf.name}: page {number} is empty")
        if compact(CONTINUED[locale]) in flat and not any(m in flat for m in markers):
            problems.append(f"{pdf.name}: page {number} continues a table without its header")


def check_reviews(pdf, locale, text, feeding, problems):
    flat = compact(text)
    for review in feeding:
        name = REVIEW_NAMES[review][locale]
        if compact(name) not in flat:
            problems.append(f"{pdf.name}: feeding review {review} ({name!r}) not named")


def feeding_reviews(inputs):
    """indication -> reviews with a finding, study or table tied to it."""
    feeds = {}
    for path in sorted((inputs / "reviews").glob("*.json")):
        review = json.loads(path.read_text(encoding="utf-8"))
        items = review["findings"] + review.get("human_studies", []) + review.get("tables", [])
        for item in items:
            for ind in item.get("indications", []):
                feeds.setdefault(ind, set()).add(review["id"])
    return feeds


def main():
    out = pathlib.Path(sys.argv[1])
    inputs = pathlib.Path(sys.argv[2])
    extra = source_table_headers(inputs)
    feeds = feeding_reviews(inputs)
    problems = []
    pdfs = sorted(out.glob("*.pdf"))
    for pdf in pdfs:
        locale = pdf.stem.rsplit(".", 1)[1]
        check = run("qpdf", "--check", str(pdf))
        if check.returncode != 0:
            problems.append(f"{pdf.name}: qpdf --check failed: {check.stdout[-300:]}")
        check_fonts(pdf, problems)
        pages = pages_text(pdf)
        text = "".join(pages)
        check_headings(pdf, locale, text, problems)
        check_table_headers(pdf, locale, pages, extra, problems)
        check_reviews(pdf, locale, text, sorted(feeds.get(pdf.stem.rsplit(".", 1)[0], [])), problems)
    for p in problems:
        print("FAIL", p)
    print(f"check_briefs: {len(pdfs)} brief(s), {len(problems)} problem(s)")
    return 1 if problems or not pdfs else 0


if __name__ == "__main__":
    sys.exit(main())
