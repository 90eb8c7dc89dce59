/* Private interfaces between the files of the PDF module. Nothing outside
 * src/pdf/ includes this; the public API is include/pdf.h.
 *
 *   pdf_object.c   PDF objects (pdf_object.h) and the table that numbers them
 *   pdf_serial.c   their syntax, and the whole file through pdf_write.c
 *   pdf_graph.c    the document's objects: catalog, pages, the raw font
 *                  objects, annotations, outlines, info, trailer, saving
 *   pdf_content.c  the content writer: every operator of a page goes
 *                  through it, so marked content can wrap any drawing
 *   pdf_text.c     eb_para -> BT ... TJ ... ET
 *   pdf_font.c     per font: which glyphs were drawn, with which text;
 *                  the CID of each; finishing the embedding at save time
 *   pdf_subset.c   hb-subset, CFF extraction and checks
 *   pdf_cmap.c     ToUnicode CMaps
 *   pdf_tags.c     the structure tree: elements, MCIDs, the parent tree
 *   pdf_pdfa.c     PDF/A: XMP metadata, dates, the sRGB output intent
 *   pdf_image.c    image XObjects (with soft masks), each embedded once
 *   pdf_srgb.c     the sRGB ICC profile's bytes, generated into the build tree
 *                  from Debian's icc-profiles-free (cmake/Icc.cmake)
 *   pdf_doc.c      the public eb_pdf API and the atomic save
 *   pdf_hash.c     the content hash behind subset tags and /ID */
#ifndef EVBRIEF_PDF_INTERNAL_H
#define EVBRIEF_PDF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pdf.h"
#include "util.h"

/* ---- pdf_hash.c ------------------------------------------------------------ */

/* A 128-bit non-cryptographic hash (two FNV-1a lanes, mixed at the end):
 * enough to make names and IDs that change when the content changes. */
typedef struct {
    uint64_t lane[2];
} eb_hash;

void ebi_hash_init(eb_hash *h);
void ebi_hash_bytes(eb_hash *h, const void *bytes, size_t n);
void ebi_hash_str(eb_hash *h, const char *s); /* includes a terminator: "a","b" != "ab" */
void ebi_hash_u32(eb_hash *h, uint32_t v);
void ebi_hash_digest(const eb_hash *h, uint8_t out[16]);

/* ---- pdf_content.c ----------------------------------------------------------- */

/* A page's content stream as it is built. Numbers are written with at most
 * three decimals and no exponent, independent of the C locale. A text
 * object stays open across consecutive text drawing and is closed before
 * anything else is written (see pdf_content.c). */
typedef struct {
    eb_buf buf;
    int marked_depth;   /* open BDC/BMC sequences */
    bool unmarked;      /* something was drawn outside marked content */
    /* the text object */
    bool in_text;       /* between BT and ET */
    int text_depth;     /* marked_depth when BT was written */
    bool in_array;      /* inside the [ ... ] of a TJ */
    bool in_string;     /* inside a <...> of that array */
    bool after_number;  /* the array's last item is a number */
    bool shown;         /* glyphs shown (or the pen moved) since BT, Td or Tm */
    bool fresh;         /* nothing has moved the text line matrix since BT */
    long long line_x, line_y; /* origin of the text line matrix, 1/1000 pt */
    /* text state and fill colour at the page's base level (outside q ... Q),
     * as text last set them; font NULL: none yet */
    const void *font;
    double font_size;
    bool fill_set;
    uint32_t fill;
} eb_content;

void ebi_content_destroy(eb_content *c);
/* Called by every drawing function before it writes: notes drawing outside
 * marked content, which a tagged PDF must not have. */
void ebi_content_note_drawing(eb_content *c);

