/* The content writer (pdf_content.c) on its own: numbers written by hand
 * with the bytes printf gave them, glyphs of a TJ in one hex string, text
 * state written only when it changes, and text objects that nest properly
 * with marked content. Then a paragraph drawn through the public API, to
 * see the same in a real content stream. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "layout.h"
#include "fonts_util.h"
#include "pdf.h"
#include "pdf/pdf_internal.h"
#include "test_pdf_util.h"

#define A4_W 595.276
#define A4_H 841.89

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

/* The number as ebi_content_number writes it, without its trailing space. */
static const char *number(double v) {
    static char text[64];
    eb_content c = {0};
    ebi_content_number(&c, v);
    size_t n = c.buf.len > 0 ? c.buf.len - 1 : 0;
    if (n >= sizeof text) n = sizeof text - 1;
    memcpy(text, c.buf.data ? c.buf.data : "", n);
    text[n] = '\0';
    bool spaced = c.buf.len > 0 && c.buf.data[c.buf.len - 1] == ' ';
    ebi_content_destroy(&c);
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
        if (i % 4 == 0) v = ((double)llround(v * 1000) + 0.5) / 1000;    /* a half */
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
    ebi_content_op(&c, "re", 4, (double[]){54, -0.0004, 2.5, 1e12});
    ebi_content_fill_color(&c, 0xFF8000);
    ebi_content_stroke_color(&c, 0x1F4E79);
    CHECK_STR(eb_buf_cstr(&c.buf), "54 0 2.5 1000000000 re\n1 0.502 0 rg\n0.122 0.306 0.475 RG\n");
    ebi_content_destroy(&c);
}

/* Consecutive glyphs in one <...>; a number only where the pen moves. */
static void test_merged_hex(void) {
    eb_content c = {0};
    ebi_content_begin_text(&c);
    ebi_content_show_glyph(&c, 0x28);
    ebi_content_show_glyph(&c, 0x59);
    ebi_content_show_glyph(&c, 0xAB4C);
    ebi_content_show_adjust(&c, 20);
    ebi_content_show_glyph(&c, 0x48);
    ebi_content_show_adjust(&c, -378.4604);
    ebi_content_show_glyph(&c, 0x3);
    ebi_content_show_glyph(&c, 0xFFFF);
    ebi_content_show_end(&c);
    /* a run that starts with a move, two moves in a row, and a glyph id
     * beyond two bytes (never made by a font, but not cut short either) */
    ebi_content_show_adjust(&c, -12.5);
    ebi_content_show_adjust(&c, 3);
    ebi_content_show_glyph(&c, 0x12345);
    ebi_content_show_end(&c);
    ebi_content_show_end(&c);  /* nothing open: nothing written */
    ebi_content_end_text(&c);
    CHECK_STR(eb_buf_cstr(&c.buf),
              "BT\n"
              "[<00280059AB4C>20<0048>-378.46<0003FFFF>]TJ\n"
              "[-12.5 3<12345>]TJ\n"
              "ET\n");
    ebi_content_destroy(&c);
}

/* Fill colour and font are written when they change, and stay known
 * across text objects (nothing but text sets them outside q ... Q). */
