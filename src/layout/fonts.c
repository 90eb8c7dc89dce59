/* fonts: the fontset of fonts/fonts.json. Each face is opened twice over the
 * same file: FreeType for the facts the PDF stage embeds (PostScript name,
 * outline format, metrics), HarfBuzz for shaping and subsetting. The
 * HarfBuzz font is created once per face and kept, since creating it per
 * paragraph would dominate layout time.
 *
 * The font data (files, faces, fonts, fallback chains) is immutable once
 * opened and shared by the fontsets of all worker threads (eb_fontset_share):
 * HarfBuzz faces and fonts may be used from several threads, their lazily
 * loaded tables being set atomically. Sharing maps each font file once and
 * pays each face's set-up once per process; only the shaping buffer is per
 * fontset. */
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_FONT_FORMATS_H
#include FT_TRUETYPE_TABLES_H

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "layout_internal.h"
#include "util.h"

typedef enum { ROLE_LATIN_SERIF, ROLE_LATIN_SANS, ROLE_ARABIC, ROLE_CJK, ROLE_COUNT } font_role;

struct eb_font {
    eb_font_info info;
    char *path;
    char *postscript_name;
    font_role role;
    bool bold;
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    hb_face_t *outline_face;  /* the outline tables only, for subsetting */
};

typedef struct {
    atomic_size_t refs;       /* fontsets sharing it */
    eb_font fonts[EB_MAX_FONTS];
    size_t nfonts;
    /* chains[family][bold][chain]: every font index, best first */
    uint8_t chains[2][2][EB_CHAIN_COUNT][EB_MAX_FONTS];
} font_library;

struct eb_fontset {
    font_library *lib;
    hb_buffer_t *buffer;      /* not shareable: one per thread */
};

static const char *const role_names[ROLE_COUNT] = {"latin-serif", "latin-sans", "arabic", "cjk"};

/* ---- public accessors ---------------------------------------------------- */

const eb_font_info *eb_font_get_info(const eb_font *font) { return &font->info; }
hb_face_t *eb_font_hb_face(const eb_font *font) { return font->face; }
hb_face_t *eb_font_subset_face(const eb_font *font) { return font->outline_face; }
hb_font_t *ebi_font_hb_font(const eb_font *font) { return font->font; }

int eb_font_glyph_advance(const eb_font *font, uint32_t glyph) {
    return (int)hb_font_get_glyph_h_advance(font->font, glyph);
}

bool ebi_font_has_char(const eb_font *font, uint32_t cp) {
    hb_codepoint_t gid;
    return hb_font_get_nominal_glyph(font->font, cp, &gid) && gid != 0;
}

double ebi_font_scale(const eb_font *font, double size) {
    return size / (double)font->info.units_per_em;
}

size_t ebi_fontset_count(const eb_fontset *fonts) { return fonts->lib->nfonts; }
const eb_font *ebi_fontset_font(const eb_fontset *fonts, size_t index) { return &fonts->lib->fonts[index]; }
hb_buffer_t *ebi_fontset_buffer(eb_fontset *fonts) { return fonts->buffer; }

const uint8_t *ebi_fontset_chain(const eb_fontset *fonts, eb_family family, bool bold,
                                eb_chain chain, size_t *count) {
    *count = fonts->lib->nfonts;
    return fonts->lib->chains[family == EB_FAMILY_SANS][bold][chain];
}

/* ---- checking a font file ------------------------------------------------ */

static uint32_t read_u32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* FreeType silently drops tables that run past the end of the file, so a
 * truncated download would load and then draw nothing: check the table
 * directory of face `index` against the file size ourselves. */
static const char *check_table_directory(hb_blob_t *blob, unsigned index) {
    unsigned size;
    const uint8_t *data = (const uint8_t *)hb_blob_get_data(blob, &size);
    if (size < 12) return "too short to be a font";
    size_t dir = 0;
    if (memcmp(data, "ttcf", 4) == 0) {
        if (index >= read_u32(data + 8) || 12 + 4 * (size_t)index + 4 > size)
            return "the collection has no such face";
        dir = read_u32(data + 12 + 4 * (size_t)index);
    }
    if (dir + 12 > size) return "truncated (table directory)";
    size_t ntables = (size_t)data[dir + 4] << 8 | data[dir + 5];
    if (ntables == 0) return "no tables";
    if (dir + 12 + 16 * ntables > size) return "truncated (table directory)";
    for (size_t i = 0; i < ntables; i++) {
        const uint8_t *record = data + dir + 12 + 16 * i;
        uint64_t end = (uint64_t)read_u32(record + 8) + read_u32(record + 12);
        if (end > size) return "truncated (a table runs past the end of the file)";
    }
    return NULL;
}

/* ---- loading one face ----------------------------------------------------- */

