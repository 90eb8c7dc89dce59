/* The plan (plan.h): pages of ops, structure elements, outline entries and
 * the paragraphs the ops draw, grown by the planners of pages.h. */
#include <stdlib.h>
#include <string.h>

#include "layout_internal.h"
#include "plan.h"
#include "util.h"

/* Room for one more of an array's items, doubling from `first`. */
#define GROW(array, count, cap, first)                                         \
    do {                                                                       \
        if ((count) == (cap)) {                                                \
            (cap) = (cap) ? (cap) * 2 : (first);                               \
            (array) = eb_xrealloc((array), (cap) * sizeof *(array));           \
        }                                                                      \
    } while (0)

eb_doc_plan *eb_plan_create(const char *lang) {
    eb_doc_plan *plan = eb_xcalloc(1, sizeof *plan);
    plan->lang = lang;
    return plan;
}

size_t eb_plan_add_page(eb_doc_plan *plan, double width, double height) {
    GROW(plan->pages, plan->npages, plan->pages_cap, 16);
    plan->pages[plan->npages] = (eb_page_plan){.width = width, .height = height};
    return plan->npages++;
}

eb_op *eb_plan_add_op(eb_doc_plan *plan, size_t page, eb_op_kind kind, long element) {
    eb_page_plan *p = &plan->pages[page];
    GROW(p->ops, p->nops, p->cap, 64);
    eb_op *op = &p->ops[p->nops++];
    *op = (eb_op){.kind = kind, .element = element};
    return op;
}

long eb_plan_add_element(eb_doc_plan *plan, eb_role role, long parent, const char *lang) {
    GROW(plan->elements, plan->nelements, plan->elements_cap, 256);
    bool differs = lang && plan->lang && strcmp(lang, plan->lang) != 0;
    plan->elements[plan->nelements++] = (eb_element){.role = role, .parent = parent,
                                                     .lang = differs ? lang : NULL};
    return (long)plan->nelements;  /* numbered from 1: the one just added */
}

const eb_element *eb_plan_element(const eb_doc_plan *plan, long id) {
    if (id <= EB_NO_ELEMENT || (size_t)id > plan->nelements) return NULL;
    return &plan->elements[id - 1];
}

eb_element *eb_plan_element_edit(eb_doc_plan *plan, long id) {
    if (id <= EB_NO_ELEMENT || (size_t)id > plan->nelements) return NULL;
    return &plan->elements[id - 1];
}

void eb_plan_add_outline(eb_doc_plan *plan, const char *title, int level, size_t page, double y) {
    GROW(plan->outline, plan->noutline, plan->outline_cap, 32);
    plan->outline[plan->noutline++] = (eb_outline_entry){title, level, page, y};
}

void eb_plan_adopt(eb_doc_plan *plan, eb_para *p) {
    GROW(plan->paras, plan->nparas, plan->paras_cap, 256);
    plan->paras[plan->nparas++] = p;
}

/* Records in by_id[] (indexed by font id) the fonts of the runs with
 * glyphs of the lines a text op draws. */
static void note_fonts(const eb_op *op, const eb_font *by_id[EB_MAX_FONTS]) {
    for (size_t l = op->first_line; l < op->end_line && l < op->para->nlines; l++) {
        const eb_line *line = &op->para->lines[l];
        for (size_t r = 0; r < line->nruns; r++) {
            const eb_run *run = &line->runs[r];
            if (run->font && run->nglyphs) by_id[eb_font_get_info(run->font)->id] = run->font;
        }
    }
}

size_t eb_plan_fonts(const eb_doc_plan *plan, const eb_font **fonts, size_t cap) {
    const eb_font *by_id[EB_MAX_FONTS] = {NULL};
    for (size_t p = 0; p < plan->npages; p++)
        for (size_t i = 0; i < plan->pages[p].nops; i++) {
            const eb_op *op = &plan->pages[p].ops[i];
            if (op->kind == EB_OP_TEXT && op->para) note_fonts(op, by_id);
        }
    size_t n = 0;
    for (size_t id = 0; id < EB_MAX_FONTS; id++) {
        if (!by_id[id]) continue;
        if (n < cap) fonts[n] = by_id[id];
        n++;
    }
    return n;
}

void eb_plan_destroy(eb_doc_plan *plan) {
    if (!plan) return;
    for (size_t i = 0; i < plan->npages; i++) free(plan->pages[i].ops);
    for (size_t i = 0; i < plan->nparas; i++) eb_para_destroy(plan->paras[i]);
    free(plan->pages);
    free(plan->outline);
    free(plan->elements);
    free(plan->paras);
    free(plan);
}
