/* json_source: one JSON file, scanned once by json_syntax.c and parsed by
 * cJSON, with what cJSON does not give: the line and column of every value
 * and key, duplicate-key and nesting checks, UTF-8 validation, and a plain
 * description of syntax errors. Every JSON file evbrief reads comes through
 * here (inputs, fonts.json, the manifest). Private to the load stage. */
#ifndef EVBRIEF_LOAD_JSON_SOURCE_H
#define EVBRIEF_LOAD_JSON_SOURCE_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "json_syntax.h"

/* Largest input file we read. */
#define EB_JSON_MAX_FILE_SIZE ((size_t)16 * 1024 * 1024)

typedef struct {
    const cJSON *node;
    size_t key_offset;    /* offset of the member's key; SIZE_MAX for array items/root */
    size_t value_offset;
} eb_json_position;

/* Open-addressing table of positions keyed by node, built on the first
 * lookup (find_position). A document points at it, so that a lookup
 * through a const document may fill it. */
typedef struct {
    eb_json_position *at; /* NULL until built */
    size_t cap;
} eb_json_positions;

typedef struct {
    const char *file;     /* as the user named it */
    char *text;           /* owned, NUL-terminated */
    size_t len;
    size_t start;         /* 3 after a byte-order mark, else 0 */
    size_t *line_starts;  /* byte offset of each line's first byte */
    size_t nlines;
    cJSON *root;          /* owned; NULL when the file did not parse */
    eb_json_span *spans;  /* where each value starts, in document order (the scan's) */
    size_t nspans;
    eb_json_positions *positions; /* owned */
    size_t errors;        /* errors found in a document that still parsed */
} eb_json_doc;

/* Reads and parses `path`. Reports I/O problems, invalid UTF-8, syntax
 * errors, excessive nesting and duplicate keys through diag. Returns false
 * when the document cannot be used (doc->root is then NULL); *io_error tells
 * whether the failure was I/O rather than content. A document with
 * duplicate keys is usable (true) but counts them in doc->errors. */
bool ebi_json_doc_load(eb_json_doc *doc, const char *path, eb_diag *diag, bool *io_error);
/* The same from memory (takes a copy), for tests and fuzzing. */
bool ebi_json_doc_parse(eb_json_doc *doc, const char *file, const char *data, size_t len,
                       eb_diag *diag);
void ebi_json_doc_destroy(eb_json_doc *doc);

/* Location of a node's value (or of its key, when at_key and it has one). */
eb_location ebi_json_where(const eb_json_doc *doc, const cJSON *node, bool at_key,
                          const char *json_path);
/* Line and column (1-based, column in characters) of a byte offset. */
void ebi_json_line_col(const eb_json_doc *doc, size_t offset, int *line, int *column);

#endif
