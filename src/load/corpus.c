/* Loads a whole inputs/ directory: the indications vocabulary first (reviews
 * refer to it), then every review file in name order, then the checks that
 * span files. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brand.h"
#include "fields.h"
#include "json_source.h"
#include "load.h"
#include "review.h"

/* ---- indications -------------------------------------------------------------- */

static const char *const full_langs[] = {"fa", "en", "zh-Hans", NULL};

static void read_full_text(eb_reader *r, const cJSON *node, eb_text *out) {
    if (!ebi_read_object(r, node, full_langs, full_langs)) return;
    for (int lang = 0; lang < EB_LANG_COUNT; lang++)
        ebi_read_string(r, node, full_langs[lang], EB_SHORT_STRING, &out->s[lang]);
}

static void read_indication(eb_reader *r, const cJSON *item, eb_indication *ind) {
    static const char *const allowed[] = {"id", "name", "conditions", NULL};
    static const char *const required[] = {"id", "name", NULL};
    if (!ebi_read_object(r, item, allowed, required)) return;
    ebi_read_slug(r, item, "id", &ind->id);
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(item, "name");
    if (name) {
        size_t mark = ebi_path_push_key(r, "name");
        read_full_text(r, name, &ind->name);
        ebi_path_pop(r, mark);
    }
    size_t n = 0;
    const cJSON *cond = ebi_read_array(r, item, "conditions", 0, 50, &n);
    ind->conditions = eb_arena_array(r->arena, n, sizeof *ind->conditions);
    size_t mark = ebi_path_push_key(r, "conditions");
    for (size_t i = 0; cond; cond = cond->next, i++) {
        size_t m = ebi_path_push_index(r, i);
        read_full_text(r, cond, &ind->conditions[ind->nconditions++]);
        ebi_path_pop(r, m);
    }
    ebi_path_pop(r, mark);
}

static void check_unique_indications(eb_reader *r, const cJSON *first, eb_corpus *corpus) {
    size_t i = 0;
    for (const cJSON *item = first; item; item = item->next, i++) {
        for (size_t j = 0; j < i; j++) {
            const char *a = corpus->indications[i].id, *b = corpus->indications[j].id;
            if (a && b && strcmp(a, b) == 0) {
                size_t m = ebi_path_push_index(r, i);
                ebi_reader_error(r, cJSON_GetObjectItemCaseSensitive(item, "id"), false,
                                "duplicate indication id \"%s\"", a);
                ebi_path_pop(r, m);
            }
        }
    }
}

static bool load_indications(eb_corpus *corpus, const eb_text_check *check, eb_diag *diag, bool *io_error) {
    eb_json_doc doc;
    if (!ebi_json_doc_load(&doc, corpus->indications_file, diag, io_error)) {
        ebi_json_doc_destroy(&doc);
        return false;
    }
    static const char *const allowed[] = {"$schema", "indications", NULL};
    eb_reader r;
    ebi_reader_init(&r, &doc, diag, corpus->arena);
    r.check = check;
    if (ebi_read_object(&r, doc.root, allowed, allowed + 1)) {
        size_t n = 0;
        const cJSON *first = ebi_read_array(&r, doc.root, "indications", 1, 500, &n);
        corpus->indications = eb_arena_array(corpus->arena, n, sizeof *corpus->indications);
        size_t mark = ebi_path_push_key(&r, "indications");
        size_t i = 0;
        for (const cJSON *item = first; item; item = item->next, i++) {
            size_t m = ebi_path_push_index(&r, i);
            read_indication(&r, item, &corpus->indications[i]);
            ebi_path_pop(&r, m);
        }
        corpus->nindications = n;
        check_unique_indications(&r, first, corpus);
        ebi_path_pop(&r, mark);
    }
    bool ok = r.errors == 0 && doc.errors == 0;
    ebi_reader_destroy(&r);
    ebi_json_doc_destroy(&doc);
    return ok;
}

/* ---- reviews ---------------------------------------------------------------------- */

static int compare_strings(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The review files of a directory, sorted by name so that every run (and
 * every machine) sees them in the same order. */
static char **list_review_files(const char *dir, size_t *count, eb_diag *diag) {
    DIR *d = opendir(dir);
    *count = 0;
    if (!d) {
        eb_diag_report(diag, EB_ERROR, (eb_location){.file = dir}, "cannot open the reviews directory");
        return NULL;
    }
    size_t cap = 16;
    char **files = eb_xmalloc(cap * sizeof *files);
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".json") != 0) continue;
        if (*count == cap) files = eb_xrealloc(files, (cap *= 2) * sizeof *files);
        files[(*count)++] = eb_xasprintf("%s/%s", dir, e->d_name);
    }
    closedir(d);
    qsort(files, *count, sizeof *files, compare_strings);
    return files;
}

