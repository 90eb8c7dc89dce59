#include "manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json_out.h"

bool ebi_file_sha256(const char *path, char sha256[65], long *bytes) {
    size_t size = 0;
    const char *error = NULL;
    if (!eb_sha256_file(path, sha256, &size, &error)) return false;
    *bytes = (long)size;
    return true;
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
    eb_json_destroy(root);
    return text;
}

bool ebi_manifest_write(const char *path, const eb_manifest *m, eb_diag *diag) {
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

eb_manifest_entry *ebi_manifest_find(const eb_manifest *m, const char *file) {
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->entries[i].file, file) == 0) return &m->entries[i];
    return NULL;
}

void ebi_manifest_put(eb_manifest *m, eb_manifest_entry *e) {
    eb_manifest_entry *old = ebi_manifest_find(m, e->file);
    if (old) {
        eb_manifest_entry_destroy(old);
        *old = *e;
        return;
    }
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 32;
        m->entries = eb_xrealloc(m->entries, m->cap * sizeof *m->entries);
    }
    m->entries[m->n++] = *e;
}

void ebi_manifest_remove(eb_manifest *m, const char *file) {
    eb_manifest_entry *e = ebi_manifest_find(m, file);
    if (!e) return;
    eb_manifest_entry_destroy(e);
    *e = m->entries[--m->n];
}
