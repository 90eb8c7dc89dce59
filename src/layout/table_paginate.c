/* table_paginate: splits a laid-out table into page slices, the header rows
 * repeated on each. Rows stay whole unless one is taller than a page, or
 * moving it whole would leave a large part of a page empty; such a row is
 * cut between text lines. Whole rows cost O(1) each, so pagination is
 * linear in the number of rows.
 *
 * Where a row is cut: every line of every cell belongs to the slice in
 * which its top lies (row offset padding + paragraph offset + baseline -
 * ascent). A cut is only made where it crosses no cell's line: each cell's
 * lines are taken as contiguous bands from one line's top to the next
 * line's top (the last one to the cell's content bottom), since Naskh's
 * tall descent overlaps the next line's box and would otherwise forbid
 * every cut in a Persian cell. */
#include <stdlib.h>

#include "table.h"
#include "util.h"

/* Heights are sums of font metrics: allow for rounding when comparing. */
#define HEIGHT_EPSILON 1e-6

/* ---- where a tall row may be cut ----------------------------------------- */

/* The places a cut may go in one row: every line top of every cell and the
 * row's bottom, ascending, each marked valid when it crosses no line. */
typedef struct {
    double *at;
    bool *valid;
    size_t n;
} row_cuts;

/* One cell's line tops (row offsets, ascending) and its content bottom. */
typedef struct {
    double *tops;
    size_t n;
    double bottom;
} cell_lines;

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static size_t count_lines(const eb_table_cell_layout *cell) {
    size_t n = cell->para ? cell->para->nlines : 0;
    for (size_t k = 0; k < cell->nitems; k++) n += cell->items[k]->nlines;
    return n + (cell->note ? cell->note->nlines : 0);
}

static size_t add_para_tops(const eb_para *para, double y, double *tops) {
    for (size_t i = 0; i < para->nlines; i++)
        tops[i] = y + para->lines[i].baseline - para->lines[i].ascent;
    return para->nlines;
}

/* List items are stacked without a gap, the first at the padding. */
static void collect_cell_lines(const eb_table_cell_layout *cell, double padding, double *tops,
                               cell_lines *out) {
    size_t n = 0;
    double y = padding;
    if (cell->para) n += add_para_tops(cell->para, y, tops);
    for (size_t k = 0; k < cell->nitems; k++) {
        n += add_para_tops(cell->items[k], y, tops + n);
        y += cell->items[k]->height;
    }
    if (cell->note) n += add_para_tops(cell->note, padding + cell->note_y, tops + n);
    qsort(tops, n, sizeof *tops, compare_doubles);
    *out = (cell_lines){.tops = tops, .n = n, .bottom = padding + cell->content_height};
}

static bool near(double a, double b) { return a - b < HEIGHT_EPSILON && b - a < HEIGHT_EPSILON; }

/* True when a cut at `y` runs between two of the cell's lines, or above or
 * below all of them. */
static bool cut_clears_cell(const cell_lines *cell, double y) {
    if (cell->n == 0 || y <= cell->tops[0] + HEIGHT_EPSILON || y >= cell->bottom - HEIGHT_EPSILON)
        return true;
    size_t lo = 0, hi = cell->n; /* the first top >= y - epsilon */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cell->tops[mid] < y - HEIGHT_EPSILON) lo = mid + 1;
        else hi = mid;
    }
    return lo < cell->n && near(cell->tops[lo], y);
}

static bool cut_clears_row(const cell_lines *cells, size_t ncols, double y) {
    for (size_t c = 0; c < ncols; c++)
        if (!cut_clears_cell(&cells[c], y)) return false;
    return true;
}

