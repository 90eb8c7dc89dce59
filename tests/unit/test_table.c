/* Tables: the CSS 2.1 automatic column widths on hand-computed cases; real
 * cells in Persian, Chinese and English set inside their columns, mirrored
 * when right to left; page slicing of a 300-row table, of a row taller than
 * a page (on hand-made line grids and on real text), and the empty first
 * slice that sends a table to the next page. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "test_layout_util.h"
#include "table.h"
#include "util.h"

#define CHECK_NEAR(a, b, tolerance)                                                    \
    do {                                                                               \
        double check_x_ = (a), check_y_ = (b);                                         \
        check_count++;                                                                 \
        if (!(fabs(check_x_ - check_y_) <= (tolerance)))                               \
            check_fail(__FILE__, __LINE__, "%s == %s: got %.9g, expected %.9g", #a, #b, \
                       check_x_, check_y_);                                            \
    } while (0)

#define CHECK_LE(a, b)                                                                 \
    do {                                                                               \
        double check_x_ = (a), check_y_ = (b);                                         \
        check_count++;                                                                 \
        if (!(check_x_ <= check_y_ + 1e-6))                                            \
            check_fail(__FILE__, __LINE__, "%s <= %s: got %.9g > %.9g", #a, #b,        \
                       check_x_, check_y_);                                            \
    } while (0)

/* A4 portrait with 2 cm margins and room for the running header and
 * footer; a table that starts part way down its first page. */
#define A4_PAGE_AVAIL (841.89 - 2 * 56.69 - 40)
#define A4_FIRST_AVAIL 420.0

/* ---- column widths ------------------------------------------------------ */

static void check_widths(size_t n, const double *min_w, const double *max_w, double avail,
                         const double *expected) {
    double got[8];
    eb_table_column_widths(n, min_w, max_w, avail, got);
    for (size_t i = 0; i < n; i++) CHECK_NEAR(got[i], expected[i], 1e-9);
}

static void test_widths_max_fits(void) {
    /* sum of max 70 <= 100: every column at its max, the table 70 wide */
    check_widths(2, (double[]){10, 20}, (double[]){30, 40}, 100, (double[]){30, 40});
    /* exactly avail */
    check_widths(2, (double[]){10, 20}, (double[]){60, 40}, 100, (double[]){60, 40});
}

static void test_widths_proportional(void) {
    /* mins 60, maxes 140, avail 100: the 40 left over goes 40:0:40 by
     * max - min, so +20, +0, +20 */
    check_widths(3, (double[]){10, 20, 30}, (double[]){50, 20, 70}, 100,
                 (double[]){30, 20, 50});
    /* mins 30, maxes 130 (gaps 10 and 90), avail 50: +2 and +18 */
    check_widths(2, (double[]){20, 10}, (double[]){30, 100}, 50, (double[]){22, 28});
    /* the minimums exactly fill avail: nothing to share */
    check_widths(2, (double[]){40, 60}, (double[]){80, 90}, 100, (double[]){40, 60});
}

static void test_widths_scaled(void) {
    /* mins 200 > avail 100: every minimum halved */
    check_widths(3, (double[]){60, 40, 100}, (double[]){80, 40, 300}, 100,
                 (double[]){30, 20, 50});
    /* no room at all */
    check_widths(2, (double[]){10, 30}, (double[]){20, 40}, 0, (double[]){0, 0});
    check_widths(2, (double[]){10, 30}, (double[]){20, 40}, -5, (double[]){0, 0});
}

static void test_widths_zero_and_odd(void) {
    /* all columns empty: zero widths, no 0/0 */
    check_widths(3, (double[]){0, 0, 0}, (double[]){0, 0, 0}, 100, (double[]){0, 0, 0});
    check_widths(2, (double[]){0, 0}, (double[]){0, 0}, 0, (double[]){0, 0});
    /* an empty column next to a wide one: it stays 0, the other gets the rest */
    check_widths(2, (double[]){0, 10}, (double[]){0, 30}, 20, (double[]){0, 20});
    /* max below min counts as min; NaN and negative widths as 0 */
    check_widths(2, (double[]){30, 10}, (double[]){5, 10}, 100, (double[]){30, 10});
    check_widths(2, (double[]){NAN, 10}, (double[]){-3, 50}, 30, (double[]){0, 30});
    check_widths(1, (double[]){10}, (double[]){INFINITY}, 30, (double[]){10});
    double got[2] = {-1, -1};
    eb_table_column_widths(2, (double[]){1, 2}, (double[]){3, 4}, NAN, got);
    CHECK(got[0] == 0 && got[1] == 0);
}

static void test_widths_one_column(void) {
    check_widths(1, (double[]){10}, (double[]){50}, 80, (double[]){50});
    check_widths(1, (double[]){10}, (double[]){50}, 30, (double[]){30});
    check_widths(1, (double[]){10}, (double[]){50}, 5, (double[]){5});
    eb_table_column_widths(0, NULL, NULL, 100, NULL); /* no columns: nothing to do */
}

/* ---- real tables ------------------------------------------------------------ */

#define TEXT(s, language) {.text = (s), .lang = (language)}
#define LIST(array, language) {.items = (array), .nitems = sizeof(array) / sizeof(array)[0], .lang = (language)}

static const char *const outcomes_en[] = {
    "Wrinkle depth fell by 18% at 12 weeks",
    "Hydration improved",
    "No serious adverse events",
};
static const char *const outcomes_fa[] = {
    "کاهش عمق چین و چروک پس از ۱۲ هفته",
    "بهبود رطوبت پوست",
};

