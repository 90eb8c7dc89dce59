/* Bidi: the visual order of mixed Persian, Latin and digit lines (UAX #9 by
 * FriBidi, reordered per line). The expected strings were built by hand
 * from the rules: a piece written "~text" stands for `text` reversed (an
 * RTL stretch read left to right as drawn); other pieces are as written. */
#include <hb.h>

#include "check.h"
#include "test_layout_util.h"

typedef struct {
    const char *text;
    eb_direction direction;
    const char *visual[6]; /* pieces, NULL-terminated */
    bool rtl;              /* expected resolved paragraph direction */
} bidi_case;

static const bidi_case cases[] = {
    /* Latin with a number keeps its order inside Persian (W7: EN after L is L) */
    {"اگزوزوم miR-1246 است", EB_DIR_AUTO, {"~است", " miR-1246 ", "~اگزوزوم"}, true},
    {"نقش miR-29b-3p مهم است", EB_DIR_AUTO, {"~مهم است", " miR-29b-3p ", "~نقش"}, true},
    {"تأیید FDA ندارد.", EB_DIR_AUTO, {"~ندارد.", " FDA ", "~تأیید"}, true},
    /* Persian digits (EN, become AN after Arabic letters) read left to right */
    {"در ۳۰ تا ۱۵۰ نانومتر", EB_DIR_AUTO, {"~نانومتر", " ۱۵۰ ", "~تا", " ۳۰ ", "~در"}, true},
    /* a range with Western digits: each number LTR, the range read RTL */
    {"اندازه 30–150 nm است", EB_DIR_AUTO, {"~است", " nm 150–30 ", "~اندازه"}, true},
    /* Arabic-Indic digits are AN, Persian ones EN: both stay LTR */
    {"سال ٢٠٢٥ و ۱۴۰۴", EB_DIR_AUTO, {"۱۴۰۴ و ٢٠٢٥ ", "~سال"}, true},
    {"۱۲ و ٣٤", EB_DIR_RTL, {"٣٤ و ۱۲"}, true},
    {"اندازه ۱۲٫۵ میکرون", EB_DIR_AUTO, {"~میکرون", " ۱۲٫۵ ", "~اندازه"}, true},
    {"کد A1 و ۳", EB_DIR_AUTO, {"۳ و A1 ", "~کد"}, true},
    /* bracket pairs (N0): the brackets follow the Persian context */
    {"فاکتور (ADSC) مهم", EB_DIR_AUTO, {"~مهم", " )ADSC( ", "~فاکتور"}, true},
    {"(ADSC) در ابتدا", EB_DIR_RTL, {"~در ابتدا", " )ADSC("}, true},
    {"Persian (اگزوزوم) text", EB_DIR_AUTO, {"Persian (", "~اگزوزوم", ") text"}, false},
    /* Persian inside English, and in an explicitly LTR paragraph */
    {"The word اگزوزوم means exosome", EB_DIR_AUTO, {"The word ", "~اگزوزوم", " means exosome"}, false},
    {"اگزوزوم ها", EB_DIR_LTR, {"~اگزوزوم ها"}, false},
    /* Persian digits after Latin are L (W7) */
    {"Table ۱۲", EB_DIR_AUTO, {"Table ۱۲"}, false},
    /* no strong character: LTR */
    {"۱۲۳ - 45", EB_DIR_AUTO, {"۱۲۳ - 45"}, false},
    /* a number after a Latin name is L (W7) and joins the name's run ... */
    {"نام ABC ۱۲", EB_DIR_AUTO, {"ABC ۱۲ ", "~نام"}, true},
    /* ... unless the name is isolated (FSI ... PDI, as compose wraps every
     * value it interpolates): the number then follows the Persian. The
     * isolates themselves draw no glyph (they would be in the visual string) */
    {"نام \u2068ABC\u2069 ۱۲", EB_DIR_AUTO, {"۱۲ ABC ", "~نام"}, true},
    {"\u2068Zhuoyi He\u2069، ۲۰۲۶", EB_DIR_RTL, {"۲۰۲۶", "~، ", "Zhuoyi He"}, true},
};

