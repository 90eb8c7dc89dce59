/* Sets a table on pages: caption, header rows repeated on every page with a
 * "(continued)" caption, light zebra striping and rules, right-to-left
 * tables mirrored, wide tables on landscape pages. Column widths and row
 * breaking come from table.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pages_internal.h"

typedef struct {
    eb_flow *f;
    const eb_brief_table *src;
    eb_table_layout *layout;
    eb_para *caption, *caption_rendering, *continued, *note, *bullet;
    long table_element, caption_element;
    long *row_elements, *cell_elements;   /* per row / per cell, EB_NO_ELEMENT until drawn */
    /* per cell with list items: the Lbl and LBody elements of each item
     * (2k, 2k + 1), made with the cell; NULL for other cells */
    long **item_elements;
    /* per cell whose text has several pieces (separated by line feeds): a P
     * element for each; NULL for other cells */
    long **piece_elements;
    long *note_elements;                  /* per cell: its note's P, or EB_NO_ELEMENT */
    double x0;                            /* the table's left edge on the page */
} table_state;

/* The spec of each of the n cells; the item texts of every list cell are
 * in one array, *items (owned by the caller, as the specs are). */
static eb_table_cell_spec *make_specs(const eb_brief_table *t, size_t n, const char ***items) {
    size_t nitems = 0;
    for (size_t i = 0; i < n; i++) nitems += t->cells[i].nitems;
    eb_table_cell_spec *specs = eb_xcalloc(n ? n : 1, sizeof *specs);
    const char **next = *items = eb_xcalloc(nitems ? nitems : 1, sizeof **items);
    for (size_t i = 0; i < n; i++) {
        const eb_brief_cell *c = &t->cells[i];
        if (c->nitems) {
            specs[i].items = next;
            for (size_t k = 0; k < c->nitems; k++) *next++ = c->items[k].text;
            specs[i].nitems = c->nitems;
            specs[i].lang = eb_lang_tag(c->items[0].lang);
        } else {
            specs[i].text = c->text.text ? c->text.text : "";
            specs[i].lang = eb_lang_tag(c->text.lang);
        }
        if (c->note.text) {
            specs[i].note = c->note.text;
            specs[i].note_lang = eb_lang_tag(c->note.lang);
        }
    }
    return specs;
}


/* A table runs right to left on a Persian page, and on any page when most
 * of its body cells are Persian (a review's own Persian table in an English
 * or Chinese brief): its first column then stands on the right, each cell
 * starting at its column's right edge, so neighbouring cells no longer read
 * as one phrase across the gutter. */
static bool table_rtl(const eb_flow *f, const eb_brief_table *t) {
    if (f->rtl) return true;
    size_t persian = 0, other = 0;
    size_t first = t->nheader_rows * t->ncols, end = (t->nheader_rows + t->nbody_rows) * t->ncols;
    for (size_t i = first; i < end; i++) {
        const eb_brief_cell *c = &t->cells[i];
        if (!c->text.text || !*c->text.text) continue;
        if (c->text.lang == EB_LANG_FA) persian++;
        else other++;
    }
    return persian > other;
}

static eb_table_layout *lay_out_at(eb_flow *f, const eb_brief_table *t, double width, eb_diag *diag) {
    size_t n = (t->nheader_rows + t->nbody_rows) * t->ncols;
    const char **items;
    eb_table_cell_spec *specs = make_specs(t, n, &items);
    eb_table_spec spec = {.ncols = t->ncols, .nheader_rows = t->nheader_rows, .nbody_rows = t->nbody_rows,
                          .cells = specs, .rtl = table_rtl(f, t), .family = EB_FAMILY_SANS,
                          .font_size = t->ncols >= 7 ? 7.5 : 8, .padding = 3.5, .note_color = COLOR_MUTED,
                          .origin = f->brief->file_name, .strict = f->strict};
    eb_table_layout *layout = eb_table_layout_create(f->fonts, &spec, width, diag);
    free(items);
    free(specs);
    return layout;
}

static eb_table_layout *lay_out(eb_flow *f, const eb_brief_table *t) {
    return lay_out_at(f, t, ebi_flow_width(f), f->diag);
}

