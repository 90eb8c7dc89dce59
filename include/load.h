/* load: reads inputs/ (indications.json and every reviews/NAME.json), validates every
 * file against the input format (docs/input-format.md) and builds the model.
 *
 * Every problem is reported through the diag sink as
 *     file:line:column: error: message [$.json.path]
 * and all problems of a run are reported, not only the first. */
#ifndef EVBRIEF_LOAD_H
#define EVBRIEF_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "build_record.h"
#include "diag.h"
#include "font_list.h"
#include "model.h"

typedef enum {
    EB_LOAD_OK,       /* every file valid */
    EB_LOAD_INVALID,  /* some file has errors; the valid reviews are loaded */
    EB_LOAD_IO        /* a file or directory could not be read */
} eb_load_status;

/* Loads the corpus. The result holds the valid reviews (sorted by file name);
 * the reviews that failed are listed in corpus->rejected, with the
 * indications they appear to feed, so that a build can leave those briefs
 * alone. Returns NULL only when indications.json itself is unusable. */
eb_corpus *eb_corpus_load(const char *inputs_dir, eb_diag *diag, eb_load_status *status);

/* A check run on every string the loader reads: returns the next code
 * point of text[*pos..len) it rejects (a character no font can show, say),
 * moving *pos past it, or 0 at the end. The loader reports every distinct
 * rejected character of a string once, at the string's file, line, column
 * and JSON path; as an error when `strict`, else a warning. The check keeps
 * load free of font code. */
typedef struct {
    uint32_t (*next_rejected)(void *ctx, const char *text, size_t len, size_t *pos);
    void *ctx;
    const char *reason;   /* e.g. "no font in fonts/ has it" */
    bool strict;
} eb_text_check;

/* The languages of the briefs to be built, as a set of (1u << eb_lang):
 * every text a brief prints must carry a rendering in each of them. */
#define EB_LANG_BIT(lang) (1u << (lang))
#define EB_ALL_LANGS (EB_LANG_BIT(EB_LANG_FA) | EB_LANG_BIT(EB_LANG_EN) | EB_LANG_BIT(EB_LANG_ZH))

typedef struct {
    const eb_text_check *check;   /* NULL: no check */
    unsigned rendering_langs;     /* EB_LANG_BIT()s; eb_corpus_load uses EB_ALL_LANGS */
} eb_load_options;

eb_corpus *eb_corpus_load_with(const char *inputs_dir, const eb_load_options *options, eb_diag *diag,
                               eb_load_status *status);

/* The file name diagnostics give standard input. */
#define EB_STDIN_NAME "<stdin>"

/* Loads the indications of inputs_dir and only the review files named, in
 * that order ("-": standard input, reported as EB_STDIN_NAME). */
eb_corpus *eb_corpus_load_files(const char *inputs_dir, char *const *files, size_t nfiles,
                         const eb_load_options *options, eb_diag *diag, eb_load_status *status);

/* Reads one review from memory against a corpus's indications (tests and
 * fuzzing), requiring renderings in every language. Returns the review
 * (owned by the corpus arena) or NULL. */
const eb_review *eb_review_load_buffer(eb_corpus *corpus, const char *file,
                                       const char *data, size_t len, eb_diag *diag);

/* Reads a brand.json from memory against a corpus's indications (tests and
 * fuzzing), every language required; a logo is read from the corpus's
 * inputs directory. Sets corpus->brand (in its arena) and returns true, or
 * returns false after reporting every problem. */
bool eb_brand_load_buffer(eb_corpus *corpus, const char *file, const char *data, size_t len, eb_diag *diag);

/* Reads DIR/fonts.json (docs/text-engine.md): 1 to EB_MAX_FONTS entries,
 * each a role, a weight, a file inside DIR, a face index from 0 to 65535 and
 * optionally its SHA-256. Reports every problem through diag (file, line,
 * column, JSON path) and returns false, leaving *out empty. */
bool eb_font_list_load(const char *fonts_dir, eb_font_list *out, eb_diag *diag);
/* The same from memory, reported as `file` (tests and fuzzing). */
bool eb_font_list_load_buffer(const char *fonts_dir, const char *file, const char *data, size_t len,
                              eb_font_list *out, eb_diag *diag);

/* Reads a build's out/manifest.json (cli/manifest.h). A missing file gives
 * an empty manifest and *missing; an unreadable or malformed one returns
 * false after reporting every problem (line, column, path), with *m empty. */
bool eb_manifest_load(const char *path, eb_manifest *m, bool *missing, eb_diag *diag);
/* The same from memory (tests and fuzzing). */
bool eb_manifest_load_buffer(const char *file, const char *data, size_t len, eb_manifest *m, eb_diag *diag);

#endif