static void report_font(eb_diag *diag, const char *path, const char *what) {
    eb_location where = {.file = path};
    eb_diag_report(diag, EB_ERROR, where, "cannot use this font: %s", what);
}

/* Fills the facts the PDF stage needs from FreeType's view of the face. */
static void read_font_info(eb_font *font, FT_Face face) {
    eb_font_info *info = &font->info;
    const char *format = FT_Get_Font_Format(face);
    const char *ps = FT_Get_Postscript_Name(face);
    font->postscript_name = eb_xstrdup(ps ? ps : "Unnamed");
    info->path = font->path;
    info->postscript_name = font->postscript_name;
    info->is_cff = format && (strcmp(format, "CFF") == 0 || strcmp(format, "CID Type 1") == 0);
    info->units_per_em = face->units_per_EM;
    info->ascender = face->ascender;
    info->descender = face->descender;
    info->bbox[0] = (int)face->bbox.xMin;
    info->bbox[1] = (int)face->bbox.yMin;
    info->bbox[2] = (int)face->bbox.xMax;
    info->bbox[3] = (int)face->bbox.yMax;
    const TT_OS2 *os2 = FT_Get_Sfnt_Table(face, FT_SFNT_OS2);
    /* sCapHeight exists from OS/2 version 2; before that, guess 70% of em */
    info->cap_height = os2 && os2->version >= 2 && os2->sCapHeight
                           ? os2->sCapHeight : (int)(face->units_per_EM * 7 / 10);
    const TT_Postscript *post = FT_Get_Sfnt_Table(face, FT_SFNT_POST);
    info->italic_angle = post ? (double)post->italicAngle / 65536.0 : 0.0;
}

/* The tables a subset is made from: the outlines and what hb-subset needs
 * beside them. Without cmap and the layout tables, hb-subset plans a subset
 * by the glyphs asked for alone; with them it walks the whole character map
 * of the font on every call (~40 M instructions for Noto Sans CJK). The PDF
 * needs none of them: the content streams draw glyph ids, and ToUnicode and
 * /W come from the layout. */
static const hb_tag_t outline_tables[] = {
    HB_TAG('C', 'F', 'F', ' '), HB_TAG('g', 'l', 'y', 'f'), HB_TAG('l', 'o', 'c', 'a'),
    HB_TAG('h', 'e', 'a', 'd'), HB_TAG('m', 'a', 'x', 'p'), HB_TAG('h', 'h', 'e', 'a'),
    HB_TAG('h', 'm', 't', 'x'),
};

static hb_blob_t *reference_outline_table(hb_face_t *outline_face, hb_tag_t tag, void *user_data) {
    (void)outline_face;
    hb_face_t *full = user_data;
    for (size_t i = 0; i < sizeof outline_tables / sizeof *outline_tables; i++)
        if (outline_tables[i] == tag) return hb_face_reference_table(full, tag);
    return hb_blob_get_empty();
}

static void release_full_face(void *user_data) { hb_face_destroy(user_data); }

/* A face over `full` that has only the outline tables (no copy is made). */
static hb_face_t *make_outline_face(hb_face_t *full) {
    hb_face_t *face = hb_face_create_for_tables(reference_outline_table, hb_face_reference(full),
                                                release_full_face);
    hb_face_set_upem(face, hb_face_get_upem(full));
    hb_face_set_glyph_count(face, hb_face_get_glyph_count(full));
    hb_face_make_immutable(face);
    return face;
}

static bool open_face(FT_Library ft, eb_font *font, unsigned index, eb_diag *diag) {
    font->info.face_index = index;
    font->blob = hb_blob_create_from_file_or_fail(font->path);
    if (!font->blob) {
        report_font(diag, font->path, "the file is missing or unreadable");
        return false;
    }
    const char *problem = check_table_directory(font->blob, index);
    if (problem) {
        report_font(diag, font->path, problem);
        return false;
    }
    FT_Face face;
    if (FT_New_Face(ft, font->path, (FT_Long)index, &face) != 0) {
        report_font(diag, font->path, "FreeType does not recognise it as a font");
        return false;
    }
    read_font_info(font, face);
    FT_Done_Face(face);
    font->face = hb_face_create(font->blob, index);
    hb_face_make_immutable(font->face);
    font->font = hb_font_create(font->face);
    hb_font_make_immutable(font->font);
    font->outline_face = make_outline_face(font->face);
    if (hb_face_get_glyph_count(font->face) == 0 || font->info.units_per_em == 0) {
        report_font(diag, font->path, "it has no glyphs");
        return false;
    }
    return true;
}

static void close_face(eb_font *font) {
    hb_face_destroy(font->outline_face);
    hb_font_destroy(font->font);
    hb_face_destroy(font->face);
    hb_blob_destroy(font->blob);
    free(font->path);
    free(font->postscript_name);
}

