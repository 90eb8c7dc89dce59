/* Line breaking: seed paragraphs (tests/data/layout/{zh,fa,en}.txt, copied
 * from /work/shared/seeds with the lost ZWNJs of the Persian restored) set
 * at several widths and alignments obey UAX #14 and the clreq rules, never
 * overflow their box and never split a word that fits. */
#include "check.h"
#include "test_layout_util.h"

static const double widths[] = {80, 150, 240, 400};

/* ---- characters ------------------------------------------------------------- */

static uint32_t decode_at(const char *s, size_t n, size_t at) {
    uint32_t cp = 0;
    eb_utf8_decode(s + at, n - at, &cp);
    return cp;
}

static size_t prev_char(const char *s, size_t at) {
    do at--;
    while (at > 0 && ((unsigned char)s[at] & 0xC0) == 0x80);
    return at;
}

static bool is_space(uint32_t cp) { return cp == ' ' || cp == 0x3000 || cp == '\n'; }

static bool in_string(uint32_t cp, const char *set) {
    for (size_t at = 0, n = strlen(set); at < n;) {
        uint32_t c;
        at += eb_utf8_decode(set + at, n - at, &c);
        if (c == cp) return true;
    }
    return false;
}

/* clreq: never at the start of a line, never at the end */
static const char *const no_start = "、，；：。！？）》」』】”’)]";
static const char *const no_end = "（《「『【“‘([";

static bool is_han(uint32_t cp) { return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF); }

/* A letter of a Persian or English word (ZWNJ joins the parts of one). */
static bool is_word_char(uint32_t cp) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           (cp >= 0x0620 && cp <= 0x064A) || (cp >= 0x0671 && cp <= 0x06D3) ||
           (cp >= 0x06F0 && cp <= 0x06F9) || cp == 0x200C;
}

/* ---- one line --------------------------------------------------------------- */

typedef struct {
    uint32_t first, last;      /* first and last non-space characters */
    size_t first_at, last_end; /* byte range of that content */
} line_text;

static line_text content_of(const eb_para *para, const eb_line *line) {
    line_text t = {0, 0, line->text_start, line->text_end};
    while (t.first_at < t.last_end && is_space(decode_at(para->text, para->text_len, t.first_at)))
        t.first_at++;
    while (t.last_end > t.first_at &&
           is_space(decode_at(para->text, para->text_len, prev_char(para->text, t.last_end))))
        t.last_end = prev_char(para->text, t.last_end);
    if (t.first_at < t.last_end) {
        t.first = decode_at(para->text, para->text_len, t.first_at);
        t.last = decode_at(para->text, para->text_len, prev_char(para->text, t.last_end));
    }
    return t;
}

static size_t count_chars(const char *s, size_t from, size_t to) { return eb_utf8_count(s + from, to - from); }

/* The whole word around a line break inside it, measured on one line. */
static double word_width(eb_fontset *fonts, const eb_para *para, size_t at, const eb_text_style *style) {
    size_t start = at, end = at;
    while (start > 0 && !is_space(decode_at(para->text, para->text_len, prev_char(para->text, start))))
        start = prev_char(para->text, start);
    while (end < para->text_len && !is_space(decode_at(para->text, para->text_len, end))) end++;
    double min, max;
    eb_diag *diag = eb_diag_create(NULL);
    eb_measure_text(fonts, para->text + start, end - start, style, &min, &max, diag);
    eb_diag_destroy(diag);
    return max;
}

static void check_line_box(const eb_para *para, const eb_line *line, double width) {
    line_text t = content_of(para, line);
    bool one_char = count_chars(para->text, t.first_at, t.last_end) <= 1;
    if (line->width > width + 1e-3 && !one_char)
        check_fail(__FILE__, __LINE__, "line %.*s is %.2f pt wide in a %.0f pt box",
                   (int)(line->text_end - line->text_start), para->text + line->text_start, line->width, width);
    CHECK(line->x > -1e-3 || one_char);
    CHECK(line->x + line->width < width + 1e-3 || one_char);
}

