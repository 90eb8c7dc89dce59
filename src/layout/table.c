/* table: automatic table layout (CSS 2.1 17.5.2.2) on top of the paragraph
 * layout. Every cell is analysed and shaped once and measured (minimum and
 * maximum content width), the column widths follow from the per-column
 * extremes, and every cell's shaped text is then broken into lines at its
 * column's width. Each step is one pass over the cells, so a table of any
 * length lays out in linear time. Page breaking is in table_paginate.c. */
#include <fribidi.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_internal.h"
#include "table.h"
#include "util.h"

/* Room for a list bullet and the space after it, in ems of the cell font. */
#define BULLET_INDENT_EM 1.0
/* Space between a cell's content and its note, in points. */
#define NOTE_GAP 1.5

/* ---- column widths ------------------------------------------------------------ */

/* Widths come from font metrics, but a NaN, infinite or negative value must
 * not spread through the sums into every column: count it as zero. */
static double clean_width(double w) { return isfinite(w) && w > 0 ? w : 0; }

static void column_range(const double *min_widths, const double *max_widths, size_t col,
                         double *lo, double *hi) {
    *lo = clean_width(min_widths[col]);
    *hi = fmax(*lo, clean_width(max_widths[col])); /* max below min means "min" */
}

void eb_table_column_widths(size_t ncols, const double *min_widths, const double *max_widths,
                            double avail, double *widths) {
    double sum_min = 0, sum_max = 0, lo, hi;
    for (size_t c = 0; c < ncols; c++) {
        column_range(min_widths, max_widths, c, &lo, &hi);
        sum_min += lo;
        sum_max += hi;
    }
    avail = clean_width(avail);
    for (size_t c = 0; c < ncols; c++) {
        column_range(min_widths, max_widths, c, &lo, &hi);
        if (sum_max <= avail) /* all content on one line: the table is narrower */
            widths[c] = hi;
        else if (sum_min <= avail) /* here sum_max > sum_min, so no division by 0 */
            widths[c] = lo + (avail - sum_min) * (hi - lo) / (sum_max - sum_min);
        else /* here sum_min > avail >= 0; cells break their overlong words */
            widths[c] = lo * (avail / sum_min);
    }
}

/* ---- cell styles ----------------------------------------------------------------- */

/* The text of a cell, or of one item of a list cell, shaped once: measured
 * for the column widths, then broken into lines at its column's width. */
typedef struct {
    eb_text_style style;       /* the text points at it: it must not move */
    eb_analysis text;
    bool ok;                   /* false: invalid UTF-8 (reported), laid out empty */
} shaped_piece;

typedef struct {
    eb_fontset *fonts;
    const eb_table_spec *spec;
    eb_diag *diag;
    double bullet_indent;
    shaped_piece *pieces;      /* every cell's pieces, row-major, items in order */
    size_t *first_piece;       /* per cell: its first piece */
} table_builder;

static const eb_table_cell_spec *cell_spec(const eb_table_spec *spec, size_t row, size_t col) {
    return &spec->cells[row * spec->ncols + col];
}

static bool has_strong_char(const char *text, size_t n) {
    for (size_t at = 0; at < n;) {
        uint32_t cp;
        size_t len = eb_utf8_decode(text + at, n - at, &cp);
        if (len == 0) return false; /* invalid UTF-8: the layout reports it */
        if (FRIBIDI_IS_LETTER(fribidi_get_bidi_type(cp))) return true;
        at += len;
    }
    return false;
}

/* Cells take their direction from their own text (a Latin cell in a
 * Persian table is still left to right); only a cell without any strong
 * character (a number, a dash) follows the table, so that in a right-to-left
 * table it lines up on the right with its column. */
static eb_direction cell_direction(const table_builder *b, const char *text, size_t n) {
    if (b->spec->rtl && !has_strong_char(text, n)) return EB_DIR_RTL;
    return EB_DIR_AUTO;
}

static bool has_rtl_char(const char *text, size_t n) {
    for (size_t at = 0; at < n;) {
        uint32_t cp;
        size_t len = eb_utf8_decode(text + at, n - at, &cp);
        if (len == 0) return false;
        if (FRIBIDI_IS_RTL(fribidi_get_bidi_type(cp))) return true;
        at += len;
    }
    return false;
}

/* A header cell of a right-to-left table lines up on the right, as its
 * column's Persian cells do, even when its text is left to right (a
 * Chinese or English header over a review's Persian table). */