/* Three languages, a list cell in each direction, a number-only cell, an
 * overlong word and a Chinese cell with Latin inside. */
static const eb_table_cell_spec trilingual_cells[] = {
    TEXT("Review", "en"), TEXT("یافته‌ها", "fa"), TEXT("结论", "zh-Hans"), TEXT("n", "en"),
    TEXT("Wang et al. 2023, systematic review of 42 studies", "en"),
    TEXT("اگزوزوم‌های مشتق از سلول‌های بنیادی مزانشیمی چین و چروک پوست را در کارآزمایی‌های "
         "انسانی کاهش دادند.", "fa"),
    TEXT("外泌体可改善皮肤弹性和水合作用，减少细纹，并促进胶原蛋白（COL1）的合成。", "zh-Hans"),
    TEXT("42", "en"),
    LIST(outcomes_en, "en"),
    LIST(outcomes_fa, "fa"),
    TEXT("在12周时，皱纹深度降低了18%。", "zh-Hans"),
    TEXT("1,204", "en"),
    TEXT("Adipose-derived-mesenchymal-stem-cell-conditioned-medium", "en"),
    TEXT("", "fa"),
    TEXT("人脐带间充质干细胞", "zh-Hans"),
    TEXT("—", "en"),
};

static eb_table_spec trilingual_spec(bool rtl) {
    return (eb_table_spec){.ncols = 4, .nheader_rows = 1, .nbody_rows = 3,
                           .cells = trilingual_cells, .rtl = rtl, .family = EB_FAMILY_SANS,
                           .font_size = 9, .padding = 4, .origin = "test table"};
}

static void check_para_fits(const eb_para *para, double box) {
    CHECK(para != NULL);
    if (!para) return;
    CHECK_NEAR(para->width, box, 1e-9);
    for (size_t i = 0; i < para->nlines; i++) CHECK_LE(para->lines[i].width, box + 0.01);
}

/* Every line inside its column, every row as tall as its tallest cell. */
static void check_cells_fit(const eb_table_layout *t) {
    size_t nrows = t->nheader_rows + t->nbody_rows;
    for (size_t r = 0; r < nrows; r++) {
        double tallest = 0;
        for (size_t c = 0; c < t->ncols; c++) {
            const eb_table_cell_layout *cell = &t->cells[r * t->ncols + c];
            double box = fmax(0, t->col_widths[c] - 2 * t->padding);
            double height = 0;
            if (cell->para) {
                check_para_fits(cell->para, box);
                height = cell->para->height;
            }
            for (size_t k = 0; k < cell->nitems; k++) {
                check_para_fits(cell->items[k], fmax(0, box - t->bullet_indent));
                height += cell->items[k]->height;
            }
            if (cell->note) { /* under the content, a little apart */
                check_para_fits(cell->note, box);
                CHECK(cell->note_y >= height);
                height = cell->note_y + cell->note->height;
            }
            CHECK_NEAR(cell->content_height, height, 1e-9);
            tallest = fmax(tallest, height);
        }
        CHECK_NEAR(t->row_heights[r], tallest + 2 * t->padding, 1e-9);
    }
}

static void check_columns_placed(const eb_table_layout *t, double avail) {
    double sum = 0;
    for (size_t c = 0; c < t->ncols; c++) sum += t->col_widths[c];
    CHECK_NEAR(t->width, sum, 1e-9);
    CHECK_LE(t->width, avail);
    for (size_t c = 0; c < t->ncols; c++) {
        /* neighbours touch: logical column c + 1 is left of c when rtl */
        if (c + 1 < t->ncols) {
            if (t->rtl) CHECK_NEAR(t->col_x[c + 1] + t->col_widths[c + 1], t->col_x[c], 1e-9);
            else CHECK_NEAR(t->col_x[c] + t->col_widths[c], t->col_x[c + 1], 1e-9);
        }
    }
    if (t->rtl) {
        CHECK_NEAR(t->col_x[0] + t->col_widths[0], t->width, 1e-9);
        CHECK_NEAR(t->col_x[t->ncols - 1], 0, 1e-9);
    } else {
        CHECK_NEAR(t->col_x[0], 0, 1e-9);
    }
}

static const char *first_font_name(const eb_para *para) {
    if (!para || para->nlines == 0 || para->lines[0].nruns == 0) return "";
    return eb_font_get_info(para->lines[0].runs[0].font)->postscript_name;
}

static const eb_table_cell_layout *cell_at(const eb_table_layout *t, size_t row, size_t col) {
    return &t->cells[row * t->ncols + col];
}

