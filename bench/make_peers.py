#!/usr/bin/env python3
"""Write the content of one evbrief brief as a Typst document and as an
HTML+CSS document, so that Typst and WeasyPrint typeset the same brief as
evbrief does (for bench/run.sh).

It reads the same inputs (inputs/reviews/*.json, inputs/indications.json) and
selects content by the rules of src/compose/ for the English locale: title
block, key messages, the evidence chart, the comparison of the reviews,
findings by review (original language plus rendering), the reviews' own
tables (000's Persian table, 002's Chinese table, 004's 9-column clinical
table), the human studies (landscape), safety, limitations and gaps, the
cited references, and the disclaimer. Fonts: the Noto families of
fonts/fonts.json, copied by CMake into the build tree's fonts/ (Typst:
--font-path build/fonts; WeasyPrint: fontconfig, see bench/run.sh).

    python3 bench/make_peers.py [--inputs DIR] [--indication ID] --out DIR
        writes DIR/<indication>.typ and DIR/<indication>.html
    python3 bench/make_peers.py --all --out DIR   every indication

Standard library only.
"""
import argparse
import datetime
import glob
import hashlib
import html
import json
import os
import sys

LEVELS = ["in_vitro", "animal", "human_trial", "systematic_review", "expert_opinion"]
LEVEL_NAMES = {"in_vitro": "in vitro", "animal": "animal", "human_trial": "human trial",
               "systematic_review": "systematic review", "expert_opinion": "expert opinion / mechanism",
               "background": "background"}
STRENGTH = ["systematic_review", "human_trial", "animal", "in_vitro", "expert_opinion"]
KINDS = {"narrative_review": "narrative review", "literature_review": "literature review",
         "systematic_review": "systematic review", "web_evidence_summary": "web evidence summary"}
