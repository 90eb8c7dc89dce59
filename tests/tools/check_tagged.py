#!/usr/bin/env python3
"""Checks that briefs are tagged PDF (PDF/UA-1) and PDF/A-2u as far as can
be told without a validator (no veraPDF is packaged here): pikepdf (qpdf)
reads the objects and content streams, `pdfinfo -struct-text` (poppler)
reads the structure tree as a reader would.

For every brief:
  - page content: every text, path, image or shading operator is inside
    marked content, an /Artifact or a structure element's MCID; sequences
    balance; an MCID sequence is not nested in another or in an artifact;
    its tag is its element's type
  - structure tree: every MCID of every page belongs to exactly one
    element, and walking the tree meets them in content order, page after
    page; the parent tree maps each MCID and each link back to its element;
    /P points to the parent; no element is empty
  - roles: every Table has TH cells, each with a /Scope; every Figure has
    /Alt; headings start at H1 and skip no level; /Lang on the catalog and
    well-formed /Lang on elements; every link annotation sits in a Link
    element (OBJR), has /Contents and /StructParent; pages with annotations
    have /Tabs /S; /MarkInfo /Marked true; /DisplayDocTitle true
  - ActualText: an element's /ActualText has the same characters (white
    space aside) as the text its marked content draws, decoded through the
    fonts' ToUnicode maps: the logical text of what is drawn, not another
    text
  - headings: the brief's section headings, read through the structure tree
    (ActualText where there is one, else the marked content), in order
  - PDF/A-2u: XMP metadata (unfiltered /Type /Metadata /Subtype /XML) with
    pdfaid part 2 conformance U, pdfuaid part 1, and dc:title, dc:creator,
    dc:description, pdf:Keywords, pdf:Producer, xmp:CreatorTool and dates
    equal to /Info; an sRGB output intent (GTS_PDFA1) whose profile is an
    RGB ICC profile with /N 3 (with --icc, byte for byte that file); every
    font embedded, with a ToUnicode map; /ID; no encryption; no
    transparency (soft masks, constant alpha, blend modes, groups) but an
    image's alpha as an 8-bit DeviceGray /SMask image, which PDF/A-2
    allows (ISO 19005-2, 6.4; a logo); images without /Interpolate true,
    /Alternates or /OPI (6.2.8)
  - file structure (read with qpdf): a cross-reference stream; every object
    that is not a stream inside an object stream; every stream with a
    direct /Length; every object reachable from the trailer (object
    streams and the cross-reference stream aside)
  - with --struct-text GLOB (default: every brief; slow, seconds each):
    pdfinfo -struct-text meets the same elements in the same order, with
    the same text in each

Usage: check_tagged.py [--icc PROFILE] [--struct-text GLOB]... PDF_OR_DIR..."""
import argparse
import datetime
import fnmatch
import json
import pathlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pikepdf

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from check_briefs import HEADINGS, compact  # noqa: E402

PAINTING = {"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do",
            "INLINE IMAGE"}
LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
IGNORED_CHARS = re.compile("[\\s\u200e\u200f\u202a-\u202e]")
NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class Brief:
    def __init__(self, path, problems):
        self.path = path
        self.name = path.name
        self.problems = problems
        self.pdf = pikepdf.open(path)
        self.page_index = {p.obj.objgen: i for i, p in enumerate(self.pdf.pages)}

    def fail(self, message):
        self.problems.append(f"{self.name}: {message}")


def key(obj):
    return obj.objgen if obj.is_indirect else id(obj)


def text(value):
    return str(value) if value is not None else None


def entries(dictionary):
    return list(dictionary.items()) if dictionary is not None else []


def as_list(value):
    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


# ---- page content ------------------------------------------------------------------------