static void test_trilingual_table(eb_fontset *fonts, bool rtl) {
    eb_diag *diag = eb_diag_create(stderr);
    eb_table_spec spec = trilingual_spec(rtl);
    eb_table_layout *t = eb_table_layout_create(fonts, &spec, 360, diag);
    CHECK(eb_diag_count(diag, EB_WARNING) + eb_diag_count(diag, EB_ERROR) == 0);
    CHECK(t->ncols == 4 && t->nheader_rows == 1 && t->nbody_rows == 3 && t->rtl == rtl);
    CHECK_NEAR(t->width, 360, 1e-6); /* the content is wider than 360: all of it used */
    check_columns_placed(t, 360);
    check_cells_fit(t);
    /* a Persian cell is right to left, an English one left to right, in
     * either table; a cell without letters follows the table */
    CHECK(cell_at(t, 1, 1)->para->rtl);
    CHECK(!cell_at(t, 1, 0)->para->rtl);
    CHECK(cell_at(t, 1, 3)->para->rtl == rtl);
    CHECK(cell_at(t, 3, 3)->para->rtl == rtl);
    CHECK(cell_at(t, 2, 1)->items[0]->rtl && !cell_at(t, 2, 0)->items[0]->rtl);
    /* list cells: no text paragraph, one per item */
    CHECK(cell_at(t, 2, 0)->para == NULL && cell_at(t, 2, 0)->nitems == 3);
    CHECK(cell_at(t, 2, 1)->nitems == 2);
    CHECK_NEAR(t->bullet_indent, 9, 1e-9);
    /* the empty cell: an empty paragraph */
    CHECK(cell_at(t, 3, 1)->para && cell_at(t, 3, 1)->para->nlines == 0);
    /* header bold, body regular */
    CHECK_CONTAINS(first_font_name(cell_at(t, 0, 0)->para), "Bold");
    CHECK_CONTAINS(first_font_name(cell_at(t, 0, 1)->para), "Bold");
    CHECK_CONTAINS(first_font_name(cell_at(t, 0, 2)->para), "Bold");
    CHECK_STR(first_font_name(cell_at(t, 1, 0)->para), "NotoSans-Regular");
    CHECK_STR(first_font_name(cell_at(t, 1, 1)->para), "NotoNaskhArabic-Regular");
    /* the long Persian and Chinese cells wrap */
    CHECK(cell_at(t, 1, 1)->para->nlines >= 2 && cell_at(t, 1, 2)->para->nlines >= 2);
    eb_table_layout_destroy(t);
    eb_diag_destroy(diag);
}

/* Columns as eb_table_column_widths gives them for the measured cells. */
static void test_widths_from_measures(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(stderr);
    eb_table_spec spec = trilingual_spec(false);
    double min_w[4] = {0}, comfort_w[4] = {0}, max_w[4] = {0};
    for (size_t r = 0; r < 4; r++)
        for (size_t c = 0; c < 4; c++) {
            const eb_table_cell_spec *cell = &spec.cells[r * 4 + c];
            eb_text_style style = {.family = EB_FAMILY_SANS, .bold = r == 0, .size = 9,
                                   .lang = cell->lang};
            double lo = 0, comfort = 0, hi = 0, item_lo, item_hi;
            for (size_t k = 0; k < (cell->text ? 1 : cell->nitems); k++) {
                const char *text = cell->text ? cell->text : cell->items[k];
                eb_measure_text(fonts, text, strlen(text), &style, &item_lo, &item_hi, diag);
                double indent = cell->text ? 0 : 9;
                lo = fmax(lo, item_lo + indent);
                /* at least 6 em (or the whole text), a short text on two lines */
                double need = fmax(6 * 9, item_hi <= 20 * 9 ? 0.6 * item_hi : 0);
                comfort = fmax(comfort, fmax(item_lo, fmin(item_hi, need)) + indent);
                hi = fmax(hi, item_hi + indent);
            }
            min_w[c] = fmax(min_w[c], lo + 8);
            comfort_w[c] = fmax(comfort_w[c], comfort + 8);
            max_w[c] = fmax(max_w[c], hi + 8);
        }
    double sum_min = 0, sum_max = 0;
    for (size_t c = 0; c < 4; c++) sum_min += min_w[c], sum_max += max_w[c];
    /* 5000: the maximums fit; 360: shared by max - min; 180: scaled minimums */
    CHECK(sum_max <= 5000 && sum_min <= 360 && 360 < sum_max && 180 < sum_min);
    for (size_t i = 0; i < 3; i++) {
        double avail = (double[]){5000, 360, 180}[i], expected[4], least[4];
        /* the comfortable minimums where they fit, else part of the way to them */
        double sum_comfort = 0;
        for (size_t c = 0; c < 4; c++) sum_comfort += comfort_w[c];
        double share = sum_comfort <= avail ? 1 : fmax(0, (avail - sum_min) / (sum_comfort - sum_min));
        for (size_t c = 0; c < 4; c++) least[c] = min_w[c] + (comfort_w[c] - min_w[c]) * share;
        eb_table_column_widths(4, least, max_w, avail, expected);
        eb_table_layout *t = eb_table_layout_create(fonts, &spec, avail, diag);
        for (size_t c = 0; c < 4; c++) CHECK_NEAR(t->col_widths[c], expected[c], 1e-6);
        check_cells_fit(t);
        check_columns_placed(t, avail);
        if (i == 0) { /* wide: the table shrinks to its content, one line a cell */
            CHECK(t->width < 5000);
            CHECK(cell_at(t, 1, 1)->para->nlines == 1 && cell_at(t, 1, 2)->para->nlines == 1);
            CHECK(t->cells[0].para->nlines == 1);
        }
        if (i == 2) /* too narrow for the overlong word: it is broken, not overflowing */
            CHECK(cell_at(t, 3, 0)->para->nlines >= 2);
        eb_table_layout_destroy(t);
    }
    eb_diag_destroy(diag);
}

/* ---- slices: checks shared by every pagination test ------------------------------ */

static double header_height(const eb_table_layout *t) {
    double h = 0;
    for (size_t r = 0; r < t->nheader_rows; r++) h += t->row_heights[r];
    return h;
}

static double body_height(const eb_table_layout *t, size_t row) {
    return t->row_heights[t->nheader_rows + row];
}

/* The part [*from, *to) of body row `row` that slice s shows; false when
 * the slice does not show it. */
