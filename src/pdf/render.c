/* Draws a page plan into a PDF, tagged: every op is drawn inside marked
 * content, either its structure element's (a BDC with an MCID) or an
 * artifact's (running header and footer, rules, fills, repeated table
 * headers: ops with no element). Consecutive ops of one element share one
 * marked-content sequence, and their text one text object (BT ... ET inside
 * the sequence: see pdf_content.c).
 *
 * The plan's elements become structure elements when their first content
 * is drawn, parents before children. The plan is in reading order, so the
 * structure tree reads in the order the content does, and elements that
 * draw nothing (a table without a caption has an empty Caption element)
 * never appear. */
#include <stdlib.h>

#include "render.h"
#include "util.h"

typedef struct {
    eb_pdf *pdf;
    const eb_doc_plan *plan;
    int *handles;          /* per plan element (from 1): its PDF element, 0 until made */
} tagger;

/* The standard structure type of a role; NULL for artifacts. A title is a
 * first-level heading (PDF 1.7 has no Title type). */
static const char *structure_type(eb_role role) {
    switch (role) {
    case EB_ROLE_ARTIFACT: return NULL;
    case EB_ROLE_TITLE: return "H1";
    case EB_ROLE_H1: return "H1";
    case EB_ROLE_H2: return "H2";
    case EB_ROLE_P: return "P";
    case EB_ROLE_LIST: return "L";
    case EB_ROLE_LIST_ITEM: return "LI";
    case EB_ROLE_LIST_LABEL: return "Lbl";
    case EB_ROLE_LIST_BODY: return "LBody";
    case EB_ROLE_TABLE: return "Table";
    case EB_ROLE_TABLE_ROW: return "TR";
    case EB_ROLE_TABLE_HEADER_CELL: return "TH";
    case EB_ROLE_TABLE_CELL: return "TD";
    case EB_ROLE_CAPTION: return "Caption";
    case EB_ROLE_FIGURE: return "Figure";
    case EB_ROLE_LINK: return "Link";
    case EB_ROLE_DOCUMENT: return "Document";
    }
    return NULL;
}

/* The PDF element of plan element e, made (with its ancestors) on first
 * use; 0 for artifacts (EB_NO_ELEMENT) and for what is not a valid
 * element. A parent must come before its child in the plan, which also
 * rules out cycles. Both number elements from 1, with 0 for none. */
static int element_for(tagger *t, long e) {
    const eb_element *el = eb_plan_element(t->plan, e);
    if (!el) return 0;
    if (t->handles[e]) return t->handles[e];
    const char *type = structure_type(el->role);
    if (!type) return 0;
    int parent = 0;
    if (el->parent != EB_NO_ELEMENT && el->parent < e) {
        parent = element_for(t, el->parent);
        if (!parent) return 0;
    }
    eb_pdf_element info = {
        .type = type,
        .lang = el->lang,
        .alt = el->role == EB_ROLE_FIGURE ? el->alt : NULL,
        .scope = el->role == EB_ROLE_TABLE_HEADER_CELL ? (el->header_scope_column ? "Column" : "Row") : NULL,
        .list_numbering = el->role == EB_ROLE_LIST ? "Disc" : NULL,
    };
    return t->handles[e] = eb_pdf_add_element(t->pdf, parent, &info);
}

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
    case EB_OP_IMAGE:
        eb_pdf_draw_image(page, op->image, op->x, op->y, op->w, op->h);
        break;
    case EB_OP_LINK:
        break;  /* an annotation, not content: see draw_page */
    }
}

/* What is open on the page: nothing, an artifact, or an element. */
enum { OPEN_NOTHING = -1, OPEN_ARTIFACT = 0 };

static void draw_page(tagger *t, eb_pdf_page *page, const eb_page_plan *pp) {
    int open = OPEN_NOTHING;
    for (size_t i = 0; i < pp->nops; i++) {
        const eb_op *op = &pp->ops[i];
        if (op->kind == EB_OP_LINK) {
            int link = element_for(t, op->element);
            if (link)
                eb_pdf_link_element(page, op->x, op->y, op->w, op->h, op->uri, link);
            else
                eb_pdf_link(page, op->x, op->y, op->w, op->h, op->uri);
            continue;
        }
        int want = element_for(t, op->element);  /* 0: an artifact */
        if (want != open) {
            if (open != OPEN_NOTHING) eb_pdf_end_marked(page);
            if (want == OPEN_ARTIFACT || eb_pdf_begin_element(page, want) < 0) {
                want = OPEN_ARTIFACT;
                eb_pdf_begin_artifact(page);
            }
            open = want;
        }
        draw_op(page, op);
    }
    if (open != OPEN_NOTHING) eb_pdf_end_marked(page);
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
    tagger t = {.pdf = pdf, .plan = plan, .handles = eb_xcalloc(plan->nelements + 1, sizeof(int))};
    bool ok = true;
    for (size_t p = 0; ok && p < plan->npages; p++) {
        const eb_page_plan *pp = &plan->pages[p];
        eb_pdf_page *page = eb_pdf_add_page(pdf, pp->width, pp->height);
        if (page)
            draw_page(&t, page, pp);
        else
            ok = false;
    }
    free(t.handles);
    if (ok) add_outline(pdf, plan);
    return ok;
}