/* Checks the break between line `i` and line `i + 1`. */
static void check_break(eb_fontset *fonts, const eb_para *para, size_t i, double width,
                        const eb_text_style *style) {
    line_text a = content_of(para, &para->lines[i]), b = content_of(para, &para->lines[i + 1]);
    check_count += 4;
    if (in_string(b.first, no_start))
        check_fail(__FILE__, __LINE__, "line starts with U+%04X at byte %u", b.first, para->lines[i + 1].text_start);
    if (in_string(a.last, no_end))
        check_fail(__FILE__, __LINE__, "line ends with U+%04X at byte %u", a.last, para->lines[i].text_end);
    if (a.last == b.first && (a.last == 0x2014 || a.last == 0x2026))
        check_fail(__FILE__, __LINE__, "split U+%04X pair at byte %u", a.last, para->lines[i].text_end);
    /* a break between two letters of a word only for a word wider than the box */
    if (para->lines[i].text_end == a.last_end && is_word_char(a.last) && is_word_char(b.first) &&
        !is_han(a.last) && word_width(fonts, para, a.last_end, style) <= width)
        check_fail(__FILE__, __LINE__, "word split at byte %zu though it fits", a.last_end);
}

/* A space inside the line's content, or an ideograph beside something. */
static bool can_stretch(const eb_para *para, const eb_line *line) {
    line_text t = content_of(para, line);
    size_t chars = 0;
    bool space = false, han = false;
    for (size_t at = t.first_at; at < t.last_end; chars++) {
        uint32_t cp;
        at += eb_utf8_decode(para->text + at, para->text_len - at, &cp);
        space |= cp == ' ';
        han |= is_han(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF65);
    }
    return space || (han && chars > 1);
}

/* ---- a paragraph ------------------------------------------------------------ */

static void check_paragraph(eb_fontset *fonts, const eb_para *para, double width,
                            const eb_text_style *style, bool chinese) {
    CHECK(para->nlines > 0);
    CHECK(para->lines[0].text_start == 0 && para->lines[para->nlines - 1].text_end == para->text_len);
    for (size_t i = 0; i < para->nlines; i++) {
        check_line_box(para, &para->lines[i], width);
        if (i + 1 < para->nlines) {
            CHECK(para->lines[i].text_end == para->lines[i + 1].text_start);
            check_break(fonts, para, i, width, style);
        }
        if (style->align == EB_ALIGN_JUSTIFY && i + 1 < para->nlines) {
            /* justified lines fill the box, unless they are one word */
            check_count++;
            if (para->lines[i].width < width - 1e-2 && can_stretch(para, &para->lines[i]))
                check_fail(__FILE__, __LINE__, "justified line %.*s is %.2f pt in a %.0f pt box",
                           (int)(para->lines[i].text_end - para->lines[i].text_start),
                           para->text + para->lines[i].text_start, para->lines[i].width, width);
        }
    }
    if (chinese && para->nlines > 1) {
        const eb_line *last = &para->lines[para->nlines - 1];
        size_t letters = 0;
        for (size_t at = last->text_start; at < last->text_end;) {
            uint32_t cp;
            at += eb_utf8_decode(para->text + at, para->text_len - at, &cp);
            letters += !is_space(cp) && !in_string(cp, no_start) && !(cp >= 0x3000 && cp <= 0x303F);
        }
        CHECK(letters >= 2);
    }
}

static void test_seed_paragraphs(eb_fontset *fonts, const char *file, const char *lang) {
    char **paras;
    size_t n = read_paragraphs(file, &paras);
    CHECK(n >= 4);
    eb_diag *diag = eb_diag_create(NULL);
    for (size_t p = 0; p < n; p++)
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
            for (int justify = 0; justify < 2; justify++) {
                eb_text_style style = test_style(lang);
                style.align = justify ? EB_ALIGN_JUSTIFY : EB_ALIGN_START;
                eb_para *para = layout_str(fonts, paras[p], &style, widths[w], diag);
                CHECK(para != NULL);
                if (para) check_paragraph(fonts, para, widths[w], &style, strcmp(lang, "zh-Hans") == 0);
                eb_para_destroy(para);
            }
    CHECK(eb_diag_message_count(diag) == 0);
    eb_diag_destroy(diag);
    free_paragraphs(paras, n);
}

