/* The plan (plan.h), the contract between layout and pdf: elements
 * numbered from 1 with 0 for none, end to end (a plan's elements become
 * the PDF's structure, artifacts stay out of it); a language kept only
 * where it differs from the document's; the fonts the plan draws in
 * (only what its ops draw, each once, in id order, up to the caller's
 * room); and the sample's plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fonts_util.h"
#include "pages.h"
#include "pdf.h"
#include "render.h"
#include "test_pdf_util.h"

static eb_fontset *fonts;

static eb_para *para(const char *text, const char *lang) {
    eb_text_style st = {.family = EB_FAMILY_SERIF, .size = 11, .lang = lang, .align = EB_ALIGN_START};
    eb_para *p = eb_para_layout(fonts, text, strlen(text), &st, 400, NULL);
    CHECK(p != NULL);
    return p;
}

static void text_op(eb_doc_plan *plan, eb_para *p, double y, long element) {
    eb_plan_adopt(plan, p);
    eb_op *op = eb_plan_add_op(plan, 0, EB_OP_TEXT, element);
    op->para = p;
    op->end_line = p->nlines;
    op->x = 72;
    op->y = y;
}

static const char *font_file(const eb_font *font) {
    const char *path = eb_font_get_info(font)->path;
    return strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
}

static void test_numbering(void) {
    eb_doc_plan *plan = eb_plan_create("en");
    CHECK(eb_plan_element(plan, EB_NO_ELEMENT) == NULL && eb_plan_element(plan, 1) == NULL);
    long doc = eb_plan_add_element(plan, EB_ROLE_DOCUMENT, EB_NO_ELEMENT, NULL);
    long en = eb_plan_add_element(plan, EB_ROLE_P, doc, "en");
    long fa = eb_plan_add_element(plan, EB_ROLE_P, doc, "fa");
    CHECK(doc == 1 && en == 2 && fa == 3);
    CHECK(eb_plan_element(plan, doc)->role == EB_ROLE_DOCUMENT);
    CHECK(eb_plan_element(plan, doc)->parent == EB_NO_ELEMENT);
    CHECK(eb_plan_element(plan, en)->parent == doc);
    CHECK(eb_plan_element(plan, en)->lang == NULL); /* the document's language */
    CHECK_STR(eb_plan_element(plan, fa)->lang, "fa");
    CHECK(eb_plan_element(plan, 4) == NULL && eb_plan_element(plan, -1) == NULL);
    CHECK(eb_plan_element_edit(plan, 0) == NULL && eb_plan_element_edit(plan, 4) == NULL);
    eb_plan_element_edit(plan, fa)->alt = "alt";
    CHECK_STR(eb_plan_element(plan, fa)->alt, "alt");
    CHECK(plan->nelements == 3);
    eb_plan_destroy(plan);
}

static void test_fonts(void) {
    eb_doc_plan *plan = eb_plan_create("en");
    eb_plan_add_page(plan, 595, 842);
    text_op(plan, para("外泌体", "zh-Hans"), 100, EB_NO_ELEMENT);
    text_op(plan, para("Exosomes", "en"), 200, EB_NO_ELEMENT);
    text_op(plan, para("Exosomes again", "en"), 300, EB_NO_ELEMENT);
    eb_plan_adopt(plan, para("اگزوزوم‌ها", "fa")); /* adopted, never drawn */
    const eb_font *used[8];
    CHECK(eb_plan_fonts(plan, used, 8) == 2);
    CHECK_STR(font_file(used[0]), "NotoSerif-Regular.ttf"); /* fonts.json's order */
    CHECK_STR(font_file(used[1]), "NotoSansCJK-Regular.ttc");
    /* room for one: the count says how many there are */
    const eb_font *one[1] = {NULL};
    CHECK(eb_plan_fonts(plan, one, 1) == 2 && one[0] == used[0]);
    CHECK(eb_plan_fonts(plan, NULL, 0) == 2);
    /* an op drawing no line draws no font */
    eb_doc_plan *empty = eb_plan_create("en");
    eb_plan_add_page(empty, 595, 842);
    eb_para *p = para("Exosomes", "en");
    text_op(empty, p, 100, EB_NO_ELEMENT);
    empty->pages[0].ops[0].end_line = 0;
    CHECK(eb_plan_fonts(empty, used, 8) == 0);
    eb_plan_destroy(empty);
    eb_plan_destroy(plan);
}

/* The plan's elements in the PDF: Document > H1 + P (fa), the
 * artifact op outside the tree, the element that draws nothing absent. */
