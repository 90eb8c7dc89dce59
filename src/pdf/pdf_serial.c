/* Writing PDF objects: each value's syntax, and the whole file through
 * pdf_write.c. See pdf_object.h.
 *
 * The layout is libharu 2.3.0's, which evbrief used until its own object
 * layer replaced it, kept so that the briefs stayed byte-identical: a
 * dictionary is "<<\n/Key value\n...>>", an array "[ a b ]", names and
 * literal strings escape the same bytes (octal in strings, #XX in names),
 * hex strings are upper case, and a number with a fraction is a float
 * written with five decimals at most (libharu's HPDF_FToA, computed the
 * same way so that every coordinate rounds as before). */
#include <stdio.h>
#include <string.h>

#include "pdf_object.h"
#include "pdf_write.h"

/* Bytes written escaped in names and literal strings: controls, non-ASCII,
 * and the delimiters, '%' and '#'. More than PDF needs, never less. */
static bool needs_escape(uint8_t c) {
    return c < 0x20 || c > 0x7E || (c && strchr("\\%#/()<>[]{}", c));
}

/* A space too, which libharu left raw (ending the name there): no name
 * evbrief writes has one, so the briefs' bytes do not change. */
static void write_name(const uint8_t *s, size_t n, eb_buf *out) {
    static const char hex[] = "0123456789ABCDEF";
    eb_buf_putc(out, '/');
    for (size_t i = 0; i < n; i++) {
        if (!needs_escape(s[i]) && s[i] != ' ') {
            eb_buf_putc(out, (char)s[i]);
            continue;
        }
        char esc[3] = {'#', hex[s[i] >> 4], hex[s[i] & 15]};
        eb_buf_append(out, esc, 3);
    }
}

static void write_literal(const uint8_t *s, size_t n, eb_buf *out) {
    eb_buf_putc(out, '(');
    for (size_t i = 0; i < n; i++) {
        if (!needs_escape(s[i])) {
            eb_buf_putc(out, (char)s[i]);
            continue;
        }
        char esc[4] = {'\\', (char)('0' + (s[i] >> 6)), (char)('0' + ((s[i] >> 3) & 7)),
                       (char)('0' + (s[i] & 7))};
        eb_buf_append(out, esc, 4);
    }
    eb_buf_putc(out, ')');
}

static void write_hex(const uint8_t *s, size_t n, eb_buf *out) {
    static const char hex[] = "0123456789ABCDEF";
    eb_buf_putc(out, '<');
    for (size_t i = 0; i < n; i++) {
        char pair[2] = {hex[s[i] >> 4], hex[s[i] & 15]};
        eb_buf_append(out, pair, 2);
    }
    eb_buf_putc(out, '>');
}

/* The integer part truncated after adding half of the last decimal, the
 * fraction in float arithmetic: the steps (and types) of HPDF_FToA. */
void ebi_pobj_real_text(float v, char *out) {
    if (!(v <= 32767)) v = v != v ? 0 : 32767;  /* NaN: 0, as no reader chokes on it */
    if (v < -32767) v = -32767;
    char *p = out;
    if (v < 0) {
        *p++ = '-';
        v = -v;
    }
    int32_t whole = (int32_t)(v + 0.000005);
    int32_t fraction = (int32_t)((float)(v - (float)whole + 0.000005) * 100000);
    p += sprintf(p, "%d.%05d", (int)whole, (int)(fraction % 100000));
    /* no trailing zeros, no trailing point */
    while (p[-1] == '0') *--p = '\0';
    if (p[-1] == '.') *--p = '\0';  /* -0.000001 stays "-0", as it was */
}

static void write_entries_of(const eb_pobj *dict, const char *const *skip, const char *sep,
                             eb_buf *out);

static void write_array(const eb_pobj *a, eb_buf *out) {
    eb_buf_puts(out, "[ ");
    for (size_t i = 0; i < ebi_pobj_len(a); i++) {
        ebi_pobj_write(ebi_pobj_value_at(a, i), out);
        eb_buf_putc(out, ' ');
    }
    eb_buf_putc(out, ']');
}

