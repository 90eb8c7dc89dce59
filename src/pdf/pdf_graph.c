/* The document's objects: catalog, page tree, /Info, pages, composite
 * fonts, links, outlines, trailer. See pdf_internal.h.
 *
 * Objects are numbered in the order they are made (pdf_object.h), and
 * entries keep the order they were put in, so the calls fix the file.
 * Each entry here is put in the order libharu 2.3.0 put it, which made
 * these objects until this file replaced it: the briefs stayed the same
 * bytes (docs/architecture.md). Only what evbrief uses is here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"
#include "pdf_object.h"

struct eb_pdoc_page {
    eb_pobj *dict, *contents, *resources;
    eb_pobj *fonts;    /* the resource /Font dictionary, made on first use */
    eb_pobj *xobjects; /* the resource /XObject dictionary, likewise */
    eb_pobj *annots;   /* /Annots, made on the first link */
};

/* The objects of one Type0 font; created empty, filled at save time. */
struct eb_pdoc_font {
    eb_pobj *type0, *cid_font, *descriptor;
    eb_pobj *program, *to_unicode, *cid_to_gid;  /* streams */
};

/* An outline entry (or the root) and its place in the tree, for /Count. */
struct eb_pdoc_outline {
    eb_pobj *dict;
    eb_pdoc_outline *first, *last, *next;
};

struct eb_pdoc {
    eb_pobjs *objects;
    eb_pobj *catalog, *pages, *kids, *info, *trailer;
    eb_pdoc_outline *outline_root;
    void **owned;      /* pages, fonts, outline entries */
    size_t nowned, owned_cap;
    size_t npages;
    const char *error; /* static text */
};

/* Records what failed (the first thing since the last take). */
static bool fail(eb_pdoc *d, const char *what) {
    if (!d->error) d->error = what;
    return false;
}

static bool check(eb_pdoc *d, bool ok, const char *what) { return ok || fail(d, what); }

const char *ebi_pdoc_take_error(eb_pdoc *d) {
    const char *error = d->error ? d->error : "";
    d->error = NULL;
    return error;
}

static void *own(eb_pdoc *d, size_t size) {
    if (d->nowned == d->owned_cap) {
        d->owned_cap = d->owned_cap ? 2 * d->owned_cap : 64;
        d->owned = eb_xrealloc(d->owned, d->owned_cap * sizeof *d->owned);
    }
    return d->owned[d->nowned++] = eb_xcalloc(1, size);
}

/* ---- small helpers: each puts one entry; false when it cannot ------------------------ */

static bool put(eb_pdoc *d, eb_pobj *o, const char *key, eb_pobj *value) {
    return check(d, ebi_pobj_put(o, key, value), key ? "cannot put an entry" : "cannot add an item");
}

static bool put_name(eb_pdoc *d, eb_pobj *o, const char *key, const char *name) {
    eb_pobj *value = ebi_pobj_name(d->objects, name);
    return check(d, value != NULL, "a name too long") && put(d, o, key, value);
}

static bool put_int(eb_pdoc *d, eb_pobj *o, const char *key, long v) {
    return put(d, o, key, ebi_pobj_int(d->objects, v));
}

static bool put_real(eb_pdoc *d, eb_pobj *o, const char *key, double v) {
    return put(d, o, key, ebi_pobj_real(d->objects, v));
}

static bool put_string(eb_pdoc *d, eb_pobj *o, const char *key, const char *ascii) {
    eb_pobj *value = ascii ? ebi_pobj_string(d->objects, ascii, strlen(ascii)) : NULL;
    return check(d, value != NULL, "a string too long") && put(d, o, key, value);
}

static bool put_hex(eb_pdoc *d, eb_pobj *o, const char *key, const uint8_t *bytes, size_t n) {
    eb_pobj *value = ebi_pobj_hex(d->objects, bytes, n);
    return check(d, value != NULL, "a string too long") && put(d, o, key, value);
}

static eb_pobj *int_array(eb_pdoc *d, const int *values, size_t n) {
    eb_pobj *array = ebi_pobj_array(d->objects, false);
    for (size_t i = 0; i < n; i++) put_int(d, array, NULL, values[i]);
    return array;
}

/* ---- document and pages -------------------------------------------------------- */

