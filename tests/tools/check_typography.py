#!/usr/bin/env python3
"""Typography of the briefs as measured from the PDFs (issue 15): each check
reads all 21 briefs and reports every violation with its file and page.
Usage: check_typography.py OUT_DIR FONTS_DIR
       check_typography.py --self-test   (each check fails on a broken case)"""
import pathlib
import re
import struct
import subprocess
import sys

import pikepdf

PERSIAN_DIGITS = "".join(chr(c) for c in range(0x06F0, 0x06FA))
LINE_OPS = ("BT", "Td", "Tm")


def text_line(line, op, operands):
    """The start of the text line after BT, Td or Tm (page space; the
    briefs write no rotation or scale in Tm)."""
    if op == "BT":
        return [0.0, 0.0]
    if op == "Td":
        return [line[0] + float(operands[0]), line[1] + float(operands[1])]
    return [float(operands[4]), float(operands[5])]


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


# ---- lines as set: words from their glyph positions ------------------------

GAP = 5.5  # points: wider than a word space and a Han-Latin gap, narrower than two cell paddings


def page_words(pdf):
    """Per page, the words pdftotext -bbox finds: (x0, y0, x1, y1, text)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    pages = []
    for page in re.split(r"<page ", out)[1:]:
        words = [(float(a), float(b), float(c), float(d), logical(html_unescape(w))) for a, b, c, d, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                            r'yMax="([\d.]+)">(.*?)</word>', page)]
        pages.append(words)
    return pages


def logical(word):
    """pdftotext -bbox gives a right-to-left word's characters as drawn,
    left to right: put a Persian word back in reading order."""
    return word[::-1] if any("\u0600" <= c <= "\u06ff" for c in word) else word


def html_unescape(text):
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


BULLETS = ("•", "·")


def segments(words, rtl=False):
    """Pieces of lines: words on one baseline closer than GAP, left to right.
    A table row's cells are separate pieces; so are a page's columns."""
    # one row: words whose middles are within 2.5 pt (fonts differ in their
    # ascent and descent, so word boxes on one baseline differ in height)
    rows, middle = [], None
    for w in sorted(words, key=lambda w: (w[1] + w[3]) / 2):
        m = (w[1] + w[3]) / 2
        if middle is None or m - middle > 2.5:
            rows.append([])
            middle = m
        rows[-1].append(w)
    out = []
    for row in rows:
        row.sort()
        cur = [row[0]]
        for w in row[1:]:
            if w[0] - cur[-1][2] > GAP:
                out.append(cur)
                cur = [w]
            else:
                cur.append(w)
        out.append(cur)
    # a bullet within GAP of its text is part of no line: the line starts at the text
    led = []
    for seg in out:
        bullet = len(seg) > 1 and seg[0][4] in BULLETS and not rtl
        bullet_end = len(seg) > 1 and seg[-1][4] in BULLETS and rtl
        led.append((seg[1:] if bullet else seg[:-1] if bullet_end else seg, bullet or bullet_end))
    out = [seg for seg, _ in led]
    segs = [{"x0": seg[0][0], "x1": seg[-1][2], "y0": min(w[1] for w in seg), "y1": max(w[3] for w in seg),
             "text": " ".join(w[4] for w in (reversed(seg) if rtl and any(
                 "\u0600" <= c <= "\u06ff" for w in seg for c in w[4]) else seg)),
             "item": False} for seg in out]
    # a segment beside a bullet starts a list item, not a line of the one above
    bullets = [s for s in segs if s["text"] in BULLETS]
    for s, (_, led_by_bullet) in zip(segs, led):
        s["item"] = led_by_bullet or any(abs(b["y1"] - s["y1"]) < 2 and 0 <= (s["x0"] - b["x1"]) < 12 or
                        0 <= (b["x0"] - s["x1"]) < 12 and abs(b["y1"] - s["y1"]) < 2 for b in bullets)
    return segs


def stacks(segs, rtl):
    """Segments stacked into blocks: the next line starts at the same edge
    (left, or right in a Persian brief) within a line's height below."""
    segs = sorted(segs, key=lambda s: (s["y1"], s["x0"]))
    edge = "x1" if rtl else "x0"
    nxt = {}
    for i, a in enumerate(segs):
        h = a["y1"] - a["y0"]
        for b in segs[i + 1:]:
            dy = b["y1"] - a["y1"]
            if dy > 1.6 * h:
                break
            # the next line of one paragraph: one line pitch below (a new
            # paragraph, cell or list item is further down or has a bullet)
            if dy > 0.3 * h and dy < 1.2 * h and abs(b[edge] - a[edge]) < 0.6 and not b["item"]:
                nxt[i] = b
                break
    has_prev = {id(b) for b in nxt.values()}
    out = []
    for i, a in enumerate(segs):
        if id(a) in has_prev:
            continue
        block = [a]
        j = i
        while j in nxt:
            block.append(nxt[j])
            j = segs.index(nxt[j])
        out.append(block)
    return out


