/* The JSON front end of the load stage (json_syntax.c, json_source.c): the
 * one scan gives syntax messages, nesting, \u escapes and the positions the
 * diagnostics about a parsed tree use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "load.h"
#include "load/json_source.h"

/* Parses text as "t.json"; returns whether it parsed, and the one-line
 * form of its first problem in *first (or "" when none). */
static bool parse(const char *text, eb_json_doc *doc, char first[512]) {
    eb_diag *diag = eb_diag_create(NULL);
    bool ok = ebi_json_doc_parse(doc, "t.json", text, strlen(text), diag);
    snprintf(first, 512, "%s", eb_diag_message_count(diag) ? eb_diag_message(diag, 0) : "");
    eb_diag_destroy(diag);
    return ok;
}

static void expect_rejected(const char *text, const char *message) {
    eb_json_doc doc;
    char first[512];
    CHECK(!parse(text, &doc, first));
    CHECK(doc.root == NULL);
    CHECK_STR(first, message);
    ebi_json_doc_destroy(&doc);
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
    ebi_json_doc_destroy(&doc);
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
    ebi_json_doc_destroy(&doc);
}

/* The positions of values and keys come from the scan, in document order,
 * also after a byte-order mark and with duplicate keys. */
static void test_positions(void) {
    const char *text = "\xEF\xBB\xBF{\"a\": [1,\n  {\"b\": true}],\n \"a\": \"x\"}";
    eb_json_doc doc;
    char first[512];
    eb_diag *diag = eb_diag_create(NULL);
    CHECK(ebi_json_doc_parse(&doc, "t.json", text, strlen(text), diag));
    CHECK(eb_diag_message_count(diag) == 2);
    if (eb_diag_message_count(diag) == 2) {
        CHECK_STR(eb_diag_message(diag, 0), "t.json:1:1: warning: byte-order mark at the start of the file: "
                                            "it is ignored; save the file as UTF-8 without one");
        CHECK_STR(eb_diag_message(diag, 1),
                  "t.json:3:2: error: duplicate key \"a\" (first defined at line 1, column 3)");
    }
    eb_diag_destroy(diag);
    const cJSON *b = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc.root, "a"), 1)->child;
    eb_location at_key = ebi_json_where(&doc, b, true, "$.a[1].b");
    eb_location at_value = ebi_json_where(&doc, b, false, "$.a[1].b");
    CHECK(at_key.line == 2 && at_key.column == 4);
    CHECK(at_value.line == 2 && at_value.column == 9);
    eb_location item = ebi_json_where(&doc, cJSON_GetObjectItemCaseSensitive(doc.root, "a")->child, true, NULL);
    CHECK(item.line == 1 && item.column == 9);  /* no key: its value (the mark counts as a character) */
    ebi_json_doc_destroy(&doc);
    (void)first;
}

/* Every \u0000 is reported (cJSON would cut the string there); the
 * document stays usable so that the rest is checked too. */
static void test_nul_escapes(void) {
    const char *text = "{\"a\": \"x\\u0000y\", \"b\\u0000\": \"\\\\u0000\"}";
    eb_json_doc doc;
    eb_diag *diag = eb_diag_create(NULL);
    CHECK(ebi_json_doc_parse(&doc, "t.json", text, strlen(text), diag));
    CHECK(doc.errors == 2 && eb_diag_message_count(diag) == 2);
    if (eb_diag_message_count(diag) == 2) {
        CHECK_STR(eb_diag_message(diag, 0), "t.json:1:9: error: \\u0000 in a string: a text cannot hold a NUL character");
        CHECK_STR(eb_diag_message(diag, 1), "t.json:1:21: error: \\u0000 in a string: a text cannot hold a NUL character");
    }
    eb_diag_destroy(diag);
    ebi_json_doc_destroy(&doc);
}

/* fonts.json through the typed reader: each problem at its line, column
 * and path. A face index is checked before any conversion: 1e10 made
 * `(unsigned)face` undefined once (UBSan: "1e+10 is outside the range of
 * representable values of type 'unsigned int'"). */
static void expect_font_list_error(const char *entry, const char *message) {
    char *text = eb_xasprintf("{\"fonts\": [{\"role\": \"cjk\", \"weight\": \"bold\", \"file\": \"a.ttc\", %s}]}", entry);
    eb_diag *diag = eb_diag_create(NULL);
    eb_font_list list;
    CHECK(!eb_font_list_load_buffer("fonts", "fonts.json", text, strlen(text), &list, diag));
    CHECK(list.n == 0 && list.entries == NULL);
    CHECK(eb_diag_count(diag, EB_ERROR) == 1);
    CHECK_STR(eb_diag_message_count(diag) ? eb_diag_message(diag, 0) : "", message);
    eb_diag_destroy(diag);
    free(text);
}

