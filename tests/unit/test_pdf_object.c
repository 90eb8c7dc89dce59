/* The object layer (pdf_object.c, pdf_serial.c) on its own: the syntax of
 * every kind of object, entries kept in the order they were put (a
 * replaced key keeps its place), the numbering of indirect objects, and
 * every refusal: a wrong container, a missing key or value, a direct value
 * placed twice, names and strings past the limits. The numbers' text is
 * checked against values HPDF_FToA (libharu 2.3.0) gave, which the
 * briefs' bytes depend on. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "pdf/pdf_internal.h"
#include "pdf/pdf_object.h"

static eb_buf text;

static const char *written(const eb_pobj *o) {
    text.len = 0;
    ebi_pobj_write(o, &text);
    return eb_buf_cstr(&text);
}

static const char *real(float v) {
    static char out[32];
    ebi_pobj_real_text(v, out);
    return out;
}

static void test_scalars(eb_pobjs *t) {
    CHECK_STR(written(ebi_pobj_null(t)), "null");
    CHECK_STR(written(ebi_pobj_bool(t, true)), "true");
    CHECK_STR(written(ebi_pobj_bool(t, false)), "false");
    CHECK_STR(written(ebi_pobj_int(t, -42)), "-42");
    CHECK_STR(written(ebi_pobj_real(t, 595.276)), "595.276");
    CHECK_STR(written(ebi_pobj_name(t, "Type")), "/Type");
    CHECK_STR(written(ebi_pobj_name(t, "A B#/")), "/A#20B#23#2F");
    CHECK_STR(written(ebi_pobj_string(t, "http://x (1)", 12)), "(http:\\057\\057x \\0501\\051)");
    CHECK_STR(written(ebi_pobj_string(t, "\xFE\n", 2)), "(\\376\\012)");
    CHECK_STR(written(ebi_pobj_hex(t, "\xFE\xFF\x00\x41", 4)), "<FEFF0041>");
    CHECK_STR(written(ebi_pobj_hex(t, "", 0)), "<>");
}

/* Values HPDF_FToA wrote for these floats. */
static void test_reals(void) {
    CHECK_STR(real(0), "0");
    CHECK_STR(real(841.89f), "841.89001");
    CHECK_STR(real(599.80652f), "599.80652");
    CHECK_STR(real(658.9375f), "658.9375");
    CHECK_STR(real(-12.5f), "-12.5");
    CHECK_STR(real(-0.000001f), "-0");
    CHECK_STR(real(1.999999f), "2");
    CHECK_STR(real(1e9f), "32767");
    CHECK_STR(real(-1e9f), "-32767");
    CHECK_STR(real(0.0f / 0.0f), "0");
}

static void test_containers(eb_pobjs *t) {
    eb_pobj *d = ebi_pobj_dict(t, false), *a = ebi_pobj_array(t, false);
    CHECK_STR(written(a), "[ ]");
    CHECK(ebi_pobj_put(a, NULL, ebi_pobj_int(t, 1)));
    CHECK(ebi_pobj_put(a, NULL, ebi_pobj_name(t, "XYZ")));
    CHECK_STR(written(a), "[ 1 /XYZ ]");
    CHECK(ebi_pobj_put(d, "B", ebi_pobj_int(t, 1)));
    CHECK(ebi_pobj_put(d, "A", a));
    CHECK(ebi_pobj_put(d, "C", ebi_pobj_int(t, 3)));
    CHECK(ebi_pobj_put(d, "B", ebi_pobj_int(t, 2)));  /* keeps its place */
    CHECK_STR(written(d), "<<\n/B 2\n/A [ 1 /XYZ ]\n/C 3\n>>");
    static const char *const skip[] = {"A", NULL};
    text.len = 0;
    ebi_pobj_write_entries(d, skip, &text);
    CHECK_STR(eb_buf_cstr(&text), "/B 2/C 3");
    CHECK(ebi_pobj_get(d, "A") == a);
    CHECK(ebi_pobj_get(d, "Z") == NULL);
    CHECK_STR(ebi_pobj_key_of(d, a), "A");
    CHECK(ebi_pobj_remove(d, "A"));
    CHECK(!ebi_pobj_remove(d, "A"));
    CHECK_STR(written(d), "<<\n/B 2\n/C 3\n>>");
    CHECK(ebi_pobj_len(d) == 2);
}

