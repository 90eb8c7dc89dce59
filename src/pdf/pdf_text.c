/* Drawing laid-out paragraphs: each run becomes a Td to its start and a TJ
 * of two-byte CIDs (Identity-H), consecutive glyphs in one hex string, with
 * adjustments that put every glyph where HarfBuzz and the layout placed it.
 * The colour (rg) and font (Tf) are written only when they change, and one
 * text object holds consecutive lines and paragraphs until something else
 * is drawn or their marked content ends (pdf_content.c).
 *
 * PDF advances the pen by each glyph's /W width; the layout's advances
 * differ (kerning, justification, the Han-Latin gap, x offsets of marks).
 * The writer tracks where PDF will put the pen given what was already
 * written (rounding included) and writes, before each glyph, the
 * adjustment to where the glyph should be, so errors never accumulate.
 *
 * The runs of a line are drawn in logical order, each run's glyphs left
 * to right as seen (see draw_run for why). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "pdf_internal.h"

typedef struct {
    const eb_font *font;
    uint32_t gid;
    double size, x, y;     /* the glyph's origin in PDF space */
} deferred_mark;

typedef struct {
    eb_pdf_page *page;
    eb_content *c;
    const eb_para *para;
    /* the run being written */
    eb_pdf_font *font;
    double size;
    double actual;         /* PDF's pen from the run's start, pt */
    double rise;           /* current Ts, pt */
    double origin_x, origin_y; /* where the TJ starts, PDF space */
    /* glyphs without text, drawn as outlines after the text */
    deferred_mark *marks;
    size_t nmarks, marks_cap;
} text_writer;

/* The value a number has once written with three decimals (absurd values,
 * which the content writer would clamp, count as 0 here). */
static double as_written(double v) {
    return isfinite(v) && fabs(v) < 1e9 ? (double)llround(v * 1000.0) / 1000.0 : 0;
}

/* Moves PDF's pen to `target` (pt from the run's start) with a TJ number. */
static void move_pen(text_writer *w, double target) {
    double adjust = as_written((w->actual - target) * 1000.0 / w->size);
    if (adjust == 0) return;
    ebi_content_show_adjust(w->c, adjust);
    w->actual -= adjust * w->size / 1000.0;
}

static void set_rise(text_writer *w, double rise) {
    if (rise == w->rise || as_written(rise) == as_written(w->rise)) return;
    ebi_content_text_rise(w->c, rise);
    w->rise = rise;
}

/* The text a glyph stands for, clamped to the paragraph. */
static const char *glyph_text(const eb_para *para, const eb_glyph *g, size_t *len) {
    size_t start = g->text_start < para->text_len ? g->text_start : para->text_len;
    size_t avail = para->text_len - start;
    *len = g->text_len < avail ? g->text_len : avail;
    return para->text + start;
}

/* Draws glyph gid standing for text[0..len), its origin at `pen` (pt
 * from the TJ's start) moved by the glyph's offset (dx, rise).
 *
 * A change of rise (a raised mark) ends the TJ, and PDFium sorts a line's
 * TJs by where each starts: so the pen goes to the glyph's origin before
 * the TJ ends, and both TJs around the change start at that same origin,
 * which keeps them in drawing order. */
static void show_glyph(text_writer *w, uint32_t gid, const char *text, size_t len, double pen, double dx,
                         double rise) {
    eb_cid_use use = ebi_pdf_font_use(w->font, gid, text, len);
    if (rise != w->rise && as_written(rise) != as_written(w->rise)) {
        move_pen(w, pen);
        set_rise(w, rise);
    }
    move_pen(w, pen + dx);
    if (use.text_mapped) {
        ebi_content_show_glyph(w->c, use.cid);
    } else {
        ebi_content_begin_actual_text(w->c, text, len);
        ebi_content_show_glyph(w->c, use.cid);
        ebi_content_end_marked(w->c);
    }
    w->actual += use.width * w->size / 1000.0;
}

/* Selects the run's font on the page; false if the object layer refused. */
static bool select_font(text_writer *w, const eb_run *run) {
    eb_pdf *pdf = w->page->pdf;
    w->font = ebi_pdf_font_for(pdf, run->font);
    if (!w->font) return false;
    if (ebi_content_font_is(w->c, w->font, w->size)) return true;
    const char *name = ebi_pdoc_page_font_name(ebi_pdf_backend(pdf), w->page->page,
                                              ebi_pdf_font_objects(w->font));
    if (!name) {
        eb_diag_report(ebi_pdf_diag(pdf), EB_ERROR, (eb_location){0},
                       "PDF: cannot use a font on the page: %s",
                       ebi_pdoc_take_error(ebi_pdf_backend(pdf)));
        return false;
    }
    ebi_content_set_font(w->c, name, w->font, w->size);
    return true;
}

