/* The libharu backend: the only file that includes libharu's headers.
 *
 * libharu (2.3.0, Debian 12) keeps the document's object graph, the pages,
 * the cross-reference table and the serialisation of each object. Its text
 * API cannot draw shaped glyph runs, so composite fonts are built here with
 * its exported object API (hpdf_objects.h) and page content is written
 * straight into the page's content stream. The file itself (object
 * streams, a cross-reference stream, deflate) is written by pdf_write.c,
 * from the objects libharu serialises (eb_hpdf_save). The structures used
 * (HPDF_Doc_Rec, HPDF_PageAttr_Rec, HPDF_Dict_Rec, HPDF_Xref_Rec,
 * HPDF_Stream_Rec) are those of the installed 2.3.0 headers; 2.4 changed
 * some of them.
 *
 * libharu's errors are sticky: once set, later calls are skipped. Every
 * entry point here checks the document's error state, records it as text
 * and resets it, so one failure does not silently poison the rest. */
#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"
#include "pdf_write.h"

/* The objects of one Type0 font; created empty, filled at save time. */
struct eb_hpdf_font {
    HPDF_Dict type0;
    HPDF_Dict cid_font, descriptor;
    HPDF_Dict program, to_unicode, cid_to_gid;  /* streams */
    struct eb_hpdf_font *next;                  /* the document's list */
};

struct eb_hpdf {
    HPDF_Doc doc;
    HPDF_STATUS error_no, detail_no;  /* first error since the last take */
    char error_text[96];
    struct eb_hpdf_font *fonts;
};

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data) {
    eb_hpdf *d = user_data;
    if (d->error_no == HPDF_OK) {
        d->error_no = error_no;
        d->detail_no = detail_no;
    }
}

/* True when `status` and the document are error-free. Otherwise records the
 * error and resets the document's, so that later calls run again. */
static bool ok(eb_hpdf *d, HPDF_STATUS status) {
    HPDF_STATUS sticky = HPDF_GetError(d->doc);
    if (status == HPDF_OK && sticky == HPDF_OK) return true;
    if (d->error_no == HPDF_OK) {
        d->error_no = sticky != HPDF_OK ? sticky : status;
        d->detail_no = HPDF_GetErrorDetail(d->doc);
    }
    HPDF_ResetError(d->doc);
    return false;
}

const char *eb_hpdf_take_error(eb_hpdf *d) {
    if (d->error_no == HPDF_OK) return "";
    snprintf(d->error_text, sizeof d->error_text, "libharu error 0x%04X (detail %u)",
             (unsigned)d->error_no, (unsigned)d->detail_no);
    d->error_no = d->detail_no = HPDF_OK;
    return d->error_text;
}

static HPDF_MMgr mmgr_of(eb_hpdf *d) { return d->doc->mmgr; }
static HPDF_Xref xref_of(eb_hpdf *d) { return d->doc->xref; }

/* ---- document and pages -------------------------------------------------------- */

eb_hpdf *eb_hpdf_new(void) {
    eb_hpdf *d = eb_xcalloc(1, sizeof *d);
    d->doc = HPDF_New(on_error, d);
    if (!d->doc) {
        free(d);
        return NULL;
    }
    /* before any page exists: libharu marks each page's content stream for
     * deflate when adding it (eb_hpdf_save deflates what is marked) */
    if (!ok(d, HPDF_SetCompressionMode(d->doc, HPDF_COMP_ALL))) {
        eb_hpdf_free(d);
        return NULL;
    }
    /* CFF CIDFonts need 1.3, /Lang 1.4, object streams 1.5; tagged PDF and
     * PDF/A-2 build on 1.7 (pdf_write.c writes the header: %PDF-1.7) */
    d->doc->pdf_version = HPDF_VER_17;
    return d;
}

void eb_hpdf_free(eb_hpdf *d) {
    if (!d) return;
    HPDF_Free(d->doc);  /* frees every libharu object, ours included */
    for (struct eb_hpdf_font *f = d->fonts, *next; f; f = next) {
        next = f->next;
        free(f);
    }
    free(d);
}

