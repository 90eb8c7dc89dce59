/* The file structure of a PDF 1.5+ file, apart from any object model: the
 * header, stream objects, object streams that hold every other object, and
 * a cross-reference stream. pdf_serial.c walks the document's objects and hands
 * them here already serialised; nothing here knows an object model.
 *
 * Every stream is deflated in one call with libdeflate (zlib format, so
 * /FlateDecode). Objects go into object streams of at most
 * EB_OBJSTM_MAX_OBJECTS each, in the order they are given; object streams
 * and the cross-reference stream take the numbers after the document's
 * own objects. Same calls, same bytes. */
#ifndef EVBRIEF_PDF_WRITE_H
#define EVBRIEF_PDF_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Objects per object stream: a reader inflates a whole object stream to
 * reach one of its objects. For skin-aging.en 200 costs 0.5 % more bytes
 * than one object stream for everything, 100 another 0.6 %. */
#define EB_OBJSTM_MAX_OBJECTS 200
/* libdeflate's level for every stream (1 fastest ... 12 smallest). On the
 * streams libharu used to deflate (zlib level 6), for skin-aging.en:
 * level 6 is 0.3 % smaller in 40 % fewer instructions than zlib; 7 is
 * 1.7 % smaller in 23 % fewer; 9 is 3 % smaller but takes 1.6 times
 * zlib's instructions, 12 6 % smaller at 10 times. */
#define EB_DEFLATE_LEVEL 6

typedef struct eb_pdf_writer eb_pdf_writer;

/* Starts a file in out (appending): the %PDF-1.7 header and its binary
 * comment. The document's objects are numbered 1 to nobjects. */
eb_pdf_writer *ebi_pdf_writer_create(eb_buf *out, uint32_t nobjects);
void ebi_pdf_writer_destroy(eb_pdf_writer *w);

/* Object `number` (not a stream) goes into an object stream: returns the
 * buffer its serialised value is to be appended to, until the next call. */
eb_buf *ebi_pdf_writer_packed(eb_pdf_writer *w, uint32_t number);

/* Writes stream object `number`: `entries` are its dictionary's entries
 * without << >>, /Length and /Filter ("/Type /Metadata" ...); `data` its
 * bytes, deflated (and marked /FlateDecode) when `deflate`, else written
 * as they are. */
void ebi_pdf_writer_stream(eb_pdf_writer *w, uint32_t number, const char *entries,
                          size_t entries_len, const void *data, size_t len, bool deflate);

/* Ends the file: the last object stream, then the cross-reference stream,
 * whose dictionary also holds `trailer_entries` (/Root, /Info, /ID as
 * entries, like `entries` above), startxref and %%EOF. */
void ebi_pdf_writer_finish(eb_pdf_writer *w, const char *trailer_entries, size_t len);

/* Deflates in[0..n) into out (zlib format, replacing its contents) with a
 * compressor of EB_DEFLATE_LEVEL. For tests and measurements. */
void ebi_pdf_deflate(const void *in, size_t n, eb_buf *out);

#endif
