/* The "evidence at a glance" chart: one horizontal stacked bar per review,
 * a segment per level of evidence, the size of each human study after the
 * bar, and a legend. Drawn with vector fills; every number is also text. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pages_internal.h"

/* One colour per evidence type: in vitro, animal, human trial, systematic
 * review, expert opinion. Distinct in lightness too, for grey-scale
 * printing; each takes a label (white or the text colour) at 4.5 : 1 at
 * least (WCAG 2.1, 1.4.3): the animal green is dark enough for white
 * (5.4 : 1; 0x4F8A6E gave 4.0 with white, 4.3 with black). Background is
 * not evidence: never a segment. */
static const uint32_t level_colors[EB_EVIDENCE_LEVELS] = {0x8FB3D9, 0x3D7558, 0xD9822B, 0x9E2A3A, 0x9A9A9A};

/* Segments and legend by strength of evidence, strongest first: a reader
 * meets the systematic reviews and trials before the bench work; expert
 * opinion, no study at all, last. */
static const eb_level display_order[EB_EVIDENCE_LEVELS] = {
    EB_LEVEL_SYSTEMATIC_REVIEW, EB_LEVEL_HUMAN_TRIAL, EB_LEVEL_ANIMAL, EB_LEVEL_IN_VITRO,
    EB_LEVEL_EXPERT_OPINION};

/* WCAG 2.1 relative luminance of 0xRRGGBB. */
static double luminance(uint32_t rgb) {
    double sum = 0;
    const double weight[3] = {0.2126, 0.7152, 0.0722};
    for (int i = 0; i < 3; i++) {
        double c = (double)((rgb >> (16 - 8 * i)) & 0xFF) / 255.0;
        c = c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
        sum += weight[i] * c;
    }
    return sum;
}

