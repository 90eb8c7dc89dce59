/* The build proper: jobs on worker threads, each with its own fontset
 * (FreeType faces are not thread-safe), results gathered by job index so
 * the manifest and every PDF are the same at any -j. */
#include "build.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "compose.h"
#include "json_out.h"
#include "load.h"
#include "manifest.h"
#include "options.h"
#include "paths.h"
#include "pdf.h"
#include "render.h"

typedef enum { RESULT_PENDING, RESULT_BUILT, RESULT_UNCHANGED, RESULT_FAILED_INPUT, RESULT_FAILED_IO } result_status;

typedef struct {
    result_status status;
    eb_manifest_entry entry;   /* for built and unchanged briefs */
    double ms;
} job_result;

/* Seconds spent in each phase, summed over briefs (CPU-ish, per thread). */
typedef struct {
    double load, compose, layout, render, save;
} phase_times;

typedef struct {
    const eb_build_options *o;
    const eb_corpus *corpus;
    const eb_job_list *jobs;
    const eb_manifest *previous;
    eb_diag *diag;
    job_result *results;
    eb_fontset *fonts;  /* opened once; each worker shares it (NULL: broken fonts) */
    size_t *order;      /* job indices in the order workers take them */
    pthread_mutex_t lock;
    size_t next, done;
    bool stop;
    bool tty;
    phase_times times;
} build_run;

static volatile sig_atomic_t interrupted = 0;