/* «(continued)» is never a line of its own under its table's name. */
#define NO_BREAK_SPACE "\xC2\xA0"

/* The captions are set to the table's width, over it: a caption wider
 * than a narrow table would overhang it on one side. */
static void make_captions(table_state *ts) {
    eb_flow *f = ts->f;
    double w = ts->layout->width;
    const eb_brief_table *t = ts->src;
    eb_lang locale = eb_locale_lang(f->brief->locale);
    if (t->caption.text) {
        ts->caption = ebi_flow_para(f, ST_CAPTION, t->caption, w);
        char *cont = eb_xasprintf("%s" NO_BREAK_SPACE "%s", t->caption.text, f->brief->continued_label);
        ts->continued = ebi_flow_para(f, ST_CAPTION, (eb_span){cont, t->caption.lang}, w);
        free(cont);
    } else if (f->last_heading.text) {
        /* a table without a caption goes by its section's name: «(continued)»
         * alone does not say which table continues */
        char *cont = eb_xasprintf("%s" NO_BREAK_SPACE "%s", f->last_heading.text, f->brief->continued_label);
        ts->continued = ebi_flow_para(f, ST_CAPTION, (eb_span){cont, f->last_heading.lang}, w);
        free(cont);
    } else {
        ts->continued = ebi_flow_para(f, ST_CAPTION, (eb_span){f->brief->continued_label, locale}, w);
    }
    if (t->caption_rendering.text) ts->caption_rendering = ebi_flow_para(f, ST_CAPTION_RENDERING, t->caption_rendering, w);
    if (t->note.text) ts->note = ebi_flow_para(f, ST_SOURCE, t->note, w);
    ts->bullet = ebi_flow_para(f, ST_CELL, (eb_span){"•", locale}, 8);
}

static double caption_height(const table_state *ts) {
    double h = 0;
    if (ts->caption) h += ts->caption->height + 2;
    if (ts->caption_rendering) h += ts->caption_rendering->height + 2;
    return h + 3;
}

static void place_caption(table_state *ts, bool continued) {
    eb_flow *f = ts->f;
    eb_para *parts[2] = {continued ? ts->continued : ts->caption, continued ? NULL : ts->caption_rendering};
    for (int i = 0; i < 2; i++) {
        if (!parts[i]) continue;
        double x = ebi_flow_x(f, ts->x0, ts->x0 + ts->layout->width, 0, parts[i]->width);
        ebi_flow_text(f, parts[i], 0, parts[i]->nlines, x, f->y, continued ? EB_NO_ELEMENT : ts->caption_element);
        f->y += parts[i]->height + 2;
    }
    f->y += 3;
}

/* ---- cells ---------------------------------------------------------------------- */

/* The line feeds (piece separators) in p's text from byte `from` to the
 * start of line l. */
static size_t feeds_before(const eb_para *p, uint32_t from, size_t l) {
    size_t n = 0;
    for (uint32_t i = from; i < p->lines[l].text_start; i++) n += p->text[i] == '\n';
    return n;
}

/* Draws the lines of p (its top `offset` below the row's top) that belong
 * to the part [from, to) of the row shown, with that part's top at row_y.
 * With `pieces`, the lines of the text's k-th piece (the pieces are
 * separated by line feeds: "literature review\nSearched: PubMed") go to
 * element pieces[k], so that each reads as a paragraph of its own. */
static void draw_lines(table_state *ts, const eb_para *p, double x, double offset, double row_y,
                       double from, double to, long element, const long *pieces) {
    size_t first = 0, end = 0;
    eb_table_lines_in(p, offset, from, to, &first, &end);
    if (!pieces) {
        ebi_flow_text(ts->f, p, first, end, x, row_y - from + offset, element);
        return;
    }
    /* one pass over the text: the piece of each line from the line before */
    size_t piece = first < end ? feeds_before(p, 0, first) : 0;
    for (size_t start = first, stop; start < end; start = stop) {
        size_t next_piece = piece;
        for (stop = start + 1; stop < end; stop++) {
            next_piece = piece + feeds_before(p, p->lines[stop - 1].text_start, stop);
            if (next_piece != piece) break;
        }
        ebi_flow_text(ts->f, p, start, stop, x, row_y - from + offset, pieces[piece]);
        piece = next_piece;
    }
}