static bool slice_part(const eb_table_layout *t, const eb_table_slice *s, size_t row,
                       double *from, double *to) {
    if (row < s->first_row || row >= s->end_row) return false;
    *from = row == s->first_row ? s->first_row_from : 0;
    *to = row + 1 == s->end_row ? s->last_row_to : body_height(t, row);
    return true;
}

/* Heights within the page, the header in each, every row covered exactly
 * once by contiguous parts, `continued` on all but the first showing. */
static void check_slices(const eb_table_layout *t, const eb_table_slice *s, size_t n,
                         double first_avail, double page_avail) {
    double header = header_height(t);
    bool shown = false;
    double *covered = eb_xcalloc(t->nbody_rows + 1, sizeof *covered);
    for (size_t k = 0; k < n; k++) {
        bool empty = s[k].end_row == s[k].first_row;
        CHECK(!empty || (k == 0 && n > 1) || t->nbody_rows == 0);
        CHECK(s[k].continued == shown);
        CHECK_LE(s[k].height, k == 0 ? first_avail : page_avail);
        double rows = 0;
        for (size_t r = s[k].first_row; r < s[k].end_row; r++) {
            double from = 0, to = 0;
            slice_part(t, &s[k], r, &from, &to);
            CHECK_NEAR(from, covered[r], 1e-9); /* resumes where the last part ended */
            CHECK(to > from);
            covered[r] = to;
            rows += to - from;
        }
        if (empty && t->nbody_rows > 0) CHECK(s[k].height == 0);
        else CHECK_NEAR(s[k].height, header + rows, 1e-6);
        shown |= !empty;
    }
    for (size_t r = 0; r < t->nbody_rows; r++) CHECK_NEAR(covered[r], body_height(t, r), 1e-9);
    if (n > 0 && t->nbody_rows > 0) CHECK(s[n - 1].end_row == t->nbody_rows);
    for (size_t k = 0; k + 1 < n; k++) { /* the next slice resumes the split row, or the next */
        if (s[k].end_row == s[k].first_row) continue;
        bool split = s[k].last_row_to < body_height(t, s[k].end_row - 1) - 1e-9;
        CHECK(s[k + 1].first_row == (split ? s[k].end_row - 1 : s[k].end_row));
    }
    free(covered);
}

/* Each line top of body row `row` in exactly one slice part, and each line
 * ending above that part's end: no line lost, drawn twice or cut. */
static void check_row_lines(const eb_table_layout *t, const eb_table_slice *s, size_t n,
                            size_t row) {
    const eb_table_cell_layout *cells = &t->cells[(t->nheader_rows + row) * t->ncols];
    for (size_t c = 0; c < t->ncols; c++) {
        const eb_table_cell_layout *cell = &cells[c];
        size_t ncontent = cell->para ? 1 : cell->nitems;
        size_t nparas = ncontent + (cell->note ? 1 : 0);
        double y = t->padding;
        for (size_t p = 0; p < nparas; p++) {
            const eb_para *para = p == ncontent ? cell->note : cell->para ? cell->para : cell->items[p];
            if (p == ncontent) y = t->padding + cell->note_y;
            for (size_t i = 0; i < para->nlines; i++) {
                size_t first, end, owners = 0;
                double top = y + para->lines[i].baseline - para->lines[i].ascent;
                double next = i + 1 < para->nlines
                                  ? y + para->lines[i + 1].baseline - para->lines[i + 1].ascent
                                  : y + para->height;
                for (size_t k = 0; k < n; k++) {
                    double from = 0, to = 0;
                    if (!slice_part(t, &s[k], row, &from, &to)) continue;
                    eb_table_lines_in(para, y, from, to, &first, &end);
                    if (i < first || i >= end) continue;
                    owners++;
                    CHECK(top >= from - 1e-6 && top < to);
                    CHECK_LE(next, to);
                }
                CHECK(owners == 1);
            }
            y += para->height;
        }
    }
}

/* ---- slices of hand-made tables ------------------------------------------------------ */

/* A paragraph of `nlines` lines on a 10 pt grid (top of line i at 10 i,
 * ascent 8, descent 2), every line after the first moved down by `shift`. */
static eb_para *grid_para(size_t nlines, double shift) {
    eb_para *para = eb_xcalloc(1, sizeof *para);
    para->nlines = nlines;
    para->lines = eb_xcalloc(nlines + 1, sizeof *para->lines);
    for (size_t i = 0; i < nlines; i++)
        para->lines[i] = (eb_line){.baseline = 8 + 10.0 * (double)i + (i > 0 ? shift : 0),
                                   .ascent = 8, .descent = 2};
    para->height = nlines ? para->lines[nlines - 1].baseline + 2 : 0;
    return para;
}

/* A table of `ncols` columns 100 wide, padding 5, one header row with
 * `header_content` points of content and no lines, and body cells of
 * lines[row * ncols + col] grid lines, shifted by shifts[col] (NULL: 0). */
static eb_table_layout *grid_table(size_t ncols, size_t nbody, const size_t *lines,
                                   const double *shifts, double header_content) {
    eb_table_layout *t = eb_xcalloc(1, sizeof *t);
    size_t nrows = 1 + nbody;
    *t = (eb_table_layout){.ncols = ncols, .nheader_rows = 1, .nbody_rows = nbody,
                           .padding = 5, .width = 100.0 * (double)ncols};
    t->col_widths = eb_xcalloc(ncols, sizeof(double));
    t->col_x = eb_xcalloc(ncols, sizeof(double));
    for (size_t c = 0; c < ncols; c++) t->col_widths[c] = 100, t->col_x[c] = 100.0 * (double)c;
    t->row_heights = eb_xcalloc(nrows, sizeof(double));
    t->cells = eb_xcalloc(nrows * ncols, sizeof *t->cells);
    t->row_heights[0] = header_content + 10;
    for (size_t r = 0; r < nbody; r++) {
        double tallest = 0;
        for (size_t c = 0; c < ncols; c++) {
            eb_table_cell_layout *cell = &t->cells[(1 + r) * ncols + c];
            cell->para = grid_para(lines[r * ncols + c], shifts ? shifts[c] : 0);
            cell->content_height = cell->para->height;
            tallest = fmax(tallest, cell->content_height);
        }
        t->row_heights[1 + r] = tallest + 10;
    }
    return t;
}

