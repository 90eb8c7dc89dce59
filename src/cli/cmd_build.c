/* `evbrief build`: its options, shared with `evbrief check`. The build
 * itself is in build.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "commands.h"
#include "options.h"
#include "paths.h"

static const char build_usage[] =
    "usage: evbrief build [options]\n"
    "Writes OUT/<indication>.<locale>.pdf for every indication that at least one\n"
    "review feeds, in English, Persian and Chinese, and OUT/manifest.json.\n"
    "Only briefs whose inputs, fonts, options or evbrief version changed are\n"
    "rebuilt.\n"
    "  --inputs DIR       inputs directory (default: ./inputs, or the nearest\n"
    "                     inputs/ above the current directory)\n"
    "  --fonts DIR        fonts directory (default: PREFIX/share/evbrief/fonts when\n"
    "                     installed, else the source tree's fonts/)\n"
    "  --out DIR          output directory, made with its parents (default: out/\n"
    "                     beside the inputs found; ./out with --inputs)\n"
    "  --indication ID    only this indication\n"
    "  --locale L         only this locale: en, fa or zh\n"
    "  --paper P          a4 (default) or letter\n"
    "  -j N, --jobs N     build N briefs at a time (default: the number of cores)\n"
    "  --shard K/N        build only share K of N (for CI matrices); see docs/ci.md\n"
    "  --force            rebuild every brief\n"
    "  --fail-fast        stop at the first failed brief\n"
    "  --allow-missing-glyphs  a character no font has is a warning, left out of\n"
    "                     the brief (by default an error: the brief is not written)\n"
    "  --quiet            print nothing but problems\n"
    "  --json             print a machine-readable report on stdout, with every\n"
    "                     diagnostic (file, line, column, path, severity, message)\n"
    "  --diagnostic-format text|github  how problems are printed (github:\n"
    "                     ::error file=...,line=...,col=...:: annotations)\n"
    "  --timings          print the time spent in each phase\n"
    "Dates: the build date is SOURCE_DATE_EPOCH when set, else the date of the\n"
    "evidence; the wall clock is never used, so identical inputs give identical PDFs.\n"
    "Exit: 0 all built, 1 an input is invalid (its briefs are not written, the\n"
    "others are), 2 usage error, 3 I/O error (e.g. OUT not writable), 130 interrupted.\n";

/* Accepts "-j N" and "-jN" as "--jobs N". */
static void normalise_jobs_flag(int argc, char **argv, char **storage) {
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-j") == 0) argv[i] = "--jobs";
        else if (strncmp(argv[i], "-j", 2) == 0 && argv[i][2] >= '0' && argv[i][2] <= '9') {
            *storage = eb_xasprintf("--jobs=%s", argv[i] + 2);
            argv[i] = *storage;
        }
    }
}

static bool parse_number(const char *text, long min, long max, long *out) {
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (end == text || *end || v < min || v > max) return false;
    *out = v;
    return true;
}

/* `command` names the command in messages: build or check. */
static bool check_values(const char *command, eb_build_options *o) {
    if (o->locale && !eb_locale_from_name(o->locale, &(eb_locale){0}))
        return ebi_cli_error(command, "unknown locale \"%s\" (en, fa or zh)", o->locale), false;
    if (!eb_paper_from_name(o->paper, &o->paper_size))
        return ebi_cli_error(command, "unknown paper \"%s\" (a4 or letter)", o->paper), false;
    long jobs = 0;
    if (o->jobs_text && !parse_number(o->jobs_text, 1, 256, &jobs))
        return ebi_cli_error(command, "-j takes a number from 1 to 256"), false;
    o->jobs = jobs ? (size_t)jobs : (size_t)sysconf(_SC_NPROCESSORS_ONLN);
    if (o->jobs < 1) o->jobs = 1;
    if (o->shard_text && !ebi_shard_parse(o->shard_text, &o->shard_k, &o->shard_n))
        return ebi_cli_error(command, "--shard takes K/N with 1 <= K <= N, e.g. 2/4"), false;
    if (!ebi_diag_format_option(command, o->diag_format_name, &o->diag_format)) return false;
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        long seconds = 0;
        if (!parse_number(epoch, 0, 253402300799L, &seconds))
            return ebi_cli_error(command, "SOURCE_DATE_EPOCH=\"%s\" is not a number of seconds", epoch), false;
        o->build_day = seconds / 86400;
        o->source_date_epoch = epoch;
    }
    return true;
}