eb_pdoc *ebi_pdoc_create(void) {
    eb_pdoc *d = eb_xcalloc(1, sizeof *d);
    d->objects = ebi_pobjs_create();
    d->catalog = ebi_pobj_dict(d->objects, true);
    d->pages = ebi_pobj_dict(d->objects, true);
    d->info = ebi_pobj_dict(d->objects, true);
    d->kids = ebi_pobj_array(d->objects, false);
    d->trailer = ebi_pobj_dict(d->objects, false);
    bool ok = put_name(d, d->catalog, "Type", "Catalog") && put(d, d->catalog, "Pages", d->pages) &&
              put_name(d, d->pages, "Type", "Pages") && put(d, d->pages, "Kids", d->kids) &&
              put_int(d, d->pages, "Count", 0);
    if (!ok) {
        ebi_pdoc_destroy(d);
        return NULL;
    }
    return d;
}

void ebi_pdoc_destroy(eb_pdoc *d) {
    if (!d) return;
    ebi_pobjs_destroy(d->objects);
    for (size_t i = 0; i < d->nowned; i++) free(d->owned[i]);
    free(d->owned);
    free(d);
}

/* /MediaBox [0 0 width height]; the resources' /ProcSet, which PDF 1.4
 * made obsolete, was always written and stays, for the same bytes. */
static bool fill_page(eb_pdoc *d, eb_pdoc_page *p, double width, double height) {
    static const char *const procsets[] = {"PDF", "Text", "ImageB", "ImageC", "ImageI"};
    eb_pobj *box = ebi_pobj_array(d->objects, false), *procset = ebi_pobj_array(d->objects, false);
    bool ok = put_name(d, p->dict, "Type", "Page") && put(d, p->dict, "MediaBox", box) &&
              put_real(d, box, NULL, 0) && put_real(d, box, NULL, 0) &&
              put_real(d, box, NULL, width) && put_real(d, box, NULL, height) &&
              put(d, p->dict, "Contents", p->contents) && put(d, p->dict, "Resources", p->resources) &&
              put(d, p->resources, "ProcSet", procset);
    for (size_t i = 0; ok && i < sizeof procsets / sizeof *procsets; i++)
        ok = put_name(d, procset, NULL, procsets[i]);
    return ok && put(d, d->kids, NULL, p->dict) && put(d, p->dict, "Parent", d->pages);
}

eb_pdoc_page *ebi_pdoc_add_page(eb_pdoc *d, double width, double height) {
    eb_pdoc_page *p = own(d, sizeof *p);
    p->dict = ebi_pobj_dict(d->objects, true);
    p->contents = ebi_pobj_stream(d->objects, true);
    p->resources = ebi_pobj_dict(d->objects, false);
    if (!fill_page(d, p, width, height)) return NULL;
    d->npages++;
    return put_int(d, d->pages, "Count", (long)d->npages) ? p : NULL;
}

bool ebi_pdoc_page_append(eb_pdoc *d, eb_pdoc_page *page, const void *bytes, size_t n) {
    (void)d;
    ebi_pobj_stream_append(page->contents, bytes, n);
    return true;
}

eb_pobj *ebi_pdoc_catalog(eb_pdoc *d) { return d->catalog; }
eb_pobj *ebi_pdoc_info(eb_pdoc *d) { return d->info; }
eb_pobj *ebi_pdoc_page_dict(eb_pdoc_page *page) { return page->dict; }

/* ---- composite fonts ----------------------------------------------------------------- */

eb_pdoc_font *ebi_pdoc_font_create(eb_pdoc *d) {
    eb_pobj *type0 = ebi_pobj_dict(d->objects, true);
    if (!put_name(d, type0, "Type", "Font") || !put_name(d, type0, "Subtype", "Type0") ||
        !put_name(d, type0, "Encoding", "Identity-H"))
        return NULL;
    eb_pdoc_font *f = own(d, sizeof *f);
    f->type0 = type0;
    return f;
}

/* The key of `value` in the page's resource dictionary `*dict` (/Font,
 * /XObject: `category`), made on first use and named prefix + number. */
static const char *resource_name(eb_pdoc *d, eb_pdoc_page *page, eb_pobj **dict, const char *category,
                                 const char *prefix, eb_pobj *value) {
    if (!*dict) {
        *dict = ebi_pobj_dict(d->objects, false);
        if (!put(d, page->resources, category, *dict)) return NULL;
    }
    const char *name = ebi_pobj_key_of(*dict, value);
    if (name) return name;
    char key[32];
    snprintf(key, sizeof key, "%s%zu", prefix, ebi_pobj_len(*dict) + 1);
    return put(d, *dict, key, value) ? ebi_pobj_key_of(*dict, value) : NULL;
}

const char *ebi_pdoc_page_font_name(eb_pdoc *d, eb_pdoc_page *page, eb_pdoc_font *font) {
    return resource_name(d, page, &page->fonts, "Font", "F", font->type0);
}

