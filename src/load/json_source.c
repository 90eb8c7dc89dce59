#include "json_source.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json_syntax.h"
#include "util.h"

/* ---- line and column ------------------------------------------------------ */

static void index_lines(eb_json_doc *doc) {
    size_t cap = 64;
    doc->line_starts = eb_xmalloc(cap * sizeof *doc->line_starts);
    doc->line_starts[0] = 0;
    doc->nlines = 1;
    for (size_t i = 0; i < doc->len; i++) {
        if (doc->text[i] != '\n') continue;
        if (doc->nlines == cap) {
            cap *= 2;
            doc->line_starts = eb_xrealloc(doc->line_starts, cap * sizeof *doc->line_starts);
        }
        doc->line_starts[doc->nlines++] = i + 1;
    }
}

void ebi_json_line_col(const eb_json_doc *doc, size_t offset, int *line, int *column) {
    if (offset > doc->len) offset = doc->len;
    size_t lo = 0, hi = doc->nlines; /* find the last line start <= offset */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->line_starts[mid] <= offset) lo = mid;
        else hi = mid;
    }
    *line = (int)(lo + 1);
    *column = (int)eb_utf8_count(doc->text + doc->line_starts[lo], offset - doc->line_starts[lo]) + 1;
}

/* The text of where.line, for the excerpt under a diagnostic. */
static void attach_source(const eb_json_doc *doc, eb_location *where) {
    if (where->line < 1 || (size_t)where->line > doc->nlines) return;
    size_t start = doc->line_starts[where->line - 1];
    size_t end = (size_t)where->line < doc->nlines ? doc->line_starts[where->line] : doc->len;
    while (end > start && (doc->text[end - 1] == '\n' || doc->text[end - 1] == '\r')) end--;
    where->source = doc->text + start;
    where->source_len = end - start;
}

static void report_path_at(eb_json_doc *doc, eb_diag *diag, eb_severity severity, size_t offset,
                           const char *path, const char *message) {
    eb_location where = {.file = doc->file, .path = path};
    ebi_json_line_col(doc, offset, &where.line, &where.column);
    attach_source(doc, &where);
    eb_diag_report(diag, severity, where, "%s", message);
}

static void report_severity_at(eb_json_doc *doc, eb_diag *diag, eb_severity severity, size_t offset,
                               const char *message) {
    report_path_at(doc, diag, severity, offset, NULL, message);
}

static void report_at(eb_json_doc *doc, eb_diag *diag, size_t offset, const char *fmt, const char *arg) {
    char *message = eb_xasprintf(fmt, arg);
    report_severity_at(doc, diag, EB_ERROR, offset, message);
    free(message);
}

/* ---- positions of nodes ------------------------------------------------------ */

static size_t hash_node(const cJSON *node, size_t cap) {
    uintptr_t h = (uintptr_t)node;
    h ^= h >> 17;
    h *= (uintptr_t)0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 7) & (cap - 1);
}

static void remember(const eb_json_doc *doc, const cJSON *node, size_t key_offset, size_t value_offset) {
    eb_json_positions *t = doc->positions;
    size_t i = hash_node(node, t->cap);
    while (t->at[i].node) i = (i + 1) & (t->cap - 1);
    t->at[i] = (eb_json_position){node, key_offset, value_offset};
}

/* The scan recorded every value in document order, which is the order of
 * a pre-order walk of cJSON's tree (cJSON keeps members, duplicates
 * included, in the order it read them). */
static size_t assign_positions(const eb_json_doc *doc, const cJSON *node, size_t next) {
    if (next < doc->nspans) {
        remember(doc, node, doc->spans[next].key_offset + (doc->spans[next].key_offset == SIZE_MAX ? 0 : doc->start),
                 doc->spans[next].value_offset + doc->start);
    }
    next++;
    for (const cJSON *child = node->child; child; child = child->next)
        next = assign_positions(doc, child, next);
    return next;
}

static void index_positions(const eb_json_doc *doc) {
    size_t cap = 16;
    while (cap < 2 * doc->nspans) cap *= 2;
    doc->positions->cap = cap;
    doc->positions->at = eb_xcalloc(cap, sizeof *doc->positions->at);
    assign_positions(doc, doc->root, 0);
}

/* The table is built on the first lookup, that is on the first diagnostic
 * about the document: a valid file never pays for hashing every node. */
static const eb_json_position *find_position(const eb_json_doc *doc, const cJSON *node) {
    if (!doc->root || !doc->positions) return NULL;
    if (!doc->positions->at) index_positions(doc);
    const eb_json_position *at = doc->positions->at;
    size_t cap = doc->positions->cap;
    for (size_t i = at ? hash_node(node, cap) : 0; at && at[i].node; i = (i + 1) & (cap - 1))
        if (at[i].node == node) return &at[i];
    return NULL;
}