/* The pieces (at most `max`, NULL-terminated) joined, "~" ones reversed. */
static char *join_pieces(const char *const *pieces, size_t max) {
    eb_buf out = {0};
    char buf[512];
    for (size_t i = 0; i < max && pieces[i]; i++) {
        const char *piece = pieces[i];
        eb_buf_puts(&out, piece[0] == '~' ? reversed(piece + 1, buf) : piece);
    }
    eb_buf_puts(&out, "");
    return eb_buf_steal(&out);
}

static char *expected_visual(const bidi_case *c) {
    return join_pieces(c->visual, sizeof c->visual / sizeof c->visual[0]);
}

/* Runs sit side by side from x = 0, each as wide as its glyphs. */
static void check_run_positions(const eb_line *line) {
    double x = 0;
    for (size_t r = 0; r < line->nruns; r++) {
        double width = 0;
        for (size_t g = 0; g < line->runs[r].nglyphs; g++) width += line->runs[r].glyphs[g].x_advance;
        CHECK(line->runs[r].x > x - 1e-6 && line->runs[r].x < x + 1e-6);
        CHECK(line->runs[r].width > width - 1e-4 && line->runs[r].width < width + 1e-4);
        x += line->runs[r].width;
    }
    CHECK(line->width > x - 1e-4 && line->width < x + 1e-4);
}

static void test_visual_order(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        eb_text_style style = test_style("fa");
        style.direction = cases[i].direction;
        eb_para *para = layout_str(fonts, cases[i].text, &style, 1000, diag);
        CHECK(para && para->nlines == 1);
        if (!para || para->nlines != 1) continue;
        char *want = expected_visual(&cases[i]);
        char *got = visual_string(para, &para->lines[0]);
        CHECK_STR(got, want);
        CHECK(para->rtl == cases[i].rtl);
        check_run_positions(&para->lines[0]);
        free(got);
        free(want);
        eb_para_destroy(para);
    }
    CHECK(eb_diag_message_count(diag) == 0);
    eb_diag_destroy(diag);
}

/* The parenthesis drawn on the left of «(ADSC)» in Persian is the glyph of
 * "(" (HarfBuzz mirrors ")" in an RTL run), though its text stays ")". */
static void test_mirroring(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("fa");
    eb_para *para = layout_str(fonts, "فاکتور (ADSC) مهم", &style, 1000, diag);
    const eb_run *left = NULL;
    const eb_glyph *glyph = NULL;
    for (size_t r = 0; r < para->lines[0].nruns && !glyph; r++)
        for (size_t g = 0; g < para->lines[0].runs[r].nglyphs && !glyph; g++) {
            const eb_glyph *candidate = &para->lines[0].runs[r].glyphs[g];
            if (candidate->text_len == 1 && para->text[candidate->text_start] == ')') {
                glyph = candidate;
                left = &para->lines[0].runs[r];
            }
        }
    CHECK(glyph != NULL && left->rtl);
    if (glyph) {
        hb_font_t *font = hb_font_create(eb_font_hb_face(left->font));
        hb_codepoint_t open_paren = 0, close_paren = 0;
        hb_font_get_nominal_glyph(font, '(', &open_paren);
        hb_font_get_nominal_glyph(font, ')', &close_paren);
        CHECK(open_paren != close_paren);
        CHECK(glyph->gid == open_paren);
        hb_font_destroy(font);
    }
    eb_para_destroy(para);
    eb_diag_destroy(diag);
}

/* Lines are broken in logical order, then each is reordered: the first
 * words of a Persian paragraph are on the right of the first line, and the
 * space that ends it goes to the far left (rule L1). */
static void test_lines_reordered_separately(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("fa");
    double min, max;
    const char *first = "اول دوم";
    eb_measure_text(fonts, first, strlen(first), &style, &min, &max, diag);
    eb_para *para = layout_str(fonts, "اول دوم سوم", &style, max + 1, diag);
    CHECK(para && para->nlines == 2);
    if (para && para->nlines == 2) {
        char buf[256];
        char *line0 = visual_string(para, &para->lines[0]);
        char *line1 = visual_string(para, &para->lines[1]);
        CHECK_STR(line0, reversed("اول دوم ", buf));
        CHECK_STR(line1, reversed("سوم", buf));
        /* START in RTL: flush right; the trailing space takes no width */
        CHECK(para->lines[0].x + para->lines[0].width > max + 1 - 1e-3);
        CHECK(para->lines[0].width < max + 1e-3);
        free(line0);
        free(line1);
    }
    eb_para_destroy(para);
    eb_diag_destroy(diag);
}

