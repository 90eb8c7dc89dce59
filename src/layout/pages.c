/* Sets the blocks of a brief on pages: a single flow of blocks down the
 * page, breaking paragraphs between lines and tables between rows, with
 * headings kept with what follows them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pages_internal.h"

static const double A4[2] = {595.276, 841.890};
static const double LETTER[2] = {612.0, 792.0};

bool eb_paper_from_name(const char *name, eb_paper *paper) {
    if (strcmp(name, "a4") == 0 || strcmp(name, "A4") == 0) { *paper = EB_PAPER_A4; return true; }
    if (strcmp(name, "letter") == 0) { *paper = EB_PAPER_LETTER; return true; }
    return false;
}

const char *ebi_lang_bcp47(eb_lang lang) { return eb_lang_tag(lang); }

/* ---- geometry ------------------------------------------------------------------ */

static eb_page_plan *current(const eb_flow *f) { return &f->plan->pages[f->page]; }
bool ebi_flow_landscape(const eb_flow *f) { return current(f)->width > current(f)->height; }
double ebi_flow_left(const eb_flow *f) { (void)f; return f->margin_x; }
double ebi_flow_right(const eb_flow *f) { return current(f)->width - f->margin_x; }
double ebi_flow_bottom(const eb_flow *f) { return current(f)->height - f->margin_bottom; }
double ebi_flow_width(const eb_flow *f) { return ebi_flow_right(f) - ebi_flow_left(f); }
bool ebi_flow_fits(const eb_flow *f, double height) { return f->y + height <= ebi_flow_bottom(f) + 0.01; }

double ebi_flow_x(const eb_flow *f, double left, double right, double from_start, double w) {
    return f->rtl ? right - from_start - w : left + from_start;
}

void ebi_flow_new_page(eb_flow *f, bool landscape) {
    f->page = eb_plan_add_page(f->plan, landscape ? f->portrait_h : f->portrait_w,
                               landscape ? f->portrait_w : f->portrait_h);
    f->y = f->margin_top;
}

/* No space at the top of a page. */
static void flow_space_as_given(eb_flow *f, double points) {
    if (f->y > f->margin_top + 0.01) f->y += points;
}

void ebi_flow_space(eb_flow *f, double points) { flow_space_as_given(f, points * f->space_scale); }

/* ---- styles ------------------------------------------------------------------------ */

eb_text_style ebi_style(const eb_flow *f, eb_style_id id, eb_lang lang) {
    eb_text_style st = {.family = EB_FAMILY_SERIF, .size = 10, .lang = eb_lang_tag(lang),
                        .direction = lang == EB_LANG_FA ? EB_DIR_RTL : EB_DIR_LTR,
                        .align = EB_ALIGN_START, .color = COLOR_TEXT, .strict = f->strict};
    switch (id) {
    case ST_TITLE: st.family = EB_FAMILY_SANS; st.bold = true; st.size = 20; st.color = COLOR_ACCENT; st.line_height = 25; break;
    case ST_SUBTITLE: st.family = EB_FAMILY_SANS; st.size = 12; st.color = COLOR_MUTED; break;
    case ST_META_LABEL: st.family = EB_FAMILY_SANS; st.bold = true; st.size = 8.5; st.color = COLOR_MUTED; break;
    case ST_META_VALUE: st.family = EB_FAMILY_SANS; st.size = 8.5; break;
    case ST_H1: st.family = EB_FAMILY_SANS; st.bold = true; st.size = 14; st.color = COLOR_ACCENT; break;
    case ST_H2: st.family = EB_FAMILY_SANS; st.bold = true; st.size = 11; st.color = COLOR_ACCENT; break;
    case ST_BODY: st.align = EB_ALIGN_JUSTIFY; break;
    case ST_QUOTE: st.size = 10; st.align = EB_ALIGN_JUSTIFY; break;
    case ST_SUMMARY: st.size = 9; st.align = EB_ALIGN_JUSTIFY; break;
    case ST_RENDERING: st.size = 9; st.color = COLOR_MUTED; st.align = EB_ALIGN_JUSTIFY; break;
    case ST_SOURCE: st.family = EB_FAMILY_SANS; st.size = 7.5; st.color = COLOR_MUTED; break;
    case ST_NOTE: st.size = 9; st.color = COLOR_MUTED; st.align = EB_ALIGN_JUSTIFY; break;
    case ST_REFERENCE: st.size = 8; break;
    case ST_CAPTION: st.family = EB_FAMILY_SANS; st.bold = true; st.size = 9; break;
    case ST_CAPTION_RENDERING: st.family = EB_FAMILY_SANS; st.size = 8.5; st.color = COLOR_MUTED; break;
    case ST_CELL: st.family = EB_FAMILY_SANS; st.size = 8; break;
    case ST_CHART: st.family = EB_FAMILY_SANS; st.size = 8; break;
    case ST_CHART_NUMBER: st.family = EB_FAMILY_SANS; st.bold = true; st.size = 7; st.color = 0xFFFFFF; break;
    case ST_FURNITURE: st.family = EB_FAMILY_SANS; st.size = 7.5; st.color = COLOR_MUTED; break;
    case ST_BULLET: st.size = 10; st.color = COLOR_ACCENT; break;
    }
    /* On a right-to-left page, short left-to-right text (labels, numbers,
     * sources, table cells) still lines up with the page's start edge. */
    bool snippet = id != ST_BODY && id != ST_QUOTE && id != ST_SUMMARY && id != ST_RENDERING && id != ST_NOTE &&
                   id != ST_REFERENCE && id != ST_CHART_NUMBER;
    if (f->rtl && lang != EB_LANG_FA && snippet) st.align = EB_ALIGN_END;
    /* Naskh letters are small for their em; the same point size reads
     * smaller than Latin, so Persian is set a little larger. */
    if (lang == EB_LANG_FA) st.size *= 1.1;
    /* References and the page-1 summary are set tighter than running
     * text: lists to scan, not to read at length. */
    if (id == ST_REFERENCE) st.line_height = 1.3 * st.size;
    if (id == ST_SUMMARY) st.line_height = 1.38 * st.size;
    return st;
}

