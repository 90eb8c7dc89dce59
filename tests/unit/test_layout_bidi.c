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
};

static char *expected_visual(const bidi_case *c) {
    eb_buf out = {0};
    char buf[512];
    for (size_t i = 0; i < 6 && c->visual[i]; i++) {
        const char *piece = c->visual[i];
        eb_buf_puts(&out, piece[0] == '~' ? reversed(piece + 1, buf) : piece);
    }
    return eb_buf_steal(&out);
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
    eb_diag *diag = eb_diag_new(NULL);
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
        eb_para_free(para);
    }
    CHECK(eb_diag_message_count(diag) == 0);
    eb_diag_free(diag);
}

/* The parenthesis drawn on the left of «(ADSC)» in Persian is the glyph of
 * "(" (HarfBuzz mirrors ")" in an RTL run), though its text stays ")". */
static void test_mirroring(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_new(NULL);
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
        hb_font_t *font = hb_font_create((hb_face_t *)eb_font_hb_face(left->font));
        hb_codepoint_t open_paren = 0, close_paren = 0;
        hb_font_get_nominal_glyph(font, '(', &open_paren);
        hb_font_get_nominal_glyph(font, ')', &close_paren);
        CHECK(open_paren != close_paren);
        CHECK(glyph->gid == open_paren);
        hb_font_destroy(font);
    }
    eb_para_free(para);
    eb_diag_free(diag);
}

/* Lines are broken in logical order, then each is reordered: the first
 * words of a Persian paragraph are on the right of the first line, and the
 * space that ends it goes to the far left (rule L1). */
static void test_lines_reordered_separately(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_new(NULL);
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
    eb_para_free(para);
    eb_diag_free(diag);
}

/* Within an RTL run the glyphs are in visual order: the first letter of a
 * Persian word is the run's last glyph. */
static void test_glyph_order_in_rtl_run(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_new(NULL);
    eb_text_style style = test_style("fa");
    eb_para *para = layout_str(fonts, "سلام", &style, 1000, diag);
    const eb_run *run = &para->lines[0].runs[0];
    CHECK(para->lines[0].nruns == 1 && run->rtl && run->nglyphs == 4);
    CHECK(run->glyphs[run->nglyphs - 1].text_start == 0);
    CHECK(run->glyphs[0].text_start == strlen("سلا"));
    eb_para_free(para);
    eb_diag_free(diag);
}

int main(void) {
    eb_diag *diag = eb_diag_new(stderr);
    eb_fontset *fonts = open_test_fonts(diag);
    test_visual_order(fonts);
    test_mirroring(fonts);
    test_lines_reordered_separately(fonts);
    test_glyph_order_in_rtl_run(fonts);
    eb_fontset_free(fonts);
    eb_diag_free(diag);
    return check_done("test_layout_bidi");
}