/* A list item: its bullet on the item's own start side, its text after the
 * bullet indent. The bullet is drawn first, so that a reader meets
 * "• item" in the cell's content, not "item •". */
static void draw_item(table_state *ts, const eb_para *item, double cx, double inner, double y,
                      double row_y, double from, double to, long label, long body) {
    const eb_table_layout *t = ts->layout;
    double pad = t->padding;
    double ix = item->rtl ? cx + pad : cx + pad + t->bullet_indent;
    size_t first = 0, end = 0;
    eb_table_lines_in(item, y, from, to, &first, &end);
    if (first == 0 && end > 0) { /* the first line is on this page */
        const eb_para *dot = ts->bullet;
        double dot_w = dot->nlines ? dot->lines[0].width : 0;
        double bx = item->rtl ? cx + pad + inner - dot_w - (dot->width - dot_w) : cx + pad;
        if (!item->rtl) bx -= dot->lines ? dot->lines[0].x : 0;
        double dy = item->lines[0].baseline - (dot->nlines ? dot->lines[0].baseline : 0);
        ebi_flow_text(ts->f, dot, 0, dot->nlines, bx, row_y - from + y + dy, label);
    }
    draw_lines(ts, item, ix, y, row_y, from, to, body, NULL);
}

static void draw_cell(table_state *ts, size_t row, size_t col, double row_y, double from, double to,
                      long element) {
    const eb_table_layout *t = ts->layout;
    const eb_table_cell_layout *cell = &t->cells[row * t->ncols + col];
    const long *items = element == EB_NO_ELEMENT ? NULL : ts->item_elements[row * t->ncols + col];
    double pad = t->padding;
    double cx = ts->x0 + t->col_x[col];
    double inner = t->col_widths[col] - 2 * pad;
    const long *pieces = element == EB_NO_ELEMENT ? NULL : ts->piece_elements[row * t->ncols + col];
    if (cell->para) draw_lines(ts, cell->para, cx + pad, pad, row_y, from, to, element, pieces);
    double y = pad;
    for (size_t k = 0; k < cell->nitems; k++) {
        draw_item(ts, cell->items[k], cx, inner, y, row_y, from, to, items ? items[2 * k] : element,
                  items ? items[2 * k + 1] : element);
        y += cell->items[k]->height;
    }
    if (cell->note) {
        long note = element == EB_NO_ELEMENT ? element : ts->note_elements[row * t->ncols + col];
        draw_lines(ts, cell->note, cx + pad, pad + cell->note_y, row_y, from, to, note, NULL);
    }
}

/* A cell's list items as a list inside it (L > LI > Lbl + LBody): the
 * label and body element of each item, or NULL when it has none. */
static long *make_list(table_state *ts, const eb_brief_cell *c, long cell) {
    if (c->nitems == 0) return NULL;
    long *items = eb_xmalloc(2 * c->nitems * sizeof *items);
    long list = ebi_flow_element(ts->f, EB_ROLE_LIST, cell, NULL);
    for (size_t k = 0; k < c->nitems; k++) {
        long li = ebi_flow_element(ts->f, EB_ROLE_LIST_ITEM, list, NULL);
        items[2 * k] = ebi_flow_element(ts->f, EB_ROLE_LIST_LABEL, li, NULL);
        items[2 * k + 1] = ebi_flow_element(ts->f, EB_ROLE_LIST_BODY, li, eb_lang_tag(c->items[k].lang));
    }
    return items;
}

/* A P element for each piece of a cell's text, when it has more than one
 * or the cell has other elements too (a note, a list): an element's text
 * is then in elements of its own, so that an element with /ActualText
 * never has element children (pdf_tags.c). */
static long *make_pieces(table_state *ts, const eb_para *para, eb_lang lang, long cell, bool beside_others) {
    size_t n = 1;
    for (size_t i = 0; para && i < para->text_len; i++) n += para->text[i] == '\n';
    if (!para || (n < 2 && !beside_others)) return NULL;
    long *pieces = eb_xmalloc(n * sizeof *pieces);
    for (size_t k = 0; k < n; k++) pieces[k] = ebi_flow_element(ts->f, EB_ROLE_P, cell, eb_lang_tag(lang));
    return pieces;
}

