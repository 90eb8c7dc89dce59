/* jobs: the briefs a build would write, each with the key that decides
 * whether an existing PDF is still current, and the share of a shard.
 *
 * A brief's key is a SHA-256 over everything its bytes depend on: the
 * evbrief version, the options that change output (paper, the build date
 * from SOURCE_DATE_EPOCH), the SHA-256 of every input file that feeds it
 * (indications.json, the reviews feeding its indication and, when there is
 * one, brand.json and its logo) and of the bytes of every font file. Same
 * key, same bytes. */
#ifndef EVBRIEF_CLI_JOBS_H
#define EVBRIEF_CLI_JOBS_H

#include <stdbool.h>
#include <stddef.h>

#include "build_record.h"
#include "compose.h"
#include "diag.h"
#include "font_list.h"
#include "model.h"

typedef struct {
    size_t indication;
    eb_locale locale;
    char *file_name;            /* "<indication>.<locale>.pdf" */
    eb_file_hash *inputs;       /* indications.json, the feeding reviews, brand.json, the logo */
    size_t ninputs;
    char key[65];
    char inputs_digest[65];     /* over the inputs alone: the brief's XMP dc:source */
    double weight;              /* estimated cost, for balancing shards */
    bool blocked;               /* an invalid review names this indication */
    const char *blocked_by;
} eb_job;

typedef struct {
    eb_job *jobs;
    size_t njobs;
    eb_file_hash *fonts;
    size_t nfonts;
} eb_job_list;

typedef struct {
    const char *paper;          /* "a4" | "letter" */
    const char *source_date_epoch; /* NULL when unset */
    long only_indication;       /* -1: all */
    int only_locale;            /* -1: all */
} eb_job_options;

/* Every brief of every fed (or blocked) indication, in indication then
 * locale order. Fonts are hashed by their bytes (a warning where they do
 * not match the pins of fonts.json). Returns false (after reporting why
 * through diag) when an input or a font cannot be read; an empty font list
 * (one that could not be read, and said so) fails silently. */
bool ebi_jobs_init(const eb_corpus *corpus, const eb_font_list *fonts, const eb_job_options *options,
                  eb_job_list *list, eb_diag *diag);
void ebi_jobs_destroy(eb_job_list *list);

/* Whether some job writes this file name. */
bool ebi_jobs_has_file(const eb_job_list *list, const char *file_name);

/* Parses "K/N" (1 <= K <= N). */
bool ebi_shard_parse(const char *text, size_t *k, size_t *n);
/* Keeps only shard k of n: jobs are dealt out heaviest first to the shard
 * with the least work so far (ties by name), so shards are balanced and the
 * same inputs always give the same shares. */
void ebi_jobs_keep_shard(eb_job_list *list, size_t k, size_t n);
/* The order in which workers take the jobs: heaviest first, so that the
 * last job to finish is a short one (longest processing time first). An
 * owned array of list->njobs indices. The output does not depend on it. */
size_t *ebi_jobs_dispatch_order(const eb_job_list *list);

#endif