eb_hpdf_page *eb_hpdf_add_page(eb_hpdf *d, double width, double height) {
    HPDF_Page page = HPDF_AddPage(d->doc);
    if (!ok(d, page ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM) ||
        !ok(d, HPDF_Page_SetWidth(page, (HPDF_REAL)width)) ||
        !ok(d, HPDF_Page_SetHeight(page, (HPDF_REAL)height)))
        return NULL;
    return (eb_hpdf_page *)page;
}

bool eb_hpdf_page_append(eb_hpdf *d, eb_hpdf_page *page, const void *bytes, size_t n) {
    HPDF_PageAttr attr = (HPDF_PageAttr)((HPDF_Page)page)->attr;
    if (n == 0) return true;
    return ok(d, HPDF_Stream_Write(attr->stream, bytes, (HPDF_UINT)n));
}

/* ---- small object helpers --------------------------------------------------------- */

/* An indirect dictionary (its own numbered object). */
static HPDF_Dict new_indirect_dict(eb_hpdf *d) {
    HPDF_Dict dict = HPDF_Dict_New(mmgr_of(d));
    if (!dict) return NULL;
    if (HPDF_Xref_Add(xref_of(d), dict) != HPDF_OK) return NULL; /* freed by libharu */
    return dict;
}

/* An indirect, Flate-compressed stream. */
static HPDF_Dict new_stream(eb_hpdf *d) {
    HPDF_Dict stream = HPDF_DictStream_New(mmgr_of(d), xref_of(d));
    if (stream) stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    return stream;
}

/* Replaces a stream's data (a second save rewrites the font streams). */
static HPDF_STATUS set_stream_data(HPDF_Dict stream, const void *bytes, size_t n) {
    HPDF_MemStream_FreeData(stream->stream);
    if (n == 0) return HPDF_OK;
    return HPDF_Stream_Write(stream->stream, bytes, (HPDF_UINT)n);
}

static HPDF_STATUS add_string(eb_hpdf *d, HPDF_Dict dict, const char *key, const char *ascii) {
    return HPDF_Dict_Add(dict, key, HPDF_String_New(mmgr_of(d), ascii, NULL));
}

static HPDF_STATUS add_binary(eb_hpdf *d, HPDF_Dict dict, const char *key,
                              const uint8_t *bytes, size_t n) {
    if (n > HPDF_LIMIT_MAX_STRING_LEN) n = HPDF_LIMIT_MAX_STRING_LEN & ~(size_t)1;
    return HPDF_Dict_Add(dict, key, HPDF_Binary_New(mmgr_of(d), (HPDF_BYTE *)bytes, (HPDF_UINT)n));
}

static HPDF_Array int_array(eb_hpdf *d, const int *values, size_t n) {
    HPDF_Array array = HPDF_Array_New(mmgr_of(d));
    for (size_t i = 0; array && i < n; i++) HPDF_Array_AddNumber(array, values[i]);
    return array;
}

/* ---- composite fonts ----------------------------------------------------------------- */

eb_hpdf_font *eb_hpdf_font_new(eb_hpdf *d) {
    HPDF_Dict type0 = new_indirect_dict(d);
    if (!ok(d, type0 ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM)) return NULL;
    /* libharu knows fonts by this header class; the page resource code only
     * needs a dictionary, and nothing else of libharu's sees this one */
    type0->header.obj_class |= HPDF_OSUBCLASS_FONT;
    HPDF_STATUS status = HPDF_Dict_AddName(type0, "Type", "Font");
    status += HPDF_Dict_AddName(type0, "Subtype", "Type0");
    status += HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
    if (!ok(d, status)) return NULL;
    struct eb_hpdf_font *f = eb_xcalloc(1, sizeof *f);
    f->type0 = type0;
    f->next = d->fonts;
    d->fonts = f;
    return f;
}

const char *eb_hpdf_page_font_name(eb_hpdf *d, eb_hpdf_page *page, eb_hpdf_font *font) {
    const char *name = HPDF_Page_GetLocalFontName((HPDF_Page)page, (HPDF_Font)font->type0);
    return ok(d, name ? HPDF_OK : HPDF_INVALID_OBJECT) ? name : NULL;
}

