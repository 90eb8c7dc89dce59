/* The typesetting sample's page (eb_plan_sample): one A4 column of
 * blocks, each set in its own language and alignment, tagged like a
 * brief (a Document of headings and paragraphs, a link, the footer and
 * the rules as artifacts). */
#include <string.h>

#include "pages.h"

/* A4 in points, and the text column. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN 48.0
#define COLUMN (PAGE_W - 2 * MARGIN)

enum { INK = 0x1A1A1A, ACCENT = 0x1F4E79, MUTED = 0x6B6B6B, RULE = 0xB8C4D0 };

typedef struct {
    eb_fontset *fonts;
    eb_diag *diag;
    eb_doc_plan *plan;
    long root;
    double y;  /* top of the next block, pt from the page top */
} sample_flow;

static eb_text_style style_for(const eb_sample_block *b) {
    eb_text_style style = {
        .family = EB_FAMILY_SERIF, .size = 10.5, .lang = b->lang, .align = b->align,
        .color = INK, .origin = "evbrief sample",
    };
    if (strcmp(b->lang, "fa") == 0) style.size = 12;
    switch (b->kind) {
    case EB_SAMPLE_TITLE:
    case EB_SAMPLE_HEADING:
        style.family = EB_FAMILY_SANS;
        style.bold = true;
        style.size = b->kind == EB_SAMPLE_TITLE ? 17 : 13;
        style.color = ACCENT;
        break;
    case EB_SAMPLE_SUBTITLE:
    case EB_SAMPLE_CAPTION:
    case EB_SAMPLE_FOOTER:
        style.family = EB_FAMILY_SANS;
        style.size = b->kind == EB_SAMPLE_SUBTITLE ? 8.5 : 7.5;
        style.color = MUTED;
        break;
    case EB_SAMPLE_REFERENCE:
        style.size = 8.5;
        style.color = ACCENT;
        break;
    case EB_SAMPLE_TEXT:
        break;
    }
    return style;
}

static eb_role role_of(eb_sample_kind kind) {
    switch (kind) {
    case EB_SAMPLE_TITLE: return EB_ROLE_TITLE;
    case EB_SAMPLE_HEADING: return EB_ROLE_H1;
    case EB_SAMPLE_FOOTER: return EB_ROLE_ARTIFACT;
    default: return EB_ROLE_P;
    }
}

/* Lays out a block's text, draws it at the flow's position for its
 * element (EB_NO_ELEMENT: an artifact) and returns its height. */
static double place_text(sample_flow *s, const eb_sample_block *b, long element) {
    eb_text_style style = style_for(b);
    eb_para *para = eb_para_layout(s->fonts, b->text, strlen(b->text), &style, COLUMN, s->diag);
    if (!para) return 0;
    eb_plan_adopt(s->plan, para);
    eb_op *op = eb_plan_add_op(s->plan, 0, EB_OP_TEXT, element);
    *op = (eb_op){.kind = EB_OP_TEXT, .x = MARGIN, .y = s->y, .w = para->width, .h = para->height,
                  .para = para, .first_line = 0, .end_line = para->nlines, .element = element};
    return para->height;
}

static void place_rule(sample_flow *s, double y) {
    eb_op *op = eb_plan_add_op(s->plan, 0, EB_OP_RULE, EB_NO_ELEMENT);
    op->x = MARGIN;
    op->y = y;
    op->w = COLUMN;
    op->line_width = 0.6;
    op->color = RULE;
}

static void place_link(sample_flow *s, const char *uri, long parent, double top, double height) {
    long link = eb_plan_add_element(s->plan, EB_ROLE_LINK, parent, NULL);
    eb_op *op = eb_plan_add_op(s->plan, 0, EB_OP_LINK, link);
    op->x = MARGIN;
    op->y = top;
    op->w = COLUMN;
    op->h = height;
    op->uri = uri;
}

/* The space each kind of block leaves before and after itself. */
static double space_before(eb_sample_kind kind) {
    return kind == EB_SAMPLE_HEADING ? 8 : kind == EB_SAMPLE_REFERENCE ? 6 : 0;
}

static double space_after(eb_sample_kind kind) {
    switch (kind) {
    case EB_SAMPLE_SUBTITLE: return 2;
    case EB_SAMPLE_HEADING: return 5;
    case EB_SAMPLE_TEXT: return 4;
    default: return 0;
    }
}

static void place_block(sample_flow *s, const eb_sample_block *b) {
    if (b->kind == EB_SAMPLE_FOOTER) {
        s->y = PAGE_H - MARGIN + 12;
        place_text(s, b, EB_NO_ELEMENT);
        return;
    }
    s->y += space_before(b->kind);
    long element = eb_plan_add_element(s->plan, role_of(b->kind), s->root, b->lang);
    if (b->kind == EB_SAMPLE_HEADING) eb_plan_add_outline(s->plan, b->text, 1, 0, s->y);
    double top = s->y;
    s->y += place_text(s, b, element);
    if (b->kind == EB_SAMPLE_HEADING) place_rule(s, s->y + 1);
    if (b->kind == EB_SAMPLE_REFERENCE && b->link) place_link(s, b->link, element, top, s->y - top);
    s->y += space_after(b->kind);
}

eb_doc_plan *eb_plan_sample(eb_fontset *fonts, const eb_sample_block *blocks, size_t nblocks,
                            const char *lang, eb_diag *diag) {
    sample_flow s = {.fonts = fonts, .diag = diag, .plan = eb_plan_create(lang), .y = MARGIN};
    eb_plan_add_page(s.plan, PAGE_W, PAGE_H);
    s.root = eb_plan_add_element(s.plan, EB_ROLE_DOCUMENT, EB_NO_ELEMENT, NULL);
    for (size_t i = 0; i < nblocks; i++) place_block(&s, &blocks[i]);
    return s.plan;
}
