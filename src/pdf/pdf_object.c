/* PDF objects and the table that owns them. See pdf_object.h. */
#include "pdf_object.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    char *key;
    eb_pobj *value;
} entry;

struct eb_pobj {
    eb_pobj_kind kind;
    uint32_t number;      /* 0: direct */
    bool placed;          /* a direct object already in a container */
    union {
        bool b;
        long i;
        float r;
    } v;
    uint8_t *bytes;       /* names and strings, NUL-terminated */
    size_t nbytes;
    entry *entries;       /* dictionaries (key set) and arrays (key NULL) */
    size_t len, cap;
    bool deflate;         /* streams */
    eb_buf data;
};

struct eb_pobjs {
    eb_pobj **all;        /* every object, to free them */
    size_t nall, all_cap;
    eb_pobj **indirect;   /* by number - 1 */
    uint32_t nindirect;
    size_t indirect_cap;
};

eb_pobjs *ebi_pobjs_create(void) { return eb_xcalloc(1, sizeof(eb_pobjs)); }

void ebi_pobjs_destroy(eb_pobjs *t) {
    if (!t) return;
    for (size_t i = 0; i < t->nall; i++) {
        eb_pobj *o = t->all[i];
        for (size_t j = 0; j < o->len; j++) free(o->entries[j].key);
        free(o->entries);
        free(o->bytes);
        eb_buf_destroy(&o->data);
        free(o);
    }
    free(t->all);
    free(t->indirect);
    free(t);
}

uint32_t ebi_pobjs_count(const eb_pobjs *t) { return t->nindirect; }
const eb_pobj *ebi_pobjs_at(const eb_pobjs *t, uint32_t i) {
    return i < t->nindirect ? t->indirect[i] : NULL;
}

static void grow(void **items, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return;
    size_t n = *cap ? *cap : 16;
    while (n < need) n *= 2;
    *items = eb_xrealloc(*items, n * size);
    *cap = n;
}

static eb_pobj *make(eb_pobjs *t, eb_pobj_kind kind, bool indirect) {
    eb_pobj *o = eb_xcalloc(1, sizeof *o);
    o->kind = kind;
    grow((void **)&t->all, &t->all_cap, t->nall + 1, sizeof *t->all);
    t->all[t->nall++] = o;
    if (indirect) {
        grow((void **)&t->indirect, &t->indirect_cap, (size_t)t->nindirect + 1, sizeof *t->indirect);
        t->indirect[t->nindirect++] = o;
        o->number = t->nindirect;
    }
    return o;
}

eb_pobj *ebi_pobj_null(eb_pobjs *t) { return make(t, EB_POBJ_NULL, false); }

eb_pobj *ebi_pobj_bool(eb_pobjs *t, bool v) {
    eb_pobj *o = make(t, EB_POBJ_BOOL, false);
    o->v.b = v;
    return o;
}

eb_pobj *ebi_pobj_int(eb_pobjs *t, long v) {
    eb_pobj *o = make(t, EB_POBJ_INT, false);
    o->v.i = v;
    return o;
}

eb_pobj *ebi_pobj_real(eb_pobjs *t, double v) {
    eb_pobj *o = make(t, EB_POBJ_REAL, false);
    o->v.r = (float)v;
    return o;
}

static eb_pobj *with_bytes(eb_pobjs *t, eb_pobj_kind kind, const void *bytes, size_t n) {
    eb_pobj *o = make(t, kind, false);
    o->bytes = eb_xmalloc(n + 1);
    if (n) memcpy(o->bytes, bytes, n);
    o->bytes[n] = '\0';
    o->nbytes = n;
    return o;
}

eb_pobj *ebi_pobj_name(eb_pobjs *t, const char *name) {
    if (!name || strlen(name) > EB_POBJ_MAX_NAME) return NULL;
    return with_bytes(t, EB_POBJ_NAME, name, strlen(name));
}

eb_pobj *ebi_pobj_string(eb_pobjs *t, const void *bytes, size_t n) {
    if ((!bytes && n) || n > EB_POBJ_MAX_STRING) return NULL;
    return with_bytes(t, EB_POBJ_STRING, bytes, n);
}