/* Anything but text. Each closes an open text object first. */
/* Writes `n` numbers followed by the operator `op` and a newline. */
void ebi_content_op(eb_content *c, const char *op, size_t n, const double *args);
void ebi_content_raw(eb_content *c, const char *text);
void ebi_content_fill_color(eb_content *c, uint32_t rgb);
void ebi_content_stroke_color(eb_content *c, uint32_t rgb);
/* Marked content: BDC with an MCID or BMC for a bare tag; /Artifact. Each
 * needs a matching end. */
void ebi_content_begin_marked(eb_content *c, const char *tag, int mcid);
void ebi_content_begin_artifact(eb_content *c);
/* Ends the innermost sequence; closes the text object first if BT was
 * written inside it. False when nothing is open. */
bool ebi_content_end_marked(eb_content *c);
void ebi_content_number(eb_content *c, double v); /* with a trailing space */

/* Text. begin_text writes BT unless a text object is open; end_text writes
 * ET if one is. Inside it: */
void ebi_content_begin_text(eb_content *c);
void ebi_content_end_text(eb_content *c);
/* rg for the text's fill colour, unless it is already the colour. */
void ebi_content_text_color(eb_content *c, uint32_t rgb);
/* Whether `font` (any pointer that identifies it) at `size` is selected;
 * set_font writes `/name size Tf` and records it. */
bool ebi_content_font_is(const eb_content *c, const void *font, double size);
void ebi_content_set_font(eb_content *c, const char *name, const void *font, double size);
/* Starts a new line at (x, y) in page space: a Td relative to the last
 * where a reader gets exactly (x, y) from it, else an absolute Tm. */
void ebi_content_text_move(eb_content *c, double x, double y);
void ebi_content_text_rise(eb_content *c, double rise); /* Ts */
/* A TJ, built as it goes: consecutive glyphs (two-byte CIDs) share one
 * <...> string; an adjustment (thousandths of an em, subtracted from the
 * pen) goes between them; show_end closes the array with TJ. */
void ebi_content_show_glyph(eb_content *c, uint32_t cid);
void ebi_content_show_adjust(eb_content *c, double adjust);
void ebi_content_show_end(eb_content *c);
/* A Span with ActualText (text is UTF-8), allowed inside a text object;
 * ends with ebi_content_end_marked. */
void ebi_content_begin_actual_text(eb_content *c, const char *text, size_t len);
/* A PDF string of UTF-16BE with a byte order mark, in hex: <FEFF...>. */
void ebi_content_utf16_hex(eb_buf *out, const char *utf8, size_t len);

/* UTF-8 -> UTF-16BE bytes with a leading byte order mark (a PDF text
 * string). Invalid bytes become U+FFFD. Caller frees *out. */
void ebi_utf8_to_utf16be(const char *utf8, size_t len, bool bom, uint8_t **out, size_t *out_len);

/* ---- pdf_graph.c: the document's objects ----------------------------------------- */

/* The catalog, the page tree, /Info, pages, composite fonts, links,
 * outlines and the trailer, as objects of pdf_object.h, made in the order
 * that fixes their numbers. */
typedef struct eb_pdoc eb_pdoc;
typedef struct eb_pdoc_page eb_pdoc_page;
typedef struct eb_pdoc_font eb_pdoc_font;
typedef struct eb_pdoc_outline eb_pdoc_outline;

/* A CID's advance in /W units (1/1000 em). */
typedef struct {
    uint32_t cid;
    int width;
} eb_cid_width;

/* Everything a composite font's objects hold, computed at save time. */
typedef struct {
    const char *base_font;      /* Type0 /BaseFont */
    const char *cid_font_name;  /* CIDFont and descriptor name: "ABCDEF+Name" */
    bool cff;                   /* FontFile3/CIDFontType0C, else FontFile2 */
    const uint8_t *program;
    size_t program_len;
    const uint8_t *cid_to_gid;  /* TrueType: 2 bytes per CID, big-endian */
    size_t cid_to_gid_len;
    const char *to_unicode;
    size_t to_unicode_len;
    int default_width;          /* /DW */
    const eb_cid_width *widths; /* /W: the CIDs whose width differs, by CID */
    size_t nwidths;
    int flags;
    int bbox[4];
    int ascent, descent, cap_height, stem_v;
    double italic_angle;
} eb_font_embedding;