static long cell_element(table_state *ts, size_t row, size_t col, bool repeated_header) {
    if (repeated_header) return EB_NO_ELEMENT; /* a repeated header is decoration */
    const eb_table_layout *t = ts->layout;
    size_t i = row * t->ncols + col;
    if (ts->row_elements[row] == EB_NO_ELEMENT)
        ts->row_elements[row] = ebi_flow_element(ts->f, EB_ROLE_TABLE_ROW, ts->table_element, NULL);
    if (ts->cell_elements[i] == EB_NO_ELEMENT) {
        bool header = row < t->nheader_rows;
        const eb_brief_cell *c = &ts->src->cells[i];
        eb_lang lang = c->nitems ? c->items[0].lang : c->text.lang;
        ts->cell_elements[i] = ebi_flow_element(ts->f, header ? EB_ROLE_TABLE_HEADER_CELL : EB_ROLE_TABLE_CELL,
                                               ts->row_elements[row], eb_lang_tag(lang));
        eb_plan_element_edit(ts->f->plan, ts->cell_elements[i])->header_scope_column = header;
        ts->piece_elements[i] = make_pieces(ts, t->cells[i].para, c->text.lang, ts->cell_elements[i],
                                            c->note.text || c->nitems);
        ts->item_elements[i] = make_list(ts, c, ts->cell_elements[i]);
        if (c->note.text)
            ts->note_elements[i] = ebi_flow_element(ts->f, EB_ROLE_P, ts->cell_elements[i], eb_lang_tag(c->note.lang));
    }
    return ts->cell_elements[i];
}

static void fill(eb_flow *f, double x, double y, double w, double h, uint32_t color) {
    eb_op *op = ebi_flow_op(f, EB_OP_FILL, EB_NO_ELEMENT);
    *op = (eb_op){.kind = EB_OP_FILL, .x = x, .y = y, .w = w, .h = h, .color = color, .element = EB_NO_ELEMENT};
}

static void rule(eb_flow *f, double x, double y, double w, double width) {
    eb_op *op = ebi_flow_op(f, EB_OP_RULE, EB_NO_ELEMENT);
    *op = (eb_op){.kind = EB_OP_RULE, .x = x, .y = y, .w = w, .line_width = width,
                  .color = COLOR_RULE, .element = EB_NO_ELEMENT};
}

/* Draws one row, or the visible part [from, to) of it. */
static void draw_row(table_state *ts, size_t row, double from, double to, bool repeated_header) {
    eb_flow *f = ts->f;
    const eb_table_layout *t = ts->layout;
    bool header = row < t->nheader_rows;
    size_t body_index = row - t->nheader_rows;
    if (header) fill(f, ts->x0, f->y, t->width, to - from, COLOR_HEADER_FILL);
    else if (body_index % 2 == 1) fill(f, ts->x0, f->y, t->width, to - from, COLOR_ZEBRA);
    for (size_t col = 0; col < t->ncols; col++)
        draw_cell(ts, row, col, f->y, from, to, cell_element(ts, row, col, repeated_header));
    f->y += to - from;
    rule(f, ts->x0, f->y, t->width, header && row + 1 == t->nheader_rows ? 0.8 : 0.3);
}

static void draw_slice(table_state *ts, const eb_table_slice *s, bool continued) {
    eb_flow *f = ts->f;
    const eb_table_layout *t = ts->layout;
    ts->x0 = f->rtl ? ebi_flow_right(f) - t->width : ebi_flow_left(f);
    place_caption(ts, continued);
    rule(f, ts->x0, f->y, t->width, 0.8);
    for (size_t r = 0; r < t->nheader_rows; r++) draw_row(ts, r, 0, t->row_heights[r], continued);
    for (size_t r = s->first_row; r < s->end_row; r++) {
        size_t row = t->nheader_rows + r;
        double from = r == s->first_row ? s->first_row_from : 0;
        double to = r + 1 == s->end_row ? s->last_row_to : t->row_heights[row];
        draw_row(ts, row, from, to, false);
    }
    rule(f, ts->x0, f->y, t->width, 0.8);
}

