/* shape: HarfBuzz shaping of every item with the whole paragraph as context
 * (hb_buffer_add_utf8 gets the full text and the item's offset and length),
 * so Persian letters at an item edge still take their joining forms. Glyphs
 * that would draw a blank box (.notdef of a character no font has, or of a
 * control character such as a hard line break) are dropped here.
 *
 * HarfBuzz's output for an item is kept in a per-fontset cache (cache.c),
 * so that a text shaped again (a running header on every page, a label in
 * every brief, a finding quoted by several briefs) is not shaped again.
 * That is exactly equivalent to shaping: the key is everything HarfBuzz
 * reads for an item. That is the font (an index in the fontset; fonts are
 * never changed once open), the direction, script and language, the
 * buffer flags (beginning and end of text), the item's text and its
 * context, the text around the item that hb_buffer_add_utf8 keeps for
 * joining and the like (HB_BUFFER_CONTEXT_LENGTH, 5, characters each
 * side; the key takes CONTEXT_CHARS). Clusters are stored relative to the
 * item's start, which is how they depend on the item (HarfBuzz only
 * compares and merges them). The cluster level and the buffer's other
 * settings never change; the features (item_features) follow from the
 * item's text and language, both in the key. Glyphs are kept in 10 bytes;
 * an item whose values do not fit is not kept. */
#include <stdlib.h>
#include <string.h>

#include "layout_internal.h"
#include "util.h"

size_t ebi_analysis_walk_to(const eb_analysis *t, size_t ch, uint32_t byte) {
    while (t->offs[ch] < byte) ch++;
    while (t->offs[ch] > byte) ch--;
    return ch;
}

/* Characters of context on each side of an item in its cache key: at
 * least the HB_BUFFER_CONTEXT_LENGTH (5) that hb_buffer_add_utf8 keeps. */
#define CONTEXT_CHARS 8
/* The shaping cache holds at most this much per fontset. */
#define SHAPE_CACHE_BYTES ((size_t)2 << 20)

static hb_user_data_key_t shape_cache_key;

static void set_buffer_for(const eb_analysis *t, const eb_item *item, hb_language_t lang,
                           hb_buffer_t *buf) {
    hb_buffer_clear_contents(buf);
    hb_buffer_set_direction(buf, item->level & 1 ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, item->script);
    hb_buffer_set_language(buf, lang);
    unsigned flags = HB_BUFFER_FLAG_DEFAULT;
    if (item->start == 0) flags |= HB_BUFFER_FLAG_BOT;
    if (item->end == t->n) flags |= HB_BUFFER_FLAG_EOT;
    hb_buffer_set_flags(buf, (hb_buffer_flags_t)flags);
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
    hb_buffer_add_utf8(buf, t->text, (int)t->len, t->offs[item->start],
                       (int)(t->offs[item->end] - t->offs[item->start]));
}

/* What set_buffer_for gives HarfBuzz, as a key of the shaping cache. */
static eb_shape_key key_for(const eb_analysis *t, const eb_item *item, hb_language_t lang) {
    size_t pre = item->start > CONTEXT_CHARS ? item->start - CONTEXT_CHARS : 0;
    size_t post = t->n - item->end > CONTEXT_CHARS ? item->end + CONTEXT_CHARS : t->n;
    uint32_t from = t->offs[item->start], to = t->offs[item->end];
    return (eb_shape_key){
        .font = item->font, .rtl = item->level & 1, .bot = item->start == 0,
        .eot = item->end == t->n, .script = item->script, .lang = lang,
        .pre = t->text + t->offs[pre], .pre_len = from - t->offs[pre],
        .text = t->text + from, .text_len = to - from,
        .post = t->text + to, .post_len = t->offs[post] - to};
}

void ebi_shaped_glyphs_reserve(eb_shaped_glyphs *g, size_t count) {
    if (count <= g->cap) return;
    while (g->cap < count) g->cap = g->cap ? g->cap * 2 : 256;
    g->glyphs = eb_xrealloc(g->glyphs, g->cap * sizeof *g->glyphs);
}

/* ---- the shaping cache ---------------------------------------------------------- */

/* The fixed part of a key, with no undefined padding. */
typedef struct {
    uint32_t script;
    uint8_t font, rtl, bot, eot;
    uint64_t lang;
    uint32_t pre_len, text_len, post_len, pad;
} key_head;

/* A glyph as the cache keeps it. */
typedef struct {
    uint16_t gid, cluster;
    int16_t x_advance, x_offset, y_offset;
} packed_glyph;