const char *ebi_pdoc_page_xobject_name(eb_pdoc *d, eb_pdoc_page *page, eb_pobj *xobject) {
    return resource_name(d, page, &page->xobjects, "XObject", "Im", xobject);
}

static bool put_system_info(eb_pdoc *d, eb_pobj *cid_font) {
    eb_pobj *info = ebi_pobj_dict(d->objects, false);
    return put(d, cid_font, "CIDSystemInfo", info) && put_string(d, info, "Registry", "Adobe") &&
           put_string(d, info, "Ordering", "Identity") && put_int(d, info, "Supplement", 0);
}

/* Creates the objects a font's embedding needs, once. */
static bool create_font_objects(eb_pdoc *d, eb_pdoc_font *f, bool cff) {
    if (f->cid_font) return true;
    f->cid_font = ebi_pobj_dict(d->objects, true);
    f->descriptor = ebi_pobj_dict(d->objects, true);
    f->program = ebi_pobj_stream(d->objects, true);
    f->to_unicode = ebi_pobj_stream(d->objects, true);
    f->cid_to_gid = cff ? NULL : ebi_pobj_stream(d->objects, true);
    eb_pobj *descendants = ebi_pobj_array(d->objects, false);
    bool ok = put(d, f->type0, "DescendantFonts", descendants) &&
              put(d, descendants, NULL, f->cid_font) && put(d, f->type0, "ToUnicode", f->to_unicode) &&
              put_name(d, f->cid_font, "Type", "Font") &&
              put_name(d, f->cid_font, "Subtype", cff ? "CIDFontType0" : "CIDFontType2") &&
              put(d, f->cid_font, "FontDescriptor", f->descriptor) && put_system_info(d, f->cid_font);
    if (ok && !cff) ok = put(d, f->cid_font, "CIDToGIDMap", f->cid_to_gid);
    ok = ok && put_name(d, f->descriptor, "Type", "FontDescriptor") &&
         put(d, f->descriptor, cff ? "FontFile3" : "FontFile2", f->program);
    return ok && (!cff || put_name(d, f->program, "Subtype", "CIDFontType0C"));
}

/* /W as runs of consecutive CIDs: c [w1 w2 ...]. */
static eb_pobj *width_array(eb_pdoc *d, const eb_cid_width *widths, size_t n) {
    eb_pobj *w = ebi_pobj_array(d->objects, false), *run = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!run || widths[i].cid != widths[i - 1].cid + 1) {
            put_int(d, w, NULL, (long)widths[i].cid);
            run = ebi_pobj_array(d->objects, false);
            put(d, w, NULL, run);
        }
        put_int(d, run, NULL, widths[i].width);
    }
    return w;
}

static bool fill_descriptor(eb_pdoc *d, eb_pobj *desc, const eb_font_embedding *e) {
    return put_name(d, desc, "FontName", e->cid_font_name) && put_int(d, desc, "Flags", e->flags) &&
           put(d, desc, "FontBBox", int_array(d, e->bbox, 4)) &&
           put_real(d, desc, "ItalicAngle", e->italic_angle) &&
           put_int(d, desc, "Ascent", e->ascent) && put_int(d, desc, "Descent", e->descent) &&
           put_int(d, desc, "CapHeight", e->cap_height) && put_int(d, desc, "StemV", e->stem_v);
}

bool ebi_pdoc_font_fill(eb_pdoc *d, eb_pdoc_font *f, const eb_font_embedding *e) {
    if (!create_font_objects(d, f, e->cff)) return false;
    bool ok = put_name(d, f->type0, "BaseFont", e->base_font) &&
              put_name(d, f->cid_font, "BaseFont", e->cid_font_name) &&
              put_int(d, f->cid_font, "DW", e->default_width);
    if (ok && e->nwidths > 0)
        ok = put(d, f->cid_font, "W", width_array(d, e->widths, e->nwidths));
    else
        ebi_pobj_remove(f->cid_font, "W");  /* a later save with none */
    ok = ok && fill_descriptor(d, f->descriptor, e);
    ebi_pobj_stream_set(f->program, e->program, e->program_len);
    if (ok && !e->cff) {
        /* FontFile2 wants the uncompressed length of the program */
        ok = put_int(d, f->program, "Length1", (long)e->program_len);
        ebi_pobj_stream_set(f->cid_to_gid, e->cid_to_gid, e->cid_to_gid_len);
    }
    ebi_pobj_stream_set(f->to_unicode, e->to_unicode, e->to_unicode_len);
    return ok;
}

/* ---- links, outlines, document-level entries ------------------------------------------ */