/* ---- the Han-Latin gap ---------------------------------------------------------- */

static bool near(double a, double b) { return a > b - 1e-3 && a < b + 1e-3; }

static void test_han_latin_gap(eb_fontset *fonts) {
    eb_text_style style = test_style("zh-Hans");
    double quarter = style.size / 4;
    double han = measure_width(fonts, "外泌体", &style, NULL), latin = measure_width(fonts, "ADSC", &style, NULL);
    /* between Han and Latin letters or digits, on both sides */
    CHECK(near(measure_width(fonts, "外泌体ADSC外泌体", &style, NULL), 2 * han + latin + 2 * quarter));
    /* none where the text has a space, none beside CJK punctuation */
    CHECK(near(measure_width(fonts, "外泌体 ADSC", &style, NULL),
               measure_width(fonts, "外泌体 A", &style, NULL) - measure_width(fonts, "A", &style, NULL) + latin));
    CHECK(near(measure_width(fonts, "外泌体，ADSC", &style, NULL), measure_width(fonts, "外泌体，", &style, NULL) + latin));

    /* inside a line the gap is folded into the Han glyph's advance */
    eb_diag *diag = eb_diag_create(NULL);
    eb_para *para = layout_str(fonts, "外泌体ADSC", &style, 400, diag);
    const eb_run *run = &para->lines[0].runs[0];
    const eb_glyph *last_han = &run->glyphs[run->nglyphs - 1];
    double natural = eb_font_glyph_advance(run->font, last_han->gid) * style.size / 1000.0;
    CHECK(near(last_han->x_advance, natural + quarter));
    eb_para_destroy(para);
    /* digits too (they take the Han script here, so the CJK font) */
    para = layout_str(fonts, "见表1", &style, 400, diag);
    run = &para->lines[0].runs[0];
    CHECK(para->lines[0].nruns == 1 && run->nglyphs == 3);
    natural = eb_font_glyph_advance(run->font, run->glyphs[1].gid) * style.size / 1000.0;
    CHECK(near(run->glyphs[1].x_advance, natural + quarter));
    CHECK(near(run->glyphs[0].x_advance, eb_font_glyph_advance(run->font, run->glyphs[0].gid) / 100.0));
    eb_para_destroy(para);
    /* at a line edge there is none: break "外泌体|ADSC" */
    para = layout_str(fonts, "外泌体ADSC", &style, han + 1, diag);
    CHECK(para->nlines == 2);
    if (para->nlines == 2) {
        CHECK(near(para->lines[0].width, han));
        CHECK(near(para->lines[1].width, latin));
    }
    eb_para_destroy(para);
    eb_diag_destroy(diag);
}

static bool is_latin_alnum(uint32_t cp) {
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
}

/* The gap inside the lines of the seed paragraphs: where Han and a Latin
 * letter or digit touch on a line, the left one is a quarter em wider than
 * its advance. */
static void test_gaps_in_seeds(eb_fontset *fonts) {
    char **paras;
    size_t n = read_paragraphs("zh.txt", &paras);
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("zh-Hans");
    size_t seen = 0;
    for (size_t p = 0; p < n; p++) {
        eb_para *para = layout_str(fonts, paras[p], &style, 240, diag);
        for (size_t l = 0; l < para->nlines; l++)
            for (size_t r = 0; r < para->lines[l].nruns; r++) {
                const eb_run *run = &para->lines[l].runs[r];
                for (size_t g = 0; g < run->nglyphs; g++) {
                    const eb_glyph *glyph = &run->glyphs[g];
                    size_t next = glyph->text_start + glyph->text_len;
                    if (!glyph->text_len || next >= para->lines[l].text_end) continue;
                    uint32_t cp = decode_at(para->text, para->text_len, glyph->text_start);
                    uint32_t after = decode_at(para->text, para->text_len, next);
                    if (!(is_han(cp) && is_latin_alnum(after)) && !(is_latin_alnum(cp) && is_han(after)))
                        continue;
                    double natural = eb_font_glyph_advance(run->font, glyph->gid) * style.size / 1000.0;
                    CHECK(near(glyph->x_advance, natural + style.size / 4));
                    seen++;
                }
            }
        eb_para_destroy(para);
    }
    CHECK(seen >= 3);
    eb_diag_destroy(diag);
    free_paragraphs(paras, n);
}

