/* Shaping: the glyphs of Persian words (joining, ZWNJ, lam-alef, marks),
 * kerned Latin and Chinese equal what HarfBuzz's own hb-shape gives for the
 * same font. The expected sequences were recorded with HarfBuzz 6.0.0:
 *
 *   cd fonts && hb-shape --no-glyph-names --language=fa --script=arab \
 *       --direction=rtl --utf8-clusters NotoNaskhArabic-Regular.ttf 'WORD'
 *   hb-shape --no-glyph-names --language=en NotoSerif-Regular.ttf 'AVATAR Type'
 *   hb-shape --no-glyph-names --language=zh-Hans --face-index=2 \
 *       --utf8-clusters NotoSansCJK-Regular.ttc '外泌体，'
 *
 * Output form: gid=cluster@x_offset,y_offset+x_advance, in visual order;
 * font units (1000 per em), so at 10 pt one unit is 0.01 pt. */
#include "check.h"
#include "layout/layout_internal.h"
#include "test_layout_util.h"

typedef struct {
    unsigned gid, cluster;
    int x_offset, y_offset, x_advance;
} hb_glyph;

typedef struct {
    const char *text, *lang, *postscript_name;
    hb_glyph glyphs[12];
    size_t n;
} shaping_case;

static const shaping_case cases[] = {
    /* [4=19+253|512=17+508|1364=14+0|482=12+489|536=10+468|213=8+386|536=6+468|214=4+404|402=2+415|3=0+238] */
    {"اگزوزوم‌ها", "fa", "NotoNaskhArabic-Regular",
     {{4, 19, 0, 0, 253}, {512, 17, 0, 0, 508}, {1364, 14, 0, 0, 0}, {482, 12, 0, 0, 489},
      {536, 10, 0, 0, 468}, {213, 8, 0, 0, 386}, {536, 6, 0, 0, 468}, {214, 4, 0, 0, 404},
      {402, 2, 0, 0, 415}, {3, 0, 0, 0, 238}}, 10},
    /* [182=13+474|490=11+275|537=9+468|262=7+658|1364=4+0|596=2+687|485=0+456] */
    {"می‌شوند", "fa", "NotoNaskhArabic-Regular",
     {{182, 13, 0, 0, 474}, {490, 11, 0, 0, 275}, {537, 9, 0, 0, 468}, {262, 7, 0, 0, 658},
      {1364, 4, 0, 0, 0}, {596, 2, 0, 0, 687}, {485, 0, 0, 0, 456}}, 7},
    /* without the ZWNJ, yeh and sheen join: [182=10+474|490=8+275|537=6+468|261=4+663|597=2+360|485=0+456] */
    {"میشوند", "fa", "NotoNaskhArabic-Regular",
     {{182, 10, 0, 0, 474}, {490, 8, 0, 0, 275}, {537, 6, 0, 0, 468}, {261, 4, 0, 0, 663},
      {597, 2, 0, 0, 360}, {485, 0, 0, 0, 456}}, 6},
    /* lam-alef: [6=2+0|450=0+518] */
    {"لا", "fa", "NotoNaskhArabic-Regular", {{6, 2, 0, 0, 0}, {450, 0, 0, 0, 518}}, 2},
    /* a shadda placed on theh: [212=8+404|1427=4@67,205+0|68=4+275|545=2+468|485=0+456] */
    {"مؤثّر", "fa", "NotoNaskhArabic-Regular",
     {{212, 8, 0, 0, 404}, {1427, 4, 67, 205, 0}, {68, 4, 0, 0, 275}, {545, 2, 0, 0, 468},
      {485, 0, 0, 0, 456}}, 5},
    /* kerning: [36=0+625|57=1+595|36=2+645|55=3+553|36=4+705|53=5+656|3=6+260|55=7+613|92=8+565|83=9+614|72=10+535] */
    {"AVATAR Type", "en", "NotoSerif-Regular",
     {{36, 0, 0, 0, 625}, {57, 1, 0, 0, 595}, {36, 2, 0, 0, 645}, {55, 3, 0, 0, 553},
      {36, 4, 0, 0, 705}, {53, 5, 0, 0, 656}, {3, 6, 0, 0, 260}, {55, 7, 0, 0, 613},
      {92, 8, 0, 0, 565}, {83, 9, 0, 0, 614}, {72, 10, 0, 0, 535}}, 11},
    /* [14042=0+1000|23232=3+1000|9966=6+1000|59058=9+1000] */
    {"外泌体，", "zh-Hans", "NotoSansCJKsc-Regular",
     {{14042, 0, 0, 0, 1000}, {23232, 3, 0, 0, 1000}, {9966, 6, 0, 0, 1000}, {59058, 9, 0, 0, 1000}}, 4},
};

