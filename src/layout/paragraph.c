/* paragraph: builds eb_para from the analysed, shaped and broken text.
 * Lines are chosen in logical order; each is then reordered on its own
 * (FriBidi's fribidi_reorder_line: rule L1 for trailing spaces, L2 for the
 * order of runs) in the base direction of its bidi paragraph, widened by
 * the Han-Latin gaps and justification, and placed by its alignment, whose
 * start edge is that direction's. Runs point into one glyph store the para
 * owns. */
#include <linebreak.h>
#include <stdlib.h>
#include <string.h>

#include "layout_internal.h"
#include "util.h"

/* A stretch of a line inside one item at one (L1-adjusted) level. */
typedef struct {
    size_t start, end; /* characters */
    size_t item;
} piece;

typedef struct {
    eb_analysis *t;
    FriBidiStrIndex *map; /* visual position -> logical character, per line */
    double width;
} line_builder;

/* ---- pieces and their visual order ----------------------------------------- */

static size_t item_at(const eb_analysis *t, size_t ch) {
    size_t lo = 0, hi = t->nitems - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (t->items[mid].start <= ch) lo = mid;
        else hi = mid - 1;
    }
    return lo;
}

static piece *split_pieces(const eb_analysis *t, size_t start, size_t end, size_t *count) {
    size_t n = 0, cap = 8;
    piece *pieces = eb_xmalloc(cap * sizeof *pieces);
    size_t item = item_at(t, start);
    for (size_t from = start; from < end;) {
        while (t->items[item].end <= from) item++;
        size_t to = from + 1;
        while (to < end && to < t->items[item].end && t->levels[to] == t->levels[from]) to++;
        if (n == cap) pieces = eb_xrealloc(pieces, (cap *= 2) * sizeof *pieces);
        pieces[n++] = (piece){from, to, item};
        from = to;
    }
    *count = n;
    return pieces;
}

static size_t piece_of(const piece *pieces, size_t count, size_t ch) {
    size_t lo = 0, hi = count - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (pieces[mid].start <= ch) lo = mid;
        else hi = mid - 1;
    }
    return lo;
}

/* Rules L1 (trailing white space to the paragraph level) and L2 by FriBidi,
 * then the pieces in the order their characters appear visually. */
static size_t *visual_order(line_builder *b, eb_line_range span, FriBidiParType dir,
                            piece **pieces_out, size_t *count) {
    eb_analysis *t = b->t;
    FriBidiStrIndex len = (FriBidiStrIndex)(span.end - span.start);
    for (size_t i = span.start; i < span.end; i++) b->map[i] = (FriBidiStrIndex)i;
    if (fribidi_reorder_line(0, t->types, len, (FriBidiStrIndex)span.start, dir, t->levels,
                             NULL, b->map) == 0)
        for (size_t i = span.start; i < span.end; i++) /* FriBidi out of memory: logical */
            b->map[i] = (FriBidiStrIndex)i;
    piece *pieces = split_pieces(t, span.start, span.end, count);
    size_t *order = eb_xmalloc(*count * sizeof *order);
    size_t n = 0, current = SIZE_MAX;
    for (size_t v = span.start; v < span.end; v++) {
        size_t p = piece_of(pieces, *count, (size_t)b->map[v]);
        if (p != current) order[n++] = current = p;
    }
    *pieces_out = pieces;
    return order;
}

/* ---- extra space: Han-Latin gaps and justification --------------------------- */

typedef struct {
    const eb_analysis *t;
    size_t start, content_end; /* content_end: where trailing spaces begin */
    float *extra;              /* per character of the line: space right of its cluster */
} line_extras;

static size_t cluster_start(const eb_analysis *t, size_t ch) {
    while (ch > 0 && !(t->flags[ch] & EB_CH_CLUSTER_START)) ch--;
    return ch;
}

/* Widens the boundary between the cluster holding `left` and the one
 * starting at `right` (logical order). Glyph advances widen to the right,
 * so the space goes to whichever cluster is drawn on the left. A cluster
 * that starts before the line (a hard break merged with the mark after it)
 * is drawn on the line before: nothing to widen here. */
static void widen_between(line_extras *x, size_t left, size_t right, double amount) {
    const eb_analysis *t = x->t;
    bool rtl = (t->levels[left] & 1) && (t->levels[right] & 1);
    size_t ch = rtl ? right : cluster_start(t, left);
    if (ch >= x->start) x->extra[ch - x->start] += (float)amount;
}

static void add_gaps(line_extras *x) {
    for (size_t i = x->start + 1; i < x->content_end; i++)
        if (x->t->flags[i] & EB_CH_GAP_BEFORE) widen_between(x, i - 1, i, x->t->gap);
}

static size_t next_cluster(const eb_analysis *t, size_t ch, size_t end) {
    do ch++;
    while (ch < end && !(t->flags[ch] & EB_CH_CLUSTER_START));
    return ch;
}

/* Counts the places justification may widen (word spaces; with CJK, also
 * between characters next to an ideograph), and widens each by `amount`. */
