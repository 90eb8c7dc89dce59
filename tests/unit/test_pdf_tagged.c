/* Tagged PDF and PDF/A pieces of the PDF module: the structure tree (types,
 * MCIDs, parent tree, links, attributes, empty elements left out, content
 * order), Persian drawn as seen with its logical text as /ActualText, the
 * refusals (unknown elements, nested element content, drawing outside
 * marked content once tagged), the XMP packet and its dates, the output
 * intent, and the same bytes on every save. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "layout.h"
#include "fonts_util.h"
#include "pdf.h"
#include "pdf/pdf_internal.h"
#include "test_pdf_util.h"

#define A4_W 595.276
#define A4_H 841.89
#define QDF "qpdf --qdf --object-streams=disable '%s' -"

static char *scratch;
static eb_fontset *fonts;

static char *scratch_path_of(const char *name) { return eb_xasprintf("%s/%s", scratch, name); }

static eb_para *para(const char *text, const char *lang) {
    eb_text_style st = {.family = EB_FAMILY_SERIF, .size = 11, .lang = lang,
                        .direction = strcmp(lang, "fa") == 0 ? EB_DIR_RTL : EB_DIR_LTR,
                        .align = EB_ALIGN_START};
    eb_para *p = eb_para_layout(fonts, text, strlen(text), &st, 400, NULL);
    CHECK(p != NULL);
    return p;
}

static eb_pdf *new_doc(eb_diag *diag, bool dated) {
    eb_pdf_options options = {.title = "Tags & <tests>", .author = "evbrief tests", .subject = "s",
                              .keywords = "k", .lang = "en", .id_seed = "tagged",
                              .dated = dated, .date = 1767225600};
    return eb_pdf_create(fonts, &options, diag);
}

/* ---- pieces ------------------------------------------------------------------------ */

static void test_dates(void) {
    char pdf[64], xmp[64];
    ebi_pdf_date(1767225600, pdf);
    ebi_xmp_date(1767225600, xmp);
    CHECK_STR(pdf, "D:20260101000000+00'00'");
    CHECK_STR(xmp, "2026-01-01T00:00:00Z");
    ebi_xmp_date(1709210096, xmp); /* a leap day, mid-afternoon */
    CHECK_STR(xmp, "2024-02-29T12:34:56Z");
    ebi_xmp_date(-1, xmp);
    CHECK_STR(xmp, "1969-12-31T23:59:59Z");
    ebi_xmp_date(-1000000000000LL, xmp); /* clamped to what the formats can say */
    CHECK_STR(xmp, "0000-01-01T00:00:00Z");
    ebi_pdf_date(1000000000000LL, pdf);
    CHECK_STR(pdf, "D:99991231235959+00'00'");
}