static void row_cuts_build(row_cuts *cuts, const eb_table_layout *t, size_t row) {
    const eb_table_cell_layout *cells = &t->cells[row * t->ncols];
    size_t total = 0;
    for (size_t c = 0; c < t->ncols; c++) total += count_lines(&cells[c]);
    double *tops = eb_xmalloc(total * sizeof *tops);
    cell_lines *lines = eb_xmalloc((t->ncols + 1) * sizeof *lines);
    for (size_t c = 0, used = 0; c < t->ncols; used += lines[c].n, c++)
        collect_cell_lines(&cells[c], t->padding, tops + used, &lines[c]);

    cuts->at = eb_xrealloc(cuts->at, (total + 1) * sizeof *cuts->at);
    cuts->valid = eb_xrealloc(cuts->valid, (total + 1) * sizeof *cuts->valid);
    for (size_t i = 0; i < total; i++) cuts->at[i] = tops[i];
    qsort(cuts->at, total, sizeof *cuts->at, compare_doubles);
    cuts->n = 0;
    for (size_t i = 0; i < total; i++) /* one candidate per distinct height */
        if (cuts->n == 0 || !near(cuts->at[cuts->n - 1], cuts->at[i]))
            cuts->at[cuts->n++] = cuts->at[i];
    for (size_t i = 0; i < cuts->n; i++) cuts->valid[i] = cut_clears_row(lines, t->ncols, cuts->at[i]);
    cuts->at[cuts->n] = t->row_heights[row]; /* the row's bottom: always a cut */
    cuts->valid[cuts->n++] = true;
    free(lines);
    free(tops);
}

/* The index of the first candidate at or below `y` (within epsilon). */
static size_t first_cut_from(const row_cuts *cuts, double y) {
    size_t lo = 0, hi = cuts->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cuts->at[mid] < y - HEIGHT_EPSILON) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The smallest index whose cut gives the piece starting at `from` at least
 * one line: past the first line top at or after `from`. */
static size_t first_useful_cut(const row_cuts *cuts, double from) {
    size_t first_line = first_cut_from(cuts, from);
    return first_line + 1 < cuts->n ? first_line + 1 : cuts->n - 1;
}

/* The lowest valid cut at most `space` below `from`, or -1 when not even one
 * line fits. The search starts at the page's end, not the row's, so a row
 * spanning many pages costs its lines once, not once per page. */
static double find_cut(const row_cuts *cuts, double from, double space) {
    size_t lowest = first_useful_cut(cuts, from);
    size_t beyond = first_cut_from(cuts, from + space + 2 * HEIGHT_EPSILON);
    for (size_t i = beyond; i-- > lowest;)
        if (cuts->valid[i] && cuts->at[i] - from <= space + HEIGHT_EPSILON) return cuts->at[i];
    return -1;
}

/* The nearest valid cut below `from`, however tall: for a fresh page that
 * cannot hold even one line, overflowing beats looping forever. */
static double force_cut(const row_cuts *cuts, double from) {
    for (size_t i = first_useful_cut(cuts, from); i < cuts->n; i++)
        if (cuts->valid[i]) return cuts->at[i];
    return cuts->at[cuts->n - 1];
}

/* ---- slices ---------------------------------------------------------------- */

typedef struct {
    const eb_table_layout *t;
    double header;        /* height of the header rows */
    double page_avail;
    eb_table_slice *slices;
    size_t nslices, cap;
    eb_table_slice cur;   /* the slice being filled */
    double cur_avail;
    bool cur_has_rows;
    bool shown;           /* rows were placed already: later headers are "continued" */
} paginator;

static double body_row_height(const paginator *p, size_t row) {
    return p->t->row_heights[p->t->nheader_rows + row];
}

static void open_slice(paginator *p, size_t row, double from, double avail) {
    p->cur = (eb_table_slice){.first_row = row, .end_row = row, .first_row_from = from,
                              .continued = p->shown, .height = p->header};
    p->cur_avail = avail;
    p->cur_has_rows = false;
}

static void push_slice(paginator *p, eb_table_slice slice) {
    if (p->nslices == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 8;
        p->slices = eb_xrealloc(p->slices, p->cap * sizeof *p->slices);
    }
    p->slices[p->nslices++] = slice;
}

/* Ends the current slice and opens the next at body row `row`, `from`
 * points into it. A first slice that got nothing is emitted empty, with
 * height 0, to tell the caller to start a new page. */
static void next_slice(paginator *p, size_t row, double from) {
    if (!p->cur_has_rows) {
        p->cur.first_row_from = 0;
        p->cur.height = 0;
    }
    push_slice(p, p->cur);
    open_slice(p, row, from, p->page_avail);
}

