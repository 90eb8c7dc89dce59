/* pages: the planners, the last step of the layout stage. Each sets
 * something on pages and gives the plan (plan.h) the PDF stage draws:
 * a composed brief (compose.h), or the typesetting sample of `evbrief
 * sample`. Every layout decision is made here, none in the PDF stage.
 *
 * Coordinates: points from the page's top-left corner, y downwards. */
#ifndef EVBRIEF_PAGES_H
#define EVBRIEF_PAGES_H

#include <stdbool.h>

#include "compose.h"
#include "diag.h"
#include "layout.h"
#include "plan.h"

typedef enum { EB_PAPER_A4, EB_PAPER_LETTER } eb_paper;

bool eb_paper_from_name(const char *name, eb_paper *paper);

/* Lays out a brief. Never fails for a valid brief; text problems (a
 * character no font covers) go to diag. */
eb_doc_plan *eb_plan_brief(eb_fontset *fonts, const eb_brief *brief, eb_paper paper, eb_uncovered strict,
                           eb_diag *diag);

/* ---- the typesetting sample (evbrief sample) ---------------------------- */

typedef enum {
    EB_SAMPLE_TITLE,      /* the page's title (align it yourself) */
    EB_SAMPLE_SUBTITLE,   /* small print under the title */
    EB_SAMPLE_HEADING,    /* a section: a bookmark, a rule under it */
    EB_SAMPLE_CAPTION,    /* small print about the text under it */
    EB_SAMPLE_TEXT,       /* a paragraph */
    EB_SAMPLE_REFERENCE,  /* a reference, its whole box a link to `link` */
    EB_SAMPLE_FOOTER      /* page furniture at the foot of the page */
} eb_sample_kind;

typedef struct {
    eb_sample_kind kind;
    const char *lang;     /* BCP 47: "en", "fa", "zh-Hans" */
    eb_align align;
    const char *text;     /* UTF-8 */
    const char *link;     /* EB_SAMPLE_REFERENCE: http(s) or doi: target; else NULL */
} eb_sample_block;

/* One A4 page of the blocks, top to bottom in one column, each in the
 * sample's style for its kind and language; tagged, with each heading in
 * the outline. The plan's language is `lang`. Never fails: text problems
 * go to diag. The blocks must outlive the plan. */
eb_doc_plan *eb_plan_sample(eb_fontset *fonts, const eb_sample_block *blocks, size_t nblocks,
                            const char *lang, eb_diag *diag);

#endif