/* For a review that failed, the indications it appears to feed: every
 * indication id that occurs in its text as a quoted string. Crude, but it
 * works even when the JSON is broken, which is when it is needed. */
static eb_index_list guess_indications(const eb_corpus *corpus, const char *path) {
    eb_index_list list = {eb_arena_array(corpus->arena, corpus->nindications, sizeof(size_t)), 0};
    char *text = NULL;
    size_t len = 0;
    const char *error = NULL;
    if (!eb_read_file(path, EB_JSON_MAX_FILE_SIZE, &text, &len, &error)) return list;
    for (size_t i = 0; i < corpus->nindications; i++) {
        char *quoted = eb_xasprintf("\"%s\"", corpus->indications[i].id);
        if (strstr(text, quoted)) list.items[list.n++] = i;
        free(quoted);
    }
    free(text);
    return list;
}

static void reject(eb_corpus *corpus, const char *path, size_t *cap) {
    if (corpus->nrejected == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        eb_rejected *grown = eb_arena_array(corpus->arena, *cap, sizeof *grown);
        if (corpus->nrejected) memcpy(grown, corpus->rejected, corpus->nrejected * sizeof *grown);
        corpus->rejected = grown;
    }
    corpus->rejected[corpus->nrejected++] =
        (eb_rejected){eb_arena_strdup(corpus->arena, path), guess_indications(corpus, path)};
}

/* Reported at the id's place in the file: the document is still open. */
static bool duplicate_review_id(eb_corpus *corpus, const eb_review *review, const eb_json_doc *doc,
                                eb_diag *diag) {
    for (size_t i = 0; i < corpus->nreviews; i++) {
        if (strcmp(corpus->reviews[i].id, review->id) == 0) {
            const cJSON *id = cJSON_GetObjectItemCaseSensitive(doc->root, "id");
            eb_diag_report(diag, EB_ERROR, ebi_json_where(doc, id, false, "$.id"),
                           "review id \"%s\" is already used by %s", review->id, corpus->reviews[i].file);
            return true;
        }
    }
    return false;
}

/* Standard input, whole, as one document named EB_STDIN_NAME: a pipe has
 * no size to read ahead, so it is read in chunks up to the file limit. */
static bool load_stdin(eb_json_doc *doc, eb_diag *diag, bool *io_error) {
    eb_buf data = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0 && data.len <= EB_JSON_MAX_FILE_SIZE)
        eb_buf_append(&data, chunk, n);
    *io_error = ferror(stdin) != 0;
    bool ok = false;
    eb_location where = {.file = EB_STDIN_NAME};
    if (*io_error) {
        *doc = (eb_json_doc){.file = EB_STDIN_NAME};
        eb_diag_report(diag, EB_ERROR, where, "cannot read standard input");
    } else if (data.len > EB_JSON_MAX_FILE_SIZE) {
        *doc = (eb_json_doc){.file = EB_STDIN_NAME};
        eb_diag_report(diag, EB_ERROR, where, "the file is larger than 16 MiB; split it or shorten its texts");
    } else {
        ok = ebi_json_doc_parse(doc, EB_STDIN_NAME, eb_buf_cstr(&data), data.len, diag);
    }
    eb_buf_destroy(&data);
    return ok;
}

/* Reads one review file ("-": standard input); on success appends it to
 * the corpus. */
static bool load_review(eb_corpus *corpus, const char *path, const eb_load_options *options, eb_diag *diag,
                        bool *io_error) {
    eb_json_doc doc;
    bool ok = strcmp(path, "-") == 0 ? load_stdin(&doc, diag, io_error) : ebi_json_doc_load(&doc, path, diag, io_error);
    eb_review review;
    if (ok) ok = ebi_read_review(&doc, corpus, &review, diag, corpus->arena, options);
    if (ok && duplicate_review_id(corpus, &review, &doc, diag)) ok = false;
    ebi_json_doc_destroy(&doc);
    if (ok) corpus->reviews[corpus->nreviews++] = review;
    return ok;
}

/* Loads the named review files in order; status is the worst of them. */
/* Whether `validate FILE` names a clinic's brand.json rather than a review. */
static bool names_brand(const char *file) {
    const char *slash = strrchr(file, '/');
    return strcmp(slash ? slash + 1 : file, "brand.json") == 0;
}