static void test_text_state(void) {
    eb_content c = {0};
    static const int font_a = 1, font_b = 2;
    CHECK(!ebi_content_font_is(&c, &font_a, 10));
    ebi_content_begin_text(&c);
    ebi_content_begin_text(&c);  /* already open: no second BT */
    ebi_content_text_color(&c, 0x1A1A1A);
    ebi_content_set_font(&c, "F1", &font_a, 8.5);
    CHECK(ebi_content_font_is(&c, &font_a, 8.5));
    CHECK(!ebi_content_font_is(&c, &font_a, 9));
    CHECK(!ebi_content_font_is(&c, &font_b, 8.5));
    ebi_content_text_color(&c, 0x1A1A1A);
    ebi_content_text_rise(&c, 2.5);
    ebi_content_show_glyph(&c, 1);
    ebi_content_text_rise(&c, 0);
    ebi_content_end_text(&c);
    ebi_content_raw(&c, "q\n");  /* what eb_pdf_fill_rect writes */
    ebi_content_fill_color(&c, 0xFF0000);
    ebi_content_op(&c, "re", 4, (double[]){0, 0, 1, 1});
    ebi_content_raw(&c, "f\nQ\n");
    ebi_content_begin_text(&c);
    ebi_content_text_color(&c, 0x1A1A1A);  /* still the colour: nothing */
    CHECK(ebi_content_font_is(&c, &font_a, 8.5));
    ebi_content_text_color(&c, 0xFFFFFF);
    ebi_content_end_text(&c);
    CHECK_STR(eb_buf_cstr(&c.buf),
              "BT\n"
              "0.102 0.102 0.102 rg\n"
              "/F1 8.5 Tf\n"
              "2.5 Ts\n"
              "[<0001>]TJ\n"
              "0 Ts\n"
              "ET\n"
              "q\n1 0 0 rg\n0 0 1 1 re\nf\nQ\n"
              "BT\n"
              "1 1 1 rg\n"
              "ET\n");
    ebi_content_destroy(&c);
}

/* Td where a reader gets exactly the position from it (from BT's origin,
 * along an axis that does not move, whole numbers), an absolute Tm
 * elsewhere; no move at all where the pen already is. */
static void test_moves(void) {
    eb_content c = {0};
    ebi_content_begin_text(&c);
    ebi_content_text_move(&c, 0, 0);            /* BT's origin already */
    ebi_content_text_move(&c, 54, 753.441);     /* from the origin */
    ebi_content_text_move(&c, 54, 753.441);     /* nothing shown yet */
    ebi_content_show_glyph(&c, 1);
    ebi_content_text_move(&c, 54, 753.441);     /* back to the line's start */
    ebi_content_show_glyph(&c, 1);
    ebi_content_text_move(&c, 166, 753.441);    /* whole x, same y */
    ebi_content_show_glyph(&c, 1);
    ebi_content_text_move(&c, 166, 740.5);      /* y: not whole */
    ebi_content_show_glyph(&c, 1);
    ebi_content_text_move(&c, 239.817, 740.5);  /* x: not whole */
    ebi_content_show_glyph(&c, 1);
    ebi_content_text_move(&c, 100, 500);        /* from fractions to whole */
    ebi_content_show_glyph(&c, 1);
    ebi_content_text_move(&c, 110, 488);        /* whole to whole */
    ebi_content_end_text(&c);
    ebi_content_begin_text(&c);
    ebi_content_text_move(&c, 68, 560.899);     /* a new BT: from the origin */
    ebi_content_end_text(&c);
    CHECK_STR(eb_buf_cstr(&c.buf),
              "BT\n"
              "54 753.441 Td\n"
              "[<0001>]TJ\n"
              "0 0 Td\n"
              "[<0001>]TJ\n"
              "112 0 Td\n"
              "[<0001>]TJ\n"
              "1 0 0 1 166 740.5 Tm\n"
              "[<0001>]TJ\n"
              "1 0 0 1 239.817 740.5 Tm\n"
              "[<0001>]TJ\n"
              "1 0 0 1 100 500 Tm\n"
              "[<0001>]TJ\n"
              "10 -12 Td\n"
              "ET\n"
              "BT\n"
              "68 560.899 Td\n"
              "ET\n");
    ebi_content_destroy(&c);
}

/* A text object opened inside marked content ends before its EMC; the
 * ActualText spans opened inside it end inside it; anything but text
 * (a path, a new sequence) closes it first. */