/* ---- particular rules ------------------------------------------------------------- */

static void test_overlong_word(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("en");
    const char *url = "https://www.example.org/exosomes/clinical-trials/registry";
    eb_para *para = layout_str(fonts, url, &style, 40, diag);
    CHECK(para->nlines > 3);
    for (size_t i = 0; i < para->nlines; i++) CHECK(para->lines[i].width <= 40 + 1e-3);
    eb_para_destroy(para);
    /* a word with no break opportunity at all, broken between letters */
    para = layout_str(fonts, "Supercalifragilisticexpialidocious", &style, 50, diag);
    CHECK(para->nlines >= 3);
    for (size_t i = 0; i < para->nlines; i++) CHECK(para->lines[i].width <= 50 + 1e-3);
    eb_para_destroy(para);
    /* a base letter keeps its combining mark */
    para = layout_str(fonts, "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81", &style, 8, diag);
    for (size_t i = 0; i < para->nlines; i++)
        CHECK(para->lines[i].text_end - para->lines[i].text_start == 3);
    eb_para_destroy(para);
    eb_diag_destroy(diag);
}

/* "30–150" is one unit: never broken at its en dash */
static void test_numeric_range(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("en");
    const char *text = "vesicles of 30–150 nm and ۳۰–۱۵۰ nm";
    for (double width = 30; width < 200; width += 3) {
        eb_para *para = layout_str(fonts, text, &style, width, diag);
        for (size_t i = 0; i + 1 < para->nlines; i++) {
            uint32_t last = decode_at(para->text, para->text_len, prev_char(para->text, para->lines[i].text_end));
            CHECK(last != 0x2013);
        }
        eb_para_destroy(para);
    }
    eb_diag_destroy(diag);
}

/* A number keeps its unit: «35~59 岁», «6 周», «12周», «6-week» never end a
 * line at their number, at any width */
static void test_number_and_unit(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("zh-Hans");
    const char *text = "年龄35~59 岁的受试者，每6 周一次，共12周，a 6-week trial";
    /* from the width of the widest piece, «35~59 岁», up */
    for (double width = 40; width < 300; width += 2) {
        eb_para *para = layout_str(fonts, text, &style, width, diag);
        for (size_t i = 0; i + 1 < para->nlines; i++) {
            size_t end = para->lines[i].text_end;
            while (end > 0 && para->text[end - 1] == ' ') end--;
            uint32_t last = decode_at(para->text, para->text_len, prev_char(para->text, end));
            CHECK(!(last >= '0' && last <= '9') && last != '-');
        }
        eb_para_destroy(para);
    }
    eb_diag_destroy(diag);
}

static void test_hard_breaks(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("en");
    style.align = EB_ALIGN_JUSTIFY;
    eb_para *para = layout_str(fonts, "first line\nsecond one\r\nthird", &style, 400, diag);
    CHECK(para->nlines == 3);
    if (para->nlines == 3) {
        CHECK(para->lines[1].text_start == strlen("first line\n"));
        CHECK(para->lines[2].text_start == strlen("first line\nsecond one\r\n"));
        /* a line ended by a hard break is not justified, and draws no glyph for it */
        CHECK(para->lines[0].width < 100);
        CHECK(near(para->lines[0].width, measure_width(fonts, "first line", &style, NULL)));
    }
    eb_para_destroy(para);
    eb_diag_destroy(diag);
}

