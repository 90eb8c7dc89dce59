/* `evbrief check`: which briefs are missing or stale, for a CI gate that
 * fails when someone edits an input without rebuilding; and `evbrief
 * manifest merge`, which joins the manifests of a sharded build. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "commands.h"
#include "layout.h"
#include "load.h"
#include "manifest.h"
#include "options.h"
#include "paths.h"

static const char check_usage[] =
    "usage: evbrief check [--inputs DIR] [--fonts DIR] [--out DIR] [--indication ID]\n"
    "                     [--locale L] [--paper P] [--shard K/N] [--allow-missing-glyphs]\n"
    "                     [--json] [--diagnostic-format text|github]\n"
    "Lists every brief that is missing from OUT or stale: built from other\n"
    "inputs, fonts, options or evbrief version than the current ones, or\n"
    "changed on disk since it was built (per OUT/manifest.json). Use the same\n"
    "SOURCE_DATE_EPOCH, --paper and --allow-missing-glyphs as the build.\n"
    "--json prints {checked, missing_or_stale, briefs: [{file, status, reason}],\n"
    "diagnostics} on stdout; status is current, missing, stale or invalid.\n"
    "Exit: 0 every brief current, 1 some brief missing or stale (or an input\n"
    "invalid), 2 usage error, 3 I/O error.\n";

static const char merge_usage[] =
    "usage: evbrief manifest merge --out FILE MANIFEST...\n"
    "Joins the manifests of a sharded build into one. A brief listed by two\n"
    "shards with different contents is an error (exit 1).\n";

/* Names the inputs whose hashes differ between the manifest and now. */
static void explain(const eb_manifest_entry *old, const eb_job *job, eb_buf *why) {
    for (size_t i = 0; i < job->ninputs; i++) {
        bool same = false;
        for (size_t j = 0; j < old->ninputs && !same; j++)
            same = strcmp(old->inputs[j].name, job->inputs[i].name) == 0 &&
                   strcmp(old->inputs[j].sha256, job->inputs[i].sha256) == 0;
        if (!same) eb_buf_printf(why, "%s%s", why->len ? ", " : "", job->inputs[i].name);
    }
    for (size_t j = 0; j < old->ninputs; j++) {
        bool present = false;
        for (size_t i = 0; i < job->ninputs && !present; i++)
            present = strcmp(old->inputs[j].name, job->inputs[i].name) == 0;
        if (!present) eb_buf_printf(why, "%s%s (no longer feeds it)", why->len ? ", " : "", old->inputs[j].name);
    }
    if (!why->len) eb_buf_puts(why, "fonts, options or evbrief version");
}

/* Where the state of each brief goes: a line of text, or an item of the
 * --json report. */
typedef struct {
    eb_json *briefs;  /* NULL: print text */
} check_out;

static void say(check_out *out, const char *state, const char *file, const char *reason) {
    if (!out->briefs) {
        printf("%-8s %s%s%s%s\n", state, file, reason ? "  (" : "", reason ? reason : "", reason ? ")" : "");
        return;
    }
    eb_json *item = eb_json_push(out->briefs, eb_json_object());
    eb_json_set(item, "file", eb_json_string(file));
    eb_json_set(item, "status", eb_json_string(state));
    eb_json_set(item, "reason", eb_json_string(reason));
}

/* Reports the state of one brief; returns true when it is current. */
static bool check_job(const eb_build_options *o, const eb_manifest *m, const eb_job *job, check_out *out) {
    if (job->blocked) {
        char *why = eb_xasprintf("%s is invalid", job->blocked_by);
        say(out, "invalid", job->file_name, why);
        free(why);
        return false;
    }
    const eb_manifest_entry *old = ebi_manifest_find(m, job->file_name);
    char *path = eb_xasprintf("%s/%s", o->out, job->file_name);
    char sha[65];
    long bytes = 0;
    bool on_disk = ebi_file_sha256(path, sha, &bytes);
    free(path);
    if (!on_disk || !old) {
        say(out, "missing", job->file_name, NULL);
        return false;
    }
    if (strcmp(old->sha256, sha) != 0) {
        say(out, "stale", job->file_name, "the file changed since it was built");
        return false;
    }
    if (strcmp(old->key, job->key) != 0) {
        eb_buf why = {0};
        explain(old, job, &why);
        char *reason = eb_xasprintf("changed: %s", eb_buf_cstr(&why));
        say(out, "stale", job->file_name, reason);
        free(reason);
        eb_buf_destroy(&why);
        return false;
    }
    if (out->briefs) say(out, "current", job->file_name, NULL);
    return true;
}

