/* Font subsets for embedding, made with hb-subset.
 *
 * Glyph ids are not retained (retaining them keeps empty slots for every
 * glyph of the font: 120 KB of CFF for a handful of CJK glyphs). Instead:
 *  - TrueType: the content stream uses the original glyph ids as CIDs and
 *    a CIDToGIDMap sends them to the subset's ids;
 *  - CFF (Noto Sans CJK): the font is CID-keyed and its charset is the
 *    identity (CID n = glyph n); hb-subset keeps the original CIDs in the
 *    subset's charset, so the original glyph ids still select the right
 *    glyphs. That is checked on every subset, not assumed.
 * The face given is the font's outline face (eb_font_subset_face): no cmap
 * and no layout tables. PDF draws positioned glyphs, so neither is needed,
 * and keeping GSUB would make hb-subset add every glyph a substitution could
 * reach. The list below drops them again, should a full face be given.
 *
 * CFF subsets are desubroutinised: for Noto Sans CJK that is both faster
 * (hb-subset spends less per glyph inlining subroutines than renumbering
 * them: 35 M against 60 M instructions for 800 glyphs) and smaller (188 KB
 * against 196 KB of CFF for those glyphs), since the subroutines of a
 * 65 535-glyph font are shared by few of the glyphs a brief keeps. */
#include <hb-subset.h>
#include <hb.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

static const char *const dropped_tables[] = {
    "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "mort", "kerx",
    "feat", "DSIG", "vhea", "vmtx", "VORG", "gasp", "hdmx", "LTSH", "VDMX", "PCLT",
    "meta", "STAT", "COLR", "CPAL", "SVG ", "sbix", "CBDT", "CBLC", "EBDT", "EBLC", "EBSC",
    "cmap",
};

static hb_subset_input_t *make_input(const uint32_t *glyphs, size_t n, bool cff) {
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    if (!input) return NULL;
    hb_set_t *glyph_set = hb_subset_input_glyph_set(input);
    for (size_t i = 0; i < n; i++) hb_set_add(glyph_set, glyphs[i]);
    hb_set_t *drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < sizeof dropped_tables / sizeof *dropped_tables; i++)
        hb_set_add(drop, hb_tag_from_string(dropped_tables[i], 4));
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING | (cff ? HB_SUBSET_FLAGS_DESUBROUTINIZE : 0));
    return input;
}

static uint8_t *copy_blob(hb_blob_t *blob, size_t *len) {
    unsigned n = 0;
    const char *data = hb_blob_get_data(blob, &n);
    uint8_t *copy = eb_xmalloc(n ? n : 1);
    if (n) memcpy(copy, data, n);
    *len = n;
    return copy;
}

/* ---- reading just enough CFF (Adobe TN #5176) ------------------------------------ */

typedef struct {
    const uint8_t *data;
    size_t len;
} cff_bytes;

static uint32_t read_be(const uint8_t *p, size_t n) {
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) v = v << 8 | p[i];
    return v;
}

/* An INDEX at *pos: its count, where its first item starts, the offsets.
 * Advances *pos past the INDEX. */
typedef struct {
    uint32_t count;
    size_t offsets;    /* position of the offset array */
    unsigned off_size;
    size_t data;       /* position of byte "offset 1" */
} cff_index;

static bool read_index(cff_bytes cff, size_t *pos, cff_index *index) {
    if (*pos + 2 > cff.len) return false;
    index->count = read_be(cff.data + *pos, 2);
    if (index->count == 0) {
        *pos += 2;
        return true;
    }
    if (*pos + 3 > cff.len) return false;
    index->off_size = cff.data[*pos + 2];
    if (index->off_size < 1 || index->off_size > 4) return false;
    index->offsets = *pos + 3;
    size_t table_end = index->offsets + ((size_t)index->count + 1) * index->off_size;
    if (table_end > cff.len) return false;
    index->data = table_end - 1;
    size_t last = read_be(cff.data + table_end - index->off_size, index->off_size);
    if (index->data + last > cff.len) return false;
    *pos = index->data + last;
    return true;
}

static bool index_item(cff_bytes cff, const cff_index *index, uint32_t i, size_t *start, size_t *end) {
    if (i >= index->count) return false;
    const uint8_t *off = cff.data + index->offsets + (size_t)i * index->off_size;
    *start = index->data + read_be(off, index->off_size);
    *end = index->data + read_be(off + index->off_size, index->off_size);
    return *start <= *end && *end <= cff.len;
}

typedef struct {
    bool cid_keyed;     /* has ROS */
    long charset;       /* offset; 0-2 are predefined charsets */
    long charstrings;   /* offset */
} cff_top;

/* Reads one DICT operand at p (integers; reals are skipped as 0). */
static const uint8_t *dict_operand(const uint8_t *p, const uint8_t *end, long *value) {
    unsigned b = *p;
    if (b == 28 && end - p >= 3) { *value = (int16_t)read_be(p + 1, 2); return p + 3; }
    if (b == 29 && end - p >= 5) { *value = (int32_t)read_be(p + 1, 4); return p + 5; }
    if (b >= 32 && b <= 246) { *value = (long)b - 139; return p + 1; }
    if (b >= 247 && b <= 250 && end - p >= 2) { *value = ((long)b - 247) * 256 + p[1] + 108; return p + 2; }
    if (b >= 251 && b <= 254 && end - p >= 2) { *value = -((long)b - 251) * 256 - p[1] - 108; return p + 2; }
    if (b == 30) {
        for (p++; p < end; p++)
            if ((*p & 0x0F) == 0x0F || (*p >> 4) == 0x0F) { *value = 0; return p + 1; }
    }
    return NULL;
}