/* A table on landscape pages has them to itself: rather than fill its
 * pages and leave the last one nearly empty, it is spread evenly over as
 * many pages (the least page height that needs no more of them). */
static size_t balance_slices(const eb_table_layout *t, double first_avail, double page_avail, size_t n,
                             eb_table_slice **slices) {
    if (n < 2) return n;
    double lo = page_avail / (double)n, hi = page_avail;
    while (hi - lo > 1) {
        double cap = (lo + hi) / 2;
        eb_table_slice *tried = NULL;
        size_t m = eb_table_paginate(t, fmin(first_avail, cap), cap, &tried);
        free(tried);
        if (m == n) hi = cap;
        else lo = cap;
    }
    free(*slices);
    return eb_table_paginate(t, fmin(first_avail, hi), hi, slices);
}

static void place_slices(table_state *ts) {
    eb_flow *f = ts->f;
    const eb_table_layout *t = ts->layout;
    double page_avail = ebi_flow_bottom(f) - f->margin_top - ts->continued->height - 5;
    double first_avail = ebi_flow_bottom(f) - f->y - caption_height(ts);
    eb_table_slice *slices = NULL;
    size_t n = eb_table_paginate(t, first_avail, page_avail, &slices);
    if (ebi_flow_landscape(f)) n = balance_slices(t, first_avail, page_avail, n, &slices);
    bool shown = false;
    for (size_t i = 0; i < n; i++) {
        bool empty = slices[i].end_row == slices[i].first_row;
        if (empty && i + 1 < n) {
            if (!shown) ebi_flow_new_page(f, ebi_flow_landscape(f));
            continue;
        }
        if (shown) ebi_flow_new_page(f, ebi_flow_landscape(f));
        draw_slice(ts, &slices[i], shown);
        shown = true;
    }
    free(slices);
}

/* A column of a table set in 7.5-8 pt sans holds a word or a number with
 * its unit and little more when it is narrower than this: a table whose
 * columns would be narrower on a portrait page goes on landscape pages... */
#define PORTRAIT_COLUMN_MIN 75.0
/* ...unless it is small: when at the portrait width every column keeps its
 * comfortable least width (table.c: a short label or Chinese phrase not
 * broken; within COMFORT_TOLERANCE, a point or two less is as comfortable),
 * the table takes at most this share of a portrait page and it fits whole
 * in what is left of the page, it stays in the text, where a landscape
 * page of its own would stand mostly empty. (Parted over two portrait
 * pages it would leave the second as empty: it floats instead.) */
#define COMFORT_TOLERANCE 1.01
#define SMALL_TABLE_SHARE (1.0 / 3)
#define HEADING_ROOM 40.0

static bool decide_landscape(eb_flow *f, const eb_brief_table *table) {
    double portrait_text_width = f->portrait_w - 2 * f->margin_x;
    if (!table->ncols || portrait_text_width / (double)table->ncols >= PORTRAIT_COLUMN_MIN) return false;
    eb_table_layout *t = lay_out_at(f, table, portrait_text_width, NULL);
    double height = 0;
    for (size_t r = 0; r < t->nheader_rows + t->nbody_rows; r++) height += t->row_heights[r];
    bool comfortable = t->comfortable_width <= COMFORT_TOLERANCE * portrait_text_width;
    eb_table_layout_destroy(t);
    double body = f->portrait_h - f->margin_top - f->margin_bottom;
    /* room for the captions and note, and a heading above them */
    double extras = HEADING_ROOM + 6 + 3 + 6;
    if (table->caption.text) extras += ebi_height_ahead(f, ST_CAPTION, table->caption, portrait_text_width) + 2;
    if (table->caption_rendering.text)
        extras += ebi_height_ahead(f, ST_CAPTION_RENDERING, table->caption_rendering, portrait_text_width) + 2;
    if (table->note.text) extras += ebi_height_ahead(f, ST_SOURCE, table->note, portrait_text_width) + 3;
    double left_here = ebi_flow_bottom(f) - f->y - extras;
    return !(comfortable && height <= SMALL_TABLE_SHARE * body && height <= left_here);
}

