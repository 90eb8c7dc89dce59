/* Paragraph geometry: alignment by resolved direction, justification,
 * baselines and height, table measurement, the seeds' paragraphs, and
 * long text in about linear time. */
#include <time.h>

#include "check.h"
#include "test_layout_util.h"

static bool near(double a, double b) { return a > b - 1e-3 && a < b + 1e-3; }

static void test_alignment(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    struct { const char *text, *lang; eb_direction dir; eb_align align; bool right; bool center; } cases[] = {
        {"Exosomes", "en", EB_DIR_AUTO, EB_ALIGN_START, false, false},
        {"Exosomes", "en", EB_DIR_AUTO, EB_ALIGN_END, true, false},
        {"Exosomes", "en", EB_DIR_AUTO, EB_ALIGN_CENTER, false, true},
        {"Exosomes", "en", EB_DIR_RTL, EB_ALIGN_START, true, false}, /* START follows direction */
        {"اگزوزوم‌ها", "fa", EB_DIR_AUTO, EB_ALIGN_START, true, false},
        {"اگزوزوم‌ها", "fa", EB_DIR_AUTO, EB_ALIGN_END, false, false},
        {"اگزوزوم‌ها", "fa", EB_DIR_AUTO, EB_ALIGN_JUSTIFY, true, false}, /* one line: the last */
        {"اگزوزوم‌ها", "fa", EB_DIR_LTR, EB_ALIGN_START, false, false},
        {"外泌体", "zh-Hans", EB_DIR_AUTO, EB_ALIGN_CENTER, false, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        eb_text_style style = test_style(cases[i].lang);
        style.direction = cases[i].dir;
        style.align = cases[i].align;
        eb_para *para = layout_str(fonts, cases[i].text, &style, 200, diag);
        const eb_line *line = &para->lines[0];
        double want = cases[i].center ? (200 - line->width) / 2 : cases[i].right ? 200 - line->width : 0;
        CHECK(near(line->x, want));
        CHECK(near(line->width, measure_width(fonts, cases[i].text, &style, NULL)));
        eb_para_destroy(para);
    }
    eb_diag_destroy(diag);
}

/* Justified English and Persian widen word spaces only; Chinese spreads
 * the slack between characters. The last line keeps its natural width. */
static void test_justification(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    struct { const char *text, *lang; } cases[] = {
        {"Exosomes are small extracellular vesicles that carry proteins and RNA between cells.", "en"},
        {"اگزوزوم‌ها وزیکول‌های خارج سلولی کوچکی هستند که توسط سلول‌ها ترشح می‌شوند.", "fa"},
        {"外泌体是细胞分泌的直径很小的囊泡，携带蛋白质和核酸等物质，在细胞间传递信号。", "zh-Hans"},
    };
    for (size_t i = 0; i < 3; i++) {
        eb_text_style style = test_style(cases[i].lang);
        style.align = EB_ALIGN_JUSTIFY;
        eb_para *para = layout_str(fonts, cases[i].text, &style, 155, diag);
        CHECK(para->nlines >= 2);
        for (size_t l = 0; l + 1 < para->nlines; l++) {
            const eb_line *line = &para->lines[l];
            CHECK(near(line->width, 155));
            CHECK(near(line->x, 0));
            /* which glyphs grew: spaces (Latin, Persian) or ideographs (Chinese) */
            for (size_t r = 0; r < line->nruns; r++)
                for (size_t g = 0; g < line->runs[r].nglyphs; g++) {
                    const eb_glyph *glyph = &line->runs[r].glyphs[g];
                    double natural = eb_font_glyph_advance(line->runs[r].font, glyph->gid) / 100.0;
                    bool space = glyph->text_len == 1 && para->text[glyph->text_start] == ' ';
                    /* the last character before the line end has nothing to its left to widen */
                    bool last = glyph->text_start + glyph->text_len >= line->text_end ||
                                (r + 1 == line->nruns && g + 1 == line->runs[r].nglyphs);
                    if (last) continue;
                    if (i < 2 && !space && glyph->text_len > 0 && glyph->x_advance > natural + 0.01 &&
                        para->text[glyph->text_start] != ' ')
                        check_fail(__FILE__, __LINE__, "a letter grew in justified %s", cases[i].lang);
                    if (i < 2 && space) CHECK(glyph->x_advance > natural + 0.01);
                    if (i == 2) CHECK(glyph->x_advance > natural + 0.01);
                }
        }
        const eb_line *last = &para->lines[para->nlines - 1];
        CHECK(last->width < 155 - 1);
        eb_para_destroy(para);
    }
    eb_diag_destroy(diag);
}

/* Trailing spaces take no width, so END and CENTER put the visible text
 * where they should. */
static void test_trailing_spaces(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("en");
    style.align = EB_ALIGN_END;
    eb_para *para = layout_str(fonts, "Exosomes   ", &style, 200, diag);
    CHECK(near(para->lines[0].width, measure_width(fonts, "Exosomes", &style, NULL)));
    CHECK(near(para->lines[0].x + para->lines[0].width, 200));
    eb_para_destroy(para);
    eb_diag_destroy(diag);
}

static void test_geometry(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("en");
    const char *text = "one two three four five six seven eight nine ten eleven twelve";
    eb_para *para = layout_str(fonts, text, &style, 60, diag);
    CHECK(para->nlines >= 4);
    /* Noto Serif: ascender 1069, descender -293 per 1000 */
    CHECK(near(para->lines[0].ascent, 10.69) && near(para->lines[0].descent, 2.93));
    CHECK(near(para->lines[0].baseline, 10.69));
    for (size_t l = 1; l < para->nlines; l++) CHECK(near(para->lines[l].baseline - para->lines[l - 1].baseline, 14.5));
    CHECK(near(para->height, para->lines[para->nlines - 1].baseline + 2.93));
    CHECK(near(para->width, 60));
    eb_para_destroy(para);
    /* an explicit line height; a line with CJK takes the taller font's ascent */
    style.line_height = 20;
    para = layout_str(fonts, "one 外 two three four five six", &style, 50, diag);
    CHECK(near(para->lines[0].ascent, 11.60));
    CHECK(near(para->lines[0].baseline, 11.60));
    CHECK(near(para->lines[1].baseline, 31.60));
    eb_para_destroy(para);
    /* empty text: no lines, no height */
    para = layout_str(fonts, "", &style, 50, diag);
    CHECK(para && para->nlines == 0 && para->height == 0);
    eb_para_destroy(para);
    /* an empty line between two hard breaks still has a height */
    para = layout_str(fonts, "a\n\nb", &style, 50, diag);
    CHECK(para->nlines == 3);
    if (para->nlines == 3) CHECK(para->lines[1].nruns == 0 && para->lines[1].ascent > 0);
    eb_para_destroy(para);
    eb_diag_destroy(diag);
}

/* A mark after a hard break joins the break's cluster, so the next line
 * starts inside a cluster; justifying that line (Chinese: between
 * characters) used to widen the cluster before the line, writing before
 * the line's buffer (caught by the sanitizer build). */
static void test_line_starting_inside_cluster(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("zh-Hans");
    style.align = EB_ALIGN_JUSTIFY;
    eb_para *para = layout_str(fonts, "a\n\u0301外泌体外泌体外泌体外泌体外泌体外泌体", &style, 40, diag);
    CHECK(para && para->nlines >= 3);
    for (size_t l = 0; para && l < para->nlines; l++) CHECK(para->lines[l].width <= 40 + 1e-3);
    eb_para_destroy(para);
    eb_diag_destroy(diag);
}

/* How many bytes of the paragraph's text are not in exactly one glyph's
 * cluster text. */
static size_t bytes_not_covered_once(const eb_para *para) {
    unsigned char *covered = eb_xcalloc(para->text_len + 1, 1);
    for (size_t l = 0; l < para->nlines; l++)
        for (size_t r = 0; r < para->lines[l].nruns; r++)
            for (size_t g = 0; g < para->lines[l].runs[r].nglyphs; g++) {
                const eb_glyph *glyph = &para->lines[l].runs[r].glyphs[g];
                for (uint32_t b = glyph->text_start; b < glyph->text_start + glyph->text_len; b++)
                    covered[b]++;
            }
    size_t wrong = 0;
    for (size_t b = 0; b < para->text_len; b++) wrong += covered[b] != 1;
    free(covered);
    return wrong;
}

/* Every byte of the text belongs to exactly one glyph's cluster text
 * (the ToUnicode map needs all of it), except hard breaks. */
static void test_cluster_text_covers_all(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    const char *texts[] = {"اگزوزوم‌ها و miR-1246 در ۳۰ تا ۱۵۰ نانومتر (30–150 nm)",
                           "外泌体（exosomes）是细胞分泌的囊泡。", "لا إله مؤثّر", "Exosomes fi ffi AV"};
    for (size_t i = 0; i < 4; i++) {
        eb_text_style style = test_style(i == 1 ? "zh-Hans" : i == 3 ? "en" : "fa");
        eb_para *para = layout_str(fonts, texts[i], &style, 90, diag);
        CHECK(bytes_not_covered_once(para) == 0);
        eb_para_destroy(para);
    }
    eb_diag_destroy(diag);
}

static void test_measure(eb_fontset *fonts) {
    eb_text_style style = test_style("en");
    double min;
    double max = measure_width(fonts, "a bb extracellular", &style, &min);
    CHECK(near(min, measure_width(fonts, "extracellular", &style, NULL)));
    eb_diag *diag = eb_diag_create(NULL);
    eb_para *para = layout_str(fonts, "a bb extracellular", &style, 1e6, diag);
    CHECK(near(max, para->lines[0].width));
    eb_para_destroy(para);
    /* an overlong URL counts at its full width for min */
    const char *url = "https://www.example.org/exosomes";
    max = measure_width(fonts, url, &style, &min);
    CHECK(min > 40 && min <= max);
    /* Chinese: one ideograph (with its attached punctuation) is the minimum */
    style = test_style("zh-Hans");
    max = measure_width(fonts, "外泌体，囊泡", &style, &min);
    CHECK(near(min, 20) && near(max, 60));
    /* hard breaks: max is the widest line */
    style = test_style("en");
    max = measure_width(fonts, "a\nextracellular\nbb", &style, &min);
    CHECK(near(max, measure_width(fonts, "extracellular", &style, NULL)));
    eb_diag_destroy(diag);
}

static double seconds_since(struct timespec start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start.tv_sec) + (double)(now.tv_nsec - start.tv_nsec) / 1e9;
}

