/* numbers: the numbers of a text, to hold a rendering to its original
 * (docs/input-format.md, "Renderings"). Private to load/. */
#ifndef EVBRIEF_LOAD_NUMBERS_H
#define EVBRIEF_LOAD_NUMBERS_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* A number is a run of digits with an optional decimal part ('.' or the
 * Arabic decimal separator U+066B, then digits), written in any of the
 * digits the corpus uses (ASCII, Persian U+06F0.., Arabic-Indic U+0660..,
 * fullwidth U+FF10..), normalised to ASCII without leading zeros: "۰۳٫۵"
 * is "3.5". A range "10–20%" holds 10 and 20. The same definition as
 * tools/numcheck.py, which the editors run. */
typedef struct {
    char **items;    /* sorted by value */
    size_t n, cap;
} eb_numbers;

void ebi_numbers_of(const char *text, eb_numbers *out);
void ebi_numbers_destroy(eb_numbers *numbers);
bool ebi_numbers_equal(const eb_numbers *a, const eb_numbers *b);
/* What `a` has that `b` lacks, counted with multiplicity, as "30, 5"
 * (at most `max` of them, then "…"); "" when nothing. */
void ebi_numbers_missing(const eb_numbers *a, const eb_numbers *b, size_t max, eb_buf *out);

#endif