static void on_signal(int sig) {
    (void)sig;
    interrupted = 1;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- one brief ------------------------------------------------------------------ */

static int by_name(const void *a, const void *b) {
    return strcmp(((const eb_file_hash *)a)->name, ((const eb_file_hash *)b)->name);
}

/* The fonts a brief's text was actually set in, with their pinned hashes. */
static void fonts_used(const eb_doc_plan *plan, const eb_job_list *jobs, eb_manifest_entry *e) {
    const eb_font *fonts[64];
    size_t nfonts = eb_plan_fonts(plan, fonts, sizeof fonts / sizeof *fonts);
    if (nfonts > sizeof fonts / sizeof *fonts) nfonts = sizeof fonts / sizeof *fonts; /* fontsets hold 32 */
    e->fonts = eb_xcalloc(jobs->nfonts + 1, sizeof *e->fonts);
    for (size_t f = 0; f < jobs->nfonts; f++) {
        bool used = false;
        for (size_t k = 0; k < nfonts && !used; k++) {
            const char *path = eb_font_get_info(fonts[k])->path;
            const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
            used = strcmp(jobs->fonts[f].name, base) == 0;
        }
        if (!used) continue;
        e->fonts[e->nfonts] = (eb_file_hash){eb_xstrdup(jobs->fonts[f].name), {0}};
        memcpy(e->fonts[e->nfonts++].sha256, jobs->fonts[f].sha256, 65);
    }
    qsort(e->fonts, e->nfonts, sizeof *e->fonts, by_name);
}

static void fill_entry(const eb_job *job, const eb_corpus *corpus, eb_manifest_entry *e) {
    e->file = eb_xstrdup(job->file_name);
    e->indication = eb_xstrdup(corpus->indications[job->indication].id);
    e->locale = eb_xstrdup(eb_locale_name(job->locale));
    memcpy(e->key, job->key, 65);
    e->inputs = eb_xcalloc(job->ninputs + 1, sizeof *e->inputs);
    for (size_t i = 0; i < job->ninputs; i++) {
        e->inputs[i] = (eb_file_hash){eb_xstrdup(job->inputs[i].name), {0}};
        memcpy(e->inputs[i].sha256, job->inputs[i].sha256, 65);
    }
    e->ninputs = job->ninputs;
}

static bool render_and_save(build_run *b, eb_fontset *fonts, const eb_brief *brief, const eb_job *job,
                            const char *path, eb_manifest_entry *e, phase_times *t) {
    const eb_build_options *o = b->o;
    double t0 = now();
    /* the loader has reported every missing character at its place */
    eb_uncovered uncovered = o->allow_missing_glyphs ? EB_UNCOVERED_REPORTED : EB_UNCOVERED_ERROR;
    eb_doc_plan *plan = eb_plan_brief(fonts, brief, o->paper_size, uncovered, b->diag);
    double t1 = now();
    /* the inputs' digest, no longer printed in the title block: a reader
     * cannot use it, a tool comparing a PDF with the manifest can */
    char source[80];
    snprintf(source, sizeof source, "sha256:%s", job->inputs_digest);
    eb_pdf_options popts = {.title = brief->title, .author = brief->author, .subject = brief->subject,
                            .keywords = brief->keywords, .creator = "evbrief " EVBRIEF_VERSION,
                            .lang = plan->lang, .id_seed = brief->file_name,
                            .source = source,
                            /* Creation and modification dates only from
                             * SOURCE_DATE_EPOCH: never the wall clock. */
                            .dated = o->source_date_epoch != NULL,
                            .date = o->source_date_epoch ? strtoll(o->source_date_epoch, NULL, 10) : 0};
    eb_pdf *pdf = eb_pdf_create(fonts, &popts, b->diag);
    bool ok = pdf && eb_render_plan(pdf, plan);
    double t2 = now();
    ok = ok && eb_pdf_save(pdf, path);
    double t3 = now();
    e->pages = (long)plan->npages;
    fonts_used(plan, b->jobs, e);
    eb_pdf_destroy(pdf);
    eb_plan_destroy(plan);
    t->layout += t1 - t0;
    t->render += t2 - t1;
    t->save += t3 - t2;
    return ok;
}

static result_status build_brief(build_run *b, eb_fontset *fonts, const eb_job *job, eb_manifest_entry *e,
                                 phase_times *t) {
    const eb_build_options *o = b->o;
    double t0 = now();
    eb_compose_options copts = {.build_day = o->build_day};
    eb_brief *brief = eb_brief_compose(b->corpus, job->indication, job->locale, &copts);
    t->compose += now() - t0;
    char *path = eb_xasprintf("%s/%s", o->out, job->file_name);
    size_t errors_before = eb_diag_thread_errors();
    fill_entry(job, b->corpus, e);
    bool ok = render_and_save(b, fonts, brief, job, path, e, t);
    result_status status = ok ? RESULT_BUILT : RESULT_FAILED_IO;
    if (ok && eb_diag_thread_errors() > errors_before) {
        remove(path); /* a brief with a missing character is not delivered */
        status = RESULT_FAILED_INPUT;
    }
    if (status == RESULT_BUILT && !ebi_file_sha256(path, e->sha256, &e->bytes)) status = RESULT_FAILED_IO;
    free(path);
    eb_brief_destroy(brief);
    return status;
}

/* Unchanged: the manifest has this brief with the same key, and the file
 * on disk is the one the manifest describes. */
static bool up_to_date(build_run *b, const eb_job *job, eb_manifest_entry *e) {
    const eb_manifest_entry *old = ebi_manifest_find(b->previous, job->file_name);
    if (b->o->force || !old || strcmp(old->key, job->key) != 0) return false;
    char *path = eb_xasprintf("%s/%s", b->o->out, job->file_name);
    char sha[65];
    long bytes = 0;
    bool same = ebi_file_sha256(path, sha, &bytes) && strcmp(sha, old->sha256) == 0;
    free(path);
    if (!same) return false;
    fill_entry(job, b->corpus, e);
    memcpy(e->sha256, old->sha256, 65);
    e->pages = old->pages;
    e->bytes = old->bytes;
    e->fonts = eb_xcalloc(old->nfonts + 1, sizeof *e->fonts);
    for (size_t i = 0; i < old->nfonts; i++) {
        e->fonts[i] = (eb_file_hash){eb_xstrdup(old->fonts[i].name), {0}};
        memcpy(e->fonts[i].sha256, old->fonts[i].sha256, 65);
    }
    e->nfonts = old->nfonts;
    return true;
}

/* ---- progress ---------------------------------------------------------------------- */

static const char *status_word(result_status s) {
    switch (s) {
    case RESULT_BUILT: return "built";
    case RESULT_UNCHANGED: return "unchanged";
    default: return "FAILED";
    }
}

static void report_progress(build_run *b, size_t index) {
    const job_result *r = &b->results[index];
    const eb_job *job = &b->jobs->jobs[index];
    if (b->o->quiet || b->o->json) return;
    const char *color = "", *reset = "";
    if (b->tty) {
        color = r->status == RESULT_BUILT ? "\033[32m" : r->status == RESULT_UNCHANGED ? "\033[2m" : "\033[31m";
        reset = "\033[0m";
    }
    if (r->status == RESULT_BUILT || r->status == RESULT_UNCHANGED)
        printf("[%zu/%zu] %s%-9s%s %s  %ld pages  %ld KB  %.0f ms\n", b->done, b->jobs->njobs, color,
               status_word(r->status), reset, job->file_name, r->entry.pages, (r->entry.bytes + 1023) / 1024, r->ms);
    else
        printf("[%zu/%zu] %s%-9s%s %s\n", b->done, b->jobs->njobs, color, status_word(r->status), reset,
               job->file_name);
    fflush(stdout);
}

/* ---- workers ------------------------------------------------------------------------- */

static void run_job(build_run *b, eb_fontset *fonts, size_t index, phase_times *t) {
    const eb_job *job = &b->jobs->jobs[index];
    job_result *r = &b->results[index];
    double t0 = now();
    if (job->blocked) {
        eb_diag_report(b->diag, EB_ERROR, (eb_location){.file = job->blocked_by},
                       "%s not rebuilt: this review is invalid", job->file_name);
        r->status = RESULT_FAILED_INPUT;
    } else if (!fonts) {
        r->status = RESULT_FAILED_IO;
    } else if (up_to_date(b, job, &r->entry)) {
        r->status = RESULT_UNCHANGED;
    } else {
        r->status = build_brief(b, fonts, job, &r->entry, t);
        if (r->status != RESULT_BUILT) eb_manifest_entry_destroy(&r->entry);
    }
    r->ms = (now() - t0) * 1000;
}

static void *worker(void *arg) {
    build_run *b = arg;
    eb_fontset *fonts = b->fonts ? eb_fontset_share(b->fonts) : NULL;
    phase_times t = {0};
    for (;;) {
        pthread_mutex_lock(&b->lock);
        bool stop = b->stop || interrupted || b->next >= b->jobs->njobs;
        size_t index = stop ? 0 : b->order[b->next++];
        pthread_mutex_unlock(&b->lock);
        if (stop) break;
        run_job(b, fonts, index, &t);
        pthread_mutex_lock(&b->lock);
        b->done++;
        report_progress(b, index);
        result_status s = b->results[index].status;
        if (b->o->fail_fast && (s == RESULT_FAILED_INPUT || s == RESULT_FAILED_IO)) b->stop = true;
        pthread_mutex_unlock(&b->lock);
    }
    pthread_mutex_lock(&b->lock);
    b->times.compose += t.compose;
    b->times.layout += t.layout;
    b->times.render += t.render;
    b->times.save += t.save;
    pthread_mutex_unlock(&b->lock);
    eb_fontset_destroy(fonts);
    return NULL;
}

static void run_workers(build_run *b) {
    size_t n = b->o->jobs < b->jobs->njobs ? b->o->jobs : b->jobs->njobs;
    if (n <= 1) {
        worker(b);
        return;
    }
    pthread_t *threads = eb_xcalloc(n, sizeof *threads);
    size_t started = 0;
    for (; started < n; started++)
        if (pthread_create(&threads[started], NULL, worker, b) != 0) break;
    if (started == 0) worker(b);
    for (size_t i = 0; i < started; i++) pthread_join(threads[i], NULL);
    free(threads);
}

/* ---- the output directory ------------------------------------------------------------ */

/* A build killed mid-way (SIGKILL, power loss) may leave the temporary file
 * of a PDF or of the manifest; the final names are only ever renamed into
 * place whole. Remove such leftovers: ".NAME.pdf.XXXXXX", "manifest.json.XXXXXX". */
static void remove_leftovers(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    for (struct dirent *e; (e = readdir(d));) {
        const char *n = e->d_name;
        size_t len = strlen(n);
        bool pdf_tmp = n[0] == '.' && len > 11 && strstr(n, ".pdf.") && strlen(strstr(n, ".pdf.")) == 11;
        bool manifest_tmp = strncmp(n, "manifest.json.", 14) == 0 && len == 20;
        if (!pdf_tmp && !manifest_tmp) continue;
        char *path = eb_xasprintf("%s/%s", dir, n);
        unlink(path);
        free(path);
    }
    closedir(d);
}

/* ---- the run ---------------------------------------------------------------------------- */

typedef struct {
    size_t built, unchanged, failed_input, failed_io, removed;
    bool manifest_failed;  /* an I/O error too, but not a brief: counted apart */
} build_counts;

/* Briefs the manifest lists that no indication feeds any more: removed in
 * a full build, so out/ holds exactly the current briefs. */
static void remove_orphans(const eb_build_options *o, const eb_job_list *jobs, eb_manifest *m, build_counts *c) {
    for (size_t i = 0; i < m->n;) {
        if (ebi_jobs_has_file(jobs, m->entries[i].file)) { i++; continue; }
        char *path = eb_xasprintf("%s/%s", o->out, m->entries[i].file);
        if (unlink(path) == 0 && !o->quiet && !o->json) printf("removed %s (no review feeds it)\n", m->entries[i].file);
        free(path);
        c->removed++;
        ebi_manifest_remove(m, m->entries[i].file);
    }
}

static void update_manifest(const build_run *b, eb_manifest *m, build_counts *c) {
    for (size_t i = 0; i < b->jobs->njobs; i++) {
        job_result *r = &b->results[i];
        switch (r->status) {
        case RESULT_BUILT: c->built++; break;
        case RESULT_UNCHANGED: c->unchanged++; break;
        case RESULT_FAILED_INPUT: c->failed_input++; break;
        case RESULT_FAILED_IO: c->failed_io++; break;
        default: break;
        }
        if (r->status == RESULT_BUILT || r->status == RESULT_UNCHANGED) {
            ebi_manifest_put(m, &r->entry);
            r->entry = (eb_manifest_entry){0};
        }
    }
    free(m->version);
    m->version = eb_xstrdup(EVBRIEF_VERSION);
}

/* The diagnostics of --json, on one line. Owned. */
static char *diagnostics_json(const eb_diag *diag) {
    eb_json *d = eb_json_diagnostics(diag);
    char *text = eb_json_print(d, false);
    eb_json_destroy(d);
    return text;
}

static void print_json(const build_run *b, const build_counts *c, const eb_diag *diag) {
    printf("{\n  \"built\": %zu,\n  \"unchanged\": %zu,\n  \"failed\": %zu,\n  \"manifest_written\": %s,\n"
           "  \"briefs\": [", c->built, c->unchanged, c->failed_input + c->failed_io,
           c->manifest_failed ? "false" : "true");
    for (size_t i = 0; i < b->jobs->njobs; i++) {
        const job_result *r = &b->results[i];
        printf("%s\n    {\"file\": \"%s\", \"status\": \"%s\", \"ms\": %.1f}", i ? "," : "",
               b->jobs->jobs[i].file_name,
               r->status == RESULT_PENDING ? "skipped" : r->status == RESULT_BUILT ? "built"
               : r->status == RESULT_UNCHANGED ? "unchanged" : "failed", r->ms);
    }
    char *diagnostics = diagnostics_json(diag);
    printf("\n  ],\n  \"diagnostics\": %s\n}\n", diagnostics);
    free(diagnostics);
}

static void print_timings(const build_run *b, double total) {
    const phase_times *t = &b->times;
    fprintf(stderr,
            "timings (ms, summed over briefs): load %.1f  compose %.1f  layout %.1f  render %.1f  "
            "subset+write %.1f  |  wall %.1f\n",
            t->load * 1000, t->compose * 1000, t->layout * 1000, t->render * 1000, t->save * 1000, total * 1000);
}

static int exit_code(eb_load_status status, const build_counts *c) {
    if (interrupted) return 130;
    if (status == EB_LOAD_IO || c->failed_io || c->manifest_failed) return EB_EXIT_IO;
    if (status == EB_LOAD_INVALID || c->failed_input) return EB_EXIT_INPUT;
    return EB_EXIT_OK;
}

/* Returns EB_EXIT_OK, or the exit code of what failed: a usage error for an
 * unknown --indication, an I/O error when an input or fonts.json cannot be
 * read (with --indication too). */
static int prepare_jobs(const eb_build_options *o, const eb_corpus *corpus, const eb_font_list *font_list,
                        eb_job_list *jobs, eb_diag *diag) {
    long only = -1;
    if (o->indication && (only = eb_corpus_find_indication(corpus, o->indication)) < 0) {
        eb_diag_report(diag, EB_ERROR, (eb_location){0}, "unknown indication \"%s\"", o->indication);
        return EB_EXIT_USAGE;
    }
    eb_locale locale = EB_LOCALE_EN;
    eb_job_options jo = {.paper = o->paper, .source_date_epoch = o->source_date_epoch,
                         .only_indication = only,
                         .only_locale = o->locale && eb_locale_from_name(o->locale, &locale) ? (int)locale : -1};
    if (!ebi_jobs_init(corpus, font_list, &jo, jobs, diag)) return EB_EXIT_IO;
    if (o->shard_n) ebi_jobs_keep_shard(jobs, o->shard_k, o->shard_n);
    return EB_EXIT_OK;
}

/* The manifest of the last build. One that cannot be read costs only time:
 * every brief is rebuilt and the manifest rewritten, so its first problem
 * is a warning, not an error. */
static void read_previous(const char *path, eb_manifest *m, eb_diag *diag) {
    eb_diag *problems = eb_diag_create(NULL);
    bool missing = false;
    if (!eb_manifest_load(path, m, &missing, problems))
        eb_diag_report(diag, EB_WARNING, (eb_location){.file = path},
                       "cannot use the last build's manifest, so every brief is rebuilt: %s",
                       eb_diag_message_count(problems) ? eb_diag_message(problems, 0) : "?");
    eb_diag_destroy(problems);
}

static int build_jobs(const eb_build_options *o, const eb_corpus *corpus, eb_load_status status,
                      eb_job_list *jobs, eb_fontset *fonts, eb_diag *diag, double t0, double load_time) {
    char *manifest_path = eb_xasprintf("%s/manifest.json", o->out);
    eb_manifest m;
    read_previous(manifest_path, &m, diag);
    build_run b = {.o = o, .corpus = corpus, .jobs = jobs, .previous = &m, .diag = diag,
                   .results = eb_xcalloc(jobs->njobs + 1, sizeof(job_result)), .tty = isatty(1)};
    b.times.load = load_time;
    b.fonts = fonts;
    b.order = ebi_jobs_dispatch_order(jobs);
    pthread_mutex_init(&b.lock, NULL);
    run_workers(&b);
    free(b.order);
    build_counts c = {0};
    update_manifest(&b, &m, &c);
    bool full = !o->indication && !o->locale && !o->shard_n && status == EB_LOAD_OK && !interrupted;
    if (full) remove_orphans(o, jobs, &m, &c);
    c.manifest_failed = !ebi_manifest_write(manifest_path, &m, diag);
    if (o->json) print_json(&b, &c, diag);
    else if (!o->quiet || c.failed_input || c.failed_io || c.manifest_failed)
        printf("%s: built %zu, unchanged %zu, failed %zu%s\n", interrupted ? "interrupted" : "done", c.built,
               c.unchanged, c.failed_input + c.failed_io, c.manifest_failed ? "; the manifest was not written" : "");
    if (o->timings) print_timings(&b, now() - t0);
    for (size_t i = 0; i < jobs->njobs; i++) eb_manifest_entry_destroy(&b.results[i].entry);
    free(b.results);
    pthread_mutex_destroy(&b.lock);
    eb_manifest_destroy(&m);
    free(manifest_path);
    return exit_code(status, &c);
}

int ebi_build_run(const eb_build_options *o) {
    double t0 = now();
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    eb_diag *diag = ebi_cli_diag("build");
    eb_diag_set_format(diag, o->json ? EB_DIAG_JSON : o->diag_format);
    eb_load_status status = EB_LOAD_OK;
    /* Fonts first, so that the loader checks every character against them
     * and reports each missing one at its place; a review with one is then
     * invalid and its briefs are not written. A broken font is reported
     * once, and every brief fails. */
    eb_font_list font_list;
    eb_fontset *fonts = ebi_fonts_open(o->fonts, &font_list, diag);
    eb_text_check check = ebi_glyph_check(fonts, o->allow_missing_glyphs);
    /* renderings are needed only in the languages of the briefs built */
    eb_load_options lo = {.check = fonts ? &check : NULL, .rendering_langs = ebi_rendering_langs(o->locale)};
    eb_corpus *corpus = eb_corpus_load_with(o->inputs, &lo, diag, &status);
    double load_time = now() - t0;
    int code = corpus ? EB_EXIT_OK : (status == EB_LOAD_IO ? EB_EXIT_IO : EB_EXIT_INPUT);
    eb_job_list jobs = {0};
    bool reported = false;
    if (corpus && !ebi_make_directories("build", o->out)) code = EB_EXIT_IO;
    if (corpus && code == EB_EXIT_OK) {
        remove_leftovers(o->out);
        code = prepare_jobs(o, corpus, &font_list, &jobs, diag);
        if (code == EB_EXIT_OK) {
            code = build_jobs(o, corpus, status, &jobs, fonts, diag, t0, load_time);
            reported = true;
        }
    }
    if (o->json && !reported) {
        /* nothing was built, but the problems must reach the reader */
        char *diagnostics = diagnostics_json(diag);
        printf("{\n  \"built\": 0,\n  \"unchanged\": 0,\n  \"failed\": 0,\n  \"briefs\": [],\n"
               "  \"diagnostics\": %s\n}\n", diagnostics);
        free(diagnostics);
    }
    eb_fontset_destroy(fonts);
    eb_font_list_destroy(&font_list);
    ebi_jobs_destroy(&jobs);
    eb_corpus_destroy(corpus);
    eb_diag_destroy(diag);
    return code;
}