eb_para *ebi_flow_para_aligned(eb_flow *f, eb_style_id id, eb_span text, double width, eb_align align) {
    eb_text_style st = ebi_style(f, id, text.lang);
    st.align = align;
    st.origin = f->brief->file_name;
    const char *s = text.text ? text.text : "";
    eb_para *p = eb_para_layout(f->fonts, s, strlen(s), &st, width, f->diag);
    if (!p) p = eb_para_layout(f->fonts, "", 0, &st, width, f->diag);
    eb_plan_adopt(f->plan, p);
    return p;
}

eb_para *ebi_flow_para(eb_flow *f, eb_style_id id, eb_span text, double width) {
    return ebi_flow_para_aligned(f, id, text, width, ebi_style(f, id, text.lang).align);
}

double ebi_line_top(const eb_para *p, size_t line) {
    if (line == 0 || p->nlines == 0) return 0;
    if (line >= p->nlines) return p->height;
    return p->lines[line].baseline - p->lines[0].baseline;
}

/* ---- ops and elements ------------------------------------------------------------------ */

eb_op *ebi_flow_op(eb_flow *f, eb_op_kind kind, long element) {
    return eb_plan_add_op(f->plan, f->page, kind, element);
}

void ebi_flow_text(eb_flow *f, const eb_para *p, size_t first, size_t end, double x, double y, long element) {
    if (first >= end) return;
    eb_op *op = ebi_flow_op(f, EB_OP_TEXT, element);
    op->para = p;
    op->first_line = first;
    op->end_line = end;
    op->x = x;
    op->y = y;
    op->w = p->width;
    op->h = p->height;
}

long ebi_flow_element(eb_flow *f, eb_role role, long parent, const char *lang) {
    return eb_plan_add_element(f->plan, role, parent, lang);
}

/* ---- paragraphs across pages -------------------------------------------------------------- */

/* How many lines from `first` fit above the bottom of the page. */
static size_t lines_that_fit(const eb_flow *f, const eb_para *p, size_t first) {
    double avail = ebi_flow_bottom(f) - f->y;
    size_t n = 0;
    while (first + n < p->nlines &&
           ebi_line_top(p, first + n + 1) - ebi_line_top(p, first) <= avail + 0.01)
        n++;
    return n;
}

void ebi_flow_place(eb_flow *f, eb_para *p, double indent, long element) {
    double x = ebi_flow_x(f, ebi_flow_left(f), ebi_flow_right(f), indent, p->width);
    size_t line = 0;
    while (line < p->nlines) {
        size_t fit = lines_that_fit(f, p, line);
        size_t left = p->nlines - line;
        if (fit < left) {
            /* Keep at least two lines together at either end of a break. */
            if (fit + 1 == left && fit > 1) fit--;
            if (fit < 2 && left >= 2) fit = 0;
        }
        if (fit == 0) {
            if (f->y <= f->margin_top + 0.01) fit = 1; /* a line taller than a page: set it anyway */
            else {
                ebi_flow_new_page(f, ebi_flow_landscape(f));
                x = ebi_flow_x(f, ebi_flow_left(f), ebi_flow_right(f), indent, p->width);
                continue;
            }
        }
        ebi_flow_text(f, p, line, line + fit, x, f->y - ebi_line_top(p, line), element);
        f->y += ebi_line_top(p, line + fit) - ebi_line_top(p, line);
        line += fit;
        if (line < p->nlines) {
            ebi_flow_new_page(f, ebi_flow_landscape(f));
            x = ebi_flow_x(f, ebi_flow_left(f), ebi_flow_right(f), indent, p->width);
        }
    }
}