static void test_refusals(eb_pobjs *t) {
    eb_pobj *d = ebi_pobj_dict(t, false), *a = ebi_pobj_array(t, false);
    eb_pobj *v = ebi_pobj_int(t, 1);
    CHECK(!ebi_pobj_put(d, NULL, v));        /* a dictionary needs a key */
    CHECK(!ebi_pobj_put(a, "K", v));         /* an array takes none */
    CHECK(!ebi_pobj_put(v, NULL, a));        /* not a container */
    CHECK(!ebi_pobj_put(d, "", v));
    CHECK(!ebi_pobj_put(d, "K", NULL));
    CHECK(!ebi_pobj_put(NULL, "K", v));
    CHECK(!ebi_pobj_put(d, "K", d));         /* into itself */
    CHECK(ebi_pobj_put(d, "K", v));
    CHECK(!ebi_pobj_put(a, NULL, v));        /* a direct value in two places */
    CHECK(ebi_pobj_len(a) == 0);
    char name[EB_POBJ_MAX_NAME + 2];
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    CHECK(ebi_pobj_name(t, name) == NULL);
    CHECK(!ebi_pobj_put(d, name, ebi_pobj_int(t, 1)));
    name[EB_POBJ_MAX_NAME] = '\0';
    CHECK(ebi_pobj_name(t, name) != NULL);
    static char big[EB_POBJ_MAX_STRING + 1];
    CHECK(ebi_pobj_string(t, big, sizeof big) == NULL);
    CHECK(ebi_pobj_hex(t, big, sizeof big) == NULL);
    CHECK(ebi_pobj_hex(t, big, sizeof big - 1) != NULL);
    CHECK(ebi_pobj_string(t, NULL, 1) == NULL);
}

/* Whether needle occurs in the n bytes at hay (a file holds NULs). */
static bool has(const char *hay, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0) return true;
    return false;
}

static void test_indirect(void) {
    eb_pobjs *t = ebi_pobjs_create();
    eb_pobj *catalog = ebi_pobj_dict(t, true), *direct = ebi_pobj_dict(t, false);
    eb_pobj *stream = ebi_pobj_stream(t, false), *list = ebi_pobj_array(t, true);
    CHECK(ebi_pobj_number(catalog) == 1 && ebi_pobj_number(stream) == 2 && ebi_pobj_number(list) == 3);
    CHECK(ebi_pobj_number(direct) == 0 && ebi_pobjs_count(t) == 3);
    CHECK(ebi_pobjs_at(t, 1) == stream && ebi_pobjs_at(t, 3) == NULL);
    /* an indirect object in many places, each a reference */
    CHECK(ebi_pobj_put(list, NULL, stream) && ebi_pobj_put(list, NULL, stream));
    CHECK(ebi_pobj_put(catalog, "L", list));
    CHECK_STR(written(catalog), "1 0 R");
    text.len = 0;
    ebi_pobj_write_object(catalog, &text);
    CHECK_STR(eb_buf_cstr(&text), "<<\n/L 3 0 R\n>>");
    CHECK_STR(written(list), "3 0 R");
    ebi_pobj_stream_set(stream, "abc", 3);
    ebi_pobj_stream_append(stream, "de", 2);
    ebi_pobj_stream_set(stream, "xy", 2);
    CHECK(ebi_pobj_stream_data(stream)->len == 2 && !ebi_pobj_stream_deflated(stream));
    /* a whole file: what pdf_write.c makes of it is its own test's */
    eb_pobj *trailer = ebi_pobj_dict(t, false);
    CHECK(ebi_pobj_put(trailer, "Root", catalog));
    eb_buf file = {0};
    ebi_pobjs_save(t, trailer, &file);
    CHECK(file.len > 0 && memcmp(file.data, "%PDF-1.7", 8) == 0);
    CHECK(has(file.data, file.len, "2 0 obj\n<</Length 2>>\nstream\nxy\nendstream"));
    CHECK(has(file.data, file.len, "/Root 1 0 R"));
    eb_buf_destroy(&file);
    ebi_pobjs_destroy(t);
}

/* The document's objects (pdf_graph.c): their numbers, a font's resource
 * name, outline counts, and the refusals a caller sees as text. */
