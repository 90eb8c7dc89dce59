/* The PDF module without text: the content writer's number format, the
 * ToUnicode CMap, links (which targets are accepted, how they are written),
 * document information, catalog entries, outlines, marked content,
 * deterministic bytes and the atomic save. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "pdf.h"
#include "pdf/pdf_internal.h"
#include "test_pdf_util.h"

#define A4_W 595.276
#define A4_H 841.89

/* qpdf's QDF form: streams uncompressed, strings written plainly */
#define QDF "qpdf --qdf --object-streams=disable '%s' -"

static char *scratch;  /* $BUILD/tmp/pdf_doc */

static char *scratch_path(const char *name) { return eb_xasprintf("%s/%s", scratch, name); }

/* ---- pieces ------------------------------------------------------------------------ */

static void test_numbers(void) {
    eb_content c = {0};
    ebi_content_op(&c, "re", 6, (double[]){1, -0.0004, 2.5, 1234.56789, -3.1, 1e12});
    CHECK_STR(eb_buf_cstr(&c.buf), "1 0 2.5 1234.568 -3.1 1000000000 re\n");
    ebi_content_destroy(&c);
    ebi_content_fill_color(&c, 0xFF8000);
    CHECK_STR(eb_buf_cstr(&c.buf), "1 0.502 0 rg\n");
    ebi_content_destroy(&c);
}

static void test_cmap(void) {
    eb_cid_text map[] = {
        {1, "fi", 2},
        {2, "", 0},                 /* second glyph of a cluster: no entry */
        {3, "\xF0\x9D\x91\xA5", 4}, /* U+1D465: a surrogate pair */
        {0x4E2D, "\xD8\xA7", 2},    /* alef */
    };
    eb_buf out = {0};
    ebi_cmap_to_unicode(map, 4, &out);
    const char *s = eb_buf_cstr(&out);
    CHECK_CONTAINS(s, "3 beginbfchar\n<0001> <00660069>\n<0003> <D835DC65>\n<4E2D> <0627>\nendbfchar");
    CHECK(strstr(s, "<0002>") == NULL);
    CHECK_CONTAINS(s, "/CMapName /Adobe-Identity-UCS def");
    CHECK_CONTAINS(s, "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange");
    eb_buf_destroy(&out);

    /* at most 100 entries per block */
    eb_cid_text many[150];
    for (int i = 0; i < 150; i++) many[i] = (eb_cid_text){(uint32_t)i + 1, "a", 1};
    ebi_cmap_to_unicode(many, 150, &out);
    CHECK_CONTAINS(eb_buf_cstr(&out), "100 beginbfchar");
    CHECK_CONTAINS(eb_buf_cstr(&out), "50 beginbfchar");
    eb_buf_destroy(&out);
}

static void test_utf16(void) {
    uint8_t *u;
    size_t n;
    ebi_utf8_to_utf16be("a\xD8\xA7", 3, true, &u, &n);
    CHECK(n == 6 && u[0] == 0xFE && u[1] == 0xFF && u[3] == 'a' && u[4] == 0x06 && u[5] == 0x27);
    free(u);
    ebi_utf8_to_utf16be("\xFF", 1, false, &u, &n);  /* invalid byte: U+FFFD */
    CHECK(n == 2 && u[0] == 0xFF && u[1] == 0xFD);
    free(u);
}

/* ---- documents --------------------------------------------------------------------- */

static eb_pdf *new_doc(eb_diag *diag, const char *seed) {
    eb_pdf_options options = {
        .title = "شواهد اگزوزوم — 外泌体证据",
        .author = "evbrief tests",
        .subject = "subject",
        .keywords = "a, b",
        .lang = "fa",
        .id_seed = seed,
    };
    return eb_pdf_create(NULL, &options, diag);
}

