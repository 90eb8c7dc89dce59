/* Text in the PDF is real text: paragraphs from the seed reviews, laid out
 * and drawn, come back from pdftotext as they went in; every font is
 * embedded, subset and has a ToUnicode map; qpdf finds nothing wrong; a
 * page of Chinese stays small; the same input gives the same bytes.
 *
 * Each paragraph gets a PDF of its own, because poppler decides a page's
 * reading direction from the majority of its characters: a Persian line on
 * a mostly English page comes out in visual chunks.
 *
 * What "as they went in" means (normalise() and same_text() below):
 *  - poppler wraps right-to-left text in bidi embedding marks: dropped;
 *  - runs of white space become one space; none at the ends;
 *  - a line end in pdftotext's output stands for a space or for nothing
 *    (a line may break after a dash, or between Han characters);
 *  - no space next to a CJK character: poppler turns the 1/4-em Han-Latin
 *    gap into a space, and Chinese has none of its own;
 *  - where the direction changes (a Persian letter on one side, anything
 *    else on the other), spaces and brackets are not compared: for a
 *    right-to-left line poppler treats every character that is not a
 *    Persian letter as left-to-right and emits it in visual order, so
 *    "(ADSC) و" comes back as "( )ADSCو" and "باشند. میکرو" as
 *    "باشند .میکرو". Every other character must come back in logical
 *    order, and the brackets must all be there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "layout.h"
#include "fonts_util.h"
#include "pdf.h"
#include "test_pdf_util.h"

#define A4_W 595.276
#define A4_H 841.89

static char *scratch;
static eb_fontset *fonts;

typedef struct {
    const char *name, *lang;
    eb_align align;
    const char *text;
} text_case;

/* From the seeds (/work/shared/seeds), repaired as the inputs are. */
static const text_case cases[] = {
    {"fa-justified", "fa", EB_ALIGN_JUSTIFY,  /* 000, with ADSC, UV, miR-1246 */
     "اگزوزوم‌ها به‌ویژه از منابعی مانند سلول‌های بنیادی مشتق از بافت چربی (ADSC) و سلول‌های "
     "بنیادی بند ناف انسانی (hUCMSC) توانسته‌اند تأثیرات مثبتی در کاهش آسیب‌های ناشی از UV و "
     "افزایش تولید کلاژن در پوست داشته باشند. میکروRNAهای موجود در اگزوزوم‌ها مانند miR-1246 و "
     "miR-29b-3p به کاهش تخریب کلاژن و تحریک تولید پروتئین‌های ساختاری پوست کمک می‌کنند."},
    {"fa-numbers", "fa", EB_ALIGN_START,  /* 000, Persian digits and FDA */
     "اگزوزوم‌ها از نظر اندازه در حدود ۳۰ تا ۱۵۰ نانومتر هستند. تاکنون هیچ فرآورده اگزوزومی "
     "تأییدیه سازمان غذا و داروی آمریکا (FDA) را به‌عنوان داروی رسمی دریافت نکرده است."},
    {"fa-plain", "fa", EB_ALIGN_CENTER,  /* 000 abstract: joining, ZWNJ, lam-alef */
     "اگزوزوم‌ها وزیکول‌های خارج سلولی کوچکی هستند که توسط سلول‌ها ترشح شده و حاوی مولکول‌های "
     "مختلفی همچون پروتئین‌ها و چربی‌ها هستند که می‌توانند به سلول‌های دیگر منتقل شده و اثرات "
     "متفاوتی بر آن‌ها بگذارند؛ لایه‌های پوست."},
    {"zh-justified", "zh-Hans", EB_ALIGN_JUSTIFY,  /* 002 */
     "皮肤作为人体抵御外界刺激的第一道防线，易受紫外线（Ultraviolet，UV）辐射、空气污染物、"
     "寒冷及风力等外界刺激的影响，进而发生皮肤损伤并诱导老化进程，其中UV辐射是诱发皮肤光老化的"
     "首要核心因素。太阳照射到地球表面的UV辐射包括UVA（320–400 nm）、UVB（280–320 nm）和"
     "UVC（100–280 nm）。"},
    {"zh-punctuation", "zh-Hans", EB_ALIGN_END,  /* 003: 30–150 nm, ——, ……, 《》 */
     "外泌体是其中粒径最小的一类（30–150 nm），由多囊体与细胞膜融合后出胞形成。值得注意的是，"
     "外泌体具有双重角色——它既可能介导年轻化信号，也可能传播衰老相关分泌表型（SASP）等有害信号……"
     "《Nature Aging》2024年发表的小鼠实验显示，年轻小鼠血浆来源的小型细胞外囊泡可改善多组织衰老表型。"},
    {"en-justified", "en", EB_ALIGN_JUSTIFY,  /* 001 */
     "Exosomes are small extracellular vesicles (30–150 nm in size) that play a critical role in "
     "cellular communication, transporting proteins, lipids, and nucleic acids between cells. "
     "This literature review focuses on evaluating the potential benefits and limitations of "
     "exosomes in skin rejuvenation, hair restoration, and pigmentation disorders; no "
     "FDA-approved exosome products exist."},
    {"en-with-chinese", "en", EB_ALIGN_START,  /* mixed scripts, one direction */
     "Exosomes (外泌体, “exosome therapy”) measure 30–150 nm; the review by He (和卓怡) covers "
     "photoaging (光老化) in office-based practice."},
};