static void check_part(const eb_table_slice *s, size_t first, size_t end, double from, double to,
                       double height) {
    CHECK(s->first_row == first && s->end_row == end);
    CHECK_NEAR(s->first_row_from, from, 1e-9);
    CHECK_NEAR(s->last_row_to, to, 1e-9);
    CHECK_NEAR(s->height, height, 1e-9);
}

static void test_grid_tall_row(void) {
    /* header 20; body: a 100-line row (1010 tall), then a 2-line one (30) */
    eb_table_layout *t = grid_table(1, 2, (size_t[]){100, 2}, NULL, 10);
    eb_table_slice *s;
    size_t n = eb_table_paginate(t, 100, 300, &s);
    /* 80 under the header on page 1: lines 0-6 (tops 5..65), cut at 75;
     * then 280 a page: cuts at 355, 635, 915; the last 95 and row 1 fit */
    CHECK(n == 5);
    if (n == 5) {
        check_part(&s[0], 0, 1, 0, 75, 95);
        check_part(&s[1], 0, 1, 75, 355, 300);
        check_part(&s[2], 0, 1, 355, 635, 300);
        check_part(&s[3], 0, 1, 635, 915, 300);
        check_part(&s[4], 0, 2, 915, 30, 20 + 95 + 30);
        size_t first, end;
        eb_table_lines_in(t->cells[1].para, 5, 75, 355, &first, &end);
        CHECK(first == 7 && end == 35);
        eb_table_lines_in(t->cells[1].para, 5, 915, 1010, &first, &end);
        CHECK(first == 91 && end == 100);
    }
    check_slices(t, s, n, 100, 300);
    check_row_lines(t, s, n, 0);
    free(s);
    eb_table_layout_destroy(t);
}

static void test_grid_empty_first_slice(void) {
    eb_table_layout *t = grid_table(1, 2, (size_t[]){100, 2}, NULL, 10);
    eb_table_slice *s;
    /* header 20 + the first line (pad 5 + 10) = 35 does not fit in 34 */
    size_t n = eb_table_paginate(t, 34, 300, &s);
    CHECK(n >= 2 && s[0].first_row == 0 && s[0].end_row == 0 && s[0].height == 0);
    CHECK(n >= 2 && !s[0].continued && !s[1].continued && s[1].first_row == 0);
    check_part(&s[1], 0, 1, 0, 275, 295); /* a whole page: cut below line 26 */
    check_slices(t, s, n, 34, 300);
    free(s);
    /* 35 fits: one line on the first page */
    n = eb_table_paginate(t, 35, 300, &s);
    CHECK(n >= 2);
    check_part(&s[0], 0, 1, 0, 15, 35);
    check_slices(t, s, n, 35, 300);
    check_row_lines(t, s, n, 0);
    free(s);
    eb_table_layout_destroy(t);

    /* whole rows: header 20 + row 0 (2 lines, 30) needs 50 */
    t = grid_table(1, 3, (size_t[]){2, 2, 2}, NULL, 10);
    n = eb_table_paginate(t, 49.9, 300, &s);
    CHECK(n == 2);
    if (n == 2) {
        check_part(&s[0], 0, 0, 0, 0, 0);
        check_part(&s[1], 0, 3, 0, 30, 110);
        CHECK(!s[1].continued);
    }
    free(s);
    n = eb_table_paginate(t, 50, 80, &s);
    CHECK(n == 2);
    if (n == 2) {
        check_part(&s[0], 0, 1, 0, 30, 50);
        check_part(&s[1], 1, 3, 0, 30, 80);
        CHECK(!s[0].continued && s[1].continued);
    }
    free(s);
    eb_table_layout_destroy(t);
}

/* Column 1's lines sit 3 pt lower than column 0's after its first line,
 * as a line of taller script does: no cut clears both columns until
 * column 1 ends (row offset 108), so neither page 1 (80 under the header)
 * nor anything above 108 may hold a cut. */
static void test_grid_misaligned_lines(void) {
    eb_table_layout *t = grid_table(2, 1, (size_t[]){100, 10}, (double[]){0, 3}, 10);
    CHECK_NEAR(t->cells[3].content_height, 103, 1e-9);
    eb_table_slice *s;
    size_t n = eb_table_paginate(t, 100, 300, &s);
    CHECK(n == 5);
    if (n == 5) {
        check_part(&s[0], 0, 0, 0, 0, 0);
        check_part(&s[1], 0, 1, 0, 275, 295);
        check_part(&s[2], 0, 1, 275, 555, 300);
        check_part(&s[4], 0, 1, 835, 1010, 195);
    }
    check_slices(t, s, n, 100, 300);
    check_row_lines(t, s, n, 0);
    free(s);
    /* pages of 100: the first cut that clears both columns (115) is too
     * low for any page, so a fresh page takes it anyway rather than loop */
    n = eb_table_paginate(t, 100, 100, &s);
    CHECK(n >= 3);
    if (n >= 3) {
        check_part(&s[0], 0, 0, 0, 0, 0);
        check_part(&s[1], 0, 1, 0, 115, 135);
        check_part(&s[2], 0, 1, 115, 195, 100);
    }
    check_row_lines(t, s, n, 0);
    free(s);
    eb_table_layout_destroy(t);
}

