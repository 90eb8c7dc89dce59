/* Fuzz target: a clinic's inputs/brand.json, read with
 * eb_brand_load_buffer against the real vocabulary (its keywords name
 * indications), with the logo of the example brand
 * (docs/examples/brand/logo.png) where the input names it. A brand the
 * loader accepts must be one compose and pdf can print without checking
 * again: the organisation, contact and logo text in every language, a
 * keyword list per indication, a logo with pixels when it names one. A
 * refused one says why and leaves the corpus without a brand.
 * Seeds: tests/fuzz/corpus/brand/. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static eb_corpus *brand_vocabulary;
static char *brand_logo_dir;

static void brand_cleanup(void) {
    eb_corpus_destroy(brand_vocabulary);
    free(brand_logo_dir);
    brand_vocabulary = NULL;
}

static void brand_check(const eb_corpus *corpus, const eb_brand *b) {
    /* every language or none: a brief never prints another locale's line */
    for (int lang = 0; lang < EB_LANG_COUNT; lang++) {
        FUZZ_ASSERT(b->organisation.s[lang]);
        FUZZ_ASSERT(!b->contact.s[lang] == !b->contact.s[0]);
        FUZZ_ASSERT(!b->disclaimer.s[lang] == !b->disclaimer.s[0]);
    }
    FUZZ_ASSERT(b->keywords);
    for (size_t i = 0; i < corpus->nindications; i++)
        for (size_t k = 0; k < b->keywords[i].n; k++) FUZZ_ASSERT(b->keywords[i].items[k]);
    if (b->logo_file) {
        FUZZ_ASSERT(b->logo.width > 0 && b->logo.height > 0 && b->logo.rgb);
        for (int lang = 0; lang < EB_LANG_COUNT; lang++) FUZZ_ASSERT(b->logo_alt.s[lang]);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!brand_vocabulary) {
        brand_vocabulary = fuzz_load_vocabulary();
        brand_logo_dir = fuzz_source_path("docs/examples/brand", EVBRIEF_DEFAULT_INPUTS_DIR "/../docs/examples/brand");
        atexit(brand_cleanup);
    }
    eb_corpus corpus;
    fuzz_fresh_corpus(brand_vocabulary, &corpus);
    corpus.inputs_dir = brand_logo_dir;
    corpus.brand = NULL;
    eb_diag *diag = eb_diag_create(NULL);
    if (eb_brand_load_buffer(&corpus, "inputs/brand.json", (const char *)data, size, diag)) {
        FUZZ_ASSERT(eb_diag_count(diag, EB_ERROR) == 0 && corpus.brand);
        brand_check(&corpus, corpus.brand);
    } else {
        FUZZ_ASSERT(eb_diag_count(diag, EB_ERROR) > 0 && !corpus.brand);
    }
    eb_diag_destroy(diag);
    eb_arena_destroy(corpus.arena);
    return 0;
}