/* ---- blocks ---------------------------------------------------------------------------------- */

/* A paragraph laid out ahead of time (keep_with_next), when it is this one,
 * else a new one. A paragraph depends only on its text, style and width. */
static eb_para *kept_or_new_para(eb_flow *f, eb_style_id id, eb_span text, double width) {
    eb_para *p = f->kept_para;
    f->kept_para = NULL;
    if (p && f->kept_style == id && f->kept_text.text == text.text &&
        f->kept_text.lang == text.lang && p->width == width)
        return p;
    return ebi_flow_para(f, id, text, width);
}

static void place_simple(eb_flow *f, eb_style_id id, eb_span text, eb_role role, double before, double after) {
    ebi_flow_space(f, before);
    eb_para *p = kept_or_new_para(f, id, text, ebi_flow_width(f));
    long e = ebi_flow_element(f, role, f->root, eb_lang_tag(text.lang));
    ebi_flow_place(f, p, 0, e);
    f->y += after * f->space_scale;
}

/* A label: value row: the label's column, and the gap after the label. */
enum { META_LABEL_W = 92, META_GAP = 6 };

static void place_meta(eb_flow *f, const eb_block *b) {
    const double label_w = META_LABEL_W;
    double width = ebi_flow_width(f);
    eb_para *label = ebi_flow_para(f, ST_META_LABEL, b->label, label_w - META_GAP);
    eb_para *value = ebi_flow_para(f, ST_META_VALUE, b->text, width - label_w);
    double h = label->height > value->height ? label->height : value->height;
    if (!ebi_flow_fits(f, h)) ebi_flow_new_page(f, false);
    /* The rows of the title block are a table to assistive technology: a
     * row header (the label, in the brief's language) and a cell (the
     * value, in its own), so that they are not read as one run-on word. */
    if (f->meta_table == EB_NO_ELEMENT) f->meta_table = ebi_flow_element(f, EB_ROLE_TABLE, f->root, NULL);
    long row = ebi_flow_element(f, EB_ROLE_TABLE_ROW, f->meta_table, NULL);
    long th = ebi_flow_element(f, EB_ROLE_TABLE_HEADER_CELL, row, eb_lang_tag(b->label.lang));
    long td = ebi_flow_element(f, EB_ROLE_TABLE_CELL, row, eb_lang_tag(b->text.lang));
    double lx = ebi_flow_x(f, ebi_flow_left(f), ebi_flow_right(f), 0, label->width);
    double vx = ebi_flow_x(f, ebi_flow_left(f), ebi_flow_right(f), label_w, value->width);
    ebi_flow_text(f, label, 0, label->nlines, lx, f->y, th);
    ebi_flow_text(f, value, 0, value->nlines, vx, f->y, td);
    f->y += h + 1;
}

double ebi_height_ahead(eb_flow *f, eb_style_id id, eb_span text, double width) {
    if (!text.text) return 0;
    eb_text_style st = ebi_style(f, id, text.lang);
    /* a measurement with no diag: the text's own layout reports what no
     * font covers, once (a fuzzed brief reached eb_diag with NULL here) */
    st.strict = EB_UNCOVERED_REPORTED;
    eb_para *p = eb_para_layout(f->fonts, text.text, strlen(text.text), &st, width, NULL);
    double h = p ? p->height : 0;
    eb_para_destroy(p);
    return h;
}

/* A list item is kept whole (its text, the original under it, its source)
 * when it takes at most this share of a page: a finding is not parted
 * from its rendering, nor its source line left alone at a page top. */
#define KEEP_WHOLE_SHARE (1.0 / 3)

/* The height a paragraph needs on the page where it starts: all of it
 * up to three lines (a break would leave one line alone at an end), else
 * two lines. */
static double first_lines(const eb_para *p) {
    return p->nlines <= 3 ? p->height : ebi_line_top(p, 2);
}

static double bullet_height(const eb_para *text, const eb_para *rendering, const eb_para *source) {
    return text->height + (rendering ? 1 + rendering->height : 0) + (source ? 1 + source->height : 0);
}

static double page_body_height(const eb_flow *f) { return ebi_flow_bottom(f) - f->margin_top; }

/* What of a list must stand where it starts: its first item, whole when
 * place_bullet keeps it whole, else its first lines. */