static void test_xmp(void) {
    eb_xmp_fields f = {.title = "A & B <c> \"d\"\x01", .author = "evbrief", .subject = "خلاصه",
                       .keywords = "x, y", .creator = "evbrief 0.1.0", .producer = "P 1",
                       .lang = "fa", .dated = true, .date = 1767225600, .tagged = true};
    eb_buf out = {0};
    ebi_xmp_packet(&f, &out);
    const char *x = eb_buf_cstr(&out);
    CHECK_CONTAINS(x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>");
    CHECK_CONTAINS(x, "<rdf:li xml:lang=\"x-default\">A &amp; B &lt;c&gt; &quot;d&quot;</rdf:li>");
    CHECK_CONTAINS(x, "<rdf:li xml:lang=\"fa\">خلاصه</rdf:li>");
    CHECK_CONTAINS(x, "<dc:creator><rdf:Seq><rdf:li>evbrief</rdf:li></rdf:Seq></dc:creator>");
    CHECK_CONTAINS(x, "<pdf:Producer>P 1</pdf:Producer>");
    CHECK_CONTAINS(x, "<xmp:CreatorTool>evbrief 0.1.0</xmp:CreatorTool>");
    CHECK_CONTAINS(x, "<xmp:CreateDate>2026-01-01T00:00:00Z</xmp:CreateDate>");
    CHECK_CONTAINS(x, "<pdfaid:part>2</pdfaid:part>");
    CHECK_CONTAINS(x, "<pdfaid:conformance>U</pdfaid:conformance>");
    CHECK_CONTAINS(x, "<pdfuaid:part>1</pdfuaid:part>");
    CHECK_CONTAINS(x, "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>");
    CHECK(strchr(x, '\x01') == NULL);
    eb_buf_destroy(&out);
    f.tagged = false;
    f.dated = false;
    ebi_xmp_packet(&f, &out);
    CHECK(strstr(eb_buf_cstr(&out), "pdfuaid") == NULL);
    CHECK(strstr(eb_buf_cstr(&out), "Date") == NULL);
    eb_buf_destroy(&out);
}

/* ---- a tagged document ----------------------------------------------------------------- */

static void test_refusals(void) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_pdf *pdf = new_doc(diag, false);
    eb_pdf_page *page = eb_pdf_add_page(pdf, A4_W, A4_H);
    CHECK(eb_pdf_add_element(pdf, 0, &(eb_pdf_element){.type = NULL}) == 0);
    CHECK(eb_pdf_add_element(pdf, 0, &(eb_pdf_element){.type = "P /Evil"}) == 0);
    CHECK(eb_pdf_add_element(pdf, 7, &(eb_pdf_element){.type = "P"}) == 0);
    int doc = eb_pdf_add_element(pdf, 0, &(eb_pdf_element){.type = "Document"});
    int p = eb_pdf_add_element(pdf, doc, &(eb_pdf_element){.type = "P"});
    CHECK(doc == 1 && p == 2);
    CHECK(eb_pdf_begin_element(page, 99) == -1);
    CHECK(eb_pdf_begin_element(page, p) == 0);
    CHECK(eb_pdf_begin_element(page, p) == -1); /* one element's content at a time */
    eb_pdf_fill_rect(page, 10, 10, 10, 10, 0);
    CHECK(eb_pdf_end_marked(page));
    CHECK(eb_pdf_begin_element(page, doc) == 1);
    CHECK(eb_pdf_end_marked(page));
    CHECK(!eb_pdf_link_element(page, 10, 10, 10, 10, "https://example.org/", 42));
    /* once tagged, drawing outside marked content makes saving fail */
    eb_pdf_stroke_line(page, 0, 0, 10, 10, 1, 0);
    char *path = scratch_path_of("unmarked.pdf");
    CHECK(!eb_pdf_save(pdf, path));
    CHECK(eb_diag_count(diag, EB_ERROR) == 1);
    free(path);
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
}

typedef struct {
    eb_pdf *pdf;
    int doc, h1, fa, table, caption, tr, th, td, figure, ref, link, empty;
} tree;

/* Document > H1, P (Persian), Table (Caption, TR (TH, TD)), Figure, P > Link,
 * and an element that never gets content. */
