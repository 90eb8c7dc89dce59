/* build: runs the briefs of a build on worker threads and keeps the
 * manifest; shared by `evbrief build` and `evbrief check`. */
#ifndef EVBRIEF_CLI_BUILD_H
#define EVBRIEF_CLI_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "jobs.h"
#include "pages.h"

typedef struct {
    const char *inputs, *fonts, *out, *indication, *locale, *paper, *jobs_text, *shard_text;
    bool force, fail_fast, allow_missing_glyphs, quiet, json, timings;
    eb_paper paper_size;
    size_t jobs;
    size_t shard_k, shard_n;    /* 0 when not sharded */
    long build_day;             /* -1: date of the evidence */
    const char *source_date_epoch;
    const char *diag_format_name;
    eb_diag_format diag_format;
    char *owned[3];             /* the resolved inputs, fonts and out (see paths.h) */
} eb_build_options;

/* Parses the options shared by build and check; false when the command
 * should exit with *code (usage error, or --help printed). */
bool ebi_build_parse(int argc, char **argv, eb_build_options *o, int *code, const char *usage);
/* The same for `evbrief check`, which takes only the options that decide
 * which briefs there are and what they are built from. */
bool ebi_check_parse(int argc, char **argv, eb_build_options *o, int *code, const char *usage);

int ebi_build_run(const eb_build_options *o);
void ebi_build_options_destroy(eb_build_options *o);

#endif