/* /A << /Type /Action /S /URI /URI (uri) >> */
static bool put_uri_action(eb_pdoc *d, eb_pobj *annot, const char *uri) {
    eb_pobj *action = ebi_pobj_dict(d->objects, false);
    return put(d, annot, "A", action) && put_name(d, action, "Type", "Action") &&
           put_name(d, action, "S", "URI") && put_string(d, action, "URI", uri);
}

/* A link's entries: no drawn border (/Border [0 0 0]); /F 4 = print the
 * annotation (PDF/A wants it); the target as its description (PDF/UA
 * wants one). */
static bool fill_link(eb_pdoc *d, eb_pdoc_page *page, eb_pobj *annot, const double rect[4],
                      const char *uri) {
    eb_pobj *r = ebi_pobj_array(d->objects, false), *border = ebi_pobj_array(d->objects, false);
    bool ok = put(d, annot, "Rect", r);
    for (int i = 0; ok && i < 4; i++) ok = put_real(d, r, NULL, rect[i]);
    ok = ok && put_name(d, annot, "Type", "Annot") && put_name(d, annot, "Subtype", "Link") &&
         put_uri_action(d, annot, uri);
    if (ok && !page->annots) {
        page->annots = ebi_pobj_array(d->objects, false);
        ok = put(d, page->dict, "Annots", page->annots);
    }
    return ok && put(d, page->annots, NULL, annot) && put(d, annot, "P", page->dict) &&
           put(d, annot, "Border", border) && put_int(d, border, NULL, 0) &&
           put_int(d, border, NULL, 0) && put_real(d, border, NULL, 0) &&
           put_int(d, annot, "F", 4) && put_string(d, annot, "Contents", uri);
}

eb_pobj *ebi_pdoc_link(eb_pdoc *d, eb_pdoc_page *page, const double rect[4], const char *uri) {
    eb_pobj *annot = ebi_pobj_dict(d->objects, true);
    return fill_link(d, page, annot, rect, uri) ? annot : NULL;
}

/* The root, /Outlines in the catalog, made with the first entry. */
static eb_pdoc_outline *outline_root(eb_pdoc *d) {
    if (d->outline_root) return d->outline_root;
    eb_pdoc_outline *root = own(d, sizeof *root);
    root->dict = ebi_pobj_dict(d->objects, true);
    if (!put_name(d, root->dict, "Type", "Outlines") || !put(d, d->catalog, "Outlines", root->dict))
        return NULL;
    return d->outline_root = root;
}

/* Links item in as parent's last child: /First, /Next, /Prev, /Last, /Parent. */
static bool add_child(eb_pdoc *d, eb_pdoc_outline *parent, eb_pdoc_outline *item) {
    bool ok = parent->first || put(d, parent->dict, "First", item->dict);
    if (ok && parent->last)
        ok = put(d, parent->last->dict, "Next", item->dict) && put(d, item->dict, "Prev", parent->last->dict);
    if (parent->last) parent->last->next = item;
    if (!parent->first) parent->first = item;
    parent->last = item;
    return ok && put(d, parent->dict, "Last", item->dict) && put(d, item->dict, "Parent", parent->dict);
}

/* [page /XYZ left top null]: keeps the reader's zoom; an indirect array. */
static eb_pobj *xyz_destination(eb_pdoc *d, eb_pdoc_page *page, double left, double top) {
    eb_pobj *dst = ebi_pobj_array(d->objects, true);
    bool ok = put(d, dst, NULL, page->dict) && put_name(d, dst, NULL, "XYZ") &&
              put_real(d, dst, NULL, left) && put_real(d, dst, NULL, top) &&
              put(d, dst, NULL, ebi_pobj_null(d->objects));
    return ok ? dst : NULL;
}

eb_pdoc_outline *ebi_pdoc_outline_create(eb_pdoc *d, eb_pdoc_outline *parent,
                                     const uint8_t *title, size_t title_len,
                                     eb_pdoc_page *page, double left, double top) {
    if (!parent) parent = outline_root(d);
    if (!parent) return NULL;
    eb_pdoc_outline *item = own(d, sizeof *item);
    item->dict = ebi_pobj_dict(d->objects, true);
    /* a title too long is cut, at a UTF-16 unit, rather than lost */
    if (title_len > EB_POBJ_MAX_STRING) title_len = EB_POBJ_MAX_STRING & ~(size_t)1;
    bool ok = put_hex(d, item->dict, "Title", title, title_len) &&
              put_name(d, item->dict, "Type", "Outlines") && add_child(d, parent, item);
    eb_pobj *dst = ok ? xyz_destination(d, page, left, top) : NULL;
    return dst && put(d, item->dict, "Dest", dst) ? item : NULL;
}

