/* util: allocation that cannot return NULL, a growable byte buffer, UTF-8
 * helpers and file I/O shared by every stage. */
#ifndef EVBRIEF_UTIL_H
#define EVBRIEF_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Allocation failure is not recoverable for a batch tool: these abort with a
 * message instead of returning NULL, so callers need no NULL checks. */
#define EB_NONNULL_RESULT __attribute__((returns_nonnull))  /* said to the compiler and analyzers */
EB_NONNULL_RESULT void *eb_xmalloc(size_t size);
EB_NONNULL_RESULT void *eb_xcalloc(size_t count, size_t size);
EB_NONNULL_RESULT void *eb_xrealloc(void *ptr, size_t size);
EB_NONNULL_RESULT char *eb_xstrdup(const char *s);
EB_NONNULL_RESULT char *eb_xstrndup(const char *s, size_t n);
EB_NONNULL_RESULT char *eb_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer, always NUL-terminated once anything was written.
 * Zero-initialise to start; eb_buf_destroy or eb_buf_steal to finish. */
typedef struct {
    char *data;
    size_t len, cap;
} eb_buf;

void eb_buf_append(eb_buf *buf, const void *bytes, size_t n);
void eb_buf_puts(eb_buf *buf, const char *s);
void eb_buf_putc(eb_buf *buf, char c);
void eb_buf_printf(eb_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void eb_buf_vprintf(eb_buf *buf, const char *fmt, va_list args);
const char *eb_buf_cstr(eb_buf *buf);  /* "" when empty */
/* Appends s, or when it is longer than max_chars characters its first
 * max_chars and an ellipsis: for quoting input values in messages, which
 * must stay readable when a value is megabytes long. */
void eb_buf_put_excerpt(eb_buf *buf, const char *s, size_t max_chars);
char *eb_buf_steal(eb_buf *buf);       /* caller owns the result; buf is reset */
void eb_buf_destroy(eb_buf *buf);

/* An arena: many allocations released together. The corpus keeps all of its
 * strings and arrays in one, so freeing a corpus is one call. */
typedef struct eb_arena eb_arena;
eb_arena *eb_arena_create(void);
void eb_arena_destroy(eb_arena *arena);
void *eb_arena_alloc(eb_arena *arena, size_t size);        /* zeroed, aligned */
void *eb_arena_array(eb_arena *arena, size_t count, size_t size);
char *eb_arena_strdup(eb_arena *arena, const char *s);
char *eb_arena_strndup(eb_arena *arena, const char *s, size_t n);

/* UTF-8. eb_utf8_decode reads one code point at s (n bytes available) and
 * returns its length, or 0 when the bytes there are not valid UTF-8 (overlong
 * forms, surrogates and values above U+10FFFF are invalid). */
size_t eb_utf8_decode(const char *s, size_t n, uint32_t *cp);
size_t eb_utf8_encode(uint32_t cp, char out[4]);
/* Returns the byte offset of the first invalid sequence, or n when valid. */
size_t eb_utf8_validate(const char *s, size_t n);
size_t eb_utf8_count(const char *s, size_t n); /* code points in n bytes */

/* Reads a whole file. Returns false and sets *error (static text) on failure.
 * The result is NUL-terminated; *len excludes the terminator. */
bool eb_read_file(const char *path, size_t max_size, char **data, size_t *len,
                  const char **error);
/* Writes all len bytes to fd, going on after short writes (retrying on
 * EINTR). Returns false with errno set: after a short write the next one
 * fails with the reason (EFBIG, ENOSPC), which a short count alone would
 * not give. */
bool eb_write_all(int fd, const void *data, size_t len);


/* SHA-256 (nettle) of a byte range, as 64 lowercase hex digits and a NUL. */
void eb_sha256_hex(const void *data, size_t len, char hex[65]);
/* The same of a regular file's bytes, hashed where they lie (mapped, not
 * copied: a CJK font collection is 20 MB); *size (when not NULL) is its
 * length. Returns false and sets *error (static text) on failure. */
bool eb_sha256_file(const char *path, char hex[65], size_t *size, const char **error);

/* A decoded raster image, 8 bits a sample, rows top to bottom: read by the
 * load stage (a clinic's logo, model.h) and embedded by the PDF stage. It
 * is plain data, so that neither stage needs the other's headers. */
typedef struct {
    size_t width, height;   /* pixels; 0 x 0: no image */
    const uint8_t *rgb;     /* width * height * 3 bytes */
    const uint8_t *alpha;   /* width * height bytes; NULL when every pixel is opaque */
} eb_image;

#endif
