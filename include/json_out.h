/* json_out: JSON that evbrief writes (the manifest, --json reports), built
 * as a tree and printed in one call.
 *
 * Part of the load stage, which owns the JSON library: no other stage sees
 * cJSON (cmake/Stages.cmake checks it). Printing is cJSON's: "pretty" is
 * tab-indented, one member a line; otherwise on one line with no spaces.
 * Numbers that are whole and fit an int print as integers.
 *
 * Ownership: a value added to an object or array belongs to it; only the
 * root is freed (eb_json_destroy), which frees everything below it. */
#ifndef EVBRIEF_JSON_OUT_H
#define EVBRIEF_JSON_OUT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef struct eb_json eb_json;

eb_json *eb_json_object(void);
eb_json *eb_json_array(void);
/* A string (copied); NULL gives null. */
eb_json *eb_json_string(const char *s);
eb_json *eb_json_number(double n);
eb_json *eb_json_bool(bool b);
eb_json *eb_json_null(void);
/* Every problem collected in diag, as an array of {"file", "line",
 * "column", "path", "severity", "message"} (unknown members null). */
eb_json *eb_json_diagnostics(const eb_diag *diag);

/* Adds value to object under key (copied) / to the end of array; takes
 * ownership of value. Returns value, for building it further. */
eb_json *eb_json_set(eb_json *object, const char *key, eb_json *value);
eb_json *eb_json_push(eb_json *array, eb_json *value);
size_t eb_json_length(const eb_json *array);

/* The text, owned by the caller (free). */
char *eb_json_print(const eb_json *value, bool pretty);
void eb_json_destroy(eb_json *value);

#endif
