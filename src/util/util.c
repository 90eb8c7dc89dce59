#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void out_of_memory(size_t size) {
    fprintf(stderr, "evbrief: out of memory (allocating %zu bytes)\n", size);
    abort();
}

void *eb_xmalloc(size_t size) {
    void *p = malloc(size ? size : 1);
    if (!p) out_of_memory(size);
    return p;
}

void *eb_xcalloc(size_t count, size_t size) {
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) out_of_memory(count * size);
    return p;
}

void *eb_xrealloc(void *ptr, size_t size) {
    void *p = realloc(ptr, size ? size : 1);
    if (!p) out_of_memory(size);
    return p;
}

char *eb_xstrdup(const char *s) { return eb_xstrndup(s, strlen(s)); }

char *eb_xstrndup(const char *s, size_t n) {
    char *p = eb_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *eb_xasprintf(const char *fmt, ...) {
    eb_buf buf = {0};
    va_list args;
    va_start(args, fmt);
    eb_buf_vprintf(&buf, fmt, args);
    va_end(args);
    return eb_buf_steal(&buf);
}

static void buf_reserve(eb_buf *buf, size_t extra) {
    size_t need = buf->len + extra + 1;
    if (need <= buf->cap) return;
    size_t cap = buf->cap ? buf->cap : 64;
    while (cap < need) cap *= 2;
    buf->data = eb_xrealloc(buf->data, cap);
    buf->cap = cap;
}

void eb_buf_append(eb_buf *buf, const void *bytes, size_t n) {
    buf_reserve(buf, n);
    if (n) memcpy(buf->data + buf->len, bytes, n);
    buf->len += n;
    buf->data[buf->len] = '\0';
}

void eb_buf_puts(eb_buf *buf, const char *s) { eb_buf_append(buf, s, strlen(s)); }
void eb_buf_putc(eb_buf *buf, char c) { eb_buf_append(buf, &c, 1); }

void eb_buf_put_excerpt(eb_buf *buf, const char *s, size_t max_chars) {
    size_t i = 0, chars = 0;
    while (s[i] && chars < max_chars) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80) i++; /* whole characters */
        chars++;
    }
    eb_buf_append(buf, s, i);
    if (s[i]) eb_buf_puts(buf, "\xE2\x80\xA6"); /* … */
}

void eb_buf_vprintf(eb_buf *buf, const char *fmt, va_list args) {
    /* Format straight into the spare room; only when it does not fit, grow
     * and format again. Content streams are built this way, number by
     * number, so the common case must be one vsnprintf. */
    buf_reserve(buf, 32);
    va_list copy;
    va_copy(copy, args);
    size_t room = buf->cap - buf->len;
    int n = vsnprintf(buf->data + buf->len, room, fmt, copy);
    va_end(copy);
    if (n < 0) {
        buf->data[buf->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        buf_reserve(buf, (size_t)n);
        vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, args);
    }
    buf->len += (size_t)n;
}

void eb_buf_printf(eb_buf *buf, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    eb_buf_vprintf(buf, fmt, args);
    va_end(args);
}

const char *eb_buf_cstr(eb_buf *buf) { return buf->data ? buf->data : ""; }

char *eb_buf_steal(eb_buf *buf) {
    char *s = buf->data ? buf->data : eb_xstrdup("");
    *buf = (eb_buf){0};
    return s;
}

void eb_buf_destroy(eb_buf *buf) {
    free(buf->data);
    *buf = (eb_buf){0};
}

size_t eb_utf8_decode(const char *s, size_t n, uint32_t *cp) {
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0) return 0;
    if (u[0] < 0x80) { *cp = u[0]; return 1; }
    size_t len;
    uint32_t min, c;
    if ((u[0] & 0xE0) == 0xC0) { len = 2; min = 0x80; c = u[0] & 0x1F; }
    else if ((u[0] & 0xF0) == 0xE0) { len = 3; min = 0x800; c = u[0] & 0x0F; }
    else if ((u[0] & 0xF8) == 0xF0) { len = 4; min = 0x10000; c = u[0] & 0x07; }
    else return 0;
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (u[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    *cp = c;
    return len;
}

size_t eb_utf8_encode(uint32_t cp, char out[4]) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t eb_utf8_validate(const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = eb_utf8_decode(s + i, n - i, &cp);
        if (len == 0) return i;
        i += len;
    }
    return n;
}

size_t eb_utf8_count(const char *s, size_t n) {
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) count++;
    return count;
}

bool eb_read_file(const char *path, size_t max_size, char **data, size_t *len,
                  const char **error) {
    FILE *f = fopen(path, "rb");
    if (!f) { *error = strerror(errno); return false; }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        *error = "not a regular file";
        return false;
    }
    if ((size_t)st.st_size > max_size) {
        fclose(f);
        *error = "file too large";
        return false;
    }
    char *buf = eb_xmalloc((size_t)st.st_size + 1);
    size_t got = fread(buf, 1, (size_t)st.st_size, f);
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed) { free(buf); *error = "read error"; return false; }
    buf[got] = '\0';
    *data = buf;
    *len = got;
    return true;
}

bool eb_write_all(int fd, const void *data, size_t len) {
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0) {
            errno = EIO;
            return false;
        }
        p += n;
        len -= (size_t)n;
    }
    return true;
}