static eb_align cell_align(const table_builder *b, size_t row, const char *text, size_t n) {
    if (b->spec->rtl && row < b->spec->nheader_rows && !has_rtl_char(text, n)) return EB_ALIGN_END;
    return EB_ALIGN_START;
}

/* `origin` names the cell in diagnostics ("..., row 3, column 2"). */
static eb_text_style cell_style(const table_builder *b, size_t row, const eb_table_cell_spec *cell,
                                const char *text, size_t n, const char *origin) {
    const eb_table_spec *spec = b->spec;
    return (eb_text_style){
        .family = spec->family,
        .bold = row < spec->nheader_rows,
        .size = spec->font_size,
        .direction = cell_direction(b, text, n),
        .lang = cell->lang,
        .align = cell_align(b, row, text, n),
        .origin = origin,
        .strict = spec->strict,
    };
}

static void cell_origin(const table_builder *b, size_t row, size_t col, char *out, size_t size) {
    const eb_table_spec *spec = b->spec;
    const char *table = spec->origin ? spec->origin : "table";
    if (row < spec->nheader_rows)
        snprintf(out, size, "%s, header row %zu, column %zu", table, row + 1, col + 1);
    else
        snprintf(out, size, "%s, row %zu, column %zu", table, row - spec->nheader_rows + 1,
                 col + 1);
}

/* ---- shaping and measuring ------------------------------------------------------------ */

/* A cell's pieces: its text or its items, then its note. */
static size_t content_pieces(const eb_table_cell_spec *cell) { return cell->text ? 1 : cell->nitems; }
static size_t cell_pieces(const eb_table_cell_spec *cell) { return content_pieces(cell) + (cell->note ? 1 : 0); }

static eb_text_style note_style(const table_builder *b, const eb_table_cell_spec *cell, const char *origin) {
    eb_text_style st = cell_style(b, 0, cell, cell->note, strlen(cell->note), origin);
    st.bold = false;
    st.size = b->spec->note_size > 0 ? b->spec->note_size : 0.85 * b->spec->font_size;
    st.lang = cell->note_lang ? cell->note_lang : cell->lang;
    st.color = b->spec->note_color;
    return st;
}

/* Analyses and shapes every piece of every cell, reporting its problems. */
static void shape_cells(table_builder *b) {
    const eb_table_spec *spec = b->spec;
    size_t ncells = (spec->nheader_rows + spec->nbody_rows) * spec->ncols, npieces = 0;
    b->first_piece = eb_xmalloc((ncells + 1) * sizeof *b->first_piece);
    for (size_t i = 0; i < ncells; i++) {
        b->first_piece[i] = npieces;
        npieces += cell_pieces(&spec->cells[i]);
    }
    b->first_piece[ncells] = npieces;
    b->pieces = eb_xcalloc(npieces + 1, sizeof *b->pieces);
    for (size_t i = 0; i < ncells; i++) {
        size_t row = i / spec->ncols, col = i % spec->ncols;
        const eb_table_cell_spec *cell = &spec->cells[i];
        char origin[512];
        cell_origin(b, row, col, origin, sizeof origin);
        for (size_t k = 0; k < cell_pieces(cell); k++) {
            shaped_piece *p = &b->pieces[b->first_piece[i] + k];
            bool note = k == content_pieces(cell);
            const char *text = note ? cell->note : cell->text ? cell->text : cell->items[k];
            size_t n = strlen(text);
            p->style = note ? note_style(b, cell, origin) : cell_style(b, row, cell, text, n, origin);
            p->ok = ebi_analysis_prepare(&p->text, b->fonts, text, n, &p->style, b->diag);
            p->style.origin = NULL; /* `origin` goes out of scope; nothing reports later */
        }
    }
}

static void free_pieces(table_builder *b) {
    size_t npieces = b->first_piece[(b->spec->nheader_rows + b->spec->nbody_rows) * b->spec->ncols];
    for (size_t i = 0; i < npieces; i++) ebi_analysis_destroy(&b->pieces[i].text);
    free(b->pieces);
    free(b->first_piece);
}

/* CSS's least width for a column, its widest unbreakable piece, is one
 * character for Chinese, which set «类型与范围» and «叙述性综述» one or two
 * characters to a line, and a word for English, which set a short label
 * over three or four lines («expert / opinion / / mechanism: / 16»). So a
 * column is made at least as wide as its pieces need to be comfortable: a
 * piece narrower than COMFORT_EM ems on one line, a short piece (SHORT_EM
 * ems at most on one line) on two lines whose longer one is at most
 * TWO_LINE_SHARE of it (a break falls near the middle only where a word
 * ends), every piece at least COMFORT_EM ems wide. */