static void test_rendered(const char *dir) {
    eb_doc_plan *plan = eb_plan_create("en");
    eb_plan_add_page(plan, 595, 842);
    long doc = eb_plan_add_element(plan, EB_ROLE_DOCUMENT, EB_NO_ELEMENT, NULL);
    long h1 = eb_plan_add_element(plan, EB_ROLE_H1, doc, "en");
    eb_plan_add_element(plan, EB_ROLE_P, doc, NULL); /* never drawn */
    long fa = eb_plan_add_element(plan, EB_ROLE_P, doc, "fa");
    text_op(plan, para("Heading", "en"), 72, h1);
    text_op(plan, para("اگزوزوم‌ها", "fa"), 100, fa);
    text_op(plan, para("page 1", "en"), 800, EB_NO_ELEMENT);
    eb_diag *diag = eb_diag_create(stderr);
    eb_pdf_options options = {.title = "plan", .lang = "en", .id_seed = "plan"};
    eb_pdf *pdf = eb_pdf_create(fonts, &options, diag);
    char *path = eb_xasprintf("%s/plan.pdf", dir);
    CHECK(pdf && eb_render_plan(pdf, plan) && eb_pdf_save(pdf, path));
    int status;
    char *structure = pdf_test_tool("pdfinfo -struct-text '%s'", path, &status);
    CHECK(status == 0);
    /* (poppler reads the Persian glyphs as drawn: reversed) */
    CHECK_STR(structure, "Document\n  H1 (block)\n    \"Heading\"\n  P (block)\n    \"اه‌موزوزگا\"\n");
    free(structure);
    char *objects = pdf_test_tool("qpdf --qdf --object-streams=disable '%s' -", path, &status);
    CHECK(status == 0);
    const char *lang = strstr(objects, "/Lang (fa)");
    CHECK(lang != NULL && strstr(lang + 1, "/Lang (fa)") == NULL); /* the P's alone */
    free(objects);
    free(path);
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
    eb_plan_destroy(plan);
}

/* The sample's plan: one A4 page, a Document whose children are the
 * blocks (the footer an artifact), the headings in the outline. */
static void test_sample_plan(void) {
    const eb_sample_block blocks[] = {
        {EB_SAMPLE_TITLE, "en", EB_ALIGN_CENTER, "Title", NULL},
        {EB_SAMPLE_HEADING, "fa", EB_ALIGN_START, "فارسی", NULL},
        {EB_SAMPLE_TEXT, "fa", EB_ALIGN_JUSTIFY, "اگزوزوم‌ها", NULL},
        {EB_SAMPLE_REFERENCE, "en", EB_ALIGN_START, "doi:10.36849/JDD.8872", "doi:10.36849/JDD.8872"},
        {EB_SAMPLE_FOOTER, "en", EB_ALIGN_CENTER, "1 / 1", NULL},
    };
    eb_doc_plan *plan = eb_plan_sample(fonts, blocks, 5, "en", NULL);
    CHECK(plan->npages == 1 && plan->pages[0].width > 595 && plan->pages[0].width < 596);
    CHECK(plan->nelements == 6); /* Document, four blocks, the reference's Link */
    CHECK(eb_plan_element(plan, 2)->role == EB_ROLE_TITLE && eb_plan_element(plan, 2)->parent == 1);
    CHECK(eb_plan_element(plan, 3)->role == EB_ROLE_H1);
    CHECK_STR(eb_plan_element(plan, 3)->lang, "fa");
    CHECK(eb_plan_element(plan, 6)->role == EB_ROLE_LINK && eb_plan_element(plan, 6)->parent == 5);
    CHECK(plan->noutline == 1 && strcmp(plan->outline[0].title, "فارسی") == 0);
    const eb_page_plan *page = &plan->pages[0];
    size_t artifacts = 0, links = 0;
    double last_y = 0;
    for (size_t i = 0; i < page->nops; i++) {
        const eb_op *op = &page->ops[i];
        artifacts += op->element == EB_NO_ELEMENT;
        links += op->kind == EB_OP_LINK;
        if (op->kind == EB_OP_TEXT) {
            CHECK(op->y >= last_y); /* top to bottom */
            last_y = op->y;
        }
    }
    CHECK(artifacts == 2 && links == 1); /* the heading's rule, the footer */
    eb_plan_destroy(plan);
}

int main(void) {
    char *dir = pdf_test_dir("plan");
    eb_diag *diag = eb_diag_create(stderr);
    fonts = open_fonts_in(EVBRIEF_TEST_FONTS_DIR, diag);
    if (!fonts) return 2;
    test_numbering();
    test_fonts();
    test_rendered(dir);
    test_sample_plan();
    eb_fontset_destroy(fonts);
    eb_diag_destroy(diag);
    free(dir);
    return check_done("test_plan");
}