static bool near(double a, double b) { return a > b - 1e-4 && a < b + 1e-4; }

/* The glyphs of a line, all runs together, in visual order. */
static size_t line_glyphs(const eb_line *line, const eb_glyph **out, size_t max,
                          const eb_run **run_of) {
    size_t n = 0;
    for (size_t r = 0; r < line->nruns; r++)
        for (size_t g = 0; g < line->runs[r].nglyphs && n < max; g++) {
            run_of[n] = &line->runs[r];
            out[n++] = &line->runs[r].glyphs[g];
        }
    return n;
}

static void check_glyphs_equal(const eb_line *line, const shaping_case *c, uint32_t offset) {
    const eb_glyph *glyphs[64];
    const eb_run *runs[64];
    size_t n = line_glyphs(line, glyphs, 64, runs);
    CHECK(n == c->n);
    for (size_t i = 0; i < n && i < c->n; i++) {
        const hb_glyph *want = &c->glyphs[i];
        CHECK(glyphs[i]->gid == want->gid);
        CHECK(glyphs[i]->text_start == want->cluster + offset);
        CHECK(near(glyphs[i]->x_advance, want->x_advance / 100.0));
        CHECK(near(glyphs[i]->x_offset, want->x_offset / 100.0));
        CHECK(near(glyphs[i]->y_offset, want->y_offset / 100.0));
        CHECK_STR(eb_font_get_info(runs[i]->font)->postscript_name, c->postscript_name);
    }
}

static void test_words_alone(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        eb_text_style style = test_style(cases[i].lang);
        eb_para *para = layout_str(fonts, cases[i].text, &style, 1000, diag);
        CHECK(para && para->nlines == 1);
        if (para && para->nlines == 1) check_glyphs_equal(&para->lines[0], &cases[i], 0);
        eb_para_destroy(para);
    }
    eb_diag_destroy(diag);
}

/* The same words inside a sentence shape the same (the whole paragraph is
 * the context, and clusters are byte offsets into the paragraph). */
static void test_words_in_context(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    const char *before = "کاربرد ", *after = " در پوست";
    for (size_t i = 0; i < 5; i++) {
        char *text = eb_xasprintf("%s%s%s", before, cases[i].text, after);
        eb_text_style style = test_style("fa");
        eb_para *para = layout_str(fonts, text, &style, 1000, diag);
        /* the word is the middle of three Persian words: pick out its glyphs */
        eb_line sub = para->lines[0];
        const eb_run *run = &sub.runs[0];
        uint32_t from = (uint32_t)strlen(before), to = from + (uint32_t)strlen(cases[i].text);
        size_t first = 0, count = 0;
        for (size_t g = 0; g < run->nglyphs; g++)
            if (run->glyphs[g].text_start >= from && run->glyphs[g].text_start < to) {
                if (!count) first = g;
                count++;
            }
        eb_run word = *run;
        word.glyphs += first;
        word.nglyphs = count;
        sub.runs = &word;
        sub.nruns = 1;
        CHECK(para->lines[0].nruns == 1);
        check_glyphs_equal(&sub, &cases[i], from);
        eb_para_destroy(para);
        free(text);
    }
    eb_diag_destroy(diag);
}

/* ZWNJ breaks the join (yeh takes its final form, sheen its initial one)
 * and adds no width; its glyph keeps the ZWNJ's text for copy and paste. */
static void test_zwnj(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("fa");
    const char *text = "می‌شوند";
    eb_para *para = layout_str(fonts, text, &style, 1000, diag);
    const eb_run *run = &para->lines[0].runs[0];
    const uint32_t zwnj_at = (uint32_t)strlen("می");
    size_t found = 0;
    for (size_t g = 0; g < run->nglyphs; g++)
        if (run->glyphs[g].text_start == zwnj_at) {
            found++;
            CHECK(run->glyphs[g].x_advance == 0);
            CHECK(run->glyphs[g].text_len == strlen("\u200C"));
        }
    CHECK(found == 1);
    /* and the word is narrower than the two halves set apart by a space */
    double joined_min, joined_max, spaced_min, spaced_max;
    eb_measure_text(fonts, text, strlen(text), &style, &joined_min, &joined_max, diag);
    const char *spaced = "می شوند";
    eb_measure_text(fonts, spaced, strlen(spaced), &style, &spaced_min, &spaced_max, diag);
    CHECK(joined_max < spaced_max - 1);
    CHECK(near(joined_min, joined_max)); /* one word: cannot break at the ZWNJ */
    eb_para_destroy(para);
    eb_diag_destroy(diag);
}