static eb_load_status load_review_files(eb_corpus *corpus, char *const *files, size_t nfiles,
                                        const eb_load_options *options, eb_diag *diag) {
    eb_load_status status = EB_LOAD_OK;
    size_t cap = 0;
    corpus->reviews = eb_arena_array(corpus->arena, nfiles, sizeof *corpus->reviews);
    for (size_t i = 0; i < nfiles; i++) {
        bool io_error = false;
        bool ok = names_brand(files[i]) ? ebi_brand_load_file(corpus, files[i], options, diag, &io_error)
                                        : load_review(corpus, files[i], options, diag, &io_error);
        if (!ok) {
            reject(corpus, files[i], &cap);
            if (io_error) status = EB_LOAD_IO;
            else if (status == EB_LOAD_OK) status = EB_LOAD_INVALID;
        }
    }
    return status;
}

static eb_load_status load_reviews(eb_corpus *corpus, const eb_load_options *options, eb_diag *diag) {
    char *dir = eb_xasprintf("%s/reviews", corpus->inputs_dir);
    size_t nfiles = 0;
    char **files = list_review_files(dir, &nfiles, diag);
    eb_load_status status = files ? EB_LOAD_OK : EB_LOAD_IO;
    if (files && nfiles == 0)
        eb_diag_report(diag, EB_WARNING, (eb_location){.file = dir}, "no review files (*.json) found");
    if (files) status = load_review_files(corpus, files, nfiles, options, diag);
    for (size_t i = 0; files && i < nfiles; i++) free(files[i]);
    free(files);
    free(dir);
    return status;
}

eb_corpus *eb_corpus_load(const char *inputs_dir, eb_diag *diag, eb_load_status *status) {
    eb_load_options options = {.rendering_langs = EB_ALL_LANGS};
    return eb_corpus_load_with(inputs_dir, &options, diag, status);
}

/* A corpus holding the indications alone; NULL when they are unusable. */
static eb_corpus *load_vocabulary(const char *inputs_dir, const eb_load_options *options, eb_diag *diag,
                                  eb_load_status *status) {
    eb_arena *arena = eb_arena_create();
    eb_corpus *corpus = eb_arena_alloc(arena, sizeof *corpus);
    corpus->arena = arena;
    corpus->inputs_dir = eb_arena_strdup(arena, inputs_dir);
    char *file = eb_xasprintf("%s/indications.json", inputs_dir);
    corpus->indications_file = eb_arena_strdup(arena, file);
    free(file);
    bool io_error = false;
    if (!load_indications(corpus, options->check, diag, &io_error)) {
        *status = io_error ? EB_LOAD_IO : EB_LOAD_INVALID;
        eb_corpus_destroy(corpus);
        return NULL;
    }
    *status = EB_LOAD_OK;
    return corpus;
}

/* An invalid brand.json blocks every brief: a clinic's brief without its
 * name, or with a broken logo, is not delivered in its name. */
static eb_load_status load_brand(eb_corpus *corpus, const eb_load_options *options, eb_diag *diag) {
    bool io_error = false;
    if (ebi_brand_load(corpus, options, diag, &io_error)) return EB_LOAD_OK;
    size_t cap = corpus->nrejected;
    char *file = eb_xasprintf("%s/brand.json", corpus->inputs_dir);
    reject(corpus, file, &cap);
    free(file);
    eb_index_list *all = &corpus->rejected[corpus->nrejected - 1].indications;
    all->n = 0;
    for (size_t i = 0; i < corpus->nindications; i++) all->items[all->n++] = i;
    return io_error ? EB_LOAD_IO : EB_LOAD_INVALID;
}

static eb_load_status worse(eb_load_status a, eb_load_status b) { return a > b ? a : b; }

eb_corpus *eb_corpus_load_with(const char *inputs_dir, const eb_load_options *options, eb_diag *diag,
                               eb_load_status *status) {
    eb_corpus *corpus = load_vocabulary(inputs_dir, options, diag, status);
    if (!corpus) return NULL;
    *status = load_reviews(corpus, options, diag);
    *status = worse(*status, load_brand(corpus, options, diag));
    return corpus;
}

eb_corpus *eb_corpus_load_files(const char *inputs_dir, char *const *files, size_t nfiles,
                         const eb_load_options *options, eb_diag *diag, eb_load_status *status) {
    eb_corpus *corpus = load_vocabulary(inputs_dir, options, diag, status);
    if (corpus) *status = load_review_files(corpus, files, nfiles, options, diag);
    return corpus;
}

const eb_review *eb_review_load_buffer(eb_corpus *corpus, const char *file,
                                       const char *data, size_t len, eb_diag *diag) {
    eb_json_doc doc;
    bool ok = ebi_json_doc_parse(&doc, file, data, len, diag);
    eb_review *review = eb_arena_alloc(corpus->arena, sizeof *review);
    eb_load_options options = {.rendering_langs = EB_ALL_LANGS};
    if (ok) ok = ebi_read_review(&doc, corpus, review, diag, corpus->arena, &options);
    ebi_json_doc_destroy(&doc);
    return ok ? review : NULL;
}
