/* out/manifest.json, the record a build keeps of the briefs it wrote
 * (cli/manifest.h), read through the same typed reader as every JSON file:
 * a hand-edited or truncated manifest gets its problems at their line,
 * column and path, and a number beyond a long's range is refused before
 * any conversion. The format is in docs/ci.md. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fields.h"
#include "load.h"

/* Counts stay below 2^53, where every whole number is a double. */
#define MAX_COUNT 9007199254740991L

static bool is_hex64(const char *s) {
    size_t n = strspn(s, "0123456789abcdef");
    return n == 64 && s[n] == '\0';
}

/* A required string member; NULL after reporting. */
static char *read_name(eb_reader *r, const cJSON *obj, const char *name, bool plain_file) {
    const char *value = NULL;
    if (!ebi_read_string(r, obj, name, 4096, &value) || !value) return NULL;
    if (plain_file && strchr(value, '/')) {
        size_t mark = ebi_path_push_key(r, name);
        ebi_reader_error(r, cJSON_GetObjectItemCaseSensitive(obj, name), false,
                        "expected a file name inside the output directory, without '/'");
        ebi_path_pop(r, mark);
        return NULL;
    }
    return eb_xstrdup(value);
}

static bool read_hash(eb_reader *r, const cJSON *obj, const char *name, char out[65]) {
    const char *value = NULL;
    if (!ebi_read_string(r, obj, name, 64, &value) || !value) return false;
    if (!is_hex64(value)) {
        size_t mark = ebi_path_push_key(r, name);
        ebi_reader_error(r, cJSON_GetObjectItemCaseSensitive(obj, name), false,
                        "expected a SHA-256: 64 lower-case hex digits");
        ebi_path_pop(r, mark);
        return false;
    }
    memcpy(out, value, 65);
    return true;
}

static void read_hashes(eb_reader *r, const cJSON *obj, const char *name, eb_file_hash **out, size_t *n) {
    static const char *const fields[] = {"file", "sha256", NULL};
    size_t count = 0;
    const cJSON *item = ebi_read_array(r, obj, name, 0, 100000, &count);
    *out = eb_xcalloc(count + 1, sizeof **out);
    *n = 0;
    size_t mark = ebi_path_push_key(r, name);
    for (size_t i = 0; item; item = item->next, i++) {
        size_t m = ebi_path_push_index(r, i);
        eb_file_hash *h = &(*out)[*n];
        if (ebi_read_object(r, item, fields, fields) && (h->name = read_name(r, item, "file", false))) {
            if (read_hash(r, item, "sha256", h->sha256)) (*n)++;
            else free(h->name);
        }
        ebi_path_pop(r, m);
    }
    ebi_path_pop(r, mark);
}

static void read_entry(eb_reader *r, const cJSON *b, eb_manifest_entry *e) {
    static const char *const fields[] = {"file", "indication", "locale", "pages", "bytes", "sha256",
                                         "key", "inputs", "fonts", NULL};
    *e = (eb_manifest_entry){.pages = -1, .bytes = -1};
    if (!ebi_read_object(r, b, fields, fields)) return;
    e->file = read_name(r, b, "file", true);
    e->indication = read_name(r, b, "indication", false);
    e->locale = read_name(r, b, "locale", false);
    ebi_read_long(r, b, "pages", 0, MAX_COUNT, &e->pages);
    ebi_read_long(r, b, "bytes", 0, MAX_COUNT, &e->bytes);
    read_hash(r, b, "sha256", e->sha256);
    read_hash(r, b, "key", e->key);
    read_hashes(r, b, "inputs", &e->inputs, &e->ninputs);
    read_hashes(r, b, "fonts", &e->fonts, &e->nfonts);
}

static bool listed_before(eb_reader *r, const eb_manifest *m, const cJSON *b, const char *file) {
    for (size_t i = 0; i < m->n; i++) {
        if (strcmp(m->entries[i].file, file) != 0) continue;
        size_t mark = ebi_path_push_key(r, "file");
        ebi_reader_error(r, cJSON_GetObjectItemCaseSensitive(b, "file"), false,
                        "\"%s\" is listed twice", file);
        ebi_path_pop(r, mark);
        return true;
    }
    return false;
}

static void read_briefs(eb_reader *r, const cJSON *root, eb_manifest *m) {
    size_t count = 0;
    const cJSON *b = ebi_read_array(r, root, "briefs", 0, 100000, &count);
    m->entries = eb_xcalloc(count + 1, sizeof *m->entries);
    m->cap = count + 1;
    size_t mark = ebi_path_push_key(r, "briefs");
    for (size_t i = 0; b; b = b->next, i++) {
        size_t mk = ebi_path_push_index(r, i);
        size_t before = r->errors;
        eb_manifest_entry *e = &m->entries[m->n];
        read_entry(r, b, e);
        if (r->errors == before && e->file && !listed_before(r, m, b, e->file)) m->n++;
        else eb_manifest_entry_destroy(e);
        ebi_path_pop(r, mk);
    }
    ebi_path_pop(r, mark);
}

static bool read_manifest(eb_json_doc *doc, eb_manifest *m, eb_diag *diag) {
    static const char *const fields[] = {"evbrief_version", "briefs", NULL};
    eb_arena *arena = eb_arena_create();
    eb_reader r;
    ebi_reader_init(&r, doc, diag, arena);
    r.format_doc = "docs/ci.md";
    if (ebi_read_object(&r, doc->root, fields, fields)) {
        m->version = read_name(&r, doc->root, "evbrief_version", false);
        read_briefs(&r, doc->root, m);
    }
    bool ok = r.errors == 0 && doc->errors == 0;
    ebi_reader_destroy(&r);
    eb_arena_destroy(arena);
    return ok;
}

/* The manifest of a parsed (or unparsable) document; frees the document. */
static bool finish(eb_json_doc *doc, bool parsed, eb_manifest *m, eb_diag *diag) {
    bool ok = parsed && read_manifest(doc, m, diag);
    ebi_json_doc_destroy(doc);
    if (!ok) eb_manifest_destroy(m);
    return ok;
}

bool eb_manifest_load_buffer(const char *file, const char *data, size_t len, eb_manifest *m, eb_diag *diag) {
    *m = (eb_manifest){0};
    eb_json_doc doc;
    return finish(&doc, ebi_json_doc_parse(&doc, file, data, len, diag), m, diag);
}

bool eb_manifest_load(const char *path, eb_manifest *m, bool *missing, eb_diag *diag) {
    *m = (eb_manifest){0};
    *missing = access(path, F_OK) != 0;
    if (*missing) return true;
    eb_json_doc doc;
    bool io_error = false;
    return finish(&doc, ebi_json_doc_load(&doc, path, diag, &io_error), m, diag);
}
