#include "manifest.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json_out.h"

bool eb_file_sha256(const char *path, char sha256[65], long *bytes) {
    char *data = NULL;
    size_t len = 0;
    const char *error = NULL;
    if (!eb_read_file(path, (size_t)1 << 31, &data, &len, &error)) return false;
    eb_sha256_hex(data, len, sha256);
    *bytes = (long)len;
    free(data);
    return true;
}

/* ---- reading ---------------------------------------------------------------- */

static char *dup_string(const cJSON *obj, const char *name) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(v) ? eb_xstrdup(v->valuestring) : NULL;
}

static bool copy_hash(const cJSON *obj, const char *name, char out[65]) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!cJSON_IsString(v) || strlen(v->valuestring) != 64) return false;
    memcpy(out, v->valuestring, 65);
    return true;
}

static bool read_hashes(const cJSON *arr, eb_file_hash **out, size_t *n) {
    *n = 0;
    *out = eb_xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof **out);
    for (const cJSON *h = cJSON_IsArray(arr) ? arr->child : NULL; h; h = h->next) {
        eb_file_hash *f = &(*out)[*n];
        f->name = dup_string(h, "file");
        (*n)++;
        if (!f->name || !copy_hash(h, "sha256", f->sha256)) return false;
    }
    return cJSON_IsArray(arr);
}

/* A non-negative whole number below 2^53, else -1 (a hand-edited manifest
 * may hold anything; casting a double beyond long's range is undefined). */
static long count_or_minus_one(const cJSON *n) {
    if (!cJSON_IsNumber(n) || !(n->valuedouble >= 0 && n->valuedouble < 9007199254740992.0)) return -1;
    return (long)n->valuedouble;
}

static bool read_entry(const cJSON *b, eb_manifest_entry *e) {
    *e = (eb_manifest_entry){.file = dup_string(b, "file"), .indication = dup_string(b, "indication"),
                             .locale = dup_string(b, "locale")};
    const cJSON *pages = cJSON_GetObjectItemCaseSensitive(b, "pages");
    const cJSON *bytes = cJSON_GetObjectItemCaseSensitive(b, "bytes");
    e->pages = count_or_minus_one(pages);
    e->bytes = count_or_minus_one(bytes);
    bool ok = e->file && e->indication && e->locale && !strchr(e->file, '/') && e->pages >= 0 &&
              e->bytes >= 0 && copy_hash(b, "sha256", e->sha256) && copy_hash(b, "key", e->key);
    ok = read_hashes(cJSON_GetObjectItemCaseSensitive(b, "inputs"), &e->inputs, &e->ninputs) && ok;
    ok = read_hashes(cJSON_GetObjectItemCaseSensitive(b, "fonts"), &e->fonts, &e->nfonts) && ok;
    return ok;
}

static bool parse_manifest(const char *data, size_t len, eb_manifest *m) {
    cJSON *root = cJSON_ParseWithLength(data, len);
    const cJSON *briefs = cJSON_GetObjectItemCaseSensitive(root, "briefs");
    m->version = dup_string(root, "evbrief_version");
    bool ok = m->version && cJSON_IsArray(briefs);
    for (const cJSON *b = ok ? briefs->child : NULL; b && ok; b = b->next) {
        eb_manifest_entry e;
        ok = read_entry(b, &e);
        if (ok) eb_manifest_put(m, &e);
        else eb_manifest_entry_free(&e);
    }
    cJSON_Delete(root);
    return ok;
}

bool eb_manifest_read(const char *path, eb_manifest *m, bool *missing) {
    *m = (eb_manifest){0};
    *missing = false;
    char *data = NULL;
    size_t len = 0;
    const char *error = NULL;
    if (!eb_read_file(path, (size_t)256 << 20, &data, &len, &error)) {
        if (access(path, F_OK) != 0) { *missing = true; return true; }
        fprintf(stderr, "evbrief: cannot read %s: %s\n", path, error);
        return false;
    }
    bool ok = parse_manifest(data, len, m);
    free(data);
    if (!ok) {
        fprintf(stderr, "evbrief: %s is not an evbrief manifest\n", path);
        eb_manifest_free(m);
    }
    return ok;
}

/* ---- writing ------------------------------------------------------------------- */

