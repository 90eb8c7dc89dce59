/* Draws a page plan into a PDF. */
#include "render.h"

static void draw_op(eb_pdf_page *page, const eb_op *op) {
    switch (op->kind) {
    case EB_OP_TEXT:
        for (size_t line = op->first_line; line < op->end_line; line++)
            eb_pdf_draw_line(page, op->para, line, op->x, op->y);
        break;
    case EB_OP_FILL:
        eb_pdf_fill_rect(page, op->x, op->y, op->w, op->h, op->color);
        break;
    case EB_OP_RULE:
        eb_pdf_stroke_line(page, op->x, op->y, op->x + op->w, op->y + op->h, op->line_width, op->color);
        break;
    case EB_OP_LINK:
        eb_pdf_link(page, op->x, op->y, op->w, op->h, op->uri);
        break;
    }
}

static void add_outline(eb_pdf *pdf, const eb_doc_plan *plan) {
    int parent = 0;
    for (size_t i = 0; i < plan->noutline; i++) {
        const eb_outline_entry *e = &plan->outline[i];
        eb_pdf_page *page = eb_pdf_get_page(pdf, e->page);
        int handle = eb_pdf_outline_add(pdf, e->level == 1 ? 0 : parent, e->title, page, e->y);
        if (e->level == 1) parent = handle;
    }
}

bool eb_render_plan(eb_pdf *pdf, const eb_doc_plan *plan) {
    for (size_t p = 0; p < plan->npages; p++) {
        const eb_page_plan *pp = &plan->pages[p];
        eb_pdf_page *page = eb_pdf_add_page(pdf, pp->width, pp->height);
        if (!page) return false;
        for (size_t i = 0; i < pp->nops; i++) draw_op(page, &pp->ops[i]);
    }
    add_outline(pdf, plan);
    return true;
}