/* What the engines that read a page's text need (see docs/text-engine.md,
 * "Persian text extraction"):
 *
 *  - every run is one TJ whose glyphs go left to right, as they are seen:
 *    PDFium reorders a line's characters from visual to logical with its
 *    own bidi pass, pdf.js reorders each text item (a TJ on one line) the
 *    same way, and poppler's pdftotext orders glyphs by position; a
 *    right-to-left run drawn in logical order comes back reversed from
 *    the first two;
 *  - the runs of a line are drawn in logical order: PDFium sorts a line's
 *    text objects by position anyway, and pdf.js keeps each run an item of
 *    its own, in the order drawn, so a Latin word inside a Persian line
 *    lands in its logical place;
 *  - a glyph of a right-to-left run that stands for several characters (a
 *    letter with its hamza, lam-alef) maps to them in visual order, since
 *    every engine reverses its characters with the run;
 *  - a glyph standing for bidi controls only (the layout gives isolates
 *    and embeddings none; a mark such as RLM may still have one) is left
 *    out: a reader's own bidi pass would take it for text.
 * Spaces are the font's space glyph, so every engine finds the words. */

/* True if text[0..len) is only bidi formatting characters. */
static bool is_bidi_control_only(const char *text, size_t len) {
    /* every one of them is U+061C (D8 9C) or in U+200E..U+2069 (E2 80/81 ..) */
    if (len == 0 || ((unsigned char)text[0] != 0xE2 && (unsigned char)text[0] != 0xD8)) return false;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = eb_utf8_decode(text + i, len - i, &cp);
        if (n == 0) return false;
        bool control = cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) ||
                       (cp >= 0x2066 && cp <= 0x2069);
        if (!control) return false;
        i += n;
    }
    return true;
}

/* Copies the code points of text[0..len) into out in reverse order. */
static void reverse_code_points(const char *text, size_t len, char *out) {
    size_t end = len;
    while (end > 0) {
        size_t start = end - 1;
        while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80) start--;
        memcpy(out + (len - end), text + start, end - start);
        end = start;
    }
}

static void defer_mark(text_writer *w, const eb_glyph *g, double x) {
    if (w->nmarks == w->marks_cap) {
        w->marks_cap = w->marks_cap ? 2 * w->marks_cap : 8;
        w->marks = eb_xrealloc(w->marks, w->marks_cap * sizeof *w->marks);
    }
    w->marks[w->nmarks++] = (deferred_mark){ebi_pdf_font_source(w->font), g->gid, w->size,
                                            w->origin_x + x + g->x_offset, w->origin_y + g->y_offset};
}

/* An outline as a path in the content stream, in font units (the mark's
 * cm scales them). */
static void outline_move(hb_draw_funcs_t *f, void *c, hb_draw_state_t *st, float x, float y, void *u) {
    (void)f, (void)st, (void)u;
    ebi_content_op(c, "m", 2, (double[]){x, y});
}
static void outline_line(hb_draw_funcs_t *f, void *c, hb_draw_state_t *st, float x, float y, void *u) {
    (void)f, (void)st, (void)u;
    ebi_content_op(c, "l", 2, (double[]){x, y});
}
static void outline_quadratic(hb_draw_funcs_t *f, void *c, hb_draw_state_t *st, float cx, float cy, float x,
                              float y, void *u) {
    (void)f, (void)u;
    /* the cubic with the same curve: controls 2/3 of the way to the quadratic's */
    double x0 = st->current_x, y0 = st->current_y;
    ebi_content_op(c, "c", 6,
                  (double[]){x0 + 2.0 / 3 * (cx - x0), y0 + 2.0 / 3 * (cy - y0), x + 2.0 / 3 * (cx - x),
                             y + 2.0 / 3 * (cy - y), x, y});
}
static void outline_cubic(hb_draw_funcs_t *f, void *c, hb_draw_state_t *st, float c1x, float c1y, float c2x,
                          float c2y, float x, float y, void *u) {
    (void)f, (void)st, (void)u;
    ebi_content_op(c, "c", 6, (double[]){c1x, c1y, c2x, c2y, x, y});
}
static void outline_close(hb_draw_funcs_t *f, void *c, hb_draw_state_t *st, void *u) {
    (void)f, (void)st, (void)u;
    ebi_content_raw(c, "h\n");
}