/* ---- normalisation ------------------------------------------------------------------ */

#define LINE_BREAK 0xE000u  /* a line end in pdftotext's output: a space or nothing */

static bool is_bidi_control(uint32_t c) {
    return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static bool is_cjk(uint32_t c) {
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) || c == 0x2014 ||
           c == 0x2026 || c == 0x201C || c == 0x201D;
}

/* Persian letters, not digits or Arabic-script punctuation. */
static bool is_rtl_letter(uint32_t c) {
    if ((c >= 0x0660 && c <= 0x066D) || (c >= 0x06F0 && c <= 0x06F9)) return false;
    if (c == 0x060C || c == 0x061B || c == 0x061F || c == 0x06D4) return false;
    return (c >= 0x0600 && c <= 0x06FF) || (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

/* What poppler may move across a change of direction. */
static bool is_movable(uint32_t c) {
    return c == ' ' || c == LINE_BREAK || c == '(' || c == ')' || c == '[' || c == ']' ||
           c == 0xAB || c == 0xBB;
}

/* Code points without bidi controls; white space as ' ', and (in
 * pdftotext output) line ends as LINE_BREAK. */
static size_t decode_all(const char *s, bool extracted, uint32_t *out) {
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t step = eb_utf8_decode(s + i, len - i, &c);
        if (!step) {
            c = 0xFFFD;
            step = 1;
        }
        i += step;
        if (is_bidi_control(c)) continue;
        if (c == '\n' && extracted) c = LINE_BREAK;
        else if (c == '\n' || c == '\t' || c == '\f' || c == '\r') c = ' ';
        out[n++] = c;
    }
    return n;
}

/* Writes the run c[i..j) of movable characters: nothing at the ends of the
 * text or where the direction changes; else its brackets in order and one
 * separator (a line break wins over a space), none beside CJK. */
static void emit_movable_run(eb_buf *out, const uint32_t *c, size_t n, size_t i, size_t j) {
    uint32_t left = i > 0 ? c[i - 1] : 0, right = j < n ? c[j] : 0;
    if (!left || !right || is_rtl_letter(left) != is_rtl_letter(right)) return;
    uint32_t separator = 0;
    for (size_t k = i; k < j; k++)
        if (c[k] == ' ' || c[k] == LINE_BREAK) separator = separator == LINE_BREAK ? LINE_BREAK : c[k];
    bool separator_written = false;
    for (size_t k = i; k < j; k++) {
        uint32_t ch = c[k];
        if (ch == ' ' || ch == LINE_BREAK) {
            if (separator_written) continue;
            separator_written = true;
            bool beside_cjk = is_cjk(k > i ? c[k - 1] : left) || is_cjk(k + 1 < j ? c[k + 1] : right);
            if (beside_cjk) continue;
            ch = separator;
        }
        char bytes[4];
        eb_buf_append(out, bytes, eb_utf8_encode(ch, bytes));
    }
}

static uint32_t *normalise(const char *s, bool extracted, size_t *count) {
    uint32_t *c = eb_xmalloc((strlen(s) + 1) * sizeof *c);
    size_t n = decode_all(s, extracted, c);
    eb_buf out = {0};
    for (size_t i = 0; i < n;) {
        if (!is_movable(c[i])) {
            char bytes[4];
            eb_buf_append(&out, bytes, eb_utf8_encode(c[i++], bytes));
            continue;
        }
        size_t j = i;
        while (j < n && is_movable(c[j])) j++;
        emit_movable_run(&out, c, n, i, j);
        i = j;
    }
    /* back to code points (the output is never longer than the input) */
    *count = decode_all(eb_buf_cstr(&out), false, c);
    eb_buf_destroy(&out);
    return c;
}

/* Expected and extracted text agree, a line break standing for a space or
 * for nothing (a line broken after a dash or between Han characters). */
static bool same_text(const uint32_t *want, size_t nwant, const uint32_t *got, size_t ngot) {
    size_t i = 0, j = 0;
    while (i < nwant && j < ngot) {
        if (got[j] == LINE_BREAK) {
            if (want[i] == ' ') i++;
            j++;
        } else if (want[i++] != got[j++]) {
            return false;
        }
    }
    while (j < ngot && got[j] == LINE_BREAK) j++;
    return i == nwant && j == ngot;
}

static char *to_utf8(const uint32_t *c, size_t n) {
    eb_buf out = {0};
    for (size_t i = 0; i < n; i++) {
        char bytes[4];
        eb_buf_append(&out, bytes, eb_utf8_encode(c[i] == LINE_BREAK ? 0x23CE : c[i], bytes));
    }
    return eb_buf_steal(&out);
}

static size_t count_char(const char *s, char ch) {
    size_t n = 0;
    for (; *s; s++) n += *s == ch;
    return n;
}

/* ---- drawing ------------------------------------------------------------------------- */

static eb_text_style style_for(const char *lang, eb_align align) {
    return (eb_text_style){.family = EB_FAMILY_SERIF, .size = 11, .lang = lang, .align = align,
                           .color = 0x1A1A1A, .origin = "test_pdf_text"};
}

/* Lays out text in a column and draws it on a new A4 page of pdf. */
static bool draw_text(eb_pdf *pdf, const char *text, const eb_text_style *style, double top,
                      double *height, eb_diag *diag) {
    eb_pdf_page *page = eb_pdf_get_page(pdf, eb_pdf_page_count(pdf) - 1);
    eb_para *para = eb_para_layout(fonts, text, strlen(text), style, 360, diag);
    if (!para) return false;
    eb_pdf_draw_para(page, para, 72, top);
    *height = para->height;
    eb_para_destroy(para);
    return true;
}

/* Writes one case's PDF; returns its path (caller frees) or NULL. */
static char *write_case(const text_case *tc, const char *suffix) {
    eb_diag *diag = eb_diag_create(stderr);
    eb_pdf_options options = {.title = tc->name, .lang = tc->lang, .id_seed = tc->name};
    eb_pdf *pdf = eb_pdf_create(fonts, &options, diag);
    eb_pdf_add_page(pdf, A4_W, A4_H);
    eb_text_style style = style_for(tc->lang, tc->align);
    double height;
    char *path = eb_xasprintf("%s/%s%s.pdf", scratch, tc->name, suffix);
    bool ok = draw_text(pdf, tc->text, &style, 72, &height, diag) && eb_pdf_save(pdf, path) &&
              eb_diag_count(diag, EB_ERROR) == 0 && eb_diag_count(diag, EB_WARNING) == 0;
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
    if (!ok) {
        free(path);
        return NULL;
    }
    return path;
}

static void check_round_trip(const text_case *tc) {
    char *path = write_case(tc, "");
    check_count++;
    if (!path) {
        check_fail(__FILE__, __LINE__, "%s: cannot write the PDF", tc->name);
        return;
    }
    char *extracted = pdf_test_text(path);
    size_t nwant, ngot;
    uint32_t *want = normalise(tc->text, false, &nwant), *got = normalise(extracted, true, &ngot);
    check_count++;
    if (!same_text(want, nwant, got, ngot)) {
        char *a = to_utf8(got, ngot), *b = to_utf8(want, nwant);
        check_fail(__FILE__, __LINE__, "%s: pdftotext gives back\n  %s\ninstead of\n  %s", tc->name, a, b);
        free(a);
        free(b);
    }
    /* brackets may move (see the top of the file) but not go missing */
    CHECK(count_char(extracted, '(') == count_char(tc->text, '('));
    CHECK(count_char(extracted, ')') == count_char(tc->text, ')'));
    int rows, good;
    pdf_test_fonts(path, &rows, &good);
    CHECK(rows > 0 && rows == good);
    CHECK(pdf_test_qpdf_ok(path));
    free(got);
    free(want);
    free(extracted);
    free(path);
}

static bool same_file(const char *a, const char *b) {
    size_t alen, blen;
    char *x = pdf_test_read(a, &alen), *y = pdf_test_read(b, &blen);
    bool same = x && y && alen == blen && memcmp(x, y, alen) == 0;
    free(x);
    free(y);
    return same;
}

static void test_deterministic(void) {
    char *a = write_case(&cases[0], "-again");
    char *b = write_case(&cases[0], "-once-more");
    CHECK(a && b && same_file(a, b));
    free(a);
    free(b);
}

/* The first run of a one-line paragraph laid out from text. */
static eb_para *one_run(const char *text, const char *lang) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = style_for(lang, EB_ALIGN_START);
    eb_para *para = eb_para_layout(fonts, text, strlen(text), &style, 400, diag);
    eb_diag_destroy(diag);
    return para;
}