DIGITS = "0123456789" + PERSIAN_DIGITS


# Han characters that measure what a number before them counts (ages,
# weeks, days, sessions, months, years, cases, people, times)
CJK_UNITS = "岁周天次月年例名个倍"


def is_han(ch):
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def check_cell_lines(pdfs, problems):
    """No number cut from its unit (a line ending in a number, or a number
    and a hyphen, the next one starting with its unit); no Chinese block
    whose last line is one character; no column so narrow that a short
    Chinese phrase stands one or two characters to a line."""
    counts = {"blocks": 0, "splits": 0, "lonely": 0, "narrow": 0}
    for pdf in pdfs:
        rtl = pdf.name.endswith(".fa.pdf")
        for number, words in enumerate(page_words(pdf), 1):
            for block in stacks(segments(words, rtl), rtl):
                counts["blocks"] += 1
                where = f"{pdf.name} p. {number}"
                for a, b in zip(block, block[1:]):
                    ta, tb = a["text"].rstrip(), b["text"].lstrip()
                    if ta and tb and ((ta[-1] in DIGITS and tb[0] in CJK_UNITS) or
                                      (ta.endswith("-") and ta[-2:-1] in DIGITS and tb[0].isalpha())):
                        counts["splits"] += 1
                        problems.append(f"{where}: number and unit split: «{ta}» / «{tb}»")
                last = [c for c in block[-1]["text"] if c.isalnum()]
                if len(block) >= 2 and len(last) == 1 and is_han(last[0]):
                    counts["lonely"] += 1
                    problems.append(f"{where}: one-character last line «{block[-1]['text']}» "
                                    f"after «{block[-2]['text']}»")
                if len(block) >= 3 and all(len(s["text"]) <= 2 and all(is_han(c) for c in s["text"])
                                           for s in block):
                    counts["narrow"] += 1
                    problems.append(f"{where}: a column {block[0]['x1'] - block[0]['x0']:.0f} pt "
                                    f"wide: " + " / ".join(s["text"] for s in block))
    return counts


LEVEL_LABELS = {"en": "expert opinion / mechanism", "fa": "نظر کارشناسی / سازوکار",
                "zh": "专家意见 / 机制"}


def compact(text):
    return re.sub(r"[\s\u200c\u200e\u200f\u202a-\u202e]", "", text)


def check_level_labels(pdfs, problems):
    """The longest evidence-type label with its count («expert opinion /
    mechanism: 2») takes at most two lines wherever a table lists it."""
    found = 0
    for pdf in pdfs:
        locale = pdf.name.split(".")[-2]
        label = compact(LEVEL_LABELS[locale])
        rtl = locale == "fa"
        for number, words in enumerate(page_words(pdf), 1):
            for block in stacks(segments(words, rtl), rtl):
                lines = [compact(s["text"]) for s in block]
                joined = "".join(lines)
                at = joined.find(label)
                if at < 0:
                    continue
                found += 1
                end = at + len(label) + 2  # the colon and the count's first digit
                first = last = pos = 0
                for k, line in enumerate(lines):
                    if pos <= at < pos + len(line):
                        first = k
                    if pos < end <= pos + len(line):
                        last = k
                    pos += len(line)
                if last - first + 1 > 2:
                    problems.append(f"{pdf.name} p. {number}: «{LEVEL_LABELS[locale]}» on "
                                    f"{last - first + 1} lines: " + " / ".join(s["text"] for s in block))
    return found


