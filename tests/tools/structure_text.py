#!/usr/bin/env python3
"""What a reader of a tagged PDF meets: one line per structure element
that draws text, in the tree's order, "TYPE[ lang]: text", the text
decoded from the content stream through the fonts' ToUnicode maps as
check_tagged.py reads it, and a line "TYPE: target" per link. (Problems
with the tagging are check_tagged.py's to find.)

evbrief draws the runs of a line in logical order and the glyphs of each
run left to right as seen, so a right-to-left run comes out of the content
stream reversed. With --expect FILE (lines as printed, in logical order)
each line must match: exactly where the text has no right-to-left letter,
else the same characters the same number of times (white space and bidi
controls aside), so that nothing is lost, doubled or changed.

Usage: structure_text.py [--expect FILE] PDF"""
import argparse
import collections
import pathlib
import re
import sys
import unicodedata

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import check_tagged  # noqa: E402


def lines_of(path):
    problems = []
    b = check_tagged.Brief(path, problems)
    content, texts = check_tagged.content_mcids(b)
    out = []
    for e in check_tagged.check_structure(b, content, texts):
        lang = e.obj.get("/Lang")
        label = e.type + (f" {lang}" if lang is not None else "")
        if e.content:
            out.append(f"{label}: {e.content}")
        for annot in e.links:
            out.append(f"{label}: {annot.A.URI}")
    return out, problems


def has_rtl(text):
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def same(got, want):
    if not has_rtl(want):
        return got == want
    chars = lambda s: collections.Counter(re.sub(check_tagged.IGNORED_CHARS, "", s))
    return got.split(":", 1)[0] == want.split(":", 1)[0] and chars(got) == chars(want)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--expect", type=pathlib.Path)
    parser.add_argument("pdf", type=pathlib.Path)
    args = parser.parse_args()
    got, problems = lines_of(args.pdf)
    if args.expect:
        want = args.expect.read_text(encoding="utf-8").splitlines()
        for i in range(max(len(got), len(want))):
            g = got[i] if i < len(got) else "(nothing)"
            w = want[i] if i < len(want) else "(nothing)"
            if not same(g, w):
                problems.append(f"line {i + 1}: got {g!r}, expected {w!r}")
    else:
        print("\n".join(got))
    for p in problems:
        print("FAIL", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