/* A long paragraph lays out in about linear time: 1 MB of mixed text, and
 * the same again with no break opportunity at all (emergency breaks). */
static void test_long_paragraphs(eb_fontset *fonts) {
    const char *unit = "Exosomes اگزوزوم‌ها 外泌体是细胞分泌的囊泡，miR-1246 ۳۰ تا ۱۵۰ نانومتر. ";
    eb_buf text = {0}, word = {0};
    while (text.len < (1u << 20)) eb_buf_puts(&text, unit);
    while (word.len < (1u << 18)) eb_buf_puts(&word, "abcdefghij");
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("en");
    style.align = EB_ALIGN_JUSTIFY;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    eb_para *para = eb_para_layout(fonts, text.data, text.len, &style, 300, diag);
    CHECK(para && para->nlines > 1000);
    eb_para_destroy(para);
    para = eb_para_layout(fonts, word.data, word.len, &style, 300, diag);
    CHECK(para && para->nlines > 1000);
    eb_para_destroy(para);
    double took = seconds_since(start);
    printf("1 MB mixed + 256 KB unbreakable: %.2f s\n", took);
    /* generous: sanitizers slow it several times over; Valgrind about fifty
     * times, and .ci/valgrind.sh says so in EVBRIEF_SLOWDOWN */
    const char *slowdown = getenv("EVBRIEF_SLOWDOWN");
    double factor = slowdown && atof(slowdown) > 1 ? atof(slowdown) : 1;
    CHECK(took < 20 * factor);
    eb_diag_destroy(diag);
    eb_buf_destroy(&text);
    eb_buf_destroy(&word);
}