def parse_cmap(data):
    """A ToUnicode CMap: code (bytes) -> text."""
    def utf16(hexdigits):
        return bytes.fromhex(hexdigits.decode()).decode("utf-16-be", "replace")
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[bytes.fromhex(src.decode())] = utf16(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            width, a, z = len(lo) // 2, int(lo, 16), int(hi, 16)
            if dst.startswith(b"["):
                for i, d in enumerate(re.findall(rb"<([0-9A-Fa-f]*)>", dst)):
                    mapping[(a + i).to_bytes(width, "big")] = utf16(d)
            else:
                base = bytes.fromhex(dst[1:-1].decode())
                for i in range(z - a + 1):
                    last = int.from_bytes(base[-2:], "big") + i
                    mapping[(a + i).to_bytes(width, "big")] = (base[:-2] + last.to_bytes(2, "big")).decode("utf-16-be", "replace")
    return mapping


class FontText:
    """Decodes shown strings through a font's ToUnicode map."""
    def __init__(self):
        self.maps = {}

    def decode(self, font, data):
        if font is None:
            return ""
        k = key(font)
        if k not in self.maps:
            two_bytes = font.get("/Subtype") == "/Type0"
            cmap = parse_cmap(font.ToUnicode.read_bytes()) if "/ToUnicode" in font else {}
            self.maps[k] = (2 if two_bytes else 1, cmap)
        width, cmap = self.maps[k]
        return "".join(cmap.get(bytes(data[i:i + width]), "") for i in range(0, len(data) - width + 1, width))


def shown_strings(operands, op):
    if op == "TJ":
        return [x for x in operands[0] if isinstance(x, pikepdf.String)]
    if op in ("Tj", "'"):
        return [operands[0]]
    if op == '"':
        return [operands[2]]
    return []


def content_mcids(b):
    """Per page, the MCIDs in content order with their tags, and the text
    drawn in each (through the ToUnicode maps; ActualText spans count as
    their ActualText); reports drawing outside marked content."""
    result, texts, decoder = [], {}, FontText()
    for index, page in enumerate(b.pdf.pages):
        stack, mcids, unmarked, font = [], [], 0, None
        fonts = page.obj.get("/Resources", pikepdf.Dictionary()).get("/Font", pikepdf.Dictionary())
        current = None  # the (page, mcid) whose text is being collected
        replaced = 0    # depth of ActualText spans: their glyphs are replaced
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "BMC":
                stack.append(("artifact" if operands[0] == "/Artifact" else "other", None))
            elif op == "BDC":
                tag, props = operands
                props = props if isinstance(props, pikepdf.Dictionary) else pikepdf.Dictionary()
                mcid = props.get("/MCID")
                if tag == "/Artifact":
                    stack.append(("artifact", None))
                elif mcid is not None:
                    if any(kind in ("mcid", "artifact") for kind, *_ in stack):
                        b.fail(f"page {index + 1}: MCID {mcid} nested in other marked content")
                    stack.append(("mcid", int(mcid)))
                    mcids.append((int(mcid), str(tag)))
                    current = (index, int(mcid))
                    texts.setdefault(current, "")
                else:
                    stack.append(("other", None))
                if "/ActualText" in props:
                    if current and not replaced:
                        texts[current] += str(props.ActualText)
                    replaced += 1
                    stack[-1] = stack[-1] + ("actual",)
            elif op == "EMC":
                if not stack:
                    b.fail(f"page {index + 1}: EMC without BMC/BDC")
                    continue
                top = stack.pop()
                replaced -= top[-1] == "actual"
                if top[0] == "mcid":
                    current = None
            elif op == "Tf":
                font = fonts.get(str(operands[0]))
            if op in PAINTING and not any(kind in ("mcid", "artifact") for kind, *_ in stack):
                unmarked += 1
            if current and not replaced:
                for string in shown_strings(operands, op):
                    texts[current] += decoder.decode(font, bytes(string))
        if stack:
            b.fail(f"page {index + 1}: {len(stack)} marked-content sequence(s) left open")
        if unmarked:
            b.fail(f"page {index + 1}: {unmarked} painting operator(s) outside marked content")
        seen = [m for m, _ in mcids]
        if len(set(seen)) != len(seen):
            b.fail(f"page {index + 1}: an MCID is used twice")
        result.append(mcids)
    return result, texts


# ---- structure tree ----------------------------------------------------------------------

class Element:
    def __init__(self, obj, parent, depth):
        self.obj, self.parent, self.depth = obj, parent, depth
        self.type = str(obj.get("/S", ""))[1:]
        self.children = []      # Elements
        self.mcids = []         # (page, mcid)
        self.links = []         # annotation objects
        self.content = ""       # the text drawn in its own marked content


def walk(b, obj, parent, depth, elements, order):
    e = Element(obj, parent, depth)
    elements.append(e)
    if parent is not None and key(obj.get("/P")) != key(parent.obj):
        b.fail(f"{e.type}: /P is not its parent")
    page = b.page_index.get(obj.Pg.objgen) if "/Pg" in obj else None
    kids = as_list(obj.get("/K"))
    if not kids:
        b.fail(f"empty {e.type} element")
    for kid in kids:
        if isinstance(kid, int):
            if page is None:
                b.fail(f"{e.type}: an MCID without /Pg")
            e.mcids.append((page, int(kid)))
            order.append((page, int(kid), e))
        elif kid.get("/Type") == "/MCR":
            p = b.page_index.get(kid.Pg.objgen) if "/Pg" in kid else page
            e.mcids.append((p, int(kid.MCID)))
            order.append((p, int(kid.MCID), e))
        elif kid.get("/Type") == "/OBJR":
            e.links.append(kid.Obj)
        else:
            child = walk(b, kid, e, depth + 1, elements, order)
            e.children.append(child)
    return e


def number_tree(node):
    pairs = {}
    if "/Nums" in node:
        nums = list(node.Nums)
        for i in range(0, len(nums) - 1, 2):
            pairs[int(nums[i])] = nums[i + 1]
    for kid in as_list(node.get("/Kids")):
        pairs.update(number_tree(kid))
    return pairs


def check_structure(b, content, texts):
    root = b.pdf.Root
    if "/StructTreeRoot" not in root:
        b.fail("no /StructTreeRoot")
        return []
    mark_info = root.get("/MarkInfo")
    if mark_info is None or mark_info.get("/Marked") is not True:
        b.fail("/MarkInfo /Marked is not true")
    tree = root.StructTreeRoot
    elements, order = [], []
    tops = [walk(b, k, None, 0, elements, order) for k in as_list(tree.get("/K"))]
    if [e.type for e in tops] != ["Document"]:
        b.fail(f"the root holds {[e.type for e in tops]}, not one Document")

    # every MCID once, in content order
    in_tree = [(p, m) for p, m, _ in order]
    in_content = [(p, m) for p, mcids in enumerate(content) for m, _ in mcids]
    if len(set(in_tree)) != len(in_tree):
        b.fail("an MCID belongs to two elements")
    missing = set(in_content) - set(in_tree)
    extra = set(in_tree) - set(in_content)
    if missing:
        b.fail(f"{len(missing)} MCID(s) on the pages belong to no element, e.g. {sorted(missing)[:3]}")
    if extra:
        b.fail(f"{len(extra)} MCID(s) of the tree are on no page, e.g. {sorted(extra)[:3]}")
    # Each page's MCIDs in that page's content order. The pages themselves
    # may be read out of order: landscape pages float (pages.c) after the
    # page the next section fills, and the tree keeps the logical order.
    for page in range(len(content)):
        tree_page = [x for x in in_tree if x[0] == page]
        content_page = [x for x in in_content if x[0] == page]
        if not missing and not extra and tree_page != content_page:
            first = next(i for i, (x, y) in enumerate(zip(tree_page, content_page)) if x != y)
            b.fail(f"the tree reads MCIDs out of content order (first at {tree_page[first]}, "
                   f"content has {content_page[first]})")
            break
    owner = {(p, m): e for p, m, e in order}
    for p, mcids in enumerate(content):
        for m, tag in mcids:
            e = owner.get((p, m))
            if e and tag[1:] != e.type:
                b.fail(f"page {p + 1} MCID {m}: tagged {tag} but its element is {e.type}")

    # the parent tree
    parents = number_tree(tree.ParentTree) if "/ParentTree" in tree else {}
    if "/ParentTree" not in tree:
        b.fail("no /ParentTree")
    next_key = int(tree.get("/ParentTreeNextKey", -1))
    if parents and next_key <= max(parents):
        b.fail("/ParentTreeNextKey is not above every key")
    for p, page in enumerate(b.pdf.pages):
        mcids = content[p]
        if not mcids:
            continue
        sp = page.obj.get("/StructParents")
        arr = parents.get(int(sp)) if sp is not None else None
        if arr is None:
            b.fail(f"page {p + 1}: no /StructParents entry in the parent tree")
            continue
        for m, _ in mcids:
            e = owner.get((p, m))
            if e is None or m >= len(arr) or key(arr[m]) != key(e.obj):
                b.fail(f"page {p + 1} MCID {m}: the parent tree does not lead to its element")
                break
    check_links(b, elements, parents)
    for e in elements:
        e.content = "".join(texts.get(m, "") for m in e.mcids)
    return elements


def check_links(b, elements, parents):
    in_tree = {}
    for e in elements:
        for annot in e.links:
            in_tree[key(annot)] = e
        if e.type == "Link" and not e.links:
            b.fail("a Link element without a link annotation")
    for p, page in enumerate(b.pdf.pages):
        annots = as_list(page.obj.get("/Annots"))
        if annots and page.obj.get("/Tabs") != "/S":
            b.fail(f"page {p + 1}: annotations but no /Tabs /S")
        for annot in annots:
            if annot.get("/Subtype") != "/Link":
                continue
            e = in_tree.get(key(annot))
            if e is None or e.type != "Link":
                b.fail(f"page {p + 1}: a link annotation outside a Link element")
                continue
            sp = annot.get("/StructParent")
            if sp is None or key(parents.get(int(sp))) != key(e.obj):
                b.fail(f"page {p + 1}: a link's /StructParent does not lead to its Link element")
            if not text(annot.get("/Contents")):
                b.fail(f"page {p + 1}: a link annotation without /Contents")


def check_roles(b, elements):
    levels = [int(e.type[1]) for e in elements if re.fullmatch(r"H[1-6]", e.type)]
    if levels and levels[0] != 1:
        b.fail(f"the first heading is H{levels[0]}")
    for a, c in zip(levels, levels[1:]):
        if c > a + 1:
            b.fail(f"heading levels jump from H{a} to H{c}")
            break
    for e in elements:
        lang = e.obj.get("/Lang")
        if lang is not None and not LANG.match(str(lang)):
            b.fail(f"{e.type}: /Lang {str(lang)!r} is not a language tag")
        if e.type == "Figure" and not text(e.obj.get("/Alt")):
            b.fail("a Figure without /Alt")
        if e.type == "Table":
            cells = [c for row in e.children for c in row.children]
            if not any(c.type == "TH" for c in cells):
                b.fail("a Table without TH cells")
            if any(row.type not in ("TR", "Caption", "THead", "TBody", "TFoot") for row in e.children):
                b.fail(f"a Table holds {[r.type for r in e.children]}")
        if e.type == "TH":
            attrs = as_list(e.obj.get("/A"))
            if not any(a.get("/O") == "/Table" and "/Scope" in a for a in attrs):
                b.fail("a TH without /Scope")
    lang = b.pdf.Root.get("/Lang")
    if lang is None or not LANG.match(str(lang)):
        b.fail("no /Lang on the catalog")
    prefs = b.pdf.Root.get("/ViewerPreferences")
    if prefs is None or prefs.get("/DisplayDocTitle") is not True:
        b.fail("/DisplayDocTitle is not true")


# ---- pdfinfo -struct-text ----------------------------------------------------------------

ELEMENT_LINE = re.compile(r'^( *)([A-Za-z][\w.-]*)(?: <[^>]*>)?(?: r\d+)?(?: \((?:block|inline)\))?:?$')


def read_struct_text(b, elements):
    """Reads the tree with poppler (`pdfinfo -struct-text`, slow: poppler
    interprets the page once per MCID) and checks it meets the same
    elements in the same order, with the same text in each."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(b.path)], capture_output=True, text=True)
    if out.returncode != 0:
        b.fail(f"pdfinfo -struct-text failed: {out.stderr[-200:]}")
        return
    stack, read = [], []  # (indent, index into read), [type, text]
    for line in out.stdout.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if body == "(No content?)":
            b.fail("pdfinfo finds an MCID without content")
            continue
        if body.startswith('"') and body.endswith('"') and len(body) >= 2:
            while stack and stack[-1][0] >= indent:
                stack.pop()
            if stack:
                read[stack[-1][1]][1] += body[1:-1]
            continue
        m = ELEMENT_LINE.match(line)
        if not m or body.startswith("Object "):
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, len(read)))
        read.append([m.group(2), ""])
    types = [e.type for e in elements]
    if [t for t, _ in read] != types:
        b.fail(f"pdfinfo reads {len(read)} elements, not the tree's {len(types)} in order")
        return
    for e, (_, content) in zip(elements, read):
        if IGNORED_CHARS.sub("", content) != IGNORED_CHARS.sub("", e.content.replace("\u00ad", "")):
            b.fail(f"{e.type}: pdfinfo reads {content[:50]!r}, the content stream has {e.content[:50]!r}")
            return


def reading(e):
    """What a reader of the structure tree gets for an element."""
    actual = e.obj.get("/ActualText")
    return str(actual) if actual is not None else e.content


def check_actual_text(b, elements):
    count = 0
    for e in elements:
        actual = e.obj.get("/ActualText")
        if actual is None:
            continue
        count += 1
        if e.children and any(c.content or c.obj.get("/ActualText") is not None for c in e.children):
            b.fail(f"{e.type}: /ActualText over child elements with text")
        a = sorted(IGNORED_CHARS.sub("", str(actual)))
        c = sorted(IGNORED_CHARS.sub("", e.content))
        if a != c:
            b.fail(f"{e.type}: /ActualText {str(actual)[:60]!r} is not the text drawn ({e.content[:60]!r})")
    return count


def check_headings(b, elements, locale):
    expected = HEADINGS.get(locale)
    if not expected:
        return
    found = [compact(reading(e)) for e in elements if e.type == "H1"]
    at = 0
    for h in expected:
        try:
            at = found.index(compact(h), at) + 1
        except ValueError:
            b.fail(f"heading {h!r} not read (in order) through the structure tree; H1s: {found[:12]}")
            return


# ---- PDF/A ---------------------------------------------------------------------------------

def info_date(value):
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:Z|([+-])(\d\d)'(\d\d)'?)?", value or "")
    if not m:
        return None
    y, mo, d, h, mi, s = (int(x) for x in m.groups()[:6])
    offset = 0
    if m.group(7):
        offset = (int(m.group(8)) * 60 + int(m.group(9))) * (1 if m.group(7) == "+" else -1)
    tz = datetime.timezone(datetime.timedelta(minutes=offset))
    return datetime.datetime(y, mo, d, h, mi, s, tzinfo=tz)


def xmp_date(value):
    try:
        return datetime.datetime.fromisoformat((value or "").replace("Z", "+00:00"))
    except ValueError:
        return None


def check_metadata(b):
    root, info = b.pdf.Root, b.pdf.trailer.get("/Info")
    meta = root.get("/Metadata")
    if meta is None:
        b.fail("no XMP /Metadata")
        return
    if meta.get("/Type") != "/Metadata" or meta.get("/Subtype") != "/XML" or "/Filter" in meta:
        b.fail("the metadata stream is not an unfiltered /Type /Metadata /Subtype /XML stream")
    raw = meta.read_bytes()
    if not raw.startswith(b"<?xpacket begin=") or b"<?xpacket end=" not in raw:
        b.fail("the XMP packet has no xpacket wrapper")
    try:
        rdf = ET.fromstring(raw.decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    except (ET.ParseError, UnicodeDecodeError, IndexError) as error:
        b.fail(f"the XMP does not parse: {error}")
        return

    def prop(path):
        node = rdf.find(f".//rdf:Description/{path}", NS)
        return node.text if node is not None else None

    def alt_default(name):
        for li in rdf.findall(f".//rdf:Description/{name}/rdf:Alt/rdf:li", NS):
            if li.get(XML_LANG) == "x-default":
                return li.text
        return None

    if info is None:
        b.fail("no /Info")
        return
    pairs = [
        ("/Title", alt_default("dc:title")),
        ("/Author", prop("dc:creator/rdf:Seq/rdf:li")),
        ("/Subject", alt_default("dc:description")),
        ("/Keywords", prop("pdf:Keywords")),
        ("/Producer", prop("pdf:Producer")),
        ("/Creator", prop("xmp:CreatorTool")),
    ]
    for name, value in pairs:
        if text(info.get(name)) != value:
            b.fail(f"/Info {name} {text(info.get(name))!r} differs from the XMP's {value!r}")
    if not alt_default("dc:title"):
        b.fail("no dc:title")
    for name, xmp_name in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        a, x = text(info.get(name)), prop(xmp_name)
        if (a is None) != (x is None) or (a is not None and info_date(a) != xmp_date(x)):
            b.fail(f"/Info {name} {a!r} and {xmp_name} {x!r} disagree")
    if prop("pdfaid:part") != "2" or prop("pdfaid:conformance") != "U":
        b.fail("the XMP does not say PDF/A-2u (pdfaid:part 2, pdfaid:conformance U)")
    if prop("pdfuaid:part") != "1":
        b.fail("the XMP does not say PDF/UA-1 (pdfuaid:part 1)")
    if b"pdfaExtension:schemas" not in raw or b"http://www.aiim.org/pdfua/ns/id/" not in raw:
        b.fail("the XMP lacks the PDF/A extension schema for pdfuaid")


def check_output_intent(b, icc):
    intents = as_list(b.pdf.Root.get("/OutputIntents"))
    pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    if len(pdfa) != 1:
        b.fail(f"{len(pdfa)} GTS_PDFA1 output intents, not one")
        return
    intent = pdfa[0]
    if not text(intent.get("/OutputConditionIdentifier")):
        b.fail("the output intent has no /OutputConditionIdentifier")
    profile = intent.get("/DestOutputProfile")
    if profile is None:
        b.fail("the output intent embeds no profile")
        return
    data = profile.read_bytes()
    if profile.get("/N") != 3 or len(data) < 132 or data[36:40] != b"acsp" or data[16:20] != b"RGB ":
        b.fail("the output intent's profile is not an RGB ICC profile with /N 3")
    if icc is not None and data != icc:
        b.fail("the output intent's profile is not the expected sRGB profile")


def fonts_of(resources, seen):
    if resources is None or key(resources) in seen:
        return
    seen.add(key(resources))
    for _, font in entries(resources.get("/Font")):
        yield font
    for _, xobject in entries(resources.get("/XObject")):
        yield from fonts_of(xobject.get("/Resources"), seen)


def check_fonts(b):
    seen, checked = set(), set()
    for page in b.pdf.pages:
        for font in fonts_of(page.obj.get("/Resources"), seen):
            if key(font) in checked:
                continue
            checked.add(key(font))
            name = str(font.get("/BaseFont", "?"))
            described = font.DescendantFonts[0] if font.get("/Subtype") == "/Type0" else font
            descriptor = described.get("/FontDescriptor")
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                b.fail(f"font {name} is not embedded")
            if "/ToUnicode" not in font:
                b.fail(f"font {name} has no ToUnicode map")
    if not checked:
        b.fail("no fonts")


def check_plain(b):
    if b.pdf.is_encrypted or "/Encrypt" in b.pdf.trailer:
        b.fail("encrypted")
    ids = b.pdf.trailer.get("/ID")
    if ids is None or len(ids) != 2:
        b.fail("no /ID")
    for p, page in enumerate(b.pdf.pages):
        group = page.obj.get("/Group")
        if group is not None and group.get("/S") == "/Transparency":
            b.fail(f"page {p + 1}: a transparency group")
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        for _, gs in entries(resources.get("/ExtGState")):
            if gs.get("/SMask", pikepdf.Name.None_) != pikepdf.Name.None_:
                b.fail(f"page {p + 1}: a soft mask")
            if float(gs.get("/CA", 1)) != 1 or float(gs.get("/ca", 1)) != 1:
                b.fail(f"page {p + 1}: constant alpha below 1")
            if gs.get("/BM", pikepdf.Name.Normal) not in (pikepdf.Name.Normal, pikepdf.Name.Compatible):
                b.fail(f"page {p + 1}: a blend mode")
        for _, xobject in entries(resources.get("/XObject")):
            check_image(b, p, xobject)


def check_image(b, p, xobject):
    if xobject.get("/Subtype") != "/Image":
        b.fail(f"page {p + 1}: an XObject that is not an image")
        return
    if "/SMaskInData" in xobject:
        b.fail(f"page {p + 1}: an image with /SMaskInData")
    mask = xobject.get("/SMask")
    if mask is not None and not (mask.get("/Subtype") == "/Image" and mask.get("/ColorSpace") == "/DeviceGray"
                                 and int(mask.get("/BitsPerComponent", 0)) == 8 and "/SMask" not in mask):
        b.fail(f"page {p + 1}: an image with a soft mask that is not an 8-bit DeviceGray image")
    for image in [xobject] + ([mask] if mask is not None else []):
        if bool(image.get("/Interpolate", False)) or "/Alternates" in image or "/OPI" in image:
            b.fail(f"page {p + 1}: an image with /Interpolate true, /Alternates or /OPI")


# ---- file structure ------------------------------------------------------------------------

REFERENCE = re.compile(r"^(\d+) 0 R$")


def references(value):
    """The object numbers a value of qpdf's JSON (version 2) refers to."""
    if isinstance(value, str):
        m = REFERENCE.match(value)
        if m:
            yield int(m.group(1))
    elif isinstance(value, list):
        for v in value:
            yield from references(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from references(v)


def check_file_structure(b):
    run = subprocess.run(["qpdf", "--json", "--json-key=qpdf", str(b.path)], capture_output=True, check=False)
    if run.returncode != 0:
        b.fail(f"qpdf --json: {run.stderr.decode(errors='replace').strip()}")
        return
    objects = json.loads(run.stdout)["qpdf"][1]
    trailer = objects.pop("trailer")["value"]
    if trailer.get("/Type") != "/XRef":
        b.fail("no cross-reference stream")
    values = {int(k.split()[0][4:]): v for k, v in objects.items()}
    streams = {n: v["stream"]["dict"] for n, v in values.items() if "stream" in v}
    structural = {n for n, d in streams.items() if d.get("/Type") in ("/ObjStm", "/XRef")}
    for n, d in streams.items():
        if not isinstance(d.get("/Length"), int):
            b.fail(f"object {n}: /Length {d.get('/Length')!r} is not a direct number")
    seen, todo = set(), list(references(trailer))
    while todo:
        n = todo.pop()
        if n in seen or n not in values:
            continue
        seen.add(n)
        v = values[n]
        todo.extend(references(v["stream"]["dict"] if "stream" in v else v.get("value")))
    unreachable = sorted(set(values) - seen - structural)
    if unreachable:
        b.fail(f"{len(unreachable)} object(s) unreachable from the trailer, e.g. {unreachable[:5]}")
    run = subprocess.run(["qpdf", "--show-xref", str(b.path)], capture_output=True, text=True, check=False)
    packed = {int(line.split("/")[0]) for line in run.stdout.splitlines() if ": compressed;" in line}
    loose = sorted(set(values) - set(streams) - packed)
    if run.returncode != 0 or loose:
        b.fail(f"{len(loose)} object(s) that are not streams outside object streams, e.g. {loose[:5]}")


# ---- driver ---------------------------------------------------------------------------------

def check(path, icc, struct_text, problems):
    b = Brief(path, problems)
    locale = path.stem.rsplit(".", 1)[1] if "." in path.stem else None
    content, texts = content_mcids(b)
    elements = check_structure(b, content, texts)
    check_roles(b, elements)
    if any(fnmatch.fnmatch(path.name, pattern) for pattern in struct_text):
        read_struct_text(b, elements)
    actual = check_actual_text(b, elements)
    check_headings(b, elements, locale)
    check_metadata(b)
    check_output_intent(b, icc)
    check_fonts(b)
    check_plain(b)
    check_file_structure(b)
    mcids = sum(len(m) for m in content)
    return f"{path.name}: {len(elements)} elements, {mcids} MCIDs on {len(content)} pages, {actual} with ActualText"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--icc", type=pathlib.Path, help="the ICC profile the output intent must embed")
    parser.add_argument("--struct-text", action="append", metavar="GLOB",
                        help="read these briefs (file name patterns) with pdfinfo -struct-text "
                             "too (slow: seconds per brief); default: all")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("paths", nargs="+", type=pathlib.Path)
    args = parser.parse_args()
    icc = args.icc.read_bytes() if args.icc else None
    pdfs = []
    for p in args.paths:
        pdfs.extend(sorted(p.glob("*.pdf")) if p.is_dir() else [p])
    problems = []
    for pdf in pdfs:
        before = len(problems)
        summary = check(pdf, icc, args.struct_text or ["*"], problems)
        if args.verbose or len(problems) > before:
            print(summary)
    for p in problems:
        print("FAIL", p)
    print(f"check_tagged: {len(pdfs)} PDF(s), {len(problems)} problem(s)")
    return 1 if problems or not pdfs else 0


if __name__ == "__main__":
    sys.exit(main())
