/* The content writer. Every operator of a page goes through here, so that
 * marked content (BDC ... EMC with an MCID, /Artifact) can wrap any drawing
 * for tagged PDF, and so that text objects nest properly with it.
 *
 * Graphics state. Paths (pdf_doc.c) leave the graphics state as they found
 * it: q, their colour and line width, the path, Q. Text is not wrapped in
 * q ... Q: the fill colour (rg) and font (Tf) it sets stay in effect at the
 * page's base level, where nothing else depends on them (a path sets its own
 * colour inside its q ... Q and Q restores the text's), and the writer
 * remembers them so that it writes them again only when they change. Text
 * rise (Ts) is back to 0 after each run; BT resets the text matrix.
 *
 * Text objects. BT is written when text is drawn and no text object is
 * open; the object then stays open for the text that follows and is closed
 * (ET) before anything else is written: a path, a colour for a path, a new
 * BDC/BMC, or the EMC that ends the marked-content sequence BT was written
 * in (the text writer also closes it at the end of a drawing call made
 * outside marked content, where no EMC would). So a text object lies inside
 * one marked-content sequence, and the sequences opened inside it (the text
 * writer's ActualText spans) end inside it.
 *
 * Numbers: at most three decimals, no trailing zeros, no exponent, no "-0",
 * the same bytes whatever the C locale; no printf anywhere on this path. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

static const char hex_digits[] = "0123456789ABCDEF";

void ebi_content_destroy(eb_content *c) {
    eb_buf_destroy(&c->buf);
    *c = (eb_content){0};
}

void ebi_content_note_drawing(eb_content *c) {
    if (c->marked_depth == 0) c->unmarked = true;
}

/* ---- numbers ------------------------------------------------------------------ */

/* v in thousandths, rounded half away from zero; absurd values clamped to
 * +-1e9 and non-finite ones taken as 0. */
static long long thousandths(double v) {
    if (!isfinite(v)) return 0;
    if (v > 1e9) v = 1e9;
    if (v < -1e9) v = -1e9;
    return llround(v * 1000.0);
}

/* The decimal digits of v ending at `end`; returns where they start. */
static char *format_digits(char *end, unsigned long long v) {
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    return end;
}

/* Decimal text of t/1000 ending at `end` (no terminator); returns where it
 * starts. At most 24 bytes for any t. */
static char *format_thousandths(char *end, long long t) {
    char *p = end;
    unsigned long long a = t < 0 ? 0ULL - (unsigned long long)t : (unsigned long long)t;
    unsigned frac = (unsigned)(a % 1000);
    a /= 1000;
    if (frac != 0) {
        int places = 3;
        while (frac % 10 == 0) {
            frac /= 10;
            places--;
        }
        for (; places > 0; places--) {
            *--p = (char)('0' + frac % 10);
            frac /= 10;
        }
        *--p = '.';
    }
    p = format_digits(p, a);
    if (t < 0) *--p = '-';
    return p;
}

/* Appends t/1000 as text, then `after` unless it is '\0'. */
static void put_thousandths(eb_buf *out, long long t, char after) {
    char text[32];
    char *end = text + sizeof text - 1;
    *end = after;
    char *start = format_thousandths(end, t);
    eb_buf_append(out, start, (size_t)(end - start) + (after != '\0'));
}

static void put_number(eb_buf *out, double v, char after) { put_thousandths(out, thousandths(v), after); }

void ebi_content_number(eb_content *c, double v) { put_number(&c->buf, v, ' '); }

/* r g b rg, or RG: the three components as numbers from 0 to 1. */
static void color_op(eb_content *c, uint32_t rgb, const char *op) {
    for (int shift = 16; shift >= 0; shift -= 8) put_number(&c->buf, ((rgb >> shift) & 0xFF) / 255.0, ' ');
    eb_buf_puts(&c->buf, op);
}

/* ---- text objects --------------------------------------------------------------- */

static void end_array(eb_content *c) {
    if (!c->in_array) return;
    eb_buf_puts(&c->buf, c->in_string ? ">]TJ\n" : "]TJ\n");
    c->in_array = c->in_string = c->after_number = false;
}

