/* Fuzz target: the loader and validator. The input is the bytes of a
 * review file, read with eb_review_load_buffer against the real
 * vocabulary (inputs/indications.json): JSON syntax and its error
 * descriptions, line/column bookkeeping, UTF-8 and \u escapes (unpaired
 * surrogates), nesting, duplicate keys, every field check. A review the
 * loader accepts must be usable by later stages: its references resolve
 * and its indices are in range. Seeds: tests/fuzz/corpus/load/. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static eb_corpus *load_vocabulary;

static void load_cleanup(void) {
    eb_corpus_destroy(load_vocabulary);
    load_vocabulary = NULL;
}

static void load_check_indices(const eb_corpus *corpus, const eb_index_list *list) {
    for (size_t i = 0; i < list->n; i++) FUZZ_ASSERT(list->items[i] < corpus->nindications);
}

static void load_check_refs(const eb_review *review, const eb_ref_list *refs) {
    for (size_t i = 0; i < refs->n; i++) FUZZ_ASSERT(eb_review_find_reference(review, refs->items[i]));
}

/* What later stages take for granted in a review the loader accepted. */
static void load_check_review(const eb_corpus *corpus, const eb_review *review) {
    FUZZ_ASSERT(review->id && review->nfindings >= 1);
    for (size_t i = 0; i < review->nfindings; i++) {
        const eb_finding *f = &review->findings[i];
        FUZZ_ASSERT(f->id && f->text.s[EB_LANG_EN] && f->level < EB_LEVEL_COUNT);
        for (size_t k = 0; k < f->nstudies; k++) FUZZ_ASSERT(f->studies[k] < review->nhuman_studies);
        FUZZ_ASSERT(f->indications.n >= 1);
        load_check_indices(corpus, &f->indications);
        load_check_refs(review, &f->refs);
    }
    for (size_t i = 0; i < review->nhuman_studies; i++) {
        load_check_indices(corpus, &review->human_studies[i].indications);
        load_check_refs(review, &review->human_studies[i].refs);
    }
    for (size_t i = 0; i < review->nstatements; i++) {
        FUZZ_ASSERT(review->statements[i].kind < EB_STATEMENT_COUNT);
        load_check_indices(corpus, &review->statements[i].indications);
        load_check_refs(review, &review->statements[i].refs);
    }
    for (size_t i = 0; i < review->ntables; i++) {
        const eb_table *t = &review->tables[i];
        FUZZ_ASSERT(t->ncols >= 1 && t->header && t->nrows >= 1 && t->cells);
        for (size_t c = 0; c < t->nrows * t->ncols; c++) FUZZ_ASSERT(t->cells[c].n >= 1);
        load_check_indices(corpus, &t->indications);
        load_check_refs(review, &t->refs);
    }
    for (size_t ind = 0; ind < corpus->nindications; ind++) (void)eb_review_feeds(review, ind);
    (void)eb_review_evidence_date(review);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!load_vocabulary) {
        load_vocabulary = fuzz_load_vocabulary();
        atexit(load_cleanup);
    }
    eb_corpus corpus;
    fuzz_fresh_corpus(load_vocabulary, &corpus);
    eb_diag *diag = eb_diag_create(NULL);
    char *file = fuzz_review_file_name(data, size);
    const eb_review *review = eb_review_load_buffer(&corpus, file, (const char *)data, size, diag);
    if (review) {
        FUZZ_ASSERT(eb_diag_count(diag, EB_ERROR) == 0);
        load_check_review(&corpus, review);
    } else {
        /* a rejected file always says why */
        FUZZ_ASSERT(eb_diag_count(diag, EB_ERROR) > 0);
    }
    eb_diag_destroy(diag);
    eb_arena_destroy(corpus.arena);
    free(file);
    return 0;
}