size_t ebi_shape_cache_find(eb_cache *cache, const eb_shape_key *k, eb_shaped_glyphs *out) {
    key_head head;
    memset(&head, 0, sizeof head);
    head.script = (uint32_t)k->script;
    head.font = k->font;
    head.rtl = k->rtl;
    head.bot = k->bot;
    head.eot = k->eot;
    head.lang = (uint64_t)(uintptr_t)k->lang; /* languages are interned */
    head.pre_len = k->pre_len;
    head.text_len = k->text_len;
    head.post_len = k->post_len;
    ebi_cache_key_start(cache);
    ebi_cache_key_add(cache, &head, sizeof head);
    ebi_cache_key_add(cache, k->pre, k->pre_len);
    ebi_cache_key_add(cache, k->text, k->text_len);
    ebi_cache_key_add(cache, k->post, k->post_len);
    size_t len;
    const packed_glyph *p = ebi_cache_find(cache, &len);
    if (!p) return SIZE_MAX;
    size_t count = len / sizeof *p;
    ebi_shaped_glyphs_reserve(out, count);
    for (size_t i = 0; i < count; i++)
        out->glyphs[i] = (eb_shaped_glyph){.gid = p[i].gid, .cluster = p[i].cluster,
                                           .x_advance = p[i].x_advance, .x_offset = p[i].x_offset,
                                           .y_offset = p[i].y_offset};
    return count;
}

static bool fits_int16(int32_t v) { return v >= INT16_MIN && v <= INT16_MAX; }

void ebi_shape_cache_add(eb_cache *cache, const eb_shaped_glyph *glyphs, size_t count) {
    for (size_t i = 0; i < count; i++)
        if (glyphs[i].gid > UINT16_MAX || glyphs[i].cluster > UINT16_MAX ||
            !fits_int16(glyphs[i].x_advance) || !fits_int16(glyphs[i].x_offset) ||
            !fits_int16(glyphs[i].y_offset))
            return;
    packed_glyph *p = eb_xmalloc((count + 1) * sizeof *p);
    for (size_t i = 0; i < count; i++)
        p[i] = (packed_glyph){.gid = (uint16_t)glyphs[i].gid, .cluster = (uint16_t)glyphs[i].cluster,
                              .x_advance = (int16_t)glyphs[i].x_advance,
                              .x_offset = (int16_t)glyphs[i].x_offset,
                              .y_offset = (int16_t)glyphs[i].y_offset};
    ebi_cache_add(cache, p, count * sizeof *p);
    free(p);
}

/* ---- shaping ------------------------------------------------------------------------ */

/* The Extended Arabic-Indic digits, Persian's and Urdu's (U+06F0-U+06F9). */
static bool is_persian_digit(uint32_t cp) { return cp >= 0x06F0 && cp <= 0x06F9; }

/* Full-width punctuation whose blank half follows the mark (closing
 * brackets and quotes, the comma, the full stop ...) and whose blank half
 * precedes it (opening brackets and quotes). */
static bool closing_punct(uint32_t cp) {
    switch (cp) {
    case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B:
    case 0xFF01: case 0xFF1F: case 0xFF09: case 0x300B: case 0x300D: case 0x300F:
    case 0x3011: case 0x3009: case 0x3015: case 0x3017: case 0x3019: case 0x301B:
    case 0xFF3D: case 0xFF5D: case 0x201D: case 0x2019:
        return true;
    default:
        return false;
    }
}

static bool opening_punct(uint32_t cp) {
    switch (cp) {
    case 0xFF08: case 0x300A: case 0x300C: case 0x300E: case 0x3010: case 0x3008:
    case 0x3014: case 0x3016: case 0x3018: case 0x301A: case 0xFF3B: case 0xFF5B:
    case 0x201C: case 0x2018:
        return true;
    default:
        return false;
    }
}

/* clreq 3.1.6: of two full-width punctuation marks side by side («”）»,
 * «）。», «，“», «「（»), one gives up its blank half, else they stand a
 * whole em apart: a closing mark before another mark loses its trailing
 * half, an opening mark after another mark its leading half. Noto Sans CJK
 * has `halt` (half-width alternates) but not the contextual `chws`, so the
 * choice is made here and `halt` turned on for that one character. Returns
 * the character to compress at `ch`, or SIZE_MAX. */