static hb_draw_funcs_t *outline_funcs(void) {
    hb_draw_funcs_t *f = hb_draw_funcs_create();
    hb_draw_funcs_set_move_to_func(f, outline_move, NULL, NULL);
    hb_draw_funcs_set_line_to_func(f, outline_line, NULL, NULL);
    hb_draw_funcs_set_quadratic_to_func(f, outline_quadratic, NULL, NULL);
    hb_draw_funcs_set_cubic_to_func(f, outline_cubic, NULL, NULL);
    hb_draw_funcs_set_close_path_func(f, outline_close, NULL, NULL);
    hb_draw_funcs_make_immutable(f);
    return f;
}

/* Draws the deferred marks, filled in the paragraph's colour. */
static void draw_marks(text_writer *w) {
    if (w->nmarks == 0) return;
    hb_draw_funcs_t *funcs = outline_funcs();
    ebi_content_fill_color(w->c, w->para->color);
    for (size_t i = 0; i < w->nmarks; i++) {
        const deferred_mark *m = &w->marks[i];
        double scale = m->size / eb_font_get_info(m->font)->units_per_em;
        hb_font_t *font = hb_font_create(eb_font_hb_face(m->font));
        ebi_content_raw(w->c, "q\n");
        ebi_content_op(w->c, "cm", 6, (double[]){scale, 0, 0, scale, m->x, m->y});
        hb_font_get_glyph_shape(font, m->gid, funcs, w->c);
        ebi_content_raw(w->c, "f\nQ\n");
        hb_font_destroy(font);
    }
    hb_draw_funcs_destroy(funcs);
    free(w->marks);
    w->marks = NULL;
    w->nmarks = w->marks_cap = 0;
}

/* The text a glyph of a run stands for in the PDF. A cluster's text sits
 * on its first glyph in logical order (include/layout.h). Of its other
 * glyphs, those that advance the pen (the alef of a two-glyph lam-alef)
 * take one character each, in logical order, the last taking what is
 * left; those that do not (a mark over its letter, the hamza of «هٔ») take
 * none and are drawn as outlines (draw_marks), since a glyph drawn as
 * text needs a code, which every reader would extract as a stray or
 * misplaced character. */
typedef struct {
    const char *text;
    size_t len;
    bool outline;    /* no text: drawn as a path */
} glyph_piece;

static bool advances(const eb_glyph *g) { return g->x_advance != 0; }

static size_t char_len(const char *text, size_t len) {
    uint32_t cp;
    size_t n = eb_utf8_decode(text, len, &cp);
    return n ? n : 1;
}

/* The glyphs [first, last] of the run that form glyph i's cluster: the
 * text holder and the text-less glyphs beside it (after it in logical
 * order: right of it in a right-to-left run). */
static void cluster_bounds(const eb_run *run, size_t i, size_t *first, size_t *last) {
    const eb_glyph *g = run->glyphs;
    size_t a = i, b = i;
    if (run->rtl) {
        while (b + 1 < run->nglyphs && g[b].text_len == 0) b++;
        while (a > 0 && g[a - 1].text_len == 0) a--;
    } else {
        while (a > 0 && g[a].text_len == 0) a--;
        while (b + 1 < run->nglyphs && g[b + 1].text_len == 0) b++;
    }
    *first = a;
    *last = b;
}

/* Whether glyph i is a cluster of its own: it has text and so does the
 * next glyph in logical order (or there is none). */
static bool alone_in_cluster(const eb_run *run, size_t i) {
    if (run->glyphs[i].text_len == 0) return false;
    if (run->rtl) return i == 0 || run->glyphs[i - 1].text_len != 0;
    return i + 1 == run->nglyphs || run->glyphs[i + 1].text_len != 0;
}

