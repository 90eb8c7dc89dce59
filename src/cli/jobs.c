#include "jobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every input and font is hashed where it lies (eb_sha256_file). */
static bool hash_file(const char *path, char sha256[65], eb_diag *diag) {
    const char *error = NULL;
    if (eb_sha256_file(path, sha256, NULL, &error)) return true;
    eb_diag_report(diag, EB_ERROR, (eb_location){.file = path}, "cannot read: %s", error);
    return false;
}

/* The name of a file relative to dir, so keys do not depend on where the
 * checkout is. */
static const char *relative(const char *path, const char *dir) {
    size_t n = strlen(dir);
    if (strncmp(path, dir, n) == 0 && path[n] == '/') return path + n + 1;
    return path;
}

/* The hash of the bytes of every font of fonts.json (a collection once,
 * however many faces it gives), not the pins: a font replaced under the
 * same name changes the keys, so its briefs are rebuilt. A font that no
 * longer matches its pin is built with as found, and said so. */
static bool read_font_hashes(const eb_font_list *fonts, eb_job_list *list, eb_diag *diag) {
    list->fonts = eb_xcalloc(fonts->n + 1, sizeof *list->fonts);
    bool ok = fonts->n > 0;
    for (size_t i = 0; ok && i < fonts->n; i++) {
        const eb_font_entry *e = &fonts->entries[i];
        bool seen = false;
        for (size_t j = 0; j < list->nfonts; j++) seen = seen || strcmp(list->fonts[j].name, e->file) == 0;
        if (seen) continue;
        eb_file_hash *h = &list->fonts[list->nfonts++];
        h->name = eb_xstrdup(e->file);
        char *path = eb_xasprintf("%s/%s", fonts->dir, e->file);
        ok = hash_file(path, h->sha256, diag);
        if (ok && e->sha256[0] && strcmp(e->sha256, h->sha256) != 0)
            eb_diag_report(diag, EB_WARNING, (eb_location){.file = path},
                           "its SHA-256 is %.12s…, not the %.12s… pinned in %s: the briefs are set in the font "
                           "as found, and may differ from a build with the pinned one", h->sha256, e->sha256,
                           fonts->path);
        free(path);
    }
    return ok;
}

static double estimate_weight(const eb_corpus *corpus, size_t indication) {
    double w = 1;
    for (size_t r = 0; r < corpus->nreviews; r++) {
        const eb_review *rv = &corpus->reviews[r];
        if (!eb_review_feeds(rv, indication)) continue;
        for (size_t i = 0; i < rv->nfindings; i++)
            w += eb_index_list_has(&rv->findings[i].indications, indication) ? 1 : 0;
        for (size_t t = 0; t < rv->ntables; t++)
            if (eb_applies_to(rv, &rv->tables[t].indications, indication)) w += (double)rv->tables[t].nrows;
        w += 2;
    }
    return w;
}

static void digest_lines(const eb_file_hash *files, size_t n, eb_buf *buf) {
    for (size_t i = 0; i < n; i++) eb_buf_printf(buf, "%s %s\n", files[i].name, files[i].sha256);
}

static void compute_key(eb_job *job, const eb_job_list *list, const eb_job_options *o) {
    eb_buf buf = {0};
    digest_lines(job->inputs, job->ninputs, &buf);
    eb_sha256_hex(buf.data, buf.len, job->inputs_digest);
    eb_buf_printf(&buf, "evbrief %s\npaper %s\nepoch %s\nbrief %s\n", EVBRIEF_VERSION, o->paper,
                  o->source_date_epoch ? o->source_date_epoch : "-", job->file_name);
    digest_lines(list->fonts, list->nfonts, &buf);
    eb_sha256_hex(buf.data, buf.len, job->key);
    eb_buf_destroy(&buf);
}

static const char *blocking_file(const eb_corpus *corpus, size_t indication) {
    for (size_t i = 0; i < corpus->nrejected; i++)
        if (eb_index_list_has(&corpus->rejected[i].indications, indication)) return corpus->rejected[i].file;
    return NULL;
}

/* The files every brief depends on besides the reviews: indications.json
 * and, with a brand, brand.json and its logo. */
typedef struct {
    eb_file_hash files[3];
    size_t n;
} shared_inputs;

static void add_input(eb_job *job, const eb_file_hash *hash) {
    eb_file_hash *h = &job->inputs[job->ninputs++];
    h->name = eb_xstrdup(hash->name);
    memcpy(h->sha256, hash->sha256, 65);
}

static void add_job(eb_job_list *list, const eb_corpus *corpus, size_t ind, eb_locale locale,
                    const eb_file_hash *review_hashes, const shared_inputs *shared, const eb_job_options *o) {
    eb_job *job = &list->jobs[list->njobs++];
    *job = (eb_job){.indication = ind, .locale = locale, .weight = estimate_weight(corpus, ind)};
    job->file_name = eb_xasprintf("%s.%s.pdf", corpus->indications[ind].id, eb_locale_name(locale));
    job->inputs = eb_xcalloc(corpus->nreviews + shared->n, sizeof *job->inputs);
    add_input(job, &shared->files[0]);
    for (size_t r = 0; r < corpus->nreviews; r++)
        if (eb_review_feeds(&corpus->reviews[r], ind)) add_input(job, &review_hashes[r]);
    for (size_t i = 1; i < shared->n; i++) add_input(job, &shared->files[i]);
    job->blocked_by = blocking_file(corpus, ind);
    job->blocked = job->blocked_by != NULL;
    compute_key(job, list, o);
}

static bool fed(const eb_corpus *corpus, size_t indication) {
    for (size_t r = 0; r < corpus->nreviews; r++)
        if (eb_review_feeds(&corpus->reviews[r], indication)) return true;
    return blocking_file(corpus, indication) != NULL;
}