/* Creates the objects a font's embedding needs, once. */
static bool create_font_objects(eb_hpdf *d, eb_hpdf_font *f, bool cff) {
    if (f->cid_font) return true;
    f->cid_font = new_indirect_dict(d);
    f->descriptor = new_indirect_dict(d);
    f->program = new_stream(d);
    f->to_unicode = new_stream(d);
    f->cid_to_gid = cff ? NULL : new_stream(d);
    if (!f->cid_font || !f->descriptor || !f->program || !f->to_unicode || (!cff && !f->cid_to_gid))
        return ok(d, HPDF_FAILD_TO_ALLOC_MEM);
    HPDF_Array descendants = HPDF_Array_New(mmgr_of(d));
    HPDF_STATUS status = HPDF_Dict_Add(f->type0, "DescendantFonts", descendants);
    status += HPDF_Array_Add(descendants, f->cid_font);
    status += HPDF_Dict_Add(f->type0, "ToUnicode", f->to_unicode);
    status += HPDF_Dict_AddName(f->cid_font, "Type", "Font");
    status += HPDF_Dict_AddName(f->cid_font, "Subtype", cff ? "CIDFontType0" : "CIDFontType2");
    status += HPDF_Dict_Add(f->cid_font, "FontDescriptor", f->descriptor);
    HPDF_Dict system_info = HPDF_Dict_New(mmgr_of(d));
    status += HPDF_Dict_Add(f->cid_font, "CIDSystemInfo", system_info);
    status += add_string(d, system_info, "Registry", "Adobe");
    status += add_string(d, system_info, "Ordering", "Identity");
    status += HPDF_Dict_AddNumber(system_info, "Supplement", 0);
    if (!cff) status += HPDF_Dict_Add(f->cid_font, "CIDToGIDMap", f->cid_to_gid);
    status += HPDF_Dict_AddName(f->descriptor, "Type", "FontDescriptor");
    status += HPDF_Dict_Add(f->descriptor, cff ? "FontFile3" : "FontFile2", f->program);
    if (cff) status += HPDF_Dict_AddName(f->program, "Subtype", "CIDFontType0C");
    return ok(d, status);
}

/* /W as runs of consecutive CIDs: c [w1 w2 ...]. */
static HPDF_Array width_array(eb_hpdf *d, const eb_cid_width *widths, size_t n) {
    HPDF_Array w = HPDF_Array_New(mmgr_of(d));
    HPDF_Array run = NULL;
    for (size_t i = 0; w && i < n; i++) {
        if (!run || widths[i].cid != widths[i - 1].cid + 1) {
            HPDF_Array_AddNumber(w, (HPDF_INT32)widths[i].cid);
            run = HPDF_Array_New(mmgr_of(d));
            HPDF_Array_Add(w, run);
        }
        HPDF_Array_AddNumber(run, widths[i].width);
    }
    return w;
}

static HPDF_STATUS fill_descriptor(eb_hpdf *d, HPDF_Dict desc, const eb_font_embedding *e) {
    HPDF_STATUS status = HPDF_Dict_AddName(desc, "FontName", e->cid_font_name);
    status += HPDF_Dict_AddNumber(desc, "Flags", e->flags);
    status += HPDF_Dict_Add(desc, "FontBBox", int_array(d, e->bbox, 4));
    status += HPDF_Dict_AddReal(desc, "ItalicAngle", (HPDF_REAL)e->italic_angle);
    status += HPDF_Dict_AddNumber(desc, "Ascent", e->ascent);
    status += HPDF_Dict_AddNumber(desc, "Descent", e->descent);
    status += HPDF_Dict_AddNumber(desc, "CapHeight", e->cap_height);
    status += HPDF_Dict_AddNumber(desc, "StemV", e->stem_v);
    return status;
}

