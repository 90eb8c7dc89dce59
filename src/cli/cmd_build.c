/* `evbrief build`: every brief of every fed indication, in every locale:
 * load -> compose -> layout (pages) -> PDF. One bad input file fails only
 * the briefs it feeds; the others are still built. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "compose.h"
#include "load.h"
#include "options.h"
#include "pages.h"
#include "pdf.h"
#include "render.h"

static const char build_usage[] =
    "usage: evbrief build [--inputs DIR] [--fonts DIR] [--out DIR] [--indication ID]\n"
    "                     [--locale en|fa|zh] [--paper a4|letter] [--strict] [--quiet]\n"
    "Writes OUT/<indication>.<locale>.pdf for every indication that at least one\n"
    "review feeds, in English, Persian and Chinese (default OUT: out).\n"
    "  --indication ID  only this indication     --locale L  only this locale\n"
    "  --paper P        a4 (default) or letter   --strict    a character no font\n"
    "                                                        covers is an error\n"
    "Dates: the build date is SOURCE_DATE_EPOCH when set, else the date of the\n"
    "evidence; the wall clock is never used, so identical inputs give identical PDFs.\n"
    "Exit: 0 all built, 1 an input is invalid (its briefs are not written, the\n"
    "others are), 2 usage error, 3 I/O error (e.g. OUT not writable).\n";

typedef struct {
    const char *inputs, *fonts, *out, *indication, *locale, *paper;
    bool strict, quiet;
    eb_paper paper_size;
    long build_day;
    int only_locale;   /* -1: all */
} build_options;

typedef struct {
    size_t built, failed, skipped;
} build_counts;

static bool parse(int argc, char **argv, build_options *o, int *code) {
    bool help = false;
    *o = (build_options){.inputs = EVBRIEF_DEFAULT_INPUTS_DIR, .fonts = EVBRIEF_DEFAULT_FONTS_DIR,
                         .out = "out", .paper = "a4", .build_day = -1, .only_locale = -1};
    const eb_option options[] = {
        {"--inputs", true, &o->inputs, NULL}, {"--fonts", true, &o->fonts, NULL},
        {"--out", true, &o->out, NULL}, {"--indication", true, &o->indication, NULL},
        {"--locale", true, &o->locale, NULL}, {"--paper", true, &o->paper, NULL},
        {"--strict", false, NULL, &o->strict}, {"--quiet", false, NULL, &o->quiet}, {0}};
    *code = EB_EXIT_USAGE;
    if (!eb_parse_options(argc, argv, options, &help)) return fputs(build_usage, stderr), false;
    if (help) return fputs(build_usage, stdout), *code = EB_EXIT_OK, false;
    eb_locale locale;
    if (o->locale) {
        if (!eb_locale_from_name(o->locale, &locale))
            return fprintf(stderr, "evbrief build: unknown locale \"%s\" (en, fa or zh)\n", o->locale), false;
        o->only_locale = (int)locale;
    }
    if (!eb_paper_from_name(o->paper, &o->paper_size))
        return fprintf(stderr, "evbrief build: unknown paper \"%s\" (a4 or letter)\n", o->paper), false;
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end = NULL;
        errno = 0;
        long long seconds = strtoll(epoch, &end, 10);
        if (errno || *end || seconds < 0)
            return fprintf(stderr, "evbrief build: SOURCE_DATE_EPOCH=\"%s\" is not a number of seconds\n", epoch), false;
        o->build_day = (long)(seconds / 86400);
    }
    return true;
}

/* A digest of every input file, so a reader can tell two builds' inputs
 * apart: SHA-256 over the files' own SHA-256s, in name order. */
static char *inputs_digest(const eb_corpus *corpus) {
    eb_buf all = {0};
    const char *files[1 + 4096];
    size_t n = 0;
    files[n++] = corpus->indications_file;
    for (size_t i = 0; i < corpus->nreviews && n < 4097; i++) files[n++] = corpus->reviews[i].file;
    for (size_t i = 0; i < n; i++) {
        char *data = NULL, hex[65];
        size_t len = 0;
        const char *error = NULL;
        if (!eb_read_file(files[i], (size_t)64 << 20, &data, &len, &error)) continue;
        eb_sha256_hex(data, len, hex);
        eb_buf_puts(&all, hex);
        free(data);
    }
    char *digest = eb_xmalloc(65);
    eb_sha256_hex(all.data ? all.data : "", all.len, digest);
    eb_buf_free(&all);
    return digest;
}

static bool ensure_directory(const char *dir) {
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode)) return true;
        fprintf(stderr, "evbrief build: %s exists and is not a directory\n", dir);
        return false;
    }
    if (mkdir(dir, 0777) == 0) return true;
    fprintf(stderr, "evbrief build: cannot create %s: %s\n", dir, strerror(errno));
    return false;
}

/* The invalid review file that names this indication, if any: its briefs
 * must not be rebuilt without it. */
static const char *blocking_file(const eb_corpus *corpus, size_t indication) {
    for (size_t i = 0; i < corpus->nrejected; i++)
        if (eb_index_list_has(&corpus->rejected[i].indications, indication)) return corpus->rejected[i].file;
    return NULL;
}

