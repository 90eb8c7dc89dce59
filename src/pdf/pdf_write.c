/* PDF 1.5 file structure: object streams, a cross-reference stream, and
 * every stream deflated with libdeflate. See pdf_write.h. */
#include "pdf_write.h"

#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One row of the cross-reference stream (PDF 1.7, 7.5.8.3): type 0 free,
 * 1 at a byte offset, 2 in an object stream (field 2 its number, field 3
 * the index in it). */
typedef struct {
    uint8_t type;
    uint64_t field2;
    uint32_t field3;
} xref_row;

struct eb_pdf_writer {
    eb_buf *out;
    size_t start;              /* where the file starts in out */
    struct libdeflate_compressor *compressor;
    uint32_t nobjects;         /* the document's objects: 1 ... nobjects */
    uint32_t next_number;      /* for the next object stream or the xref stream */
    xref_row *rows;            /* by object number */
    size_t nrows, rows_cap;
    /* the object stream being filled */
    eb_buf packed;             /* the objects' values, one after another */
    uint32_t numbers[EB_OBJSTM_MAX_OBJECTS];
    size_t offsets[EB_OBJSTM_MAX_OBJECTS];
    size_t npacked;
    eb_buf scratch, deflated;
};

static struct libdeflate_compressor *new_compressor(void) {
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(EB_DEFLATE_LEVEL);
    if (!c) {
        fputs("evbrief: out of memory (libdeflate)\n", stderr);
        abort();
    }
    return c;
}

static void deflate_with(struct libdeflate_compressor *c, const void *in, size_t n, eb_buf *out) {
    size_t bound = libdeflate_zlib_compress_bound(c, n);
    if (out->cap < bound + 1) {
        out->data = eb_xrealloc(out->data, bound + 1);
        out->cap = bound + 1;
    }
    out->len = libdeflate_zlib_compress(c, in, n, out->data, bound);
    out->data[out->len] = '\0';
}

void ebi_pdf_deflate(const void *in, size_t n, eb_buf *out) {
    struct libdeflate_compressor *c = new_compressor();
    deflate_with(c, in, n, out);
    libdeflate_free_compressor(c);
}

static void set_row(eb_pdf_writer *w, uint32_t number, uint8_t type, uint64_t field2, uint32_t field3) {
    if (number >= w->rows_cap) {
        size_t cap = w->rows_cap ? w->rows_cap : 64;
        while (cap <= number) cap *= 2;
        w->rows = eb_xrealloc(w->rows, cap * sizeof *w->rows);
        memset(w->rows + w->rows_cap, 0, (cap - w->rows_cap) * sizeof *w->rows);
        w->rows_cap = cap;
    }
    w->rows[number] = (xref_row){type, field2, field3};
    if (number >= w->nrows) w->nrows = (size_t)number + 1;
}

eb_pdf_writer *ebi_pdf_writer_create(eb_buf *out, uint32_t nobjects) {
    eb_pdf_writer *w = eb_xcalloc(1, sizeof *w);
    w->out = out;
    w->start = out->len;
    w->compressor = new_compressor();
    w->nobjects = nobjects;
    w->next_number = nobjects + 1;
    set_row(w, 0, 0, 0, 0);
    /* the version, then a comment of bytes above 127: the file is binary */
    eb_buf_puts(out, "%PDF-1.7\n%\xB7\xBE\xAD\xAA\n");
    return w;
}

void ebi_pdf_writer_destroy(eb_pdf_writer *w) {
    if (!w) return;
    libdeflate_free_compressor(w->compressor);
    free(w->rows);
    eb_buf_destroy(&w->packed);
    eb_buf_destroy(&w->scratch);
    eb_buf_destroy(&w->deflated);
    free(w);
}

/* "N 0 obj\n<<" dict ">>\nstream\n" data "\nendstream\nendobj\n"; dict
 * gets /Length. Records the object's offset. */
static void put_stream_object(eb_pdf_writer *w, uint32_t number, const char *dict, size_t dict_len,
                              const void *data, size_t len) {
    set_row(w, number, 1, w->out->len - w->start, 0);
    eb_buf_printf(w->out, "%u 0 obj\n<<", (unsigned)number);
    eb_buf_append(w->out, dict, dict_len);
    eb_buf_printf(w->out, "/Length %zu>>\nstream\n", len);
    eb_buf_append(w->out, data, len);
    eb_buf_puts(w->out, "\nendstream\nendobj\n");
}

