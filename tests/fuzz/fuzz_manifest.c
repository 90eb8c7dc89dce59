/* Fuzz target: out/manifest.json, the record of the last build that an
 * incremental build and `check` trust to decide what is stale. The input
 * is the bytes of a manifest, read with eb_manifest_load_buffer. One the
 * loader accepts must be one the cli can use without checking again: each
 * entry with a plain file name (never a path out of out/), listed once,
 * its indication and locale, counts that are not negative, hashes of 64
 * hex digits, and a name for every input and font it hashed. A refused one
 * says why and hands back nothing. Seeds: tests/fuzz/corpus/manifest/. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool manifest_is_hex64(const char *s) {
    size_t n = strspn(s, "0123456789abcdef");
    return n == 64 && s[n] == '\0';
}

static void manifest_check_hashes(const eb_file_hash *hashes, size_t n) {
    for (size_t i = 0; i < n; i++) FUZZ_ASSERT(hashes[i].name && manifest_is_hex64(hashes[i].sha256));
}

static void manifest_check(const eb_manifest *m) {
    FUZZ_ASSERT(m->version);
    for (size_t i = 0; i < m->n; i++) {
        const eb_manifest_entry *e = &m->entries[i];
        FUZZ_ASSERT(e->file && !strchr(e->file, '/') && e->indication && e->locale);
        FUZZ_ASSERT(e->pages >= 0 && e->bytes >= 0);
        FUZZ_ASSERT(manifest_is_hex64(e->sha256) && manifest_is_hex64(e->key));
        manifest_check_hashes(e->inputs, e->ninputs);
        manifest_check_hashes(e->fonts, e->nfonts);
        for (size_t j = 0; j < i; j++) FUZZ_ASSERT(strcmp(m->entries[j].file, e->file) != 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_manifest m = {0};
    bool ok = eb_manifest_load_buffer("out/manifest.json", (const char *)data, size, &m, diag);
    if (ok) {
        FUZZ_ASSERT(eb_diag_count(diag, EB_ERROR) == 0);
        manifest_check(&m);
    } else {
        FUZZ_ASSERT(eb_diag_count(diag, EB_ERROR) > 0);
        FUZZ_ASSERT(m.n == 0);
    }
    eb_manifest_destroy(&m);
    eb_diag_destroy(diag);
    return 0;
}
