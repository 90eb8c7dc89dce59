#include "manifest.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* ---- writing ------------------------------------------------------------------- */

static cJSON *hashes_json(const eb_file_hash *files, size_t n) {
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
        cJSON *h = cJSON_CreateObject();
        cJSON_AddStringToObject(h, "file", files[i].name);
        cJSON_AddStringToObject(h, "sha256", files[i].sha256);
        cJSON_AddItemToArray(arr, h);
    }
    return arr;
}

static int by_file(const void *a, const void *b) {
    return strcmp(((const eb_manifest_entry *)a)->file, ((const eb_manifest_entry *)b)->file);
}

static char *render(const eb_manifest *m) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "evbrief_version", m->version ? m->version : EVBRIEF_VERSION);
    cJSON *briefs = cJSON_AddArrayToObject(root, "briefs");
    eb_manifest_entry *sorted = eb_xmalloc((m->n + 1) * sizeof *sorted);
    if (m->n) memcpy(sorted, m->entries, m->n * sizeof *sorted);
    qsort(sorted, m->n, sizeof *sorted, by_file);
    for (size_t i = 0; i < m->n; i++) {
        const eb_manifest_entry *e = &sorted[i];
        cJSON *b = cJSON_CreateObject();
        cJSON_AddStringToObject(b, "file", e->file);
        cJSON_AddStringToObject(b, "indication", e->indication);
        cJSON_AddStringToObject(b, "locale", e->locale);
        cJSON_AddNumberToObject(b, "pages", (double)e->pages);
        cJSON_AddNumberToObject(b, "bytes", (double)e->bytes);
        cJSON_AddStringToObject(b, "sha256", e->sha256);
        cJSON_AddStringToObject(b, "key", e->key);
        cJSON_AddItemToObject(b, "inputs", hashes_json(e->inputs, e->ninputs));
        cJSON_AddItemToObject(b, "fonts", hashes_json(e->fonts, e->nfonts));
        cJSON_AddItemToArray(briefs, b);
    }
    free(sorted);
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}

bool eb_manifest_write(const char *path, const eb_manifest *m, eb_diag *diag) {
    char *text = render(m);
    char *tmp = eb_xasprintf("%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    bool ok = fd >= 0;
    size_t len = strlen(text);
    if (ok) ok = eb_write_all(fd, text, len) && eb_write_all(fd, "\n", 1) && fsync(fd) == 0;
    if (fd >= 0 && close(fd) != 0) ok = false;
    if (ok) ok = chmod(tmp, 0644) == 0 && rename(tmp, path) == 0;
    if (!ok) {
        eb_diag_report(diag, EB_ERROR, (eb_location){.file = path}, "cannot write: %s", strerror(errno));
        if (fd >= 0) unlink(tmp);
    }
    free(tmp);
    free(text);
    return ok;
}

/* ---- entries ----------------------------------------------------------------------- */

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
