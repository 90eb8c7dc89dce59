/* Private to the page layout (pages.c, pages_table.c, pages_chart.c). */
#ifndef EVBRIEF_LAYOUT_PAGES_INTERNAL_H
#define EVBRIEF_LAYOUT_PAGES_INTERNAL_H

#include "pages.h"
#include "table.h"

/* The typographic styles of a brief. */
typedef enum {
    ST_TITLE, ST_SUBTITLE, ST_META_LABEL, ST_META_VALUE, ST_H1, ST_H2, ST_BODY, ST_QUOTE,
    ST_RENDERING, ST_SOURCE, ST_NOTE, ST_REFERENCE, ST_CAPTION, ST_CAPTION_RENDERING,
    ST_CELL, ST_CHART, ST_CHART_NUMBER, ST_FURNITURE, ST_BULLET, ST_SUMMARY
} eb_style_id;

/* Colours (0xRRGGBB). */
enum {
    COLOR_TEXT = 0x1A1A1A,
    COLOR_MUTED = 0x55595E,
    COLOR_ACCENT = 0x1F4E79,
    COLOR_RULE = 0xC3C9D0,
    COLOR_HEADER_FILL = 0xDCE6F0,
    COLOR_ZEBRA = 0xF3F5F8,
    COLOR_PANEL = 0xF2F5F9,   /* behind the page-1 summary */
    COLOR_LINK = 0x1F4E9A
};

typedef struct {
    eb_fontset *fonts;
    const eb_brief *brief;
    eb_diag *diag;
    eb_uncovered strict;
    eb_doc_plan *plan;
    double portrait_w, portrait_h;
    double margin_x, margin_top, margin_bottom;
    size_t page;          /* current page index */
    double y;             /* top of the free space on the current page */
    double space_scale;   /* of the space between blocks: 1, less to pull a widow page back */
    bool rtl;             /* page direction */
    long root;            /* the Document element */
    long meta_table;      /* the Table of the title block's label/value rows
                             being placed, or EB_NO_ELEMENT */
    /* A table laid out ahead of time to decide whether its heading fits
     * (see keep_with_next); ebi_place_table takes it over. */
    const eb_brief_table *cached_table;
    eb_table_layout *cached_layout;
    /* Likewise a paragraph (already adopted by the plan): the next paragraph
     * placed takes it over when it is the same text in the same style and
     * width, so it is laid out once. */
    /* The text of the latest heading: the name a table without a caption
     * goes by on its continuation pages. */
    eb_span last_heading;
    eb_para *kept_para;
    eb_style_id kept_style;
    eb_span kept_text;
    /* The page-1 summary's panel while its blocks are placed: where it
     * starts (page, the index of the page's first op of it, y). */
    bool panel_open;
    size_t panel_page, panel_op;
    double panel_top;
    /* The latest table ebi_table_landscape decided on, and its decision. */
    const eb_brief_table *landscape_table;
    bool landscape_decision;
    /* While landscape pages are being set: the portrait page they float
     * out of, and where its free space starts; what follows them in the
     * text fills that page first (see enter_landscape). */
    bool backfill;
    size_t backfill_page;
    double backfill_y;
} eb_flow;

/* Page geometry of the current page. */
double ebi_flow_left(const eb_flow *f);
double ebi_flow_right(const eb_flow *f);
double ebi_flow_bottom(const eb_flow *f);
double ebi_flow_width(const eb_flow *f);
void ebi_flow_new_page(eb_flow *f, bool landscape);
bool ebi_flow_landscape(const eb_flow *f);

/* Paragraphs: laid out in a style and registered with the plan. */
eb_text_style ebi_style(const eb_flow *f, eb_style_id id, eb_lang lang);
eb_para *ebi_flow_para(eb_flow *f, eb_style_id id, eb_span text, double width);
/* The height of `text` in style `id` at `width`, laid out ahead of time
 * and let go (problems are reported when it is laid out for good). */
double ebi_height_ahead(eb_flow *f, eb_style_id id, eb_span text, double width);
eb_para *ebi_flow_para_aligned(eb_flow *f, eb_style_id id, eb_span text, double width, eb_align align);
double ebi_line_top(const eb_para *p, size_t line);

/* Ops and structure elements. */
eb_op *ebi_flow_op(eb_flow *f, eb_op_kind kind, long element);
void ebi_flow_text(eb_flow *f, const eb_para *p, size_t first, size_t end, double x, double y, long element);
long ebi_flow_element(eb_flow *f, eb_role role, long parent, const char *lang);
/* x of a box of width w placed at offset `from_start` from the start edge of
 * [left, right] (mirrored for right-to-left pages). */
double ebi_flow_x(const eb_flow *f, double left, double right, double from_start, double w);

/* Places a paragraph at the start edge plus indent, splitting it between
 * pages at line boundaries (no single orphan or widow line). */
void ebi_flow_place(eb_flow *f, eb_para *p, double indent, long element);
void ebi_flow_space(eb_flow *f, double points);
bool ebi_flow_fits(const eb_flow *f, double height);

void ebi_place_table(eb_flow *f, const eb_brief_table *table, long parent);
/* The height a table needs at the least on the current page: its caption,
 * header rows and first body row. */
double ebi_table_min_height(eb_flow *f, const eb_brief_table *table);
/* Whether a table is set on landscape pages: the layout decides it from
 * the paper and the table's columns (compose makes no page decisions). */
bool ebi_table_landscape(eb_flow *f, const eb_brief_table *table);
double ebi_chart_height(const eb_chart *chart);
void ebi_place_chart(eb_flow *f, const eb_chart *chart, long parent);

const char *ebi_lang_bcp47(eb_lang lang);

/* The clinic's letterhead (EB_BLOCK_BRAND) and its contact line under the
 * page number of every page, at y (pages_brand.c). */
void ebi_place_letterhead(eb_flow *f, const eb_block *b);
void ebi_place_footer_note(eb_flow *f, eb_span note, double y);

#endif