/* Within an RTL run the glyphs are in visual order: the first letter of a
 * Persian word is the run's last glyph. */
static void test_glyph_order_in_rtl_run(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("fa");
    eb_para *para = layout_str(fonts, "سلام", &style, 1000, diag);
    const eb_run *run = &para->lines[0].runs[0];
    CHECK(para->lines[0].nruns == 1 && run->rtl && run->nglyphs == 4);
    CHECK(run->glyphs[run->nglyphs - 1].text_start == 0);
    CHECK(run->glyphs[0].text_start == strlen("سلا"));
    eb_para_destroy(para);
    eb_diag_destroy(diag);
}

/* ---- bidi paragraphs ------------------------------------------------------ */

/* UAX #9 P1: each paragraph separator (LF, CR, CR LF, NEL, U+2029,
 * U+001C) ends a bidi paragraph, and with AUTO each paragraph takes its
 * base direction from its own first strong character (P2); U+2028 only
 * breaks the line. A paragraph without a strong character takes the
 * previous one's direction (HL1), the leading ones the first resolved. */
typedef struct {
    const char *text;
    eb_direction direction;
    eb_align align;
    size_t nlines;
    struct {
        const char *visual[4]; /* pieces as in bidi_case */
        bool rtl;
    } lines[4];
} par_case;

static const par_case par_cases[] = {
    /* the table cell of the bug: the Persian line is an RTL paragraph of
     * its own, and «بررسی‌شده» stays one word */
    {"x\n۵۶ منبع بررسی‌شده", EB_DIR_AUTO, EB_ALIGN_START, 2,
     {{{"x"}, false}, {{"~ منبع بررسی‌شده", "۵۶"}, true}}},
    /* an explicit direction holds for every paragraph */
    {"x\n۵۶ منبع بررسی‌شده", EB_DIR_LTR, EB_ALIGN_START, 2,
     {{{"x"}, false}, {{"۵۶ ", "~منبع بررسی‌شده"}, false}}},
    {"x\n۵۶ منبع بررسی‌شده", EB_DIR_RTL, EB_ALIGN_START, 2,
     {{{"x"}, true}, {{"~ منبع بررسی‌شده", "۵۶"}, true}}},
    /* the whole "kind and scope" cell of a Persian brief; the year range
     * has no strong character and follows the line above */
    {"مرور متون\nجست‌وجو در: PubMed\n۲۰۱۳–۲۰۲۳\n۵۶ منبع بررسی‌شده", EB_DIR_AUTO, EB_ALIGN_START, 4,
     {{{"~مرور متون"}, true},
      {{"PubMed", "~جست‌وجو در: "}, true},
      {{"۲۰۲۳–۲۰۱۳"}, true},
      {{"~ منبع بررسی‌شده", "۵۶"}, true}}},
    /* every paragraph separator; U+2028 breaks the line, not the paragraph */
    {"منبع\r\nabc", EB_DIR_AUTO, EB_ALIGN_START, 2, {{{"~منبع"}, true}, {{"abc"}, false}}},
    {"abc\rمنبع", EB_DIR_AUTO, EB_ALIGN_START, 2, {{{"abc"}, false}, {{"~منبع"}, true}}},
    {"abc\u2029منبع", EB_DIR_AUTO, EB_ALIGN_START, 2, {{{"abc"}, false}, {{"~منبع"}, true}}},
    {"abc\xc2\x85منبع", EB_DIR_AUTO, EB_ALIGN_START, 2, {{{"abc"}, false}, {{"~منبع"}, true}}},
    {"abc\x1cمنبع", EB_DIR_AUTO, EB_ALIGN_START, 2, {{{"abc"}, false}, {{"~منبع"}, true}}},
    {"منبع\u2028abc", EB_DIR_AUTO, EB_ALIGN_START, 2, {{{"~منبع"}, true}, {{"abc"}, true}}},
    /* paragraphs without a strong character */
    {"۱۲\nمنبع", EB_DIR_AUTO, EB_ALIGN_START, 2, {{{"۱۲"}, true}, {{"~منبع"}, true}}},
    {"abc\n۱۲ - ۳۴\nمنبع", EB_DIR_AUTO, EB_ALIGN_START, 3,
     {{{"abc"}, false}, {{"۱۲ - ۳۴"}, false}, {{"~منبع"}, true}}},
    {"۱۲\n۳۴", EB_DIR_AUTO, EB_ALIGN_START, 2, {{{"۱۲"}, false}, {{"۳۴"}, false}}},
    /* END, CENTER and the last lines of JUSTIFY follow each line's direction */
    {"abc\nمنبع", EB_DIR_AUTO, EB_ALIGN_END, 2, {{{"abc"}, false}, {{"~منبع"}, true}}},
    {"abc\nمنبع", EB_DIR_AUTO, EB_ALIGN_CENTER, 2, {{{"abc"}, false}, {{"~منبع"}, true}}},
    {"abc\nمنبع", EB_DIR_AUTO, EB_ALIGN_JUSTIFY, 2, {{{"abc"}, false}, {{"~منبع"}, true}}},
};

