/* Drawing laid-out paragraphs: each run becomes a Td to its start and a TJ
 * of two-byte CIDs (Identity-H), consecutive glyphs in one hex string, with
 * adjustments that put every glyph where HarfBuzz and the layout placed it.
 * The colour (rg) and font (Tf) are written only when they change, and one
 * text object holds consecutive lines and paragraphs until something else
 * is drawn or their marked content ends (pdf_content.c).
 *
 * PDF advances the pen by each glyph's /W width; the layout's advances
 * differ (kerning, justification, the Han-Latin gap, x offsets of marks).
 * The writer tracks two pens, where the glyph should be and where PDF will
 * put it given what was already written (rounding included), and writes the
 * difference before each glyph, so errors never accumulate.
 *
 * Right-to-left runs come in visual order and are drawn that way; their
 * logical order comes back through the ToUnicode map (ActualText around a
 * whole RTL run makes poppler reverse it). */
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
    double ideal, actual;  /* pen positions from the run's start, pt */
    double rise;           /* current Ts, pt */
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

/* A glyph of a right-to-left run that stands for several characters (a
 * letter with its hamza, say) is mapped in visual order, like the glyphs
 * around it: extractors (poppler, pdf.js) lay a glyph's characters out left
 * to right and then reverse right-to-left lines, which restores logical
 * order only if the glyph's own characters were stored reversed. */
static void draw_glyph(text_writer *w, const eb_glyph *g, bool rtl) {
    size_t len;
    const char *text = glyph_text(w->para, g, &len);
    char reversed[64];
    if (rtl && len > 1 && len <= sizeof reversed && eb_utf8_count(text, len) > 1) {
        reverse_code_points(text, len, reversed);
        text = reversed;
    }
    eb_cid_use use = eb_pdf_font_use(w->font, g->gid, text, len);
    set_rise(w, g->y_offset);
    move_pen(w, w->ideal + g->x_offset);
    if (use.text_mapped) {
        eb_content_show_glyph(w->c, use.cid);
    } else {
        eb_content_begin_actual_text(w->c, text, len);
        eb_content_show_glyph(w->c, use.cid);
        eb_content_end_marked(w->c);
    }
    w->actual += use.width * w->size / 1000.0;
    w->ideal += g->x_advance;
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

/* Draws a run whose left end is at (left, baseline) in PDF space. */
static void draw_run(text_writer *w, const eb_run *run, double left, double baseline) {
    if (!run->font || run->nglyphs == 0 || !(run->size > 0)) return;
    w->size = run->size;
    if (!select_font(w, run)) return;
    eb_content_text_move(w->c, left, baseline);
    w->ideal = w->actual = 0;
    for (size_t i = 0; i < run->nglyphs; i++) draw_glyph(w, &run->glyphs[i], run->rtl);
    eb_content_show_end(w->c);
    set_rise(w, 0);
}

/* Draws a line; inside a structure element's content, also hands the
 * element the line's text (for its ActualText). */
static void draw_line_runs(text_writer *w, size_t index, double x, double y) {
    const eb_line *line = &w->para->lines[index];
    double baseline = w->page->height - (y + line->baseline);
    for (size_t r = 0; r < line->nruns; r++)
        draw_run(w, &line->runs[r], x + line->x + line->runs[r].x, baseline);
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