/* One glyph drawn for two different texts: a TrueType font gets a second
 * CID for it, a CFF font (no CIDToGIDMap) wraps it in ActualText; either
 * way the text extracts as written, not as the glyph first stood for. */
static void test_one_glyph_two_texts(void) {
    eb_para *han = one_run("中", "zh-Hans"), *latin = one_run("x", "en");
    if (!han || !latin || !han->nlines || !latin->nlines) {
        CHECK(!"cannot lay out the probes");
        return;
    }
    const eb_run *han_run = &han->lines[0].runs[0], *latin_run = &latin->lines[0].runs[0];
    static char text[] = "甲乙ab";  /* drawn as 中中xx */
    eb_glyph glyphs[4] = {
        {.gid = han_run->glyphs[0].gid, .x_advance = 11, .text_start = 0, .text_len = 3},
        {.gid = han_run->glyphs[0].gid, .x_advance = 11, .text_start = 3, .text_len = 3},
        {.gid = latin_run->glyphs[0].gid, .x_advance = 6, .text_start = 6, .text_len = 1},
        {.gid = latin_run->glyphs[0].gid, .x_advance = 6, .text_start = 7, .text_len = 1},
    };
    eb_run runs[2] = {
        {.font = han_run->font, .size = 11, .x = 0, .width = 22, .glyphs = glyphs, .nglyphs = 2},
        {.font = latin_run->font, .size = 11, .x = 22, .width = 12, .glyphs = glyphs + 2, .nglyphs = 2},
    };
    eb_line line = {.runs = runs, .nruns = 2, .baseline = 12, .width = 34, .ascent = 11, .descent = 3};
    eb_para para = {.text = text, .text_len = strlen(text), .lines = &line, .nlines = 1, .width = 34};
    eb_diag *diag = eb_diag_create(stderr);
    eb_pdf_options options = {.title = "conflicts", .lang = "zh-Hans", .id_seed = "conflicts"};
    eb_pdf *pdf = eb_pdf_create(fonts, &options, diag);
    eb_pdf_draw_para(eb_pdf_add_page(pdf, A4_W, A4_H), &para, 72, 72);
    char *path = eb_xasprintf("%s/conflicts.pdf", scratch);
    CHECK(eb_pdf_save(pdf, path));
    char *extracted = pdf_test_text(path);
    CHECK_CONTAINS(extracted, "甲乙ab");
    CHECK(pdf_test_qpdf_ok(path));
    free(extracted);
    free(path);
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
    eb_para_destroy(han);
    eb_para_destroy(latin);
}

