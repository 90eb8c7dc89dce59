/* `evbrief validate` and `evbrief list`: load the inputs, report problems,
 * and (list) show which reviews and findings feed each indication. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "compose.h"
#include "layout.h"
#include "load.h"
#include "options.h"
#include "paths.h"

static const char validate_usage[] =
    "usage: evbrief validate [--inputs DIR] [--fonts DIR] [--locale L] [--allow-missing-glyphs]\n"
    "                        [--strict] [--json] [--diagnostic-format text|github] [FILE...]\n"
    "Checks inputs/indications.json, every inputs/reviews/*.json and brand.json\n"
    "(or only the FILEs named, against the vocabulary: reviews, or a brand.json\n"
    "with its logo beside it; - reads a review from standard input) against\n"
    "the input format (docs/input-format.md). INPUTS is --inputs, else ./inputs\n"
    "or the nearest inputs/ above the current directory; the first line says\n"
    "which inputs and fonts are used. Every problem is printed as\n"
    "file:line:column: error: message [$.json.path], with the source line and a\n"
    "caret (--diagnostic-format=github: GitHub annotations). Exit 0 when all files are\n"
    "valid, 1 when any is not, 3 when a file cannot be read. Every text a brief\n"
    "prints needs a rendering in the language of every locale (only L's with\n"
    "--locale), with the original's numbers. A character that no font in\n"
    "--fonts has is an error, each one listed (a warning with\n"
    "--allow-missing-glyphs: such a character is left out of the briefs).\n"
    "--strict: a warning fails too (exit 1), for a CI gate that wants none.\n"
    "--json prints a report on stdout with every diagnostic (file, line, column,\n"
    "path, severity, message) instead of text. Languages are written fa, en and\n"
    "zh-Hans (zh is another name of zh-Hans).\n";

static const char list_usage[] =
    "usage: evbrief list [--inputs DIR] [--json] [--diagnostic-format text|github]\n"
    "  --inputs DIR  the inputs (default: ./inputs, or the nearest inputs/ above)\n"
    "  --json        the same as JSON on stdout, with every diagnostic\n"
    "Lists every indication with the reviews and findings that feed it, and\n"
    "the briefs a build would write (one per fed indication and locale).\n";

static int exit_code(eb_load_status status) {
    switch (status) {
    case EB_LOAD_OK: return EB_EXIT_OK;
    case EB_LOAD_INVALID: return EB_EXIT_INPUT;
    default: return EB_EXIT_IO;
    }
}

typedef struct {
    const char *inputs, *fonts, *locale, *diag_format_name;
    eb_diag_format diag_format;
    bool allow_missing_glyphs, json, strict;
    char **files;      /* validate FILE...: only these reviews */
    size_t nfiles;
    char *owned[2];    /* the resolved inputs and fonts (paths.h) */
} load_options;

static void load_options_destroy(load_options *o) {
    free(o->files);
    for (size_t i = 0; i < 2; i++) free(o->owned[i]);
}

/* Parses the options (and, where files is set, FILE arguments); returns an
 * exit code, or -1 to go on. */
static int parse(int argc, char **argv, const char *usage, const eb_option *options, load_options *o) {
    bool help = false;
    o->files = eb_xcalloc((size_t)argc + 1, sizeof *o->files);
    bool takes_files = strcmp(argv[0], "validate") == 0;
    if (!ebi_parse_options_args(argc, argv, options, &help, takes_files ? o->files : NULL, &o->nfiles)) {
        fputs(usage, stderr);
        return EB_EXIT_USAGE;
    }
    if (help) {
        fputs(usage, stdout);
        return EB_EXIT_OK;
    }
    if (o->locale && !eb_locale_from_name(o->locale, &(eb_locale){0})) {
        ebi_cli_error(argv[0], "unknown locale \"%s\" (en, fa or zh)", o->locale);
        return EB_EXIT_USAGE;
    }
    if (!ebi_diag_format_option(argv[0], o->diag_format_name, &o->diag_format)) return EB_EXIT_USAGE;
    if (o->json) o->diag_format = EB_DIAG_JSON;
    o->inputs = o->owned[0] = ebi_find_inputs(argv[0], o->inputs);
    if (!o->inputs) return EB_EXIT_IO;
    if (o->fonts) o->fonts = o->owned[1] = ebi_find_fonts(strcmp(o->fonts, "") ? o->fonts : NULL);
    if (!o->json) ebi_print_paths(o->inputs, o->fonts, NULL);
    return -1;
}

