/* One embedded font: which glyphs were drawn and what text each stands for,
 * the CID the content stream uses for each, and, at save time, the subset,
 * widths, ToUnicode map and descriptor that pdf_graph.c writes as objects.
 *
 * A CID is the original glyph id. ToUnicode maps a CID to one text, but a
 * glyph may stand for different texts (a base letter alone, or with a mark
 * folded into its cluster). For TrueType fonts such a glyph gets another
 * CID (an alias past the font's last glyph; the CIDToGIDMap sends both to
 * the same glyph). CFF CIDFonts have no CIDToGIDMap, so there the drawing
 * code wraps the glyph in ActualText instead. */
#include <hb.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

typedef struct {
    uint32_t cid, gid;
    size_t text_off, text_len;  /* in eb_pdf_font.texts */
    uint32_t next_same_gid;     /* index + 1 of the next entry of this glyph; 0 = none */
} cid_entry;

struct eb_pdf_font {
    const eb_font *font;
    const eb_font_info *info;
    eb_pdoc_font *objects;
    uint32_t glyph_count;
    uint32_t *first_entry;      /* per glyph: index + 1 of its first entry; 0 = none */
    cid_entry *entries;
    size_t nentries, cap;
    eb_buf texts;
    uint32_t next_alias;        /* next free alias CID */
    int empty_glyph;            /* a glyph with no outline and no advance; 0 = none, -1 = not looked up */
    size_t finished_entries;    /* entries covered by the last finish */
    bool finished;
};

#define MAX_CID 0xFFFFu

eb_pdf_font *ebi_pdf_font_create(const eb_font *font, eb_pdoc_font *objects) {
    eb_pdf_font *f = eb_xcalloc(1, sizeof *f);
    f->font = font;
    f->info = eb_font_get_info(font);
    f->objects = objects;
    f->glyph_count = hb_face_get_glyph_count(eb_font_hb_face(font));
    if (f->glyph_count == 0 || f->glyph_count > MAX_CID + 1) f->glyph_count = MAX_CID + 1;
    f->first_entry = eb_xcalloc(f->glyph_count, sizeof *f->first_entry);
    f->next_alias = f->glyph_count;
    f->empty_glyph = -1;
    return f;
}

void ebi_pdf_font_destroy(eb_pdf_font *f) {
    if (!f) return;
    free(f->first_entry);
    free(f->entries);
    eb_buf_destroy(&f->texts);
    free(f);
}

const eb_font *ebi_pdf_font_source(const eb_pdf_font *f) { return f->font; }
eb_pdoc_font *ebi_pdf_font_objects(const eb_pdf_font *f) { return f->objects; }

/* The advance in /W units: 1/1000 em, rounded as written in /W. */
static int glyph_width(const eb_pdf_font *f, uint32_t gid) {
    double units = eb_font_glyph_advance(f->font, gid);
    return (int)lround(units * 1000.0 / f->info->units_per_em);
}

static bool entry_text_is(const eb_pdf_font *f, const cid_entry *e, const char *text, size_t len) {
    return e->text_len == len && (len == 0 || memcmp(f->texts.data + e->text_off, text, len) == 0);
}

static cid_entry *add_entry(eb_pdf_font *f, uint32_t cid, uint32_t gid, const char *text, size_t len) {
    if (f->nentries == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 64;
        f->entries = eb_xrealloc(f->entries, f->cap * sizeof *f->entries);
    }
    cid_entry *e = &f->entries[f->nentries++];
    *e = (cid_entry){.cid = cid, .gid = gid, .text_off = f->texts.len, .text_len = len};
    eb_buf_append(&f->texts, text, len);
    return e;
}