static bool near(double a, double b) { return a > b - 1e-3 && a < b + 1e-3; }

/* Where a line of `width` content sits in a box `box` wide. */
static double expected_x(eb_align align, bool rtl, double box, double width) {
    double slack = box - width;
    switch (align) {
    case EB_ALIGN_CENTER: return slack / 2;
    case EB_ALIGN_END: return rtl ? 0 : slack;
    default: return rtl ? slack : 0;
    }
}

static void test_paragraph_separators(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    const double box = 1000;
    for (size_t i = 0; i < sizeof par_cases / sizeof par_cases[0]; i++) {
        const par_case *c = &par_cases[i];
        eb_text_style style = test_style("fa");
        style.direction = c->direction;
        style.align = c->align;
        eb_para *para = layout_str(fonts, c->text, &style, box, diag);
        CHECK(para && para->nlines == c->nlines);
        if (!para || para->nlines != c->nlines) {
            fprintf(stderr, "  case %zu: %zu lines\n", i, para ? para->nlines : 0);
            eb_para_destroy(para);
            continue;
        }
        CHECK(para->rtl == c->lines[0].rtl); /* the first bidi paragraph's */
        for (size_t l = 0; l < c->nlines; l++) {
            const eb_line *line = &para->lines[l];
            char *want = join_pieces(c->lines[l].visual, 4);
            char *got = visual_string(para, line);
            CHECK_STR(got, want);
            CHECK(line->rtl == c->lines[l].rtl);
            CHECK(near(line->x, expected_x(c->align, c->lines[l].rtl, box, line->width)));
            check_run_positions(line);
            if (strcmp(got, want) != 0 || line->rtl != c->lines[l].rtl)
                fprintf(stderr, "  case %zu, line %zu\n", i, l);
            free(got);
            free(want);
        }
        eb_para_destroy(para);
    }
    CHECK(eb_diag_message_count(diag) == 0);
    eb_diag_destroy(diag);
}

/* A bidi paragraph that wraps keeps its direction on every line, though
 * the text began with another. */
static void test_wrapped_lines_keep_paragraph_direction(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("fa");
    double min, max;
    const char *first = "اول دوم";
    eb_measure_text(fonts, first, strlen(first), &style, &min, &max, diag);
    eb_para *para = layout_str(fonts, "abc\nاول دوم سوم", &style, max + 1, diag);
    CHECK(para && para->nlines == 3 && !para->rtl);
    if (para && para->nlines == 3) {
        char buf[256];
        char *line2 = visual_string(para, &para->lines[2]);
        CHECK_STR(line2, reversed("سوم", buf));
        CHECK(!para->lines[0].rtl && para->lines[1].rtl && para->lines[2].rtl);
        for (size_t l = 1; l < 3; l++)
            CHECK(near(para->lines[l].x + para->lines[l].width, max + 1));
        free(line2);
    }
    eb_para_destroy(para);
    eb_diag_destroy(diag);
}

/* ---- characters of class BN ------------------------------------------------ */

/* Whether bytes [start, end) of the text lie in one run of the line. */
static bool in_one_run(const eb_line *line, size_t start, size_t end) {
    for (size_t r = 0; r < line->nruns; r++)
        if (line->runs[r].text_start <= start && line->runs[r].text_end >= end) return true;
    return false;
}

/* ZWNJ, ZWJ and the soft hyphen are class BN: they take the level of the
 * character before them (UAX #9 5.2) and never cut a Persian word into two
 * runs, whatever the paragraph direction; RLM is a strong R inside an RTL
 * word. (LRM, a strong L, does cut one: that is what it is for.) */
