/* Private to the load stage: reading one review document. */
#ifndef EVBRIEF_LOAD_REVIEW_H
#define EVBRIEF_LOAD_REVIEW_H

#include <stdbool.h>

#include "json_source.h"
#include "load.h"
#include "model.h"

/* Reads and checks a parsed review against the corpus's indications. All
 * memory comes from `arena`. Returns true when the review has no errors. */
bool ebi_read_review(eb_json_doc *doc, const eb_corpus *corpus, eb_review *out, eb_diag *diag,
                    eb_arena *arena, const eb_load_options *options);

#endif