static bool read_top_dict(const uint8_t *p, const uint8_t *end, cff_top *top) {
    long operand = 0;
    *top = (cff_top){0};
    while (p < end) {
        if (*p > 21) {
            p = dict_operand(p, end, &operand);
            if (!p) return false;
            continue;
        }
        unsigned op = *p++;
        if (op == 12) {
            if (p >= end) return false;
            op = 1200 + *p++;
        }
        if (op == 15) top->charset = operand;
        if (op == 17) top->charstrings = operand;
        if (op == 1230) top->cid_keyed = true;
    }
    return true;
}

/* The CID (or SID) of every glyph, from the charset (formats 0, 1, 2). */
static bool read_charset(cff_bytes cff, size_t pos, uint32_t nglyphs, uint32_t *ids) {
    if (pos >= cff.len) return false;
    unsigned format = cff.data[pos++];
    ids[0] = 0;
    for (uint32_t gid = 1; gid < nglyphs;) {
        if (format == 0) {
            if (pos + 2 > cff.len) return false;
            ids[gid++] = read_be(cff.data + pos, 2);
            pos += 2;
            continue;
        }
        size_t nleft_size = format == 1 ? 1 : 2;
        if (format > 2 || pos + 2 + nleft_size > cff.len) return false;
        uint32_t first = read_be(cff.data + pos, 2);
        uint32_t nleft = read_be(cff.data + pos + 2, nleft_size);
        pos += 2 + nleft_size;
        for (uint32_t k = 0; k <= nleft && gid < nglyphs; k++) ids[gid++] = first + k;
    }
    return true;
}

/* Checks that, in the subset `cff`, each new glyph id selects CID = its old
 * glyph id, which is what the content streams write. */
static const char *check_cff_cids(cff_bytes cff, const uint32_t *old_gids,
                                  const uint32_t *new_gids, size_t n) {
    if (cff.len < 4) return "the subset has no CFF table";
    size_t pos = cff.data[2];  /* header size */
    cff_index names, tops;
    size_t start, end;
    if (!read_index(cff, &pos, &names) || !read_index(cff, &pos, &tops) ||
        !index_item(cff, &tops, 0, &start, &end))
        return "the subset's CFF table is malformed";
    cff_top top;
    if (!read_top_dict(cff.data + start, cff.data + end, &top) || !top.cid_keyed ||
        top.charset <= 2 || top.charstrings <= 0 || (size_t)top.charstrings >= cff.len)
        return "the CFF font is not CID-keyed with a custom charset";
    size_t cs_pos = (size_t)top.charstrings;
    cff_index charstrings;
    if (!read_index(cff, &cs_pos, &charstrings) || charstrings.count == 0)
        return "the subset's CFF table is malformed";
    uint32_t *cids = eb_xcalloc(charstrings.count, sizeof *cids);
    const char *problem = NULL;
    if (!read_charset(cff, (size_t)top.charset, charstrings.count, cids))
        problem = "the subset's CFF charset is malformed";
    for (size_t i = 0; !problem && i < n; i++)
        if (new_gids[i] >= charstrings.count || cids[new_gids[i]] != old_gids[i])
            problem = "the CFF font's CIDs are not its glyph ids (unsupported font)";
    free(cids);
    return problem;
}

/* ---- subsetting ------------------------------------------------------------------------- */

static bool map_glyphs(hb_subset_plan_t *plan, const uint32_t *glyphs, size_t n, uint32_t *new_gids) {
    const hb_map_t *map = hb_subset_plan_old_to_new_glyph_mapping(plan);
    for (size_t i = 0; i < n; i++) {
        hb_codepoint_t to = hb_map_get(map, glyphs[i]);
        if (to == HB_MAP_VALUE_INVALID) return false;
        new_gids[i] = to;
    }
    return true;
}

/* The bytes to embed: the whole subset font, or for CFF its 'CFF ' table. */
static const char *extract_program(hb_face_t *subset, bool cff, const uint32_t *glyphs,
                                   size_t n, eb_subset *out) {
    hb_blob_t *blob = cff ? hb_face_reference_table(subset, HB_TAG('C', 'F', 'F', ' '))
                          : hb_face_reference_blob(subset);
    const char *problem = NULL;
    unsigned len = hb_blob_get_length(blob);
    if (len == 0) problem = "hb-subset produced an empty font";
    if (!problem && cff) {
        cff_bytes bytes = {(const uint8_t *)hb_blob_get_data(blob, NULL), len};
        problem = check_cff_cids(bytes, glyphs, out->new_gids, n);
    }
    if (!problem) out->program = copy_blob(blob, &out->program_len);
    hb_blob_destroy(blob);
    return problem;
}

bool ebi_subset_create(hb_face_t *face, bool cff, const uint32_t *glyphs, size_t n,
                    eb_subset *out, const char **error) {
    *out = (eb_subset){0};
    hb_subset_input_t *input = make_input(glyphs, n, cff);
    hb_subset_plan_t *plan = input ? hb_subset_plan_create_or_fail(face, input) : NULL;
    hb_face_t *subset = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
    const char *problem = subset ? NULL : "hb-subset failed";
    if (!problem) {
        out->new_gids = eb_xcalloc(n ? n : 1, sizeof *out->new_gids);
        if (!map_glyphs(plan, glyphs, n, out->new_gids))
            problem = "hb-subset left out a glyph that was drawn";
    }
    if (!problem) problem = extract_program(subset, cff, glyphs, n, out);
    hb_face_destroy(subset);
    hb_subset_plan_destroy(plan);
    hb_subset_input_destroy(input);
    if (problem) {
        ebi_subset_destroy(out);
        *error = problem;
        return false;
    }
    return true;
}

void ebi_subset_destroy(eb_subset *s) {
    free(s->program);
    free(s->new_gids);
    *s = (eb_subset){0};
}
