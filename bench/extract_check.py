#!/usr/bin/env python3
"""How well does text come back out of a PDF? For the Persian (and the
Chinese) key message of a brief, run pdftotext on each PDF and compare the
best-matching stretch of its output with the source text from inputs/.

    python3 bench/extract_check.py [--inputs DIR] [--indication ID] [--pages N] NAME=PDF...

Normalisation: whitespace runs become one space (line breaks of the layout
are not errors; between two CJK characters they are dropped), and the
directional marks and embeddings that pdftotext adds around right-to-left
text (U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) are removed.
Nothing else: a lost zero-width non-joiner, a presentation form, a reversed
word or a phrase out of order counts against the PDF. Accuracy is
1 - (Levenshtein distance / length of the source), over characters, with
the stretch of pdftotext's output chosen to minimise the distance.
Prints a markdown table. Standard library only (and pdftotext).
"""
import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_peers  # noqa: E402

MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
CJK = "\u3000-\u9fff\uff00-\uffef"
CJK_GAP = re.compile(f"(?<=[{CJK}]) (?=[{CJK}])")


def norm(s):
    """Whitespace runs to one space; none between two CJK characters (a line
    break in Chinese text is no space); pdftotext's directional marks out."""
    return CJK_GAP.sub("", re.sub(r"\s+", " ", MARKS.sub("", s))).strip()


def best_window(pattern, text):
    """Semi-global edit distance: pattern against any substring of text."""
    m = len(pattern)
    prev = list(range(m + 1))
    best, best_end = m, 0
    # column-wise over text: prev[i] = distance of pattern[:i] ending at text[j-1]
    for j, ch in enumerate(text, 1):
        cur = [0] * (m + 1)
        for i in range(1, m + 1):
            cost = 0 if pattern[i - 1] == ch else 1
            a = prev[i - 1] + cost
            b = prev[i] + 1
            c = cur[i - 1] + 1
            cur[i] = a if a <= b and a <= c else (b if b <= c else c)
        if cur[m] < best:
            best, best_end = cur[m], j
        prev = cur
    return best, best_end


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", default=os.path.join(root, "inputs"))
    ap.add_argument("--indication", default="skin-aging")
    ap.add_argument("--pages", type=int, default=3, help="search the first N pages (default 3)")
    ap.add_argument("pdfs", nargs="+", metavar="NAME=PDF")
    a = ap.parse_args()

    brief = make_peers.Brief(a.inputs, a.indication)
    key = next(p for k, p in brief.blocks if k == "bullets")
    sources = {}
    for item in key:
        lang = item["text"][1]
        if lang in ("fa", "zh-Hans") and lang not in sources:
            sources[lang] = norm(item["text"][0])

    print("| PDF | paragraph | source chars | edit distance | accuracy |")
    print("| --- | --- | ---: | ---: | ---: |")
    for spec in a.pdfs:
        name, path = spec.split("=", 1)
        out = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", "-f", "1", "-l", str(a.pages), path, "-"],
                             capture_output=True, text=True).stdout
        text = norm(out)
        for lang, src in sources.items():
            dist, _ = best_window(src, text)
            label = {"fa": "Persian", "zh-Hans": "Chinese"}[lang]
            print(f"| {name} | {label} key message | {len(src)} | {dist} | {100 * (1 - dist / len(src)):.1f} % |")


if __name__ == "__main__":
    main()
