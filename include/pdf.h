/* pdf: writes laid-out content as a PDF, with an object layer of its own
 * (src/pdf/pdf_object.h) and no PDF library. Shaped glyph runs are
 * drawn through Type0/Identity-H composite fonts whose programs are subsets
 * made with hb-subset, with /W widths and a ToUnicode CMap, so the text is
 * real text: searchable, copyable, and extracted in logical order.
 *
 * The PDF objects and the file's structure stay inside src/pdf/.
 * Coordinates in this API are in points from the TOP-LEFT of the page,
 * y growing downwards; the module converts to PDF's bottom-up space.
 *
 * Every piece of page content goes through one content writer, so that
 * marked content (BDC/EMC with MCIDs, /Artifact) can wrap it for tagged PDF.
 *
 * Every document is written for PDF/A-2u: XMP metadata mirroring the
 * document information, an sRGB output intent (the profile is compiled in),
 * embedded fonts with ToUnicode maps, no encryption, no transparency but
 * an image's soft mask (which PDF/A-2 allows). A
 * document with structure elements (see "structure" below) is also a
 * tagged PDF meant for PDF/UA-1 and says so in its XMP (pdfuaid). */
#ifndef EVBRIEF_PDF_H
#define EVBRIEF_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "layout.h"
#include "util.h"

typedef struct eb_pdf eb_pdf;
typedef struct eb_pdf_page eb_pdf_page;

typedef struct {
    const char *title;     /* UTF-8; also shown in the viewer's title bar */
    const char *author;
    const char *subject;
    const char *keywords;
    const char *creator;
    /* What the document was made from, in XMP only (dc:source): the
     * digest of the inputs a build hashed; NULL: none. */
    const char *source;
    const char *lang;      /* document language, BCP 47 (/Lang) */
    /* Seed for the deterministic document /ID and font subset tags: the same
     * seed and content give the same bytes. No wall-clock time is written. */
    const char *id_seed;
    /* Creation and modification date (/Info and XMP), seconds since
     * 1970-01-01 UTC, when `dated`; otherwise the file has no dates. */
    bool dated;
    long long date;
} eb_pdf_options;

eb_pdf *eb_pdf_create(eb_fontset *fonts, const eb_pdf_options *options, eb_diag *diag);
void eb_pdf_destroy(eb_pdf *pdf);

eb_pdf_page *eb_pdf_add_page(eb_pdf *pdf, double width, double height);
size_t eb_pdf_page_count(const eb_pdf *pdf);
eb_pdf_page *eb_pdf_get_page(eb_pdf *pdf, size_t index);

/* Draws a laid-out paragraph with its top-left corner at (x, y). */
void eb_pdf_draw_para(eb_pdf_page *page, const eb_para *para, double x, double y);
/* Draws one line of a paragraph with the paragraph's top-left at (x, y). */
void eb_pdf_draw_line(eb_pdf_page *page, const eb_para *para, size_t line,
                      double x, double y);

/* An image drawn into the box (x, y, w, h). Each image (by pointer) is
 * embedded once per document, as an image XObject: its colour as 8-bit
 * DeviceRGB and its alpha, when it has one, as a soft mask (/SMask, which
 * PDF/A-2 allows), both Flate-compressed. */
void eb_pdf_draw_image(eb_pdf_page *page, const eb_image *image, double x, double y, double w, double h);

/* Vector graphics, colours as 0xRRGGBB. */
void eb_pdf_fill_rect(eb_pdf_page *page, double x, double y, double w, double h,
                      uint32_t color);
void eb_pdf_stroke_rect(eb_pdf_page *page, double x, double y, double w, double h,
                        double line_width, uint32_t color);
void eb_pdf_stroke_line(eb_pdf_page *page, double x1, double y1, double x2, double y2,
                        double line_width, uint32_t color);

/* Marked content, for tagged PDF: whatever is drawn on the page between a
 * begin and its matching end belongs to it. Any drawing call above can be
 * wrapped: paths bring their own q/Q, and the text object a text call opens
 * is closed before the EMC that ends the sequence it was opened in.
 * begin_marked writes `/tag <</MCID n>> BDC`, or `/tag BMC` when mcid < 0
 * (a raw MCID: eb_pdf_begin_element does the bookkeeping for you);
 * begin_artifact marks page furniture (`/Artifact BMC`). end_marked returns
 * false when nothing is open. Saving fails while a sequence is open. */
void eb_pdf_begin_marked(eb_pdf_page *page, const char *tag, int mcid);
void eb_pdf_begin_artifact(eb_pdf_page *page);
bool eb_pdf_end_marked(eb_pdf_page *page);

/* ---- structure (tagged PDF) ----------------------------------------------
 * The logical structure is a tree of elements under the structure tree
 * root. An element's children (its own marked content, links and child
 * elements) keep the order they were added in, which must be the reading
 * order: add an element when its first content is drawn and the tree reads
 * as the content does. Elements that end up with no content, directly or
 * below them, are not written. Once a document has an element, every
 * drawing on every page must be inside marked content (an element's or an
 * artifact); saving fails otherwise.
 *
 * Text, right-to-left runs included, is drawn in logical order (see
 * pdf_text.c), so an element's marked content reads as written in content
 * order and no element needs /ActualText. */
typedef struct {
    const char *type;      /* standard structure type: "Document", "H1", "P", "L",
                              "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD",
                              "Caption", "Figure", "Link"... */
    const char *lang;      /* BCP 47 when it differs from the document's, else NULL */
    const char *alt;       /* alternative text (figures) */
    const char *scope;     /* TH: "Column", "Row" or "Both" (/A /O /Table /Scope) */
    const char *list_numbering; /* L: "Disc", "Decimal"... (/A /O /List /ListNumbering) */
} eb_pdf_element;

/* Adds an element as the last child of `parent` (0: the root); UTF-8 texts
 * are copied. Returns its handle (> 0), or 0 for an unknown parent or a
 * missing type. */
int eb_pdf_add_element(eb_pdf *pdf, int parent, const eb_pdf_element *element);
/* Opens marked content on the page for `element` (`/type <</MCID n>> BDC`
 * with the page's next MCID, which becomes the element's next child); close
 * it with eb_pdf_end_marked. Returns the MCID, or -1 for an unknown element. */
int eb_pdf_begin_element(eb_pdf_page *page, int element);

/* A clickable link (URI action) over a rectangle. Only http:, https: and doi
 * (turned into https://doi.org/...) targets are accepted; returns false
 * (and draws nothing) otherwise. */
bool eb_pdf_link(eb_pdf_page *page, double x, double y, double w, double h,
                 const char *uri);
/* The same link as a child of structure element `element` (a "Link"): the
 * annotation is tied to it (an OBJR and /StructParent) and described by its
 * target (/Contents). */
bool eb_pdf_link_element(eb_pdf_page *page, double x, double y, double w, double h,
                         const char *uri, int element);

/* Document outline (bookmarks). parent 0 = top level; returns the new
 * entry's handle (> 0) for children. title is UTF-8. */
int eb_pdf_outline_add(eb_pdf *pdf, int parent, const char *title,
                       eb_pdf_page *page, double y);

/* Writes the document to `path` atomically: a temporary file in the same
 * directory, then rename. On failure nothing is left at `path` (an existing
 * file there is untouched) and the error is reported through diag. */
bool eb_pdf_save(eb_pdf *pdf, const char *path);

#endif