# ---- keeps --------------------------------------------------------------------

MARGIN_TOP, MARGIN_BOTTOM = 66, 60  # pages.c: the body lies between them
ORIGINAL_MARK = {"en": "Original (", "fa": "متن اصلی", "zh": "原文（"}
CAPTION_START = {"en": r"Table \d", "fa": "جدول", "zh": r"表 ?\d"}
LEVELS = {
    "en": ["in vitro", "animal", "human trial", "systematic review", "expert opinion / mechanism"],
    "fa": ["آزمایشگاهی", "حیوانی", "کارآزمایی انسانی", "مرور نظام‌مند", "نظر کارشناسی / سازوکار"],
    "zh": ["体外研究", "动物研究", "人体试验", "系统综述", "专家意见 / 机制"],
}


def body_rows(words, height, rtl):
    """The page's text rows between the running header and the footer, top
    to bottom: (top, bottom, text of the row's segments in reading order,
    the start edge of its first segment)."""
    segs = [s for s in segments(words, rtl) if s["y0"] > MARGIN_TOP - 8 and s["y1"] < height - MARGIN_BOTTOM + 4]
    rows = []
    for seg in sorted(segs, key=lambda s: (s["y0"] + s["y1"]) / 2):
        if rows and abs((seg["y0"] + seg["y1"]) / 2 - rows[-1]["mid"]) < 2.5:
            rows[-1]["segs"].append(seg)
        else:
            rows.append({"mid": (seg["y0"] + seg["y1"]) / 2, "segs": [seg]})
    out = []
    for r in rows:
        r["segs"].sort(key=lambda s: -s["x1"] if rtl else s["x0"])
        out.append((min(s["y0"] for s in r["segs"]), max(s["y1"] for s in r["segs"]),
                    " ".join(s["text"] for s in r["segs"]),
                    r["segs"][0]["x1"] if rtl else r["segs"][0]["x0"]))
    return out


def outline(pdf):
    """(title, page index, top from the page's top, level) of every outline entry, in order."""
    index = {p.objgen: i for i, p in enumerate(pdf.pages)}
    out = []

    def walk(item, level):
        while item is not None:
            dest = item.get("/Dest")
            if dest is not None:
                page = index.get(dest[0].objgen)
                top = float(pdf.pages[page].MediaBox[3]) - float(dest[3])
                out.append((str(item.Title), page, top, level))
            walk(item.get("/First"), level + 1)
            item = item.get("/Next")
    if "/Outlines" in pdf.Root:
        walk(pdf.Root.Outlines.get("/First"), 1)
    return out