static double list_start_height(eb_flow *f, const eb_block *b) {
    if (!b->nbullets) return 0;
    const eb_bullet *item = &b->bullets[0];
    double width = ebi_flow_width(f) - 14;
    double h = ebi_height_ahead(f, b->summary ? ST_SUMMARY : ST_QUOTE, item->text, width);
    if (item->rendering.text) h += 1 + ebi_height_ahead(f, ST_RENDERING, item->rendering, width);
    if (item->source)
        h += 1 + ebi_height_ahead(f, ST_SOURCE, (eb_span){item->source, eb_locale_lang(f->brief->locale)}, width);
    return h <= KEEP_WHOLE_SHARE * page_body_height(f) ? h + 2 : 32;
}

/* The least of a block that must stand on the same page as the heading
 * before it: two lines of text, a table's caption, header and first row, a
 * whole chart, the first item of a list, a subheading with what it keeps.
 * A short introduction is kept together with what it introduces. */
static double keep_with_next(eb_flow *f, const eb_block *next, const eb_block *end) {
    if (next >= end) return 0;
    switch (next->kind) {
    case EB_BLOCK_TABLE: return ebi_table_min_height(f, next->table);
    case EB_BLOCK_CHART: return ebi_chart_height(next->chart);
    case EB_BLOCK_BULLETS: return list_start_height(f, next);
    case EB_BLOCK_HEADING: {
        eb_style_id id = next->level == 1 ? ST_H1 : ST_H2;
        /* as place_heading will need it: the space above (16 or 10) and
         * the 8 its own keep adds, so that a subheading estimated to fit
         * does not then move on alone, stranding the heading above it */
        double h = ebi_height_ahead(f, id, next->text, ebi_flow_width(f)) + (next->level == 1 ? 24 : 18);
        return h + keep_with_next(f, next + 1, end);
    }
    case EB_BLOCK_PARAGRAPH: {
        eb_para *p = ebi_flow_para(f, ST_BODY, next->text, ebi_flow_width(f));
        f->kept_para = p;
        f->kept_style = ST_BODY;
        f->kept_text = next->text;
        /* an introduction (at most four lines) goes with what it introduces */
        if (p->nlines <= 4 && next + 1 < end && next[1].kind != EB_BLOCK_PARAGRAPH)
            return p->height + 6 + keep_with_next(f, next + 1, end);
        return first_lines(p) + 2;
    }
    case EB_BLOCK_REFERENCE: {
        /* a heading over references keeps two lines under it: the first
         * reference, and when that is one line what of the next one
         * place_reference needs where it starts (all of it up to three
         * lines, else two) */
        double line = 1.45 * ebi_style(f, ST_REFERENCE, next->text.lang).size;  /* paragraph.c's leading */
        double h = ebi_height_ahead(f, ST_REFERENCE, next->text, ebi_flow_width(f) - (next->label.text ? 34 : 0));
        if (h < 1.5 * line && next + 1 < end && next[1].kind == EB_BLOCK_REFERENCE) {
            const eb_block *second = next + 1;
            double h2 = ebi_height_ahead(f, ST_REFERENCE, second->text, ebi_flow_width(f) - (second->label.text ? 34 : 0));
            h += 3 + (h2 > 3.5 * line ? 2 * line : h2);
        }
        return h + 3 > 32 ? h + 3 : 32;
    }
    case EB_BLOCK_NOTE: {
        eb_para *p = ebi_flow_para(f, ST_NOTE, next->text, ebi_flow_width(f));
        f->kept_para = p;
        f->kept_style = ST_NOTE;
        f->kept_text = next->text;
        return first_lines(p) + 2;
    }
    default: return 32;
    }
}

/* The height of a short section of plain text (paragraphs, notes, label:
 * value rows) after its level-1 heading, as place_block sets it; 0 when
 * the section holds anything else or is longer than `limit`. */
static double short_section_height(eb_flow *f, const eb_block *b, const eb_block *end, double limit) {
    double h = 0, width = ebi_flow_width(f);
    for (; b < end && !(b->kind == EB_BLOCK_HEADING && b->level == 1) && h <= limit; b++) {
        if (b->kind == EB_BLOCK_PARAGRAPH) h += ebi_height_ahead(f, ST_BODY, b->text, width) + 6;
        else if (b->kind == EB_BLOCK_NOTE) h += ebi_height_ahead(f, ST_NOTE, b->text, width) + 6;
        else if (b->kind == EB_BLOCK_META) {
            double label = ebi_height_ahead(f, ST_META_LABEL, b->label, META_LABEL_W - META_GAP);
            double value = ebi_height_ahead(f, ST_META_VALUE, b->text, width - META_LABEL_W);
            h += (label > value ? label : value) + 1;
        }
        else return 0;
    }
    return h <= limit ? h : 0;
}