static eb_json *hashes_json(const eb_file_hash *files, size_t n) {
    eb_json *arr = eb_json_array();
    for (size_t i = 0; i < n; i++) {
        eb_json *h = eb_json_push(arr, eb_json_object());
        eb_json_set(h, "file", eb_json_string(files[i].name));
        eb_json_set(h, "sha256", eb_json_string(files[i].sha256));
    }
    return arr;
}

static int by_file(const void *a, const void *b) {
    return strcmp(((const eb_manifest_entry *)a)->file, ((const eb_manifest_entry *)b)->file);
}

static char *render(const eb_manifest *m) {
    eb_json *root = eb_json_object();
    eb_json_set(root, "evbrief_version", eb_json_string(m->version ? m->version : EVBRIEF_VERSION));
    eb_json *briefs = eb_json_set(root, "briefs", eb_json_array());
    eb_manifest_entry *sorted = eb_xmalloc((m->n + 1) * sizeof *sorted);
    if (m->n) memcpy(sorted, m->entries, m->n * sizeof *sorted);
    qsort(sorted, m->n, sizeof *sorted, by_file);
    for (size_t i = 0; i < m->n; i++) {
        const eb_manifest_entry *e = &sorted[i];
        eb_json *b = eb_json_push(briefs, eb_json_object());
        eb_json_set(b, "file", eb_json_string(e->file));
        eb_json_set(b, "indication", eb_json_string(e->indication));
        eb_json_set(b, "locale", eb_json_string(e->locale));
        eb_json_set(b, "pages", eb_json_number((double)e->pages));
        eb_json_set(b, "bytes", eb_json_number((double)e->bytes));
        eb_json_set(b, "sha256", eb_json_string(e->sha256));
        eb_json_set(b, "key", eb_json_string(e->key));
        eb_json_set(b, "inputs", hashes_json(e->inputs, e->ninputs));
        eb_json_set(b, "fonts", hashes_json(e->fonts, e->nfonts));
    }
    free(sorted);
    char *text = eb_json_print(root, true);
    eb_json_free(root);
    return text;
}

bool eb_manifest_write(const char *path, const eb_manifest *m) {
    char *text = render(m);
    char *tmp = eb_xasprintf("%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    bool ok = fd >= 0;
    size_t len = strlen(text);
    if (ok) ok = eb_write_all(fd, text, len) && eb_write_all(fd, "\n", 1) && fsync(fd) == 0;
    if (fd >= 0 && close(fd) != 0) ok = false;
    if (ok) ok = chmod(tmp, 0644) == 0 && rename(tmp, path) == 0;
    if (!ok) {
        fprintf(stderr, "evbrief: cannot write %s: %s\n", path, strerror(errno));
        if (fd >= 0) unlink(tmp);
    }
    free(tmp);
    free(text);
    return ok;
}

/* ---- entries ----------------------------------------------------------------------- */

void eb_manifest_entry_free(eb_manifest_entry *e) {
    free(e->file);
    free(e->indication);
    free(e->locale);
    for (size_t i = 0; i < e->ninputs; i++) free(e->inputs[i].name);
    for (size_t i = 0; i < e->nfonts; i++) free(e->fonts[i].name);
    free(e->inputs);
    free(e->fonts);
    *e = (eb_manifest_entry){0};
}

void eb_manifest_free(eb_manifest *m) {
    for (size_t i = 0; i < m->n; i++) eb_manifest_entry_free(&m->entries[i]);
    free(m->entries);
    free(m->version);
    *m = (eb_manifest){0};
}

eb_manifest_entry *eb_manifest_find(const eb_manifest *m, const char *file) {
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->entries[i].file, file) == 0) return &m->entries[i];
    return NULL;
}

void eb_manifest_put(eb_manifest *m, eb_manifest_entry *e) {
    eb_manifest_entry *old = eb_manifest_find(m, e->file);
    if (old) {
        eb_manifest_entry_free(old);
        *old = *e;
        return;
    }
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 32;
        m->entries = eb_xrealloc(m->entries, m->cap * sizeof *m->entries);
    }
    m->entries[m->n++] = *e;
}

void eb_manifest_remove(eb_manifest *m, const char *file) {
    eb_manifest_entry *e = eb_manifest_find(m, file);
    if (!e) return;
    eb_manifest_entry_free(e);
    *e = m->entries[--m->n];
}