static void write_value(const eb_pobj *o, eb_buf *out) {
    size_t n;
    const uint8_t *bytes;
    char number[32];
    switch (ebi_pobj_kind_of(o)) {
    case EB_POBJ_NULL: eb_buf_puts(out, "null"); break;
    case EB_POBJ_BOOL: eb_buf_puts(out, ebi_pobj_bool_value(o) ? "true" : "false"); break;
    case EB_POBJ_INT: eb_buf_printf(out, "%ld", ebi_pobj_int_value(o)); break;
    case EB_POBJ_REAL:
        ebi_pobj_real_text(ebi_pobj_real_value(o), number);
        eb_buf_puts(out, number);
        break;
    case EB_POBJ_NAME: bytes = ebi_pobj_bytes(o, &n); write_name(bytes, n, out); break;
    case EB_POBJ_STRING: bytes = ebi_pobj_bytes(o, &n); write_literal(bytes, n, out); break;
    case EB_POBJ_HEX: bytes = ebi_pobj_bytes(o, &n); write_hex(bytes, n, out); break;
    case EB_POBJ_ARRAY: write_array(o, out); break;
    case EB_POBJ_DICT:
    case EB_POBJ_STREAM:  /* a stream's dictionary only: never direct */
        eb_buf_puts(out, "<<\n");
        write_entries_of(o, NULL, "\n", out);
        eb_buf_puts(out, ">>");
        break;
    }
}

void ebi_pobj_write(const eb_pobj *o, eb_buf *out) {
    if (ebi_pobj_number(o))
        eb_buf_printf(out, "%u 0 R", (unsigned)ebi_pobj_number(o));
    else
        write_value(o, out);
}

void ebi_pobj_write_object(const eb_pobj *o, eb_buf *out) { write_value(o, out); }

static bool skipped(const char *key, const char *const *skip) {
    for (; skip && *skip; skip++)
        if (strcmp(key, *skip) == 0) return true;
    return false;
}

static void write_entries_of(const eb_pobj *dict, const char *const *skip, const char *sep,
                             eb_buf *out) {
    for (size_t i = 0; i < ebi_pobj_len(dict); i++) {
        const char *key = ebi_pobj_key_at(dict, i);
        if (skipped(key, skip)) continue;
        write_name((const uint8_t *)key, strlen(key), out);
        eb_buf_putc(out, ' ');
        ebi_pobj_write(ebi_pobj_value_at(dict, i), out);
        eb_buf_puts(out, sep);
    }
}

void ebi_pobj_write_entries(const eb_pobj *dict, const char *const *skip, eb_buf *out) {
    write_entries_of(dict, skip, "", out);
}

/* A stream's own /Length and /Filter are pdf_write.c's to write. */
static void save_stream(eb_pdf_writer *w, const eb_pobj *s, eb_buf *entries) {
    static const char *const skip[] = {"Length", "Filter", "DecodeParms", NULL};
    entries->len = 0;
    ebi_pobj_write_entries(s, skip, entries);
    const eb_buf *data = ebi_pobj_stream_data(s);
    ebi_pdf_writer_stream(w, ebi_pobj_number(s), entries->data, entries->len, data->data, data->len,
                         ebi_pobj_stream_deflated(s));
}

void ebi_pobjs_save(const eb_pobjs *t, const eb_pobj *trailer, eb_buf *out) {
    uint32_t n = ebi_pobjs_count(t);
    eb_pdf_writer *w = ebi_pdf_writer_create(out, n);
    for (uint32_t i = 0; i < n; i++) {
        const eb_pobj *o = ebi_pobjs_at(t, i);
        if (ebi_pobj_kind_of(o) != EB_POBJ_STREAM)
            ebi_pobj_write_object(o, ebi_pdf_writer_packed(w, ebi_pobj_number(o)));
    }
    eb_buf entries = {0};
    for (uint32_t i = 0; i < n; i++) {
        const eb_pobj *o = ebi_pobjs_at(t, i);
        if (ebi_pobj_kind_of(o) == EB_POBJ_STREAM) save_stream(w, o, &entries);
    }
    entries.len = 0;
    ebi_pobj_write_entries(trailer, NULL, &entries);  /* pdf_write.c adds /Size */
    ebi_pdf_writer_finish(w, entries.data, entries.len);
    ebi_pdf_writer_destroy(w);
    eb_buf_destroy(&entries);
}