#define COMFORT_EM 6.0
#define SHORT_EM 20.0
#define TWO_LINE_SHARE 0.6

static double comfortable_width(double lo, double hi, double size) {
    double need = COMFORT_EM * size;
    if (hi <= SHORT_EM * size) need = fmax(need, TWO_LINE_SHARE * hi);
    return fmax(lo, fmin(hi, need));
}

/* A cell's content widths plus its padding: the least (its widest
 * unbreakable piece), the comfortable least (comfortable_width) and the
 * most (each piece on one line).
 * A list cell is as wide as its widest item after the bullet indent. */
static void measure_cell(const table_builder *b, size_t row, size_t col, double *min_w,
                         double *comfort_w, double *max_w) {
    size_t i = row * b->spec->ncols + col;
    const eb_table_cell_spec *cell = cell_spec(b->spec, row, col);
    double lo = 0, comfort = 0, hi = 0;
    size_t content_end = b->first_piece[i] + content_pieces(cell);
    for (size_t k = b->first_piece[i]; k < b->first_piece[i + 1]; k++) {
        double piece_lo = 0, piece_hi = 0;
        if (b->pieces[k].ok) ebi_analysis_measure(&b->pieces[k].text, &piece_lo, &piece_hi);
        /* list items start after the bullet; the note under them does not */
        double indent = !cell->text && k < content_end ? b->bullet_indent : 0;
        lo = fmax(lo, piece_lo + indent);
        comfort = fmax(comfort, comfortable_width(piece_lo, piece_hi, b->pieces[k].style.size) + indent);
        hi = fmax(hi, piece_hi + indent);
    }
    *min_w = lo + 2 * b->spec->padding;
    *comfort_w = comfort + 2 * b->spec->padding;
    *max_w = hi + 2 * b->spec->padding;
}

/* The columns' least widths for `avail`: the comfortable ones when they
 * fit, else as far from the unbreakable ones towards them as fits. */
static void least_widths(size_t ncols, const double *hard, double *comfort, double avail) {
    double sum_hard = 0, sum_comfort = 0;
    for (size_t c = 0; c < ncols; c++) {
        sum_hard += hard[c];
        sum_comfort += comfort[c];
    }
    if (sum_comfort <= avail) return;
    double share = sum_hard < avail ? (avail - sum_hard) / (sum_comfort - sum_hard) : 0;
    for (size_t c = 0; c < ncols; c++) comfort[c] = hard[c] + (comfort[c] - hard[c]) * share;
}

/* Column widths for `avail` points, from every cell's content widths; the
 * sum of the columns' comfortable least widths in *comfortable. */
static void compute_column_widths(const table_builder *b, double avail, double *widths, double *comfortable) {
    const eb_table_spec *spec = b->spec;
    size_t nrows = spec->nheader_rows + spec->nbody_rows;
    double *col_min = eb_xcalloc(spec->ncols, sizeof *col_min);
    double *col_comfort = eb_xcalloc(spec->ncols, sizeof *col_comfort);
    double *col_max = eb_xcalloc(spec->ncols, sizeof *col_max);
    for (size_t r = 0; r < nrows; r++)
        for (size_t c = 0; c < spec->ncols; c++) {
            double lo, comfort, hi;
            measure_cell(b, r, c, &lo, &comfort, &hi);
            col_min[c] = fmax(col_min[c], lo);
            col_comfort[c] = fmax(col_comfort[c], comfort);
            col_max[c] = fmax(col_max[c], hi);
        }
    *comfortable = 0;
    for (size_t c = 0; c < spec->ncols; c++) *comfortable += col_comfort[c];
    least_widths(spec->ncols, col_min, col_comfort, clean_width(avail));
    eb_table_column_widths(spec->ncols, col_comfort, col_max, avail, widths);
    free(col_min);
    free(col_comfort);
    free(col_max);
}

/* ---- laying out cells -------------------------------------------------------------- */

/* Never NULL: text the layout rejects (invalid UTF-8, already reported) is
 * replaced by an empty paragraph, so the renderer need not check. The
 * piece's analysis is freed once its lines are made. */