def check_keeps(pdfs, problems):
    """Nothing stranded at a page foot: a heading with fewer than two rows
    under it, or with only its introduction when its first subheading is
    overleaf; a table caption; a reference number. Nothing alone at a page
    top: a finding's source line, or a finding's original parted from it."""
    counts = {"headings": 0, "stranded": 0}
    for path in pdfs:
        locale = path.name.split(".")[-2]
        rtl = locale == "fa"
        pdf = pikepdf.open(path)
        pages = page_words(path)
        heights = [float(p.MediaBox[3]) for p in pdf.pages]
        rows = [body_rows(w, h, rtl) for w, h in zip(pages, heights)]
        entries = outline(pdf)
        for k, (title, page, top, level) in enumerate(entries):
            counts["headings"] += 1
            below = [r for r in rows[page] if r[0] > top + 2]
            # the heading's own rows start at `top`; what follows is below them
            own = [r for r in rows[page] if top - 2 <= r[0] <= top + 2]
            after = [r for r in below if not own or r[0] > own[-1][1] - 1]
            # a section whose introduction ends the page, its first subsection overleaf
            later_sub = (k + 1 < len(entries) and entries[k + 1][1] > page and
                         entries[k + 1][3] > level)
            if len(after) < 2 or (later_sub and len(after) <= 4 and page + 1 < len(rows) and
                                  after[-1] == rows[page][-1] and len(rows[page + 1]) and
                                  rows[page + 1][0][0] <= entries[k + 1][2] + 2):
                counts["stranded"] += 1
                problems.append(f"{path.name} p. {page + 1}: heading «{title}» stranded at the "
                                f"page foot ({len(after)} rows under it)")
        for number, page_rows in enumerate(rows[:-1], 1):
            if not page_rows:
                continue
            last = compact(page_rows[-1][2])
            if re.match(CAPTION_START[locale], page_rows[-1][2]) or (
                    len(page_rows) >= 2 and re.match(CAPTION_START[locale], page_rows[-2][2]) and
                    ORIGINAL_MARK[locale] in page_rows[-1][2]):
                counts["stranded"] += 1
                problems.append(f"{path.name} p. {number}: table caption at the page foot: {page_rows[-1][2]}")
            # a reference's number hangs at the margin (a table cell's is inset)
            at_margin = abs(page_rows[-1][3] - (float(pdf.pages[number - 1].MediaBox[2]) - 54 if rtl else 54)) < 0.5
            if re.fullmatch(r"\[?[0-9۰-۹]+\]?\.?", last) and at_margin:
                counts["stranded"] += 1
                problems.append(f"{path.name} p. {number}: reference number alone at the page foot: {last}")
        for number, page_rows in enumerate(rows[1:], 2):
            if not page_rows:
                continue
            first = page_rows[0][2]
            if any(compact(first).startswith(compact(l)) or compact(first).endswith(compact(l))
                   for l in LEVELS[locale]) and len(compact(first)) < 40:
                counts["stranded"] += 1
                problems.append(f"{path.name} p. {number}: source line alone at the page top: {first}")
            if ORIGINAL_MARK[locale] in first and not re.match(CAPTION_START[locale], first):
                counts["stranded"] += 1
                problems.append(f"{path.name} p. {number}: an original parted from its rendering: {first[:60]}")
    return counts


# ---- the chart: contrast and order --------------------------------------------


def luminance(rgb):
    """WCAG 2.1 relative luminance of (r, g, b) in 0..1."""
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def fills_and_texts(page):
    """The filled rectangles (x, y, w, h, colour) and the text origins
    (x, y, colour) of a page's content, in drawing order (no cm is used)."""
    fill, stack = (0.0, 0.0, 0.0), []
    rects, texts, pending = [], [], []
    line = [0.0, 0.0]
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == "q":
            stack.append(fill)
        elif op == "Q":
            fill = stack.pop()
        elif op == "rg":
            fill = tuple(float(v) for v in operands)
        elif op == "re":
            pending.append(tuple(float(v) for v in operands))
        elif op in ("f", "f*"):
            rects += [(*r, fill) for r in pending]
            pending = []
        elif op == "n":
            pending = []
        elif op in LINE_OPS:
            line = text_line(line, op, operands)
        elif op in ("TJ", "Tj"):
            texts.append((line[0], line[1], fill))
    return rects, texts


LEVEL_ORDER = {  # strongest first, as the legend must list them
    "en": ["systematic review", "human trial", "animal", "in vitro", "expert opinion / mechanism"],
    "fa": ["مرور نظام‌مند", "کارآزمایی انسانی", "حیوانی", "آزمایشگاهی", "نظر کارشناسی / سازوکار"],
    "zh": ["系统综述", "人体试验", "动物研究", "体外研究", "专家意见 / 机制"],
}