/* Saving twice, with more text in between: the second file has the fonts'
 * new glyphs and maps (they are rebuilt, not appended). */
static void test_save_twice(void) {
    eb_diag *diag = eb_diag_create(stderr);
    eb_pdf_options options = {.title = "twice", .lang = "en", .id_seed = "twice"};
    eb_pdf *pdf = eb_pdf_create(fonts, &options, diag);
    eb_pdf_add_page(pdf, A4_W, A4_H);
    eb_text_style style = style_for("en", EB_ALIGN_START);
    double height;
    char *first = eb_xasprintf("%s/twice-1.pdf", scratch), *second = eb_xasprintf("%s/twice-2.pdf", scratch);
    CHECK(draw_text(pdf, "First words.", &style, 72, &height, diag) && eb_pdf_save(pdf, first));
    CHECK(draw_text(pdf, "Quickly zigzag, then 外泌体.", &style, 144, &height, diag) && eb_pdf_save(pdf, second));
    char *a = pdf_test_text(first), *b = pdf_test_text(second);
    CHECK_CONTAINS(a, "First words.");
    CHECK(strstr(a, "zigzag") == NULL);
    CHECK_CONTAINS(b, "First words.");
    CHECK_CONTAINS(b, "Quickly zigzag, then 外泌体.");
    CHECK(pdf_test_qpdf_ok(second));
    int rows, good;
    pdf_test_fonts(second, &rows, &good);
    CHECK(rows == 2 && good == 2);
    free(a);
    free(b);
    free(first);
    free(second);
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
}