void ebi_content_begin_text(eb_content *c) {
    if (c->in_text) return;
    eb_buf_append(&c->buf, "BT\n", 3);
    c->in_text = true;
    c->text_depth = c->marked_depth;
    c->line_x = c->line_y = 0;
    c->shown = false;
    c->fresh = true;
}

void ebi_content_end_text(eb_content *c) {
    if (!c->in_text) return;
    end_array(c);
    eb_buf_append(&c->buf, "ET\n", 3);
    c->in_text = false;
}

void ebi_content_text_color(eb_content *c, uint32_t rgb) {
    if (c->fill_set && c->fill == rgb) return;
    end_array(c);
    color_op(c, rgb, "rg\n");
    c->fill_set = true;
    c->fill = rgb;
}

bool ebi_content_font_is(const eb_content *c, const void *font, double size) {
    return c->font && c->font == font && c->font_size == size;
}

void ebi_content_set_font(eb_content *c, const char *name, const void *font, double size) {
    end_array(c);
    eb_buf_putc(&c->buf, '/');
    eb_buf_puts(&c->buf, name);
    eb_buf_putc(&c->buf, ' ');
    put_number(&c->buf, size, ' ');
    eb_buf_append(&c->buf, "Tf\n", 3);
    c->font = font;
    c->font_size = size;
}

/* Whether a reader that adds a Td's operand to the line matrix's origin
 * `from` gets exactly the number it would read for `to`. Readers parse
 * decimals differently and rarely to the nearest double, so that holds
 * when nothing is added, when the origin is BT's 0, or when everything
 * involved is a whole number; otherwise a glyph would move by 1e-13 pt,
 * which is enough to change which sub-pixel glyph image a rasteriser picks
 * at a pixel boundary, or how pdftotext orders two words at the same x. */
static bool exact_move(long long from, long long to, bool fresh) {
    return from == to || fresh || (from % 1000 == 0 && to % 1000 == 0);
}

void ebi_content_text_move(eb_content *c, double x, double y) {
    long long tx = thousandths(x), ty = thousandths(y);
    if (tx == c->line_x && ty == c->line_y && !c->shown) return;
    end_array(c);
    if (exact_move(c->line_x, tx, c->fresh) && exact_move(c->line_y, ty, c->fresh)) {
        put_thousandths(&c->buf, tx - c->line_x, ' ');
        put_thousandths(&c->buf, ty - c->line_y, ' ');
        eb_buf_append(&c->buf, "Td\n", 3);
    } else {
        eb_buf_append(&c->buf, "1 0 0 1 ", 8);
        put_thousandths(&c->buf, tx, ' ');
        put_thousandths(&c->buf, ty, ' ');
        eb_buf_append(&c->buf, "Tm\n", 3);
    }
    c->line_x = tx;
    c->line_y = ty;
    c->shown = c->fresh = false;
}

void ebi_content_text_rise(eb_content *c, double rise) {
    end_array(c);
    put_number(&c->buf, rise, ' ');
    eb_buf_append(&c->buf, "Ts\n", 3);
}

void ebi_content_show_glyph(eb_content *c, uint32_t cid) {
    char text[12];
    size_t n = 0;
    if (!c->in_array) text[n++] = '[';
    if (!c->in_string) text[n++] = '<';
    /* four hex digits, more only for a CID beyond 0xFFFF */
    int digits = 4;
    while (digits < 8 && (cid >> (4 * digits)) != 0) digits++;
    for (int i = digits - 1; i >= 0; i--) text[n++] = hex_digits[(cid >> (4 * i)) & 0xF];
    eb_buf_append(&c->buf, text, n);
    c->in_array = c->in_string = c->shown = true;
    c->after_number = false;
}

void ebi_content_show_adjust(eb_content *c, double adjust) {
    if (!c->in_array) {
        eb_buf_putc(&c->buf, '[');
        c->in_array = true;
    } else if (c->in_string) {
        eb_buf_putc(&c->buf, '>');
    } else if (c->after_number) {
        eb_buf_putc(&c->buf, ' ');
    }
    put_number(&c->buf, adjust, '\0');
    c->in_string = false;
    c->after_number = c->shown = true;
}