bool eb_hpdf_font_fill(eb_hpdf *d, eb_hpdf_font *f, const eb_font_embedding *e) {
    if (!create_font_objects(d, f, e->cff)) return false;
    HPDF_STATUS status = HPDF_Dict_AddName(f->type0, "BaseFont", e->base_font);
    status += HPDF_Dict_AddName(f->cid_font, "BaseFont", e->cid_font_name);
    status += HPDF_Dict_AddNumber(f->cid_font, "DW", e->default_width);
    if (e->nwidths > 0)
        status += HPDF_Dict_Add(f->cid_font, "W", width_array(d, e->widths, e->nwidths));
    else
        HPDF_Dict_RemoveElement(f->cid_font, "W");
    status += fill_descriptor(d, f->descriptor, e);
    status += set_stream_data(f->program, e->program, e->program_len);
    if (!e->cff) {
        /* FontFile2 wants the uncompressed length of the program */
        status += HPDF_Dict_AddNumber(f->program, "Length1", (HPDF_INT32)e->program_len);
        status += set_stream_data(f->cid_to_gid, e->cid_to_gid, e->cid_to_gid_len);
    }
    status += set_stream_data(f->to_unicode, e->to_unicode, e->to_unicode_len);
    return ok(d, status);
}

/* ---- links, outlines, document-level entries ------------------------------------------ */

eb_hpdf_obj *eb_hpdf_link(eb_hpdf *d, eb_hpdf_page *page, const double rect[4], const char *uri) {
    HPDF_Rect r = {(HPDF_REAL)rect[0], (HPDF_REAL)rect[1], (HPDF_REAL)rect[2], (HPDF_REAL)rect[3]};
    HPDF_Annotation annot = HPDF_Page_CreateURILinkAnnot((HPDF_Page)page, r, uri);
    if (!ok(d, annot ? HPDF_OK : HPDF_INVALID_ANNOTATION)) return NULL;
    /* no drawn border; /F 4 = print the annotation (PDF/A wants it); the
     * target as its description (PDF/UA wants one) */
    HPDF_STATUS status = HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
    status += HPDF_Dict_AddNumber(annot, "F", 4);
    status += add_string(d, annot, "Contents", uri);
    return ok(d, status) ? (eb_hpdf_obj *)annot : NULL;
}

/* [page /XYZ left top null]: keeps the reader's zoom, which SetXYZ cannot. */
static HPDF_Destination xyz_destination(eb_hpdf *d, HPDF_Page page, double left, double top) {
    HPDF_Destination dst = HPDF_Page_CreateDestination(page);
    if (!dst) return NULL;
    HPDF_Array_Clear(dst);
    HPDF_STATUS status = HPDF_Array_Add(dst, page);
    status += HPDF_Array_AddName(dst, "XYZ");
    status += HPDF_Array_AddReal(dst, (HPDF_REAL)left);
    status += HPDF_Array_AddReal(dst, (HPDF_REAL)top);
    status += HPDF_Array_Add(dst, HPDF_Null_New(mmgr_of(d)));
    return status == HPDF_OK ? dst : NULL;
}

eb_hpdf_outline *eb_hpdf_outline_new(eb_hpdf *d, eb_hpdf_outline *parent,
                                     const uint8_t *title, size_t title_len,
                                     eb_hpdf_page *page, double left, double top) {
    /* libharu's encoders cannot write a UTF-16 title from UTF-8: make the
     * entry with an empty title and put the UTF-16BE bytes in its place */
    HPDF_Outline outline = HPDF_CreateOutline(d->doc, (HPDF_Outline)parent, "", NULL);
    if (!ok(d, outline ? HPDF_OK : HPDF_INVALID_OUTLINE)) return NULL;
    HPDF_STATUS status = add_binary(d, outline, "Title", title, title_len);
    HPDF_Destination dst = xyz_destination(d, (HPDF_Page)page, left, top);
    status += dst ? HPDF_Outline_SetDestination(outline, dst) : HPDF_INVALID_DESTINATION;
    return ok(d, status) ? (eb_hpdf_outline *)outline : NULL;
}