LANG_NAMES = {"fa": "Persian", "en": "English", "zh-Hans": "Chinese"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
LEVEL_COLOURS = ["#9ecae1", "#6baed6", "#3182bd", "#08519c", "#bdbdbd"]
DISCLAIMER = ("This brief summarises published reviews; it is not clinical guidance. It reports what the "
              "reviews state, at the level of evidence they state, and adds no rating or recommendation of "
              "its own. Check the original reviews before acting on any statement.")


# ---- selection (mirrors src/compose for locale en) ---------------------------------------

def pick(text, want, fallback="en"):
    """eb_text_pick: the wanted language, the fallback, then fa, en, zh-Hans."""
    if not text:
        return None, None
    for lang in (want, fallback, "fa", "en", "zh-Hans"):
        if text.get(lang):
            return text[lang], lang
    return None, None


def display(text):
    s, lang = pick(text, "en")
    return (s, lang) if s else None


def quote(text, original):
    s, got = pick(text, original)
    rendering = None
    if got != "en" and text.get("en"):
        rendering = (text["en"], "en")
    return (s, got), rendering


def feeds(rv, ind):
    for key in ("findings", "human_studies", "tables"):
        for x in rv.get(key, []):
            if ind in x.get("indications", []):
                return True
    return False


def applies(rv, lst, ind):
    return feeds(rv, ind) if not lst else ind in lst


def label(rv):
    authors = rv.get("authors", [])
    if authors:
        a = authors[0]
        who = a.get("latin") or a["name"]
    else:
        d = display(rv.get("publisher"))
        who = d[0] if d else rv["id"]
    etal = " et al." if len(authors) > 1 else ""
    return f"{who}{etal}, {rv['year']}"


def refs_text(refs):
    return "[" + ", ".join(str(r) for r in refs) + "]" if refs else None


def fmt_date(iso):
    parts = iso.split("-")
    y, m = int(parts[0]), int(parts[1])
    if len(parts) > 2:
        return f"{int(parts[2])} {MONTHS[m - 1]} {y}"
    return f"{MONTHS[m - 1]} {y}"


def latest_date(rv):
    dates = [rv.get("dates", {}).get(k) for k in ("updated", "published", "accepted", "received")]
    dates = [d for d in dates if d]
    return max(dates) if dates else None


class Brief:
    """A list of blocks: (kind, payload). Spans are (text, lang)."""

    def __init__(self, inputs, ind_id):
        self.ind_id = ind_id
        vocab = json.load(open(os.path.join(inputs, "indications.json"), encoding="utf-8"))
        self.ind = next(i for i in vocab["indications"] if i["id"] == ind_id)
        files = sorted(glob.glob(os.path.join(inputs, "reviews", "*.json")))
        reviews = [json.load(open(f, encoding="utf-8")) for f in files]
        self.reviews = [rv for rv in reviews if feeds(rv, ind_id)]
        digest = hashlib.sha256()
        for f in [os.path.join(inputs, "indications.json")] + files:
            digest.update(open(f, "rb").read())
        self.digest = digest.hexdigest()[:16]
        self.cited = [set() for _ in self.reviews]
        self.blocks = []
        name = self.ind["name"]["en"]
        self.title = f"Evidence brief: {name}"
        self.running = f"Evidence brief — {name}"
        self.compose()

    def add(self, kind, payload=None):
        self.blocks.append((kind, payload))

    def note_refs(self, r, refs):
        self.cited[r].update(refs or [])

    def bullet(self, r, text, refs):
        rv = self.reviews[r]
        q, rendering = quote(text, rv["language"])
        src = label(rv) + (" " + refs_text(refs) if refs else "")
        self.note_refs(r, refs)
        return {"text": q, "rendering": rendering, "source": src}

    def compose(self):
        ind, reviews = self.ind_id, self.reviews
        # title block
        self.add("title", self.title)
        self.add("subtitle", "What published reviews say about exosome therapy")
        meta = [("Indication", self.ind["name"]["en"])]
        if self.ind.get("conditions"):
            meta.append(("Covers", ", ".join(c["en"] for c in self.ind["conditions"])))
        meta.append(("Language of this brief", "English"))
        dates = [d for d in (latest_date(rv) for rv in reviews) if d]
        evidence = max(dates) if dates else None
        if evidence:
            meta.append(("Date of the evidence", fmt_date(evidence)))
        sde = os.environ.get("SOURCE_DATE_EPOCH")
        if sde:
            day = datetime.datetime.fromtimestamp(int(sde), datetime.timezone.utc).strftime("%Y-%m-%d")
            meta.append(("Built", fmt_date(day)))
        else:
            meta.append(("Built", (fmt_date(evidence) + " " if evidence else "")
                         + "(date of the evidence; SOURCE_DATE_EPOCH not set)"))
        meta.append(("Reviews", f"{len(reviews)}: " + ", ".join(label(rv) for rv in reviews)))
        meta.append(("Inputs digest", self.digest))
        self.add("meta", meta)

        # key messages: conclusions naming the indication first, then general ones, in turn
        def nth_conclusion(rv, nth):
            seen = 0
            for named_pass in (True, False):
                for s in rv.get("statements", []):
                    if s["kind"] != "conclusion":
                        continue
                    lst = s.get("indications", [])
                    if (named_pass and ind in lst) or (not named_pass and not lst):
                        if seen == nth:
                            return s
                        seen += 1
            return None
        msgs = []
        for rnd in range(4):
            for r, rv in enumerate(reviews):
                if len(msgs) >= 4:
                    break
                s = nth_conclusion(rv, rnd)
                if s:
                    msgs.append(self.bullet(r, s["text"], s.get("refs")))
        if msgs:
            self.add("h1", "Key messages")
            self.add("bullets", msgs)

        # chart
        rows = []
        for rv in reviews:
            counts = [0] * len(LEVELS)
            for f in rv["findings"]:
                if ind in f["indications"] and f["level"] in LEVELS:  # background is not counted
                    counts[LEVELS.index(f["level"])] += 1
            sizes = [hs.get("n") for hs in rv.get("human_studies", []) if ind in hs["indications"]]
            rows.append((label(rv), counts, sizes))
        self.add("h1", "Evidence at a glance")
        self.add("para", ("Findings per review by the level of evidence they rest on, and the size of each "
                          "human study the reviews describe. Levels are as the reviews state them; evbrief "
                          "assigns no GRADE rating.", "en"))
        self.add("chart", rows)

        # comparison
        header = [[(h, "en") for h in ("Review", "Kind and scope", "What it found", "Evidence level", "Limitations")]]
        body = []
        for rv in reviews:
            mine = [f for f in rv["findings"] if ind in f["indications"]]
            ks = [KINDS[rv["kind"]]]
            sc = rv.get("scope", {})
            if sc.get("databases"):
                ks.append("Searched: " + ", ".join(sc["databases"]))
            if sc.get("from_year") and sc.get("to_year"):
                ks.append(f"{sc['from_year']}–{sc['to_year']}")
            if "references_reviewed" in sc:
                ks.append(f"{sc['references_reviewed']} references reviewed")
            rating = display(rv.get("own_rating"))
            if rating:
                ks.append(f"«{rating[0]}» (the review's own rating)")
            found = []
            for lvl in STRENGTH:
                for f in mine:
                    if f["level"] == lvl and len(found) < 3:
                        found.append(display(f["text"]))
            if len(mine) > len(found):
                found.append((f"… and {len(mine) - len(found)} more (see Findings by review)", "en"))
            levels = [(f"{LEVEL_NAMES[l]}: {n}", "en") for l in STRENGTH
                      for n in [sum(1 for f in mine if f["level"] == l)] if n]
            lims = [s for s in rv.get("statements", [])
                    if s["kind"] == "limitation" and applies(rv, s.get("indications"), ind)]
            limcell = [display(s["text"]) for s in lims[:2]]
            if len(lims) > 2:
                limcell.append((f"… and {len(lims) - 2} more (see Limitations and evidence gaps)", "en"))
            body.append([(label(rv) + "\n" + LANG_NAMES[rv["language"]], "en"), ("\n".join(ks), "en"),
                         found or ("none stated", "en"), levels or ("none stated", "en"),
                         limcell or ("none stated", "en")])
        self.add("h1", "The reviews compared")
        self.add("table", {"header": header, "body": body, "landscape": False})

        # findings by review
        self.add("h1", "Findings by review")
        self.add("para", ("Each finding in the review's own language, with its rendering, the level of "
                          "evidence and the review's reference numbers.", "en"))
        for r, rv in enumerate(reviews):
            self.add("h2", label(rv))
            items = []
            for f in rv["findings"]:
                if ind not in f["indications"]:
                    continue
                q, rendering = quote(f["text"], rv["language"])
                design = display(f.get("design"))
                src = LEVEL_NAMES[f["level"]] + (" — " + design[0] if design else "")
                if f.get("refs"):
                    src += " " + refs_text(f["refs"])
                self.note_refs(r, f.get("refs"))
                items.append({"text": q, "rendering": rendering, "source": src})
            self.add("bullets", items)

        # the reviews' own tables
        first = True
        for r, rv in enumerate(reviews):
            lang = rv["language"]
            for t in rv.get("tables", []):
                if not applies(rv, t.get("indications"), ind):
                    continue
                if first:
                    self.add("h1", "Tables from the reviews")
                    self.add("para", ("The reviews' own tables that concern this indication, in their "
                                      "original language.", "en"))
                    first = False
                header = [[(h, lang) for h in t["header"]]]
                header_en = t.get("header_renderings", {}).get("en") or t.get("header_en")
                if header_en and lang != "en":
                    header.append([(h, "en") for h in header_en])
                body = [[[(i, lang) for i in c] if isinstance(c, list) else (c, lang) for c in row]
                        for row in t["rows"]]
                caption, rendering = quote(t["caption"], lang)
                self.note_refs(r, t.get("refs"))
                num = t.get("number", "")
                self.add("h2", f"Table {num} — {label(rv)}")
                self.add("table", {"header": header, "body": body, "caption": caption,
                                   "caption_rendering": rendering,
                                   "note": (f"Source: {label(rv)}, table {num}.", "en"),
                                   "landscape": len(t["header"]) >= 7, "rtl": lang == "fa"})

        # human studies
        self.add("h1", "Human studies")
        rows = []
        for r, rv in enumerate(reviews):
            for s in rv.get("human_studies", []):
                if ind not in s["indications"]:
                    continue
                ns = ("not stated", "en")
                row = [((label(rv) + (" " + refs_text(s["refs"]) if s.get("refs") else "")), "en")]
                row.append(display(s.get("design")) or ns)
                row.append((str(s["n"]), "en") if s.get("n") else ns)
                row.append(display(s.get("age_range")) or ns)
                src, der = display(s.get("source")), display(s.get("derivative"))
                if src and der:
                    row.append((src[0] + " / " + der[0], der[1]))
                else:
                    row.append(src or der or ns)
                for k in ("delivery", "frequency", "follow_up", "outcomes", "adverse_events"):
                    row.append(display(s.get(k)) or ns)
                self.note_refs(r, s.get("refs"))
                rows.append(row)
        if rows:
            hdr = ["Review", "Design", "n", "Ages", "Source / derivative", "Delivery", "Frequency",
                   "Follow-up", "Outcomes", "Adverse events"]
            self.add("table", {"header": [[(h, "en") for h in hdr]], "body": rows, "landscape": True})
        else:
            self.add("para", ("The reviews describe no individual human study for this indication.", "en"))

        # statements
        for heading, kinds, none in (
                ("Safety and regulatory status", ("regulatory", "safety"),
                 "The reviews make no safety or regulatory statement for this indication."),
                ("Limitations and evidence gaps", ("limitation", "gap"),
                 "The reviews name no limitation or evidence gap for this indication.")):
            self.add("h1", heading)
            items = []
            for r, rv in enumerate(reviews):
                for s in rv.get("statements", []):
                    if s["kind"] in kinds and applies(rv, s.get("indications"), ind):
                        items.append(self.bullet(r, s["text"], s.get("refs")))
            self.add("bullets", items) if items else self.add("para", (none, "en"))

        # references
        self.add("h1", "References")
        for r, rv in enumerate(reviews):
            self.add("h2", label(rv))
            orig = rv["language"]
            parts = []
            if rv.get("authors"):
                parts.append(", ".join(a["name"] for a in rv["authors"]) + ". ")
            title = rv.get("title", {})
            if title.get(orig):
                parts.append(title[orig] + ". ")
            shown = display(title)
            if shown and shown[1] != orig:
                parts.append(f"({shown[0]}) ")
            journal = display(rv.get("journal"))
            if journal:
                parts.append(journal[0] + ". ")
            cite = str(rv["year"])
            if rv.get("volume"):
                cite += ";" + rv["volume"]
            if rv.get("issue"):
                cite += f"({rv['issue']})"
            if rv.get("pages"):
                cite += ":" + rv["pages"]
            parts.append(cite + ".")
            if rv.get("doi"):
                parts.append(" doi:" + rv["doi"])
            elif rv.get("url"):
                parts.append(" " + rv["url"])
            link = "https://doi.org/" + rv["doi"] if rv.get("doi") else rv.get("url")
            self.add("ref", {"label": None, "text": ("".join(parts), orig), "link": link})
            byn = {ref["n"]: ref for ref in rv.get("references", [])}
            for n in sorted(self.cited[r]):
                ref = byn.get(n)
                if not ref:
                    continue
                text = ref["text"]
                if ref.get("doi") and ref["doi"] not in text:
                    text += " doi:" + ref["doi"]
                if ref.get("pmid"):
                    text += " PMID:" + ref["pmid"]
                link = "https://doi.org/" + ref["doi"] if ref.get("doi") else ref.get("url")
                self.add("ref", {"label": f"[{n}]", "text": (text, "en"), "link": link})
        self.add("h1", "About this brief")
        self.add("note", (DISCLAIMER, "en"))

    def nreferences(self):
        return sum(1 for k, p in self.blocks if k == "ref" and p["label"])


def fold_headings(blocks):
    """A heading right before a landscape table goes onto its landscape page, as evbrief does."""
    out = []
    for kind, p in blocks:
        if kind == "table" and p["landscape"] and out and out[-1][0] in ("h1", "h2"):
            hk, hp = out.pop()
            p = dict(p, **{"heading1" if hk == "h1" else "heading": hp})
        out.append((kind, p))
    return out


# ---- Typst ----------------------------------------------------------------------------

TYPST_PREAMBLE = r"""// Generated by bench/make_peers.py from inputs/ (do not edit).
#let serif = ("Noto Serif", "Noto Naskh Arabic", "Noto Sans CJK SC")
#let sans = ("Noto Sans", "Noto Naskh Arabic", "Noto Sans CJK SC")
#set document(title: TITLE, author: "evbrief")
#set page(paper: "a4", margin: 54pt,
  header: text(font: sans, size: 8pt, fill: luma(90))[#RUNNING #line(length: 100%, stroke: 0.3pt)],
  footer: context align(center, text(font: sans, size: 8pt)[Page #counter(page).display() / #counter(page).final().first()]))
#set text(font: serif, size: 10pt, lang: "en")
#set par(justify: true)
#show heading: set text(font: sans)
#show heading.where(level: 1): set text(size: 14pt)
#show heading.where(level: 2): set text(size: 11.5pt)
#show link: set text(fill: rgb("#1a4f8b"))
// A span in its language: Persian right to left in Naskh (10 % larger), Chinese in CJK SC.
#let sp(s, l) = if l == "fa" {
  text(lang: "fa", dir: rtl, font: ("Noto Naskh Arabic", "Noto Sans"), size: 1.1em, s)
} else if l == "zh" {
  text(lang: "zh", region: "cn", s)
} else { text(s) }
// A paragraph in its language: right-aligned and right to left for Persian.
#let pp(s, l) = if l == "fa" {
  block(width: 100%, { set text(dir: rtl, lang: "fa"); set par(justify: true); sp(s, l) })
} else { block(width: 100%, sp(s, l)) }
#let quoteitem(t, tl, r, rl, src) = {
  pp(t, tl)
  if r != none { block(above: 0.4em, text(size: 9pt, pp(r, rl))) }
  block(above: 0.4em, text(size: 8.5pt, font: sans, fill: luma(80), src))
}
#let cellof(c) = if type(c.at(0)) == array {
  list(..c.map(x => sp(x.at(0), x.at(1))))
} else { sp(c.at(0), c.at(1)) }
#let btable(header, body, landscape: false, rtl-table: false) = {
  let n = header.at(0).len()
  set text(font: sans, size: if landscape { 7.5pt } else { 8pt })
  set par(justify: false)
  set text(dir: if rtl-table { rtl } else { auto })
  let hdr = header.map(row => row.map(c => text(weight: "bold", cellof(c)))).flatten()
  let cells = body.map(row => row.map(cellof)).flatten()
  table(columns: (auto,) * n, stroke: 0.3pt + luma(160), inset: 4pt,
    fill: (x, y) => if y < header.len() { luma(225) } else if calc.even(y) { luma(246) } else { none },
    table.header(..hdr), ..cells)
}
#let chart(rows) = {
  let colours = (COLOURS)
  set text(font: sans, size: 8pt)
  grid(columns: (130pt, 1fr, 120pt), row-gutter: 6pt, column-gutter: 6pt,
    [], [], [*human studies (n)*],
    ..rows.map(r => (r.at(0),
      stack(dir: ltr, ..r.at(1).enumerate().filter(p => p.at(1) > 0).map(p =>
        box(width: p.at(1) * 9pt, height: 10pt, fill: rgb(colours.at(p.at(0))), inset: 1pt,
          align(center, text(size: 6.5pt, str(p.at(1))))))),
      r.at(2))).flatten())
  v(4pt)
  LEGEND
}
"""


def tstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def tlang(lang):
    return {"zh-Hans": "zh"}.get(lang, lang)


def tspan(span):
    return f"({tstr(span[0])}, {tstr(tlang(span[1]))})"


def tcell(c):
    if isinstance(c, list):
        return "(" + "".join(tspan(x) + ", " for x in c) + ")"
    return tspan(c)


def trials(sizes):
    if not sizes:
        return "—"
    known = [str(n) for n in sizes if n]
    unknown = sum(1 for n in sizes if not n)
    parts = (["n = " + ", ".join(known)] if known else []) + ([f"{unknown} × not stated"] if unknown else [])
    return "; ".join(parts)


def to_typst(b):
    legend = " ".join(
        f'box(width: 8pt, height: 8pt, fill: rgb("{c}")); h(3pt); [{LEVEL_NAMES[l]}]; h(10pt);'
        for l, c in zip(LEVELS, LEVEL_COLOURS))
    out = [TYPST_PREAMBLE.replace("TITLE", tstr(b.title)).replace("#RUNNING", "#" + tstr(b.running))
           .replace("COLOURS", ", ".join(tstr(c) for c in LEVEL_COLOURS)).replace("LEGEND", legend)]
    for kind, p in fold_headings(b.blocks):
        if kind == "title":
            out.append(f"#block(text(font: sans, size: 20pt, weight: \"bold\", {tstr(p)}))")
        elif kind == "subtitle":
            out.append(f"#block(text(font: sans, size: 12pt, fill: luma(70), {tstr(p)}))")
        elif kind == "meta":
            cells = "".join(f"text(weight: \"bold\", {tstr(k)}), {tstr(v)}, " for k, v in p)
            out.append(f"#block(above: 12pt, {{ set text(font: sans, size: 9pt); "
                       f"grid(columns: (150pt, 1fr), row-gutter: 5pt, {cells}) }})")
        elif kind == "h1":
            out.append(f"#heading(level: 1, {tstr(p)})")
        elif kind == "h2":
            out.append(f"#heading(level: 2, {tstr(p)})")
        elif kind in ("para", "note"):
            size = ", size: 9pt" if kind == "note" else ""
            out.append(f"#text(font: serif{size}, pp({tstr(p[0])}, {tstr(tlang(p[1]))}))")
        elif kind == "bullets":
            items = []
            for it in p:
                r = it["rendering"]
                items.append(f"quoteitem({tstr(it['text'][0])}, {tstr(tlang(it['text'][1]))}, "
                             f"{tstr(r[0]) if r else 'none'}, {tstr(tlang(r[1])) if r else 'none'}, "
                             f"{tstr(it['source'])})")
            out.append("#list(spacing: 9pt, " + ", ".join(items) + ")")
        elif kind == "chart":
            rows = ", ".join(f"({tstr(lbl)}, ({', '.join(str(c) for c in counts)},), {tstr(trials(sizes))})"
                             for lbl, counts, sizes in p)
            out.append(f"#chart(({rows},))")
        elif kind == "table":
            header = "(" + "".join("(" + "".join(tcell(c) + ", " for c in row) + "), " for row in p["header"]) + ")"
            body = "(" + "".join("(" + "".join(tcell(c) + ", " for c in row) + "), " for row in p["body"]) + ")"
            parts = []
            if p.get("heading1"):
                parts.append(f"heading(level: 1, {tstr(p['heading1'])})")
            if p.get("heading"):
                parts.append(f"heading(level: 2, {tstr(p['heading'])})")
            if p.get("caption"):
                cap = p["caption"]
                parts.append(f"text(font: sans, weight: \"bold\", size: 9pt, pp({tstr(cap[0])}, {tstr(tlang(cap[1]))}))")
                if p.get("caption_rendering"):
                    r = p["caption_rendering"]
                    parts.append(f"text(font: sans, size: 8.5pt, pp({tstr(r[0])}, {tstr(tlang(r[1]))}))")
            parts.append(f"btable({header}, {body}, landscape: {'true' if p['landscape'] else 'false'}, "
                         f"rtl-table: {'true' if p.get('rtl') else 'false'})")
            if p.get("note"):
                parts.append(f"text(font: sans, size: 8pt, fill: luma(80), {tstr(p['note'][0])})")
            content = "{ " + "; ".join(parts) + " }"
            if p["landscape"]:
                out.append(f"#page(flipped: true, {content})")
            else:
                out.append(f"#{content}")
        elif kind == "ref":
            lbl = tstr(p["label"] + " ") if p["label"] else '""'
            body = f"sp({tstr(p['text'][0])}, {tstr(tlang(p['text'][1]))})"
            if p["link"]:
                body = f"link({tstr(p['link'])}, {body})"
            out.append(f"#block(above: 5pt, {{ set par(justify: false); set text(size: 8.5pt); {lbl}; {body} }})")
    return "\n".join(out) + "\n"


# ---- HTML + CSS ------------------------------------------------------------------------

CSS = """
@font-face { font-family: "Noto Serif"; src: url(FONTS/NotoSerif-Regular.ttf); font-weight: normal; }
@font-face { font-family: "Noto Serif"; src: url(FONTS/NotoSerif-Bold.ttf); font-weight: bold; }
@font-face { font-family: "Noto Sans"; src: url(FONTS/NotoSans-Regular.ttf); font-weight: normal; }
@font-face { font-family: "Noto Sans"; src: url(FONTS/NotoSans-Bold.ttf); font-weight: bold; }
@font-face { font-family: "Noto Naskh Arabic"; src: url(FONTS/NotoNaskhArabic-Regular.ttf); font-weight: normal; }
@font-face { font-family: "Noto Naskh Arabic"; src: url(FONTS/NotoNaskhArabic-Bold.ttf); font-weight: bold; }
/* Noto Sans CJK SC is face 2 of the collections in the fonts directory:
   fontconfig finds it (bench/run.sh points FONTCONFIG_FILE at it). */
@page { size: A4; margin: 54pt;
  @top-center { content: string(running); font: 8pt "Noto Sans"; color: #5a5a5a; border-bottom: 0.3pt solid #777; width: 100%; }
  @bottom-center { content: "Page " counter(page) " / " counter(pages); font: 8pt "Noto Sans"; } }
@page landscape { size: A4 landscape; }
html { font: 10pt/1.35 "Noto Serif", "Noto Naskh Arabic", "Noto Sans CJK SC"; }
body { string-set: running attr(data-running); }
p, .blk { margin: 0 0 6pt 0; text-align: justify; }
[lang=fa] { font-family: "Noto Naskh Arabic", "Noto Sans"; font-size: 110%; }
[lang=zh-Hans] { font-family: "Noto Serif", "Noto Sans CJK SC"; }
h1, h2, .title, .subtitle, table, .meta, .chart, .src, .note-src { font-family: "Noto Sans", "Noto Naskh Arabic", "Noto Sans CJK SC"; }
h1 { font-size: 14pt; margin: 14pt 0 6pt; page-break-after: avoid; bookmark-level: 1; }
h2 { font-size: 11.5pt; margin: 10pt 0 5pt; page-break-after: avoid; bookmark-level: 2; }
.title { font-size: 20pt; font-weight: bold; }
.subtitle { font-size: 12pt; color: #464646; margin-bottom: 10pt; }
.meta { font-size: 9pt; border-collapse: collapse; }
.meta th { text-align: left; padding: 2pt 10pt 2pt 0; vertical-align: top; width: 150pt; }
ul.q { padding-left: 14pt; } ul.q > li { margin-bottom: 9pt; }
.rend { font-size: 9pt; margin-top: 3pt; }
.src { font-size: 8.5pt; color: #505050; margin-top: 3pt; }
table.b { border-collapse: collapse; font-size: 8pt; width: 100%; margin: 4pt 0; }
table.b.landscape { font-size: 7.5pt; }
table.b th, table.b td { border: 0.3pt solid #a0a0a0; padding: 4pt; vertical-align: top; text-align: start; }
table.b thead th { background: #e1e1e1; }
table.b tbody tr:nth-child(even) td { background: #f6f6f6; }
table.b thead { display: table-header-group; }
table.b tr { page-break-inside: avoid; }
table.b ul { margin: 0; padding-left: 10pt; }
.landscape-page { page: landscape; }
.caption { font-size: 9pt; font-weight: bold; } .caption-r { font-size: 8.5pt; margin-bottom: 3pt; }
.tnote { font-size: 8pt; color: #505050; }
.chart { font-size: 8pt; border-collapse: collapse; }
.chart td { padding: 3pt 6pt 3pt 0; }
.seg { display: inline-block; height: 10pt; font-size: 6.5pt; text-align: center; }
.ref { font-size: 8.5pt; margin: 0 0 5pt 0; text-align: left; }
a { color: #1a4f8b; text-decoration: none; }
"""


def hspan(span, tag="span", cls=None):
    text, lang = span
    attrs = f' lang="{lang}"' + (' dir="rtl"' if lang == "fa" else "") + (f' class="{cls}"' if cls else "")
    return f"<{tag}{attrs}>" + html.escape(text).replace("\n", "<br>") + f"</{tag}>"


def hcell(c, tag):
    if isinstance(c, list):
        return f"<{tag}><ul>" + "".join(hspan(x, "li") for x in c) + f"</ul></{tag}>"
    return hspan(c, tag)


def to_html(b, fonts_url):
    out = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{html.escape(b.title)}</title>", '<meta name="author" content="evbrief">',
           "<style>" + CSS.replace("FONTS", fonts_url) + "</style></head>",
           f'<body data-running="{html.escape(b.running)}">']
    for kind, p in fold_headings(b.blocks):
        if kind == "title":
            out.append(f'<div class="title">{html.escape(p)}</div>')
        elif kind == "subtitle":
            out.append(f'<div class="subtitle">{html.escape(p)}</div>')
        elif kind == "meta":
            out.append('<table class="meta">' + "".join(
                f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in p) + "</table>")
        elif kind in ("h1", "h2"):
            out.append(f"<{kind}>{html.escape(p)}</{kind}>")
        elif kind in ("para", "note"):
            out.append(hspan(p, "p"))
        elif kind == "bullets":
            items = []
            for it in p:
                r = it["rendering"]
                items.append("<li>" + hspan(it["text"], "div") + (hspan(r, "div", "rend") if r else "")
                             + f'<div class="src">{html.escape(it["source"])}</div></li>')
            out.append('<ul class="q">' + "".join(items) + "</ul>")
        elif kind == "chart":
            rows = ['<table class="chart"><tr><td></td><td></td><td><b>human studies (n)</b></td></tr>']
            for lbl, counts, sizes in p:
                segs = "".join(f'<span class="seg" style="width:{n * 9}pt;background:{LEVEL_COLOURS[i]}">{n}</span>'
                               for i, n in enumerate(counts) if n)
                rows.append(f"<tr><td>{html.escape(lbl)}</td><td>{segs}</td><td>{html.escape(trials(sizes))}</td></tr>")
            rows.append("</table>")
            legend = " ".join(f'<span class="seg" style="width:8pt;height:8pt;background:{c}"></span> '
                              f"{LEVEL_NAMES[l]} &#160;" for l, c in zip(LEVELS, LEVEL_COLOURS))
            out.append('<div class="chart">' + "".join(rows) + f"<div>{legend}</div></div>")
        elif kind == "table":
            parts = []
            if p.get("heading1"):
                parts.append(f"<h1>{html.escape(p['heading1'])}</h1>")
            if p.get("heading"):
                parts.append(f"<h2>{html.escape(p['heading'])}</h2>")
            if p.get("caption"):
                parts.append(hspan(p["caption"], "div", "caption"))
                if p.get("caption_rendering"):
                    parts.append(hspan(p["caption_rendering"], "div", "caption-r"))
            cls = "b landscape" if p["landscape"] else "b"
            d = ' dir="rtl"' if p.get("rtl") else ""
            thead = "".join("<tr>" + "".join(hcell(c, "th") for c in row) + "</tr>" for row in p["header"])
            tbody = "".join("<tr>" + "".join(hcell(c, "td") for c in row) + "</tr>" for row in p["body"])
            parts.append(f'<table class="{cls}"{d}><thead>{thead}</thead><tbody>{tbody}</tbody></table>')
            if p.get("note"):
                parts.append(f'<div class="tnote">{html.escape(p["note"][0])}</div>')
            block = "".join(parts)
            out.append(f'<div class="landscape-page">{block}</div>' if p["landscape"] else block)
        elif kind == "ref":
            lbl = html.escape(p["label"]) + " " if p["label"] else ""
            body = hspan(p["text"])
            if p["link"]:
                body = f'<a href="{html.escape(p["link"])}">{body}</a>'
            out.append(f'<p class="ref">{lbl}{body}</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", default=os.path.join(root, "inputs"))
    ap.add_argument("--fonts", default=os.path.join(root, "build", "fonts"), help="fonts directory (for the HTML's @font-face; default: build/fonts)")
    ap.add_argument("--indication", default="skin-aging")
    ap.add_argument("--all", action="store_true", help="every indication")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    if a.all:
        vocab = json.load(open(os.path.join(a.inputs, "indications.json"), encoding="utf-8"))
        ids = [i["id"] for i in vocab["indications"]]
    else:
        ids = [a.indication]
    fonts_url = "file://" + os.path.abspath(a.fonts)
    for ind in ids:
        b = Brief(a.inputs, ind)
        if not b.reviews:
            continue
        with open(os.path.join(a.out, ind + ".typ"), "w", encoding="utf-8") as f:
            f.write(to_typst(b))
        with open(os.path.join(a.out, ind + ".html"), "w", encoding="utf-8") as f:
            f.write(to_html(b, fonts_url))
        tables = sum(1 for k, _ in b.blocks if k == "table")
        print(f"{ind}: {len(b.reviews)} reviews, {tables} tables, {b.nreferences()} cited references "
              f"-> {ind}.typ, {ind}.html", file=sys.stderr)


if __name__ == "__main__":
    main()