static size_t check_orphans(const eb_manifest *m, const eb_job_list *jobs, check_out *out) {
    size_t n = 0;
    for (size_t i = 0; i < m->n; i++) {
        if (!ebi_jobs_has_file(jobs, m->entries[i].file)) {
            say(out, "stale", m->entries[i].file, "no review feeds it any more");
            n++;
        }
    }
    return n;
}

static int check_against(const eb_build_options *o, const eb_corpus *corpus, const eb_font_list *font_list,
                         eb_diag *diag, check_out *out, size_t *nchecked, size_t *nproblems) {
    long only = o->indication ? eb_corpus_find_indication(corpus, o->indication) : -1;
    if (o->indication && only < 0) {
        eb_diag_report(diag, EB_ERROR, (eb_location){0}, "unknown indication \"%s\"", o->indication);
        return EB_EXIT_USAGE;
    }
    eb_locale locale = EB_LOCALE_EN;
    eb_job_options jo = {.paper = o->paper, .source_date_epoch = o->source_date_epoch, .only_indication = only,
                         .only_locale = o->locale && eb_locale_from_name(o->locale, &locale) ? (int)locale : -1};
    eb_job_list jobs;
    if (!ebi_jobs_init(corpus, font_list, &jo, &jobs, diag)) return EB_EXIT_IO;
    if (o->shard_n) ebi_jobs_keep_shard(&jobs, o->shard_k, o->shard_n);
    char *path = eb_xasprintf("%s/manifest.json", o->out);
    eb_manifest m;
    bool missing = false;
    int code = EB_EXIT_OK;
    if (!eb_manifest_load(path, &m, &missing, diag)) code = EB_EXIT_IO;
    size_t problems = 0;
    for (size_t i = 0; code == EB_EXIT_OK && i < jobs.njobs; i++) problems += !check_job(o, &m, &jobs.jobs[i], out);
    if (code == EB_EXIT_OK && !o->indication && !o->locale && !o->shard_n) problems += check_orphans(&m, &jobs, out);
    if (code == EB_EXIT_OK) {
        if (!out->briefs) printf("%zu brief(s) checked, %zu missing or stale\n", jobs.njobs, problems);
        if (problems) code = EB_EXIT_INPUT;
    }
    *nchecked = jobs.njobs;
    *nproblems = problems;
    eb_manifest_destroy(&m);
    free(path);
    ebi_jobs_destroy(&jobs);
    return code;
}

int ebi_cmd_check(int argc, char **argv) {
    eb_build_options o;
    int code;
    if (!ebi_check_parse(argc, argv, &o, &code, check_usage)) {
        ebi_build_options_destroy(&o);
        return code;
    }
    eb_diag *diag = ebi_cli_diag("check");
    eb_diag_set_format(diag, o.json ? EB_DIAG_JSON : o.diag_format);
    eb_load_status status = EB_LOAD_OK;
    /* the same reviews as the build would load, missing glyphs and all:
     * see build.c */
    eb_font_list font_list;
    eb_fontset *fonts = ebi_fonts_open(o.fonts, &font_list, diag);
    eb_text_check check = ebi_glyph_check(fonts, o.allow_missing_glyphs);
    eb_load_options lo = {.check = fonts ? &check : NULL, .rendering_langs = ebi_rendering_langs(o.locale)};
    eb_corpus *corpus = eb_corpus_load_with(o.inputs, &lo, diag, &status);
    eb_fontset_destroy(fonts);
    check_out out = {o.json ? eb_json_array() : NULL};
    size_t checked = 0, problems = 0;
    code = corpus ? check_against(&o, corpus, &font_list, diag, &out, &checked, &problems)
                  : (status == EB_LOAD_IO ? EB_EXIT_IO : EB_EXIT_INPUT);
    if (code == EB_EXIT_OK && status != EB_LOAD_OK) code = status == EB_LOAD_IO ? EB_EXIT_IO : EB_EXIT_INPUT;
    if (o.json) {
        eb_json *report = eb_json_object();
        eb_json_set(report, "checked", eb_json_number((double)checked));
        eb_json_set(report, "missing_or_stale", eb_json_number((double)problems));
        eb_json_set(report, "briefs", out.briefs);
        ebi_print_json_report(report, diag);
    }
    eb_corpus_destroy(corpus);
    eb_font_list_destroy(&font_list);
    eb_diag_destroy(diag);
    ebi_build_options_destroy(&o);
    return code;
}