/* A heading must not end a page: it moves on with the first lines of what
 * follows it. A short section of plain text (the closing "About this
 * brief" and its rows) is not split at all: it moves on whole. */
static void place_heading(eb_flow *f, const eb_block *b, const eb_block *end) {
    eb_style_id id = b->level == 1 ? ST_H1 : ST_H2;
    ebi_flow_space(f, b->level == 1 ? 16 : 10);
    eb_para *p = ebi_flow_para(f, id, b->text, ebi_flow_width(f));
    double keep = p->height + 8 + keep_with_next(f, b + 1, end);
    double page_height = ebi_flow_bottom(f) - f->margin_top;
    double whole = b->level == 1 ? short_section_height(f, b + 1, end, page_height * KEEP_WHOLE_SHARE) : 0;
    if (whole > 0 && p->height + 8 + whole > keep) keep = p->height + 8 + whole;
    if (keep > page_height) keep = p->height + 40;
    if (!ebi_flow_fits(f, keep)) ebi_flow_new_page(f, ebi_flow_landscape(f));
    f->last_heading = b->text;
    long e = ebi_flow_element(f, b->level == 1 ? EB_ROLE_H1 : EB_ROLE_H2, f->root, eb_lang_tag(b->text.lang));
    const char *title = b->title ? b->title : b->text.text;
    if (b->outline) eb_plan_add_outline(f->plan, title, b->level, f->page, f->y);
    ebi_flow_place(f, p, 0, e);
    if (b->level == 1) {
        eb_op *rule = ebi_flow_op(f, EB_OP_RULE, EB_NO_ELEMENT);
        rule->x = ebi_flow_left(f);
        rule->y = f->y + 2;
        rule->w = ebi_flow_width(f);
        rule->line_width = 0.6;
        rule->color = COLOR_RULE;
        f->y += 6;
    } else {
        f->y += 3;
    }
}

/* A list item or reference of the other direction than the page (a
 * Chinese reference in a Persian brief) hangs its bullet or number on its
 * own start side: beside its first word, where every reader meets it
 * first, not at the end of its first line. Returns the page's direction
 * to put back. */
static bool take_direction(eb_flow *f, const eb_para *text) {
    bool page_rtl = f->rtl;
    if (text->nlines) f->rtl = text->rtl;
    return page_rtl;
}

static void place_bullet(eb_flow *f, const eb_bullet *item, long list, eb_style_id style) {
    const double indent = 14;
    double width = ebi_flow_width(f) - indent;
    long li = ebi_flow_element(f, EB_ROLE_LIST_ITEM, list, NULL);
    long lbl = ebi_flow_element(f, EB_ROLE_LIST_LABEL, li, NULL);
    long body = ebi_flow_element(f, EB_ROLE_LIST_BODY, li, NULL);
    eb_para *text = ebi_flow_para(f, style, item->text, width);
    eb_para *r = item->rendering.text ? ebi_flow_para(f, ST_RENDERING, item->rendering, width) : NULL;
    eb_para *s = item->source ? ebi_flow_para(f, ST_SOURCE, (eb_span){item->source, eb_locale_lang(f->brief->locale)}, width) : NULL;
    double whole = bullet_height(text, r, s);
    double need = whole <= KEEP_WHOLE_SHARE * page_body_height(f) ? whole : first_lines(text);
    if (!ebi_flow_fits(f, need)) ebi_flow_new_page(f, ebi_flow_landscape(f));
    bool page_rtl = take_direction(f, text);
    /* the bullet in the item's language, on the item's side of its box */
    eb_para *mark = ebi_flow_para(f, ST_BULLET, (eb_span){"•", item->text.lang}, indent);
    double mx = ebi_flow_x(f, ebi_flow_left(f), ebi_flow_right(f), 2, mark->width);
    double dy = text->nlines && mark->nlines ? text->lines[0].baseline - mark->lines[0].baseline : 0;
    ebi_flow_text(f, mark, 0, mark->nlines, mx, f->y + dy, lbl);
    long p = ebi_flow_element(f, EB_ROLE_P, body, eb_lang_tag(item->text.lang));
    ebi_flow_place(f, text, indent, p);
    if (r) {
        f->y += 1;
        ebi_flow_place(f, r, indent, ebi_flow_element(f, EB_ROLE_P, body, eb_lang_tag(item->rendering.lang)));
    }
    if (s) {
        f->y += 1;
        ebi_flow_place(f, s, indent, ebi_flow_element(f, EB_ROLE_P, body, NULL));
    }
    f->rtl = page_rtl;
    f->y += 5;
}

