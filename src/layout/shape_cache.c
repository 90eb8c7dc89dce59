/* shape_cache: HarfBuzz's output for an item, kept per fontset, so that a
 * text shaped again (a running header on every page, a label in every
 * brief, a finding quoted by several briefs) is not shaped again.
 *
 * Exactly equivalent to shaping: the key is everything HarfBuzz reads for
 * an item. That is the font (an index in the fontset; the fonts are never
 * changed once open), the direction, script and language, the buffer flags
 * (beginning and end of text), the item's text and its context: the text
 * around the item that hb_buffer_add_utf8 keeps for joining and the like
 * (up to HB_BUFFER_CONTEXT_LENGTH, 5, characters each side; the key takes
 * CONTEXT_CHARS of shape.c). Cluster values are stored relative to the item's start,
 * which is how they depend on the item (HarfBuzz only compares and merges
 * them). The cluster level, the features (none) and the buffer's other
 * settings never change.
 *
 * The cache lives as user data of the fontset's HarfBuzz buffer, which is
 * per thread like the fontset, and goes with it. It holds at most
 * CACHE_BYTES, dropping the least recently used items first; glyphs are
 * stored in 10 bytes (an item whose values do not fit is not cached). */
#include <stdlib.h>
#include <string.h>

#include "layout_internal.h"
#include "util.h"

/* At most this much memory per fontset; a single item at most an eighth. */
#define CACHE_BYTES ((size_t)2 << 20)

typedef struct {
    uint16_t gid, cluster;
    int16_t x_advance, x_offset, y_offset;
} packed_glyph;

typedef struct entry {
    struct entry *chain;          /* next in its hash bucket */
    struct entry *newer, *older;  /* recency list */
    uint64_t hash;
    size_t bytes;                 /* the whole allocation */
    uint32_t key_len, nglyphs;
    /* nglyphs packed_glyph, then key_len bytes of key */
    _Alignas(8) unsigned char data[];
} entry;

struct eb_shape_cache {
    entry **buckets;
    size_t nbuckets, nentries, bytes;
    entry *newest, *oldest;
    eb_buf key;                   /* the key being looked up */
    uint64_t key_hash;
};

static hb_user_data_key_t cache_key;

/* ---- keys ----------------------------------------------------------------------- */

/* The fixed part of a key: no padding is left undefined. */
typedef struct {
    uint32_t script;
    uint8_t font, rtl, bot, eot;
    uint64_t lang;
    uint32_t pre_len, text_len, post_len, pad;
} key_head;

static uint64_t hash_bytes(const unsigned char *p, size_t n) {
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211u;
    return h;
}

static void build_key(eb_shape_cache *c, const eb_shape_key *k) {
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
    c->key.len = 0;
    eb_buf_append(&c->key, &head, sizeof head);
    eb_buf_append(&c->key, k->pre, k->pre_len);
    eb_buf_append(&c->key, k->text, k->text_len);
    eb_buf_append(&c->key, k->post, k->post_len);
    c->key_hash = hash_bytes((const unsigned char *)c->key.data, c->key.len);
}

static packed_glyph *entry_glyphs(entry *e) { return (packed_glyph *)(void *)e->data; }
static unsigned char *entry_key(entry *e) { return e->data + e->nglyphs * sizeof(packed_glyph); }

/* ---- the recency list and the table ------------------------------------------------ */

static void unlink_entry(eb_shape_cache *c, entry *e) {
    if (e->newer) e->newer->older = e->older;
    else c->newest = e->older;
    if (e->older) e->older->newer = e->newer;
    else c->oldest = e->newer;
}

static void push_newest(eb_shape_cache *c, entry *e) {
    e->newer = NULL;
    e->older = c->newest;
    if (c->newest) c->newest->newer = e;
    c->newest = e;
    if (!c->oldest) c->oldest = e;
}

static entry **bucket_of(const eb_shape_cache *c, uint64_t hash) {
    return &c->buckets[hash & (c->nbuckets - 1)];
}

static void grow_table(eb_shape_cache *c) {
    size_t old = c->nbuckets;
    entry **buckets = c->buckets;
    c->nbuckets = old ? old * 2 : 256;
    c->buckets = eb_xcalloc(c->nbuckets, sizeof *c->buckets);
    for (size_t b = 0; b < old; b++)
        for (entry *e = buckets[b], *next; e; e = next) {
            next = e->chain;
            entry **slot = bucket_of(c, e->hash);
            e->chain = *slot;
            *slot = e;
        }
    free(buckets);
}

