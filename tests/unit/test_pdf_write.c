/* The file structure evbrief writes (pdf_write.c, ebi_pobjs_save): the
 * header, object streams, streams with a direct /Length, deflated or not,
 * and a cross-reference stream, read back here by hand (inflating with
 * libdeflate, undoing the PNG Up predictor) and by qpdf; the same
 * document gives the same bytes, saved once or twice. */
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pdf.h"
#include "pdf/pdf_internal.h"
#include "pdf/pdf_write.h"
#include "test_pdf_util.h"

static char *scratch;  /* $BUILD/tmp/pdf_write */

/* Inflates zlib data; false if it does not inflate to at most max bytes. */
static bool inflate(const char *in, size_t n, eb_buf *out, size_t max) {
    struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
    out->len = 0;
    eb_buf_append(out, "", 0);
    out->data = eb_xrealloc(out->data, max + 1);
    out->cap = max + 1;
    size_t got = 0;
    bool ok = libdeflate_zlib_decompress(d, in, n, out->data, max, &got) == LIBDEFLATE_SUCCESS;
    libdeflate_free_decompressor(d);
    out->len = ok ? got : 0;
    out->data[out->len] = '\0';
    return ok;
}

static long dict_int(const char *dict, const char *key) {
    const char *p = strstr(dict, key);
    return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

/* The object at offset: its dictionary (up to "stream") in *dict and its
 * data inflated (or as it is when it has no /Filter) in *data. */
static bool read_stream_object(const char *file, size_t len, size_t offset, unsigned number,
                               eb_buf *dict, eb_buf *data) {
    char head[32];
    int n = snprintf(head, sizeof head, "%u 0 obj\n<<", number);
    if (offset + (size_t)n > len || memcmp(file + offset, head, (size_t)n) != 0) return false;
    const char *start = file + offset, *body = pdf_test_find(start, len - offset, ">>\nstream\n");
    if (!body) return false;
    dict->len = 0;
    eb_buf_append(dict, start, (size_t)(body - start));
    body += strlen(">>\nstream\n");
    long length = dict_int(eb_buf_cstr(dict), "/Length ");
    if (length < 0 || (size_t)(body - file) + (size_t)length + 10 > len) return false;
    if (memcmp(body + length, "\nendstream", 10) != 0) return false;
    if (!strstr(dict->data, "/Filter/FlateDecode")) {
        data->len = 0;
        eb_buf_append(data, body, (size_t)length);
        return true;
    }
    return inflate(body, (size_t)length, data, 1u << 24);
}

typedef struct {
    unsigned type, field2, field3;
} row;

/* The cross-reference stream of a file: its rows (caller frees), by
 * object number; *nrows is its /Size. */
static row *read_xref(const char *file, size_t len, size_t *nrows, eb_buf *dict) {
    const char *sx = NULL;
    for (const char *p = file; (p = pdf_test_find(p, len - (size_t)(p - file), "startxref\n")); p++) sx = p;
    *nrows = 0;
    if (!sx) return NULL;
    size_t offset = strtoul(sx + 10, NULL, 10);
    unsigned number = (unsigned)strtoul(file + offset, NULL, 10);
    eb_buf data = {0};
    row *rows = NULL;
    if (read_stream_object(file, len, offset, number, dict, &data)) {
        const char *d = eb_buf_cstr(dict);
        const char *w = strstr(d, "/W[1 ");
        int w2 = w ? w[5] - '0' : 0, w3 = w ? w[7] - '0' : 0;
        size_t size = (size_t)dict_int(d, "/Size "), columns = 1 + (size_t)w2 + (size_t)w3;
        CHECK(strstr(d, "/Type/XRef") && strstr(d, "/DecodeParms<</Columns ") &&
              dict_int(d, "/Columns ") == (long)columns && strstr(d, "/Predictor 12"));
        if (w && size > 0 && data.len == size * (columns + 1)) {
            rows = eb_xcalloc(size, sizeof *rows);
            unsigned char above[16] = {0};
            for (size_t i = 0; i < size; i++) {
                const unsigned char *r = (const unsigned char *)data.data + i * (columns + 1);
                CHECK(r[0] == 2);  /* PNG Up */
                unsigned char cur[16];
                for (size_t c = 0; c < columns; c++) cur[c] = (unsigned char)(r[1 + c] + above[c]);
                memcpy(above, cur, columns);
                unsigned f2 = 0, f3 = 0;
                for (int c = 0; c < w2; c++) f2 = f2 << 8 | cur[1 + c];
                for (int c = 0; c < w3; c++) f3 = f3 << 8 | cur[1 + w2 + c];
                rows[i] = (row){cur[0], f2, f3};
            }
            *nrows = size;
        }
    }
    eb_buf_destroy(&data);
    return rows;
}

/* ---- the writer alone ---------------------------------------------------------------- */

static void test_deflate(void) {
    eb_buf in = {0}, z = {0}, back = {0};
    for (int i = 0; i < 5000; i++) eb_buf_printf(&in, "%d 0 0 1 re f\n", i % 97);
    ebi_pdf_deflate(in.data, in.len, &z);
    CHECK(z.len > 2 && z.len < in.len / 4 && (unsigned char)z.data[0] == 0x78);
    CHECK(inflate(z.data, z.len, &back, in.len) && back.len == in.len &&
          memcmp(back.data, in.data, in.len) == 0);
    ebi_pdf_deflate("", 0, &z);  /* an empty stream is still a zlib stream */
    CHECK(z.len > 0 && inflate(z.data, z.len, &back, 16) && back.len == 0);
    eb_buf_destroy(&in);
    eb_buf_destroy(&z);
    eb_buf_destroy(&back);
}

#define NFILL 250  /* small objects, to need two object streams */

/* A one-page document: catalog, pages, page packed; its content deflated;
 * an unfiltered stream; then NFILL numbers packed too. */
static void write_small_file(eb_buf *out) {
    eb_pdf_writer *w = ebi_pdf_writer_create(out, 5 + NFILL);
    eb_buf_puts(ebi_pdf_writer_packed(w, 1), "<</Type/Catalog/Pages 2 0 R>>");
    eb_buf_puts(ebi_pdf_writer_packed(w, 2), "<</Type/Pages/Kids[3 0 R]/Count 1>>");
    eb_buf_puts(ebi_pdf_writer_packed(w, 3),
                "<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R>>");
    const char *content = "0 0 1 rg 10 10 50 50 re f\n";
    ebi_pdf_writer_stream(w, 4, "", 0, content, strlen(content), true);
    const char *entries = "/Type/Metadata/Subtype/XML";
    ebi_pdf_writer_stream(w, 5, entries, strlen(entries), "<x>plain</x>", 12, false);
    for (unsigned i = 0; i < NFILL; i++) eb_buf_printf(ebi_pdf_writer_packed(w, 6 + i), "%u", i);
    const char *trailer = "/Root 1 0 R";
    ebi_pdf_writer_finish(w, trailer, strlen(trailer));
    ebi_pdf_writer_destroy(w);
}

static void test_writer(void) {
    eb_buf file = {0}, again = {0}, dict = {0}, data = {0};
    write_small_file(&file);
    write_small_file(&again);
    CHECK(file.len == again.len && memcmp(file.data, again.data, file.len) == 0);
    const unsigned char *h = (const unsigned char *)file.data;
    CHECK(file.len > 16 && memcmp(h, "%PDF-1.7\n%", 10) == 0 && h[10] > 127 && h[11] > 127 &&
          h[12] > 127 && h[13] > 127 && h[14] == '\n');
    CHECK(file.len > 6 && memcmp(file.data + file.len - 6, "%%EOF\n", 6) == 0);
    CHECK(pdf_test_find(file.data, file.len, "stream\n<x>plain</x>\nendstream"));
    CHECK(!pdf_test_find(file.data, file.len, "/Catalog"));  /* compressed */

    /* objects 256 and 257 are the object streams, 258 the xref stream */
    size_t n;
    row *rows = read_xref(file.data, file.len, &n, &dict);
    CHECK(rows && n == 259 && dict_int(eb_buf_cstr(&dict), "/Size ") == 259);
    CHECK(strstr(eb_buf_cstr(&dict), "/Index[0 259]") && strstr(dict.data, "/Root 1 0 R"));
    if (rows && n == 259) {
        CHECK(rows[0].type == 0 && rows[0].field2 == 0);
        for (unsigned i = 1; i <= 3; i++) CHECK(rows[i].type == 2 && rows[i].field2 == 256 && rows[i].field3 == i - 1);
        /* the 200th packed object is number 202, the 201st starts stream 257 */
        CHECK(rows[202].type == 2 && rows[202].field2 == 256 && rows[202].field3 == 199);
        CHECK(rows[203].type == 2 && rows[203].field2 == 257 && rows[203].field3 == 0);
        CHECK(rows[255].type == 2 && rows[255].field2 == 257 && rows[255].field3 == 52);
        for (unsigned i = 4; i < n; i++) {
            if (i == 6) i = 256;
            CHECK(rows[i].type == 1);
            CHECK(read_stream_object(file.data, file.len, rows[i].field2, i, &dict, &data));
            if (i == 4) CHECK_STR(eb_buf_cstr(&data), "0 0 1 rg 10 10 50 50 re f\n");
            if (i == 5) CHECK(strstr(eb_buf_cstr(&dict), "/Filter") == NULL);
        }
        /* the second object stream: 53 pairs, then the objects */
        CHECK(read_stream_object(file.data, file.len, rows[257].field2, 257, &dict, &data));
        const char *d = eb_buf_cstr(&dict);
        CHECK(strstr(d, "/Type/ObjStm") && dict_int(d, "/N ") == 53);
        long first = dict_int(d, "/First ");
        CHECK(first > 0 && (size_t)first < data.len && strncmp(data.data, "203 0 204 ", 10) == 0);
        if (first > 0 && (size_t)first < data.len) CHECK(strncmp(data.data + first, "197\n198\n", 8) == 0);
    }
    free(rows);

    char *path = eb_xasprintf("%s/small.pdf", scratch);
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(file.data, 1, file.len, f) == file.len && fclose(f) == 0);
    CHECK(pdf_test_qpdf_ok(path));
    int status;
    char *xref = pdf_test_tool("qpdf --show-xref '%s'", path, &status);
    CHECK_CONTAINS(xref, "3/0: compressed; stream = 256, index = 2");
    CHECK_CONTAINS(xref, "203/0: compressed; stream = 257, index = 0");
    CHECK_CONTAINS(xref, "5/0: uncompressed; offset = ");
    free(xref);
    free(path);
    eb_buf_destroy(&file);
    eb_buf_destroy(&again);
    eb_buf_destroy(&dict);
    eb_buf_destroy(&data);
}

