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
 * Text is drawn in logical order: the runs of a line by where their text
 * starts, a right-to-left run's glyphs from its right end (see
 * draw_char). A reader that takes the content in drawing order
 * (pdfinfo -struct-text, a structure-tree reader) reads it as written;
 * extractors that order glyphs by position (pdftotext) see every glyph
 * where it is drawn. */
#include <math.h>
#include <string.h>

#include "pdf_internal.h"

typedef struct {
    eb_pdf_page *page;
    eb_content *c;
    const eb_para *para;
    /* the run being written */
    eb_pdf_font *font;
    double size;
    double actual;         /* PDF's pen from the run's start, pt */
    double left;           /* the run's start, pt from the page's left */
    double rise;           /* current Ts, pt */
    /* the characters drawn so far on the line (see draw_char) */
    size_t in_word;        /* of the current word */
    double prev_left;      /* left edge of the last one, pt from the page's left */
    bool prev_rtl;         /* the last one was in a right-to-left run */
    bool prev_in_run;      /* ... in the run being drawn */
} text_writer;

/* The value a number has once written with three decimals (absurd values,
 * which the content writer would clamp, count as 0 here). */
static double as_written(double v) {
    return isfinite(v) && fabs(v) < 1e9 ? llround(v * 1000.0) / 1000.0 : 0;
}

/* Moves PDF's pen to `target` (pt from the run's start) with a TJ number. */
static void move_pen(text_writer *w, double target) {
    double adjust = as_written((w->actual - target) * 1000.0 / w->size);
    if (adjust == 0) return;
    eb_content_show_adjust(w->c, adjust);
    w->actual -= adjust * w->size / 1000.0;
}

static void set_rise(text_writer *w, double rise) {
    if (rise == w->rise || as_written(rise) == as_written(w->rise)) return;
    eb_content_text_rise(w->c, rise);
    w->rise = rise;
}

/* The text a glyph stands for, clamped to the paragraph. */
static const char *glyph_text(const eb_para *para, const eb_glyph *g, size_t *len) {
    size_t start = g->text_start < para->text_len ? g->text_start : para->text_len;
    size_t avail = para->text_len - start;
    *len = g->text_len < avail ? g->text_len : avail;
    return para->text + start;
}

/* Draws glyph gid standing for text[0..len) with the pen at `x` (pt from
 * the run's start, the glyph's offset included); returns where the pen
 * was, as PDF will compute it. */
static double show_glyph(text_writer *w, uint32_t gid, const char *text, size_t len, double x, double rise) {
    eb_cid_use use = eb_pdf_font_use(w->font, gid, text, len);
    set_rise(w, rise);
    move_pen(w, x);
    double at = w->actual;
    if (use.text_mapped) {
        eb_content_show_glyph(w->c, use.cid);
    } else {
        eb_content_begin_actual_text(w->c, text, len);
        eb_content_show_glyph(w->c, use.cid);
        eb_content_end_marked(w->c);
    }
    w->actual += use.width * w->size / 1000.0;
    return at;
}

/* Selects the run's font on the page; false if libharu refused. */
static bool select_font(text_writer *w, const eb_run *run) {
    eb_pdf *pdf = w->page->pdf;
    w->font = eb_pdf_font_for(pdf, run->font);
    if (!w->font) return false;
    if (eb_content_font_is(w->c, w->font, w->size)) return true;
    const char *name = eb_hpdf_page_font_name(eb_pdf_backend(pdf), w->page->page,
                                              eb_pdf_font_objects(w->font));
    if (!name) {
        eb_diag_report(eb_pdf_diag(pdf), EB_ERROR, (eb_location){0},
                       "PDF: cannot use a font on the page: %s",
                       eb_hpdf_take_error(eb_pdf_backend(pdf)));
        return false;
    }
    eb_content_set_font(w->c, name, w->font, w->size);
    return true;
}

/* Right-to-left runs are drawn in logical order, from the right, so that
 * content order is reading order. poppler's pdftotext then still reads
 * them, reversing each right-to-left line as it does for text drawn left
 * to right, provided every character has a box of its own, strictly left
 * of the one before it, and no hair gaps between letters:
 *
 *  - a glyph drawn left of the previous one starts a new word (poppler
 *    breaks words when the pen goes back), so each character of a
 *    right-to-left run is a word of its own, and poppler sorts words by
 *    their left edge; a glyph whose left edge would not be left of the
 *    previous character's (the zero-width alef of lam-alef, a ZWNJ) is
 *    moved left, to EPS_EM left of it;
 *  - a glyph standing for several characters (a letter with its mark)
 *    keeps the first; each further one goes on an empty zero-advance glyph
 *    just left of it, since poppler lays a glyph's characters out left to
 *    right and would reverse them with the line (a font without such a
 *    glyph maps them reversed instead: struct-text then reads that
 *    cluster's characters reversed);
 *  - poppler puts a space between one-character words whose boxes are
 *    further apart than 1.3 times the smallest gap on the line, so a line
 *    whose letters all abut (gaps of 0, give or take rounding) needs one
 *    overlap: the second character of every word, where either of the two
 *    is right-to-left, is drawn EPS_EM into the first.
 *
 * EPS_EM is a thousandth of an em: 0.011 pt at 11 pt. Left-to-right runs
 * are drawn as laid out but for that nudge. */