/* A document: the catalog (1), the page tree (2) and /Info (3). */
eb_pdoc *ebi_pdoc_create(void);
void ebi_pdoc_destroy(eb_pdoc *doc);
/* What the last failed call could not do ("" when none); clears it. */
const char *ebi_pdoc_take_error(eb_pdoc *doc);

eb_pdoc_page *ebi_pdoc_add_page(eb_pdoc *doc, double width, double height);
bool ebi_pdoc_page_append(eb_pdoc *doc, eb_pdoc_page *page, const void *bytes, size_t n);

/* An empty Type0 font dictionary, filled by ebi_pdoc_font_fill at save time. */
eb_pdoc_font *ebi_pdoc_font_create(eb_pdoc *doc);
/* The font's resource name on the page ("F1"), registering it on first use. */
const char *ebi_pdoc_page_font_name(eb_pdoc *doc, eb_pdoc_page *page, eb_pdoc_font *font);
bool ebi_pdoc_font_fill(eb_pdoc *doc, eb_pdoc_font *font, const eb_font_embedding *e);

/* Plain objects, for the structure tree and the PDF/A entries: a
 * dictionary, array or stream of the document. Indirect objects (streams,
 * dictionaries made indirect) can be put in any number of places; a direct
 * one in exactly one. All of them are freed with the document. */
typedef struct eb_pobj eb_pobj;

eb_pobj *ebi_pdoc_new_dict(eb_pdoc *doc, bool indirect);
eb_pobj *ebi_pdoc_new_array(eb_pdoc *doc);
/* An indirect stream, Flate-compressed or not; its data replaced by _set. */
eb_pobj *ebi_pdoc_new_stream(eb_pdoc *doc, bool compress);
bool ebi_pdoc_stream_set(eb_pdoc *doc, eb_pobj *stream, const void *bytes, size_t n);
eb_pobj *ebi_pdoc_catalog(eb_pdoc *doc);
eb_pobj *ebi_pdoc_info(eb_pdoc *doc);
eb_pobj *ebi_pdoc_page_dict(eb_pdoc_page *page);
/* Puts a value into a dictionary under key (replacing what was there), or
 * at the end of an array when key is NULL. */
bool ebi_pdoc_put_obj(eb_pdoc *doc, eb_pobj *o, const char *key, eb_pobj *value);
bool ebi_pdoc_put_name(eb_pdoc *doc, eb_pobj *o, const char *key, const char *name);
bool ebi_pdoc_put_int(eb_pdoc *doc, eb_pobj *o, const char *key, int value);
bool ebi_pdoc_put_bool(eb_pdoc *doc, eb_pobj *o, const char *key, bool value);
bool ebi_pdoc_put_null(eb_pdoc *doc, eb_pobj *o, const char *key);
bool ebi_pdoc_put_ascii(eb_pdoc *doc, eb_pobj *o, const char *key, const char *ascii);
/* A string of raw bytes (at most 65535), e.g. a UTF-16BE text string. */
bool ebi_pdoc_put_bytes(eb_pdoc *doc, eb_pobj *o, const char *key, const uint8_t *bytes, size_t n);

/* A link annotation; rect: left, bottom, right, top in PDF space. uri:
 * ASCII. Returns the annotation (for the structure tree), or NULL. */
eb_pobj *ebi_pdoc_link(eb_pdoc *doc, eb_pdoc_page *page, const double rect[4], const char *uri);
/* An outline entry under parent (NULL: top level) going to (left, top) of page. */
eb_pdoc_outline *ebi_pdoc_outline_create(eb_pdoc *doc, eb_pdoc_outline *parent,
                                     const uint8_t *title, size_t title_len,
                                     eb_pdoc_page *page, double left, double top);
/* The image XObject's resource name on the page ("Im1"), registering it
 * on first use. */
