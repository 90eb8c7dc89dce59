/* cache: bounded maps from byte strings to byte strings, least recently
 * used first out, for results that are a pure function of their key and
 * recur across paragraphs and briefs (shaped items, line break classes).
 *
 * A cache belongs to a fontset: it lives as user data of the fontset's
 * HarfBuzz buffer (ebi_fontset_buffer), which is per thread like the
 * fontset, and is freed with it. */
#include <stdlib.h>
#include <string.h>

#include "layout_internal.h"
#include "util.h"

typedef struct entry {
    struct entry *chain;          /* next in its hash bucket */
    struct entry *newer, *older;  /* recency list */
    uint64_t hash;
    size_t bytes;                 /* the whole allocation */
    size_t key_len, value_len;
    /* the value, then the key */
    _Alignas(8) unsigned char data[];
} entry;

struct eb_cache {
    size_t max_bytes;
    entry **buckets;
    size_t nbuckets, nentries, bytes;
    entry *newest, *oldest;
    eb_buf key;                   /* the key being built or last looked up */
    uint64_t key_hash;
};

static unsigned char *entry_key(entry *e) { return e->data + e->value_len; }

/* ---- the recency list and the table ------------------------------------------------ */

static void unlink_entry(eb_cache *c, entry *e) {
    if (e->newer) e->newer->older = e->older;
    else c->newest = e->older;
    if (e->older) e->older->newer = e->newer;
    else c->oldest = e->newer;
}

static void push_newest(eb_cache *c, entry *e) {
    e->newer = NULL;
    e->older = c->newest;
    if (c->newest) c->newest->newer = e;
    c->newest = e;
    if (!c->oldest) c->oldest = e;
}

static entry **bucket_of(const eb_cache *c, uint64_t hash) {
    return &c->buckets[hash & (c->nbuckets - 1)];
}

static void grow_table(eb_cache *c) {
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

static void evict_oldest(eb_cache *c) {
    entry *e = c->oldest;
    /* The analyzer misses that the oldest entry has no older one, so that
     * unlink_entry moves c->oldest past the entry freed below. */
    entry **slot = bucket_of(c, e->hash); /* NOLINT(clang-analyzer-unix.Malloc) */
    while (*slot != e) slot = &(*slot)->chain;
    *slot = e->chain;
    unlink_entry(c, e);
    c->bytes -= e->bytes;
    c->nentries--;
    free(e);
}

/* ---- the cache ------------------------------------------------------------------------ */

static void cache_destroy(void *data) {
    eb_cache *c = data;
    for (entry *e = c->newest, *next; e; e = next) {
        next = e->older;
        free(e);
    }
    free(c->buckets);
    eb_buf_destroy(&c->key);
    free(c);
}

eb_cache *ebi_cache_of(hb_buffer_t *buf, hb_user_data_key_t *which, size_t max_bytes) {
    eb_cache *c = hb_buffer_get_user_data(buf, which);
    if (c) return c;
    c = eb_xcalloc(1, sizeof *c);
    c->max_bytes = max_bytes;
    if (!hb_buffer_set_user_data(buf, which, c, cache_destroy, false)) {
        cache_destroy(c); /* HarfBuzz could not store it: work without */
        return NULL;
    }
    return c;
}

size_t ebi_cache_bytes(const eb_cache *c) { return c->bytes; }

void ebi_cache_key_start(eb_cache *c) { c->key.len = 0; }

void ebi_cache_key_add(eb_cache *c, const void *bytes, size_t n) { eb_buf_append(&c->key, bytes, n); }

static uint64_t hash_bytes(const unsigned char *p, size_t n) {
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211u;
    return h;
}

const void *ebi_cache_find(eb_cache *c, size_t *len) {
    c->key_hash = hash_bytes((const unsigned char *)c->key.data, c->key.len);
    if (!c->nbuckets) return NULL;
    entry *e = *bucket_of(c, c->key_hash);
    while (e && !(e->hash == c->key_hash && e->key_len == c->key.len &&
                  memcmp(entry_key(e), c->key.data, c->key.len) == 0))
        e = e->chain;
    if (!e) return NULL;
    unlink_entry(c, e);
    push_newest(c, e);
    *len = e->value_len;
    return e->data;
}

void ebi_cache_add(eb_cache *c, const void *value, size_t len) {
    size_t bytes = sizeof(entry) + len + c->key.len;
    if (bytes > c->max_bytes / 8) return;
    while (c->oldest && c->bytes + bytes > c->max_bytes) evict_oldest(c);
    if (c->nentries >= c->nbuckets) grow_table(c);
    entry *e = eb_xmalloc(bytes);
    e->hash = c->key_hash;
    e->bytes = bytes;
    e->key_len = c->key.len;
    e->value_len = len;
    if (len) memcpy(e->data, value, len);
    memcpy(entry_key(e), c->key.data, c->key.len);
    entry **slot = bucket_of(c, e->hash);
    e->chain = *slot;
    *slot = e;
    push_newest(c, e);
    c->bytes += bytes;
    c->nentries++;
}
