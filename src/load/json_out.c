/* json_out.h over cJSON. An eb_json is a cJSON node: the type is only
 * declared, so that no caller sees cJSON; these casts are the one place
 * where the two names meet. */
#include "json_out.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

/* cJSON returns NULL when malloc fails; like eb_xmalloc, give up. */
static void *must(void *p) {
    if (p) return p;
    fputs("evbrief: out of memory (writing JSON)\n", stderr);
    abort();
}

static eb_json *wrap(cJSON *node) { return (eb_json *)must(node); }

static cJSON *unwrap(eb_json *value) { return (cJSON *)value; }
static const cJSON *unwrap_const(const eb_json *value) { return (const cJSON *)value; }

eb_json *eb_json_object(void) { return wrap(cJSON_CreateObject()); }
eb_json *eb_json_array(void) { return wrap(cJSON_CreateArray()); }
eb_json *eb_json_string(const char *s) { return wrap(s ? cJSON_CreateString(s) : cJSON_CreateNull()); }
eb_json *eb_json_number(double n) { return wrap(cJSON_CreateNumber(n)); }
eb_json *eb_json_bool(bool b) { return wrap(cJSON_CreateBool(b)); }
eb_json *eb_json_null(void) { return wrap(cJSON_CreateNull()); }

eb_json *eb_json_set(eb_json *object, const char *key, eb_json *value) {
    cJSON_AddItemToObject(unwrap(object), key, unwrap(value));
    return value;
}

eb_json *eb_json_push(eb_json *array, eb_json *value) {
    cJSON_AddItemToArray(unwrap(array), unwrap(value));
    return value;
}

size_t eb_json_length(const eb_json *array) { return (size_t)cJSON_GetArraySize(unwrap_const(array)); }

char *eb_json_print(const eb_json *value, bool pretty) {
    /* cJSON allocates with malloc (its hooks are not set): the caller's free */
    return must(pretty ? cJSON_Print(unwrap_const(value)) : cJSON_PrintUnformatted(unwrap_const(value)));
}

void eb_json_destroy(eb_json *value) { cJSON_Delete(unwrap(value)); }

/* A line or column of 0 is unknown: null, as a column without a line. */
static eb_json *position(int n) { return n > 0 ? eb_json_number(n) : eb_json_null(); }

eb_json *eb_json_diagnostics(const eb_diag *diag) {
    eb_json *array = eb_json_array();
    eb_diag_entry e;
    for (size_t i = 0; eb_diag_entry_at(diag, i, &e); i++) {
        eb_json *o = eb_json_push(array, eb_json_object());
        eb_json_set(o, "file", eb_json_string(e.file));
        eb_json_set(o, "line", position(e.line));
        eb_json_set(o, "column", position(e.line > 0 ? e.column : 0));
        eb_json_set(o, "path", eb_json_string(e.path));
        eb_json_set(o, "severity", eb_json_string(e.severity));
        eb_json_set(o, "message", eb_json_string(e.message));
    }
    return array;
}