/* Whether justification can widen a line: it has a word space inside it,
 * or it is Chinese (spread between characters). A line that is one
 * overlong piece (a URL) keeps its width. */
static bool stretchable(const eb_para *para, const eb_line *line) {
    if (strcmp(para->lang, "zh-Hans") == 0) return true;
    uint32_t end = line->text_end;
    while (end > line->text_start && para->text[end - 1] == ' ') end--;
    return memchr(para->text + line->text_start, ' ', end - line->text_start) != NULL;
}

/* A paragraph's lines in order: each starts where the one before ended,
 * the first at the text's start, the last at its end; each inside the box;
 * justified to its full width unless it ends its bidi paragraph or cannot
 * stretch. */
static void check_lines(const eb_para *para, double width) {
    CHECK(para->nlines > 1);
    for (size_t l = 0; l < para->nlines; l++) {
        const eb_line *line = &para->lines[l];
        CHECK(line->text_start == (l ? para->lines[l - 1].text_end : 0));
        CHECK(line->x > -1e-3 && line->x + line->width < width + 1e-3);
        bool last = l + 1 == para->nlines || para->text[line->text_end - 1] == '\n';
        if (!last && stretchable(para, line) && !near(line->width, width))
            check_fail(__FILE__, __LINE__, "line %zu of \"%.30s...\" is %.2f pt wide, not %.2f", l, para->text,
                       line->width, width);
    }
    CHECK(para->lines[para->nlines - 1].text_end == para->text_len);
}

