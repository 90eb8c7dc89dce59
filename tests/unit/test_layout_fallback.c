/* Font fallback: each script finds its font even in a paragraph of another
 * language; a character no font has is reported with its code point and
 * origin (an error under strict) and never drawn as a blank box. */
#include "check.h"
#include "test_layout_util.h"

/* The PostScript name of the font drawing the cluster at byte `at`. */
static const char *font_at(const eb_para *para, uint32_t at) {
    for (size_t l = 0; l < para->nlines; l++)
        for (size_t r = 0; r < para->lines[l].nruns; r++) {
            const eb_run *run = &para->lines[l].runs[r];
            for (size_t g = 0; g < run->nglyphs; g++)
                if (run->glyphs[g].text_start == at && run->glyphs[g].text_len > 0)
                    return eb_font_get_info(run->font)->postscript_name;
        }
    return NULL;
}

static void test_chains(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    const char *text = "Exosome اگزوزوم 外泌体 κB Ж「注」，ＡＢ";
    struct { const char *piece, *serif, *sans_bold; } expect[] = {
        {"Exosome", "NotoSerif-Regular", "NotoSans-Bold"},
        {"اگزوزوم", "NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold"},
        {"外泌体", "NotoSansCJKsc-Regular", "NotoSansCJKsc-Bold"},
        {"κB", "NotoSerif-Regular", "NotoSans-Bold"},          /* Greek: the Latin chain */
        {"Ж", "NotoSerif-Regular", "NotoSans-Bold"},           /* Cyrillic too */
        {"「", "NotoSansCJKsc-Regular", "NotoSansCJKsc-Bold"},  /* CJK punctuation */
        {"，", "NotoSansCJKsc-Regular", "NotoSansCJKsc-Bold"},
        {"ＡＢ", "NotoSansCJKsc-Regular", "NotoSansCJKsc-Bold"}, /* fullwidth forms */
    };
    for (int bold = 0; bold < 2; bold++) {
        eb_text_style style = test_style("en");
        style.family = bold ? EB_FAMILY_SANS : EB_FAMILY_SERIF;
        style.bold = bold;
        eb_para *para = layout_str(fonts, text, &style, 1000, diag);
        for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
            uint32_t at = (uint32_t)(strstr(text, expect[i].piece) - text);
            CHECK_STR(font_at(para, at), bold ? expect[i].sans_bold : expect[i].serif);
        }
        /* a space or digit takes its neighbour's script: the one before 外 is Arabic's */
        uint32_t space = (uint32_t)(strstr(text, " 外") - text);
        CHECK_STR(font_at(para, space), bold ? "NotoNaskhArabic-Bold" : "NotoNaskhArabic-Regular");
        eb_para_destroy(para);
    }
    /* Common at the very start takes the following script */
    eb_text_style style = test_style("zh-Hans");
    eb_para *para = layout_str(fonts, "“外泌体”", &style, 1000, diag);
    CHECK_STR(font_at(para, 0), "NotoSansCJKsc-Regular");
    eb_para_destroy(para);
    CHECK(eb_diag_message_count(diag) == 0);
    eb_diag_destroy(diag);
}

/* A Chinese paragraph in the serif body style takes its Latin letters and
 * from the sans, the companion of Noto Sans CJK (digits among Han take
 * the Han font, as before); an English one keeps the serif. */
static void test_cjk_sans_companion(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    const char *text = "evbrief 不作 GRADE 评级，共 12 周";
    eb_text_style zh = test_style("zh-Hans"), en = test_style("en");
    eb_para *para = layout_str(fonts, text, &zh, 1000, diag);
    CHECK_STR(font_at(para, (uint32_t)(strstr(text, "GRADE") - text)), "NotoSans-Regular");
    CHECK_STR(font_at(para, 0), "NotoSans-Regular");
    CHECK_STR(font_at(para, (uint32_t)(strstr(text, "不作") - text)), "NotoSansCJKsc-Regular");
    eb_para_destroy(para);
    para = layout_str(fonts, text, &en, 1000, diag);
    CHECK_STR(font_at(para, (uint32_t)(strstr(text, "GRADE") - text)), "NotoSerif-Regular");
    eb_para_destroy(para);
    eb_diag_destroy(diag);
}

/* No glyph anywhere is .notdef, and the missing character has no glyph. */
static void check_not_drawn(const eb_para *para, uint32_t at) {
    for (size_t l = 0; l < para->nlines; l++)
        for (size_t r = 0; r < para->lines[l].nruns; r++) {
            const eb_run *run = &para->lines[l].runs[r];
            for (size_t g = 0; g < run->nglyphs; g++) {
                CHECK(run->glyphs[g].gid != 0);
                CHECK(run->glyphs[g].text_start != at);
            }
        }
}

static void test_missing_character(eb_fontset *fonts, bool strict, const char *text,
                                   const char *code, uint32_t at) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("en");
    style.strict = strict;
    eb_para *para = layout_str(fonts, text, &style, 1000, diag);
    CHECK(para != NULL); /* laid out all the same */
    CHECK(eb_diag_count(diag, strict ? EB_ERROR : EB_WARNING) == 1);
    CHECK(eb_diag_count(diag, strict ? EB_WARNING : EB_ERROR) == 0);
    CHECK(eb_diag_message_count(diag) == 1); /* once, though it occurs twice */
    if (eb_diag_message_count(diag) == 1) {
        const char *message = eb_diag_message(diag, 0);
        CHECK_CONTAINS(message, code);
        CHECK_CONTAINS(message, "inputs/reviews/test.json");
        CHECK_CONTAINS(message, "$.findings[0].text");
        CHECK_CONTAINS(message, strict ? "error" : "warning");
    }
    if (para) {
        check_not_drawn(para, at);
        /* the rest is drawn: "ok " before it */
        CHECK(font_at(para, 0) != NULL);
    }
    eb_para_destroy(para);
    eb_diag_destroy(diag);
}

static void test_invalid_utf8(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("en");
    CHECK(layout_str(fonts, "bad \xC3\x28 text", &style, 100, diag) == NULL);
    CHECK(eb_diag_count(diag, EB_ERROR) == 1);
    if (eb_diag_message_count(diag) == 1) {
        CHECK_CONTAINS(eb_diag_message(diag, 0), "invalid UTF-8 at byte 4");
        CHECK_CONTAINS(eb_diag_message(diag, 0), "inputs/reviews/test.json");
    }
    double min = -1, max = -1;
    eb_measure_text(fonts, "\xFF", 1, &style, &min, &max, diag);
    CHECK(min == 0 && max == 0);
    eb_diag_destroy(diag);
}

int main(void) {
    eb_diag *diag = eb_diag_create(stderr);
    eb_fontset *fonts = open_test_fonts(diag);
    test_chains(fonts);
    test_cjk_sans_companion(fonts);
    /* 😀 U+1F600 and the private-use U+10FFFD are in none of the fonts */
    test_missing_character(fonts, false, "ok \U0001F600 and \U0001F600", "U+1F600", 3);
    test_missing_character(fonts, true, "ok \U0001F600 and \U0001F600", "U+1F600", 3);
    test_missing_character(fonts, false, "ok \U0010FFFD in اگزوزوم", "U+10FFFD", 3);
    test_missing_character(fonts, true, "ok \U0010FFFD\U0010FFFD", "U+10FFFD", 3);
    test_invalid_utf8(fonts);
    eb_fontset_destroy(fonts);
    eb_diag_destroy(diag);
    return check_done("test_layout_fallback");
}