/* The last line of a Chinese paragraph is never one character: the line
 * before gives one up. */
static void test_last_line_not_single(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("zh-Hans");
    const char *text = "外泌体是细胞分泌的囊泡。";
    double char_width = measure_width(fonts, "外", &style, NULL);
    /* 11 characters fit per line without the rule: the 12th would be alone */
    eb_para *para = layout_str(fonts, "外泌体是细胞分泌的囊泡一", &style, 11 * char_width + 0.5, diag);
    CHECK(para->nlines == 2);
    if (para->nlines == 2) CHECK(count_chars(para->text, para->lines[1].text_start, para->lines[1].text_end) == 2);
    eb_para_destroy(para);
    /* with the full stop, "泡。" can't be split and "。" alone can't count */
    para = layout_str(fonts, text, &style, 11 * char_width + 0.5, diag);
    CHECK(para->nlines == 2);
    if (para->nlines == 2) CHECK(count_chars(para->text, para->lines[1].text_start, para->lines[1].text_end) >= 3);
    eb_para_destroy(para);
    eb_diag_destroy(diag);
}

static void test_dashes_and_ellipses(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("zh-Hans");
    double char_width = measure_width(fonts, "外", &style, NULL);
    const char *text = "外泌体——细胞信使……外泌体——细胞信使……外泌体——细胞信使……";
    for (int k = 2; k < 12; k++) {
        eb_para *para = layout_str(fonts, text, &style, k * char_width + 0.5, diag);
        check_paragraph(fonts, para, k * char_width + 0.5, &style, true);
        eb_para_destroy(para);
    }
    eb_diag_destroy(diag);
}

/* Characters libunibreak 1.1 cannot take (it aborts the process on a
 * regional indicator next to anything, and reads U+FFFF as the end of the
 * text): the paragraph is laid out all the same, and a flag's two halves
 * stay on one line. */
static void test_unibreak_traps(eb_fontset *fonts) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_text_style style = test_style("en");
    const char *flags = "Iran \xF0\x9F\x87\xAE\xF0\x9F\x87\xB7 and \xF0\x9F\x87\xA8\xF0\x9F\x87\xB3 flags";
    size_t second_halves[] = {9, 24}; /* byte offsets of each flag's second half */
    for (double width = 5; width < 120; width += 5) {
        eb_para *para = layout_str(fonts, flags, &style, width, diag);
        CHECK(para != NULL && para->nlines >= 1);
        for (size_t i = 0; para && i < para->nlines; i++)
            for (size_t k = 0; k < 2; k++) CHECK(para->lines[i].text_start != second_halves[k]);
        eb_para_destroy(para);
    }
    const char *texts[] = {"\xEF\xBF\xBF", "\xEF\xBF\xBF first", "last \xEF\xBF\xBF", "a\xEF\xBF\xBF\xF0\x9F\x87\xAE b"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        eb_para *para = layout_str(fonts, texts[i], &style, 20, diag);
        CHECK(para != NULL && para->nlines >= 1);
        eb_para_destroy(para);
    }
    eb_diag_destroy(diag);
}

int main(void) {
    eb_diag *diag = eb_diag_create(stderr);
    eb_fontset *fonts = open_test_fonts(diag);
    test_seed_paragraphs(fonts, "zh.txt", "zh-Hans");
    test_seed_paragraphs(fonts, "fa.txt", "fa");
    test_seed_paragraphs(fonts, "en.txt", "en");
    test_han_latin_gap(fonts);
    test_gaps_in_seeds(fonts);
    test_overlong_word(fonts);
    test_numeric_range(fonts);
    test_number_and_unit(fonts);
    test_hard_breaks(fonts);
    test_last_line_not_single(fonts);
    test_dashes_and_ellipses(fonts);
    test_unibreak_traps(fonts);
    eb_fontset_destroy(fonts);
    eb_diag_destroy(diag);
    return check_done("test_layout_linebreak");
}
