/* Helpers shared by the test_layout_*.c programs (static inline: each test
 * uses a different subset). */
#ifndef EVBRIEF_TEST_LAYOUT_UTIL_H
#define EVBRIEF_TEST_LAYOUT_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "fonts_util.h"
#include "util.h"

static inline const char *source_dir(void) {
    const char *src = getenv("SRC");
    return src ? src : ".";
}

/* The build tree's fonts (CMake copies them there). */
static inline eb_fontset *open_test_fonts(eb_diag *diag) {
    eb_fontset *fonts = open_fonts_in(EVBRIEF_TEST_FONTS_DIR, diag);
    if (!fonts) {
        fprintf(stderr, "cannot open the fonts in %s\n", EVBRIEF_TEST_FONTS_DIR);
        exit(2);
    }
    return fonts;
}

static inline eb_text_style test_style(const char *lang) {
    return (eb_text_style){.family = EB_FAMILY_SERIF, .size = 10, .lang = lang,
                           .origin = "inputs/reviews/test.json $.findings[0].text", .align = EB_ALIGN_START};
}

static inline eb_para *layout_str(eb_fontset *fonts, const char *text, const eb_text_style *style,
                                  double width, eb_diag *diag) {
    return eb_para_layout(fonts, text, strlen(text), style, width, diag);
}

/* Table measurement of `text`: returns the one-line (max) width and, when
 * `min` is not NULL, stores the widest unbreakable piece there. */
static inline double measure_width(eb_fontset *fonts, const char *text, const eb_text_style *style,
                                   double *min) {
    double max, ignored;
    eb_diag *diag = eb_diag_create(NULL);
    eb_measure_text(fonts, text, strlen(text), style, min ? min : &ignored, &max, diag);
    eb_diag_destroy(diag);
    return max;
}

/* The characters of a line in visual order, left to right: each glyph's
 * cluster text, reversed in right-to-left runs, so that a Persian word
 * reads backwards as it is drawn. Caller frees. */
static inline char *visual_string(const eb_para *para, const eb_line *line) {
    eb_buf out = {0};
    for (size_t r = 0; r < line->nruns; r++) {
        const eb_run *run = &line->runs[r];
        for (size_t g = 0; g < run->nglyphs; g++) {
            const eb_glyph *glyph = &run->glyphs[g];
            const char *text = para->text + glyph->text_start;
            if (!run->rtl) {
                eb_buf_append(&out, text, glyph->text_len);
                continue;
            }
            /* reverse the cluster's characters */
            size_t end = glyph->text_len;
            while (end > 0) {
                size_t start = end - 1;
                while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80) start--;
                eb_buf_append(&out, text + start, end - start);
                end = start;
            }
        }
    }
    eb_buf_puts(&out, "");
    return eb_buf_steal(&out);
}

/* `s` with its characters in reverse order (static buffer, one at a time). */
static inline const char *reversed(const char *s, char *buf) {
    size_t n = strlen(s), at = 0;
    for (size_t end = n; end > 0;) {
        size_t start = end - 1;
        while (start > 0 && ((unsigned char)s[start] & 0xC0) == 0x80) start--;
        memcpy(buf + at, s + start, end - start);
        at += end - start;
        end = start;
    }
    buf[at] = '\0';
    return buf;
}

/* Reads a file of one paragraph per line. Returns the count; *lines and
 * each line are the caller's to free. */
static inline size_t read_paragraphs(const char *name, char ***lines) {
    char *path = eb_xasprintf("%s/tests/data/layout/%s", source_dir(), name);
    char *data;
    size_t len;
    const char *error;
    if (!eb_read_file(path, 1 << 20, &data, &len, &error)) {
        fprintf(stderr, "%s: %s\n", path, error);
        exit(2);
    }
    free(path);
    size_t n = 0;
    *lines = NULL;
    for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
        *lines = eb_xrealloc(*lines, (n + 1) * sizeof **lines);
        (*lines)[n++] = eb_xstrdup(line);
    }
    free(data);
    return n;
}

static inline void free_paragraphs(char **lines, size_t n) {
    for (size_t i = 0; i < n; i++) free(lines[i]);
    free(lines);
}

#endif