bool eb_hpdf_set_info(eb_hpdf *d, const char *key, const uint8_t *value, size_t len) {
    /* the info dictionary exists from the start: libharu puts /Producer in it */
    HPDF_Dict info = d->doc->info;
    return ok(d, info ? add_binary(d, info, key, value, len) : HPDF_INVALID_DOCUMENT);
}

const char *eb_hpdf_version(void) { return HPDF_GetVersion(); }

/* No /Direction /R2L for right-to-left documents: PDFium (Chrome, Edge)
 * takes it to mean that every line reads right to left, and so reverses
 * the word order of every English or Chinese line in a Persian brief. */
bool eb_hpdf_set_catalog(eb_hpdf *d, const char *lang, bool display_title) {
    HPDF_Dict catalog = d->doc->catalog;
    HPDF_STATUS status = HPDF_OK;
    if (lang && *lang) status += add_string(d, catalog, "Lang", lang);
    if (display_title) {
        HPDF_Dict prefs = HPDF_Dict_New(mmgr_of(d));
        status += HPDF_Dict_Add(catalog, "ViewerPreferences", prefs);
        status += HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
    }
    return ok(d, status);
}

bool eb_hpdf_set_id(eb_hpdf *d, const uint8_t id[16]) {
    /* libharu writes /ID only for encrypted files; PDF/A needs it always */
    HPDF_Array ids = HPDF_Array_New(mmgr_of(d));
    HPDF_STATUS status = HPDF_Dict_Add(d->doc->trailer, "ID", ids);
    status += HPDF_Array_Add(ids, HPDF_Binary_New(mmgr_of(d), (HPDF_BYTE *)id, 16));
    status += HPDF_Array_Add(ids, HPDF_Binary_New(mmgr_of(d), (HPDF_BYTE *)id, 16));
    return ok(d, status);
}

/* ---- plain objects: the structure tree, metadata, output intents ---------------------- */

eb_hpdf_obj *eb_hpdf_new_dict(eb_hpdf *d, bool indirect) {
    HPDF_Dict dict = indirect ? new_indirect_dict(d) : HPDF_Dict_New(mmgr_of(d));
    return ok(d, dict ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM) ? (eb_hpdf_obj *)dict : NULL;
}

eb_hpdf_obj *eb_hpdf_new_array(eb_hpdf *d) {
    HPDF_Array array = HPDF_Array_New(mmgr_of(d));
    return ok(d, array ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM) ? (eb_hpdf_obj *)array : NULL;
}

eb_hpdf_obj *eb_hpdf_new_stream(eb_hpdf *d, bool compress) {
    HPDF_Dict stream = compress ? new_stream(d) : HPDF_DictStream_New(mmgr_of(d), xref_of(d));
    if (stream && !compress) stream->filter = HPDF_STREAM_FILTER_NONE;
    return ok(d, stream ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM) ? (eb_hpdf_obj *)stream : NULL;
}

bool eb_hpdf_stream_set(eb_hpdf *d, eb_hpdf_obj *stream, const void *bytes, size_t n) {
    return ok(d, stream ? set_stream_data((HPDF_Dict)stream, bytes, n) : HPDF_INVALID_OBJECT);
}

eb_hpdf_obj *eb_hpdf_catalog(eb_hpdf *d) { return (eb_hpdf_obj *)d->doc->catalog; }
eb_hpdf_obj *eb_hpdf_info(eb_hpdf *d) { return (eb_hpdf_obj *)d->doc->info; }
eb_hpdf_obj *eb_hpdf_page_dict(eb_hpdf_page *page) { return (eb_hpdf_obj *)page; }

/* Adds value to a dictionary under key, or to the end of an array when key
 * is NULL. libharu frees a direct value it cannot add. */
static bool put(eb_hpdf *d, eb_hpdf_obj *container, const char *key, void *value) {
    HPDF_STATUS status = HPDF_INVALID_OBJECT;
    if (container && value) {
        HPDF_UINT32 class = ((HPDF_Obj_Header *)container)->obj_class & HPDF_OCLASS_ANY;
        if (class == HPDF_OCLASS_ARRAY && !key)
            status = HPDF_Array_Add((HPDF_Array)container, value);
        else if (class == HPDF_OCLASS_DICT && key)
            status = HPDF_Dict_Add((HPDF_Dict)container, key, value);
        else if (!(((HPDF_Obj_Header *)value)->obj_id & HPDF_OTYPE_INDIRECT))
            HPDF_Obj_Free(mmgr_of(d), value);
    }
    return ok(d, status);
}