eb_location ebi_json_where(const eb_json_doc *doc, const cJSON *node, bool at_key,
                          const char *json_path) {
    eb_location where = {.file = doc->file, .path = json_path};
    const eb_json_position *p = node ? find_position(doc, node) : NULL;
    if (p) {
        size_t offset = at_key && p->key_offset != SIZE_MAX ? p->key_offset : p->value_offset;
        ebi_json_line_col(doc, offset, &where.line, &where.column);
        attach_source(doc, &where);
    }
    return where;
}

/* ---- duplicate keys --------------------------------------------------------------- */

static int compare_names(const void *a, const void *b) {
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    int c = strcmp(x->string, y->string);
    if (c) return c;
    return (x > y) - (x < y);
}

/* cJSON keeps every duplicate member, and lookups see only the first, so a
 * repeated key would silently hide a value: report each repeat. */
static size_t check_duplicates(eb_json_doc *doc, const cJSON *node, eb_diag *diag) {
    size_t errors = 0;
    for (const cJSON *child = node->child; child; child = child->next)
        errors += check_duplicates(doc, child, diag);
    if (!cJSON_IsObject(node) || !node->child) return errors;
    size_t n = 0;
    for (const cJSON *child = node->child; child; child = child->next) n++;
    const cJSON **members = eb_xmalloc(n * sizeof *members);
    n = 0;
    for (const cJSON *child = node->child; child; child = child->next) members[n++] = child;
    /* Sorting by name, then by node address, keeps the document order among
     * equal names only if cJSON allocates in order; report positions anyway. */
    qsort(members, n, sizeof *members, compare_names);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(members[i]->string, members[i - 1]->string) != 0) continue;
        const eb_json_position *a = find_position(doc, members[i - 1]);
        const eb_json_position *b = find_position(doc, members[i]);
        const cJSON *later = (a && b && a->key_offset > b->key_offset) ? members[i - 1] : members[i];
        const eb_json_position *first = later == members[i] ? a : b;
        int line = 0, column = 0;
        if (first) ebi_json_line_col(doc, first->key_offset, &line, &column);
        eb_buf name = {0};
        eb_buf_put_excerpt(&name, later->string, 64);
        eb_diag_report(diag, EB_ERROR, ebi_json_where(doc, later, true, NULL),
                       "duplicate key \"%s\" (first defined at line %d, column %d)",
                       eb_buf_cstr(&name), line, column);
        eb_buf_destroy(&name);
        errors++;
    }
    free(members);
    return errors;
}

/* ---- loading ------------------------------------------------------------------------ */

/* cJSON decodes the escape \u0000 into a NUL byte, which ends its C string:
 * the rest of the string would silently vanish ("ab\u0000cd" reads as "ab").
 * The scan noted each such escape; each is reported, the document stays
 * usable. */
static size_t report_nul_escapes(eb_json_doc *doc, const eb_json_scan *scan, eb_diag *diag) {
    for (size_t i = 0; i < scan->nnul_escapes; i++)
        report_at(doc, diag, scan->nul_escapes[i] + doc->start, "%s",
                  "\\u0000 in a string: a text cannot hold a NUL character");
    return scan->nnul_escapes;
}

static bool check_encoding(eb_json_doc *doc, eb_diag *diag) {
    size_t bad = eb_utf8_validate(doc->text, doc->len);
    if (bad == doc->len) return true;
    char detail[64];
    snprintf(detail, sizeof detail, "0x%02X", (unsigned char)doc->text[bad]);
    report_at(doc, diag, bad, "invalid UTF-8 (byte %s): save the file as UTF-8", detail);
    return false;
}

static void report_syntax_error(eb_json_doc *doc, const eb_json_syntax_error *err, eb_diag *diag) {
    const char *path = err->path[0] ? err->path : NULL;
    if (!err->has_open) {
        report_path_at(doc, diag, EB_ERROR, err->offset + doc->start, path, err->message);
        return;
    }
    int line = 0, column = 0;
    ebi_json_line_col(doc, err->open_offset + doc->start, &line, &column);
    char *message = eb_xasprintf("%s; the '%c' at line %d, column %d is never closed",
                                 err->message, doc->text[err->open_offset + doc->start], line, column);
    report_path_at(doc, diag, EB_ERROR, err->offset + doc->start, path, message);
    free(message);
}

/* Our scan first (it explains errors and knows positions), then cJSON's
 * tree. A text the scan accepts is one cJSON accepts: should cJSON still
 * fail, it can only be for memory, which is not recoverable here either. */
