/* Loader unit tests: locations in characters, paths, collecting every error,
 * and the model built from a valid document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "load.h"
#include "load/numbers.h"

static eb_corpus *load_vocabulary(void) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/inputs", getenv("SRC") ? getenv("SRC") : ".");
    eb_diag *diag = eb_diag_create(NULL);
    eb_load_status status;
    eb_corpus *corpus = eb_corpus_load(dir, diag, &status);
    /* only the vocabulary is needed here; the reviews' validity is
     * script.test_inputs_valid's */
    CHECK(corpus != NULL);
    eb_diag_destroy(diag);
    return corpus;
}

static const char valid[] =
    "{\n"
    "  \"id\": \"t\", \"seed\": \"s.txt\", \"language\": \"fa\", \"year\": 2025,\n"
    "  \"kind\": \"systematic_review\",\n"
    "  \"title\": {\"fa\": \"عنوان\", \"en\": \"Title\"},\n"
    "  \"findings\": [{\"id\": \"f1\", \"indications\": [\"photoaging\", \"skin-aging\"],\n"
    "    \"text\": {\"fa\": \"یافته\", \"en\": \"Finding\", \"zh-Hans\": \"发现\"}, \"level\": \"human_trial\", \"refs\": [2]},\n"
    "   {\"id\": \"f2\", \"indications\": [\"skin-aging\"], \"studies\": [\"s1\"],\n"
    "    \"text\": {\"fa\": \"۲۰ نفر\", \"en\": \"20 people\", \"zh-Hans\": \"20 人\"}, \"level\": \"human_trial\"},\n"
    "   {\"id\": \"f3\", \"indications\": [\"skin-aging\"],\n"
    "    \"text\": {\"fa\": \"پوست\", \"en\": \"Skin\", \"zh-Hans\": \"皮肤\"}, \"level\": \"background\"}],\n"
    "  \"human_studies\": [{\"id\": \"s1\", \"indications\": [\"skin-aging\"], \"n\": 20, \"refs\": [2],\n"
    "    \"doi\": \"10.1000/ABC\", \"cited_as\": {\"fa\": \"پارک\", \"en\": \"Park\", \"zh-Hans\": \"Park\"}}],\n"
    "  \"statements\": [{\"id\": \"l1\", \"kind\": \"limitation\", \"about_human_studies\": true,\n"
    "    \"text\": {\"fa\": \"کم\", \"en\": \"Few\", \"zh-Hans\": \"少\"}}],\n"
    "  \"tables\": [{\"id\": \"t1\", \"caption\": {\"fa\": \"جدول\", \"en\": \"Table\", \"zh-Hans\": \"表\"},\n"
    "    \"header\": [\"a\", \"b\"], \"header_renderings\": {\"en\": [\"A\", \"B\"], \"zh-Hans\": [\"甲\", \"乙\"]},\n"
    "    \"rows\": [[\"x\", [\"1\", \"2\"]]]}],\n"
    "  \"references\": [{\"n\": 2, \"text\": \"R\", \"doi\": \"10.1000/abc\"}],\n"
    "  \"number_exceptions\": [{\"item\": \"f1\", \"field\": \"text\", \"lang\": \"en\", \"reason\": \"r\"}]\n"
    "}\n";

static void test_valid_document(eb_corpus *corpus) {
    eb_diag *diag = eb_diag_create(NULL);
    const eb_review *r = eb_review_load_buffer(corpus, "t.json", valid, strlen(valid), diag);
    CHECK(r != NULL);
    CHECK(eb_diag_count(diag, EB_ERROR) == 0);
    if (r) {
        CHECK(r->language == EB_LANG_FA);
        CHECK(r->kind == EB_KIND_SYSTEMATIC_REVIEW);
        CHECK_STR(r->title.s[EB_LANG_EN], "Title");
        CHECK(r->nfindings == 3 && r->findings[0].level == EB_LEVEL_HUMAN_TRIAL);
        CHECK(r->findings[1].nstudies == 1 && r->findings[1].studies[0] == 0);
        CHECK(r->findings[2].level == EB_LEVEL_BACKGROUND);
        CHECK(r->nhuman_studies == 1 && r->human_studies[0].n == 20);
        CHECK_STR(r->human_studies[0].doi, "10.1000/ABC");
        CHECK_STR(r->human_studies[0].cited_as.s[EB_LANG_EN], "Park");
        CHECK(r->nstatements == 1 && r->statements[0].about_human_studies);
        CHECK(r->tables[0].header_renderings[EB_LANG_FA] == NULL);
        CHECK_STR(r->tables[0].header_renderings[EB_LANG_ZH][1], "乙");
        CHECK(r->nnumber_exceptions == 1 && r->number_exceptions[0].lang == EB_LANG_EN);
        CHECK(r->findings[0].indications.n == 2);
        CHECK(r->findings[0].refs.n == 1 && r->findings[0].refs.items[0] == 2);
        CHECK(r->ntables == 1 && r->tables[0].ncols == 2 && r->tables[0].nrows == 1);
        CHECK(!r->tables[0].cells[0].is_list && r->tables[0].cells[1].is_list);
        CHECK(r->tables[0].cells[1].n == 2);
        CHECK_STR(r->references[0].doi, "10.1000/abc");
        CHECK(r->scope.references_reviewed == -1);
    }
    eb_diag_destroy(diag);
}

/* Columns count characters, not bytes: the error after Persian text must
 * point at the right column. */
