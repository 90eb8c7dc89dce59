#include "numbers.h"

#include <stdlib.h>
#include <string.h>

/* The digit value of a code point in any of the scripts, or -1. */
static int digit_value(uint32_t cp) {
    if (cp >= '0' && cp <= '9') return (int)(cp - '0');
    if (cp >= 0x06F0 && cp <= 0x06F9) return (int)(cp - 0x06F0);
    if (cp >= 0x0660 && cp <= 0x0669) return (int)(cp - 0x0660);
    if (cp >= 0xFF10 && cp <= 0xFF19) return (int)(cp - 0xFF10);
    return -1;
}

static bool is_decimal_point(uint32_t cp) { return cp == '.' || cp == 0x066B; }

/* The code point at s[*at], advancing *at; U+FFFD for invalid UTF-8 (the
 * loader has rejected such strings already; this only keeps going). */
static uint32_t next_cp(const char *s, size_t len, size_t *at) {
    uint32_t cp = 0xFFFD;
    size_t n = eb_utf8_decode(s + *at, len - *at, &cp);
    *at += n ? n : 1;
    return n ? cp : 0xFFFD;
}

static int peek_digit(const char *s, size_t len, size_t at) {
    if (at >= len) return -1;
    return digit_value(next_cp(s, len, &at));
}

/* Reads the digits from *at on into buf as ASCII. */
static void read_digits(const char *s, size_t len, size_t *at, eb_buf *buf) {
    int d;
    while ((d = peek_digit(s, len, *at)) >= 0) {
        next_cp(s, len, at);
        eb_buf_putc(buf, (char)('0' + d));
    }
}

static void push(eb_numbers *out, char *number) {
    if (out->n == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 16;
        out->items = eb_xrealloc(out->items, out->cap * sizeof *out->items);
    }
    out->items[out->n++] = number;
}

/* One number starting at a digit: its integer part without leading zeros,
 * and its decimal part when a separator is followed by a digit. */
static char *read_number(const char *s, size_t len, size_t *at) {
    eb_buf buf = {0};
    read_digits(s, len, at, &buf);
    size_t skip = 0;
    while (skip + 1 < buf.len && buf.data[skip] == '0') skip++;
    eb_buf number = {0};
    eb_buf_append(&number, buf.data + skip, buf.len - skip);
    eb_buf_destroy(&buf);
    size_t after = *at;
    if (after < len && is_decimal_point(next_cp(s, len, &after)) && peek_digit(s, len, after) >= 0) {
        *at = after;
        eb_buf_putc(&number, '.');
        read_digits(s, len, at, &number);
    }
    return eb_buf_steal(&number);
}

/* By value: a longer integer part is larger (no leading zeros), then
 * digit by digit. */
static int compare_numbers(const void *pa, const void *pb) {
    const char *a = *(char *const *)pa, *b = *(char *const *)pb;
    size_t ia = strcspn(a, "."), ib = strcspn(b, ".");
    if (ia != ib) return ia < ib ? -1 : 1;
    return strcmp(a, b);
}

void ebi_numbers_of(const char *text, eb_numbers *out) {
    *out = (eb_numbers){0};
    size_t len = strlen(text);
    for (size_t at = 0; at < len;) {
        if (peek_digit(text, len, at) >= 0) push(out, read_number(text, len, &at));
        else next_cp(text, len, &at);
    }
    if (out->n) qsort(out->items, out->n, sizeof *out->items, compare_numbers);
}

void ebi_numbers_destroy(eb_numbers *numbers) {
    for (size_t i = 0; i < numbers->n; i++) free(numbers->items[i]);
    free(numbers->items);
    *numbers = (eb_numbers){0};
}

bool ebi_numbers_equal(const eb_numbers *a, const eb_numbers *b) {
    if (a->n != b->n) return false;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->items[i], b->items[i]) != 0) return false;
    return true;
}

void ebi_numbers_missing(const eb_numbers *a, const eb_numbers *b, size_t max, eb_buf *out) {
    size_t i = 0, j = 0, shown = 0;
    while (i < a->n) {
        int c = j < b->n ? compare_numbers(&a->items[i], &b->items[j]) : -1;
        if (c > 0) { j++; continue; }
        if (c == 0) { i++; j++; continue; }
        if (shown == max) {
            eb_buf_puts(out, ", …");
            return;
        }
        eb_buf_printf(out, "%s%s", shown++ ? ", " : "", a->items[i++]);
    }
}