void ebi_pdf_writer_stream(eb_pdf_writer *w, uint32_t number, const char *entries,
                          size_t entries_len, const void *data, size_t len, bool deflate) {
    if (!deflate) {
        put_stream_object(w, number, entries, entries_len, data, len);
        return;
    }
    deflate_with(w->compressor, data, len, &w->deflated);
    w->scratch.len = 0;
    eb_buf_append(&w->scratch, entries, entries_len);
    eb_buf_puts(&w->scratch, "/Filter/FlateDecode");
    put_stream_object(w, number, w->scratch.data, w->scratch.len, w->deflated.data, w->deflated.len);
}

/* Writes the object stream being filled, if it holds anything:
 * "n1 off1 n2 off2 ...\n" then the objects; /First is where they start. */
static void flush_packed(eb_pdf_writer *w) {
    if (w->npacked == 0) return;
    uint32_t number = w->next_number++;
    eb_buf *data = &w->scratch;
    data->len = 0;
    for (size_t i = 0; i < w->npacked; i++) {
        eb_buf_printf(data, i ? " %u %zu" : "%u %zu", (unsigned)w->numbers[i], w->offsets[i]);
        set_row(w, w->numbers[i], 2, number, (uint32_t)i);
    }
    eb_buf_putc(data, '\n');
    size_t first = data->len;
    eb_buf_append(data, w->packed.data, w->packed.len);
    deflate_with(w->compressor, data->data, data->len, &w->deflated);
    char dict[96];
    int n = snprintf(dict, sizeof dict, "/Type/ObjStm/N %zu/First %zu/Filter/FlateDecode", w->npacked,
                     first);
    put_stream_object(w, number, dict, (size_t)n, w->deflated.data, w->deflated.len);
    w->packed.len = 0;
    w->npacked = 0;
}

eb_buf *ebi_pdf_writer_packed(eb_pdf_writer *w, uint32_t number) {
    if (w->npacked == EB_OBJSTM_MAX_OBJECTS) flush_packed(w);
    if (w->npacked > 0) eb_buf_putc(&w->packed, '\n');
    w->numbers[w->npacked] = number;
    w->offsets[w->npacked] = w->packed.len;
    w->npacked++;
    return &w->packed;
}

/* Bytes needed for v, at least 1. */
static int width_of(uint64_t v) {
    int n = 1;
    while (v >>= 8) n++;
    return n;
}

static void put_field(uint8_t *row, int width, uint64_t v) {
    for (int i = width - 1; i >= 0; i--, v >>= 8) row[i] = (uint8_t)v;
}

/* The rows, big-endian fields of widths 1, w2, w3, each row led by the PNG
 * Up predictor's tag and holding its difference from the row above
 * (/Predictor 12): columns that barely change deflate to almost nothing. */
static void xref_rows(const eb_pdf_writer *w, int w2, int w3, eb_buf *out) {
    size_t columns = 1 + (size_t)w2 + (size_t)w3;
    uint8_t row[1 + 8 + 4], above[1 + 8 + 4] = {0}, line[1 + 1 + 8 + 4];
    out->len = 0;
    for (size_t i = 0; i < w->nrows; i++) {
        row[0] = w->rows[i].type;
        put_field(row + 1, w2, w->rows[i].field2);
        put_field(row + 1 + w2, w3, w->rows[i].field3);
        line[0] = 2;
        for (size_t c = 0; c < columns; c++) line[1 + c] = (uint8_t)(row[c] - above[c]);
        memcpy(above, row, columns);
        eb_buf_append(out, line, columns + 1);
    }
}

void ebi_pdf_writer_finish(eb_pdf_writer *w, const char *trailer_entries, size_t len) {
    flush_packed(w);
    uint32_t number = w->next_number++;
    size_t offset = w->out->len - w->start;
    set_row(w, number, 1, offset, 0);
    uint64_t max2 = 0;
    uint32_t max3 = 0;
    for (size_t i = 0; i < w->nrows; i++) {
        if (w->rows[i].field2 > max2) max2 = w->rows[i].field2;
        if (w->rows[i].field3 > max3) max3 = w->rows[i].field3;
    }
    int w2 = width_of(max2), w3 = width_of(max3);
    xref_rows(w, w2, w3, &w->scratch);
    deflate_with(w->compressor, w->scratch.data, w->scratch.len, &w->deflated);
    eb_buf dict = {0};
    eb_buf_printf(&dict,
                  "/Type/XRef/Size %zu/Index[0 %zu]/W[1 %d %d]/Filter/FlateDecode"
                  "/DecodeParms<</Columns %d/Predictor 12>>",
                  w->nrows, w->nrows, w2, w3, 1 + w2 + w3);
    eb_buf_append(&dict, trailer_entries, len);
    put_stream_object(w, number, dict.data, dict.len, w->deflated.data, w->deflated.len);
    eb_buf_destroy(&dict);
    eb_buf_printf(w->out, "startxref\n%zu\n%%%%EOF\n", offset);
}
