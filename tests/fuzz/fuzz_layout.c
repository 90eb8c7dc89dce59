/* Fuzz target: the layout engine. The first four bytes choose a style and a
 * box, the rest is the text, given as it is (so also invalid UTF-8, which
 * must be refused with a message):
 *   byte 0: bit 0 family (serif/sans), bit 1 bold, bits 2-3 direction
 *           (auto, LTR, RTL, auto), bits 4-5 alignment, bits 6-7 language
 *           (en, fa, zh-Hans, none)
 *   byte 1: font size, 1 to 64 pt (bit 7: line height 0, else 1.45 em + 1)
 *   byte 2: box width, 0 to 510 pt in steps of 2 (0: nothing fits)
 *   byte 3: bit 0 strict
 * Each input is laid out (eb_para_layout) and measured for tables
 * (eb_measure_text); the paragraph may only point inside its own text.
 * Random Unicode comes from the mutator and tests/fuzz/layout.dict (bidi
 * controls, combining marks, ZWJ/ZWNJ, zero-width and separator
 * characters, Persian, Chinese, emoji); enormous words from the inputs'
 * length. Seeds: tests/fuzz/corpus/layout/. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static eb_fontset *layout_fonts;

static void layout_cleanup(void) {
    eb_fontset_destroy(layout_fonts);
    layout_fonts = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 4) return 0;
    if (!layout_fonts) {
        layout_fonts = fuzz_open_fonts();
        atexit(layout_cleanup);
    }
    static const eb_direction directions[] = {EB_DIR_AUTO, EB_DIR_LTR, EB_DIR_RTL, EB_DIR_AUTO};
    static const eb_align aligns[] = {EB_ALIGN_START, EB_ALIGN_END, EB_ALIGN_CENTER, EB_ALIGN_JUSTIFY};
    static const char *const langs[] = {"en", "fa", "zh-Hans", NULL};
    double size_pt = 1 + (data[1] & 0x3F);
    eb_text_style style = {
        .family = (data[0] & 1) ? EB_FAMILY_SANS : EB_FAMILY_SERIF,
        .bold = (data[0] >> 1) & 1,
        .size = size_pt,
        .line_height = (data[1] & 0x80) ? 0 : 1.45 * size_pt + 1,
        .direction = directions[(data[0] >> 2) & 3],
        .align = aligns[(data[0] >> 4) & 3],
        .lang = langs[(data[0] >> 6) & 3],
        .color = 0x203040,
        .origin = "fuzz $.text",
        .strict = data[3] & 1,
    };
    double width = 2.0 * data[2];
    const char *text = (const char *)data + 4;
    size_t n = size - 4;
    bool valid = eb_utf8_validate(text, n) == n;

    eb_diag *diag = eb_diag_create(NULL);
    eb_para *para = eb_para_layout(layout_fonts, text, n, &style, width, diag);
    FUZZ_ASSERT((para != NULL) == valid);
    if (!para) FUZZ_ASSERT(eb_diag_count(diag, EB_ERROR) > 0);
    if (para) {
        FUZZ_ASSERT(para->text_len == n);
        fuzz_check_para(para);
        eb_para_destroy(para);
    }
    double min_width = -1, max_width = -1;
    eb_measure_text(layout_fonts, text, n, &style, &min_width, &max_width, diag);
    FUZZ_ASSERT(min_width >= 0 && max_width >= 0);
    FUZZ_ASSERT(min_width == min_width && max_width == max_width);
    eb_diag_destroy(diag);
    return 0;
}
