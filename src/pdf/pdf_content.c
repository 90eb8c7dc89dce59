/* The content writer. Every operator of a page goes through here, and every
 * drawing call of the module leaves the graphics state as it found it
 * (q ... Q, BT ... ET inside), so that marked content (BDC ... EMC with an
 * MCID, /Artifact) can wrap any drawing for tagged PDF. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

void eb_content_free(eb_content *c) {
    eb_buf_free(&c->buf);
    *c = (eb_content){0};
}

void eb_content_note_drawing(eb_content *c) {
    if (c->marked_depth == 0) c->unmarked = true;
}

/* Decimal text of v with at most three decimals and no exponent: the same
 * bytes whatever the locale, and no "-0". */
static void format_number(char out[32], double v) {
    if (!isfinite(v)) v = 0;
    if (v > 1e9) v = 1e9;
    if (v < -1e9) v = -1e9;
    long long thousandths = llround(v * 1000.0);
    const char *sign = thousandths < 0 ? "-" : "";
    long long a = llabs(thousandths);
    long long whole = a / 1000, frac = a % 1000;
    if (frac == 0) {
        snprintf(out, 32, "%s%lld", sign, whole);
        return;
    }
    char digits[4];
    snprintf(digits, sizeof digits, "%03lld", frac);
    for (int i = 2; i > 0 && digits[i] == '0'; i--) digits[i] = '\0';
    snprintf(out, 32, "%s%lld.%s", sign, whole, digits);
}

void eb_content_number(eb_content *c, double v) {
    char text[32];
    format_number(text, v);
    eb_buf_puts(&c->buf, text);
    eb_buf_putc(&c->buf, ' ');
}

void eb_content_op(eb_content *c, const char *op, size_t n, const double *args) {
    for (size_t i = 0; i < n; i++) eb_content_number(c, args[i]);
    eb_buf_puts(&c->buf, op);
    eb_buf_putc(&c->buf, '\n');
}

void eb_content_raw(eb_content *c, const char *text) { eb_buf_puts(&c->buf, text); }

static void color_op(eb_content *c, uint32_t rgb, const char *op) {
    double v[3] = {((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0};
    eb_content_op(c, op, 3, v);
}

void eb_content_fill_color(eb_content *c, uint32_t rgb) { color_op(c, rgb, "rg"); }
void eb_content_stroke_color(eb_content *c, uint32_t rgb) { color_op(c, rgb, "RG"); }

void eb_content_begin_text(eb_content *c) {
    eb_content_raw(c, "BT\n");
    c->in_text = true;
}

void eb_content_end_text(eb_content *c) {
    eb_content_raw(c, "ET\n");
    c->in_text = false;
}

/* A PDF name: bytes outside the regular printable set are #xx escaped. */
static void write_name(eb_buf *out, const char *name) {
    eb_buf_putc(out, '/');
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p > 0x20 && *p < 0x7F && !strchr("#/()<>[]{}%", *p))
            eb_buf_putc(out, (char)*p);
        else
            eb_buf_printf(out, "#%02X", *p);
    }
}

void eb_content_begin_marked(eb_content *c, const char *tag, int mcid) {
    write_name(&c->buf, tag && *tag ? tag : "Span");
    if (mcid >= 0)
        eb_buf_printf(&c->buf, " <</MCID %d>> BDC\n", mcid);
    else
        eb_buf_puts(&c->buf, " BMC\n");
    c->marked_depth++;
}

void eb_content_begin_artifact(eb_content *c) {
    eb_content_raw(c, "/Artifact BMC\n");
    c->marked_depth++;
}

void eb_content_begin_actual_text(eb_content *c, const char *text, size_t len) {
    eb_content_raw(c, "/Span <</ActualText ");
    eb_content_utf16_hex(&c->buf, text, len);
    eb_content_raw(c, ">> BDC\n");
    c->marked_depth++;
}

bool eb_content_end_marked(eb_content *c) {
    if (c->marked_depth == 0) return false;
    eb_content_raw(c, "EMC\n");
    c->marked_depth--;
    return true;
}

/* ---- UTF-16 ------------------------------------------------------------------ */

static size_t put_utf16(uint8_t *out, uint32_t cp) {
    if (cp < 0x10000) {
        out[0] = (uint8_t)(cp >> 8);
        out[1] = (uint8_t)cp;
        return 2;
    }
    cp -= 0x10000;
    uint32_t hi = 0xD800 + (cp >> 10), lo = 0xDC00 + (cp & 0x3FF);
    out[0] = (uint8_t)(hi >> 8);
    out[1] = (uint8_t)hi;
    out[2] = (uint8_t)(lo >> 8);
    out[3] = (uint8_t)lo;
    return 4;
}

void eb_utf8_to_utf16be(const char *utf8, size_t len, bool bom, uint8_t **out, size_t *out_len) {
    /* at most 4 bytes of UTF-16 per byte of UTF-8, plus the mark */
    uint8_t *u = eb_xmalloc(4 * len + 2);
    size_t n = 0;
    if (bom) {
        u[n++] = 0xFE;
        u[n++] = 0xFF;
    }
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t step = eb_utf8_decode(utf8 + i, len - i, &cp);
        if (step == 0) {
            cp = 0xFFFD;
            step = 1;
        }
        n += put_utf16(u + n, cp);
        i += step;
    }
    *out = u;
    *out_len = n;
}

void eb_content_utf16_hex(eb_buf *out, const char *utf8, size_t len) {
    uint8_t *u;
    size_t n;
    eb_utf8_to_utf16be(utf8, len, true, &u, &n);
    eb_buf_putc(out, '<');
    for (size_t i = 0; i < n; i++) eb_buf_printf(out, "%02X", u[i]);
    eb_buf_putc(out, '>');
    free(u);
}