static void test_grid_edge_cases(void) {
    /* no body rows: the header alone, on a new page if it does not fit */
    eb_table_layout *t = grid_table(1, 0, NULL, NULL, 10);
    eb_table_slice *s;
    size_t n = eb_table_paginate(t, 100, 300, &s);
    CHECK(n == 1 && s[0].first_row == 0 && s[0].end_row == 0 && s[0].height == 20);
    free(s);
    n = eb_table_paginate(t, 10, 300, &s);
    CHECK(n == 2 && s[0].height == 0 && s[1].height == 20 && !s[1].continued);
    free(s);
    eb_table_layout_destroy(t);

    /* a header taller than the page: every slice still makes progress and
     * every line is placed once */
    t = grid_table(1, 2, (size_t[]){5, 1}, NULL, 400);
    n = eb_table_paginate(t, 50, 300, &s);
    CHECK(n >= 3 && s[n - 1].end_row == 2);
    check_row_lines(t, s, n, 0);
    for (size_t k = 1; k < n; k++) CHECK(s[k].end_row > s[k].first_row);
    free(s);
    eb_table_layout_destroy(t);

    /* 100 000 rows: linear, and one slice per 14 rows of 20 on a 300 page */
    size_t big = 100000;
    size_t *lines = eb_xmalloc(big * sizeof *lines);
    for (size_t r = 0; r < big; r++) lines[r] = 1;
    t = grid_table(1, big, lines, NULL, 10);
    n = eb_table_paginate(t, 300, 300, &s);
    CHECK(n == (big + 13) / 14);
    check_slices(t, s, n, 300, 300);
    free(s);
    eb_table_layout_destroy(t);

    /* one row of 100 000 lines: 27 lines on the first page (cut at 275),
     * 28 on each of 3570 more, the last 13 and the padding on the next;
     * each page's cut is found near the page's end, not the row's */
    lines[0] = big;
    t = grid_table(1, 1, lines, NULL, 10);
    n = eb_table_paginate(t, 300, 300, &s);
    CHECK(n == 3572);
    if (n == 3572) {
        check_part(&s[0], 0, 1, 0, 275, 295);
        check_part(&s[1], 0, 1, 275, 555, 300);
        check_part(&s[n - 1], 0, 1, 5 + 10.0 * (double)(big - 13), 10.0 * (double)big + 10, 155);
    }
    check_slices(t, s, n, 300, 300);
    free(s);
    eb_table_layout_destroy(t);
    free(lines);
}

/* ---- slices of real tables ---------------------------------------------------------- */

/* Owns the strings of a generated table. */
typedef struct {
    eb_table_cell_spec *cells;
    char **strings;
    size_t nstrings;
} generated_table;

static const char *keep(generated_table *g, char *s) {
    g->strings = eb_xrealloc(g->strings, (g->nstrings + 1) * sizeof *g->strings);
    return g->strings[g->nstrings++] = s;
}

static char *repeat(const char *piece, size_t times) {
    eb_buf buf = {0};
    for (size_t i = 0; i < times; i++) eb_buf_puts(&buf, piece);
    return eb_buf_steal(&buf);
}

static void generated_free(generated_table *g) {
    for (size_t i = 0; i < g->nstrings; i++) free(g->strings[i]);
    free(g->strings);
    free(g->cells);
}

static const char en_sentence[] = "Exosomes from adipose stem cells reduced wrinkles. ";
static const char fa_sentence[] = "اگزوزوم‌ها چین و چروک را کاهش دادند. ";
static const char zh_sentence[] = "外泌体减少了皱纹。";

/* 300 rows of 1 to 7 sentences in English, Persian and Chinese. */
static eb_table_spec three_hundred_rows(generated_table *g) {
    size_t nbody = 300, ncols = 3;
    g->cells = eb_xcalloc((nbody + 1) * ncols, sizeof *g->cells);
    g->cells[0] = (eb_table_cell_spec)TEXT("Study", "en");
    g->cells[1] = (eb_table_cell_spec)TEXT("یافته", "fa");
    g->cells[2] = (eb_table_cell_spec)TEXT("结果", "zh-Hans");
    for (size_t r = 0; r < nbody; r++) {
        eb_table_cell_spec *row = &g->cells[(r + 1) * ncols];
        row[0] = (eb_table_cell_spec)TEXT(keep(g, repeat(en_sentence, 1 + r % 7)), "en");
        row[1] = (eb_table_cell_spec)TEXT(keep(g, repeat(fa_sentence, 1 + r % 5)), "fa");
        row[2] = (eb_table_cell_spec)TEXT(keep(g, eb_xasprintf("%zu: %s", r + 1, zh_sentence)),
                                          "zh-Hans");
    }
    return (eb_table_spec){.ncols = ncols, .nheader_rows = 1, .nbody_rows = nbody,
                           .cells = g->cells, .family = EB_FAMILY_SERIF, .font_size = 9,
                           .padding = 4, .origin = "300 rows"};
}