bool eb_hpdf_put_obj(eb_hpdf *d, eb_hpdf_obj *o, const char *key, eb_hpdf_obj *value) {
    return put(d, o, key, value);
}

bool eb_hpdf_put_name(eb_hpdf *d, eb_hpdf_obj *o, const char *key, const char *name) {
    return put(d, o, key, HPDF_Name_New(mmgr_of(d), name));
}

bool eb_hpdf_put_int(eb_hpdf *d, eb_hpdf_obj *o, const char *key, int value) {
    return put(d, o, key, HPDF_Number_New(mmgr_of(d), value));
}

bool eb_hpdf_put_bool(eb_hpdf *d, eb_hpdf_obj *o, const char *key, bool value) {
    return put(d, o, key, HPDF_Boolean_New(mmgr_of(d), value ? HPDF_TRUE : HPDF_FALSE));
}

bool eb_hpdf_put_null(eb_hpdf *d, eb_hpdf_obj *o, const char *key) {
    return put(d, o, key, HPDF_Null_New(mmgr_of(d)));
}

bool eb_hpdf_put_ascii(eb_hpdf *d, eb_hpdf_obj *o, const char *key, const char *ascii) {
    return put(d, o, key, HPDF_String_New(mmgr_of(d), ascii, NULL));
}

bool eb_hpdf_put_bytes(eb_hpdf *d, eb_hpdf_obj *o, const char *key, const uint8_t *bytes, size_t n) {
    if (n > HPDF_LIMIT_MAX_STRING_LEN) return ok(d, HPDF_STRING_OUT_OF_RANGE);
    return put(d, o, key, HPDF_Binary_New(mmgr_of(d), (HPDF_BYTE *)bytes, (HPDF_UINT)n));
}

/* ---- saving: object streams and a cross-reference stream ----------------------------- */

/* libharu stays the object model; pdf_write.c writes the file from what
 * libharu's own writer serialises here (HPDF_Obj_WriteValue): every object
 * that is not a stream goes into an object stream; streams are written
 * with a direct /Length and deflated in one call by libdeflate where
 * libharu would have deflated them; the cross-reference table becomes a
 * stream.
 *
 * Objects are renumbered for the file, in libharu's order, leaving out the
 * indirect /Length numbers libharu makes for its streams: a reference is
 * written from its target's header, so the headers carry the new numbers
 * while the file is written and get their own back after. */

typedef struct {
    HPDF_Stream sink;          /* libharu writes into *sink->attr, an eb_buf */
    eb_pdf_writer *writer;
    eb_buf entries, data;
} save_state;

static HPDF_STATUS sink_write(HPDF_Stream stream, const HPDF_BYTE *bytes, HPDF_UINT n) {
    eb_buf_append(stream->attr, bytes, n);
    return HPDF_OK;
}

/* The object of cross-reference entry i (NULL for a free entry). */
static void *xref_obj(HPDF_Xref xref, HPDF_UINT i) {
    HPDF_XrefEntry entry = xref->entries->obj[i];
    return entry->entry_typ == HPDF_IN_USE_ENTRY ? entry->obj : NULL;
}