static void place_bullets(eb_flow *f, const eb_block *b) {
    long list = ebi_flow_element(f, EB_ROLE_LIST, f->root, NULL);
    ebi_flow_space(f, 2);
    for (size_t i = 0; i < b->nbullets; i++) place_bullet(f, &b->bullets[i], list, b->summary ? ST_SUMMARY : ST_QUOTE);
}

/* A reference hangs its number in a narrow column ("[123]" at 8 pt) and
 * leaves little space after it: the list is set compactly. */
static void place_reference(eb_flow *f, const eb_block *b) {
    const double indent = b->label.text ? 24 : 0;
    double width = ebi_flow_width(f) - indent;
    eb_para *text = ebi_flow_para(f, ST_REFERENCE, b->text, width);
    long e = ebi_flow_element(f, EB_ROLE_P, f->root, eb_lang_tag(b->text.lang));
    /* the number is drawn here: the text must start here too */
    if (!ebi_flow_fits(f, first_lines(text))) ebi_flow_new_page(f, false);
    double top = f->y;
    size_t start_page = f->page;
    bool page_rtl = take_direction(f, text);
    if (b->label.text) {
        eb_para *label = ebi_flow_para(f, ST_REFERENCE, b->label, indent - 4);
        ebi_flow_text(f, label, 0, label->nlines, ebi_flow_x(f, ebi_flow_left(f), ebi_flow_right(f), 0, label->width), f->y, e);
    }
    ebi_flow_place(f, text, indent, e);
    if (b->link && f->page == start_page) {
        long link = ebi_flow_element(f, EB_ROLE_LINK, e, NULL);
        eb_op *op = ebi_flow_op(f, EB_OP_LINK, link);
        op->x = ebi_flow_x(f, ebi_flow_left(f), ebi_flow_right(f), indent, width);
        op->y = top;
        op->w = width;
        op->h = f->y - top;
        op->uri = b->link;
    }
    f->rtl = page_rtl;
    f->y += 1.5;
}

/* ---- landscape pages ------------------------------------------------------------------------ */

/* An introduction short enough to go with its table onto a landscape page
 * (about five lines at the portrait width). */
#define SHORT_INTRO_HEIGHT 72.0

static bool short_intro(eb_flow *f, const eb_block *b) {
    if (b->kind != EB_BLOCK_PARAGRAPH && b->kind != EB_BLOCK_NOTE) return false;
    double portrait_text_width = f->portrait_w - 2 * f->margin_x;
    return ebi_height_ahead(f, b->kind == EB_BLOCK_NOTE ? ST_NOTE : ST_BODY, b->text, portrait_text_width) <=
           SHORT_INTRO_HEIGHT;
}

/* The blocks from b that stand on landscape pages together: a table set
 * landscape with the headings and short introduction before it (they are
 * kept with it). Returns the table's block, or NULL when b starts none. */
static const eb_block *landscape_group(eb_flow *f, const eb_block *b, const eb_block *end) {
    if (b->kind != EB_BLOCK_TABLE && b->kind != EB_BLOCK_HEADING) return NULL;
    bool intro_seen = false;
    for (const eb_block *k = b; k < end; k++) {
        if (k->kind == EB_BLOCK_TABLE) return ebi_table_landscape(f, k->table) ? k : NULL;
        if (k->kind == EB_BLOCK_HEADING && !intro_seen) continue;
        if (intro_seen || !short_intro(f, k)) return NULL;
        intro_seen = true;
    }
    return NULL;
}

/* Landscape pages float: when the portrait page before them still has
 * room, the next section fills it, and they come after it (a typesetter's
 * float, at the head of the next page; the structure tree keeps the
 * logical order, the table where the text has it). What continues the
 * table's own section (its caveats, "these studies") follows the table
 * instead. A page with nothing on it yet turns. */
static void enter_landscape(eb_flow *f) {
    if (ebi_flow_landscape(f)) return;
    eb_page_plan *page = current(f);
    if (page->nops == 0 && f->y <= f->margin_top + 0.01) {
        double w = page->width;
        page->width = page->height;
        page->height = w;
        return;
    }
    f->backfill = true;
    f->backfill_page = f->page;
    f->backfill_y = f->y;
    ebi_flow_new_page(f, true);
}

/* Only landscape groups stand on landscape pages: a new section after
 * them goes back to the page they floated out of, anything else to a new
 * portrait page. */
static void leave_landscape(eb_flow *f, const eb_block *b) {
    if (!ebi_flow_landscape(f)) return;
    bool new_section = b->kind == EB_BLOCK_HEADING && b->level == 1;
    if (f->backfill && new_section) {
        f->backfill = false;
        f->page = f->backfill_page;
        f->y = f->backfill_y;
        return;
    }
    f->backfill = false;
    ebi_flow_new_page(f, false);
}

