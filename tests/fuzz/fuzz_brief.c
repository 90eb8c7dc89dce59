/* Fuzz target: one brief from a fuzzed review, end to end. The input is a
 * review file; when the loader accepts it, it becomes the only review of a
 * corpus with the real vocabulary, and the brief of the first indication
 * it feeds is composed (eb_brief_compose), laid out on pages
 * (eb_plan_brief), rendered and saved as a PDF in a temporary directory,
 * then removed. The locale (en, fa, zh) is chosen by a hash of the input,
 * so every locale meets every kind of content. A save must leave exactly
 * one file behind, the PDF, and nothing else. Seeds: tests/fuzz/corpus/brief/
 * (the reviews of inputs/). */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compose.h"
#include "fuzz.h"
#include "pages.h"
#include "pdf.h"
#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static eb_corpus *brief_vocabulary;
static eb_fontset *brief_fonts;
static char *brief_dir;

static void brief_cleanup(void) {
    if (brief_dir) rmdir(brief_dir);
    free(brief_dir);
    eb_fontset_destroy(brief_fonts);
    eb_corpus_destroy(brief_vocabulary);
    brief_dir = NULL;
    brief_fonts = NULL;
    brief_vocabulary = NULL;
}

static void brief_init(void) {
    brief_vocabulary = fuzz_load_vocabulary();
    brief_fonts = fuzz_open_fonts();
    const char *tmp = getenv("TMPDIR");
    brief_dir = eb_xasprintf("%s/evbrief-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(brief_dir)) {
        perror(brief_dir);
        exit(2);
    }
    atexit(brief_cleanup);
}

/* The names in the scratch directory, other than . and .. */
static size_t brief_files_left(void) {
    DIR *d = opendir(brief_dir);
    size_t n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d) closedir(d);
    return n;
}

static void brief_build(const eb_corpus *corpus, size_t indication, eb_locale locale) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_compose_options copts = {.build_day = 20454};
    eb_brief *brief = eb_brief_compose(corpus, indication, locale, &copts);
    FUZZ_ASSERT(brief != NULL);
    eb_doc_plan *plan = eb_plan_brief(brief_fonts, brief, EB_PAPER_A4, false, diag);
    FUZZ_ASSERT(plan != NULL && plan->npages >= 1);
    for (size_t p = 0; p < plan->nparas; p++) fuzz_check_para(plan->paras[p]);
    eb_pdf_options popts = {.title = brief->title, .author = brief->author, .subject = brief->subject,
                            .keywords = brief->keywords, .creator = "evbrief fuzz",
                            .lang = plan->lang, .id_seed = brief->file_name};
    eb_pdf *pdf = eb_pdf_create(brief_fonts, &popts, diag);
    FUZZ_ASSERT(pdf != NULL);
    FUZZ_ASSERT(eb_render_plan(pdf, plan));
    char *path = eb_xasprintf("%s/%s", brief_dir, brief->file_name);
    FUZZ_ASSERT(eb_pdf_save(pdf, path));
    struct stat st;
    FUZZ_ASSERT(stat(path, &st) == 0 && st.st_size > 0);
    FUZZ_ASSERT(brief_files_left() == 1);
    remove(path);
    free(path);
    eb_pdf_destroy(pdf);
    eb_plan_destroy(plan);
    eb_brief_destroy(brief);
    eb_diag_destroy(diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!brief_vocabulary) brief_init();
    eb_corpus corpus;
    fuzz_fresh_corpus(brief_vocabulary, &corpus);
    eb_diag *diag = eb_diag_create(NULL);
    char *file = fuzz_review_file_name(data, size);
    const eb_review *review = eb_review_load_buffer(&corpus, file, (const char *)data, size, diag);
    eb_diag_destroy(diag);
    free(file);
    eb_review only; /* a shallow copy: the corpus owns the review through its arena */
    if (review) {
        only = *review;
        corpus.reviews = &only;
        corpus.nreviews = 1;
        uint32_t hash = 2166136261u; /* FNV-1a */
        for (size_t i = 0; i < size; i++) hash = (hash ^ data[i]) * 16777619u;
        for (size_t ind = 0; ind < corpus.nindications; ind++) {
            if (!eb_review_feeds(review, ind)) continue;
            brief_build(&corpus, ind, (eb_locale)(hash % EB_LOCALE_COUNT));
            break;
        }
    }
    eb_arena_destroy(corpus.arena);
    return 0;
}
