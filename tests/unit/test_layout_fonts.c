/* The fontset: every font of fonts.json opens with the facts the PDF stage
 * embeds, and broken font files are reported with their path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "layout.h"
#include "fonts_util.h"
#include "util.h"

/* The build tree's fonts (CMake copies them there from Debian's packages). */
static const char *fonts_dir(void) { return EVBRIEF_TEST_FONTS_DIR; }

/* Finds a font of the set by its PostScript name by laying out text that
 * only it covers would be indirect; the fontset ids are 0..n-1 in manifest
 * order, so walk them through a paragraph instead. */
static void test_fonts_open(void) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_fontset *fonts = open_fonts_in(fonts_dir(), diag);
    CHECK(fonts != NULL);
    CHECK(eb_diag_count(diag, EB_ERROR) == 0);
    if (!fonts) {
        eb_diag_destroy(diag);
        return;
    }
    /* One paragraph per script: its run's font tells the chain worked. */
    struct {
        const char *text, *psname;
        eb_family family;
        bool bold, cff;
    } cases[] = {
        {"Exosomes", "NotoSerif-Regular", EB_FAMILY_SERIF, false, false},
        {"Exosomes", "NotoSans-Bold", EB_FAMILY_SANS, true, false},
        {"اگزوزوم", "NotoNaskhArabic-Regular", EB_FAMILY_SERIF, false, false},
        {"اگزوزوم", "NotoNaskhArabic-Bold", EB_FAMILY_SANS, true, false},
        {"外泌体", "NotoSansCJKsc-Regular", EB_FAMILY_SERIF, false, true},
        {"外泌体", "NotoSansCJKsc-Bold", EB_FAMILY_SANS, true, true},
        {"「外", "NotoSansCJKsc-Regular", EB_FAMILY_SANS, false, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        eb_text_style style = {.family = cases[i].family, .bold = cases[i].bold, .size = 10,
                               .lang = "en", .origin = "test"};
        eb_para *para = eb_para_layout(fonts, cases[i].text, strlen(cases[i].text), &style,
                                            300, diag);
        CHECK(para && para->nlines == 1 && para->lines[0].nruns >= 1);
        if (!para || para->nlines != 1 || para->lines[0].nruns == 0) continue;
        const eb_font *font = para->lines[0].runs[0].font;
        const eb_font_info *info = eb_font_get_info(font);
        CHECK_STR(info->postscript_name, cases[i].psname);
        CHECK(info->is_cff == cases[i].cff);
        CHECK(info->units_per_em == 1000);
        CHECK(info->ascender > 0 && info->descender < 0);
        CHECK(info->bbox[2] > info->bbox[0] && info->bbox[3] > info->bbox[1]);
        CHECK(info->cap_height > 0);
        CHECK(eb_font_hb_face(font) != NULL);
        CHECK(strstr(info->path, "/fonts/Noto") != NULL);
        CHECK(info->face_index == (cases[i].cff ? 2u : 0u));
        /* the advance of the first glyph is the one HarfBuzz shaped with */
        const eb_glyph *g = &para->lines[0].runs[0].glyphs[0];
        CHECK(eb_font_glyph_advance(font, g->gid) > 0);
        eb_para_destroy(para);
    }
    eb_fontset_destroy(fonts);
    eb_diag_destroy(diag);
}

/* Copies the fonts directory's manifest with one file made bad. */
static char *make_broken_dir(const char *bad_file, const char *content, size_t n) {
    char tmpl[] = "/tmp/evbrief-fonts-XXXXXX";
    char *dir = eb_xstrdup(mkdtemp(tmpl));
    char *manifest = eb_xasprintf("%s/fonts.json", dir);
    FILE *out = fopen(manifest, "w");
    fprintf(out, "{\"fonts\": [{\"role\": \"latin-serif\", \"weight\": \"regular\", "
                 "\"file\": \"%s\", \"face\": 0}]}", bad_file);
    fclose(out);
    if (content) {
        char *path = eb_xasprintf("%s/%s", dir, bad_file);
        out = fopen(path, "wb");
        fwrite(content, 1, n, out);
        fclose(out);
        free(path);
    }
    free(manifest);
    return dir;
}

static void remove_dir(char *dir, const char *file) {
    char *path = eb_xasprintf("%s/%s", dir, file);
    remove(path);
    free(path);
    path = eb_xasprintf("%s/fonts.json", dir);
    remove(path);
    free(path);
    rmdir(dir);
    free(dir);
}

static void expect_font_error(const char *file, const char *content, size_t n, const char *why) {
    char *dir = make_broken_dir(file, content, n);
    eb_diag *diag = eb_diag_create(NULL);
    CHECK(open_fonts_in(dir, diag) == NULL);
    CHECK(eb_diag_count(diag, EB_ERROR) == 1);
    if (eb_diag_message_count(diag) > 0) {
        CHECK_CONTAINS(eb_diag_message(diag, 0), file);
        CHECK_CONTAINS(eb_diag_message(diag, 0), why);
    }
    eb_diag_destroy(diag);
    remove_dir(dir, file);
}

static void test_broken_fonts(void) {
    expect_font_error("Missing.ttf", NULL, 0, "missing");
    expect_font_error("NotAFont.ttf", "this is not a font, just text long enough", 41,
                      "");
    /* the first 4 KB of a real font: directory intact, tables cut off */
    char *data;
    size_t len;
    const char *error;
    char *real = eb_xasprintf("%s/NotoSans-Regular.ttf", fonts_dir());
    CHECK(eb_read_file(real, 1 << 24, &data, &len, &error));
    expect_font_error("Truncated.ttf", data, 4096, "truncated");
    free(data);
    free(real);

    eb_diag *diag = eb_diag_create(NULL);
    CHECK(open_fonts_in("/nonexistent-evbrief-dir", diag) == NULL);
    CHECK(eb_diag_count(diag, EB_ERROR) == 1);
    if (eb_diag_message_count(diag) > 0)
        CHECK_CONTAINS(eb_diag_message(diag, 0), "/nonexistent-evbrief-dir/fonts.json");
    eb_diag_destroy(diag);
}

/* The build keys hash each font where it lies (eb_sha256_file): the same
 * digest as of the bytes read, every failure with its reason. */
static void test_font_hash(void) {
    char *path = eb_xasprintf("%s/NotoSans-Regular.ttf", fonts_dir());
    char *data = NULL, mapped[65], read[65];
    size_t len = 0, size = 0;
    const char *error = NULL;
    CHECK(eb_read_file(path, 1 << 24, &data, &len, &error));
    eb_sha256_hex(data, len, read);
    CHECK(eb_sha256_file(path, mapped, &size, &error));
    CHECK_STR(mapped, read);
    CHECK(size == len);
    free(data);
    free(path);
    char empty[] = "/tmp/evbrief-hash-XXXXXX";
    int fd = mkstemp(empty);
    CHECK(fd >= 0);
    if (fd >= 0) close(fd);
    CHECK(eb_sha256_file(empty, mapped, &size, &error) && size == 0);
    CHECK_STR(mapped, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    unlink(empty);
    CHECK(!eb_sha256_file(empty, mapped, NULL, &error));
    CHECK_STR(error, "No such file or directory");
    CHECK(!eb_sha256_file("/tmp", mapped, NULL, &error));
    CHECK_STR(error, "not a regular file");
}

int main(void) {
    test_fonts_open();
    test_broken_fonts();
    test_font_hash();
    return check_done("test_layout_fonts");
}
