/* Loader unit tests: locations in characters, paths, collecting every error,
 * and the model built from a valid document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "load.h"

static eb_corpus *load_vocabulary(void) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/inputs", getenv("SRC") ? getenv("SRC") : ".");
    eb_diag *diag = eb_diag_new(NULL);
    eb_load_status status;
    eb_corpus *corpus = eb_load_corpus(dir, diag, &status);
    CHECK(corpus != NULL);
    CHECK(status == EB_LOAD_OK);
    eb_diag_free(diag);
    return corpus;
}

static const char valid[] =
    "{\n"
    "  \"id\": \"t\", \"seed\": \"s.txt\", \"language\": \"fa\", \"year\": 2025,\n"
    "  \"kind\": \"systematic_review\",\n"
    "  \"title\": {\"fa\": \"عنوان\", \"en\": \"Title\"},\n"
    "  \"findings\": [{\"id\": \"f1\", \"indications\": [\"photoaging\", \"skin-aging\"],\n"
    "    \"text\": {\"fa\": \"یافته\", \"en\": \"Finding\"}, \"level\": \"human_trial\", \"refs\": [2]}],\n"
    "  \"tables\": [{\"id\": \"t1\", \"caption\": {\"fa\": \"جدول\"}, \"header\": [\"a\", \"b\"],\n"
    "    \"rows\": [[\"x\", [\"1\", \"2\"]]]}],\n"
    "  \"references\": [{\"n\": 2, \"text\": \"R\", \"doi\": \"10.1000/abc\"}]\n"
    "}\n";

static void test_valid_document(eb_corpus *corpus) {
    eb_diag *diag = eb_diag_new(NULL);
    const eb_review *r = eb_load_review_buffer(corpus, "t.json", valid, strlen(valid), diag);
    CHECK(r != NULL);
    CHECK(eb_diag_count(diag, EB_ERROR) == 0);
    if (r) {
        CHECK(r->language == EB_LANG_FA);
        CHECK(r->kind == EB_KIND_SYSTEMATIC_REVIEW);
        CHECK_STR(r->title.s[EB_LANG_EN], "Title");
        CHECK(r->nfindings == 1 && r->findings[0].level == EB_LEVEL_HUMAN_TRIAL);
        CHECK(r->findings[0].indications.n == 2);
        CHECK(r->findings[0].refs.n == 1 && r->findings[0].refs.items[0] == 2);
        CHECK(r->ntables == 1 && r->tables[0].ncols == 2 && r->tables[0].nrows == 1);
        CHECK(!r->tables[0].cells[0].is_list && r->tables[0].cells[1].is_list);
        CHECK(r->tables[0].cells[1].n == 2);
        CHECK_STR(r->references[0].doi, "10.1000/abc");
        CHECK(r->scope.references_reviewed == -1);
    }
    eb_diag_free(diag);
}

/* Columns count characters, not bytes: the error after Persian text must
 * point at the right column. */
static void test_column_counts_characters(eb_corpus *corpus) {
    const char *doc = "{\"seed\": \"یافته\", \"yeer\": 1}";
    eb_diag *diag = eb_diag_new(NULL);
    CHECK(eb_load_review_buffer(corpus, "c.json", doc, strlen(doc), diag) == NULL);
    int found = 0;
    for (size_t i = 0; i < eb_diag_message_count(diag); i++)
        if (strstr(eb_diag_message(diag, i), "c.json:1:19: $.yeer: error: unknown field \"yeer\"; did you mean \"year\"?"))
            found = 1;
    CHECK(found);
    eb_diag_free(diag);
}

/* Every problem of a file is reported, not only the first. */
static void test_all_errors_reported(eb_corpus *corpus) {
    const char *doc =
        "{\"id\": \"c\", \"seed\": \"s\", \"language\": \"en\", \"year\": 1800, \"kind\": \"essay\",\n"
        " \"findings\": [{\"id\": \"f\", \"indications\": [\"acne\"], \"text\": {\"en\": \"x\"}, \"level\": \"animal\", \"refs\": [9]}],\n"
        " \"odd key\": 1}";
    eb_diag *diag = eb_diag_new(NULL);
    CHECK(eb_load_review_buffer(corpus, "c.json", doc, strlen(doc), diag) == NULL);
    CHECK(eb_diag_count(diag, EB_ERROR) == 5);
    const char *expected[] = {
        "c.json:3:2: $[\"odd key\"]: error: unknown field \"odd key\"",
        "c.json:1:52: $.year: error: 1800 is out of range (1900 to 2100)",
        "c.json:1:66: $.kind: error: unknown value \"essay\"",
        "c.json:2:43: $.findings[0].indications[0]: error: unknown indication \"acne\"; it is a condition of \"inflammatory-skin-disease\"",
        "c.json:2:101: $.findings[0].refs[0]: error: reference 9 is not in this review's \"references\"",
    };
    for (size_t e = 0; e < sizeof expected / sizeof expected[0]; e++) {
        int found = 0;
        for (size_t i = 0; i < eb_diag_message_count(diag); i++)
            if (strstr(eb_diag_message(diag, i), expected[e])) found = 1;
        if (!found) check_fail(__FILE__, __LINE__, "missing message: %s", expected[e]);
        check_count++;
    }
    eb_diag_free(diag);
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
    test_utf8();
    eb_corpus_free(corpus);
    return check_done("test_load");
}