static void test_three_hundred_rows(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(stderr);
    generated_table g = {0};
    eb_table_spec spec = three_hundred_rows(&g);
    eb_table_layout *t = eb_table_layout_create(fonts, &spec, 480, diag);
    CHECK(eb_diag_count(diag, EB_WARNING) + eb_diag_count(diag, EB_ERROR) == 0);
    check_cells_fit(t);
    eb_table_slice *s;
    size_t n = eb_table_paginate(t, A4_FIRST_AVAIL, A4_PAGE_AVAIL, &s);
    CHECK(n >= 10);
    check_slices(t, s, n, A4_FIRST_AVAIL, A4_PAGE_AVAIL);
    size_t *seen = eb_xcalloc(t->nbody_rows, sizeof *seen);
    for (size_t k = 0; k < n; k++) {
        for (size_t r = s[k].first_row; r < s[k].end_row; r++) seen[r]++;
        CHECK(s[k].end_row > s[k].first_row);
        CHECK(s[k].first_row_from == 0); /* rows stay whole */
        CHECK_NEAR(s[k].last_row_to, body_height(t, s[k].end_row - 1), 1e-9);
        CHECK(s[k].continued == (k > 0));
        CHECK(s[k].height > header_height(t));
        if (k + 1 < n) /* the next row did not fit: the page was used */
            CHECK(s[k].height + body_height(t, s[k].end_row) >
                  (k == 0 ? A4_FIRST_AVAIL : A4_PAGE_AVAIL));
    }
    size_t once = 0;
    for (size_t r = 0; r < t->nbody_rows; r++) once += seen[r] == 1;
    CHECK(once == 300);
    free(seen);
    free(s);
    eb_table_layout_destroy(t);
    generated_free(&g);
    eb_diag_destroy(diag);
}

/* A row with an English cell far taller than a page, Persian beside it
 * (taller descent, same line grid) and a Chinese list (taller ascent),
 * between two ordinary rows. */
static void test_cell_taller_than_page(eb_fontset *fonts, bool rtl) {
    eb_diag *diag = eb_diag_create(stderr);
    generated_table g = {0};
    const char *zh_items[] = {zh_sentence, "人脐带间充质干细胞。", "12 周 follow-up"};
    g.cells = eb_xcalloc(4 * 3, sizeof *g.cells);
    eb_table_cell_spec cells[] = {
        TEXT("Study", "en"), TEXT("یافته", "fa"), TEXT("结果", "zh-Hans"),
        TEXT("Short row", "en"), TEXT("کوتاه", "fa"), TEXT("短", "zh-Hans"),
        TEXT(keep(&g, repeat(en_sentence, 250)), "en"),
        TEXT(keep(&g, repeat(fa_sentence, 60)), "fa"),
        {.items = zh_items, .nitems = 3, .lang = "zh-Hans"},
        TEXT("Last row", "en"), TEXT("آخر", "fa"), TEXT("最后", "zh-Hans"),
    };
    memcpy(g.cells, cells, sizeof cells);
    eb_table_spec spec = {.ncols = 3, .nheader_rows = 1, .nbody_rows = 3, .cells = g.cells,
                          .rtl = rtl, .family = EB_FAMILY_SERIF, .font_size = 9, .padding = 4,
                          .origin = "tall"};
    eb_table_layout *t = eb_table_layout_create(fonts, &spec, 480, diag);
    CHECK(eb_diag_count(diag, EB_WARNING) + eb_diag_count(diag, EB_ERROR) == 0);
    check_cells_fit(t);
    CHECK(body_height(t, 1) > 2 * A4_PAGE_AVAIL); /* the test means something */
    eb_table_slice *s;
    size_t n = eb_table_paginate(t, A4_FIRST_AVAIL, A4_PAGE_AVAIL, &s);
    check_slices(t, s, n, A4_FIRST_AVAIL, A4_PAGE_AVAIL);
    check_row_lines(t, s, n, 1);
    check_row_lines(t, s, n, 0);
    size_t parts = 0;
    for (size_t k = 0; k < n; k++) {
        double from = 0, to = 0;
        if (slice_part(t, &s[k], 1, &from, &to)) parts++;
        /* a split row fills its pages: less than one line is left over */
        if (k + 1 < n && s[k].end_row == s[k + 1].first_row + 1)
            CHECK(s[k].height > (k == 0 ? A4_FIRST_AVAIL : A4_PAGE_AVAIL) - 14);
    }
    CHECK(parts >= 3);
    /* the short first row and the start of the tall one share page 1 */
    CHECK(n >= 1 && s[0].first_row == 0 && s[0].end_row == 2);
    free(s);
    eb_table_layout_destroy(t);
    generated_free(&g);
    eb_diag_destroy(diag);
}

/* The header and one line, but not the whole first row, fit: the row
 * starts on the first page; a hair less room sends it to the next. */
