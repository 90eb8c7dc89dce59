/* plan: what the layout stage hands the PDF stage, and all it hands it. For
 * every page, the list of things to draw at fixed positions (text lines,
 * fills, rules, links), each tied to its structure element so the PDF stage
 * can write a tagged PDF; the document's structure elements and outline;
 * the paragraphs the text ops draw. The PDF stage (render.h) draws a plan
 * and makes no layout decisions; it includes this header, never the
 * planners (pages.h) or what they read (compose.h).
 *
 * Plans are made by the layout stage (the planners in pages.h) with the
 * functions at the end of this header.
 *
 * Coordinates: points from the page's top-left corner, y downwards. */
#ifndef EVBRIEF_PLAN_H
#define EVBRIEF_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"
#include "util.h"

typedef enum {
    EB_OP_TEXT,        /* lines [first_line, end_line) of para, its top-left at (x, y) */
    EB_OP_FILL,        /* rectangle (x, y, w, h) filled with color */
    EB_OP_RULE,        /* line from (x, y) to (x + w, y + h), line_width, color */
    EB_OP_LINK,        /* clickable area (x, y, w, h) to uri */
    EB_OP_IMAGE        /* image scaled into the box (x, y, w, h) */
} eb_op_kind;

/* The role of what an op draws, for the structure tree of a tagged PDF. */
typedef enum {
    EB_ROLE_ARTIFACT,  /* running header, footer, page number, decoration */
    EB_ROLE_TITLE,
    EB_ROLE_H1,
    EB_ROLE_H2,
    EB_ROLE_P,
    EB_ROLE_LIST,
    EB_ROLE_LIST_ITEM,
    EB_ROLE_LIST_LABEL,
    EB_ROLE_LIST_BODY,
    EB_ROLE_TABLE,
    EB_ROLE_TABLE_ROW,
    EB_ROLE_TABLE_HEADER_CELL,
    EB_ROLE_TABLE_CELL,
    EB_ROLE_CAPTION,
    EB_ROLE_FIGURE,
    EB_ROLE_LINK,
    EB_ROLE_DOCUMENT
} eb_role;

/* Structure elements are numbered 1, 2, ... in the order they are added,
 * and 0 is none: an op of element 0 is an artifact, an element whose
 * parent is 0 is a child of the structure tree's root. pdf.h numbers its
 * elements (and outline entries) the same way. */
#define EB_NO_ELEMENT 0L

typedef struct {
    eb_op_kind kind;
    double x, y, w, h;
    const eb_para *para;      /* EB_OP_TEXT */
    size_t first_line, end_line;
    uint32_t color;
    double line_width;
    const char *uri;          /* EB_OP_LINK */
    const eb_image *image;    /* EB_OP_IMAGE: the same pointer for the same image */
    long element;             /* its structure element, or EB_NO_ELEMENT */
} eb_op;

/* A node of the document's logical structure, in reading order. */
typedef struct {
    eb_role role;
    long parent;              /* an element before this one, or EB_NO_ELEMENT */
    const char *lang;         /* BCP 47 when it differs from the document's; else NULL */
    const char *alt;          /* alternative text (figures) */
    bool header_scope_column; /* TH: scope Column (else Row) */
} eb_element;

typedef struct {
    double width, height;
    eb_op *ops;
    size_t nops, cap;
} eb_page_plan;

typedef struct {
    const char *title;
    int level;                /* 1 or 2 */
    size_t page;
    double y;
} eb_outline_entry;

typedef struct {
    eb_page_plan *pages;
    size_t npages, pages_cap;
    eb_outline_entry *outline;
    size_t noutline, outline_cap;
    eb_element *elements;     /* element k is elements[k - 1] (eb_plan_element) */
    size_t nelements, elements_cap;
    eb_para **paras;          /* every paragraph the ops point at (owned) */
    size_t nparas, paras_cap;
    const char *lang;         /* the document's language (BCP 47) */
} eb_doc_plan;

/* Element `id` of the plan, or NULL for EB_NO_ELEMENT and for a number
 * the plan has not given out. */
const eb_element *eb_plan_element(const eb_doc_plan *plan, long id);

/* The fonts the plan draws text in (the fonts of the glyph runs of every
 * line a text op draws), each once, in the order of their ids
 * (eb_font_info.id): up to `cap` of them into fonts[]. Returns how many
 * there are, which may be more than cap. */
size_t eb_plan_fonts(const eb_doc_plan *plan, const eb_font **fonts, size_t cap);

void eb_plan_destroy(eb_doc_plan *plan);

/* ---- making a plan (the layout stage) ------------------------------------ */

/* An empty plan of a document in `lang` (a static BCP 47 tag). */
eb_doc_plan *eb_plan_create(const char *lang);
/* Adds a page of the given size; returns its index. */
size_t eb_plan_add_page(eb_doc_plan *plan, double width, double height);
/* Adds an op of `kind` for `element` at the end of page `page`, every
 * other field zero, for the caller to fill in. */
eb_op *eb_plan_add_op(eb_doc_plan *plan, size_t page, eb_op_kind kind, long element);
/* Adds a structure element under `parent` (an element added before, or
 * EB_NO_ELEMENT); `lang` is kept only where it differs from the plan's.
 * Returns its number. */
long eb_plan_add_element(eb_doc_plan *plan, eb_role role, long parent, const char *lang);
/* The same element, to fill in its alternative text or scope. */
eb_element *eb_plan_element_edit(eb_doc_plan *plan, long id);
/* Adds an outline entry (level 1, or 2 under the latest level 1). */
void eb_plan_add_outline(eb_doc_plan *plan, const char *title, int level, size_t page, double y);
/* The plan takes ownership of a paragraph its ops draw. */
void eb_plan_adopt(eb_doc_plan *plan, eb_para *p);

#endif