static HPDF_Dict stream_dict(void *obj) {
    HPDF_Obj_Header *header = obj;
    if (!obj || (header->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT) return NULL;
    return ((HPDF_Dict)obj)->stream ? (HPDF_Dict)obj : NULL;
}

static bool key_in(const char *key, const char *const *keys) {
    for (; *keys; keys++)
        if (strcmp(key, *keys) == 0) return true;
    return false;
}

/* A dictionary's entries as "/Key value", without << >> and without the
 * keys in `skip` (NULL-terminated), as HPDF_Dict_Write writes them. */
static HPDF_STATUS write_entries(HPDF_Dict dict, HPDF_Stream sink, const char *const *skip) {
    HPDF_STATUS status = HPDF_OK;
    for (HPDF_UINT i = 0; status == HPDF_OK && i < dict->list->count; i++) {
        HPDF_DictElement element = dict->list->obj[i];
        HPDF_Obj_Header *header = element->value;
        if (!header) return HPDF_INVALID_OBJECT;
        if ((header->obj_id & HPDF_OTYPE_HIDDEN) || key_in(element->key, skip)) continue;
        status = HPDF_Stream_WriteEscapeName(sink, element->key);
        if (status == HPDF_OK) status = HPDF_Stream_WriteChar(sink, ' ');
        if (status == HPDF_OK) status = HPDF_Obj_Write(element->value, sink, NULL);
    }
    if (status == HPDF_OK && dict->write_fn) status = dict->write_fn(dict, sink);
    return status;
}

/* A stream object: its entries, its data gathered from libharu's memory
 * stream, deflated when libharu was asked to deflate it. Other filters
 * (DCT, CCITT) are never set by evbrief and not supported. */
static HPDF_STATUS write_stream(save_state *s, HPDF_Dict dict, uint32_t number) {
    static const char *const skip_length[] = {"Length", NULL};
    static const char *const skip_length_filter[] = {"Length", "Filter", "DecodeParms", NULL};
    if ((dict->filter & ~(HPDF_UINT)HPDF_STREAM_FILTER_FLATE_DECODE) != 0 ||
        dict->stream->type != HPDF_STREAM_MEMORY)
        return HPDF_INVALID_OBJECT;
    bool deflate = dict->filter == HPDF_STREAM_FILTER_FLATE_DECODE;
    s->entries.len = 0;
    s->sink->attr = &s->entries;
    HPDF_STATUS status = write_entries(dict, s->sink, deflate ? skip_length_filter : skip_length);
    if (status != HPDF_OK) return status;
    s->data.len = 0;
    HPDF_UINT count = HPDF_MemStream_GetBufCount(dict->stream);
    for (HPDF_UINT i = 0; i < count; i++) {
        HPDF_UINT len = 0;
        HPDF_BYTE *bytes = HPDF_MemStream_GetBufPtr(dict->stream, i, &len);
        if (bytes) eb_buf_append(&s->data, bytes, len);
    }
    eb_pdf_writer_stream(s->writer, number, s->entries.data, s->entries.len, s->data.data,
                         s->data.len, deflate);
    return dict->after_write_fn ? dict->after_write_fn(dict) : HPDF_OK;
}

/* The file's number of each object by xref index (0: not written: the
 * free object 0 and the /Length numbers of streams, which are written
 * directly). Returns how many objects are written. */
static uint32_t renumber(HPDF_Xref xref, uint32_t *numbers) {
    HPDF_UINT n = xref->entries->count;
    bool *dropped = eb_xcalloc(n, sizeof *dropped);
    for (HPDF_UINT i = 1; i < n; i++) {
        HPDF_Dict stream = stream_dict(xref_obj(xref, i));
        HPDF_Number length = stream ? HPDF_Dict_GetItem(stream, "Length", HPDF_OCLASS_NUMBER) : NULL;
        if (!length || !(length->header.obj_id & HPDF_OTYPE_INDIRECT)) continue;
        HPDF_UINT index = length->header.obj_id & 0x00FFFFFF;
        if (index < n && xref_obj(xref, index) == length) dropped[index] = true;
    }
    uint32_t next = 1;
    for (HPDF_UINT i = 0; i < n; i++) numbers[i] = i > 0 && xref_obj(xref, i) && !dropped[i] ? next++ : 0;
    free(dropped);
    return next - 1;
}

/* Swaps the numbers in the objects' headers with those in ids[] (ids[i]
 * holds what header i gets; afterwards, what it had). */
static void swap_ids(HPDF_Xref xref, const uint32_t *numbers, uint32_t *ids) {
    for (HPDF_UINT i = 1; i < xref->entries->count; i++) {
        if (!numbers[i]) continue;
        HPDF_Obj_Header *header = xref_obj(xref, i);
        uint32_t old = header->obj_id;
        header->obj_id = ids[i];
        ids[i] = old;
    }
}

static HPDF_STATUS write_objects(save_state *s, HPDF_Xref xref, const uint32_t *numbers) {
    HPDF_STATUS status = HPDF_OK;
    HPDF_UINT n = xref->entries->count;
    /* libharu's hooks before any object is written: a page's may still
     * add to its content stream (it does not for evbrief's raw content) */
    for (HPDF_UINT i = 1; status == HPDF_OK && i < n; i++) {
        HPDF_Dict stream = numbers[i] ? stream_dict(xref_obj(xref, i)) : NULL;
        if (stream && stream->before_write_fn) status = stream->before_write_fn(stream);
    }
    for (HPDF_UINT i = 1; status == HPDF_OK && i < n; i++) {
        void *obj = xref_obj(xref, i);
        if (!numbers[i] || stream_dict(obj)) continue;
        s->sink->attr = eb_pdf_writer_packed(s->writer, numbers[i]);
        status = HPDF_Obj_WriteValue(obj, s->sink, NULL);
    }
    for (HPDF_UINT i = 1; status == HPDF_OK && i < n; i++) {
        HPDF_Dict stream = numbers[i] ? stream_dict(xref_obj(xref, i)) : NULL;
        if (stream) status = write_stream(s, stream, numbers[i]);
    }
    return status;
}

/* The trailer's entries (/Root and /Info as libharu's PrepareTrailer
 * sets them, /ID) for the cross-reference stream's dictionary. */
static HPDF_STATUS write_trailer(save_state *s, eb_hpdf *d) {
    static const char *const skip[] = {"Size", "Prev", NULL};
    HPDF_Dict trailer = d->doc->trailer;
    HPDF_STATUS status = HPDF_Dict_Add(trailer, "Root", d->doc->catalog);
    if (status == HPDF_OK && d->doc->info) status = HPDF_Dict_Add(trailer, "Info", d->doc->info);
    s->entries.len = 0;
    s->sink->attr = &s->entries;
    if (status == HPDF_OK) status = write_entries(trailer, s->sink, skip);
    if (status == HPDF_OK) eb_pdf_writer_finish(s->writer, s->entries.data, s->entries.len);
    return status;
}

bool eb_hpdf_save(eb_hpdf *d, eb_buf *out) {
    out->len = 0;
    HPDF_Xref xref = xref_of(d);
    /* one cross-reference section from object 0: what HPDF_New makes */
    if (xref->prev || xref->start_offset != 0 || d->doc->encrypt_on)
        return ok(d, HPDF_INVALID_DOCUMENT);
    HPDF_UINT n = xref->entries->count;
    uint32_t *numbers = eb_xmalloc(n * sizeof *numbers), *ids = eb_xmalloc(n * sizeof *ids);
    uint32_t count = renumber(xref, numbers);
    for (HPDF_UINT i = 1; i < n; i++) {
        HPDF_Obj_Header *header = numbers[i] ? xref_obj(xref, i) : NULL;
        if (header) ids[i] = (header->obj_id & ~(uint32_t)0x00FFFFFF) | numbers[i];
    }
    save_state s = {.sink = HPDF_CallbackWriter_New(mmgr_of(d), sink_write, NULL)};
    HPDF_STATUS status = s.sink ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    if (status == HPDF_OK) {
        s.writer = eb_pdf_writer_new(out, count);
        swap_ids(xref, numbers, ids);
        status = write_objects(&s, xref, numbers);
        if (status == HPDF_OK) status = write_trailer(&s, d);
        swap_ids(xref, numbers, ids);
        eb_pdf_writer_free(s.writer);
        HPDF_Stream_Free(s.sink);
    }
    eb_buf_free(&s.entries);
    eb_buf_free(&s.data);
    free(numbers);
    free(ids);
    if (status != HPDF_OK) out->len = 0;
    return ok(d, status);
}