static void test_real_empty_first_slice(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(stderr);
    generated_table g = {0};
    g.cells = eb_xcalloc(2 * 2, sizeof *g.cells);
    eb_table_cell_spec cells[] = {
        TEXT("Study", "en"), TEXT("یافته", "fa"),
        TEXT(keep(&g, repeat(en_sentence, 200)), "en"), TEXT(fa_sentence, "fa"),
    };
    memcpy(g.cells, cells, sizeof cells);
    eb_table_spec spec = {.ncols = 2, .nheader_rows = 1, .nbody_rows = 1, .cells = g.cells,
                          .family = EB_FAMILY_SANS, .font_size = 9, .padding = 4};
    eb_table_layout *t = eb_table_layout_create(fonts, &spec, 300, diag);
    const eb_line *line0 = &t->cells[2].para->lines[0], *line1 = &t->cells[2].para->lines[1];
    /* the first cut is where the second English line starts */
    double first_piece = t->padding + line1->baseline - line1->ascent;
    CHECK(line0->baseline > 0);
    double just_enough = header_height(t) + first_piece;
    eb_table_slice *s;
    size_t n = eb_table_paginate(t, just_enough, A4_PAGE_AVAIL, &s);
    CHECK(n >= 2 && s[0].end_row == 1);
    CHECK_NEAR(s[0].last_row_to, first_piece, 1e-9);
    check_slices(t, s, n, just_enough, A4_PAGE_AVAIL);
    check_row_lines(t, s, n, 0);
    free(s);
    n = eb_table_paginate(t, just_enough - 0.01, A4_PAGE_AVAIL, &s);
    CHECK(n >= 2 && s[0].first_row == 0 && s[0].end_row == 0 && s[0].height == 0);
    CHECK(n >= 2 && !s[1].continued && s[1].first_row_from == 0);
    check_slices(t, s, n, just_enough - 0.01, A4_PAGE_AVAIL);
    check_row_lines(t, s, n, 0);
    free(s);
    eb_table_layout_destroy(t);
    generated_free(&g);
    eb_diag_destroy(diag);
}

/* Bad UTF-8 in a cell is reported with the cell's place and laid out as
 * an empty paragraph; the rest of the table is unharmed. */
static void test_invalid_cell(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_table_cell_spec cells[] = {TEXT("ok", "en"), TEXT("bad \xff here", "en")};
    eb_table_spec spec = {.ncols = 2, .nheader_rows = 0, .nbody_rows = 1, .cells = cells,
                          .font_size = 9, .padding = 2, .origin = "x.json $.tables[0]"};
    eb_table_layout *t = eb_table_layout_create(fonts, &spec, 200, diag);
    /* measured and laid out, but reported once */
    CHECK(eb_diag_count(diag, EB_ERROR) == 1);
    CHECK(eb_diag_message_count(diag) == 1);
    if (eb_diag_message_count(diag) >= 1)
        CHECK_CONTAINS(eb_diag_message(diag, 0), "error: invalid UTF-8 at byte 4 of the text [$.tables[0], row 1, column 2]");
    CHECK(t->cells[1].para && t->cells[1].para->nlines == 0);
    CHECK(t->cells[0].para && t->cells[0].para->nlines == 1);
    eb_table_layout_destroy(t);
    eb_diag_destroy(diag);
}

/* A note (the original of a rendering) sits under the cell's text or list,
 * smaller, in its own language and colour; it counts in the row's height
 * and in the column widths, and a row split across pages keeps its lines. */
static void test_cell_notes(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(stderr);
    const char *items[] = {"Xiang 2026: split-face", "长寿派 2026: single-arm"};
    eb_table_cell_spec cells[] = {
        TEXT("Design", "en"), TEXT("n", "en"),
        {.text = "randomised trial", .lang = "en", .note = "原文（中文）：随机对照试验", .note_lang = "zh-Hans"},
        {.items = items, .nitems = 2, .lang = "en", .note = "Original (Chinese): 半脸；单臂", .note_lang = "zh-Hans"},
    };
    eb_table_spec spec = {.ncols = 2, .nheader_rows = 1, .nbody_rows = 1, .cells = cells,
                          .family = EB_FAMILY_SANS, .font_size = 8, .padding = 3, .note_color = 0x55595E};
    eb_table_layout *t = eb_table_layout_create(fonts, &spec, 400, diag);
    CHECK(eb_diag_count(diag, EB_WARNING) + eb_diag_count(diag, EB_ERROR) == 0);
    const eb_table_cell_layout *text = &t->cells[2], *list = &t->cells[3];
    CHECK(t->cells[0].note == NULL);
    CHECK(text->note && text->note->nlines >= 1 && list->note && list->nitems == 2);
    if (text->note && list->note) {
        CHECK(text->note_y > text->para->height);                /* under the text */
        CHECK_NEAR(text->content_height, text->note_y + text->note->height, 1e-9);
        CHECK(list->note_y >= list->items[0]->height + list->items[1]->height);
        CHECK(text->note->nlines && text->note->lines[0].runs[0].size < 8); /* smaller */
        CHECK(text->note->color == 0x55595E);
        CHECK(t->row_heights[1] >= list->content_height + 2 * t->padding);
        /* the column is wide enough for the note on one line, when it fits */
        CHECK(text->note->nlines == 1);
    }
    check_cells_fit(t);
    eb_table_slice *s;
    size_t n = eb_table_paginate(t, 1000, 1000, &s);
    check_row_lines(t, s, n, 0);
    free(s);
    eb_table_layout_destroy(t);
    eb_diag_destroy(diag);
}

int main(void) {
    test_widths_max_fits();
    test_widths_proportional();
    test_widths_scaled();
    test_widths_zero_and_odd();
    test_widths_one_column();
    test_grid_tall_row();
    test_grid_empty_first_slice();
    test_grid_misaligned_lines();
    test_grid_edge_cases();

    eb_diag *diag = eb_diag_create(stderr);
    eb_fontset *fonts = open_test_fonts(diag);
    test_trilingual_table(fonts, false);
    test_trilingual_table(fonts, true);
    test_widths_from_measures(fonts);
    test_three_hundred_rows(fonts);
    test_cell_taller_than_page(fonts, false);
    test_cell_taller_than_page(fonts, true);
    test_real_empty_first_slice(fonts);
    test_invalid_cell(fonts);
    test_cell_notes(fonts);
    eb_fontset_destroy(fonts);
    eb_diag_destroy(diag);
    return check_done("test_table");
}