/* Parses the options and loads the corpus, checking every text against the
 * fonts when options->fonts is set; returns an exit code, or -1 to go on. */
static int load(int argc, char **argv, const char *usage, const eb_option *options, load_options *o,
                eb_diag *diag, eb_corpus **corpus, eb_load_status *status) {
    int code = parse(argc, argv, usage, options, o);
    if (code >= 0) return code;
    eb_diag_set_format(diag, o->diag_format);
    eb_font_list font_list = {0};
    eb_fontset *fonts = o->fonts ? ebi_fonts_open(o->fonts, &font_list, diag) : NULL;
    eb_font_list_destroy(&font_list);
    if (o->fonts && !fonts) return EB_EXIT_IO;
    eb_text_check check = ebi_glyph_check(fonts, o->allow_missing_glyphs);
    eb_load_options lo = {.check = fonts ? &check : NULL, .rendering_langs = ebi_rendering_langs(o->locale)};
    *corpus = o->nfiles ? eb_corpus_load_files(o->inputs, o->files, o->nfiles, &lo, diag, status)
                        : eb_corpus_load_with(o->inputs, &lo, diag, status);
    eb_fontset_destroy(fonts);
    return -1;
}

static size_t count_findings(const eb_review *review, size_t indication) {
    size_t n = 0;
    for (size_t i = 0; i < review->nfindings; i++)
        n += eb_index_list_has(&review->findings[i].indications, indication);
    return n;
}

static size_t count_studies(const eb_review *review, size_t indication) {
    size_t n = 0;
    for (size_t i = 0; i < review->nhuman_studies; i++)
        n += eb_index_list_has(&review->human_studies[i].indications, indication);
    return n;
}

static void print_validate_json(const load_options *o, const eb_corpus *corpus, const eb_diag *diag) {
    eb_json *report = eb_json_object();
    eb_json_set(report, "inputs", eb_json_string(o->inputs));
    eb_json_set(report, "valid", eb_json_bool(corpus && eb_diag_count(diag, EB_ERROR) == 0));
    eb_json_set(report, "indications", eb_json_number(corpus ? (double)corpus->nindications : 0));
    eb_json_set(report, "valid_reviews", eb_json_number(corpus ? (double)corpus->nreviews : 0));
    eb_json_set(report, "brand", eb_json_bool(corpus && corpus->brand));
    eb_json_set(report, "invalid_files", eb_json_number(corpus ? (double)corpus->nrejected : 1));
    eb_json_set(report, "errors", eb_json_number((double)eb_diag_count(diag, EB_ERROR)));
    eb_json_set(report, "warnings", eb_json_number((double)eb_diag_count(diag, EB_WARNING)));
    ebi_print_json_report(report, diag);
}

int ebi_cmd_validate(int argc, char **argv) {
    eb_diag *diag = ebi_cli_diag("validate");
    eb_corpus *corpus = NULL;
    eb_load_status status = EB_LOAD_OK;
    /* "": the default fonts, resolved in parse() */
    load_options o = {.fonts = ""};
    const eb_option options[] = {{"--inputs", true, &o.inputs, NULL}, {"--diagnostic-format", true, &o.diag_format_name, NULL}, {"--fonts", true, &o.fonts, NULL},
                                 {"--locale", true, &o.locale, NULL}, {"--allow-missing-glyphs", false, NULL, &o.allow_missing_glyphs},
                                 {"--strict", false, NULL, &o.strict}, {"--json", false, NULL, &o.json}, {0}};
    int code = load(argc, argv, validate_usage, options, &o, diag, &corpus, &status);
    if (code < 0) {
        code = exit_code(status);
        size_t errors = eb_diag_count(diag, EB_ERROR), warnings = eb_diag_count(diag, EB_WARNING);
        if (o.strict && warnings && code == EB_EXIT_OK) code = EB_EXIT_INPUT;
        if (o.json)
            print_validate_json(&o, corpus, diag);
        else if (corpus)
            printf("%zu indication(s), %zu valid review(s)%s, %zu invalid file(s), %zu error(s)%s\n",
                   corpus->nindications, corpus->nreviews, corpus->brand ? ", a valid brand.json" : "",
                   corpus->nrejected, errors, warnings ? ", with warnings" : "");
        else
            printf("indications file invalid: %zu error(s)\n", errors);
    }
    eb_corpus_destroy(corpus);
    eb_diag_destroy(diag);
    load_options_destroy(&o);
    return code;
}

