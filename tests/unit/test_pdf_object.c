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
#include "pdf/pdf_object.h"

static eb_buf text;

static const char *written(const eb_pobj *o) {
    text.len = 0;
    eb_pobj_write(o, &text);
    return eb_buf_cstr(&text);
}

static const char *real(float v) {
    static char out[32];
    eb_pobj_real_text(v, out);
    return out;
}

static void test_scalars(eb_pobjs *t) {
    CHECK_STR(written(eb_pobj_null(t)), "null");
    CHECK_STR(written(eb_pobj_bool(t, true)), "true");
    CHECK_STR(written(eb_pobj_bool(t, false)), "false");
    CHECK_STR(written(eb_pobj_int(t, -42)), "-42");
    CHECK_STR(written(eb_pobj_real(t, 595.276)), "595.276");
    CHECK_STR(written(eb_pobj_name(t, "Type")), "/Type");
    CHECK_STR(written(eb_pobj_name(t, "A B#/")), "/A#20B#23#2F");
    CHECK_STR(written(eb_pobj_string(t, "http://x (1)", 12)), "(http:\\057\\057x \\0501\\051)");
    CHECK_STR(written(eb_pobj_string(t, "\xFE\n", 2)), "(\\376\\012)");
    CHECK_STR(written(eb_pobj_hex(t, "\xFE\xFF\x00\x41", 4)), "<FEFF0041>");
    CHECK_STR(written(eb_pobj_hex(t, "", 0)), "<>");
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
    eb_pobj *d = eb_pobj_dict(t, false), *a = eb_pobj_array(t, false);
    CHECK_STR(written(a), "[ ]");
    CHECK(eb_pobj_put(a, NULL, eb_pobj_int(t, 1)));
    CHECK(eb_pobj_put(a, NULL, eb_pobj_name(t, "XYZ")));
    CHECK_STR(written(a), "[ 1 /XYZ ]");
    CHECK(eb_pobj_put(d, "B", eb_pobj_int(t, 1)));
    CHECK(eb_pobj_put(d, "A", a));
    CHECK(eb_pobj_put(d, "C", eb_pobj_int(t, 3)));
    CHECK(eb_pobj_put(d, "B", eb_pobj_int(t, 2)));  /* keeps its place */
    CHECK_STR(written(d), "<<\n/B 2\n/A [ 1 /XYZ ]\n/C 3\n>>");
    static const char *const skip[] = {"A", NULL};
    text.len = 0;
    eb_pobj_write_entries(d, skip, &text);
    CHECK_STR(eb_buf_cstr(&text), "/B 2/C 3");
    CHECK(eb_pobj_get(d, "A") == a);
    CHECK(eb_pobj_get(d, "Z") == NULL);
    CHECK_STR(eb_pobj_key_of(d, a), "A");
    CHECK(eb_pobj_remove(d, "A"));
    CHECK(!eb_pobj_remove(d, "A"));
    CHECK_STR(written(d), "<<\n/B 2\n/C 3\n>>");
    CHECK(eb_pobj_len(d) == 2);
}

static void test_refusals(eb_pobjs *t) {
    eb_pobj *d = eb_pobj_dict(t, false), *a = eb_pobj_array(t, false);
    eb_pobj *v = eb_pobj_int(t, 1);
    CHECK(!eb_pobj_put(d, NULL, v));        /* a dictionary needs a key */
    CHECK(!eb_pobj_put(a, "K", v));         /* an array takes none */
    CHECK(!eb_pobj_put(v, NULL, a));        /* not a container */
    CHECK(!eb_pobj_put(d, "", v));
    CHECK(!eb_pobj_put(d, "K", NULL));
    CHECK(!eb_pobj_put(NULL, "K", v));
    CHECK(!eb_pobj_put(d, "K", d));         /* into itself */
    CHECK(eb_pobj_put(d, "K", v));
    CHECK(!eb_pobj_put(a, NULL, v));        /* a direct value in two places */
    CHECK(eb_pobj_len(a) == 0);
    char name[EB_POBJ_MAX_NAME + 2];
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    CHECK(eb_pobj_name(t, name) == NULL);
    CHECK(!eb_pobj_put(d, name, eb_pobj_int(t, 1)));
    name[EB_POBJ_MAX_NAME] = '\0';
    CHECK(eb_pobj_name(t, name) != NULL);
    static char big[EB_POBJ_MAX_STRING + 1];
    CHECK(eb_pobj_string(t, big, sizeof big) == NULL);
    CHECK(eb_pobj_hex(t, big, sizeof big) == NULL);
    CHECK(eb_pobj_hex(t, big, sizeof big - 1) != NULL);
    CHECK(eb_pobj_string(t, NULL, 1) == NULL);
}

/* Whether needle occurs in the n bytes at hay (a file holds NULs). */
static bool has(const char *hay, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0) return true;
    return false;
}

static void test_indirect(void) {
    eb_pobjs *t = eb_pobjs_new();
    eb_pobj *catalog = eb_pobj_dict(t, true), *direct = eb_pobj_dict(t, false);
    eb_pobj *stream = eb_pobj_stream(t, false), *list = eb_pobj_array(t, true);
    CHECK(eb_pobj_number(catalog) == 1 && eb_pobj_number(stream) == 2 && eb_pobj_number(list) == 3);
    CHECK(eb_pobj_number(direct) == 0 && eb_pobjs_count(t) == 3);
    CHECK(eb_pobjs_at(t, 1) == stream && eb_pobjs_at(t, 3) == NULL);
    /* an indirect object in many places, each a reference */
    CHECK(eb_pobj_put(list, NULL, stream) && eb_pobj_put(list, NULL, stream));
    CHECK(eb_pobj_put(catalog, "L", list));
    CHECK_STR(written(catalog), "1 0 R");
    text.len = 0;
    eb_pobj_write_object(catalog, &text);
    CHECK_STR(eb_buf_cstr(&text), "<<\n/L 3 0 R\n>>");
    CHECK_STR(written(list), "3 0 R");
    eb_pobj_stream_set(stream, "abc", 3);
    eb_pobj_stream_append(stream, "de", 2);
    eb_pobj_stream_set(stream, "xy", 2);
    CHECK(eb_pobj_stream_data(stream)->len == 2 && !eb_pobj_stream_deflated(stream));
    /* a whole file: what pdf_write.c makes of it is its own test's */
    eb_pobj *trailer = eb_pobj_dict(t, false);
    CHECK(eb_pobj_put(trailer, "Root", catalog));
    eb_buf file = {0};
    eb_pobjs_save(t, trailer, &file);
    CHECK(file.len > 0 && memcmp(file.data, "%PDF-1.7", 8) == 0);
    CHECK(has(file.data, file.len, "2 0 obj\n<</Length 2>>\nstream\nxy\nendstream"));
    CHECK(has(file.data, file.len, "/Root 1 0 R"));
    eb_buf_free(&file);
    eb_pobjs_free(t);
}

int main(void) {
    eb_pobjs *t = eb_pobjs_new();
    test_scalars(t);
    test_reals();
    test_containers(t);
    test_refusals(t);
    eb_pobjs_free(t);
    test_indirect();
    eb_buf_free(&text);
    return check_done("pdf_object");
}
