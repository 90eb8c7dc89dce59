/* Private to the load stage: the one pass over a JSON text that comes
 * before cJSON builds its tree. See json_syntax.c for why. */
#ifndef EVBRIEF_LOAD_JSON_SYNTAX_H
#define EVBRIEF_LOAD_JSON_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>

/* Deepest nesting of arrays and objects we accept; cJSON itself stops at
 * CJSON_NESTING_LIMIT (1000). Our documents need fewer than 10 levels. */
#define EB_JSON_MAX_DEPTH 64

typedef struct {
    size_t offset;        /* where the error is */
    bool has_open;        /* an unclosed bracket is involved */
    size_t open_offset;   /* where that bracket is */
    char message[160];
    char path[256];       /* JSON path of the value being read there, "$" at the top;
                             "" when the problem is not about one value (nesting) */
} eb_json_syntax_error;

/* Where a value starts, and its key when it is a member (else SIZE_MAX). */
typedef struct {
    size_t key_offset, value_offset;
} eb_json_span;

/* What one pass over a text finds. Offsets count from the text given. */
typedef struct {
    eb_json_span *values;   /* every value, in document order (the order of
                               a pre-order walk of cJSON's tree) */
    size_t nvalues;
    size_t *nul_escapes;    /* the backslash of each \u0000 */
    size_t nnul_escapes;
    bool failed;            /* the text is not JSON we accept; see error */
    eb_json_syntax_error error;
} eb_json_scan;

/* Scans the whole text once: the JSON grammar (with a plain description of
 * the first error and where it is), nesting deeper than EB_JSON_MAX_DEPTH,
 * \u escapes cJSON would refuse (lone surrogates), the \u0000 escapes, and
 * the position of every value and key. Returns !out->failed. */
bool ebi_json_scan_text(const char *text, size_t len, eb_json_scan *out);
void ebi_json_scan_destroy(eb_json_scan *scan);

#endif