/* ---- manifest merge -------------------------------------------------------------- */

static bool merge_one(eb_manifest *into, const char *path, eb_diag *diag) {
    eb_manifest m;
    bool missing = false;
    if (!eb_manifest_load(path, &m, &missing, diag)) return false;
    eb_location where = {.file = path};
    if (missing) {
        eb_diag_report(diag, EB_ERROR, where, "no such manifest");
        return false;
    }
    bool ok = true;
    if (into->version && strcmp(into->version, m.version) != 0) {
        where.path = "$.evbrief_version";
        eb_diag_report(diag, EB_ERROR, where, "written by evbrief %s, the manifests before it by %s",
                       m.version, into->version);
        ok = false;
    }
    if (!into->version) into->version = eb_xstrdup(m.version);
    for (size_t i = 0; ok && i < m.n; i++) {
        const eb_manifest_entry *have = ebi_manifest_find(into, m.entries[i].file);
        if (have && (strcmp(have->sha256, m.entries[i].sha256) != 0 || strcmp(have->key, m.entries[i].key) != 0)) {
            char at[40];
            snprintf(at, sizeof at, "$.briefs[%zu]", i);
            where.path = at;
            eb_diag_report(diag, EB_ERROR, where, "%s differs between shards: another manifest has another "
                           "PDF or key for it", m.entries[i].file);
            ok = false;
            continue;
        }
        ebi_manifest_put(into, &m.entries[i]);
        m.entries[i] = (eb_manifest_entry){0};
    }
    eb_manifest_destroy(&m);
    return ok;
}

int ebi_cmd_manifest(int argc, char **argv) {
    bool help = false;
    for (int i = 1; i < argc; i++) help = help || strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0;
    if (help || argc < 2 || strcmp(argv[1], "merge") != 0) {
        fputs(merge_usage, help ? stdout : stderr);
        return help ? EB_EXIT_OK : EB_EXIT_USAGE;
    }
    const char *out = NULL;
    eb_manifest merged = {0};
    eb_diag *diag = ebi_cli_diag("manifest merge");
    int code = EB_EXIT_OK;
    size_t inputs = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) out = argv[++i];
        else if (strncmp(argv[i], "--out=", 6) == 0) out = argv[i] + 6;
        else if (argv[i][0] == '-') { eb_diag_report(diag, EB_ERROR, (eb_location){0}, "unknown option \"%s\"", argv[i]); code = EB_EXIT_USAGE; }
        else {
            inputs++;
            if (code == EB_EXIT_OK && !merge_one(&merged, argv[i], diag)) code = EB_EXIT_INPUT;
        }
    }
    if (code == EB_EXIT_OK && (!out || inputs == 0)) {
        fputs(merge_usage, stderr);
        code = EB_EXIT_USAGE;
    }
    if (code == EB_EXIT_OK) ebi_print_paths(NULL, NULL, out);
    if (code == EB_EXIT_OK && (!ebi_make_parent_directories("manifest merge", out) || !ebi_manifest_write(out, &merged, diag)))
        code = EB_EXIT_IO;
    if (code == EB_EXIT_OK) printf("merged %zu manifest(s): %zu brief(s) into %s\n", inputs, merged.n, out);
    eb_manifest_destroy(&merged);
    eb_diag_destroy(diag);
    return code;
}