def check_chart(pdfs, problems):
    """Every text drawn on a filled shape (chart segments, table headers,
    zebra rows) stands out from it at 4.5 : 1 at least; the chart's legend
    lists the evidence types by strength, and every bar's segments follow
    the legend's colours in that order."""
    counts = {"texts": 0, "lowest": 99.0, "bars": 0}
    for path in pdfs:
        locale = path.name.split(".")[-2]
        rtl = locale == "fa"
        pdf = pikepdf.open(path)
        for number, page in enumerate(pdf.pages, 1):
            rects, texts = fills_and_texts(page)
            for x, y, colour in texts:
                under = [r for r in rects if r[0] - 0.5 <= x <= r[0] + r[2] + 0.5 and
                         r[1] - 0.5 <= y <= r[1] + r[3] + 0.5 and r[2] * r[3] > 0]
                if not under:
                    continue
                counts["texts"] += 1
                ratio = contrast(colour, under[-1][4])
                counts["lowest"] = min(counts["lowest"], ratio)
                if ratio < 4.5:
                    problems.append(f"{path.name} p. {number}: text at ({x:.0f}, {y:.0f}) at "
                                    f"{ratio:.2f} : 1 on its fill")
            swatches = [r for r in rects if abs(r[2] - 8) < 0.01 and abs(r[3] - 8) < 0.01]
            if not swatches:
                continue
            # the legend: swatches in reading order give the colour of each rank
            swatches.sort(key=lambda r: (-r[1], -r[0] if rtl else r[0]))
            rank = {r[4]: k for k, r in enumerate(swatches)}
            height = float(page.MediaBox[3])
            # the legend's rows: those beside the swatches
            top = min(height - (r[1] + r[3]) for r in swatches) - 3
            bottom = max(height - r[1] for r in swatches) + 3
            words = " ".join(r[2] for r in body_rows(page_words(path)[number - 1], height, rtl)
                             if top <= (r[0] + r[1]) / 2 <= bottom)
            spots = [compact(words).find(compact(l)) for l in LEVEL_ORDER[locale]]
            if -1 in spots or spots != sorted(spots):
                problems.append(f"{path.name} p. {number}: legend not by strength of evidence")
            bars = {}
            for r in rects:
                if abs(r[3] - 11) < 0.01 and r[4] in rank:
                    bars.setdefault(round(r[1], 1), []).append(r)
            for segs in bars.values():
                counts["bars"] += 1
                segs.sort(key=lambda r: -r[0] if rtl else r[0])
                order = [rank[r[4]] for r in segs]
                if order != sorted(order):
                    problems.append(f"{path.name} p. {number}: a bar's segments out of order {order}")
    return counts


# ---- Chinese punctuation -------------------------------------------------------

CLOSING = "、。，．：；！？）》」』】〉〕〗〙〛］｝”’"
OPENING = "（《「『【〈〔〖〘〚［｛“‘"


def cid_widths(font):
    """CID -> width (1/1000 em) of a Type0 font's descendant, from /W."""
    cid_font = font.DescendantFonts[0]
    default = float(cid_font.get("/DW", 1000))
    widths, w = {}, cid_font.get("/W", [])
    i = 0
    while i < len(w):
        first = int(w[i])
        if isinstance(w[i + 1], pikepdf.Array):
            for k, v in enumerate(w[i + 1]):
                widths[first + k] = float(v)
            i += 2
        else:
            for c in range(first, int(w[i + 1]) + 1):
                widths[c] = float(w[i + 2])
            i += 3
    return widths, default


def cjk_glyph_runs(page):
    """Per TJ drawn in Noto Sans CJK: [(character, x of its origin, size)]."""
    fonts = {}
    for name, font in page.Resources.get("/Font", pikepdf.Dictionary()).items():
        if "NotoSansCJK" in str(font.BaseFont):
            fonts[name] = (tounicode(font), *cid_widths(font))
    runs, current, size, x = [], None, 0.0, 0.0
    line = [0.0, 0.0]
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == "Tf":
            current, size = fonts.get(str(operands[0])), float(operands[1])
        elif op in LINE_OPS:
            line = text_line(line, op, operands)
        elif op == "TJ" and current:
            cmap, widths, default = current
            x, run = line[0], []
            for item in operands[0]:
                if isinstance(item, pikepdf.String):
                    data = bytes(item)
                    for k in range(0, len(data) - 1, 2):
                        cid = data[k] << 8 | data[k + 1]
                        run.append((cmap.get(cid, ""), x, size))
                        x += widths.get(cid, default) / 1000 * size
                else:
                    x -= float(item) / 1000 * size
            line[0] = x
            runs.append(run)
    return runs


def check_punctuation(pdfs, problems):
    """clreq: of two full-width punctuation marks side by side, one is set
    half width: their origins at most 0.75 em apart (half an em, plus what
    justification adds), not a whole em."""
    pairs = 0
    for path in pdfs:
        pdf = pikepdf.open(path)
        for number, page in enumerate(pdf.pages, 1):
            for run in cjk_glyph_runs(page):
                for (a, xa, size), (b, xb, _) in zip(run, run[1:]):
                    if not (a in CLOSING + OPENING and b in CLOSING + OPENING):
                        continue
                    if not (a in CLOSING or b in OPENING):
                        continue
                    pairs += 1
                    if xb - xa > 0.75 * size:
                        problems.append(f"{path.name} p. {number}: «{a}{b}» set "
                                        f"{(xb - xa) / size:.2f} em apart, not compressed")
    return pairs