static void test_document(void) {
    eb_pdoc *d = ebi_pdoc_create();
    CHECK(ebi_pobj_number(ebi_pdoc_catalog(d)) == 1 && ebi_pobj_number(ebi_pdoc_info(d)) == 3);
    CHECK_STR(ebi_pdoc_take_error(d), "");
    eb_pdoc_page *page = ebi_pdoc_add_page(d, 595.276, 841.89);
    CHECK(page && ebi_pobj_number(ebi_pdoc_page_dict(page)) == 4);
    CHECK(ebi_pdoc_page_append(d, page, "q Q\n", 4));
    eb_pdoc_font *f1 = ebi_pdoc_font_create(d), *f2 = ebi_pdoc_font_create(d);
    CHECK_STR(ebi_pdoc_page_font_name(d, page, f1), "F1");
    CHECK_STR(ebi_pdoc_page_font_name(d, page, f2), "F2");
    CHECK_STR(ebi_pdoc_page_font_name(d, page, f1), "F1");
    eb_pdoc_outline *top = ebi_pdoc_outline_create(d, NULL, (const uint8_t *)"\xFE\xFF\0A", 4, page, 0, 800);
    CHECK(top && ebi_pdoc_outline_create(d, top, (const uint8_t *)"", 0, page, 0, 700));
    CHECK(ebi_pdoc_outline_create(d, top, (const uint8_t *)"", 0, page, 0, 600));
    /* a title past the string limit is cut at a UTF-16 unit */
    static uint8_t long_title[EB_POBJ_MAX_STRING + 3];
    CHECK(ebi_pdoc_outline_create(d, NULL, long_title, sizeof long_title, page, 0, 500));
    /* refusals: the reason is there once, then cleared */
    char name[EB_POBJ_MAX_NAME + 2];
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    CHECK(!ebi_pdoc_put_name(d, ebi_pdoc_info(d), "Bad", name));
    CHECK_STR(ebi_pdoc_take_error(d), "a name too long");
    CHECK_STR(ebi_pdoc_take_error(d), "");
    CHECK(!ebi_pdoc_put_bytes(d, ebi_pdoc_info(d), "Bad", long_title, sizeof long_title));
    CHECK_STR(ebi_pdoc_take_error(d), "a string too long");
    CHECK(!ebi_pdoc_put_int(d, ebi_pdoc_new_array(d), "Key", 1));
    CHECK_STR(ebi_pdoc_take_error(d), "cannot put an entry");
    CHECK(!ebi_pdoc_put_null(d, ebi_pdoc_new_dict(d, false), NULL));
    CHECK_STR(ebi_pdoc_take_error(d), "cannot add an item");
    CHECK(!ebi_pdoc_stream_set(d, ebi_pdoc_new_dict(d, true), "x", 1));
    CHECK_STR(ebi_pdoc_take_error(d), "not a stream");
    CHECK(ebi_pdoc_set_id(d, (const uint8_t *)"0123456789abcdef"));
    eb_buf file = {0};
    CHECK(ebi_pdoc_save(d, &file));
    CHECK(file.len > 0);
    eb_buf_destroy(&file);
    /* the root counts all four entries, the first its two children */
    text.len = 0;
    ebi_pobj_write_object(ebi_pobj_get(ebi_pdoc_catalog(d), "Outlines"), &text);
    CHECK_CONTAINS(eb_buf_cstr(&text), "/Count 4\n");
    const eb_pobj *first = ebi_pobj_get(ebi_pobj_get(ebi_pdoc_catalog(d), "Outlines"), "First");
    text.len = 0;
    ebi_pobj_write_object(first, &text);
    CHECK_CONTAINS(eb_buf_cstr(&text), "/Title <FEFF0041>\n/Type /Outlines\n");
    CHECK_CONTAINS(eb_buf_cstr(&text), "/Count 2\n");
    const eb_pobj *last = ebi_pobj_get(ebi_pobj_get(ebi_pdoc_catalog(d), "Outlines"), "Last");
    size_t n = 0;
    ebi_pobj_bytes(ebi_pobj_get(last, "Title"), &n);
    CHECK(n == EB_POBJ_MAX_STRING - 1);
    ebi_pdoc_destroy(d);
}

int main(void) {
    eb_pobjs *t = ebi_pobjs_create();
    test_scalars(t);
    test_reals();
    test_containers(t);
    test_refusals(t);
    ebi_pobjs_destroy(t);
    test_indirect();
    test_document();
    eb_buf_destroy(&text);
    return check_done("pdf_object");
}