/* Kerning is on: "AV" sets the A narrower than its nominal advance. */
static void test_kerning(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("en");
    eb_para *para = layout_str(fonts, "AV", &style, 1000, diag);
    const eb_run *run = &para->lines[0].runs[0];
    int nominal = eb_font_glyph_advance(run->font, run->glyphs[0].gid);
    CHECK(run->glyphs[0].x_advance < nominal / 100.0 - 0.5);
    eb_para_destroy(para);
    eb_diag_destroy(diag);
}

/* ---- the shaping cache ------------------------------------------------------ */

static bool paras_identical(const eb_para *a, const eb_para *b) {
    if (!a || !b || a->nlines != b->nlines || a->height != b->height) return false;
    for (size_t l = 0; l < a->nlines; l++) {
        const eb_line *x = &a->lines[l], *y = &b->lines[l];
        if (x->nruns != y->nruns || x->width != y->width || x->x != y->x) return false;
        for (size_t r = 0; r < x->nruns; r++) {
            const eb_run *p = &x->runs[r], *q = &y->runs[r];
            if (p->font != q->font || p->nglyphs != q->nglyphs || p->x != q->x || p->rtl != q->rtl ||
                memcmp(p->glyphs, q->glyphs, p->nglyphs * sizeof *p->glyphs) != 0)
                return false;
        }
    }
    return true;
}

/* A fontset that has shaped everything before gives the same paragraphs,
 * to the bit, as a fresh one: the same items at other offsets, in other
 * contexts, at the start or end of the text or not, in other sizes; and
 * the same line breaks (libunibreak's results are cached too: the same
 * text in another language breaks otherwise). */
static void test_cache_same_as_shaping(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    const struct { const char *text, *lang; } texts[] = {
        {"Exosomes reduce wrinkles.", "en"},
        {"AVATAR Type: Exosomes reduce wrinkles.", "en"},
        {"Exosomes reduce wrinkles. Exosomes reduce wrinkles.", "en"},
        {"اگزوزوم‌ها در پوست", "fa"},
        {"کاربرد اگزوزوم‌ها در پوست", "fa"},
        {"اگزوزوم‌ها miR-1246 در ۳۰ تا ۱۵۰ نانومتر (30–150 nm)", "fa"},
        {"miR-1246 اگزوزوم‌ها", "fa"},
        {"外泌体（exosomes）是细胞分泌的囊泡。", "zh-Hans"},
        {"外泌体，外泌体，exosomes", "zh-Hans"},
        {"\u0301abc", "en"},
        {"x\u0301abc", "en"},
        {"لا إله مؤثّر", "fa"},
        {"لا", "fa"},
        {"a\r\nb c d e f g h i j k l m n o p\n\nq", "en"},
    };
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
            eb_text_style style = test_style(texts[i].lang);
            style.size = pass ? 7.5 : 10;
            eb_fontset *fresh = eb_fontset_share(fonts);
            eb_para *cold = layout_str(fresh, texts[i].text, &style, 90, diag);
            eb_para *warm = layout_str(fonts, texts[i].text, &style, 90, diag);
            eb_para *again = layout_str(fonts, texts[i].text, &style, 90, diag);
            CHECK(paras_identical(cold, warm));
            CHECK(paras_identical(cold, again));
            eb_para_destroy(cold);
            eb_para_destroy(warm);
            eb_para_destroy(again);
            eb_fontset_destroy(fresh);
        }
    eb_diag_destroy(diag);
}

/* libunibreak's results are kept per text and language: the same text in
 * another language breaks otherwise. */
static void test_break_cache_language(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    const char *text = "外‘泌’体 a·b";
    eb_text_style en = test_style("en"), zh = test_style("zh-Hans");
    eb_fontset *fresh = eb_fontset_share(fonts);
    eb_analysis warm_en, warm_zh, cold_zh;
    CHECK(ebi_analysis_prepare(&warm_en, fonts, text, strlen(text), &en, diag));
    CHECK(ebi_analysis_prepare(&warm_zh, fonts, text, strlen(text), &zh, diag));
    CHECK(ebi_analysis_prepare(&cold_zh, fresh, text, strlen(text), &zh, diag));
    CHECK(warm_en.n == warm_zh.n && warm_zh.n == cold_zh.n);
    CHECK(memcmp(warm_en.brk, warm_zh.brk, warm_zh.n) != 0);
    CHECK(memcmp(warm_zh.brk, cold_zh.brk, warm_zh.n) == 0);
    ebi_analysis_destroy(&warm_en);
    ebi_analysis_destroy(&warm_zh);
    ebi_analysis_destroy(&cold_zh);
    eb_fontset_destroy(fresh);
    eb_diag_destroy(diag);
}