/* ---- documents ------------------------------------------------------------------------ */

static eb_pdf *new_doc(eb_diag *diag) {
    eb_pdf_options options = {.title = "write", .lang = "en", .id_seed = "write"};
    eb_pdf *pdf = eb_pdf_create(NULL, &options, diag);
    eb_pdf_page *page = eb_pdf_add_page(pdf, 595, 842);
    int doc = eb_pdf_add_element(pdf, 0, &(eb_pdf_element){.type = "Document"});
    int figure = eb_pdf_add_element(pdf, doc, &(eb_pdf_element){.type = "Figure", .alt = "a box"});
    eb_pdf_begin_element(page, figure);
    eb_pdf_fill_rect(page, 50, 50, 200, 100, 0xDDEEFF);
    eb_pdf_end_marked(page);
    eb_pdf_outline_add(pdf, 0, "One", page, 50);
    return pdf;
}

static char *save(eb_pdf *pdf, const char *name, size_t *len) {
    char *path = eb_xasprintf("%s/%s", scratch, name);
    CHECK(eb_pdf_save(pdf, path));
    CHECK(pdf_test_qpdf_ok(path));
    char *bytes = pdf_test_read(path, len);
    free(path);
    return bytes;
}

/* Every /Length of the file is a number, not a reference. */
static bool direct_lengths(const char *bytes, size_t len) {
    size_t count = 0;
    for (const char *p = bytes; (p = pdf_test_find(p, len - (size_t)(p - bytes), "/Length ")); count++) {
        p += 8;
        while (*p >= '0' && *p <= '9') p++;
        if (*p != '>' && *p != '/') return false;
    }
    return count > 0;
}