eb_cid_use ebi_pdf_font_use(eb_pdf_font *f, uint32_t gid, const char *text, size_t len) {
    if (gid >= f->glyph_count) gid = 0;
    eb_cid_use use = {.cid = gid, .width = glyph_width(f, gid), .text_mapped = true};
    uint32_t last = 0;
    for (uint32_t i = f->first_entry[gid]; i; i = f->entries[i - 1].next_same_gid) {
        if (entry_text_is(f, &f->entries[i - 1], text, len)) {
            use.cid = f->entries[i - 1].cid;
            return use;
        }
        last = i;
    }
    if (!last) {
        add_entry(f, gid, gid, text, len);
        f->first_entry[gid] = (uint32_t)f->nentries;
        return use;
    }
    if (f->info->is_cff || f->next_alias > MAX_CID) {
        use.text_mapped = false;  /* drawn as the first text's CID, with ActualText */
        return use;
    }
    use.cid = f->next_alias++;
    add_entry(f, use.cid, gid, text, len);
    f->entries[last - 1].next_same_gid = (uint32_t)f->nentries;
    return use;
}

/* A glyph that draws nothing and does not move the pen (the font's glyph
 * for U+200B ZERO WIDTH SPACE, or U+2060, U+FEFF), to carry text that no
 * drawn glyph can: 0 if the font has none. */
uint32_t ebi_pdf_font_empty_glyph(eb_pdf_font *f) {
    if (f->empty_glyph >= 0) return (uint32_t)f->empty_glyph;
    f->empty_glyph = 0;
    hb_font_t *font = hb_font_create(eb_font_hb_face(f->font));
    static const hb_codepoint_t candidates[] = {0x200B, 0x2060, 0xFEFF};
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
        hb_codepoint_t gid;
        hb_glyph_extents_t ext;
        if (!hb_font_get_nominal_glyph(font, candidates[i], &gid) || gid == 0 || gid >= f->glyph_count)
            continue;
        if (eb_font_glyph_advance(f->font, gid) != 0) continue;
        if (hb_font_get_glyph_extents(font, gid, &ext) && (ext.width != 0 || ext.height != 0)) continue;
        f->empty_glyph = (int)gid;
        break;
    }
    hb_font_destroy(font);
    return (uint32_t)f->empty_glyph;
}

/* ---- finishing at save time -------------------------------------------------------------- */

static int compare_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The distinct glyphs drawn, sorted, with glyph 0 first (every font
 * program needs .notdef). */
static uint32_t *used_glyphs(const eb_pdf_font *f, size_t *count) {
    uint32_t *glyphs = eb_xmalloc((f->nentries + 1) * sizeof *glyphs);
    size_t n = 0;
    glyphs[n++] = 0;
    for (size_t i = 0; i < f->nentries; i++)
        if (f->entries[i].cid == f->entries[i].gid && f->entries[i].gid != 0)
            glyphs[n++] = f->entries[i].gid;
    qsort(glyphs, n, sizeof *glyphs, compare_u32);
    *count = n;
    return glyphs;
}

static uint32_t new_gid_of(const uint32_t *glyphs, const eb_subset *s, size_t n, uint32_t gid) {
    const uint32_t *at = bsearch(&gid, glyphs, n, sizeof *glyphs, compare_u32);
    return at ? s->new_gids[at - glyphs] : 0;
}

/* CIDToGIDMap: two bytes per CID from 0 to the highest used. */
static uint8_t *cid_to_gid_map(const eb_pdf_font *f, const uint32_t *glyphs, size_t nglyphs,
                               const eb_subset *s, size_t *len) {
    uint32_t max_cid = 0;
    for (size_t i = 0; i < f->nentries; i++)
        if (f->entries[i].cid > max_cid) max_cid = f->entries[i].cid;
    *len = 2 * ((size_t)max_cid + 1);
    uint8_t *map = eb_xcalloc(*len, 1);
    for (size_t i = 0; i < f->nentries; i++) {
        uint32_t to = new_gid_of(glyphs, s, nglyphs, f->entries[i].gid);
        map[2 * (size_t)f->entries[i].cid] = (uint8_t)(to >> 8);
        map[2 * (size_t)f->entries[i].cid + 1] = (uint8_t)to;
    }
    return map;
}

static int compare_entry_cid(const void *a, const void *b) {
    const cid_entry *x = a, *y = b;
    return (x->cid > y->cid) - (x->cid < y->cid);
}