static void evict_oldest(eb_shape_cache *c) {
    entry *e = c->oldest;
    entry **slot = bucket_of(c, e->hash);
    while (*slot != e) slot = &(*slot)->chain;
    *slot = e->chain;
    unlink_entry(c, e);
    c->bytes -= e->bytes;
    c->nentries--;
    free(e);
}

/* ---- the cache ------------------------------------------------------------------------ */

static void cache_free(void *data) {
    eb_shape_cache *c = data;
    for (entry *e = c->newest, *next; e; e = next) {
        next = e->older;
        free(e);
    }
    free(c->buckets);
    eb_buf_free(&c->key);
    free(c);
}

eb_shape_cache *eb_shape_cache_of(hb_buffer_t *buf) {
    eb_shape_cache *c = hb_buffer_get_user_data(buf, &cache_key);
    if (c) return c;
    c = eb_xcalloc(1, sizeof *c);
    if (!hb_buffer_set_user_data(buf, &cache_key, c, cache_free, false)) {
        cache_free(c); /* HarfBuzz could not store it: shape without */
        return NULL;
    }
    return c;
}

size_t eb_shape_cache_find(eb_shape_cache *c, const eb_shape_key *k, eb_shaped_glyphs *out) {
    build_key(c, k);
    if (!c->nbuckets) return SIZE_MAX;
    entry *e = *bucket_of(c, c->key_hash);
    while (e && !(e->hash == c->key_hash && e->key_len == c->key.len &&
                  memcmp(entry_key(e), c->key.data, c->key.len) == 0))
        e = e->chain;
    if (!e) return SIZE_MAX;
    unlink_entry(c, e);
    push_newest(c, e);
    eb_shaped_glyphs_reserve(out, e->nglyphs);
    const packed_glyph *p = entry_glyphs(e);
    for (uint32_t i = 0; i < e->nglyphs; i++)
        out->glyphs[i] = (eb_shaped_glyph){.gid = p[i].gid, .cluster = p[i].cluster,
                                           .x_advance = p[i].x_advance, .x_offset = p[i].x_offset,
                                           .y_offset = p[i].y_offset};
    return e->nglyphs;
}

static bool fits_int16(int32_t v) { return v >= INT16_MIN && v <= INT16_MAX; }

static bool packable(const eb_shaped_glyph *g, size_t count) {
    for (size_t i = 0; i < count; i++)
        if (g[i].gid > UINT16_MAX || g[i].cluster > UINT16_MAX || !fits_int16(g[i].x_advance) ||
            !fits_int16(g[i].x_offset) || !fits_int16(g[i].y_offset))
            return false;
    return true;
}

void eb_shape_cache_add(eb_shape_cache *c, const eb_shaped_glyph *glyphs, size_t count) {
    size_t bytes = sizeof(entry) + count * sizeof(packed_glyph) + c->key.len;
    if (bytes > CACHE_BYTES / 8 || !packable(glyphs, count)) return;
    while (c->oldest && c->bytes + bytes > CACHE_BYTES) evict_oldest(c);
    if (c->nentries >= c->nbuckets) grow_table(c);
    entry *e = eb_xmalloc(bytes);
    e->hash = c->key_hash;
    e->bytes = bytes;
    e->key_len = (uint32_t)c->key.len;
    e->nglyphs = (uint32_t)count;
    packed_glyph *p = entry_glyphs(e);
    for (size_t i = 0; i < count; i++)
        p[i] = (packed_glyph){.gid = (uint16_t)glyphs[i].gid, .cluster = (uint16_t)glyphs[i].cluster,
                              .x_advance = (int16_t)glyphs[i].x_advance,
                              .x_offset = (int16_t)glyphs[i].x_offset,
                              .y_offset = (int16_t)glyphs[i].y_offset};
    memcpy(entry_key(e), c->key.data, c->key.len);
    entry **slot = bucket_of(c, e->hash);
    e->chain = *slot;
    *slot = e;
    push_newest(c, e);
    c->bytes += bytes;
    c->nentries++;
}