CONTINUED = {"en": "(continued)", "fa": "(ادامه)", "zh": "（续）"}


def check_continued(pdfs, problems):
    """A table's continuation pages name it: «(continued)» never stands alone."""
    found = 0
    for path in pdfs:
        locale = path.name.split(".")[-2]
        rtl = locale == "fa"
        pdf = pikepdf.open(path)
        for number, (words, page) in enumerate(zip(page_words(path), pdf.pages), 1):
            for row in body_rows(words, float(page.MediaBox[3]), rtl):
                text = compact(row[2]).replace(")", "").replace("(", "")
                label = compact(CONTINUED[locale]).replace(")", "").replace("(", "")
                if label not in text:
                    continue
                found += 1
                if text == label:
                    problems.append(f"{path.name} p. {number}: «{CONTINUED[locale]}» without the table's name")
    return found


def check_persian_tables(pdfs, problems):
    """A review's Persian table (Tamimi's table 1: «روش» first, «کاربرد
    رایج» last) runs right to left in every brief: its first column on the
    right."""
    found = 0
    for path in pdfs:
        for number, words in enumerate(page_words(path), 1):
            first = [w for w in words if w[4] == "روش"]
            last = [w for w in words if w[4] == "رایج" and any(
                v[4] == "کاربرد" and abs(v[1] - w[1]) < 2 for v in words)]
            rows = [(a, b) for a in first for b in last if abs(a[1] - b[1]) < 2]
            for a, b in rows:
                found += 1
                if a[0] < b[0]:
                    problems.append(f"{path.name} p. {number}: a Persian table's columns run left to right")
    return found


HEADER_FILL = (0xDC / 255, 0xE6 / 255, 0xF0 / 255)  # COLOR_HEADER_FILL, pages_internal.h


def caption_overhangs(words, rects, height):
    """For each table header row on a page (its cells filled in the header
    colour), how far the caption above it (the lines just over the row, up
    to the first gap wider than a line's) reaches past the table's left or
    right edge, in points (0 or less: inside)."""
    rows = {}
    for r in rects:
        if all(abs(a - b) < 0.01 for a, b in zip(r[4], HEADER_FILL)):
            rows.setdefault(round(r[1] + r[3], 1), []).append(r)
    out = []
    for top_pdf, cells in rows.items():
        left, right = min(c[0] for c in cells), max(c[0] + c[2] for c in cells)
        top = height - top_pdf  # the row's top in pdftotext's coordinates
        caption, edge = [], top
        for w in sorted((w for w in words if top - 60 < w[3] <= top + 1), key=lambda w: -w[3]):
            if caption and edge - w[3] > 14:
                break
            caption.append(w)
            edge = min(edge, w[1])
        if caption:
            out.append(max(max(left - w[0], w[2] - right) for w in caption))
    return out


def check_captions(pdfs, problems):
    """A table's caption stays within the table's width (a Persian caption
    once overhung its table by 40 pt)."""
    found = 0
    for path in pdfs:
        pdf = pikepdf.open(path)
        for number, (words, page) in enumerate(zip(page_words(path), pdf.pages), 1):
            rects, _ = fills_and_texts(page)
            for over in caption_overhangs(words, rects, float(page.MediaBox[3])):
                found += 1
                if over > 1:
                    problems.append(f"{path.name} p. {number}: a table caption overhangs its table by {over:.0f} pt")
    return found


# The closing section (compose's h_disclaimer and the last of its label:
# value rows, label_translations in strings.c), as pdftotext gives the words
COLOPHON_HEADING = {"en": ["About", "this", "brief"], "fa": ["دربارهٔ", "این", "خلاصه"], "zh": ["关于本简报"]}
COLOPHON_LAST_ROW = {"en": "Translations", "fa": "ترجمه‌ها", "zh": "译文"}