/* The entries ordered by CID (a copy; the originals keep their chains). */
static cid_entry *entries_by_cid(const eb_pdf_font *f) {
    cid_entry *sorted = eb_xmalloc((f->nentries + 1) * sizeof *sorted);
    if (f->nentries) memcpy(sorted, f->entries, f->nentries * sizeof *sorted);
    qsort(sorted, f->nentries, sizeof *sorted, compare_entry_cid);
    return sorted;
}

static int compare_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The commonest of n widths (the smallest of equally common ones). */
static int commonest_width(const eb_cid_width *widths, size_t n) {
    int *sorted = eb_xmalloc((n + 1) * sizeof *sorted);
    for (size_t i = 0; i < n; i++) sorted[i] = widths[i].width;
    qsort(sorted, n, sizeof *sorted, compare_int);
    int best = 1000;
    size_t best_count = 0;
    for (size_t i = 0, run; i < n; i += run) {
        for (run = 1; i + run < n && sorted[i + run] == sorted[i]; run++) continue;
        if (run > best_count) {
            best = sorted[i];
            best_count = run;
        }
    }
    free(sorted);
    return best;
}

/* /DW is the commonest width; /W lists the others. */
static eb_cid_width *widths_for(const eb_pdf_font *f, const cid_entry *sorted,
                                int *default_width, size_t *count) {
    eb_cid_width *all = eb_xmalloc((f->nentries + 1) * sizeof *all);
    for (size_t i = 0; i < f->nentries; i++)
        all[i] = (eb_cid_width){sorted[i].cid, glyph_width(f, sorted[i].gid)};
    int best = commonest_width(all, f->nentries);
    size_t n = 0;
    for (size_t i = 0; i < f->nentries; i++)
        if (all[i].width != best) all[n++] = all[i];
    *default_width = best;
    *count = n;
    return all;
}

static void to_unicode_for(const eb_pdf_font *f, const cid_entry *sorted, eb_buf *out) {
    eb_cid_text *map = eb_xmalloc((f->nentries + 1) * sizeof *map);
    for (size_t i = 0; i < f->nentries; i++)
        map[i] = (eb_cid_text){sorted[i].cid, f->texts.data + sorted[i].text_off, sorted[i].text_len};
    ebi_cmap_to_unicode(map, f->nentries, out);
    free(map);
}

void ebi_pdf_font_hash(const eb_pdf_font *f, eb_hash *h) {
    ebi_hash_str(h, f->info->postscript_name);
    ebi_hash_u32(h, f->info->face_index);
    for (size_t i = 0; i < f->nentries; i++) {
        ebi_hash_u32(h, f->entries[i].cid);
        ebi_hash_u32(h, f->entries[i].gid);
        ebi_hash_u32(h, (uint32_t)f->entries[i].text_len);
        ebi_hash_bytes(h, f->texts.data + f->entries[i].text_off, f->entries[i].text_len);
    }
}

/* "ABCDEF": six capitals from a hash of the font's use (PDF 9.6.4). */
static void subset_tag(const eb_pdf_font *f, char tag[7]) {
    eb_hash h;
    ebi_hash_init(&h);
    ebi_pdf_font_hash(f, &h);
    uint8_t digest[16];
    ebi_hash_digest(&h, digest);
    for (int i = 0; i < 6; i++) tag[i] = (char)('A' + digest[i] % 26);
    tag[6] = '\0';
}

