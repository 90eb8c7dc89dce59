/* Private to the load stage: plain-language descriptions of JSON syntax
 * errors, and a nesting-depth pre-check. See json_syntax.c for why. */
#ifndef EVBRIEF_LOAD_JSON_SYNTAX_H
#define EVBRIEF_LOAD_JSON_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define EB_JSON_SYNTAX_MAX_DEPTH 1024

typedef struct {
    size_t offset;        /* where the error is */
    bool has_open;        /* an unclosed bracket is involved */
    size_t open_offset;   /* where that bracket is */
    char message[160];
    char path[256];       /* JSON path of the value being read there, "$" at the top */
} eb_json_syntax_error;

/* Finds the first syntax error; false when the text is valid JSON. */
bool eb_json_find_syntax_error(const char *text, size_t len, eb_json_syntax_error *err);

/* The deepest nesting of brackets outside strings; stops early once `limit`
 * is exceeded, setting *where to the offending bracket. */
size_t eb_json_max_depth(const char *text, size_t len, size_t limit, size_t *where);

#endif