def check_colophon(pdfs, problems):
    """The short closing section, «About this brief» and its rows, is not
    split over two pages: its heading and its last row share a page."""
    found = 0
    for path in pdfs:
        locale = path.name.split(".")[-2]
        pages = page_words(path)
        heading = [i for i, ws in enumerate(pages)
                   if all(any(w[4] == h for w in ws) for h in COLOPHON_HEADING[locale])]
        last = [i for i, ws in enumerate(pages) if any(w[4] == COLOPHON_LAST_ROW[locale] for w in ws)]
        if not heading or not last:
            problems.append(f"{path.name}: no closing section found")
            continue
        found += 1
        if heading[-1] != last[-1]:
            problems.append(f"{path.name}: the closing section runs from p. {heading[-1] + 1} to p. {last[-1] + 1}")
    return found


# ---- page fill and bullets ------------------------------------------------------

MIN_FILL = 0.40
# A brief's last page may be short, but not a widow page: a few lines
# alone (pages.c sets a brief again, its spaces tightened, when its last
# page is under a quarter full and that saves the page).
MIN_LAST_FILL = 0.10


def page_fill(words, rects, height):
    """How full a page is: the share of its body (between the top and bottom
    margins, pages.c) that lies above the lowest content on it, text (word
    boxes) or filled shapes (table rows, chart bars). Running header and
    footer are outside the body and do not count."""
    top, bottom = MARGIN_TOP, height - MARGIN_BOTTOM
    lows = [w[3] for w in words if w[1] > top - 8 and w[3] < bottom + 4]
    lows += [height - r[1] for r in rects if height - (r[1] + r[3]) > top - 8 and height - r[1] < bottom + 4]
    return max(0.0, (max(lows) - top) / (bottom - top)) if lows else 0.0


def check_fill(pdfs, problems):
    """No page under MIN_FILL full except a brief's last, and that one not
    under MIN_LAST_FILL (a widow page)."""
    pages = 0
    for path in pdfs:
        pdf = pikepdf.open(path)
        words = page_words(path)
        for number, page in enumerate(pdf.pages, 1):
            last = number == len(pdf.pages)
            pages += not last
            rects, _ = fills_and_texts(page)
            fill = page_fill(words[number - 1], rects, float(page.MediaBox[3]))
            if fill < (MIN_LAST_FILL if last else MIN_FILL) and (number > 1 or not last):
                problems.append(f"{path.name} p. {number}{' (the last)' if last else ''}: {fill:.0%} full")
    return pages


def detached_bullets(words, em=10.0):
    """Bullets (•) whose nearest word on their line is more than an em away
    (the text a bullet marks starts beside it, on either side)."""
    out = []
    for b in words:
        if b[4] != "•":
            continue
        mid = (b[1] + b[3]) / 2
        gaps = [max(w[0] - b[2], b[0] - w[2]) for w in words
                if w is not b and w[4] != "•" and abs((w[1] + w[3]) / 2 - mid) < 4]
        if not gaps or min(gaps) > em:
            out.append((b, min(gaps) if gaps else None))
    return out


def check_bullets(pdfs, problems):
    """0 bullets detached from their text by more than one em."""
    found = 0
    for path in pdfs:
        for number, words in enumerate(page_words(path), 1):
            found += sum(w[4] == "•" for w in words)
            for b, gap in detached_bullets(words):
                problems.append(f"{path.name} p. {number}: bullet at x {b[0]:.0f} "
                                f"{'alone' if gap is None else f'{gap:.0f} pt'} from its text")
    return found