/* A full A4 page of Chinese body text stays well under 100 KB. */
static void test_chinese_page_size(void) {
    eb_diag *diag = eb_diag_create(stderr);
    eb_pdf_options options = {.title = "zh page", .lang = "zh-Hans", .id_seed = "zh page"};
    eb_pdf *pdf = eb_pdf_create(fonts, &options, diag);
    eb_pdf_add_page(pdf, A4_W, A4_H);
    eb_text_style style = style_for("zh-Hans", EB_ALIGN_JUSTIFY);
    style.size = 10.5;
    double top = 56, height = 0;
    for (size_t i = 0; top < A4_H - 120; i = (i + 1) % 2) {
        const char *text = cases[i == 0 ? 3 : 4].text;
        if (!draw_text(pdf, text, &style, top, &height, diag)) break;
        top += height + 6;
    }
    char *path = eb_xasprintf("%s/zh-page.pdf", scratch);
    CHECK(eb_pdf_save(pdf, path));
    size_t len;
    char *bytes = pdf_test_read(path, &len);
    check_count++;
    if (!bytes || len >= 100 * 1024) check_fail(__FILE__, __LINE__, "Chinese page: %zu bytes", len);
    printf("a full page of Chinese: %zu bytes\n", len);
    int rows, good;
    pdf_test_fonts(path, &rows, &good);
    CHECK(rows > 0 && rows == good);
    free(bytes);
    free(path);
    eb_pdf_destroy(pdf);
    eb_diag_destroy(diag);
}

int main(void) {
    scratch = pdf_test_dir("pdf_text");
    eb_diag *diag = eb_diag_create(stderr);
    char *dir = eb_xstrdup(EVBRIEF_TEST_FONTS_DIR);
    fonts = open_fonts_in(dir, diag);
    free(dir);
    if (!fonts) return 2;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) check_round_trip(&cases[i]);
    test_deterministic();
    test_save_twice();
    test_one_glyph_two_texts();
    test_chinese_page_size();
    eb_fontset_destroy(fonts);
    eb_diag_destroy(diag);
    free(scratch);
    return check_done("test_pdf_text");
}