bool ebi_table_landscape(eb_flow *f, const eb_brief_table *table) {
    if (f->landscape_table != table) {
        f->landscape_table = table;
        f->landscape_decision = decide_landscape(f, table);
    }
    return f->landscape_decision;
}

/* Lays out a table, or takes the layout made ahead of time for it. The
 * width depends on the page's orientation, which the table decides itself. */
static eb_table_layout *layout_for(eb_flow *f, const eb_brief_table *table) {
    if (f->cached_table == table) {
        eb_table_layout *layout = f->cached_layout;
        f->cached_table = NULL;
        f->cached_layout = NULL;
        return layout;
    }
    return lay_out(f, table);
}

double ebi_table_min_height(eb_flow *f, const eb_brief_table *table) {
    if (f->cached_table != table) {
        if (f->cached_layout) eb_table_layout_destroy(f->cached_layout);
        f->cached_layout = lay_out(f, table);
        f->cached_table = table;
    }
    const eb_table_layout *t = f->cached_layout;
    /* the caption and its original, as caption_height counts them, and
     * the space before the table */
    double w = t->width;
    double h = 6 + 3;
    if (table->caption.text) h += ebi_height_ahead(f, ST_CAPTION, table->caption, w) + 2;
    if (table->caption_rendering.text)
        h += ebi_height_ahead(f, ST_CAPTION_RENDERING, table->caption_rendering, w) + 2;
    for (size_t r = 0; r < t->nheader_rows; r++) h += t->row_heights[r];
    /* of a tall first row, what eb_table_paginate sets before it cuts it */
    double page = ebi_flow_bottom(f) - f->margin_top;
    if (t->nbody_rows) h += fmin(t->row_heights[t->nheader_rows], EB_TABLE_SPLIT_ROOM * page);
    return h;
}

void ebi_place_table(eb_flow *f, const eb_brief_table *table, long parent) {
    ebi_flow_space(f, 6);
    table_state ts = {.f = f, .src = table};
    ts.layout = layout_for(f, table);
    make_captions(&ts);
    ts.table_element = ebi_flow_element(f, EB_ROLE_TABLE, parent, NULL);
    ts.caption_element = ebi_flow_element(f, EB_ROLE_CAPTION, ts.table_element, eb_lang_tag(table->caption.lang));
    size_t nrows = table->nheader_rows + table->nbody_rows;
    size_t ncells = nrows * table->ncols;
    /* zero: EB_NO_ELEMENT, none made yet */
    ts.row_elements = eb_xcalloc(nrows + 1, sizeof *ts.row_elements);
    ts.cell_elements = eb_xcalloc(ncells + 1, sizeof *ts.cell_elements);
    ts.item_elements = eb_xcalloc(ncells + 1, sizeof *ts.item_elements);
    ts.piece_elements = eb_xcalloc(ncells + 1, sizeof *ts.piece_elements);
    ts.note_elements = eb_xcalloc(ncells + 1, sizeof *ts.note_elements);
    place_slices(&ts);
    if (ts.note) {
        f->y += 3;
        ebi_flow_place(f, ts.note, 0, ebi_flow_element(f, EB_ROLE_P, parent, eb_lang_tag(table->note.lang)));
    }
    f->y += 6;
    free(ts.row_elements);
    free(ts.cell_elements);
    for (size_t i = 0; i < ncells; i++) {
        free(ts.item_elements[i]);
        free(ts.piece_elements[i]);
    }
    free(ts.item_elements);
    free(ts.piece_elements);
    free(ts.note_elements);
    /* The paragraphs of the cells are drawn by reference: hand them to the
     * plan, which outlives the table layout. */
    eb_doc_plan *plan = f->plan;
    eb_table_layout *t = ts.layout;
    for (size_t i = 0; i < nrows * t->ncols; i++) {
        eb_table_cell_layout *c = &t->cells[i];
        if (c->para) { eb_plan_adopt(plan, c->para); c->para = NULL; }
        for (size_t k = 0; k < c->nitems; k++) { eb_plan_adopt(plan, c->items[k]); c->items[k] = NULL; }
        c->nitems = 0;
        if (c->note) { eb_plan_adopt(plan, c->note); c->note = NULL; }
    }
    eb_table_layout_destroy(t);
}