def self_test():
    """Each check fails on a broken case: synthetic pages and lines."""
    failures = []
    height = 841.89
    full = [(54, 700, 300, 770, "text")]
    if page_fill(full, [], height) < MIN_FILL:
        failures.append("a full page measured under the minimum")
    if page_fill([(54, 70, 300, 120, "text")], [], height) >= MIN_FILL:
        failures.append("a page 8 % full measured as full")
    if page_fill([(54, 70, 300, 80, "text"), (54, 800, 200, 810, "Page 1 of 9")], [], height) >= MIN_FILL:
        failures.append("the footer counted as content")
    if page_fill([], [(54, height - 700, 400, 600, (0, 0, 0))], height) < MIN_FILL:
        failures.append("a filled table missed")
    if detached_bullets([(56, 100, 60, 110, "•"), (68, 100, 120, 110, "text")]):
        failures.append("a bullet beside its text reported")
    if not detached_bullets([(56, 100, 60, 110, "•"), (313, 100, 540, 110, "text")]):
        failures.append("a bullet 253 pt from its text not reported")
    if not detached_bullets([(56, 100, 60, 110, "•")]):
        failures.append("a bullet alone not reported")
    header = [(54, height - 200, 200, 20, HEADER_FILL), (254, height - 200, 200, 20, HEADER_FILL)]
    if max(caption_overhangs([(60, 170, 300, 179, "Table"), (60, 158, 454, 168, "1")], header, height)) > 1:
        failures.append("a caption inside its table reported as overhanging")
    if max(caption_overhangs([(14, 170, 454, 179, "جدول")], header, height)) < 39:
        failures.append("a caption 40 pt past its table not measured")
    problems = []
    if not check_minimums({"digits": 0}, problems) or not problems:
        failures.append("a check that found nothing to check passed")
    for f in failures:
        print("self-test:", f)
    return not failures


# every check must have found something to check: a check over nothing passes
MINIMUMS = {"digits": 100, "blocks": 1000, "labels": 10, "headings": 100, "punctuation": 10,
            "continued": 5, "persian_tables": 1, "captions": 50, "colophons": 21, "texts": 100, "bars": 10, "pages": 200, "bullets": 100}


def check_minimums(found, problems):
    """Returns True when it reported a check that found too little."""
    low = [k for k, v in found.items() if v < MINIMUMS[k]]
    for k in low:
        problems.append(f"check {k!r} found only {found[k]} to check (at least {MINIMUMS[k]})")
    return bool(low)


def main():
    if sys.argv[1:] == ["--self-test"]:
        return 0 if self_test() else 1
    out, fonts_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    pdfs = sorted(out.glob("*.pdf"))
    if len(pdfs) != 21:
        print(f"expected 21 briefs, found {len(pdfs)}")
        return 1
    problems = []
    digits = check_persian_digits(pdfs, fonts_dir, problems)
    cells = check_cell_lines(pdfs, problems)
    labels = check_level_labels(pdfs, problems)
    keeps = check_keeps(pdfs, problems)
    chart = check_chart(pdfs, problems)
    punctuation = check_punctuation(pdfs, problems)
    continued = check_continued(pdfs, problems)
    persian_tables = check_persian_tables(pdfs, problems)
    captions = check_captions(pdfs, problems)
    colophons = check_colophon(pdfs, problems)
    pages = check_fill(pdfs, problems)
    bullets = check_bullets(pdfs, problems)
    check_minimums({"digits": digits, "blocks": cells["blocks"], "labels": labels, "headings": keeps["headings"],
                    "punctuation": punctuation, "continued": continued, "persian_tables": persian_tables, "captions": captions, "colophons": colophons,
                    "texts": chart["texts"], "bars": chart["bars"], "pages": pages, "bullets": bullets}, problems)
    for p in problems:
        print(p)
    print(f"persian digit glyphs checked: {digits}")
    print("line blocks checked: {blocks}; number/unit splits {splits}, one-character last lines "
          "{lonely}, vertical columns {narrow}".format(**cells))
    print(f"evidence-type labels checked: {labels}")
    print("headings checked: {headings}; stranded headings, captions, numbers, sources and "
          "originals: {stranded}".format(**keeps))
    print(f"adjacent full-width punctuation pairs checked: {punctuation}")
    print(f"continuation captions checked: {continued}")
    print(f"Persian table headers checked: {persian_tables}")
    print(f"table captions checked (within their table's width): {captions}")
    print(f"closing sections checked (on one page): {colophons}")
    print(f"pages checked for fill (all but each brief's last, at least {MIN_FILL:.0%}; "
          f"the last at least {MIN_LAST_FILL:.0%}): {pages}")
    print(f"bullets checked (at most an em from their text): {bullets}")
    print("texts on fills: {texts}, lowest contrast {lowest:.2f} : 1; chart bars in order: {bars}".format(**chart))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