/* Entries and their descendants, all shown open. */
static long count_descendants(const eb_pdoc_outline *o) {
    long n = 0;
    for (const eb_pdoc_outline *c = o->first; c; c = c->next) n += 1 + count_descendants(c);
    return n;
}

/* /Count of every entry with children, and of the root. */
static bool put_counts(eb_pdoc *d, eb_pdoc_outline *o) {
    bool ok = !o->first || put_int(d, o->dict, "Count", count_descendants(o));
    for (eb_pdoc_outline *c = o->first; ok && c; c = c->next) ok = put_counts(d, c);
    return ok;
}

bool ebi_pdoc_set_info(eb_pdoc *d, const char *key, const uint8_t *value, size_t len) {
    if (len > EB_POBJ_MAX_STRING) len = EB_POBJ_MAX_STRING & ~(size_t)1;
    return put_hex(d, d->info, key, value, len);
}

/* No /Direction /R2L for right-to-left documents: PDFium (Chrome, Edge)
 * takes it to mean that every line reads right to left, and so reverses
 * the word order of every English or Chinese line in a Persian brief. */
bool ebi_pdoc_set_catalog(eb_pdoc *d, const char *lang, bool display_title) {
    bool ok = !lang || !*lang || put_string(d, d->catalog, "Lang", lang);
    if (!ok || !display_title) return ok;
    eb_pobj *prefs = ebi_pobj_dict(d->objects, false);
    return put(d, d->catalog, "ViewerPreferences", prefs) &&
           put(d, prefs, "DisplayDocTitle", ebi_pobj_bool(d->objects, true));
}

bool ebi_pdoc_set_id(eb_pdoc *d, const uint8_t id[16]) {
    /* PDF/A needs /ID in every file, encrypted or not */
    eb_pobj *ids = ebi_pobj_array(d->objects, false);
    return put(d, d->trailer, "ID", ids) && put_hex(d, ids, NULL, id, 16) &&
           put_hex(d, ids, NULL, id, 16);
}

/* ---- plain objects: the structure tree, metadata, output intents ---------------------- */

eb_pobj *ebi_pdoc_new_dict(eb_pdoc *d, bool indirect) { return ebi_pobj_dict(d->objects, indirect); }
eb_pobj *ebi_pdoc_new_array(eb_pdoc *d) { return ebi_pobj_array(d->objects, false); }
eb_pobj *ebi_pdoc_new_stream(eb_pdoc *d, bool compress) { return ebi_pobj_stream(d->objects, compress); }

bool ebi_pdoc_stream_set(eb_pdoc *d, eb_pobj *stream, const void *bytes, size_t n) {
    if (!check(d, stream && ebi_pobj_kind_of(stream) == EB_POBJ_STREAM, "not a stream")) return false;
    ebi_pobj_stream_set(stream, bytes, n);
    return true;
}

bool ebi_pdoc_put_obj(eb_pdoc *d, eb_pobj *o, const char *key, eb_pobj *value) {
    return put(d, o, key, value);
}

bool ebi_pdoc_put_name(eb_pdoc *d, eb_pobj *o, const char *key, const char *name) {
    return put_name(d, o, key, name);
}

bool ebi_pdoc_put_int(eb_pdoc *d, eb_pobj *o, const char *key, int value) {
    return put_int(d, o, key, value);
}

bool ebi_pdoc_put_bool(eb_pdoc *d, eb_pobj *o, const char *key, bool value) {
    return put(d, o, key, ebi_pobj_bool(d->objects, value));
}

bool ebi_pdoc_put_null(eb_pdoc *d, eb_pobj *o, const char *key) {
    return put(d, o, key, ebi_pobj_null(d->objects));
}

bool ebi_pdoc_put_ascii(eb_pdoc *d, eb_pobj *o, const char *key, const char *ascii) {
    return put_string(d, o, key, ascii);
}

bool ebi_pdoc_put_bytes(eb_pdoc *d, eb_pobj *o, const char *key, const uint8_t *bytes, size_t n) {
    return put_hex(d, o, key, bytes, n);
}

/* ---- saving ---------------------------------------------------------------------------- */

bool ebi_pdoc_save(eb_pdoc *d, eb_buf *out) {
    out->len = 0;
    if (d->outline_root && !put_counts(d, d->outline_root)) return false;
    if (!put(d, d->trailer, "Root", d->catalog) || !put(d, d->trailer, "Info", d->info)) return false;
    ebi_pobjs_save(d->objects, d->trailer, out);
    return true;
}