/* The shaping cache answers only for a key equal in every part; a cache
 * stays within its memory bound, dropping the oldest entries. */
static hb_user_data_key_t test_cache_key;

static void test_cache_keys(void) {
    hb_buffer_t *buf = hb_buffer_create();
    eb_cache *cache = ebi_cache_of(buf, &test_cache_key, 64 << 10);
    CHECK(cache && ebi_cache_of(buf, &test_cache_key, 64 << 10) == cache);
    eb_shaped_glyphs out = {0};
    const eb_shaped_glyph glyphs[2] = {{.gid = 7, .cluster = 0, .x_advance = 500},
                                       {.gid = 9, .cluster = 2, .x_advance = -3, .y_offset = 40}};
    eb_shape_key key = {.font = 1, .script = HB_SCRIPT_LATIN, .lang = hb_language_from_string("en", -1),
                        .pre = "ab", .pre_len = 2, .text = "cde", .text_len = 3, .post = "f", .post_len = 1};
    CHECK(ebi_shape_cache_find(cache, &key, &out) == SIZE_MAX);
    ebi_shape_cache_add(cache, glyphs, 2);
    CHECK(ebi_shape_cache_find(cache, &key, &out) == 2);
    CHECK(memcmp(out.glyphs, glyphs, sizeof glyphs) == 0);
    eb_shape_key other[8];
    for (int i = 0; i < 8; i++) other[i] = key;
    other[0].font = 2;
    other[1].rtl = 1;
    other[2].bot = 1;
    other[3].eot = 1;
    other[4].script = HB_SCRIPT_GREEK;
    other[5].lang = hb_language_from_string("fa", -1);
    other[6].pre = "xb";     /* the context counts */
    other[7].post_len = 0;   /* so does its length */
    for (int i = 0; i < 8; i++) CHECK(ebi_shape_cache_find(cache, &other[i], &out) == SIZE_MAX);
    /* thousands of distinct items: the oldest go, the newest stay */
    char text[32];
    for (int i = 0; i < 20000; i++) {
        snprintf(text, sizeof text, "item %d", i);
        eb_shape_key k = key;
        k.text = text;
        k.text_len = (uint32_t)strlen(text);
        if (ebi_shape_cache_find(cache, &k, &out) == SIZE_MAX) ebi_shape_cache_add(cache, glyphs, 2);
        CHECK(ebi_cache_bytes(cache) <= 64 << 10);
    }
    CHECK(ebi_cache_bytes(cache) > 60 << 10);
    CHECK(ebi_shape_cache_find(cache, &key, &out) == SIZE_MAX);
    eb_shape_key last = key;
    last.text = text;
    last.text_len = (uint32_t)strlen(text);
    CHECK(ebi_shape_cache_find(cache, &last, &out) == 2);
    /* values that do not fit its compact form are not kept */
    const eb_shaped_glyph wide[1] = {{.gid = 70000, .x_advance = 10}};
    eb_shape_key k = key;
    k.text = "wide";
    k.text_len = 4;
    CHECK(ebi_shape_cache_find(cache, &k, &out) == SIZE_MAX);
    ebi_shape_cache_add(cache, wide, 1);
    CHECK(ebi_shape_cache_find(cache, &k, &out) == SIZE_MAX);
    /* nor is anything larger than an eighth of the bound */
    char *big = calloc(16 << 10, 1);
    k.text = big;
    k.text_len = 16 << 10;
    CHECK(ebi_shape_cache_find(cache, &k, &out) == SIZE_MAX);
    ebi_shape_cache_add(cache, glyphs, 2);
    CHECK(ebi_shape_cache_find(cache, &k, &out) == SIZE_MAX);
    free(big);
    free(out.glyphs);
    hb_buffer_destroy(buf); /* frees the cache */
}

int main(void) {
    eb_diag *diag = eb_diag_create(stderr);
    eb_fontset *fonts = open_test_fonts(diag);
    test_words_alone(fonts);
    test_words_in_context(fonts);
    test_zwnj(fonts);
    test_kerning(fonts);
    test_cache_same_as_shaping(fonts);
    test_break_cache_language(fonts);
    test_cache_keys();
    eb_fontset_destroy(fonts);
    eb_diag_destroy(diag);
    return check_done("test_layout_shaping");
}