static eb_para *layout_piece(const table_builder *b, shaped_piece *piece, double width) {
    eb_para *para = piece->ok ? ebi_analysis_layout(&piece->text, width)
                              : eb_para_layout(b->fonts, "", 0, &piece->style, width, b->diag);
    ebi_analysis_destroy(&piece->text);
    return para;
}

static void layout_cell(const table_builder *b, size_t row, size_t col, double col_width,
                        eb_table_cell_layout *out) {
    const eb_table_cell_spec *cell = cell_spec(b->spec, row, col);
    shaped_piece *pieces = &b->pieces[b->first_piece[row * b->spec->ncols + col]];
    double content_width = fmax(0, col_width - 2 * b->spec->padding);
    if (cell->text) {
        out->para = layout_piece(b, &pieces[0], content_width);
        out->content_height = out->para->height;
    } else if (cell->nitems) {
        double item_width = fmax(0, content_width - b->bullet_indent);
        out->items = eb_xcalloc(cell->nitems, sizeof *out->items);
        out->nitems = cell->nitems;
        for (size_t k = 0; k < cell->nitems; k++) {
            out->items[k] = layout_piece(b, &pieces[k], item_width);
            out->content_height += out->items[k]->height; /* stacked without a gap */
        }
    }
    if (cell->note) {
        out->note_y = out->content_height + (out->content_height > 0 ? NOTE_GAP : 0);
        out->note = layout_piece(b, &pieces[content_pieces(cell)], content_width);
        out->content_height = out->note_y + out->note->height;
    }
}

/* Left edges of the logical columns; in a right-to-left table logical
 * column 0 is the rightmost. */
static void place_columns(eb_table_layout *t) {
    double x = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        t->col_x[c] = t->rtl ? t->width - x - t->col_widths[c] : x;
        x += t->col_widths[c];
    }
}

static void layout_rows(const table_builder *b, eb_table_layout *t) {
    size_t nrows = t->nheader_rows + t->nbody_rows;
    for (size_t r = 0; r < nrows; r++) {
        double tallest = 0;
        for (size_t c = 0; c < t->ncols; c++) {
            eb_table_cell_layout *cell = &t->cells[r * t->ncols + c];
            layout_cell(b, r, c, t->col_widths[c], cell);
            tallest = fmax(tallest, cell->content_height);
        }
        t->row_heights[r] = tallest + 2 * t->padding;
    }
}

eb_table_layout *eb_table_layout_create(eb_fontset *fonts, const eb_table_spec *spec,
                                     double width, eb_diag *diag) {
    size_t nrows = spec->nheader_rows + spec->nbody_rows;
    table_builder b = {.fonts = fonts, .spec = spec, .diag = diag,
                       .bullet_indent = BULLET_INDENT_EM * spec->font_size};
    eb_table_layout *t = eb_xcalloc(1, sizeof *t);
    t->ncols = spec->ncols;
    t->nheader_rows = spec->nheader_rows;
    t->nbody_rows = spec->nbody_rows;
    t->padding = spec->padding;
    t->bullet_indent = b.bullet_indent;
    t->rtl = spec->rtl;
    t->col_widths = eb_xcalloc(spec->ncols, sizeof *t->col_widths);
    t->col_x = eb_xcalloc(spec->ncols, sizeof *t->col_x);
    t->row_heights = eb_xcalloc(nrows, sizeof *t->row_heights);
    t->cells = eb_xcalloc(nrows * spec->ncols, sizeof *t->cells);
    shape_cells(&b);
    compute_column_widths(&b, width, t->col_widths, &t->comfortable_width);
    for (size_t c = 0; c < t->ncols; c++) t->width += t->col_widths[c];
    place_columns(t);
    layout_rows(&b, t);
    free_pieces(&b);
    return t;
}

static void free_cell(eb_table_cell_layout *cell) {
    eb_para_destroy(cell->para);
    for (size_t k = 0; k < cell->nitems; k++) eb_para_destroy(cell->items[k]);
    free(cell->items);
    eb_para_destroy(cell->note);
}

void eb_table_layout_destroy(eb_table_layout *table) {
    if (!table) return;
    size_t ncells = (table->nheader_rows + table->nbody_rows) * table->ncols;
    for (size_t i = 0; i < ncells; i++) free_cell(&table->cells[i]);
    free(table->cells);
    free(table->row_heights);
    free(table->col_x);
    free(table->col_widths);
    free(table);
}