static void test_nesting(void) {
    eb_content c = {0};
    ebi_content_begin_marked(&c, "P", 3);
    ebi_content_begin_text(&c);
    ebi_content_show_glyph(&c, 1);
    ebi_content_begin_actual_text(&c, "ab", 2);
    ebi_content_show_glyph(&c, 2);
    CHECK(ebi_content_end_marked(&c));  /* the span: the text goes on */
    CHECK(c.in_text);
    ebi_content_show_glyph(&c, 3);
    CHECK(ebi_content_end_marked(&c));  /* the P: ET first */
    CHECK(!c.in_text);
    ebi_content_begin_artifact(&c);
    ebi_content_begin_text(&c);
    ebi_content_show_glyph(&c, 4);
    ebi_content_stroke_color(&c, 0);    /* a path: ET first */
    ebi_content_begin_text(&c);
    ebi_content_show_glyph(&c, 5);
    ebi_content_begin_marked(&c, "Span", -1);  /* a new sequence: ET first */
    CHECK(ebi_content_end_marked(&c));
    CHECK(ebi_content_end_marked(&c));
    CHECK(!ebi_content_end_marked(&c));
    CHECK(c.marked_depth == 0 && !c.in_text);
    CHECK_STR(eb_buf_cstr(&c.buf),
              "/P <</MCID 3>> BDC\n"
              "BT\n"
              "[<0001>]TJ\n"
              "/Span <</ActualText <FEFF00610062>>> BDC\n"
              "[<0002>]TJ\n"
              "EMC\n"
              "[<0003>]TJ\n"
              "ET\n"
              "EMC\n"
              "/Artifact BMC\n"
              "BT\n"
              "[<0004>]TJ\n"
              "ET\n"
              "0 0 0 RG\n"
              "BT\n"
              "[<0005>]TJ\n"
              "ET\n"
              "/Span BMC\n"
              "EMC\n"
              "EMC\n");
    ebi_content_destroy(&c);
}