static void place_block(eb_flow *f, const eb_block *b, const eb_block *end) {
    if (b->kind != EB_BLOCK_META) f->meta_table = EB_NO_ELEMENT;
    switch (b->kind) {
    case EB_BLOCK_TITLE: place_simple(f, ST_TITLE, b->text, EB_ROLE_TITLE, 0, 4); break;
    case EB_BLOCK_SUBTITLE: place_simple(f, ST_SUBTITLE, b->text, EB_ROLE_P, 0, 6); break;
    case EB_BLOCK_META: place_meta(f, b); break;
    case EB_BLOCK_HEADING: place_heading(f, b, end); break;
    case EB_BLOCK_PARAGRAPH: place_simple(f, ST_BODY, b->text, EB_ROLE_P, 2, 4); break;
    case EB_BLOCK_QUOTE: place_simple(f, ST_QUOTE, b->text, EB_ROLE_P, 2, 2); break;
    case EB_BLOCK_RENDERING: place_simple(f, ST_RENDERING, b->text, EB_ROLE_P, 0, 4); break;
    case EB_BLOCK_NOTE: place_simple(f, ST_NOTE, b->text, EB_ROLE_P, 2, 4); break;
    case EB_BLOCK_BULLETS: place_bullets(f, b); break;
    case EB_BLOCK_TABLE: ebi_place_table(f, b->table, f->root); break;
    case EB_BLOCK_CHART: ebi_place_chart(f, b->chart, f->root); break;
    case EB_BLOCK_REFERENCE: place_reference(f, b); break;
    case EB_BLOCK_BRAND: ebi_place_letterhead(f, b); break;
    }
}

/* ---- the summary's panel ------------------------------------------------------------------ */

/* A light panel behind the page-1 summary (its blocks are marked
 * `summary`): a fill put before the panel's first op on each page it
 * covers, so that its text is drawn over it; an artifact, not content. */
enum { PANEL_PAD = 6 };

static void panel_fill(eb_flow *f, size_t page, size_t at, double top, double bottom) {
    if (bottom <= top) return;
    size_t current_page = f->page;
    f->page = page;
    eb_op fill = {.kind = EB_OP_FILL, .x = ebi_flow_left(f) - PANEL_PAD, .y = top,
                  .w = ebi_flow_width(f) + 2 * PANEL_PAD, .h = bottom - top, .color = COLOR_PANEL, .element = EB_NO_ELEMENT};
    ebi_flow_op(f, EB_OP_FILL, EB_NO_ELEMENT); /* one op more on the page, then moved to `at` */
    eb_page_plan *p = &f->plan->pages[page];
    memmove(&p->ops[at + 1], &p->ops[at], (p->nops - 1 - at) * sizeof *p->ops);
    p->ops[at] = fill;
    f->page = current_page;
}

static void panel_open(eb_flow *f) {
    f->panel_open = true;
    f->panel_page = f->page;
    f->panel_op = f->plan->pages[f->page].nops;
    f->panel_top = f->y - PANEL_PAD;
}

static void panel_close(eb_flow *f) {
    f->panel_open = false;
    double bottom_of_start = f->panel_page == f->page ? f->y + PANEL_PAD / 2.0 : ebi_flow_bottom(f);
    panel_fill(f, f->panel_page, f->panel_op, f->panel_top, bottom_of_start);
    for (size_t p = f->panel_page + 1; p <= f->page; p++)
        panel_fill(f, p, 0, f->margin_top - PANEL_PAD, p == f->page ? f->y + PANEL_PAD / 2.0 : ebi_flow_bottom(f));
}

static void place_in_panel(eb_flow *f, const eb_block *b, const eb_block *end) {
    if (b->summary && !f->panel_open) {
        /* the panel starts where the block's own space above ends; that
         * space is never tightened (a widow page's setting): the panel's
         * pad must clear the rule of the heading above it */
        flow_space_as_given(f, 4);
        panel_open(f);
    }
    place_block(f, b, end);
    if (f->panel_open && (b + 1 >= end || !b[1].summary)) panel_close(f);
}

static void place_blocks(eb_flow *f, const eb_block *b, const eb_block *end) {
    while (b < end) {
        const eb_block *table = landscape_group(f, b, end);
        if (!table) {
            leave_landscape(f, b);
            place_in_panel(f, b, end);
            b++;
            continue;
        }
        enter_landscape(f);
        for (; b <= table; b++) place_in_panel(f, b, end);
    }
}

/* ---- page furniture ------------------------------------------------------------------------- */