static tree build(eb_pdf *pdf, eb_para *title, eb_para *persian, eb_para *cell) {
    tree t = {.pdf = pdf};
    eb_pdf_page *p1 = eb_pdf_add_page(pdf, A4_W, A4_H);
    eb_pdf_page *p2 = eb_pdf_add_page(pdf, A4_W, A4_H);
    t.doc = eb_pdf_add_element(pdf, 0, &(eb_pdf_element){.type = "Document"});
    t.h1 = eb_pdf_add_element(pdf, t.doc, &(eb_pdf_element){.type = "H1"});
    eb_pdf_begin_element(p1, t.h1);
    eb_pdf_draw_para(p1, title, 50, 50);
    eb_pdf_end_marked(p1);
    eb_pdf_begin_artifact(p1);
    eb_pdf_stroke_line(p1, 50, 80, 500, 80, 0.5, 0x999999);
    eb_pdf_end_marked(p1);
    t.empty = eb_pdf_add_element(pdf, t.doc, &(eb_pdf_element){.type = "Caption"});
    t.fa = eb_pdf_add_element(pdf, t.doc, &(eb_pdf_element){.type = "P", .lang = "fa"});
    eb_pdf_begin_element(p1, t.fa);
    eb_pdf_draw_line(p1, persian, 0, 50, 100);
    eb_pdf_end_marked(p1);
    t.table = eb_pdf_add_element(pdf, t.doc, &(eb_pdf_element){.type = "Table"});
    t.tr = eb_pdf_add_element(pdf, t.table, &(eb_pdf_element){.type = "TR"});
    t.th = eb_pdf_add_element(pdf, t.tr, &(eb_pdf_element){.type = "TH", .scope = "Column"});
    eb_pdf_begin_element(p1, t.th);
    eb_pdf_draw_para(p1, cell, 50, 200);
    eb_pdf_end_marked(p1);
    t.td = eb_pdf_add_element(pdf, t.tr, &(eb_pdf_element){.type = "TD"});
    eb_pdf_begin_element(p2, t.td);  /* the table goes on to page 2 */
    eb_pdf_draw_para(p2, cell, 50, 50);
    eb_pdf_end_marked(p2);
    t.figure = eb_pdf_add_element(pdf, t.doc, &(eb_pdf_element){.type = "Figure", .alt = "Bars: 3, 2"});
    eb_pdf_begin_element(p2, t.figure);
    eb_pdf_fill_rect(p2, 50, 100, 30, 10, 0x4F8A6E);
    eb_pdf_end_marked(p2);
    t.ref = eb_pdf_add_element(pdf, t.doc, &(eb_pdf_element){.type = "P"});
    eb_pdf_begin_element(p2, t.ref);
    eb_pdf_draw_para(p2, cell, 50, 200);
    eb_pdf_end_marked(p2);
    t.link = eb_pdf_add_element(pdf, t.ref, &(eb_pdf_element){.type = "Link"});
    CHECK(eb_pdf_link_element(p2, 50, 200, 200, 12, "doi:10.1000/xyz", t.link));
    return t;
}