static bool parse_tree(eb_json_doc *doc, eb_json_scan *scan, eb_diag *diag) {
    const char *text = doc->text + doc->start;
    size_t len = doc->len - doc->start;
    if (!ebi_json_scan_text(text, len, scan)) {
        report_syntax_error(doc, &scan->error, diag);
        return false;
    }
    doc->root = cJSON_ParseWithLength(text, len);
    if (!doc->root) abort();
    doc->spans = scan->values;
    doc->nspans = scan->nvalues;
    scan->values = NULL;
    return true;
}

/* "zh" is an alias of "zh-Hans" wherever a language is written: as a key
 * (text objects, header_renderings) and as the value of "language" or
 * "lang". Rewritten once here, so that every reader sees one tag. Both
 * keys in one object are an error. */
static size_t alias_zh(eb_json_doc *doc, cJSON *node, eb_diag *diag) {
    size_t errors = 0;
    for (cJSON *m = node ? node->child : NULL; m; m = m->next) {
        errors += alias_zh(doc, m, diag);
        if (!m->string) continue;
        bool lang_value = strcmp(m->string, "language") == 0 || strcmp(m->string, "lang") == 0;
        if (lang_value && cJSON_IsString(m) && strcmp(m->valuestring, "zh") == 0) cJSON_SetValuestring(m, "zh-Hans");
        if (strcmp(m->string, "zh") != 0) continue;
        if (cJSON_GetObjectItemCaseSensitive(node, "zh-Hans")) {
            eb_diag_report(diag, EB_ERROR, ebi_json_where(doc, m, true, NULL),
                           "both \"zh\" and \"zh-Hans\": \"zh\" is another name of \"zh-Hans\"; keep one");
            errors++;
            continue;
        }
        char *tag = cJSON_malloc(sizeof "zh-Hans");
        if (!tag) abort();  /* as eb_xmalloc: out of memory is not recoverable */
        memcpy(tag, "zh-Hans", sizeof "zh-Hans");
        if (!(m->type & cJSON_StringIsConst)) cJSON_free(m->string);
        m->type &= ~cJSON_StringIsConst;
        m->string = tag;
    }
    return errors;
}

bool ebi_json_doc_parse(eb_json_doc *doc, const char *file, const char *data, size_t len,
                       eb_diag *diag) {
    *doc = (eb_json_doc){.file = file, .text = eb_xstrndup(data, len), .len = len,
                         .positions = eb_xcalloc(1, sizeof *doc->positions)};
    index_lines(doc);
    if (memchr(doc->text, '\0', len)) {
        report_at(doc, diag, (size_t)((const char *)memchr(doc->text, '\0', len) - doc->text),
                  "%s", "NUL byte in the file: is it a text file?");
        return false;
    }
    bool bom = len >= 3 && memcmp(doc->text, "\xEF\xBB\xBF", 3) == 0;
    doc->start = bom ? 3 : 0;
    eb_json_scan scan = {0};
    bool ok = check_encoding(doc, diag) && parse_tree(doc, &scan, diag);
    if (ok) {
        /* Windows editors write one; it is harmless, so a warning (the docs
         * ask for files without). */
        if (bom)
            report_severity_at(doc, diag, EB_WARNING, 0,
                               "byte-order mark at the start of the file: it is ignored; save the file as UTF-8 without one");
        /* A duplicate key is an error, but the rest of the file can still be
         * checked, so that the editor sees every problem in one run. */
        doc->errors += check_duplicates(doc, doc->root, diag);
        doc->errors += report_nul_escapes(doc, &scan, diag);
        doc->errors += alias_zh(doc, doc->root, diag);
    }
    ebi_json_scan_destroy(&scan);
    return ok;
}

bool ebi_json_doc_load(eb_json_doc *doc, const char *path, eb_diag *diag, bool *io_error) {
    char *data = NULL;
    size_t len = 0;
    const char *error = NULL;
    *io_error = false;
    if (!eb_read_file(path, EB_JSON_MAX_FILE_SIZE, &data, &len, &error)) {
        *doc = (eb_json_doc){.file = path};
        bool too_large = strcmp(error, "file too large") == 0;
        *io_error = !too_large;
        eb_diag_report(diag, EB_ERROR, (eb_location){.file = path},
                       too_large ? "the file is larger than 16 MiB; split it or shorten its texts"
                                 : "cannot read: %s", error);
        return false;
    }
    bool ok = ebi_json_doc_parse(doc, path, data, len, diag);
    free(data);
    return ok;
}

void ebi_json_doc_destroy(eb_json_doc *doc) {
    cJSON_Delete(doc->root);
    free(doc->text);
    free(doc->line_starts);
    if (doc->positions) free(doc->positions->at);
    free(doc->positions);
    free(doc->spans);
    *doc = (eb_json_doc){0};
}