static void test_bn_inside_rtl_word(eb_fontset *fonts) {
    static const char *const words[] = {
        "بررسی\u200cشده", /* ZWNJ */
        "بررسی\u200dشده", /* ZWJ */
        "بررسی\u00adشده", /* soft hyphen */
        "بررسی\u200fشده", /* RLM */
    };
    static const eb_direction dirs[] = {EB_DIR_AUTO, EB_DIR_LTR};
    eb_diag *diag = eb_diag_create(NULL);
    char buf[256];
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
        for (size_t d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
            eb_text_style style = test_style("fa");
            style.direction = dirs[d];
            char *text = eb_xasprintf("x %s y", words[w]);
            eb_para *para = layout_str(fonts, text, &style, 1000, diag);
            CHECK(para && para->nlines == 1 && !para->rtl);
            if (para && para->nlines == 1) {
                /* the glyphs of the word are its letters reversed, the
                 * invisible one between «ی» and «ش» */
                char *want = eb_xasprintf("x %s y", reversed(words[w], buf));
                char *got = visual_string(para, &para->lines[0]);
                CHECK_STR(got, want);
                CHECK(in_one_run(&para->lines[0], 2, 2 + strlen(words[w])));
                free(got);
                free(want);
            }
            eb_para_destroy(para);
            free(text);
        }
    /* the same after a paragraph separator, where FriBidi left the ZWNJ at
     * the paragraph level when it saw the whole text as one paragraph */
    const char *text = "x\n۵۶ منبع بررسی‌شده";
    const char *word = strstr(text, "بررسی");
    eb_text_style style = test_style("fa");
    style.direction = EB_DIR_LTR;
    eb_para *para = layout_str(fonts, text, &style, 1000, diag);
    CHECK(para && para->nlines == 2);
    if (para && para->nlines == 2)
        CHECK(in_one_run(&para->lines[1], (size_t)(word - text), strlen(text)));
    eb_para_destroy(para);
    CHECK(eb_diag_message_count(diag) == 0);
    eb_diag_destroy(diag);
}

/* A Persian text of several paragraphs in an RTL paragraph direction: every
 * word with a ZWNJ stays whole, so each line is its text reversed, in one
 * run. */
static void test_zwnj_words_in_rtl_text(eb_fontset *fonts) {
    static const char *const lines[] = {
        "پژوهش‌ها نشان می‌دهند",
        "اگزوزوم‌ها در پوست‌های بررسی‌شده مؤثرند",
        "جست‌وجو در پایگاه‌ها",
    };
    eb_diag *diag = eb_diag_create(NULL);
    char *text = eb_xasprintf("%s\n%s\u2029%s", lines[0], lines[1], lines[2]);
    eb_direction dirs[] = {EB_DIR_AUTO, EB_DIR_RTL};
    for (size_t d = 0; d < 2; d++) {
        eb_text_style style = test_style("fa");
        style.direction = dirs[d];
        eb_para *para = layout_str(fonts, text, &style, 1000, diag);
        CHECK(para && para->nlines == 3 && para->rtl);
        for (size_t l = 0; para && l < para->nlines && l < 3; l++) {
            char buf[256];
            char *got = visual_string(para, &para->lines[l]);
            CHECK_STR(got, reversed(lines[l], buf));
            CHECK(para->lines[l].nruns == 1 && para->lines[l].rtl);
            free(got);
        }
        eb_para_destroy(para);
    }
    free(text);
    CHECK(eb_diag_message_count(diag) == 0);
    eb_diag_destroy(diag);
}

int main(void) {
    eb_diag *diag = eb_diag_create(stderr);
    eb_fontset *fonts = open_test_fonts(diag);
    test_visual_order(fonts);
    test_mirroring(fonts);
    test_lines_reordered_separately(fonts);
    test_glyph_order_in_rtl_run(fonts);
    test_paragraph_separators(fonts);
    test_wrapped_lines_keep_paragraph_direction(fonts);
    test_bn_inside_rtl_word(fonts);
    test_zwnj_words_in_rtl_text(fonts);
    eb_fontset_destroy(fonts);
    eb_diag_destroy(diag);
    return check_done("test_layout_bidi");
}
