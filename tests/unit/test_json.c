/* The JSON front end of the load stage (json_syntax.c, json_source.c): the
 * one scan gives syntax messages, nesting, \u escapes and the positions the
 * diagnostics about a parsed tree use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "load/json_source.h"

/* Parses text as "t.json"; returns whether it parsed, and the one-line
 * form of its first problem in *first (or "" when none). */
static bool parse(const char *text, eb_json_doc *doc, char first[512]) {
    eb_diag *diag = eb_diag_new(NULL);
    bool ok = eb_json_doc_parse(doc, "t.json", text, strlen(text), diag);
    snprintf(first, 512, "%s", eb_diag_message_count(diag) ? eb_diag_message(diag, 0) : "");
    eb_diag_free(diag);
    return ok;
}

static void expect_rejected(const char *text, const char *message) {
    eb_json_doc doc;
    char first[512];
    CHECK(!parse(text, &doc, first));
    CHECK(doc.root == NULL);
    CHECK_STR(first, message);
    eb_json_doc_free(&doc);
}

/* cJSON refuses lone surrogates and numbers longer than its 64-byte
 * buffer; the scan says so itself, with a place, where it once had only
 * cJSON's global error pointer. */
static void test_what_cjson_refuses(void) {
    expect_rejected("{\"a\": \"x\\uDC00y\"}",
                    "t.json:1:9: error: invalid \\u escape: a lone surrogate (\\uD800 to \\uDBFF must be "
                    "followed by \\uDC00 to \\uDFFF) [$.a]");
    expect_rejected("{\"a\": \"\\uD83Dz\"}",
                    "t.json:1:8: error: invalid \\u escape: a lone surrogate (\\uD800 to \\uDBFF must be "
                    "followed by \\uDC00 to \\uDFFF) [$.a]");
    char number[128];
    snprintf(number, sizeof number, "[1, %064d]", 7);
    expect_rejected(number, "t.json:1:5: error: number of more than 63 characters [$[1]]");
    eb_json_doc doc;
    char first[512];
    CHECK(parse("{\"a\": \"\\uD83D\\uDE00\", \"b\": 1}", &doc, first));
    CHECK_STR(first, "");
    CHECK_STR(cJSON_GetObjectItemCaseSensitive(doc.root, "a")->valuestring, "\xF0\x9F\x98\x80");
    eb_json_doc_free(&doc);
}

/* Nesting is checked in the same pass, before cJSON recurses: the bracket
 * past 64 levels, with no path (the place is the problem). */
static void test_depth(void) {
    char text[200] = {0};
    memset(text, '[', 65);
    expect_rejected(text, "t.json:1:65: error: arrays and objects are nested more than 64 levels deep");
    memset(text, 0, sizeof text);
    memset(text, '[', 64);
    memset(text + 64, ']', 64);
    eb_json_doc doc;
    char first[512];
    CHECK(parse(text, &doc, first));
    eb_json_doc_free(&doc);
}

/* The positions of values and keys come from the scan, in document order,
 * also after a byte-order mark and with duplicate keys. */
static void test_positions(void) {
    const char *text = "\xEF\xBB\xBF{\"a\": [1,\n  {\"b\": true}],\n \"a\": \"x\"}";
    eb_json_doc doc;
    char first[512];
    eb_diag *diag = eb_diag_new(NULL);
    CHECK(eb_json_doc_parse(&doc, "t.json", text, strlen(text), diag));
    CHECK(eb_diag_message_count(diag) == 2);
    if (eb_diag_message_count(diag) == 2) {
        CHECK_STR(eb_diag_message(diag, 0), "t.json:1:1: warning: byte-order mark at the start of the file: "
                                            "it is ignored; save the file as UTF-8 without one");
        CHECK_STR(eb_diag_message(diag, 1),
                  "t.json:3:2: error: duplicate key \"a\" (first defined at line 1, column 3)");
    }
    eb_diag_free(diag);
    const cJSON *b = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc.root, "a"), 1)->child;
    eb_location at_key = eb_json_where(&doc, b, true, "$.a[1].b");
    eb_location at_value = eb_json_where(&doc, b, false, "$.a[1].b");
    CHECK(at_key.line == 2 && at_key.column == 4);
    CHECK(at_value.line == 2 && at_value.column == 9);
    eb_location item = eb_json_where(&doc, cJSON_GetObjectItemCaseSensitive(doc.root, "a")->child, true, NULL);
    CHECK(item.line == 1 && item.column == 9);  /* no key: its value (the mark counts as a character) */
    eb_json_doc_free(&doc);
    (void)first;
}

/* Every \u0000 is reported (cJSON would cut the string there); the
 * document stays usable so that the rest is checked too. */
static void test_nul_escapes(void) {
    const char *text = "{\"a\": \"x\\u0000y\", \"b\\u0000\": \"\\\\u0000\"}";
    eb_json_doc doc;
    eb_diag *diag = eb_diag_new(NULL);
    CHECK(eb_json_doc_parse(&doc, "t.json", text, strlen(text), diag));
    CHECK(doc.errors == 2 && eb_diag_message_count(diag) == 2);
    if (eb_diag_message_count(diag) == 2) {
        CHECK_STR(eb_diag_message(diag, 0), "t.json:1:9: error: \\u0000 in a string: a text cannot hold a NUL character");
        CHECK_STR(eb_diag_message(diag, 1), "t.json:1:21: error: \\u0000 in a string: a text cannot hold a NUL character");
    }
    eb_diag_free(diag);
    eb_json_doc_free(&doc);
}

int main(void) {
    test_what_cjson_refuses();
    test_depth();
    test_positions();
    test_nul_escapes();
    return check_done("test_json");
}