static size_t compressed_at(const eb_analysis *t, const eb_item *item, size_t ch) {
    if (ch + 1 >= item->end) return SIZE_MAX;
    uint32_t a = t->cps[ch], b = t->cps[ch + 1];
    bool a_punct = closing_punct(a) || opening_punct(a), b_punct = closing_punct(b) || opening_punct(b);
    if (!a_punct || !b_punct) return SIZE_MAX;
    if (closing_punct(a)) return ch;
    if (opening_punct(b)) return ch + 1;
    return SIZE_MAX; /* an opening mark before a closing one: nothing between them to take */
}

static void add_feature(hb_feature_t **out, unsigned *n, unsigned *cap, hb_feature_t f) {
    if (*n == *cap) *out = eb_xrealloc(*out, (*cap = *cap ? *cap * 2 : 8) * sizeof **out);
    (*out)[(*n)++] = f;
}

/* The features an item is shaped with, each on a range of it (ranges are
 * cluster values, the byte offsets hb_buffer_add_utf8 gives):
 *
 * - `locl` off on Persian digits, except in Urdu. Noto Naskh Arabic 2.004
 *   registers its Urdu digit forms (۴ ۶ ۷ drawn as Urdu or Arabic-Indic
 *   four, six, seven) in `locl` under every language system, DFLT and
 *   Persian included (`hb-shape --language=fa` gives uni06F4.locl,
 *   uni0666, uni06F7.locl). Off only on the digits: the font keeps its
 *   other `locl` forms.
 * - `halt` on the compressed one of two adjacent full-width punctuation
 *   marks (compressed_at).
 *
 * Both follow from the item's text and language, which the shaping cache's
 * key holds. Returns the count; *out is to be freed. */
static unsigned item_features(const eb_analysis *t, const eb_item *item, hb_language_t lang,
                              hb_feature_t **out) {
    *out = NULL;
    unsigned n = 0, cap = 0;
    bool urdu = lang == hb_language_from_string("ur", -1);
    for (size_t ch = item->start; ch < item->end; ch++) {
        size_t squeeze = compressed_at(t, item, ch);
        if (squeeze != SIZE_MAX)
            add_feature(out, &n, &cap, (hb_feature_t){.tag = HB_TAG('h', 'a', 'l', 't'), .value = 1,
                                                      .start = t->offs[squeeze],
                                                      .end = t->offs[squeeze + 1]});
        if (urdu || !is_persian_digit(t->cps[ch])) continue;
        size_t end = ch;
        while (end < item->end && is_persian_digit(t->cps[end])) end++;
        add_feature(out, &n, &cap, (hb_feature_t){.tag = HB_TAG('l', 'o', 'c', 'l'), .value = 0,
                                                  .start = t->offs[ch], .end = t->offs[end]});
        ch = end - 1;
    }
    return n;
}

static size_t shape_with_harfbuzz(const eb_analysis *t, const eb_item *item, hb_language_t lang,
                                  hb_buffer_t *buf, eb_shaped_glyphs *out) {
    set_buffer_for(t, item, lang, buf);
    hb_feature_t *features;
    unsigned nfeatures = item_features(t, item, lang, &features);
    hb_shape(ebi_font_hb_font(ebi_fontset_font(t->fonts, item->font)), buf, features, nfeatures);
    free(features);
    unsigned count;
    const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &count);
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &count);
    ebi_shaped_glyphs_reserve(out, count);
    uint32_t from = t->offs[item->start];
    for (unsigned k = 0; k < count; k++)
        out->glyphs[k] = (eb_shaped_glyph){
            .gid = info[k].codepoint, .cluster = info[k].cluster - from,
            .x_advance = pos[k].x_advance, .x_offset = pos[k].x_offset, .y_offset = pos[k].y_offset};
    return count;
}

static void reserve_glyphs(eb_analysis *t, size_t *cap, size_t more) {
    if (t->nglyphs + more <= *cap) return;
    while (*cap < t->nglyphs + more) *cap = *cap ? *cap * 2 : 256;
    t->glyphs = eb_xrealloc(t->glyphs, *cap * sizeof *t->glyphs);
}

/* The explicit bidi formatting characters: embeddings, overrides and
 * isolates (U+202A-U+202E, U+2066-U+2069). They act through FriBidi's
 * levels only and are not displayed (UAX #9, X9); HarfBuzz still gives
 * each an empty glyph, which would put the character into the PDF's text
 * at a zero-width spot between words and upset text extraction. */