/* Inputs found upward, fonts of the installation, out beside the inputs:
 * see paths.h. The first line of output says which were taken. */
static bool resolve_paths(const char *command, eb_build_options *o) {
    const char *given_inputs = o->inputs;
    o->inputs = o->owned[0] = ebi_find_inputs(command, given_inputs);
    if (!o->inputs) return false;
    o->fonts = o->owned[1] = ebi_find_fonts(o->fonts);
    if (!o->out) o->out = o->owned[2] = ebi_default_out(given_inputs, o->inputs);
    if (!o->quiet && !o->json) ebi_print_paths(o->inputs, o->fonts, o->out);
    return true;
}

void ebi_build_options_destroy(eb_build_options *o) {
    for (size_t i = 0; i < 3; i++) free(o->owned[i]);
}

/* Parses argv against one command's options, then checks and resolves. */
static bool parse_with(int argc, char **argv, const eb_option *options, eb_build_options *o, int *code,
                       const char *usage) {
    bool help = false;
    *code = EB_EXIT_USAGE;
    bool ok = ebi_parse_options(argc, argv, options, &help);
    if (ok && help) {
        fputs(usage, stdout);
        *code = EB_EXIT_OK;
        return false;
    }
    if (!ok) {
        fputs(usage, stderr);
        return false;
    }
    if (!check_values(argv[0], o)) return false;
    if (!resolve_paths(argv[0], o)) {
        *code = EB_EXIT_IO;
        return false;
    }
    return true;
}

bool ebi_build_parse(int argc, char **argv, eb_build_options *o, int *code, const char *usage) {
    char *jflag = NULL;
    *o = (eb_build_options){.paper = "a4", .build_day = -1};
    const eb_option options[] = {
        {"--inputs", true, &o->inputs, NULL}, {"--diagnostic-format", true, &o->diag_format_name, NULL},
        {"--fonts", true, &o->fonts, NULL},
        {"--out", true, &o->out, NULL}, {"--indication", true, &o->indication, NULL},
        {"--locale", true, &o->locale, NULL}, {"--paper", true, &o->paper, NULL},
        {"--jobs", true, &o->jobs_text, NULL}, {"--shard", true, &o->shard_text, NULL},
        {"--force", false, NULL, &o->force}, {"--fail-fast", false, NULL, &o->fail_fast},
        {"--allow-missing-glyphs", false, NULL, &o->allow_missing_glyphs}, {"--quiet", false, NULL, &o->quiet},
        {"--json", false, NULL, &o->json}, {"--timings", false, NULL, &o->timings}, {0}};
    normalise_jobs_flag(argc, argv, &jflag);
    bool ok = parse_with(argc, argv, options, o, code, usage);
    /* Option values point into argv, except a rewritten -jN. */
    if (ok && jflag && o->jobs_text == jflag + 7) o->jobs_text = NULL;
    free(jflag);
    return ok;
}

bool ebi_check_parse(int argc, char **argv, eb_build_options *o, int *code, const char *usage) {
    *o = (eb_build_options){.paper = "a4", .build_day = -1};
    const eb_option options[] = {
        {"--inputs", true, &o->inputs, NULL}, {"--diagnostic-format", true, &o->diag_format_name, NULL},
        {"--fonts", true, &o->fonts, NULL}, {"--out", true, &o->out, NULL},
        {"--indication", true, &o->indication, NULL}, {"--locale", true, &o->locale, NULL},
        {"--paper", true, &o->paper, NULL}, {"--shard", true, &o->shard_text, NULL},
        {"--allow-missing-glyphs", false, NULL, &o->allow_missing_glyphs},
        {"--json", false, NULL, &o->json}, {0}};
    return parse_with(argc, argv, options, o, code, usage);
}

int ebi_cmd_build(int argc, char **argv) {
    eb_build_options o;
    int code;
    if (!ebi_build_parse(argc, argv, &o, &code, build_usage)) {
        ebi_build_options_destroy(&o);
        return code;
    }
    code = ebi_build_run(&o);
    ebi_build_options_destroy(&o);
    return code;
}