/* A page with a little of everything except text. */
static void draw_things(eb_pdf *pdf) {
    eb_pdf_page *page = eb_pdf_add_page(pdf, A4_W, A4_H);
    eb_pdf_fill_rect(page, 50, 50, 200, 100, 0xDDEEFF);
    eb_pdf_stroke_rect(page, 50, 50, 200, 100, 1.5, 0x1F4E79);
    eb_pdf_stroke_line(page, 50, 200, 300, 200, 0.5, 0xFF0000);
    eb_pdf_begin_marked(page, "P", 0);
    eb_pdf_fill_rect(page, 60, 60, 10, 10, 0);
    eb_pdf_end_marked(page);
    eb_pdf_begin_artifact(page);
    eb_pdf_stroke_line(page, 50, 800, 545, 800, 0.5, 0x999999);
    eb_pdf_end_marked(page);
    int top = eb_pdf_outline_add(pdf, 0, "فصل یک", page, 50);
    eb_pdf_outline_add(pdf, top, "第一节", page, 200);
    eb_pdf_link(page, 50, 50, 200, 20, "doi:10.36849/JDD.8872");
}

static void test_links(void) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_pdf *pdf = new_doc(diag, "links");
    eb_pdf_page *page = eb_pdf_add_page(pdf, A4_W, A4_H);
    const char *accepted[] = {
        "https://doi.org/10.1515/reveh-2014-0058",
        "HTTP://example.org/a b",
        "doi:10.36849/JDD.8872",
        "doi: 10.1002/(SICI)1097-4636(199812)43:4<448::AID-JBM13>3.0.CO;2-8",
    };
    const char *rejected[] = {
        "javascript:alert(1)", "JavaScript:alert(1)", "file:///etc/passwd", "ftp://example.org/",
        "doi:abc", "https://", "http:///path", "", "//example.org", "https://x\n.org",
        "data:text/html,x",
    };
    for (size_t i = 0; i < sizeof accepted / sizeof *accepted; i++)
        CHECK(eb_pdf_link(page, 10, 10 + 20 * (double)i, 100, 12, accepted[i]));
    for (size_t i = 0; i < sizeof rejected / sizeof *rejected; i++) {
        check_count++;
        if (eb_pdf_link(page, 10, 10, 100, 12, rejected[i]))
            check_fail(__FILE__, __LINE__, "link to \"%s\" accepted", rejected[i]);
    }
    CHECK(!eb_pdf_link(page, 10, 10, 0, 12, "https://example.org/"));  /* empty rectangle */
    char *path = scratch_path("links.pdf");
    CHECK(eb_pdf_save(pdf, path));
    /* strings escape '/' (\\057, pdf_serial.c): read them through qpdf */
    int status;
    char *qdf = pdf_test_tool(QDF, path, &status);
    CHECK_CONTAINS(qdf, "/URI (https://doi.org/10.36849/JDD.8872)");
    CHECK_CONTAINS(qdf, "/URI (HTTP://example.org/a%20b)");
    CHECK_CONTAINS(qdf, "https://doi.org/10.1002/\\(SICI\\)1097-4636\\(199812\\)43:4%3C448::AID-JBM13%3E3.0.CO;2-8");
    CHECK(strstr(qdf, "javascript") == NULL);
    CHECK_CONTAINS(qdf, "/Border [\n    0\n    0\n    0\n  ]");
    free(qdf);
    CHECK(pdf_test_qpdf_ok(path));
    free(path);
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
}