/* The font descriptor's flags and StemV, from the OS/2 and post tables. */
static void classify(const eb_pdf_font *f, int *flags, int *stem_v) {
    hb_face_t *face = eb_font_hb_face(f->font);
    hb_blob_t *os2 = hb_face_reference_table(face, HB_TAG('O', 'S', '/', '2'));
    hb_blob_t *post = hb_face_reference_table(face, HB_TAG('p', 'o', 's', 't'));
    unsigned os2_len, post_len;
    const uint8_t *o = (const uint8_t *)hb_blob_get_data(os2, &os2_len);
    const uint8_t *p = (const uint8_t *)hb_blob_get_data(post, &post_len);
    *flags = 4;  /* Symbolic: the glyphs go beyond the standard Latin set */
    unsigned weight = os2_len >= 6 ? (unsigned)(o[4] << 8 | o[5]) : 400;
    unsigned family_class = os2_len >= 32 ? o[30] : 0;  /* sFamilyClass, high byte */
    if (family_class >= 1 && family_class <= 7 && family_class != 6) *flags |= 2;  /* Serif */
    if (post_len >= 16 && (p[12] | p[13] | p[14] | p[15])) *flags |= 1;          /* FixedPitch */
    if (f->info->italic_angle != 0) *flags |= 64;                                  /* Italic */
    /* a common estimate of the vertical stem width from the weight class */
    *stem_v = (int)lround(50 + (weight / 65.0) * (weight / 65.0));
    hb_blob_destroy(os2);
    hb_blob_destroy(post);
}

static int to_thousandths(const eb_pdf_font *f, int units) {
    return (int)lround(units * 1000.0 / f->info->units_per_em);
}

static void describe(const eb_pdf_font *f, eb_font_embedding *e) {
    classify(f, &e->flags, &e->stem_v);
    for (int i = 0; i < 4; i++) e->bbox[i] = to_thousandths(f, f->info->bbox[i]);
    e->ascent = to_thousandths(f, f->info->ascender);
    e->descent = to_thousandths(f, f->info->descender);
    e->cap_height = to_thousandths(f, f->info->cap_height);
    e->italic_angle = f->info->italic_angle;
    e->cff = f->info->is_cff;
}

static bool fill_objects(eb_pdf_font *f, eb_pdoc *doc, const uint32_t *glyphs, size_t nglyphs,
                         eb_subset *subset) {
    eb_font_embedding e = {0};
    describe(f, &e);
    char tag[7];
    subset_tag(f, tag);
    char *name = eb_xasprintf("%s+%s", tag, f->info->postscript_name);
    char *base = e.cff ? eb_xasprintf("%s-Identity-H", name) : eb_xstrdup(name);
    e.cid_font_name = name;
    e.base_font = base;
    e.program = subset->program;
    e.program_len = subset->program_len;
    uint8_t *map = e.cff ? NULL : cid_to_gid_map(f, glyphs, nglyphs, subset, &e.cid_to_gid_len);
    e.cid_to_gid = map;
    cid_entry *sorted = entries_by_cid(f);
    eb_cid_width *widths = widths_for(f, sorted, &e.default_width, &e.nwidths);
    e.widths = widths;
    eb_buf cmap = {0};
    to_unicode_for(f, sorted, &cmap);
    e.to_unicode = eb_buf_cstr(&cmap);
    e.to_unicode_len = cmap.len;
    bool ok = ebi_pdoc_font_fill(doc, f->objects, &e);
    eb_buf_destroy(&cmap);
    free(widths);
    free(sorted);
    free(map);
    free(base);
    free(name);
    return ok;
}

bool ebi_pdf_font_finish(eb_pdf_font *f, eb_pdoc *doc, eb_diag *diag) {
    if (f->finished && f->finished_entries == f->nentries) return true;
    size_t nglyphs;
    uint32_t *glyphs = used_glyphs(f, &nglyphs);
    eb_subset subset;
    const char *error = NULL;
    bool ok = ebi_subset_create(eb_font_subset_face(f->font), f->info->is_cff, glyphs, nglyphs,
                             &subset, &error);
    if (ok) {
        ok = fill_objects(f, doc, glyphs, nglyphs, &subset);
        if (!ok) error = ebi_pdoc_take_error(doc);
        ebi_subset_destroy(&subset);
    }
    if (!ok)
        eb_diag_report(diag, EB_ERROR, (eb_location){.file = f->info->path},
                       "cannot embed this font: %s", error);
    free(glyphs);
    f->finished = ok;
    f->finished_entries = f->nentries;
    return ok;
}