static void test_column_counts_characters(eb_corpus *corpus) {
    const char *doc = "{\"seed\": \"یافته\", \"yeer\": 1}";
    eb_diag *diag = eb_diag_create(NULL);
    CHECK(eb_review_load_buffer(corpus, "c.json", doc, strlen(doc), diag) == NULL);
    int found = 0;
    for (size_t i = 0; i < eb_diag_message_count(diag); i++)
        if (strstr(eb_diag_message(diag, i), "c.json:1:19: error: unknown field \"yeer\"; did you mean \"year\"? [$.yeer]"))
            found = 1;
    CHECK(found);
    eb_diag_destroy(diag);
}

/* Every problem of a file is reported, not only the first. */
static void test_all_errors_reported(eb_corpus *corpus) {
    const char *doc =
        "{\"id\": \"c\", \"seed\": \"s\", \"language\": \"en\", \"year\": 1800, \"kind\": \"essay\",\n"
        " \"findings\": [{\"id\": \"f\", \"indications\": [\"acne\"], \"text\": {\"en\": \"x\", \"fa\": \"x\", \"zh-Hans\": \"x\"}, \"level\": \"animal\", \"refs\": [9]}],\n"
        " \"odd key\": 1}";
    eb_diag *diag = eb_diag_create(NULL);
    CHECK(eb_review_load_buffer(corpus, "c.json", doc, strlen(doc), diag) == NULL);
    CHECK(eb_diag_count(diag, EB_ERROR) == 5);
    const char *expected[] = {
        "c.json:3:2: error: unknown field \"odd key\" (see docs/input-format.md) [$[\"odd key\"]]",
        "c.json:1:52: error: 1800 is out of range (1900 to 2100) [$.year]",
        "c.json:1:66: error: unknown value \"essay\"",
        "c.json:2:43: error: unknown indication \"acne\"; it is a condition of \"inflammatory-skin-disease\" [$.findings[0].indications[0]]",
        "c.json:2:128: error: reference 9 is not in this review's \"references\" [$.findings[0].refs[0]]",
    };
    for (size_t e = 0; e < sizeof expected / sizeof expected[0]; e++) {
        int found = 0;
        for (size_t i = 0; i < eb_diag_message_count(diag); i++)
            if (strstr(eb_diag_message(diag, i), expected[e])) found = 1;
        if (!found) check_fail(__FILE__, __LINE__, "missing message: %s", expected[e]);
        check_count++;
    }
    eb_diag_destroy(diag);
}

static const char *numbers_of(const char *text, eb_buf *out) {
    eb_numbers numbers, none = {0};
    ebi_numbers_of(text, &numbers);
    out->len = 0;
    eb_buf_puts(out, "");
    ebi_numbers_missing(&numbers, &none, 100, out);
    ebi_numbers_destroy(&numbers);
    return eb_buf_cstr(out);
}

/* The numbers a rendering must share with its original: digits of every
 * script, decimals, ranges, percentages; sorted by value. */
static void test_numbers(void) {
    eb_buf b = {0};
    CHECK_STR(numbers_of("در ۳۰ بیمار، ۲۵٫۵٪ (۸–۱۲ هفته)", &b), "8, 12, 25.5, 30");
    CHECK_STR(numbers_of("In 30 patients, 25.5% (8–12 weeks)", &b), "8, 12, 25.5, 30");
    CHECK_STR(numbers_of("٣٠ و ١٢", &b), "12, 30");                  /* Arabic-Indic */
    CHECK_STR(numbers_of("３０％，第１２周", &b), "12, 30");           /* fullwidth */
    CHECK_STR(numbers_of("IL-6, MMP-1, TGF-β1, 007", &b), "1, 1, 6, 7");
    CHECK_STR(numbers_of("v2. 1.2.3 .5 0.50", &b), "0.50, 1.2, 2, 3, 5");
    CHECK_STR(numbers_of("no digits", &b), "");
    eb_numbers a, c;
    ebi_numbers_of("2 × 10 µg, 2 doses", &a);
    ebi_numbers_of("۱۰ میکروگرم، ۲ دوز، ۲ بار", &c);
    CHECK(ebi_numbers_equal(&a, &c));
    ebi_numbers_destroy(&c);
    ebi_numbers_of("10 µg, 2 doses", &c);
    CHECK(!ebi_numbers_equal(&a, &c));
    b.len = 0;
    eb_buf_puts(&b, "");
    ebi_numbers_missing(&a, &c, 10, &b);
    CHECK_STR(eb_buf_cstr(&b), "2");
    ebi_numbers_destroy(&a);
    ebi_numbers_destroy(&c);
    eb_buf_destroy(&b);
}

static void test_utf8(void) {
    uint32_t cp = 0;
    CHECK(eb_utf8_decode("\xD9\x8A", 2, &cp) == 2 && cp == 0x64A);
    CHECK(eb_utf8_decode("\xC0\xAF", 2, &cp) == 0);          /* overlong */
    CHECK(eb_utf8_decode("\xED\xA0\x80", 3, &cp) == 0);      /* surrogate */
    CHECK(eb_utf8_decode("\xF4\x90\x80\x80", 4, &cp) == 0);  /* above U+10FFFF */
    CHECK(eb_utf8_validate("ab\xE2\x80", 4) == 2);           /* truncated sequence */
    CHECK(eb_utf8_count("آن‌ها", strlen("آن‌ها")) == 5);
}

int main(void) {
    eb_corpus *corpus = load_vocabulary();
    if (corpus) {
        test_valid_document(corpus);
        test_column_counts_characters(corpus);
        test_all_errors_reported(corpus);
    }
    test_numbers();
    test_utf8();
    eb_corpus_destroy(corpus);
    return check_done("test_load");
}