static void test_document(void) {
    eb_diag *diag = eb_diag_create(stderr);
    eb_pdf *pdf = new_doc(diag);
    size_t len1, len2, len3, n;
    char *one = save(pdf, "doc-1.pdf", &len1);
    /* saved again unchanged: the same bytes (the same objects, numbered alike) */
    char *two = save(pdf, "doc-2.pdf", &len2);
    CHECK(one && two && len1 == len2 && memcmp(one, two, len1) == 0);
    CHECK(one && direct_lengths(one, len1));
    eb_buf dict = {0};
    row *rows = one ? read_xref(one, len1, &n, &dict) : NULL;
    size_t packed = 0;
    for (size_t i = 0; rows && i < n; i++) packed += rows[i].type == 2;
    CHECK(rows && packed >= 8);  /* all but the 3 streams, the object and xref streams */
    CHECK(strstr(eb_buf_cstr(&dict), "/Root ") && strstr(dict.data, "/Info ") &&
          strstr(dict.data, "/ID [ <"));
    free(rows);

    /* a page added after a save: saved again, both pages are there */
    eb_pdf_page *page = eb_pdf_add_page(pdf, 595, 842);
    eb_pdf_begin_artifact(page);
    eb_pdf_fill_rect(page, 10, 10, 20, 20, 0);
    eb_pdf_end_marked(page);
    char *three = save(pdf, "doc-3.pdf", &len3);
    int status;
    char *path = eb_xasprintf("%s/doc-3.pdf", scratch);
    char *info = pdf_test_tool("pdfinfo '%s'", path, &status);
    CHECK_CONTAINS(info, "Pages:           2");
    CHECK_CONTAINS(info, "Tagged:          yes");
    free(info);
    free(path);
    CHECK(eb_diag_count(diag, EB_ERROR) == 0);
    free(one);
    free(two);
    free(three);
    eb_buf_destroy(&dict);
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
}

int main(void) {
    scratch = pdf_test_dir("pdf_write");
    test_deflate();
    test_writer();
    test_document();
    free(scratch);
    return check_done("test_pdf_write");
}
