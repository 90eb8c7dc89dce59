/* table: automatic table layout and page breaking, part of the layout stage.
 *
 * Column widths follow CSS 2.1 automatic table layout (17.5.2.2): every
 * column gets at least its minimum content width (the widest unbreakable
 * piece of any of its cells) and the remaining space is shared in proportion
 * to the maximum content widths (each cell on one line). Cells are laid out
 * with eb_para_layout, in any script. Rows are then split into page
 * slices, with the header rows repeated on every slice.
 *
 * Units are points; y grows downwards. */
#ifndef EVBRIEF_TABLE_H
#define EVBRIEF_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"

/* What a cell is to hold: the layout's input (eb_table_cell_layout is its
 * output). */
typedef struct {
    const char *text;          /* plain cell text; NULL for a list cell */
    const char *const *items;  /* list cell: items drawn as bullets */
    size_t nitems;
    const char *lang;          /* BCP 47 of the cell's text: "en", "fa", "zh-Hans" */
    /* Optional smaller text under the content (the original a rendering
     * was made from), in its own language; NULL for none. */
    const char *note;
    const char *note_lang;
} eb_table_cell_spec;

typedef struct {
    size_t ncols;
    size_t nheader_rows;       /* header rows, repeated on every page */
    size_t nbody_rows;
    /* (nheader_rows + nbody_rows) * ncols cells, row-major, header rows
     * first, columns in LOGICAL order (first column = the start side). */
    const eb_table_cell_spec *cells;
    bool rtl;                  /* right-to-left table: column 0 on the right */
    eb_family family;
    double font_size;          /* body cells; header cells are bold */
    double padding;            /* inside each cell, all four sides */
    double note_size;          /* font size of cell notes; 0: 0.85 * font_size */
    uint32_t note_color;       /* 0xRRGGBB of cell notes */
    const char *origin;        /* for diagnostics */
    eb_uncovered strict;
} eb_table_spec;

/* A cell as laid out (from its eb_table_cell_spec). Its content starts
 * `padding` below its row's top and `padding` in from its column's edges.
 * Text cells: direction from their own text (a cell without letters
 * follows the table), aligned to their start. */
typedef struct {
    eb_para *para;             /* the laid-out cell text; never NULL for a text
                                  cell (bad UTF-8 gives an empty paragraph),
                                  NULL for a list cell */
    eb_para **items;           /* list cell items, each set bullet_indent
                                  narrower than the cell, stacked top to
                                  bottom without a gap; the bullet goes on
                                  the item's start side (items[k]->rtl) */
    size_t nitems;
    eb_para *note;             /* the spec's note, NULL for none: its top is
                                  note_y below the content's top (padding) */
    double note_y;
    double content_height;     /* height of the cell's content, without padding */
} eb_table_cell_layout;

typedef struct {
    size_t ncols, nheader_rows, nbody_rows;
    double *col_widths;        /* LOGICAL order, including padding */
    double *col_x;             /* left edge of each logical column, from the
                                  table's left (mirrored when rtl) */
    double width;              /* sum of the column widths */
    double comfortable_width;  /* sum of the columns' comfortable least widths
                                  (their longest unbreakable pieces, short
                                  labels and phrases unbroken): above `width`,
                                  such labels break */
    double *row_heights;       /* all rows, header first, including padding */
    eb_table_cell_layout *cells; /* row-major, logical order */
    double padding;
    double bullet_indent;      /* list items start this far in */
    bool rtl;
} eb_table_layout;

/* Computes column widths for a table `width` points wide at most (narrower
 * when the content is narrower) and lays out every cell. Never fails for
 * valid UTF-8 text; problems go to diag. */
eb_table_layout *eb_table_layout_create(eb_fontset *fonts, const eb_table_spec *spec,
                                     double width, eb_diag *diag);
void eb_table_layout_destroy(eb_table_layout *table);

/* The column widths alone (no cell layout), from per-column minimum and
 * maximum content widths: exposed for unit tests of the algorithm. widths
 * gets ncols values; the result sums to min(avail, sum of max widths) when
 * the minimums fit, else to the sum of the minimums scaled to avail. */
void eb_table_column_widths(size_t ncols, const double *min_widths, const double *max_widths,
                            double avail, double *widths);

/* One page's share of a table: the header rows, then body rows
 * [first_row, end_row). A row taller than a page is split at line
 * boundaries: first_row_from/last_row_to are the vertical offsets inside the
 * first/last row where this slice starts/ends (0 and the row height when the
 * rows are whole). A line belongs to the slice where its top lies (see
 * eb_table_lines_in), so none is lost or drawn twice. */
typedef struct {
    size_t first_row, end_row;  /* body row indices */
    double first_row_from;      /* offset into body row first_row */
    double last_row_to;         /* offset into body row end_row - 1 where the slice ends */
    bool continued;             /* an earlier slice showed rows: mark the header
                                   "(continued)" (false after an empty first slice) */
    double height;              /* header + rows in this slice */
} eb_table_slice;

/* A row that does not fit where it would start is split between text lines
 * when moving it whole would leave this share of a page empty. */
#define EB_TABLE_SPLIT_ROOM (1.0 / 3)

/* Splits the body rows into slices: the first slice gets first_avail points
 * of height, every later one page_avail. Rows are kept whole unless a row is
 * taller than page_avail minus the header, or does not fit where at least
 * EB_TABLE_SPLIT_ROOM of page_avail is left; such a row is split between text
 * lines. When not even the header and the first row (the first line of a
 * row taller than a page) fit in first_avail, the first slice is empty
 * (end_row == first_row, height 0) so the caller starts a new page. A table
 * without body rows gives one slice of the header alone (after an empty one
 * when the header does not fit). Returns the number of slices; *slices is
 * allocated (free()). */
size_t eb_table_paginate(const eb_table_layout *table, double first_avail, double page_avail,
                         eb_table_slice **slices);

/* The lines [*first, *end) of `para`, whose top is para_y below the top of
 * its row (padding, plus the heights of the list items above it), that
 * belong to the part [from, to) of the row a slice shows: those whose top
 * (baseline - ascent) lies in it. For drawing split rows. */
void eb_table_lines_in(const eb_para *para, double para_y, double from, double to,
                       size_t *first, size_t *end);

#endif
