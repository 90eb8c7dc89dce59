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

#endif