/* The seeds' own paragraphs (17, in three languages), justified: every character has a font (nothing reported),
 * every byte is drawn once, the lines follow one another inside the box,
 * Persian runs right to left. (How fast this goes is bench/'s to measure:
 * `evbrief build --timings` gives the layout's share.) */
static void test_seed_paragraphs(eb_fontset *fonts) {
    char **paras[3];
    size_t n[3] = {read_paragraphs("en.txt", &paras[0]), read_paragraphs("fa.txt", &paras[1]),
                   read_paragraphs("zh.txt", &paras[2])};
    const char *langs[3] = {"en", "fa", "zh-Hans"};
    eb_diag *diag = eb_diag_create(NULL);
    size_t count = 0;
    for (int l = 0; l < 3; l++)
        for (size_t p = 0; p < n[l]; p++, count++) {
            eb_text_style style = test_style(langs[l]);
            style.align = EB_ALIGN_JUSTIFY;
            eb_para *para = layout_str(fonts, paras[l][p], &style, 240, diag);
            CHECK(para != NULL);
            if (!para) continue;
            CHECK(para->rtl == (l == 1));
            CHECK(bytes_not_covered_once(para) == 0);
            check_lines(para, 240);
            eb_para_destroy(para);
        }
    CHECK(count == 17 && n[0] == 5 && n[1] == 5 && n[2] == 7); /* all of tests/data/layout/ */
    CHECK(eb_diag_message_count(diag) == 0);
    for (int l = 0; l < 3; l++) free_paragraphs(paras[l], n[l]);
    eb_diag_destroy(diag);
}

int main(void) {
    eb_diag *diag = eb_diag_create(stderr);
    eb_fontset *fonts = open_test_fonts(diag);
    test_alignment(fonts);
    test_justification(fonts);
    test_trailing_spaces(fonts);
    test_geometry(fonts);
    test_line_starting_inside_cluster(fonts);
    test_cluster_text_covers_all(fonts);
    test_measure(fonts);
    test_long_paragraphs(fonts);
    test_seed_paragraphs(fonts);
    eb_fontset_destroy(fonts);
    eb_diag_destroy(diag);
    return check_done("test_layout_paragraph");
}