static void test_document_entries(void) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_pdf *pdf = new_doc(diag, "entries");
    draw_things(pdf);
    CHECK(eb_pdf_page_count(pdf) == 1);
    CHECK(eb_pdf_get_page(pdf, 1) == NULL);
    char *path = scratch_path("entries.pdf");
    CHECK(eb_pdf_save(pdf, path));
    CHECK(eb_diag_count(diag, EB_ERROR) == 0);
    size_t len;
    char *bytes = pdf_test_read(path, &len);
    CHECK(bytes && len > 8 && memcmp(bytes, "%PDF-1.7", 8) == 0);
    free(bytes);
    /* the objects are in compressed object streams: read them through qpdf */
    int status;
    bytes = pdf_test_tool(QDF, path, &status);
    len = strlen(bytes);
    CHECK(bytes && pdf_test_find(bytes, len, "/Lang (fa)"));
    CHECK(bytes && pdf_test_find(bytes, len, "/DisplayDocTitle true"));
    /* PDFium would read every line right to left (pdf_graph.c) */
    CHECK(bytes && !pdf_test_find(bytes, len, "/Direction"));
    CHECK(bytes && pdf_test_find(bytes, len, "/Title <feff"));
    CHECK(bytes && pdf_test_find(bytes, len, "/ID [<"));
    CHECK(bytes && !pdf_test_find(bytes, len, "CreationDate"));
    CHECK(bytes && !pdf_test_find(bytes, len, "ModDate"));
    free(bytes);
    CHECK(pdf_test_qpdf_ok(path));

    char *info = pdf_test_tool("pdfinfo '%s'", path, &status);
    CHECK_CONTAINS(info, "Title:           شواهد اگزوزوم — 外泌体证据");
    CHECK_CONTAINS(info, "Author:          evbrief tests");
    CHECK_CONTAINS(info, "Keywords:        a, b");
    free(info);

    char *outlines = pdf_test_tool("qpdf --json --json-key=outlines '%s'", path, &status);
    CHECK_CONTAINS(outlines, "\"title\": \"فصل یک\"");
    CHECK_CONTAINS(outlines, "\"title\": \"第一节\"");
    CHECK_CONTAINS(outlines, "791.89");  /* 50 pt below the top of an A4 page */
    free(outlines);

    char *qdf = pdf_test_tool(QDF, path, &status);
    CHECK_CONTAINS(qdf, "0.867 0.933 1 rg\n50 691.89 200 100 re\nf\n");
    CHECK_CONTAINS(qdf, "1.5 w\n50 691.89 200 100 re\nS\n");
    CHECK_CONTAINS(qdf, "/P <</MCID 0>> BDC\nq\n");
    CHECK_CONTAINS(qdf, "/Artifact BMC\nq\n");
    free(qdf);
    free(path);
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
}

static char *save_doc(const char *name, const char *seed, size_t *len) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_pdf *pdf = new_doc(diag, seed);
    draw_things(pdf);
    char *path = scratch_path(name);
    CHECK(eb_pdf_save(pdf, path));
    char *bytes = pdf_test_read(path, len);
    free(path);
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
    return bytes;
}

static void test_deterministic(void) {
    size_t a_len, b_len, c_len;
    char *a = save_doc("same-1.pdf", "seed", &a_len);
    char *b = save_doc("same-2.pdf", "seed", &b_len);
    char *c = save_doc("other.pdf", "another seed", &c_len);
    CHECK(a && b && a_len == b_len && memcmp(a, b, a_len) == 0);
    /* only the /ID differs with another seed */
    CHECK(a && c && a_len == c_len && memcmp(a, c, a_len) != 0);
    free(a);
    free(b);
    free(c);
}

static void test_marked_content_balance(void) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_pdf *pdf = new_doc(diag, "x");
    eb_pdf_page *page = eb_pdf_add_page(pdf, A4_W, A4_H);
    CHECK(!eb_pdf_end_marked(page));  /* nothing open */
    eb_pdf_begin_marked(page, "H1", 3);
    char *path = scratch_path("unbalanced.pdf");
    FILE *f = fopen(path, "w");
    fputs("old", f);
    fclose(f);
    CHECK(!eb_pdf_save(pdf, path));
    CHECK(eb_diag_count(diag, EB_ERROR) == 1);
    size_t len;
    char *bytes = pdf_test_read(path, &len);
    CHECK(bytes && len == 3 && memcmp(bytes, "old", 3) == 0);  /* untouched */
    free(bytes);
    CHECK(eb_pdf_end_marked(page));
    CHECK(eb_pdf_save(pdf, path));  /* a second save works once balanced */
    CHECK(pdf_test_qpdf_ok(path));
    free(path);
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
}