void ebi_content_show_end(eb_content *c) { end_array(c); }

/* Closes the text object before something that may not be inside one. */
static void leave_text(eb_content *c) {
    if (c->in_text) ebi_content_end_text(c);
}

/* ---- operators -------------------------------------------------------------------- */

void ebi_content_op(eb_content *c, const char *op, size_t n, const double *args) {
    leave_text(c);
    for (size_t i = 0; i < n; i++) put_number(&c->buf, args[i], ' ');
    eb_buf_puts(&c->buf, op);
    eb_buf_putc(&c->buf, '\n');
}

void ebi_content_raw(eb_content *c, const char *text) {
    leave_text(c);
    eb_buf_puts(&c->buf, text);
}

void ebi_content_fill_color(eb_content *c, uint32_t rgb) {
    leave_text(c);
    color_op(c, rgb, "rg\n");
}

void ebi_content_stroke_color(eb_content *c, uint32_t rgb) {
    leave_text(c);
    color_op(c, rgb, "RG\n");
}

/* ---- marked content ----------------------------------------------------------------- */

/* A PDF name: bytes outside the regular printable set are #xx escaped. */
static void write_name(eb_buf *out, const char *name) {
    eb_buf_putc(out, '/');
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p > 0x20 && *p < 0x7F && !strchr("#/()<>[]{}%", *p)) {
            eb_buf_putc(out, (char)*p);
        } else {
            char escape[3] = {'#', hex_digits[*p >> 4], hex_digits[*p & 0xF]};
            eb_buf_append(out, escape, 3);
        }
    }
}

void ebi_content_begin_marked(eb_content *c, const char *tag, int mcid) {
    leave_text(c);
    write_name(&c->buf, tag && *tag ? tag : "Span");
    if (mcid >= 0) {
        char digits[24];
        char *end = digits + sizeof digits;
        char *start = format_digits(end, (unsigned)mcid);
        eb_buf_puts(&c->buf, " <</MCID ");
        eb_buf_append(&c->buf, start, (size_t)(end - start));
        eb_buf_puts(&c->buf, ">> BDC\n");
    } else {
        eb_buf_puts(&c->buf, " BMC\n");
    }
    c->marked_depth++;
}

void ebi_content_begin_artifact(eb_content *c) {
    leave_text(c);
    eb_buf_puts(&c->buf, "/Artifact BMC\n");
    c->marked_depth++;
}

/* Inside a text object too: the text writer wraps glyphs in it. */
void ebi_content_begin_actual_text(eb_content *c, const char *text, size_t len) {
    end_array(c);
    eb_buf_puts(&c->buf, "/Span <</ActualText ");
    ebi_content_utf16_hex(&c->buf, text, len);
    eb_buf_puts(&c->buf, ">> BDC\n");
    c->marked_depth++;
}

bool ebi_content_end_marked(eb_content *c) {
    if (c->marked_depth == 0) return false;
    if (c->in_text && c->marked_depth <= c->text_depth)
        ebi_content_end_text(c);  /* BT was written inside this sequence */
    else
        end_array(c);
    eb_buf_puts(&c->buf, "EMC\n");
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

void ebi_utf8_to_utf16be(const char *utf8, size_t len, bool bom, uint8_t **out, size_t *out_len) {
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

void ebi_content_utf16_hex(eb_buf *out, const char *utf8, size_t len) {
    uint8_t *u;
    size_t n;
    ebi_utf8_to_utf16be(utf8, len, true, &u, &n);
    char *text = eb_xmalloc(2 * n + 2);
    size_t k = 0;
    text[k++] = '<';
    for (size_t i = 0; i < n; i++) {
        text[k++] = hex_digits[u[i] >> 4];
        text[k++] = hex_digits[u[i] & 0xF];
    }
    text[k++] = '>';
    eb_buf_append(out, text, k);
    free(text);
    free(u);
}
