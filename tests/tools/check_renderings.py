#!/usr/bin/env python3
"""The corpus's renderings and levels, checked independently of the C
validator (load/numbers.c, load/review.c), over every review in inputs/:

- every text a brief prints has fa, en and zh-Hans;
- the numbers of every rendering equal its original's, counted with
  repetition (digits of any script, decimals, ranges), unless the review lists
  it in number_exceptions with a reason;
- every table's header has a rendering in each other language, cell for cell;
- no finding without refs and studies is above expert_opinion.

Usage: check_renderings.py INPUTS_DIR"""
import collections
import json
import pathlib
import re
import sys

LANGS = ("fa", "en", "zh-Hans")
DIGITS = {**{chr(0x06F0 + i): str(i) for i in range(10)}, **{chr(0x0660 + i): str(i) for i in range(10)},
          **{chr(0xFF10 + i): str(i) for i in range(10)}}
NUMBER = re.compile(r"[0-9]+(?:[.\u066B][0-9]+)?")
PRINTED = {
    "findings": ("text", "design"),
    "human_studies": ("cited_as", "design", "age_range", "source", "derivative", "delivery", "frequency",
                      "follow_up", "outcomes", "adverse_events"),
    "statements": ("text",),
    "tables": ("caption",),
}
UNCITED_MAX = ("expert_opinion", "background")


def numbers(text):
    text = "".join(DIGITS.get(c, c) for c in text)
    found = []
    for m in NUMBER.finditer(text):
        whole, _, frac = m.group().replace("\u066B", ".").partition(".")
        found.append((whole.lstrip("0") or "0") + ("." + frac if frac else ""))
    return collections.Counter(found)


def check_text(where, text, original, exceptions, item, field, problems):
    missing = [lang for lang in LANGS if lang not in text]
    if missing:
        problems.append(f"{where}: no rendering in {', '.join(missing)}")
    if original not in text:
        return
    for lang, rendering in text.items():
        if lang != original and numbers(rendering) != numbers(text[original]) and \
                (item, field, lang) not in exceptions:
            diff = (numbers(text[original]) - numbers(rendering), numbers(rendering) - numbers(text[original]))
            problems.append(f"{where}.{lang}: numbers differ from the original ({original}): "
                            f"missing {sorted(diff[0].elements())}, extra {sorted(diff[1].elements())}")


def check_review(path, problems):
    review = json.loads(path.read_text(encoding="utf-8"))
    original = review["language"]
    exceptions = set()
    for e in review.get("number_exceptions", []):
        if not e.get("reason", "").strip():
            problems.append(f"{path.name}: number exception {e} gives no reason")
        exceptions.add((e["item"], e["field"], e["lang"]))
    for name, field, item in (("abstract", "text", "abstract"), ("own_rating", "text", "own_rating")):
        if name in review:
            check_text(f"{path.name}: $.{name}", review[name], original, exceptions, item, field, problems)
    if "restrictions" in review.get("scope", {}):
        check_text(f"{path.name}: $.scope.restrictions", review["scope"]["restrictions"], original, exceptions,
                   "scope", "restrictions", problems)
    for array, fields in PRINTED.items():
        for i, entry in enumerate(review.get(array, [])):
            for field in fields:
                if field in entry:
                    check_text(f"{path.name}: $.{array}[{i}].{field}", entry[field], original, exceptions,
                               entry["id"], field, problems)
    for i, table in enumerate(review.get("tables", [])):
        renderings = table.get("header_renderings", {})
        for lang in LANGS:
            if lang == original:
                continue
            cells = renderings.get(lang)
            if cells is None or len(cells) != len(table["header"]):
                problems.append(f"{path.name}: $.tables[{i}].header_renderings.{lang}: missing or not as long as header")
                continue
            for j, (cell, head) in enumerate(zip(cells, table["header"])):
                if numbers(cell) != numbers(head) and (table["id"], "header", lang) not in exceptions:
                    problems.append(f"{path.name}: $.tables[{i}].header_renderings.{lang}[{j}]: numbers differ")
    for i, f in enumerate(review["findings"]):
        if not f.get("refs") and not f.get("studies") and f["level"] not in UNCITED_MAX:
            problems.append(f"{path.name}: $.findings[{i}] ({f['id']}): level {f['level']} without refs or studies")


def main():
    inputs = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "inputs")
    files = sorted((inputs / "reviews").glob("*.json"))
    problems = []
    for path in files:
        check_review(path, problems)
    for p in problems:
        print("FAIL", p)
    print(f"check_renderings: {len(files)} review(s), {len(problems)} problem(s)")
    return 1 if problems or not files else 0


if __name__ == "__main__":
    sys.exit(main())
