#!/usr/bin/env python3
"""Typography of the briefs as measured from the PDFs (issue 15): each check
reads all 21 briefs and reports every violation with its file and page.
Usage: check_typography.py OUT_DIR FONTS_DIR"""
import pathlib
import re
import struct
import subprocess
import sys

import pikepdf

PERSIAN_DIGITS = "".join(chr(c) for c in range(0x06F0, 0x06FA))


def hb_gids(font, text, *options):
    """The glyph ids HarfBuzz gives `text`, in logical order."""
    out = subprocess.run(["hb-shape", "--no-glyph-names", "--no-positions", "--no-clusters",
                          "--direction=ltr", *options, str(font), text],
                         capture_output=True, text=True, check=True).stdout
    return [int(g) for g in out.strip().strip("[]").split("|")]


def tounicode(font):
    """code -> text of a Type0 font's ToUnicode CMap (bfchar entries)."""
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    out = {}
    for code, uni in re.findall(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>", cmap):
        out[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be")
    return out


def glyph_count(font):
    """numGlyphs of a TrueType file's maxp table."""
    data = font.read_bytes()
    tables = struct.unpack(">H", data[4:6])[0]
    for i in range(tables):
        tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        if tag == b"maxp":
            return struct.unpack(">H", data[offset + 4:offset + 6])[0]
    raise ValueError(f"{font}: no maxp")


def original_gid(cid, cid_to_gid, nglyphs):
    """evbrief's CIDs are the font's own glyph ids, or aliases past its last
    glyph that the CIDToGIDMap sends to the same subset glyph."""
    if cid < nglyphs:
        return cid
    target = cid_to_gid[2 * cid:2 * cid + 2]
    for c in range(min(nglyphs, len(cid_to_gid) // 2)):
        if cid_to_gid[2 * c:2 * c + 2] == target and target != b"\0\0":
            return c
    return None


def check_persian_digits(pdfs, fonts_dir, problems):
    """Every Persian digit drawn in Noto Naskh Arabic is the glyph HarfBuzz
    gives under `fa` with `locl` off (the font's locl holds Urdu forms of
    ۴ ۶ ۷ and applies under every language system)."""
    expected, urdu = {}, {}
    for weight in ("Regular", "Bold"):
        font = fonts_dir / f"NotoNaskhArabic-{weight}.ttf"
        expected[weight] = dict(zip(PERSIAN_DIGITS, hb_gids(font, PERSIAN_DIGITS,
                                                            "--language=fa", "--features=-locl")))
        urdu[weight] = dict(zip(PERSIAN_DIGITS, hb_gids(font, PERSIAN_DIGITS, "--language=fa")))
        # the font bug this guards against is still there to guard against
        if sum(expected[weight][d] != urdu[weight][d] for d in PERSIAN_DIGITS) != 3:
            problems.append(f"{font.name}: expected locl to change exactly ۴ ۶ ۷")
    checked = 0
    for pdf_path in pdfs:
        pdf = pikepdf.open(pdf_path)
        seen = set()
        for page in pdf.pages:
            for _, font in page.Resources.get("/Font", pikepdf.Dictionary()).items():
                name = str(font.BaseFont)
                if "NotoNaskhArabic" not in name or name in seen:
                    continue
                seen.add(name)
                weight = "Bold" if "Bold" in name else "Regular"
                cid_font = font.DescendantFonts[0]
                cid_to_gid = cid_font.CIDToGIDMap.read_bytes()
                nglyphs = glyph_count(fonts_dir / f"NotoNaskhArabic-{weight}.ttf")
                for code, text in tounicode(font).items():
                    if len(text) != 1 or text not in PERSIAN_DIGITS:
                        continue
                    checked += 1
                    gid = original_gid(code, cid_to_gid, nglyphs)
                    if gid != expected[weight][text]:
                        problems.append(f"{pdf_path.name}: {name} draws {text} as glyph {gid}, "
                                        f"Persian is {expected[weight][text]}")
    return checked


def main():
    out, fonts_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    pdfs = sorted(out.glob("*.pdf"))
    if len(pdfs) != 21:
        print(f"expected 21 briefs, found {len(pdfs)}")
        return 1
    problems = []
    digits = check_persian_digits(pdfs, fonts_dir, problems)
    for p in problems:
        print(p)
    print(f"persian digit glyphs checked: {digits}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