static void test_tree(void) {
    eb_diag *diag = eb_diag_create(stderr);
    eb_pdf *pdf = new_doc(diag, true);
    eb_para *title = para("Official title", "en");
    eb_para *persian = para("پیام‌های کلیدی", "fa");
    eb_para *cell = para("Review", "en");
    build(pdf, title, persian, cell);
    char *path = scratch_path_of("tagged.pdf");
    CHECK(eb_pdf_save(pdf, path));
    CHECK(eb_diag_count(diag, EB_ERROR) == 0);
    CHECK(pdf_test_qpdf_ok(path));
    int status;
    char *q = pdf_test_tool(QDF, path, &status);
    CHECK_CONTAINS(q, "/MarkInfo <<\n    /Marked true\n  >>");
    CHECK_CONTAINS(q, "/Type /StructTreeRoot");
    CHECK_CONTAINS(q, "/ParentTreeNextKey 3");  /* two pages, one link */
    CHECK_CONTAINS(q, "/S /H1");
    CHECK_CONTAINS(q, "/Lang (fa)");
    CHECK_CONTAINS(q, "/O /Table\n    /Scope /Column");
    CHECK_CONTAINS(q, "/Alt <feff0042006100720073003a00200033002c00200032>"); /* "Bars: 3, 2" */
    CHECK_CONTAINS(q, "/Type /OBJR");
    CHECK_CONTAINS(q, "/StructParent 2");
    CHECK_CONTAINS(q, "/StructParents 1");
    CHECK_CONTAINS(q, "/Tabs /S");
    CHECK_CONTAINS(q, "/Contents (https://doi.org/10.1000/xyz)");
    CHECK_CONTAINS(q, "/H1 <</MCID 0>> BDC\nBT\n");
    CHECK_CONTAINS(q, "/P <</MCID 1>> BDC\nBT\n");
    CHECK_CONTAINS(q, "/TD <</MCID 0>> BDC\nBT\n");
    CHECK_CONTAINS(q, "/Artifact BMC\nq\n");
    CHECK(strstr(q, "/S /Caption") == NULL);  /* the empty element */
    /* Persian is drawn as seen; its element carries the logical text, as
     * UTF-16BE: "پیام‌های کلیدی" with its ZWNJ (U+200C) */
    CHECK_CONTAINS(q, "/ActualText <feff067e06cc06270645200c0647062706cc002006a9064406cc062f06cc>");
    CHECK_CONTAINS(q, "/Type /OutputIntent");
    CHECK_CONTAINS(q, "/OutputConditionIdentifier (sRGB)");
    CHECK_CONTAINS(q, "/S /GTS_PDFA1");
    CHECK_CONTAINS(q, "/N 3");
    CHECK_CONTAINS(q, "/CreationDate (D:20260101000000+00'00')");
    CHECK_CONTAINS(q, "<xmp:ModifyDate>2026-01-01T00:00:00Z</xmp:ModifyDate>");
    CHECK_CONTAINS(q, "<pdfuaid:part>1</pdfuaid:part>");
    CHECK_CONTAINS(q, "/Subtype /XML");
    free(q);
    char *info = pdf_test_tool("pdfinfo '%s'", path, &status);
    CHECK_CONTAINS(info, "Tagged:          yes");
    CHECK_CONTAINS(info, "Metadata Stream: yes");
    CHECK_CONTAINS(info, "Producer:        evbrief " EVBRIEF_VERSION);
    free(info);
    /* poppler reads the tree in content order, page 2 after page 1 */
    char *st = pdf_test_tool("pdfinfo -struct-text '%s'", path, &status);
    const char *h1 = strstr(st, "\"Official title\""), *th = strstr(st, "TH:");
    const char *td = strstr(st, "TD"), *fig = strstr(st, "Figure"), *link = strstr(st, "Link");
    CHECK(h1 && th && td && fig && link && h1 < th && th < td && td < fig && fig < link);
    /* poppler reads marked content in drawing order: the Persian glyphs
     * left to right, each word's letters as seen */
    CHECK_CONTAINS(st, "\"یدیلک یاه‌مایپ\"");
    free(st);

    /* a second save gives the same bytes; another document of the same
     * content too */
    size_t a_len, b_len, c_len;
    char *a = pdf_test_read(path, &a_len);
    CHECK(eb_pdf_save(pdf, path));
    char *b = pdf_test_read(path, &b_len);
    CHECK(a && b && a_len == b_len && memcmp(a, b, a_len) == 0);
    eb_pdf *again = new_doc(diag, true);
    build(again, title, persian, cell);
    char *other = scratch_path_of("tagged-again.pdf");
    CHECK(eb_pdf_save(again, other));
    char *c = pdf_test_read(other, &c_len);
    CHECK(a && c && a_len == c_len && memcmp(a, c, a_len) == 0);
    free(a);
    free(b);
    free(c);
    free(other);
    eb_pdf_destroy(again);
    free(path);
    eb_para_destroy(title);
    eb_para_destroy(persian);
    eb_para_destroy(cell);
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
}

/* An untagged document still gets its PDF/A entries, without pdfuaid. */
static void test_untagged(void) {
    eb_diag *diag = eb_diag_create(stderr);
    eb_pdf *pdf = new_doc(diag, false);
    eb_pdf_page *page = eb_pdf_add_page(pdf, A4_W, A4_H);
    eb_pdf_fill_rect(page, 10, 10, 10, 10, 0);
    char *path = scratch_path_of("untagged.pdf");
    CHECK(eb_pdf_save(pdf, path));
    int status;
    char *q = pdf_test_tool(QDF, path, &status);
    CHECK(strstr(q, "/StructTreeRoot") == NULL && strstr(q, "/MarkInfo") == NULL);
    CHECK(strstr(q, "pdfuaid") == NULL && strstr(q, "CreationDate") == NULL);
    CHECK_CONTAINS(q, "<pdfaid:conformance>U</pdfaid:conformance>");
    CHECK_CONTAINS(q, "/S /GTS_PDFA1");
    free(q);
    free(path);
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
}

int main(void) {
    scratch = pdf_test_dir("pdf_tagged");
    eb_diag *diag = eb_diag_create(stderr);
    char *dir = eb_xstrdup(EVBRIEF_TEST_FONTS_DIR);
    fonts = open_fonts_in(dir, diag);
    free(dir);
    if (!fonts) return 2;
    test_dates();
    test_xmp();
    test_refusals();
    test_tree();
    test_untagged();
    eb_fontset_destroy(fonts);
    eb_diag_destroy(diag);
    free(scratch);
    return check_done("test_pdf_tagged");
}