static size_t justify_places(line_extras *x, bool cjk, double amount) {
    const eb_analysis *t = x->t;
    size_t count = 0;
    for (size_t i = x->start; i < x->content_end; i = next_cluster(t, i, x->content_end)) {
        size_t next = next_cluster(t, i, x->content_end);
        bool place = false;
        if (t->flags[i] & EB_CH_STRETCH) {
            place = true;
            x->extra[i - x->start] += (float)amount;
        } else if (cjk && next < x->content_end && !(t->flags[next] & EB_CH_SPACE) &&
                   !(t->flags[i] & EB_CH_SPACE) && ((t->flags[i] | t->flags[next]) & EB_CH_CJK)) {
            place = true;
            widen_between(x, i, next, amount);
        }
        count += place;
    }
    return count;
}

static void justify(line_extras *x, double slack) {
    bool cjk = false;
    for (size_t i = x->start; i < x->content_end && !cjk; i++) cjk = x->t->flags[i] & EB_CH_CJK;
    size_t places = justify_places(x, cjk, 0);
    if (places > 0 && slack > 0) justify_places(x, cjk, slack / (double)places);
}

/* ---- runs ------------------------------------------------------------------------ */

/* The glyphs of `item` whose clusters lie in bytes [from, to): a slice,
 * since clusters rise (LTR) or fall (RTL) monotonically along the glyphs. */
static void glyph_slice(const eb_analysis *t, const eb_item *item, uint32_t from, uint32_t to,
                        size_t *first, size_t *count) {
    const eb_glyph *g = t->glyphs + item->glyph_start;
    bool rtl = item->level & 1;
    size_t lo = 0, hi = item->nglyphs;
    uint32_t edge = rtl ? to : from; /* first glyph inside: LTR >= from, RTL < to */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rtl ? g[mid].text_start >= edge : g[mid].text_start < edge) lo = mid + 1;
        else hi = mid;
    }
    size_t end = lo;
    while (end < item->nglyphs && g[end].text_start >= from && g[end].text_start < to) end++;
    *first = lo;
    *count = end - lo;
}

/* Folds the line's extras into the glyph advances; trailing spaces lose theirs. */
static void apply_extras(const line_extras *x, eb_run *run) {
    size_t ch = x->start;
    for (size_t k = 0; k < run->nglyphs; k++) {
        eb_glyph *g = &run->glyphs[k];
        ch = ebi_analysis_walk_to(x->t, ch, g->text_start);
        bool last_of_cluster = k + 1 == run->nglyphs || run->glyphs[k + 1].text_start != g->text_start;
        if (ch >= x->content_end) g->x_advance = 0;
        else if (last_of_cluster) g->x_advance += x->extra[ch - x->start];
        run->width += g->x_advance;
    }
}

static bool make_run(const line_extras *x, const piece *p, eb_run *run) {
    const eb_analysis *t = x->t;
    const eb_item *item = &t->items[p->item];
    size_t first, count;
    uint32_t from = t->offs[p->start], to = t->offs[p->end];
    glyph_slice(t, item, from, to, &first, &count);
    if (count == 0) return false;
    *run = (eb_run){.font = ebi_fontset_font(t->fonts, item->font), .size = t->style->size,
                    .rtl = item->level & 1, .lang = item->lang,
                    .glyphs = t->glyphs + item->glyph_start + first, .nglyphs = count,
                    .text_start = from, .text_end = to};
    apply_extras(x, run);
    return true;
}

/* ---- one line ------------------------------------------------------------------- */

static void grow_metrics(eb_line *line, const eb_font *font, double size) {
    const eb_font_info *info = eb_font_get_info(font);
    double scale = ebi_font_scale(font, size);
    if (info->ascender * scale > line->ascent) line->ascent = info->ascender * scale;
    if (-info->descender * scale > line->descent) line->descent = -info->descender * scale;
}

/* The tallest font on the line; an empty line takes the style's own font. */
static void set_line_metrics(const eb_analysis *t, eb_line *line) {
    if (line->nruns == 0) grow_metrics(line, t->primary, t->style->size);
    for (size_t r = 0; r < line->nruns; r++) grow_metrics(line, line->runs[r].font, t->style->size);
}

/* START and END are the edges of the line's own bidi paragraph. */
static void align_line(const line_builder *b, eb_line *line) {
    bool rtl = line->rtl;
    double slack = b->width - line->width;
    switch (b->t->style->align) {
    case EB_ALIGN_CENTER: line->x = slack / 2; break;
    case EB_ALIGN_END: line->x = rtl ? 0 : slack; break;
    default: line->x = rtl ? slack : 0; break; /* START, and JUSTIFY after widening */
    }
}

static bool ends_paragraph(const eb_analysis *t, eb_line_range span) {
    return span.end == t->n || t->brk[span.end - 1] == LINEBREAK_MUSTBREAK;
}