static glyph_piece piece_of(const text_writer *w, const eb_run *run, size_t i) {
    if (!advances(&run->glyphs[i]) && run->glyphs[i].text_len == 0) return (glyph_piece){"", 0, true};
    if (alone_in_cluster(run, i)) {
        size_t len;
        const char *text = glyph_text(w->para, &run->glyphs[i], &len);
        return (glyph_piece){text, len, false};
    }
    size_t first, last;
    cluster_bounds(run, i, &first, &last);
    size_t len;
    const char *text = glyph_text(w->para, &run->glyphs[run->rtl ? last : first], &len);
    /* i's rank among the cluster's advancing glyphs (the holder counts
     * whether it advances or not), in logical order, and their number */
    size_t rank = 0, count = 0;
    for (size_t k = first; k <= last; k++) {
        size_t j = run->rtl ? last - (k - first) : k;  /* logical order */
        if (j != i && !advances(&run->glyphs[j]) && run->glyphs[j].text_len == 0) continue;
        if (j == i) rank = count;
        count++;
    }
    size_t off = 0;
    for (size_t k = 0; k < rank && off < len; k++) off += char_len(text + off, len - off);
    if (off >= len) return (glyph_piece){text + len, 0, false};
    size_t n = rank + 1 < count ? char_len(text + off, len - off) : len - off;
    return (glyph_piece){text + off, n, false};
}

/* In a right-to-left run a bracket is drawn with its mirror image, "("
 * as ")": the glyph's text is the character it shows, which readers
 * mirror back when they reorder the line (PDFium does; pdf.js reads a
 * bracket beside Latin text, in a text item of its own, as shown). */
static size_t mirror_text(const char *text, size_t len, char out[4]) {
    /* mirrored characters are ASCII brackets, « » (C2 AB/BB) and symbols
     * from U+2000 on: not the Arabic letters (D8..DB) that fill the run */
    if (len == 0 || ((unsigned char)text[0] >= 0xC3 && (unsigned char)text[0] < 0xE2)) return 0;
    uint32_t cp;
    if (eb_utf8_decode(text, len, &cp) != len) return 0;
    hb_codepoint_t m = hb_unicode_mirroring(hb_unicode_funcs_get_default(), cp);
    return m != cp ? eb_utf8_encode(m, out) : 0;
}

/* Every glyph's piece of text in one run. A glyph that does not advance
 * the pen but has text of its own (the alef of lam-alef, drawn over the
 * lam) gives its text to the glyph before it in logical order and is
 * drawn as an outline: readers that place text by position (pdf.js) would
 * otherwise read a zero-width letter at its word's edge as a word of its
 * own. Caller frees. */
static glyph_piece *run_pieces(const text_writer *w, const eb_run *run) {
    glyph_piece *p = eb_xmalloc(run->nglyphs * sizeof *p);
    for (size_t i = 0; i < run->nglyphs; i++) p[i] = piece_of(w, run, i);
    size_t before = SIZE_MAX; /* the last advancing glyph, logical order */
    for (size_t k = 0; k < run->nglyphs; k++) {
        size_t i = run->rtl ? run->nglyphs - 1 - k : k;
        if (advances(&run->glyphs[i])) {
            before = i;
        } else if (before != SIZE_MAX && p[i].len > 0 && p[i].text[0] != ' ' &&
                   p[before].text + p[before].len == p[i].text) {
            /* (not a space: the layout sets a line's last space to no width) */
            p[before].len += p[i].len;
            p[i] = (glyph_piece){"", 0, true};
        }
    }
    return p;
}

/* Draws glyph i of a run, whose text is t, with the pen at x (pt from the
 * TJ's start). */
static void draw_glyph(text_writer *w, const eb_run *run, size_t i, glyph_piece t, double x) {
    const eb_glyph *g = &run->glyphs[i];
    if (t.outline) {
        defer_mark(w, g, x);
        return;
    }
    if (is_bidi_control_only(t.text, t.len)) return;
    char buf[64];
    if (run->rtl) {
        size_t n = mirror_text(t.text, t.len, buf);
        if (n) {
            t.text = buf, t.len = n;
        } else if (t.len > 1 && t.len <= sizeof buf) {
            reverse_code_points(t.text, t.len, buf);
            t.text = buf;
        }
    }
    show_glyph(w, g->gid, t.text, t.len, x, g->x_offset, g->y_offset);
}

/* Runs [first, end) of a line, consecutive in visual order and of one
 * font and size: one TJ, left to right, so that a reader's bidi pass sees
 * Persian words and the digits and punctuation among them together. */