static bool is_bidi_format(uint32_t cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* A glyph worth drawing: not .notdef, not the stand-in for a control char
 * or a bidi formatting character. */
static bool drawable(const eb_analysis *t, hb_codepoint_t gid, size_t ch) {
    return gid != 0 && !(t->flags[ch] & (EB_CH_HARD_BREAK | EB_CH_UNCOVERED)) &&
           !(t->cps[ch] < 0x20 && t->cps[ch] != '\t') && !is_bidi_format(t->cps[ch]);
}

/* The byte length of the cluster starting at character `ch` of the item. */
static uint32_t cluster_len(const eb_analysis *t, const eb_item *item, size_t ch) {
    size_t end = ch + 1;
    while (end < item->end && !(t->flags[end] & EB_CH_CLUSTER_START)) end++;
    return t->offs[end] - t->offs[ch];
}

/* Gives each cluster's text to its first glyph in logical order: the first
 * of its glyphs in an LTR run, the last in an RTL run (visual order). */
static void assign_cluster_text(eb_analysis *t, const eb_item *item) {
    eb_glyph *g = t->glyphs + item->glyph_start;
    bool rtl = item->level & 1;
    size_t ch = item->start;
    for (size_t k = 0; k < item->nglyphs; k++) {
        size_t neighbour = rtl ? k + 1 : k - 1; /* the previous glyph in logical order */
        bool first = rtl ? k + 1 == item->nglyphs : k == 0;
        if (!first && g[neighbour].text_start == g[k].text_start) continue;
        ch = ebi_analysis_walk_to(t, ch, g[k].text_start);
        g[k].text_len = cluster_len(t, item, ch);
    }
}

/* The item's glyphs in font units: from the cache, else from HarfBuzz. */
static size_t shaped_glyphs(const eb_analysis *t, const eb_item *item, eb_cache *cache,
                            hb_buffer_t *buf, eb_shaped_glyphs *out) {
    hb_language_t lang = hb_language_from_string(item->lang, -1);
    if (!cache) return shape_with_harfbuzz(t, item, lang, buf, out);
    eb_shape_key key = key_for(t, item, lang);
    size_t count = ebi_shape_cache_find(cache, &key, out);
    if (count != SIZE_MAX) return count;
    count = shape_with_harfbuzz(t, item, lang, buf, out);
    ebi_shape_cache_add(cache, out->glyphs, count);
    return count;
}

static void shape_item(eb_analysis *t, eb_item *item, eb_cache *cache, hb_buffer_t *buf,
                       eb_shaped_glyphs *shaped, size_t *cap) {
    double scale = ebi_font_scale(ebi_fontset_font(t->fonts, item->font), t->style->size);
    size_t count = shaped_glyphs(t, item, cache, buf, shaped);
    const eb_shaped_glyph *g = shaped->glyphs;
    uint32_t from = t->offs[item->start];
    /* clusters rise (LTR) or fall (RTL) along the glyphs: walking from one
     * to the next costs linear time over the item */
    size_t ch = item->start;
    for (size_t k = 0; k < count; k++) {
        ch = ebi_analysis_walk_to(t, ch, from + g[k].cluster);
        t->flags[ch] |= EB_CH_CLUSTER_START;
    }
    reserve_glyphs(t, cap, count);
    item->glyph_start = t->nglyphs;
    for (size_t k = 0; k < count; k++) {
        ch = ebi_analysis_walk_to(t, ch, from + g[k].cluster);
        if (!drawable(t, g[k].gid, ch)) continue;
        float advance = (float)(g[k].x_advance * scale);
        t->glyphs[t->nglyphs++] = (eb_glyph){
            .gid = g[k].gid, .x_advance = advance,
            .x_offset = (float)(g[k].x_offset * scale), .y_offset = (float)(g[k].y_offset * scale),
            .text_start = from + g[k].cluster, .text_len = 0};
        t->adv[ch] += advance;
    }
    item->nglyphs = t->nglyphs - item->glyph_start;
    assign_cluster_text(t, item);
}

void ebi_analysis_shape(eb_analysis *t) {
    hb_buffer_t *buf = ebi_fontset_buffer(t->fonts);
    eb_cache *cache = ebi_cache_of(buf, &shape_cache_key, SHAPE_CACHE_BYTES);
    eb_shaped_glyphs shaped = {0};
    size_t cap = 0;
    t->adv = eb_xcalloc(t->n + 1, sizeof *t->adv);
    for (size_t i = 0; i < t->nitems; i++) shape_item(t, &t->items[i], cache, buf, &shaped, &cap);
    hb_buffer_clear_contents(buf);
    free(shaped.glyphs);
    /* the array grew by doubling; the paragraph keeps it for the plan's life */
    if (cap > t->nglyphs) t->glyphs = eb_xrealloc(t->glyphs, t->nglyphs * sizeof *t->glyphs);
}
