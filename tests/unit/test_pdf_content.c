/* The content writer (pdf_content.c) on its own: numbers written by hand
 * with the bytes printf gave them, glyphs of a TJ in one hex string. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pdf/pdf_internal.h"

/* What a number came out as before the writer stopped using printf:
 * three decimals at most, trailing zeros cut, no "-0", clamped at 1e9. */
static void printf_number(char out[64], double v) {
    if (!isfinite(v)) v = 0;
    if (v > 1e9) v = 1e9;
    if (v < -1e9) v = -1e9;
    long long t = llround(v * 1000.0);
    long long a = llabs(t);
    if (a % 1000 == 0) {
        snprintf(out, 64, "%s%lld", t < 0 ? "-" : "", a / 1000);
        return;
    }
    char digits[8];
    snprintf(digits, sizeof digits, "%03lld", a % 1000);
    for (int i = 2; i > 0 && digits[i] == '0'; i--) digits[i] = '\0';
    snprintf(out, 64, "%s%lld.%s", t < 0 ? "-" : "", a / 1000, digits);
}

/* The number as eb_content_number writes it, without its trailing space. */
static const char *number(double v) {
    static char text[64];
    eb_content c = {0};
    eb_content_number(&c, v);
    size_t n = c.buf.len > 0 ? c.buf.len - 1 : 0;
    if (n >= sizeof text) n = sizeof text - 1;
    memcpy(text, c.buf.data ? c.buf.data : "", n);
    text[n] = '\0';
    bool spaced = c.buf.len > 0 && c.buf.data[c.buf.len - 1] == ' ';
    eb_content_free(&c);
    return spaced ? text : "(no trailing space)";
}

static void test_numbers(void) {
    CHECK_STR(number(0), "0");
    CHECK_STR(number(0.0004), "0");
    CHECK_STR(number(-0.0004), "0");  /* no "-0" */
    CHECK_STR(number(-0.0), "0");
    CHECK_STR(number(0.0005), "0.001");  /* half away from zero */
    CHECK_STR(number(-0.0005), "-0.001");
    CHECK_STR(number(1.5), "1.5");
    CHECK_STR(number(12.3456), "12.346");
    CHECK_STR(number(-3), "-3");
    CHECK_STR(number(0.1), "0.1");
    CHECK_STR(number(0.05), "0.05");
    CHECK_STR(number(-0.007), "-0.007");
    CHECK_STR(number(100), "100");
    CHECK_STR(number(753.441), "753.441");
    CHECK_STR(number(1234.56789), "1234.568");
    CHECK_STR(number(-378.4604), "-378.46");
    CHECK_STR(number(999.9996), "1000");
    CHECK_STR(number(1e12), "1000000000");  /* clamped */
    CHECK_STR(number(-1e12), "-1000000000");
    CHECK_STR(number(1e9), "1000000000");
    CHECK_STR(number(-999999999.9994), "-999999999.999");
    CHECK_STR(number(NAN), "0");
    CHECK_STR(number(INFINITY), "0");
    CHECK_STR(number(-INFINITY), "0");
    CHECK_STR(number(1e-300), "0");

    /* the same bytes as printf gave, over many magnitudes and the halves
     * between thousandths where rounding is decided */
    unsigned long long state = 0x9E3779B97F4A7C15ULL;
    int mismatches = 0;
    for (int i = 0; i < 200000; i++) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        double unit = (double)(state >> 11) / 9007199254740992.0;  /* [0, 1) */
        double scale = pow(10, (int)(state % 13) - 4);             /* 1e-4 .. 1e8 */
        double v = (unit - 0.5) * 2 * scale;
        if (i % 4 == 0) v = (llround(v * 1000) + 0.5) / 1000;    /* a half */
        char want[64];
        printf_number(want, v);
        if (strcmp(number(v), want) != 0 && mismatches++ < 5)
            check_fail(__FILE__, __LINE__, "%.17g: \"%s\", printf gave \"%s\"", v, number(v), want);
        check_count++;
    }

    /* no locale can give a decimal comma */
    if (setlocale(LC_NUMERIC, "de_DE.UTF-8") || setlocale(LC_NUMERIC, "fr_FR.UTF-8"))
        CHECK_STR(number(2.25), "2.25");
    setlocale(LC_NUMERIC, "C");

    eb_content c = {0};
    eb_content_op(&c, "re", 4, (double[]){54, -0.0004, 2.5, 1e12});
    eb_content_fill_color(&c, 0xFF8000);
    eb_content_stroke_color(&c, 0x1F4E79);
    CHECK_STR(eb_buf_cstr(&c.buf), "54 0 2.5 1000000000 re\n1 0.502 0 rg\n0.122 0.306 0.475 RG\n");
    eb_content_free(&c);
}

/* Consecutive glyphs in one <...>; a number only where the pen moves. */
static void test_merged_hex(void) {
    eb_content c = {0};
    eb_content_begin_text(&c);
    eb_content_show_glyph(&c, 0x28);
    eb_content_show_glyph(&c, 0x59);
    eb_content_show_glyph(&c, 0xAB4C);
    eb_content_show_adjust(&c, 20);
    eb_content_show_glyph(&c, 0x48);
    eb_content_show_adjust(&c, -378.4604);
    eb_content_show_glyph(&c, 0x3);
    eb_content_show_glyph(&c, 0xFFFF);
    eb_content_show_end(&c);
    /* a run that starts with a move, two moves in a row, and a glyph id
     * beyond two bytes (never made by a font, but not cut short either) */
    eb_content_show_adjust(&c, -12.5);
    eb_content_show_adjust(&c, 3);
    eb_content_show_glyph(&c, 0x12345);
    eb_content_show_end(&c);
    eb_content_show_end(&c);  /* nothing open: nothing written */
    eb_content_end_text(&c);
    CHECK_STR(eb_buf_cstr(&c.buf),
              "BT\n"
              "[<00280059AB4C>20<0048>-378.46<0003FFFF>]TJ\n"
              "[-12.5 3<12345>]TJ\n"
              "ET\n");
    eb_content_free(&c);
}

int main(void) {
    test_numbers();
    test_merged_hex();
    return check_done("test_pdf_content");
}