static double contrast(uint32_t a, uint32_t b) {
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* The label colour of a segment: white or the text colour, whichever
 * stands out more from its fill. */
static uint32_t label_color(uint32_t fill) {
    return contrast(fill, 0xFFFFFF) >= contrast(fill, COLOR_TEXT) ? 0xFFFFFF : COLOR_TEXT;
}

enum { ROW_HEIGHT = 17, BAR_HEIGHT = 11, SWATCH = 8 };

typedef struct {
    eb_flow *f;
    const eb_chart *chart;
    long figure;
    double left, right, label_w, bar_x, bar_w, trials_w, scale;
} chart_state;

static void box(chart_state *cs, double x, double y, double w, double h, uint32_t color) {
    eb_op *op = ebi_flow_op(cs->f, EB_OP_FILL, cs->figure);
    op->x = cs->f->rtl ? cs->left + cs->right - x - w : x;
    op->y = y;
    op->w = w;
    op->h = h;
    op->color = color;
}

/* Text of width <= w at x (mirrored on right-to-left pages), vertically
 * centred on the middle of a bar at y. */
static void label(chart_state *cs, eb_para *p, double x, double y_mid) {
    double px = cs->f->rtl ? cs->left + cs->right - x - p->width : x;
    double dy = p->nlines ? p->lines[0].baseline - p->lines[0].ascent * 0.35 : 0;
    ebi_flow_text(cs->f, p, 0, p->nlines, px, y_mid - dy, cs->figure);
}

/* A segment's count, centred in its width, in `color`. */
static eb_para *number_para(eb_flow *f, const char *n, double w, uint32_t color) {
    eb_text_style st = ebi_style(f, ST_CHART_NUMBER, eb_locale_lang(f->brief->locale));
    st.align = EB_ALIGN_CENTER;
    st.color = color;
    st.origin = f->brief->file_name;
    eb_para *p = eb_para_layout(f->fonts, n, strlen(n), &st, w, f->diag);
    if (!p) p = eb_para_layout(f->fonts, "", 0, &st, w, f->diag);
    eb_plan_adopt(f->plan, p);
    return p;
}

static size_t row_total(const eb_chart_row *row) {
    size_t total = 0;
    for (size_t l = 0; l < EB_EVIDENCE_LEVELS; l++) total += row->counts[l];
    return total;
}

static void draw_row(chart_state *cs, const eb_chart_row *row) {
    eb_flow *f = cs->f;
    eb_para *t = ebi_flow_para(f, ST_CHART, row->trials, cs->trials_w);
    double height = t->height + 4 > ROW_HEIGHT ? t->height + 4 : ROW_HEIGHT;
    double mid = f->y + height / 2.0;
    eb_para *name = ebi_flow_para(f, ST_CHART, row->label, cs->label_w - 6);
    label(cs, name, cs->left, mid);
    double x = cs->bar_x;
    for (size_t k = 0; k < EB_EVIDENCE_LEVELS; k++) {
        eb_level l = display_order[k];
        if (!row->counts[l]) continue;
        double w = (double)row->counts[l] * cs->scale;
        box(cs, x, mid - BAR_HEIGHT / 2.0, w, BAR_HEIGHT, level_colors[l]);
        char n[32];
        eb_locale_number(f->brief->locale, (long)row->counts[l], n, sizeof n);
        eb_para *count = number_para(f, n, w, label_color(level_colors[l]));
        if (count->nlines && count->lines[0].width + 2 <= w) label(cs, count, x, mid);
        x += w;
    }
    label(cs, t, cs->right - cs->trials_w, mid - (t->height - (t->nlines ? t->lines[0].baseline + t->lines[0].descent : 0)) / 2);
    f->y += height;
}

/* The legend says who classified the evidence types (the editors, not the
 * reviews), then a swatch per type. */
static void draw_legend(chart_state *cs) {
    eb_flow *f = cs->f;
    double x = cs->left;
    f->y += 6;
    eb_para *title = ebi_flow_para(f, ST_CHART, cs->chart->legend_title, cs->right - cs->left);
    label(cs, title, cs->left, f->y + 2 + SWATCH / 2.0);
    f->y += title->height + 2;
    for (size_t k = 0; k < EB_EVIDENCE_LEVELS; k++) {
        eb_level l = display_order[k];
        eb_para *name = ebi_flow_para(f, ST_CHART, cs->chart->level_labels[l], 200);
        double w = name->nlines ? name->lines[0].width : 0;
        if (x + SWATCH + 4 + w > cs->right) {
            x = cs->left;
            f->y += 13;
        }
        box(cs, x, f->y + 2, SWATCH, SWATCH, level_colors[l]);
        label(cs, name, x + SWATCH + 4, f->y + 2 + SWATCH / 2.0);
        x += SWATCH + 4 + w + 14;
    }
    f->y += 16;
}

static double widest_label(eb_flow *f, const eb_chart *chart) {
    double widest = 0;
    for (size_t r = 0; r < chart->nrows; r++) {
        eb_text_style st = ebi_style(f, ST_CHART, chart->rows[r].label.lang);
        double lo = 0, hi = 0;
        eb_measure_text(f->fonts, chart->rows[r].label.text, strlen(chart->rows[r].label.text), &st, &lo, &hi, f->diag);
        if (hi > widest) widest = hi;
    }
    return widest;
}

double ebi_chart_height(const eb_chart *chart) { return (double)chart->nrows * ROW_HEIGHT + 58; }

void ebi_place_chart(eb_flow *f, const eb_chart *chart, long parent) {
    chart_state cs = {.f = f, .chart = chart, .left = ebi_flow_left(f), .right = ebi_flow_right(f)};
    double width = cs.right - cs.left;
    cs.label_w = widest_label(f, chart) + 8;
    if (cs.label_w > width * 0.3) cs.label_w = width * 0.3;
    cs.trials_w = width * 0.26;
    cs.bar_x = cs.left + cs.label_w;
    cs.bar_w = width - cs.label_w - cs.trials_w - 8;
    size_t max = 1;
    for (size_t r = 0; r < chart->nrows; r++)
        if (row_total(&chart->rows[r]) > max) max = row_total(&chart->rows[r]);
    cs.scale = cs.bar_w / (double)max;
    double height = ebi_chart_height(chart);
    ebi_flow_space(f, 4);
    if (!ebi_flow_fits(f, height)) ebi_flow_new_page(f, false);
    cs.figure = ebi_flow_element(f, EB_ROLE_FIGURE, parent, NULL);
    eb_plan_element_edit(f->plan, cs.figure)->alt = chart->alt.text;
    eb_para *head = ebi_flow_para(f, ST_SOURCE, chart->trials_label, cs.trials_w);
    label(&cs, head, cs.right - cs.trials_w, f->y + 5);
    f->y += 11;
    for (size_t r = 0; r < chart->nrows; r++) draw_row(&cs, &chart->rows[r]);
    draw_legend(&cs);
}