/* ---- the manifest ---------------------------------------------------------- */

static font_role role_from_name(const char *name) {
    for (int r = 0; r < ROLE_COUNT; r++)
        if (strcmp(name, role_names[r]) == 0) return (font_role)r;
    return ROLE_LATIN_SERIF;  /* not reached: eb_font_list_load knows the same names */
}

/* Opens the faces of fonts.json (read by the load stage). */
static bool open_list(font_library *lib, FT_Library ft, const eb_font_list *list, eb_diag *diag) {
    bool ok = true;
    for (size_t i = 0; i < list->n && i < EB_MAX_FONTS; i++) {
        const eb_font_entry *e = &list->entries[i];
        eb_font *font = &lib->fonts[lib->nfonts++];
        font->role = role_from_name(e->role);
        font->bold = e->bold;
        font->info.id = (unsigned)(lib->nfonts - 1);
        font->path = eb_xasprintf("%s/%s", list->dir, e->file);
        ok = open_face(ft, font, e->face, diag) && ok;
    }
    return ok;
}

/* ---- fallback chains ------------------------------------------------------- */

/* The roles to try, best first, for a chain in a family. */
static void role_order(eb_chain chain, eb_family family, font_role order[ROLE_COUNT]) {
    font_role latin = family == EB_FAMILY_SANS ? ROLE_LATIN_SANS : ROLE_LATIN_SERIF;
    font_role other = family == EB_FAMILY_SANS ? ROLE_LATIN_SERIF : ROLE_LATIN_SANS;
    font_role first = chain == EB_CHAIN_ARABIC ? ROLE_ARABIC
                      : chain == EB_CHAIN_CJK  ? ROLE_CJK : latin;
    size_t n = 0;
    order[n++] = first;
    const font_role rest[] = {latin, other, ROLE_ARABIC, ROLE_CJK};
    for (size_t i = 0; i < ROLE_COUNT; i++)
        if (rest[i] != first) order[n++] = rest[i];
}

/* Role by role, the font of the asked weight before the other weight, so
 * that every font of the set ends up in every chain exactly once. */
static void build_chain(font_library *lib, eb_family family, bool bold, eb_chain chain) {
    font_role order[ROLE_COUNT];
    role_order(chain, family, order);
    uint8_t *out = lib->chains[family == EB_FAMILY_SANS][bold][chain];
    size_t n = 0;
    for (size_t r = 0; r < ROLE_COUNT; r++)
        for (int pass = 0; pass < 2; pass++)
            for (size_t f = 0; f < lib->nfonts; f++)
                if (lib->fonts[f].role == order[r] && (lib->fonts[f].bold == bold) == (pass == 0))
                    out[n++] = (uint8_t)f;
}

static void build_chains(font_library *lib) {
    for (int family = 0; family < 2; family++)
        for (int bold = 0; bold < 2; bold++)
            for (int chain = 0; chain < EB_CHAIN_COUNT; chain++)
                build_chain(lib, (eb_family)family, bold, (eb_chain)chain);
}

/* ---- open / share / free ----------------------------------------------------- */

static void release_library(font_library *lib) {
    if (atomic_fetch_sub(&lib->refs, 1) != 1) return;
    for (size_t i = 0; i < lib->nfonts; i++) close_face(&lib->fonts[i]);
    free(lib);
}

static eb_fontset *fontset_over(font_library *lib) {
    eb_fontset *set = eb_xcalloc(1, sizeof *set);
    set->lib = lib;
    set->buffer = hb_buffer_create();
    return set;
}

eb_fontset *eb_fontset_create(const eb_font_list *list, eb_diag *diag) {
    FT_Library ft;
    if (FT_Init_FreeType(&ft) != 0) {
        eb_diag_report(diag, EB_ERROR, (eb_location){0}, "cannot initialise FreeType");
        return NULL;
    }
    font_library *lib = eb_xcalloc(1, sizeof *lib);
    atomic_init(&lib->refs, 1);
    bool ok = list->n > 0 && open_list(lib, ft, list, diag);
    FT_Done_FreeType(ft);  /* FreeType is needed only to read the facts above */
    if (!ok) {
        release_library(lib);
        return NULL;
    }
    build_chains(lib);
    return fontset_over(lib);
}

eb_fontset *eb_fontset_share(const eb_fontset *fonts) {
    atomic_fetch_add(&fonts->lib->refs, 1);
    return fontset_over(fonts->lib);
}

void eb_fontset_destroy(eb_fontset *fonts) {
    if (!fonts) return;
    release_library(fonts->lib);
    hb_buffer_destroy(fonts->buffer);
    free(fonts);
}