const char *ebi_pdoc_page_xobject_name(eb_pdoc *doc, eb_pdoc_page *page, eb_pobj *xobject);
/* key: "Title", "Author", ...; value: a PDF text string's bytes. */
bool ebi_pdoc_set_info(eb_pdoc *doc, const char *key, const uint8_t *value, size_t len);
bool ebi_pdoc_set_catalog(eb_pdoc *doc, const char *lang, bool display_title);
bool ebi_pdoc_set_id(eb_pdoc *doc, const uint8_t id[16]);
/* Serialises the document into out (replacing its contents). */
bool ebi_pdoc_save(eb_pdoc *doc, eb_buf *out);

/* ---- pdf_subset.c ---------------------------------------------------------------- */

typedef struct {
    uint8_t *program;      /* owned: the font program to embed */
    size_t program_len;
    uint32_t *new_gids;    /* owned: new glyph id of each requested glyph */
} eb_subset;

/* Subsets `face` to glyphs[0..n) (sorted, unique, glyph 0
 * first) without hinting or layout tables. For CFF fonts the program is the
 * bare CID-keyed 'CFF ' table, checked to select glyph g by CID g. Returns
 * false with *error set (static text) on failure. */
bool ebi_subset_create(hb_face_t *face, bool cff, const uint32_t *glyphs, size_t n,
                    eb_subset *out, const char **error);
void ebi_subset_destroy(eb_subset *s);

/* ---- pdf_cmap.c ------------------------------------------------------------------ */

typedef struct {
    uint32_t cid;
    const char *text;      /* UTF-8 */
    size_t len;
} eb_cid_text;

/* A ToUnicode CMap for the mappings (sorted by CID; empty texts skipped). */
void ebi_cmap_to_unicode(const eb_cid_text *map, size_t n, eb_buf *out);

/* ---- pdf_font.c ------------------------------------------------------------------ */

typedef struct eb_pdf_font eb_pdf_font;

/* How to draw one glyph: its CID, its /W width and whether the ToUnicode
 * map gives its text (if not, the caller wraps it in ActualText). */
typedef struct {
    uint32_t cid;
    int width;             /* 1/1000 em */
    bool text_mapped;
} eb_cid_use;

eb_pdf_font *ebi_pdf_font_create(const eb_font *font, eb_pdoc_font *objects);
void ebi_pdf_font_destroy(eb_pdf_font *f);
const eb_font *ebi_pdf_font_source(const eb_pdf_font *f);
eb_pdoc_font *ebi_pdf_font_objects(const eb_pdf_font *f);
/* Records that glyph `gid` is drawn for `text` (may be empty). */
eb_cid_use ebi_pdf_font_use(eb_pdf_font *f, uint32_t gid, const char *text, size_t len);
/* A glyph that draws nothing and has no advance (to carry text), 0 if none. */
uint32_t ebi_pdf_font_empty_glyph(eb_pdf_font *f);
/* Subsets and fills the font objects from every glyph drawn so far. */
bool ebi_pdf_font_finish(eb_pdf_font *f, eb_pdoc *doc, eb_diag *diag);
/* Feeds what identifies the font's use (name, glyphs, texts) to a hash. */
void ebi_pdf_font_hash(const eb_pdf_font *f, eb_hash *h);

/* ---- pdf_tags.c -------------------------------------------------------------------- */

/* The structure tree as it is built: elements numbered from 1 (0 is the
 * root), each with its children in the order they were added. */
typedef struct eb_tags eb_tags;

eb_tags *ebi_tags_create(void);
void ebi_tags_destroy(eb_tags *t);
size_t ebi_tags_count(const eb_tags *t);
/* Returns the new element's number, or 0 (unknown parent, no type). */
int ebi_tags_add(eb_tags *t, int parent, const eb_pdf_element *in);
/* The element's structure type, or NULL for an unknown element. */
const char *ebi_tags_type(const eb_tags *t, int n);
/* Children of element n: marked content (page index, MCID) and link
 * annotations. */
