/* Shared by the fuzz targets (fuzz_*.c) and by their replay driver
 * (tests/unit/test_fuzz_regressions.c), which includes every target into
 * one program: so everything here is static inline, and each target's own
 * statics carry its name.
 *
 * A target is built two ways:
 *   - with libFuzzer (-DEVBRIEF_FUZZ=ON, clang, -fsanitize=fuzzer), which
 *     supplies main() and calls LLVMFuzzerTestOneInput with mutated inputs;
 *   - in the normal build, inside the replay driver, which feeds it every
 *     file of tests/fuzz/corpus/<target>/ and tests/fuzz/regressions/<target>/.
 *
 * The targets read the real vocabulary (inputs/indications.json) of the
 * source tree, found through $SRC when set, else through the path compiled
 * into the target, and the fonts of the build tree (BUILD/fonts/, where
 * CMake copies them; compiled in as EVBRIEF_TEST_FONTS_DIR). */
#ifndef EVBRIEF_FUZZ_H
#define EVBRIEF_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "diag.h"
#include "layout.h"
#include "load.h"
#include "util.h"
#include "../unit/fonts_util.h"

/* Stops the run: libFuzzer (and the replay driver under ASan) reports the
 * input that broke an invariant. */
#define FUZZ_ASSERT(cond)                                                          \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                               \
        }                                                                          \
    } while (0)

static inline char *fuzz_source_path(const char *rel, const char *fallback) {
    const char *src = getenv("SRC");
    return src && *src ? eb_xasprintf("%s/%s", src, rel) : eb_xstrdup(fallback);
}

/* The source tree's inputs/ (vocabulary and seed reviews), loaded once per
 * target. Exits when it cannot be read: nothing to fuzz against. */
static inline eb_corpus *fuzz_load_vocabulary(void) {
    char *dir = fuzz_source_path("inputs", EVBRIEF_DEFAULT_INPUTS_DIR);
    eb_diag *diag = eb_diag_create(NULL);
    eb_load_status status;
    eb_corpus *corpus = eb_corpus_load(dir, diag, &status);
    eb_diag_destroy(diag);
    if (!corpus) {
        fprintf(stderr, "fuzz: cannot load %s/indications.json\n", dir);
        exit(2);
    }
    free(dir);
    return corpus;
}

static inline eb_fontset *fuzz_open_fonts(void) {
    eb_diag *diag = eb_diag_create(stderr);
    eb_fontset *fonts = open_fonts_in(EVBRIEF_TEST_FONTS_DIR, diag);
    eb_diag_destroy(diag);
    if (!fonts) {
        fprintf(stderr, "fuzz: cannot open the fonts in %s\n", EVBRIEF_TEST_FONTS_DIR);
        exit(2);
    }
    return fonts;
}

/* A corpus with the vocabulary of `base`, no reviews, and an arena of its
 * own, so that whatever one input loads is freed with it (the loader puts
 * reviews in the corpus's arena). Free with eb_arena_destroy(copy->arena). */
static inline void fuzz_fresh_corpus(const eb_corpus *base, eb_corpus *copy) {
    *copy = *base;
    copy->arena = eb_arena_create();
    copy->reviews = NULL;
    copy->nreviews = 0;
    copy->rejected = NULL;
    copy->nrejected = 0;
}

/* The file name a review would have: inputs/reviews/<its id>.json, so that
 * seeds copied from inputs/ pass the loader's file-name check and the
 * fuzzer gets past it; "case.json" when the input has no usable id. */
static inline char *fuzz_review_file_name(const uint8_t *data, size_t size) {
    cJSON *root = cJSON_ParseWithLength((const char *)data, size);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");
    char *name = cJSON_IsString(id) && strlen(id->valuestring) <= 64
                     ? eb_xasprintf("inputs/reviews/%s.json", id->valuestring)
                     : eb_xstrdup("inputs/reviews/case.json");
    cJSON_Delete(root);
    return name;
}

/* Checks that a laid-out paragraph only points inside its own text and
 * glyph store, and that its geometry is finite. */
static inline void fuzz_check_para(const eb_para *para) {
    for (size_t l = 0; l < para->nlines; l++) {
        const eb_line *line = &para->lines[l];
        FUZZ_ASSERT(line->text_start <= line->text_end && line->text_end <= para->text_len);
        FUZZ_ASSERT(line->width == line->width && line->baseline == line->baseline);
        for (size_t r = 0; r < line->nruns; r++) {
            const eb_run *run = &line->runs[r];
            FUZZ_ASSERT(run->font != NULL);
            FUZZ_ASSERT(run->text_start <= run->text_end && run->text_end <= para->text_len);
            FUZZ_ASSERT(run->width == run->width && run->x == run->x);
            for (size_t g = 0; g < run->nglyphs; g++) {
                const eb_glyph *glyph = &run->glyphs[g];
                FUZZ_ASSERT((size_t)glyph->text_start + glyph->text_len <= para->text_len);
                FUZZ_ASSERT(glyph->x_advance == glyph->x_advance);
            }
        }
    }
}

#endif
