/* render: draws a plan (plan.h) into a PDF (pdf.h). The plan decides
 * every position; this only translates ops into PDF drawing, outline entries
 * into bookmarks, and roles into marked content. Part of the PDF stage. */
#ifndef EVBRIEF_RENDER_H
#define EVBRIEF_RENDER_H

#include <stdbool.h>

#include "plan.h"
#include "pdf.h"

/* Adds the plan's pages, content, links and outline to pdf. */
bool eb_render_plan(eb_pdf *pdf, const eb_doc_plan *plan);

#endif
