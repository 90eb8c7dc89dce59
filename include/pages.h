/* pages: sets a composed brief on pages (the last step of the layout
 * stage). The result is a plan: for every page, the list of things to draw
 * at fixed positions (text lines, fills, rules, links), each tagged with
 * its role in the document structure so the PDF stage can write a tagged
 * PDF. The PDF stage draws a plan; it makes no layout decisions.
 *
 * Coordinates: points from the page's top-left corner, y downwards. */
#ifndef EVBRIEF_PAGES_H
#define EVBRIEF_PAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compose.h"
#include "diag.h"
#include "layout.h"

typedef enum { EB_PAPER_A4, EB_PAPER_LETTER } eb_paper;

bool eb_paper_from_name(const char *name, eb_paper *paper);

typedef enum {
    EB_OP_TEXT,        /* lines [first_line, end_line) of para, its top-left at (x, y) */
    EB_OP_FILL,        /* rectangle (x, y, w, h) filled with color */
    EB_OP_RULE,        /* line from (x, y) to (x + w, y + h), line_width, color */
    EB_OP_LINK,        /* clickable area (x, y, w, h) to uri */
    EB_OP_IMAGE        /* image scaled into the box (x, y, w, h) */
} eb_op_kind;

/* The role of what an op draws, for the structure tree of a tagged PDF.
 * Ops of one element share `element` (an index into the plan's elements). */
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

typedef struct {
    eb_op_kind kind;
    double x, y, w, h;
    const eb_para *para;      /* EB_OP_TEXT */
    size_t first_line, end_line;
    uint32_t color;
    double line_width;
    const char *uri;          /* EB_OP_LINK */
    const eb_image *image;    /* EB_OP_IMAGE: the same pointer for the same image */
    long element;             /* structure element, or -1 for artifacts */
} eb_op;

/* A node of the document's logical structure, in reading order. */
typedef struct {
    eb_role role;
    long parent;              /* -1 for the root */
    const char *lang;         /* BCP 47 when it differs from the document's; else NULL */
    const char *alt;          /* alternative text (figures) */
    const char *title;        /* headings: the outline title */
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
    eb_element *elements;
    size_t nelements, elements_cap;
    eb_para **paras;          /* every paragraph the ops point at (owned) */
    size_t nparas, paras_cap;
    const char *lang;         /* the document's language (BCP 47) */
} eb_doc_plan;

/* Lays out a brief. Never fails for a valid brief; text problems (a
 * character no font covers) go to diag. */
eb_doc_plan *eb_plan_brief(eb_fontset *fonts, const eb_brief *brief, eb_paper paper, eb_uncovered strict,
                           eb_diag *diag);
void eb_doc_plan_free(eb_doc_plan *plan);

#endif
