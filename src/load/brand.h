/* Private to the load stage: the optional inputs/brand.json. */
#ifndef EVBRIEF_LOAD_BRAND_H
#define EVBRIEF_LOAD_BRAND_H

#include <stdbool.h>

#include "load.h"
#include "model.h"

/* Reads INPUTS/brand.json when it exists, against the corpus's
 * indications (the keywords name them), with its logo. Returns true when
 * there is none (corpus->brand stays NULL) or it is valid (corpus->brand
 * set); false after reporting every problem, *io_error telling an
 * unreadable file from an invalid one. */
bool ebi_brand_load(eb_corpus *corpus, const eb_load_options *options, eb_diag *diag, bool *io_error);
/* The same for a brand.json at `path` (`validate FILE`), which must exist;
 * its logo's path starts at the file's folder. */
bool ebi_brand_load_file(eb_corpus *corpus, const char *path, const eb_load_options *options, eb_diag *diag,
                        bool *io_error);

#endif