static void print_indication(const eb_corpus *corpus, size_t index, size_t *nbriefs) {
    const eb_indication *ind = &corpus->indications[index];
    printf("%s  %s | %s | %s\n", ind->id, ind->name.s[EB_LANG_EN], ind->name.s[EB_LANG_FA],
           ind->name.s[EB_LANG_ZH]);
    size_t feeding = 0;
    for (size_t r = 0; r < corpus->nreviews; r++) {
        const eb_review *review = &corpus->reviews[r];
        if (!eb_review_feeds(review, index)) continue;
        feeding++;
        printf("  %-20s %s  %zu finding(s), %zu human stud%s:", review->id, eb_lang_tag(review->language),
               count_findings(review, index), count_studies(review, index),
               count_studies(review, index) == 1 ? "y" : "ies");
        for (size_t i = 0; i < review->nfindings; i++)
            if (eb_index_list_has(&review->findings[i].indications, index))
                printf(" %s", review->findings[i].id);
        putchar('\n');
    }
    if (feeding == 0) {
        printf("  (no review feeds this indication: no brief)\n");
        return;
    }
    printf("  briefs: %s.en.pdf %s.fa.pdf %s.zh.pdf\n", ind->id, ind->id, ind->id);
    *nbriefs += 3;
}

static eb_json *review_json(const eb_review *review, size_t index) {
    eb_json *r = eb_json_object();
    eb_json_set(r, "id", eb_json_string(review->id));
    eb_json_set(r, "language", eb_json_string(eb_lang_tag(review->language)));
    eb_json *findings = eb_json_set(r, "findings", eb_json_array());
    for (size_t i = 0; i < review->nfindings; i++)
        if (eb_index_list_has(&review->findings[i].indications, index))
            eb_json_push(findings, eb_json_string(review->findings[i].id));
    eb_json_set(r, "human_studies", eb_json_number((double)count_studies(review, index)));
    return r;
}

static eb_json *indication_json(const eb_corpus *corpus, size_t index) {
    const eb_indication *ind = &corpus->indications[index];
    eb_json *o = eb_json_object();
    eb_json_set(o, "id", eb_json_string(ind->id));
    eb_json *name = eb_json_set(o, "name", eb_json_object());
    for (int l = 0; l < EB_LANG_COUNT; l++) eb_json_set(name, eb_lang_tag((eb_lang)l), eb_json_string(ind->name.s[l]));
    eb_json *reviews = eb_json_set(o, "reviews", eb_json_array());
    eb_json *briefs = eb_json_set(o, "briefs", eb_json_array());
    for (size_t r = 0; r < corpus->nreviews; r++)
        if (eb_review_feeds(&corpus->reviews[r], index))
            eb_json_push(reviews, review_json(&corpus->reviews[r], index));
    for (int l = 0; eb_json_length(reviews) > 0 && l < EB_LOCALE_COUNT; l++) {
        char *file = eb_xasprintf("%s.%s.pdf", ind->id, eb_locale_name((eb_locale)l));
        eb_json_push(briefs, eb_json_string(file));
        free(file);
    }
    return o;
}

static void print_list_json(const eb_corpus *corpus, const eb_diag *diag) {
    eb_json *report = eb_json_object();
    eb_json *indications = eb_json_set(report, "indications", eb_json_array());
    for (size_t i = 0; corpus && i < corpus->nindications; i++)
        eb_json_push(indications, indication_json(corpus, i));
    ebi_print_json_report(report, diag);
}

int ebi_cmd_list(int argc, char **argv) {
    eb_diag *diag = ebi_cli_diag("list");
    eb_corpus *corpus = NULL;
    eb_load_status status = EB_LOAD_OK;
    load_options o = {0};
    const eb_option options[] = {{"--inputs", true, &o.inputs, NULL},
                                 {"--diagnostic-format", true, &o.diag_format_name, NULL},
                                 {"--json", false, NULL, &o.json}, {0}};
    int code = load(argc, argv, list_usage, options, &o, diag, &corpus, &status);
    if (code < 0) {
        code = exit_code(status);
        if (o.json) {
            print_list_json(corpus, diag);
        } else if (corpus) {
            size_t nbriefs = 0;
            for (size_t i = 0; i < corpus->nindications; i++) print_indication(corpus, i, &nbriefs);
            printf("%zu indication(s), %zu review(s), %zu brief(s) to build\n", corpus->nindications,
                   corpus->nreviews, nbriefs);
        }
    }
    eb_corpus_destroy(corpus);
    eb_diag_destroy(diag);
    load_options_destroy(&o);
    return code;
}