static void build_line(line_builder *b, eb_line_range span, eb_line *line) {
    eb_analysis *t = b->t;
    /* a line lies inside one bidi paragraph: every separator ends a line */
    line->rtl = span.start < span.end && ebi_analysis_par_at(t, span.start)->dir == FRIBIDI_PAR_RTL;
    piece *pieces;
    size_t npieces;
    size_t *order = visual_order(b, span, line->rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR, &pieces,
                                 &npieces);
    line_extras x = {.t = t, .start = span.start, .content_end = span.end};
    while (x.content_end > span.start && (t->flags[x.content_end - 1] & EB_CH_SPACE)) x.content_end--;
    x.extra = eb_xcalloc(span.end - span.start + 1, sizeof *x.extra);
    add_gaps(&x);
    if (t->style->align == EB_ALIGN_JUSTIFY && !ends_paragraph(t, span))
        justify(&x, b->width - ebi_analysis_span_width(t, span.start, span.end));
    line->runs = eb_xmalloc(npieces * sizeof *line->runs);
    for (size_t k = 0; k < npieces; k++) {
        eb_run *run = &line->runs[line->nruns];
        if (!make_run(&x, &pieces[order[k]], run)) continue;
        run->x = line->width;
        line->width += run->width;
        line->nruns++;
    }
    line->text_start = t->offs[span.start];
    line->text_end = t->offs[span.end];
    set_line_metrics(t, line);
    align_line(b, line);
    free(x.extra);
    free(order);
    free(pieces);
}

/* ---- the paragraph ---------------------------------------------------------------- */

static double line_height(const eb_text_style *style) {
    return style->line_height > 0 ? style->line_height : 1.45 * style->size;
}

static void place_lines(eb_para *para, const eb_text_style *style) {
    double baseline = 0;
    for (size_t i = 0; i < para->nlines; i++) {
        eb_line *line = &para->lines[i];
        baseline = i == 0 ? line->ascent : baseline + line_height(style);
        line->baseline = baseline;
    }
    para->height = para->nlines ? baseline + para->lines[para->nlines - 1].descent : 0;
}

static eb_para *new_para(const eb_analysis *t, double width) {
    eb_para *para = eb_xcalloc(1, sizeof *para);
    para->text = eb_xstrndup(t->text, t->len);
    para->text_len = t->len;
    para->width = width;
    para->color = t->style->color;
    para->lang = ebi_lang_static(t->style->lang);
    return para;
}

bool ebi_analysis_prepare(eb_analysis *t, eb_fontset *fonts, const char *text, size_t n,
                         const eb_text_style *style, eb_diag *diag) {
    if (!ebi_analysis_init(t, fonts, text, n, style, diag)) return false;
    ebi_analysis_shape(t);
    ebi_analysis_find_breaks(t);
    return true;
}

eb_para *ebi_analysis_layout(eb_analysis *t, double width) {
    eb_para *para = new_para(t, width);
    eb_line_range *spans = ebi_analysis_fill_lines(t, width, &para->nlines);
    para->lines = eb_xcalloc(para->nlines + 1, sizeof *para->lines);
    line_builder b = {.t = t, .width = width, .map = eb_xmalloc((t->n + 1) * sizeof *b.map)};
    for (size_t i = 0; i < para->nlines; i++) build_line(&b, spans[i], &para->lines[i]);
    place_lines(para, t->style);
    para->rtl = ebi_analysis_is_rtl(t);
    para->glyph_store = t->glyphs; /* the runs point into it */
    t->glyphs = NULL;
    free(b.map);
    free(spans);
    return para;
}

eb_para *eb_para_layout(eb_fontset *fonts, const char *text, size_t n,
                             const eb_text_style *style, double width, eb_diag *diag) {
    eb_analysis t;
    eb_para *para = ebi_analysis_prepare(&t, fonts, text, n, style, diag) ? ebi_analysis_layout(&t, width) : NULL;
    ebi_analysis_destroy(&t);
    return para;
}

void eb_para_destroy(eb_para *para) {
    if (!para) return;
    for (size_t i = 0; i < para->nlines; i++) free(para->lines[i].runs);
    free(para->lines);
    free(para->glyph_store);
    free(para->text);
    free(para);
}

/* ---- measuring for tables ------------------------------------------------------------- */

void ebi_analysis_measure(const eb_analysis *t, double *min_width, double *max_width) {
    *min_width = *max_width = 0;
    size_t word = 0, line = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (t->brk[i] == LINEBREAK_NOBREAK && i + 1 < t->n) continue;
        double w = ebi_analysis_span_width(t, word, i + 1);
        if (w > *min_width) *min_width = w;
        word = i + 1;
        if (t->brk[i] != LINEBREAK_MUSTBREAK && i + 1 < t->n) continue;
        w = ebi_analysis_span_width(t, line, i + 1);
        if (w > *max_width) *max_width = w;
        line = i + 1;
    }
}

void eb_measure_text(eb_fontset *fonts, const char *text, size_t n, const eb_text_style *style,
                     double *min_width, double *max_width, eb_diag *diag) {
    *min_width = *max_width = 0;
    eb_analysis t;
    if (ebi_analysis_prepare(&t, fonts, text, n, style, diag)) ebi_analysis_measure(&t, min_width, max_width);
    ebi_analysis_destroy(&t);
}