typedef struct {
    size_t first, end;
    size_t text_start; /* the earliest text of its runs: its place in logical order */
} run_group;

static bool same_face(const eb_run *a, const eb_run *b) { return a->font == b->font && a->size == b->size; }

/* Splits a line's runs into groups; returns how many (at most nruns). */
static size_t group_runs(const eb_line *line, run_group *groups) {
    size_t n = 0;
    for (size_t r = 0; r < line->nruns; r++) {
        const eb_run *run = &line->runs[r];
        if (run->nglyphs == 0 || !run->font || !(run->size > 0)) continue;
        run_group *open = n > 0 ? &groups[n - 1] : NULL;
        if (open && open->end == r && same_face(&line->runs[r - 1], run)) {
            open->end = r + 1;
            if (run->text_start < open->text_start) open->text_start = run->text_start;
        } else {
            groups[n++] = (run_group){r, r + 1, run->text_start};
        }
    }
    return n;
}

static void draw_group(text_writer *w, const eb_line *line, run_group grp, double x, double baseline) {
    const eb_run *head = &line->runs[grp.first];
    w->size = head->size;
    if (!select_font(w, head)) return;
    w->origin_x = x + line->x + head->x;
    w->origin_y = baseline;
    ebi_content_text_move(w->c, w->origin_x, w->origin_y);
    w->actual = 0;
    for (size_t r = grp.first; r < grp.end; r++) {
        const eb_run *run = &line->runs[r];
        double pen = run->x - head->x;
        glyph_piece *pieces = run_pieces(w, run);
        for (size_t i = 0; i < run->nglyphs; i++) {
            draw_glyph(w, run, i, pieces[i], pen);
            pen += run->glyphs[i].x_advance;
        }
        free(pieces);
    }
    ebi_content_show_end(w->c);
    set_rise(w, 0);
}

/* Draws a line: its groups in logical order (each time the earliest not
 * yet drawn); inside a structure element's content, also hands the
 * element the line's text. */
static void draw_line_runs(text_writer *w, size_t index, double x, double y) {
    const eb_line *line = &w->para->lines[index];
    double baseline = w->page->height - (y + line->baseline);
    run_group stack_groups[16];
    run_group *groups = line->nruns <= 16 ? stack_groups : eb_xcalloc(line->nruns, sizeof *groups);
    size_t ngroups = group_runs(line, groups);
    const run_group *prev = NULL;
    for (size_t k = 0; k < ngroups; k++) {
        const run_group *best = NULL;
        for (size_t g = 0; g < ngroups; g++) {
            const run_group *c = &groups[g];
            if (prev && (c->text_start < prev->text_start || (c->text_start == prev->text_start && c <= prev)))
                continue;
            if (!best || c->text_start < best->text_start) best = c;
        }
        if (!best) break; /* cannot happen: each pass leaves a group after prev */
        prev = best;
        draw_group(w, line, *best, x, baseline);
    }
    if (groups != stack_groups) free(groups);
    if (w->page->element) ebi_tags_note_text(ebi_pdf_tags(w->page->pdf), w->page->element, w->para, index);
}

/* Opens a text object (or goes on in the open one) with the paragraph's
 * colour; lines go in between. */
static void begin_para(text_writer *w, eb_pdf_page *page, const eb_para *para) {
    *w = (text_writer){.page = page, .c = &page->content, .para = para};
    ebi_content_note_drawing(w->c);
    ebi_content_begin_text(w->c);
    ebi_content_text_color(w->c, para->color);
}

/* Inside marked content the text object stays open for more text: the
 * sequence's EMC, or whatever else is drawn first, closes it. Outside,
 * nothing would. */
static void end_para(text_writer *w) {
    if (w->c->marked_depth == 0) ebi_content_end_text(w->c);
    draw_marks(w);
}

void eb_pdf_draw_para(eb_pdf_page *page, const eb_para *para, double x, double y) {
    if (!page || !para || para->nlines == 0) return;
    text_writer w;
    begin_para(&w, page, para);
    for (size_t i = 0; i < para->nlines; i++) draw_line_runs(&w, i, x, y);
    end_para(&w);
}

void eb_pdf_draw_line(eb_pdf_page *page, const eb_para *para, size_t line, double x, double y) {
    if (!page || !para || line >= para->nlines) return;
    text_writer w;
    begin_para(&w, page, para);
    draw_line_runs(&w, line, x, y);
    end_para(&w);
}