static bool fed(const eb_corpus *corpus, size_t indication) {
    for (size_t r = 0; r < corpus->nreviews; r++)
        if (eb_review_feeds(&corpus->reviews[r], indication)) return true;
    return false;
}

static bool write_brief(eb_fontset *fonts, const eb_brief *brief, const build_options *o, const char *path,
                        eb_diag *diag, size_t *pages) {
    eb_doc_plan *plan = eb_plan_brief(fonts, brief, o->paper_size, o->strict, diag);
    eb_pdf_options popts = {.title = brief->title, .author = brief->author, .subject = brief->subject,
                            .keywords = brief->keywords, .creator = "evbrief " EVBRIEF_VERSION,
                            .lang = plan->lang, .rtl = brief->rtl, .id_seed = brief->file_name};
    eb_pdf *pdf = eb_pdf_new(fonts, &popts, diag);
    bool ok = pdf && eb_render_plan(pdf, plan) && eb_pdf_save(pdf, path);
    *pages = plan->npages;
    eb_pdf_free(pdf);
    eb_doc_plan_free(plan);
    return ok;
}

static void build_one(const eb_corpus *corpus, size_t indication, eb_locale locale, eb_fontset *fonts,
                      const build_options *o, const eb_compose_options *copts, eb_diag *diag,
                      build_counts *counts) {
    eb_brief *brief = eb_compose_brief(corpus, indication, locale, copts);
    char *path = eb_xasprintf("%s/%s", o->out, brief->file_name);
    size_t errors_before = eb_diag_count(diag, EB_ERROR), pages = 0;
    bool ok = write_brief(fonts, brief, o, path, diag, &pages);
    if (ok && o->strict && eb_diag_count(diag, EB_ERROR) > errors_before) {
        remove(path);
        ok = false;
    }
    if (ok) {
        counts->built++;
        struct stat st;
        long kb = stat(path, &st) == 0 ? (long)((st.st_size + 1023) / 1024) : 0;
        if (!o->quiet) printf("%s  %zu pages  %ld KB\n", path, pages, kb);
    } else {
        counts->failed++;
        fprintf(stderr, "evbrief build: %s not written\n", path);
    }
    free(path);
    eb_brief_free(brief);
}

static int build_all(const eb_corpus *corpus, eb_fontset *fonts, const build_options *o, eb_diag *diag,
                     build_counts *counts) {
    long only = -1;
    if (o->indication) {
        only = eb_corpus_find_indication(corpus, o->indication);
        if (only < 0) {
            fprintf(stderr, "evbrief build: unknown indication \"%s\"\n", o->indication);
            return EB_EXIT_USAGE;
        }
    }
    char *digest = inputs_digest(corpus);
    eb_compose_options copts = {.build_day = o->build_day, .inputs_digest = digest};
    for (size_t i = 0; i < corpus->nindications; i++) {
        if (only >= 0 && (size_t)only != i) continue;
        const char *blocker = blocking_file(corpus, i);
        if (blocker) {
            fprintf(stderr, "evbrief build: briefs of %s not rebuilt: %s is invalid\n",
                    corpus->indications[i].id, blocker);
            counts->failed += o->only_locale >= 0 ? 1 : EB_LOCALE_COUNT;
            continue;
        }
        if (!fed(corpus, i)) { counts->skipped++; continue; }
        for (int l = 0; l < EB_LOCALE_COUNT; l++)
            if (o->only_locale < 0 || o->only_locale == l)
                build_one(corpus, i, (eb_locale)l, fonts, o, &copts, diag, counts);
    }
    free(digest);
    return EB_EXIT_OK;
}

int eb_cmd_build(int argc, char **argv) {
    build_options o;
    int code;
    if (!parse(argc, argv, &o, &code)) return code;
    eb_diag *diag = eb_diag_new(stderr);
    eb_load_status status = EB_LOAD_OK;
    eb_corpus *corpus = eb_load_corpus(o.inputs, diag, &status);
    build_counts counts = {0};
    eb_fontset *fonts = NULL;
    code = corpus ? EB_EXIT_OK : (status == EB_LOAD_IO ? EB_EXIT_IO : EB_EXIT_INPUT);
    if (corpus && !ensure_directory(o.out)) code = EB_EXIT_IO;
    if (corpus && code == EB_EXIT_OK) {
        fonts = eb_fontset_open(o.fonts, diag);
        code = fonts ? build_all(corpus, fonts, &o, diag, &counts) : EB_EXIT_IO;
    }
    if (code == EB_EXIT_OK) {
        if (status == EB_LOAD_INVALID) code = EB_EXIT_INPUT;
        else if (status == EB_LOAD_IO || counts.failed) code = status == EB_LOAD_OK && counts.failed ? EB_EXIT_IO : EB_EXIT_INPUT;
    }
    if (!o.quiet || code != EB_EXIT_OK)
        printf("built %zu brief(s), %zu failed\n", counts.built, counts.failed);
    eb_fontset_free(fonts);
    eb_corpus_free(corpus);
    eb_diag_free(diag);
    return code;
}