static void test_font_list(void) {
    static const struct { const char *face, *message; } faces[] = {
        {"1e10", "fonts.json:1:71: error: 10000000000 is out of range (0 to 65535) [$.fonts[0].face]"},
        {"-1e10", "fonts.json:1:71: error: -10000000000 is out of range (0 to 65535) [$.fonts[0].face]"},
        {"4294967296", "fonts.json:1:71: error: 4294967296 is out of range (0 to 65535) [$.fonts[0].face]"},
        {"65536", "fonts.json:1:71: error: 65536 is out of range (0 to 65535) [$.fonts[0].face]"},
        {"-1", "fonts.json:1:71: error: -1 is out of range (0 to 65535) [$.fonts[0].face]"},
        {"0.5", "fonts.json:1:71: error: expected a whole number, found 0.5 [$.fonts[0].face]"},
        {"1e999", "fonts.json:1:71: error: expected a whole number, found inf [$.fonts[0].face]"},
        {"\"2\"", "fonts.json:1:71: error: expected a whole number, found a string [$.fonts[0].face]"},
    };
    for (size_t i = 0; i < sizeof faces / sizeof *faces; i++) {
        char *entry = eb_xasprintf("\"face\": %s", faces[i].face);
        expect_font_list_error(entry, faces[i].message);
        free(entry);
    }
    expect_font_list_error("\"face\": 0, \"sha265\": \"x\"",
                           "fonts.json:1:74: error: unknown field \"sha265\"; did you mean \"sha256\"? [$.fonts[0].sha265]");
    expect_font_list_error("\"face\": 0, \"sha256\": \"ABC\"",
                           "fonts.json:1:84: error: expected a SHA-256: 64 lower-case hex digits [$.fonts[0].sha256]");
    expect_font_list_error("\"face\": 0, \"fase\": 0",
                           "fonts.json:1:74: error: unknown field \"fase\"; did you mean \"face\"? [$.fonts[0].fase]");
    const char *text = "{\"fonts\": [{\"role\": \"greek\", \"weight\": \"bolt\", \"file\": \"../x.ttf\", \"face\": 0}]}";
    eb_diag *diag = eb_diag_create(NULL);
    eb_font_list list;
    CHECK(!eb_font_list_load_buffer("fonts", "fonts.json", text, strlen(text), &list, diag));
    CHECK(eb_diag_message_count(diag) == 3);
    if (eb_diag_message_count(diag) == 3) {
        CHECK_STR(eb_diag_message(diag, 0), "fonts.json:1:21: error: unknown value \"greek\"; expected one of: "
                                            "latin-serif, latin-sans, arabic, cjk [$.fonts[0].role]");
        CHECK_STR(eb_diag_message(diag, 1), "fonts.json:1:40: error: unknown value \"bolt\"; did you mean \"bold\"? [$.fonts[0].weight]");
        CHECK_STR(eb_diag_message(diag, 2), "fonts.json:1:56: error: expected a file name inside the fonts directory, "
                                            "without '/' [$.fonts[0].file]");
    }
    eb_diag_destroy(diag);
    text = "{\"fonts\": []}";
    diag = eb_diag_create(NULL);
    CHECK(!eb_font_list_load_buffer("fonts", "fonts.json", text, strlen(text), &list, diag));
    CHECK_STR(eb_diag_message_count(diag) ? eb_diag_message(diag, 0) : "",
              "fonts.json:1:11: error: expected at least 1 item, found 0 [$.fonts]");
    eb_diag_destroy(diag);
    text = "{\"fonts\": [{\"role\": \"cjk\", \"weight\": \"bold\", \"file\": \"a.ttc\", \"face\": 2, "
           "\"sha256\": \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"}]}";
    diag = eb_diag_create(NULL);
    CHECK(eb_font_list_load_buffer("fonts", "fonts.json", text, strlen(text), &list, diag));
    CHECK(list.n == 1 && list.entries[0].bold && list.entries[0].face == 2);
    if (list.n == 1) {
        CHECK_STR(list.entries[0].role, "cjk");
        CHECK_STR(list.entries[0].file, "a.ttc");
        CHECK_STR(list.entries[0].sha256, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        CHECK_STR(list.dir, "fonts");
    }
    eb_font_list_destroy(&list);
    eb_diag_destroy(diag);
}

/* The manifest through the same reader: a hand-edited count beyond long's
 * range is refused before any conversion, each problem at its place. */
static void test_manifest(void) {
    const char *text = "{\"evbrief_version\": \"0.1.0\", \"briefs\": [{\"file\": \"a.en.pdf\", "
                       "\"indication\": \"a\", \"locale\": \"en\", \"pages\": 1e30, \"bytes\": 5, "
                       "\"sha256\": \"x\", \"key\": \"x\", \"inputs\": [], \"fonts\": []}]}";
    eb_diag *diag = eb_diag_create(NULL);
    eb_manifest m;
    CHECK(!eb_manifest_load_buffer("manifest.json", text, strlen(text), &m, diag));
    CHECK(m.n == 0 && m.entries == NULL);
    CHECK(eb_diag_message_count(diag) == 3);
    if (eb_diag_message_count(diag) == 3) {
        CHECK_STR(eb_diag_message(diag, 0), "manifest.json:1:106: error: 1000000000000000019884624838656 is out of "
                                            "range (0 to 9007199254740991) [$.briefs[0].pages]");
        CHECK_STR(eb_diag_message(diag, 1), "manifest.json:1:134: error: expected a SHA-256: 64 lower-case hex digits "
                                            "[$.briefs[0].sha256]");
    }
    eb_diag_destroy(diag);
}

int main(void) {
    test_manifest();
    test_font_list();
    test_what_cjson_refuses();
    test_depth();
    test_positions();
    test_nul_escapes();
    return check_done("test_json");
}