static void add_piece(paginator *p, size_t row, double from, double to) {
    p->cur.end_row = row + 1;
    p->cur.last_row_to = to;
    p->cur.height += to - from;
    p->cur_has_rows = true;
    p->shown = true;
}

static bool on_fresh_page(const paginator *p) { return !p->cur_has_rows && p->nslices > 0; }

/* Places body row `row` whole, or ends the slice when it does not fit. */
static bool place_whole_row(paginator *p, size_t row) {
    double height = body_row_height(p, row);
    if (p->cur.height + height <= p->cur_avail + HEIGHT_EPSILON || on_fresh_page(p)) {
        add_piece(p, row, 0, height);
        return true;
    }
    next_slice(p, row, 0);
    return false;
}

/* Places as much of a row taller than a page as fits from *from on; sets
 * *from to where the next slice resumes, or 0 once the row is done. */
static bool place_row_piece(paginator *p, const row_cuts *cuts, size_t row, double *from) {
    double cut = find_cut(cuts, *from, p->cur_avail - p->cur.height);
    if (cut < 0 && on_fresh_page(p)) cut = force_cut(cuts, *from);
    if (cut < 0) {
        next_slice(p, row, *from);
        return false;
    }
    add_piece(p, row, *from, cut);
    if (cut >= body_row_height(p, row) - HEIGHT_EPSILON) {
        *from = 0;
        return true;
    }
    *from = cut;
    next_slice(p, row, cut);
    return false;
}

static bool row_fits(const paginator *p, size_t row) {
    return p->cur.height + body_row_height(p, row) <= p->cur_avail + HEIGHT_EPSILON;
}

/* Whether moving the next row whole to the next page would leave at least
 * EB_TABLE_SPLIT_ROOM of this one empty: the row is then cut between lines
 * instead, as a row taller than a page is. */
static bool leaves_room(const paginator *p) {
    return p->cur_avail - p->cur.height >= EB_TABLE_SPLIT_ROOM * p->page_avail;
}

static void paginate_rows(paginator *p) {
    const eb_table_layout *t = p->t;
    row_cuts cuts = {0};
    size_t cuts_row = SIZE_MAX;
    double from = 0;
    for (size_t row = 0; row < t->nbody_rows;) {
        bool done;
        if (from == 0 && body_row_height(p, row) <= p->page_avail - p->header + HEIGHT_EPSILON &&
            !(leaves_room(p) && !row_fits(p, row))) {
            done = place_whole_row(p, row);
        } else {
            if (cuts_row != row) row_cuts_build(&cuts, t, t->nheader_rows + (cuts_row = row));
            done = place_row_piece(p, &cuts, row, &from);
        }
        if (done) row++;
    }
    free(cuts.at);
    free(cuts.valid);
}

size_t eb_table_paginate(const eb_table_layout *table, double first_avail, double page_avail,
                         eb_table_slice **slices) {
    paginator p = {.t = table, .page_avail = page_avail};
    for (size_t r = 0; r < table->nheader_rows; r++) p.header += table->row_heights[r];
    open_slice(&p, 0, 0, first_avail);
    if (table->nbody_rows == 0) {
        /* the header alone, on a new page if it does not fit here */
        if (p.header > first_avail + HEIGHT_EPSILON) next_slice(&p, 0, 0);
        push_slice(&p, p.cur);
    } else {
        paginate_rows(&p);
        push_slice(&p, p.cur); /* the loop ends with rows in the current slice */
    }
    *slices = p.slices;
    return p.nslices;
}

/* ---- which lines a slice draws ------------------------------------------- */

static size_t first_line_from(const eb_para *para, double para_y, double y) {
    size_t lo = 0, hi = para->nlines;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const eb_line *line = &para->lines[mid];
        if (para_y + line->baseline - line->ascent < y - HEIGHT_EPSILON) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

void eb_table_lines_in(const eb_para *para, double para_y, double from, double to,
                       size_t *first, size_t *end) {
    *first = first_line_from(para, para_y, from);
    *end = first_line_from(para, para_y, to);
    if (*end < *first) *end = *first;
}