static size_t count(const char *s, const char *needle) {
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

/* Lines drawn one by one inside one element's marked content share one
 * text object, one colour and one Tf; no glyph string is cut in two; and
 * a paragraph drawn outside marked content closes its text object. */
static void test_drawn_paragraph(eb_fontset *fonts) {
    const char *text =
        "Exosomes are small extracellular vesicles (30-150 nm in size) that play a critical "
        "role in cellular communication, transporting proteins, lipids, and nucleic acids.";
    eb_text_style style = {.family = EB_FAMILY_SERIF, .size = 11, .lang = "en",
                           .align = EB_ALIGN_JUSTIFY, .color = 0x1A1A1A};
    eb_para *para = eb_para_layout(fonts, text, strlen(text), &style, 200, NULL);
    CHECK(para && para->nlines >= 3);
    if (!para) return;
    eb_diag *diag = eb_diag_create(stderr);
    eb_pdf_options options = {.title = "content", .lang = "en", .id_seed = "content"};
    eb_pdf *pdf = eb_pdf_create(fonts, &options, diag);
    eb_pdf_page *page = eb_pdf_add_page(pdf, A4_W, A4_H);
    int p = eb_pdf_add_element(pdf, 0, &(eb_pdf_element){.type = "P"});
    eb_pdf_begin_element(page, p);
    for (size_t i = 0; i < para->nlines; i++) eb_pdf_draw_line(page, para, i, 72, 72);
    eb_pdf_end_marked(page);
    const char *s = eb_buf_cstr(&page->content.buf);
    CHECK(count(s, "BT\n") == 1 && count(s, "ET\n") == 1);
    CHECK(count(s, " rg\n") == 1);
    CHECK(count(s, " Tf\n") == 1);
    CHECK(count(s, "]TJ\n") == para->nlines);
    CHECK(count(s, "Td\n") + count(s, "Tm\n") == para->nlines);
    CHECK(count(s, "><") == 0);  /* glyphs of a TJ never in two strings side by side */
    CHECK(strstr(s, "q\n") == NULL);
    CHECK_CONTAINS(s, "/P <</MCID 0>> BDC\nBT\n0.102 0.102 0.102 rg\n/F");
    CHECK_CONTAINS(s, "]TJ\nET\nEMC\n");

    /* outside marked content (an untagged document) */
    eb_pdf *plain = eb_pdf_create(fonts, &options, diag);
    eb_pdf_page *plain_page = eb_pdf_add_page(plain, A4_W, A4_H);
    eb_pdf_draw_para(plain_page, para, 72, 72);
    CHECK(!plain_page->content.in_text);
    const char *t = eb_buf_cstr(&plain_page->content.buf);
    CHECK(count(t, "BT\n") == 1 && count(t, "ET\n") == 1);
    char *scratch = pdf_test_dir("pdf_content");
    char *path = eb_xasprintf("%s/plain.pdf", scratch);
    free(scratch);
    CHECK(eb_pdf_save(plain, path));
    CHECK(pdf_test_qpdf_ok(path));
    char *extracted = pdf_test_text(path);
    CHECK_CONTAINS(extracted, "Exosomes are small");
    CHECK_CONTAINS(extracted, "nucleic acids.");
    free(extracted);
    free(path);
    eb_pdf_destroy(plain);
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
    eb_para_destroy(para);
}

/* A Persian line is drawn as it is seen: its run's glyphs left to right in
 * one TJ (what PDFium and pdf.js reorder); the glyphs that do not advance
 * the pen, the hamza of «هٔ» and the alef of «لا», as outlines after the
 * text (as glyphs they would need codes that readers extract as stray or
 * misplaced letters). */
static void test_persian_drawn_as_seen(eb_fontset *fonts) {
    const char *text = "خلاصهٔ شواهد";
    eb_text_style style = {.family = EB_FAMILY_SERIF, .size = 11, .lang = "fa", .direction = EB_DIR_RTL,
                           .align = EB_ALIGN_START, .color = 0x1A1A1A};
    eb_para *para = eb_para_layout(fonts, text, strlen(text), &style, 300, NULL);
    CHECK(para && para->nlines == 1 && para->lines[0].nruns >= 1);
    if (!para || para->nlines != 1) return;
    const eb_run *run = &para->lines[0].runs[0];
    /* the glyphs with text, left to right, as four-digit hex CIDs */
    eb_buf want = {0};
    size_t marks = 0;
    for (size_t i = 0; i < run->nglyphs; i++) {
        if (run->glyphs[i].x_advance == 0) {
            marks++;
            continue;
        }
        char hex[8];
        snprintf(hex, sizeof hex, "%04X", (unsigned)run->glyphs[i].gid);
        eb_buf_puts(&want, hex);
    }
    CHECK(marks == 2);  /* the hamza and the alef */
    eb_diag *diag = eb_diag_create(stderr);
    eb_pdf_options options = {.title = "persian", .lang = "fa", .id_seed = "persian"};
    eb_pdf *pdf = eb_pdf_create(fonts, &options, diag);
    eb_pdf_page *page = eb_pdf_add_page(pdf, A4_W, A4_H);
    eb_pdf_draw_para(page, para, 72, 72);
    const char *s = eb_buf_cstr(&page->content.buf);
    CHECK_CONTAINS(s, eb_buf_cstr(&want));  /* one string, left to right */
    CHECK(count(s, "]TJ\n") == 1);
    CHECK(count(s, " cm\n") == 2 && count(s, "f\nQ\n") == 2);  /* their outlines */
    const char *tj_end = strstr(s, "]TJ\n"), *outline = strstr(s, " cm\n");
    CHECK(tj_end && outline && tj_end < outline);                    /* after the text */
    eb_buf_destroy(&want);
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
    eb_para_destroy(para);
}

int main(void) {
    test_numbers();
    test_merged_hex();
    test_text_state();
    test_moves();
    test_nesting();
    char *dir = eb_xstrdup(EVBRIEF_TEST_FONTS_DIR);
    eb_diag *diag = eb_diag_create(stderr);
    eb_fontset *fonts = open_fonts_in(dir, diag);
    free(dir);
    CHECK(fonts != NULL);
    if (fonts) {
        test_drawn_paragraph(fonts);
        test_persian_drawn_as_seen(fonts);
        eb_fontset_destroy(fonts);
    }
    eb_diag_destroy(diag);
    return check_done("test_pdf_content");
}
