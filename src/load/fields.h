/* fields: typed access to the members of a parsed JSON document, reporting
 * every problem with its file, line, column and JSON path. Every JSON file
 * is read in terms of these: reviews and indications, fonts.json
 * (font_list.c), the build manifest (manifest.c). Private to load/. */
#ifndef EVBRIEF_LOAD_FIELDS_H
#define EVBRIEF_LOAD_FIELDS_H

#include <stdarg.h>
#include <stdbool.h>

#include "json_source.h"
#include "load.h"
#include "model.h"

typedef struct {
    eb_json_doc *doc;
    eb_diag *diag;
    eb_arena *arena;
    eb_buf path;       /* the JSON path of the node being read, "$.a[2].b" */
    size_t errors;
    /* Language every text object must carry (the review's), or -1. */
    int required_lang;
    const eb_text_check *check;  /* optional, see load.h */
    const char *format_doc;      /* where the format is described, for unknown fields */
} eb_reader;

void ebi_reader_init(eb_reader *r, eb_json_doc *doc, eb_diag *diag, eb_arena *arena);
void ebi_reader_destroy(eb_reader *r);

/* Path bookkeeping: push returns a mark that pop restores. */
size_t ebi_path_push_key(eb_reader *r, const char *key);
size_t ebi_path_push_index(eb_reader *r, size_t index);
void ebi_path_pop(eb_reader *r, size_t mark);

/* Reports an error at a node (at its key when at_key) under the current path. */
void ebi_reader_error(eb_reader *r, const cJSON *node, bool at_key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

void ebi_reader_verror(eb_reader *r, const cJSON *node, const char *fmt, va_list args);

/* Reports a warning at a node under the current path (not an error: the
 * file stays valid). */
void ebi_reader_warning(eb_reader *r, const cJSON *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The closest of `candidates` to `word` by edit distance, or NULL when none
 * is close enough to be a likely typo. */
const char *ebi_closest(const char *word, const char *const *candidates, size_t n);

/* Checks that `node` is an object whose members are all among `allowed` and
 * that every name in `required` is present. Reports each problem; returns
 * false only when node is not an object at all. */
bool ebi_read_object(eb_reader *r, const cJSON *node, const char *const *allowed,
                    const char *const *required);

/* Members. Each returns false (and reports) when present but invalid, and
 * leaves *out untouched when the member is absent. `name` is looked up in
 * `obj`; the path is extended while reading it. */
bool ebi_read_string(eb_reader *r, const cJSON *obj, const char *name, size_t max_chars,
                    const char **out);
/* A whole number from min to max: the one place where a JSON number (a
 * double) is checked before it is converted. min and max are within
 * +-2^53, where every whole number is a double. */
bool ebi_read_long(eb_reader *r, const cJSON *obj, const char *name, long min, long max,
                  long *out);
/* The check itself, without a report: node is a number, a whole one, from
 * min to max; *out gets it. */
bool ebi_whole_number(const cJSON *node, long min, long max, long *out);
/* The same into an int; min and max are within int's range. */
bool ebi_read_int(eb_reader *r, const cJSON *obj, const char *name, long min, long max,
                 int *out);
bool ebi_read_bool(eb_reader *r, const cJSON *obj, const char *name, bool *out);
bool ebi_read_enum(eb_reader *r, const cJSON *obj, const char *name,
                  const char *const *names, size_t count, int *out);
bool ebi_read_slug(eb_reader *r, const cJSON *obj, const char *name, const char **out);
bool ebi_read_text(eb_reader *r, const cJSON *obj, const char *name, eb_text *out);
/* The languages of a set of EB_LANG_BIT()s, for messages: "\"fa\" and
 * \"zh-Hans\"" (tags) or "Persian and Chinese". */
void ebi_lang_list(unsigned langs, bool tags, eb_buf *out);
/* A text object given as the node itself (an array element). */
bool ebi_read_text_node(eb_reader *r, const cJSON *node, eb_text *out);
bool ebi_read_string_list(eb_reader *r, const cJSON *obj, const char *name, size_t max_items,
                         size_t max_chars, eb_string_list *out);
/* A date "YYYY-MM" or "YYYY-MM-DD" that exists in the calendar. */
bool ebi_read_date(eb_reader *r, const cJSON *obj, const char *name, const char **out);
/* A bare DOI "10.NNNN/..." or an http(s) URL. */
bool ebi_read_doi(eb_reader *r, const cJSON *obj, const char *name, const char **out);
bool ebi_read_url(eb_reader *r, const cJSON *obj, const char *name, const char **out);

/* Checks a string's content (no control characters, length) at a node. */
bool ebi_check_string(eb_reader *r, const cJSON *node, size_t max_chars);

/* Iterates an array member: returns its first element (NULL if absent or
 * empty) after checking its type and size bounds; *count gets the length. */
const cJSON *ebi_read_array(eb_reader *r, const cJSON *obj, const char *name,
                           size_t min_items, size_t max_items, size_t *count);

const char *ebi_json_type_name(const cJSON *node);

#define EB_SHORT_STRING 500
#define EB_LONG_STRING 20000

#endif