/* Entries of a directory other than . and .. */
static int count_entries(const char *dir) {
    int status;
    char *out = pdf_test_tool("ls -A '%s' | wc -l", dir, &status);
    int n = atoi(out);
    free(out);
    return n;
}

static bool save_fails_cleanly(const char *path, const char *dir_to_watch) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_pdf *pdf = new_doc(diag, "x");
    draw_things(pdf);
    int before = count_entries(dir_to_watch);
    bool saved = eb_pdf_save(pdf, path);
    bool clean = !saved && count_entries(dir_to_watch) == before &&
                 eb_diag_count(diag, EB_ERROR) == 1 &&
                 strstr(eb_diag_message(diag, 0), path) != NULL;
    if (!clean)
        fprintf(stderr, "save to %s: saved=%d, message: %s\n", path, saved,
                eb_diag_message(diag, 0) ? eb_diag_message(diag, 0) : "(none)");
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
    return clean;
}

static void test_atomic_save(void) {
    char *dir = scratch_path("atomic");
    mkdir(dir, 0777);
    /* the target is a directory: the temporary is written, the rename
     * fails, and the temporary must go */
    char *target_dir = eb_xasprintf("%s/is-a-dir.pdf", dir);
    mkdir(target_dir, 0777);
    CHECK(save_fails_cleanly(target_dir, dir));
    char *missing = eb_xasprintf("%s/no/such/dir/x.pdf", dir);
    CHECK(save_fails_cleanly(missing, dir));
    char *file = eb_xasprintf("%s/plain-file", dir);
    FILE *f = fopen(file, "w");
    fclose(f);
    char *under_file = eb_xasprintf("%s/x.pdf", file);
    CHECK(save_fails_cleanly(under_file, dir));
    if (geteuid() != 0) {  /* root writes anywhere */
        char *locked = eb_xasprintf("%s/locked", dir);
        mkdir(locked, 0555);
        chmod(locked, 0555);
        char *in_locked = eb_xasprintf("%s/x.pdf", locked);
        CHECK(save_fails_cleanly(in_locked, locked));
        free(in_locked);
        free(locked);
    }
    /* success replaces an existing file, readable by all */
    char *good = eb_xasprintf("%s/good.pdf", dir);
    f = fopen(good, "w");
    fputs("old", f);
    fclose(f);
    size_t len;
    char *bytes = save_doc("atomic/good.pdf", "x", &len);
    CHECK(bytes && len > 1000);
    struct stat st;
    CHECK(stat(good, &st) == 0 && (st.st_mode & 0777) == 0644);
    free(bytes);
    free(good);
    free(under_file);
    free(file);
    free(missing);
    free(target_dir);
    free(dir);
}

static void test_page_sizes(void) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_pdf *pdf = new_doc(diag, "x");
    CHECK(eb_pdf_add_page(pdf, 0, 100) == NULL);
    CHECK(eb_pdf_add_page(pdf, 100, 20000) == NULL);
    CHECK(eb_pdf_add_page(pdf, 612, 792) != NULL);  /* US letter */
    CHECK(eb_pdf_page_count(pdf) == 1);
    CHECK(eb_diag_count(diag, EB_ERROR) == 2);
    CHECK(eb_pdf_outline_add(pdf, 5, "no such parent", eb_pdf_get_page(pdf, 0), 0) == 0);
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
}

int main(void) {
    scratch = pdf_test_dir("pdf_doc");
    test_numbers();
    test_cmap();
    test_utf16();
    test_links();
    test_document_entries();
    test_deterministic();
    test_marked_content_balance();
    test_atomic_save();
    test_page_sizes();
    free(scratch);
    return check_done("test_pdf_doc");
}