static void place_furniture(eb_flow *f, size_t page) {
    const eb_brief *b = f->brief;
    eb_lang lang = eb_locale_lang(b->locale);
    f->page = page;
    double left = ebi_flow_left(f), right = ebi_flow_right(f), width = right - left;
    eb_para *head = ebi_flow_para(f, ST_FURNITURE, (eb_span){b->running_title, lang}, width);
    ebi_flow_text(f, head, 0, head->nlines, left, f->margin_top - 30, EB_NO_ELEMENT);
    eb_op *rule = ebi_flow_op(f, EB_OP_RULE, EB_NO_ELEMENT);
    rule->x = left;
    rule->y = f->margin_top - 14;
    rule->w = width;
    rule->line_width = 0.4;
    rule->color = COLOR_RULE;
    char numbers[96], n[32], total[32];
    eb_locale_number(b->locale, (long)page + 1, n, sizeof n);
    eb_locale_number(b->locale, (long)f->plan->npages, total, sizeof total);
    snprintf(numbers, sizeof numbers, b->page_label, n, total);
    eb_para *foot = ebi_flow_para_aligned(f, ST_FURNITURE, (eb_span){numbers, lang},
                                         width, EB_ALIGN_CENTER);
    ebi_flow_text(f, foot, 0, foot->nlines, left, current(f)->height - f->margin_bottom + 22, EB_NO_ELEMENT);
    if (b->footer_note.text) ebi_place_footer_note(f, b->footer_note, current(f)->height - f->margin_bottom + 33);
}

/* The brief set with the space between blocks scaled; *last_fill is the
 * share of the last page's text area its content takes. */
static eb_doc_plan *plan_spaced(eb_fontset *fonts, const eb_brief *brief, eb_paper paper, eb_uncovered strict,
                                eb_diag *diag, double space_scale, double *last_fill) {
    eb_doc_plan *plan = eb_plan_create(eb_lang_tag(eb_locale_lang(brief->locale)));
    const double *size = paper == EB_PAPER_LETTER ? LETTER : A4;
    eb_flow f = {.fonts = fonts, .brief = brief, .diag = diag, .strict = strict, .plan = plan,
                 .portrait_w = size[0], .portrait_h = size[1], .margin_x = 54,
                 .margin_top = 66, .margin_bottom = 60, .rtl = brief->rtl, .meta_table = EB_NO_ELEMENT,
                 .space_scale = space_scale};
    f.root = ebi_flow_element(&f, EB_ROLE_DOCUMENT, EB_NO_ELEMENT, NULL);
    ebi_flow_new_page(&f, false);
    place_blocks(&f, brief->blocks, brief->blocks + brief->nblocks);
    if (f.cached_layout) eb_table_layout_destroy(f.cached_layout);
    *last_fill = (f.y - f.margin_top) / (ebi_flow_bottom(&f) - f.margin_top);
    size_t npages = plan->npages;
    for (size_t p = 0; p < npages; p++) place_furniture(&f, p);
    return plan;
}

/* A last page under a quarter full (the closing section alone, a few
 * lines) costs a page the brief may not need: it is set again with the
 * space between its blocks (before and after paragraphs and headings, not
 * inside lists or tables) tightened step by step, and the first setting
 * that saves the page without leaving another last page this empty is
 * taken. Only such briefs change; the text and its keeps stay as they are
 * (docs/briefs.md has the briefs and pages it saves). */
#define WIDOW_PAGE_FILL 0.25
static const double widow_space_scales[] = {0.8, 0.6, 0.4};

eb_doc_plan *eb_plan_brief(eb_fontset *fonts, const eb_brief *brief, eb_paper paper, eb_uncovered strict,
                           eb_diag *diag) {
    size_t errors = eb_diag_thread_errors();
    double fill = 1;
    eb_doc_plan *plan = plan_spaced(fonts, brief, paper, strict, diag, 1, &fill);
    if (plan->npages < 2 || fill >= WIDOW_PAGE_FILL || eb_diag_thread_errors() != errors) return plan;
    /* the same text: whatever it has to report was reported above */
    eb_diag *silent = eb_diag_create(NULL);
    for (size_t i = 0; i < sizeof widow_space_scales / sizeof widow_space_scales[0]; i++) {
        eb_doc_plan *tight = plan_spaced(fonts, brief, paper, strict, silent, widow_space_scales[i], &fill);
        /* a page saved only to leave another widow page is no gain */
        if (tight->npages < plan->npages && fill >= WIDOW_PAGE_FILL) {
            eb_plan_destroy(plan);
            plan = tight;
            break;
        }
        eb_plan_destroy(tight);
    }
    eb_diag_destroy(silent);
    return plan;
}
