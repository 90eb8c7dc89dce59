/* The file structure of a PDF 1.5+ file, apart from any object model: the
 * header, stream objects, object streams that hold every other object, and
 * a cross-reference stream. pdf_hpdf.c walks libharu's objects and hands
 * them here already serialised; nothing here includes libharu.
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
 * reach one of its objects; 200 costs about 1 % more bytes than putting
 * all of them in one (see docs/performance.md). */
#define EB_OBJSTM_MAX_OBJECTS 200
/* libdeflate's level for every stream (1 fastest ... 12 smallest). */
#define EB_DEFLATE_LEVEL 9

typedef struct eb_pdf_writer eb_pdf_writer;

/* Starts a file in out (appending): the %PDF-1.7 header and its binary
 * comment. The document's objects are numbered 1 to nobjects. */
eb_pdf_writer *eb_pdf_writer_new(eb_buf *out, uint32_t nobjects);
void eb_pdf_writer_free(eb_pdf_writer *w);

/* Object `number` (not a stream) goes into an object stream: returns the
 * buffer its serialised value is to be appended to, until the next call. */
eb_buf *eb_pdf_writer_packed(eb_pdf_writer *w, uint32_t number);

/* Writes stream object `number`: `entries` are its dictionary's entries
 * without << >>, /Length and /Filter ("/Type /Metadata" ...); `data` its
 * bytes, deflated (and marked /FlateDecode) when `deflate`, else written
 * as they are. */
void eb_pdf_writer_stream(eb_pdf_writer *w, uint32_t number, const char *entries,
                          size_t entries_len, const void *data, size_t len, bool deflate);

/* Ends the file: the last object stream, then the cross-reference stream,
 * whose dictionary also holds `trailer_entries` (/Root, /Info, /ID as
 * entries, like `entries` above), startxref and %%EOF. */
void eb_pdf_writer_finish(eb_pdf_writer *w, const char *trailer_entries, size_t len);

/* Deflates in[0..n) into out (zlib format, replacing its contents) with a
 * compressor of EB_DEFLATE_LEVEL. For tests and measurements. */
void eb_pdf_deflate(const void *in, size_t n, eb_buf *out);

#endif