eb_pobj *ebi_pobj_hex(eb_pobjs *t, const void *bytes, size_t n) {
    if ((!bytes && n) || n > EB_POBJ_MAX_STRING) return NULL;
    return with_bytes(t, EB_POBJ_HEX, bytes, n);
}

eb_pobj *ebi_pobj_array(eb_pobjs *t, bool indirect) { return make(t, EB_POBJ_ARRAY, indirect); }
eb_pobj *ebi_pobj_dict(eb_pobjs *t, bool indirect) { return make(t, EB_POBJ_DICT, indirect); }

eb_pobj *ebi_pobj_stream(eb_pobjs *t, bool deflate) {
    eb_pobj *o = make(t, EB_POBJ_STREAM, true);
    o->deflate = deflate;
    return o;
}

eb_pobj_kind ebi_pobj_kind_of(const eb_pobj *o) { return o->kind; }
uint32_t ebi_pobj_number(const eb_pobj *o) { return o->number; }

static bool is_dict(const eb_pobj *o) {
    return o && (o->kind == EB_POBJ_DICT || o->kind == EB_POBJ_STREAM);
}

static entry *find(const eb_pobj *dict, const char *key) {
    for (size_t i = 0; i < dict->len; i++)
        if (strcmp(dict->entries[i].key, key) == 0) return &dict->entries[i];
    return NULL;
}

bool ebi_pobj_put(eb_pobj *c, const char *key, eb_pobj *value) {
    if (!c || !value || (value->number == 0 && value->placed) || value == c) return false;
    if (key ? !is_dict(c) || !*key || strlen(key) > EB_POBJ_MAX_NAME : c->kind != EB_POBJ_ARRAY)
        return false;
    entry *e = key ? find(c, key) : NULL;
    if (!e) {
        grow((void **)&c->entries, &c->cap, c->len + 1, sizeof *c->entries);
        e = &c->entries[c->len++];
        e->key = key ? eb_xstrdup(key) : NULL;
    }
    /* a replaced direct value stays in the table, which frees it */
    e->value = value;
    value->placed = true;
    return true;
}

eb_pobj *ebi_pobj_get(const eb_pobj *dict, const char *key) {
    entry *e = is_dict(dict) && key ? find(dict, key) : NULL;
    return e ? e->value : NULL;
}

bool ebi_pobj_remove(eb_pobj *dict, const char *key) {
    entry *e = is_dict(dict) && key ? find(dict, key) : NULL;
    if (!e) return false;
    free(e->key);
    size_t i = (size_t)(e - dict->entries);
    memmove(e, e + 1, (dict->len - i - 1) * sizeof *e);
    dict->len--;
    return true;
}

const char *ebi_pobj_key_of(const eb_pobj *dict, const eb_pobj *value) {
    for (size_t i = 0; is_dict(dict) && i < dict->len; i++)
        if (dict->entries[i].value == value) return dict->entries[i].key;
    return NULL;
}

size_t ebi_pobj_len(const eb_pobj *o) {
    return o && (is_dict(o) || o->kind == EB_POBJ_ARRAY) ? o->len : 0;
}

const char *ebi_pobj_key_at(const eb_pobj *dict, size_t i) {
    return is_dict(dict) && i < dict->len ? dict->entries[i].key : NULL;
}

const eb_pobj *ebi_pobj_value_at(const eb_pobj *o, size_t i) {
    return i < ebi_pobj_len(o) ? o->entries[i].value : NULL;
}

void ebi_pobj_stream_set(eb_pobj *s, const void *bytes, size_t n) {
    s->data.len = 0;
    ebi_pobj_stream_append(s, bytes, n);
}

void ebi_pobj_stream_append(eb_pobj *s, const void *bytes, size_t n) {
    if (n) eb_buf_append(&s->data, bytes, n);
}

const eb_buf *ebi_pobj_stream_data(const eb_pobj *s) { return &s->data; }
bool ebi_pobj_stream_deflated(const eb_pobj *s) { return s->deflate; }
bool ebi_pobj_bool_value(const eb_pobj *o) { return o->v.b; }
long ebi_pobj_int_value(const eb_pobj *o) { return o->v.i; }
float ebi_pobj_real_value(const eb_pobj *o) { return o->v.r; }

const uint8_t *ebi_pobj_bytes(const eb_pobj *o, size_t *n) {
    *n = o->nbytes;
    return o->bytes;
}