#define EPS_EM 0.001

static bool is_white(const char *text, size_t len) {
    return len == 1 && (text[0] == ' ' || text[0] == '\t' || text[0] == '\n');
}

/* The length of the UTF-8 code point at text (1 for a broken byte). */
static size_t code_point_len(const char *text, size_t len) {
    uint32_t cp;
    size_t n = eb_utf8_decode(text, len, &cp);
    return n ? n : 1;
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

/* Draws glyph g of a run (pen at x, pt from the run's start). */
static void draw_char(text_writer *w, const eb_glyph *g, double x, bool rtl) {
    size_t len;
    const char *text = glyph_text(w->para, g, &len);
    double target = x + g->x_offset;
    if (len == 0 || is_white(text, len)) {  /* a mark (drawn where it goes), a space */
        show_glyph(w, g->gid, text, len, target, g->y_offset);
        if (len) w->in_word = 0, w->prev_in_run = false;
        return;
    }
    const double eps = EPS_EM * w->size;
    uint32_t carrier = 0;
    size_t ink_len = len;
    char reversed[64];
    const char *ink_text = text;
    if (rtl && code_point_len(text, len) < len) {
        const eb_font_info *info = eb_font_get_info(eb_pdf_font_source(w->font));
        carrier = info->is_cff ? 0 : eb_pdf_font_empty_glyph(w->font);
        if (carrier) {
            ink_len = code_point_len(text, len);
        } else if (len <= sizeof reversed) {
            reverse_code_points(text, len, reversed);
            ink_text = reversed;
        }
    }
    double prev = w->prev_left - w->left;
    if (w->in_word == 1 && (rtl || w->prev_rtl)) target += target < prev ? eps : -eps;
    if (rtl && w->prev_in_run && target > prev - eps) target = prev - eps;
    double at = show_glyph(w, g->gid, ink_text, ink_len, target, g->y_offset);
    for (size_t i = ink_len; i < len;) {
        size_t n = code_point_len(text + i, len - i);
        at = show_glyph(w, carrier, text + i, n, at - eps, g->y_offset);
        i += n;
    }
    w->prev_left = w->left + at;
    w->prev_rtl = rtl;
    w->prev_in_run = true;
    w->in_word++;
}

/* Draws a run whose left end is at (left, baseline) in PDF space. */
static void draw_run(text_writer *w, const eb_run *run, double left, double baseline) {
    if (!run->font || run->nglyphs == 0 || !(run->size > 0)) return;
    w->size = run->size;
    if (!select_font(w, run)) return;
    eb_content_text_move(w->c, left, baseline);
    w->actual = 0;
    w->left = as_written(left);  /* where the text line starts, as written */
    w->prev_in_run = false;
    double x = 0;
    if (run->rtl) {
        for (size_t i = 0; i < run->nglyphs; i++) x += run->glyphs[i].x_advance;
        for (size_t i = run->nglyphs; i-- > 0;) {
            x -= run->glyphs[i].x_advance;
            draw_char(w, &run->glyphs[i], x, true);
        }
    } else {
        for (size_t i = 0; i < run->nglyphs; i++) {
            draw_char(w, &run->glyphs[i], x, false);
            x += run->glyphs[i].x_advance;
        }
    }
    eb_content_show_end(w->c);
    set_rise(w, 0);
}

/* Draws a line, its runs in logical order; inside a structure element's
 * content, also hands the element the line's text. */
static void draw_line_runs(text_writer *w, size_t index, double x, double y) {
    const eb_line *line = &w->para->lines[index];
    double baseline = w->page->height - (y + line->baseline);
    w->in_word = 0;
    const eb_run *next = NULL;
    for (size_t k = 0; k < line->nruns; k++) {
        /* the next run in logical order: the first starting after `next` */
        const eb_run *best = NULL;
        for (size_t r = 0; r < line->nruns; r++) {
            const eb_run *run = &line->runs[r];
            if (next && (run->text_start < next->text_start || (run->text_start == next->text_start && run <= next)))
                continue;
            if (!best || run->text_start < best->text_start) best = run;
        }
        if (!best) break;
        next = best;
        draw_run(w, next, x + line->x + next->x, baseline);
    }
    if (w->page->element) eb_tags_note_text(eb_pdf_tags(w->page->pdf), w->page->element, w->para, index);
}

/* Opens a text object (or goes on in the open one) with the paragraph's
 * colour; lines go in between. */
static void begin_para(text_writer *w, eb_pdf_page *page, const eb_para *para) {
    *w = (text_writer){.page = page, .c = &page->content, .para = para};
    eb_content_note_drawing(w->c);
    eb_content_begin_text(w->c);
    eb_content_text_color(w->c, para->color);
}

/* Inside marked content the text object stays open for more text: the
 * sequence's EMC, or whatever else is drawn first, closes it. Outside,
 * nothing would. */
static void end_para(text_writer *w) {
    if (w->c->marked_depth == 0) eb_content_end_text(w->c);
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