static bool hash_shared(const eb_corpus *corpus, const char *path, shared_inputs *shared, eb_diag *diag) {
    eb_file_hash *h = &shared->files[shared->n++];
    h->name = eb_xstrdup(relative(path, corpus->inputs_dir));
    return hash_file(path, h->sha256, diag);
}

static bool hash_shared_inputs(const eb_corpus *corpus, shared_inputs *shared, eb_diag *diag) {
    *shared = (shared_inputs){0};
    bool ok = hash_shared(corpus, corpus->indications_file, shared, diag);
    const eb_brand *brand = corpus->brand;
    if (ok && brand) ok = hash_shared(corpus, brand->file, shared, diag);
    if (ok && brand && brand->logo_file) {
        char *logo = eb_xasprintf("%s/%s", corpus->inputs_dir, brand->logo_file);
        ok = hash_shared(corpus, logo, shared, diag);
        free(logo);
    }
    return ok;
}

bool ebi_jobs_init(const eb_corpus *corpus, const eb_font_list *fonts, const eb_job_options *o,
                  eb_job_list *list, eb_diag *diag) {
    *list = (eb_job_list){0};
    if (!read_font_hashes(fonts, list, diag)) return false;
    shared_inputs shared;
    eb_file_hash *reviews = eb_xcalloc(corpus->nreviews + 1, sizeof *reviews);
    bool ok = hash_shared_inputs(corpus, &shared, diag);
    for (size_t r = 0; ok && r < corpus->nreviews; r++) {
        reviews[r].name = eb_xstrdup(relative(corpus->reviews[r].file, corpus->inputs_dir));
        ok = hash_file(corpus->reviews[r].file, reviews[r].sha256, diag);
    }
    list->jobs = eb_xcalloc(corpus->nindications * EB_LOCALE_COUNT + 1, sizeof *list->jobs);
    for (size_t i = 0; ok && i < corpus->nindications; i++) {
        if ((o->only_indication >= 0 && (size_t)o->only_indication != i) || !fed(corpus, i)) continue;
        for (int l = 0; l < EB_LOCALE_COUNT; l++)
            if (o->only_locale < 0 || o->only_locale == l)
                add_job(list, corpus, i, (eb_locale)l, reviews, &shared, o);
    }
    for (size_t r = 0; r < corpus->nreviews; r++) free(reviews[r].name);
    free(reviews);
    for (size_t i = 0; i < shared.n; i++) free(shared.files[i].name);
    return ok;
}

static void free_hashes(eb_file_hash *files, size_t n) {
    for (size_t i = 0; i < n; i++) free(files[i].name);
    free(files);
}

void ebi_jobs_destroy(eb_job_list *list) {
    for (size_t i = 0; i < list->njobs; i++) {
        free(list->jobs[i].file_name);
        free_hashes(list->jobs[i].inputs, list->jobs[i].ninputs);
    }
    free(list->jobs);
    free_hashes(list->fonts, list->nfonts);
    *list = (eb_job_list){0};
}

bool ebi_jobs_has_file(const eb_job_list *list, const char *file_name) {
    for (size_t j = 0; j < list->njobs; j++)
        if (strcmp(list->jobs[j].file_name, file_name) == 0) return true;
    return false;
}

bool ebi_shard_parse(const char *text, size_t *k, size_t *n) {
    char *end = NULL;
    unsigned long a = strtoul(text, &end, 10);
    if (end == text || *end != '/') return false;
    const char *rest = end + 1;
    unsigned long b = strtoul(rest, &end, 10);
    if (end == rest || *end || a < 1 || b < 1 || a > b || b > 100000) return false;
    *k = a;
    *n = b;
    return true;
}

static int heaviest_first(const void *a, const void *b) {
    const eb_job *x = *(const eb_job *const *)a, *y = *(const eb_job *const *)b;
    if (x->weight != y->weight) return x->weight < y->weight ? 1 : -1;
    return strcmp(x->file_name, y->file_name);
}

/* The jobs by estimated weight, heaviest first (then by file name). */
static const eb_job **jobs_by_weight(const eb_job_list *list) {
    const eb_job **order = eb_xmalloc((list->njobs + 1) * sizeof *order);
    for (size_t i = 0; i < list->njobs; i++) order[i] = &list->jobs[i];
    qsort(order, list->njobs, sizeof *order, heaviest_first);
    return order;
}

size_t *ebi_jobs_dispatch_order(const eb_job_list *list) {
    const eb_job **order = jobs_by_weight(list);
    size_t *indices = eb_xmalloc((list->njobs + 1) * sizeof *indices);
    for (size_t i = 0; i < list->njobs; i++) indices[i] = (size_t)(order[i] - list->jobs);
    free(order);
    return indices;
}

void ebi_jobs_keep_shard(eb_job_list *list, size_t k, size_t n) {
    size_t count = list->njobs;
    const eb_job **order = jobs_by_weight(list);
    double *load = eb_xcalloc(n, sizeof *load);
    size_t *shard_of = eb_xcalloc(count + 1, sizeof *shard_of);
    for (size_t i = 0; i < count; i++) {
        size_t best = 0;
        for (size_t s = 1; s < n; s++)
            if (load[s] < load[best]) best = s;
        load[best] += order[i]->weight;
        shard_of[order[i] - list->jobs] = best;
    }
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        if (shard_of[i] == k - 1) list->jobs[kept++] = list->jobs[i];
        else {
            free(list->jobs[i].file_name);
            free_hashes(list->jobs[i].inputs, list->jobs[i].ninputs);
        }
    }
    list->njobs = kept;
    free(order);
    free(load);
    free(shard_of);
}