void ebi_tags_add_mcid(eb_tags *t, int n, size_t page, int mcid);
void ebi_tags_add_link(eb_tags *t, int n, size_t page, eb_pobj *annot);
/* Records that line `line_index` of para was drawn as content of element n
 * (its logical text goes into the document's hash). */
void ebi_tags_note_text(eb_tags *t, int n, const eb_para *para, size_t line_index);
/* Writes (or, on a later save, rewrites) the structure tree: element
 * dictionaries, /StructTreeRoot with its parent tree, /MarkInfo, each
 * page's /StructParents and /Tabs, each link's /StructParent. */
bool ebi_tags_write(eb_tags *t, eb_pdoc *doc, eb_pdoc_page *const *pages, size_t npages);
/* Feeds the elements (types, languages, texts) to the document's hash. */
void ebi_tags_hash(const eb_tags *t, eb_hash *h);

/* ---- pdf_pdfa.c ---------------------------------------------------------------------- */

typedef struct {
    const char *title, *author, *subject, *keywords, *creator, *producer, *lang;
    const char *source;    /* dc:source, which /Info has no entry for; may be NULL */
    bool dated;
    long long date;        /* seconds since 1970-01-01 UTC */
    bool tagged;           /* claims PDF/UA-1 (pdfuaid:part 1) */
} eb_xmp_fields;

/* The XMP packet for the fields (PDF/A-2u, with the pdfuaid extension
 * schema when tagged). */
void ebi_xmp_packet(const eb_xmp_fields *f, eb_buf *out);
/* "D:20260101000000+00'00'" (/Info) and "2026-01-01T00:00:00Z" (XMP). */
void ebi_pdf_date(long long seconds, char out[64]);
void ebi_xmp_date(long long seconds, char out[64]);
/* The catalog's /OutputIntents: sRGB, with the profile embedded. */
bool ebi_pdfa_output_intent(eb_pdoc *doc);
/* Sets the catalog's /Metadata to the packet, creating the stream the
 * first time (*stream) and replacing its data after. */
bool ebi_pdfa_metadata(eb_pdoc *doc, eb_pobj **stream, const eb_xmp_fields *f);

/* ---- pdf_srgb.c ------------------------------------------------------------------------ */

extern const uint8_t eb_srgb_icc[];
extern const size_t eb_srgb_icc_len;

/* ---- pdf_image.c ----------------------------------------------------------------------- */

/* The images of a document, each embedded once. */
typedef struct eb_pdf_images eb_pdf_images;

eb_pdf_images *ebi_pdf_images_create(void);
void ebi_pdf_images_destroy(eb_pdf_images *images);
/* The image XObject of `image`, made on first use; NULL on failure. */
eb_pobj *ebi_pdf_image_xobject(eb_pdf_images *images, eb_pdoc *doc, const eb_image *image);
/* Feeds every image's pixels to the document's hash. */
void ebi_pdf_images_hash(const eb_pdf_images *images, eb_hash *h);

/* ---- pdf_doc.c: shared by the drawing files ---------------------------------------- */

struct eb_pdf_page {
    eb_pdf *pdf;
    eb_pdoc_page *page;
    size_t index;          /* in the document, from 0 */
    double width, height;
    eb_content content;
    size_t flushed;        /* bytes of content already in its stream */
    int next_mcid;
    int element;           /* structure element whose content is open, or 0 */
    int element_depth;     /* the marked_depth its sequence opened at */
};

/* The font record for `font`, created on first use. */
eb_pdf_font *ebi_pdf_font_for(eb_pdf *pdf, const eb_font *font);
eb_pdoc *ebi_pdf_backend(eb_pdf *pdf);
eb_tags *ebi_pdf_tags(eb_pdf *pdf);
eb_pdf_images *ebi_pdf_images_of(eb_pdf *pdf);
eb_diag *ebi_pdf_diag(eb_pdf *pdf);

#endif
