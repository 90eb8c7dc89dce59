/* The structure tree of a tagged PDF (PDF 1.7, 14.7; PDF/UA-1).
 *
 * Elements are recorded as they are added, each with its children in order:
 * marked-content sequences (a page and an MCID), link annotations (written
 * as object references, OBJR) and child elements. At save time the tree
 * becomes objects: one /StructElem per element that has content somewhere
 * below it (empty elements are dropped), the /StructTreeRoot with the
 * parent tree that maps each page's MCIDs and each link back to its
 * element, and /MarkInfo.
 *
 * Right-to-left text is drawn as it is seen, its glyphs left to right
 * (pdf_text.c), which is what readers of the page need; a reader of the
 * structure tree takes an element's marked content in drawing order, so
 * an element whose text has right-to-left characters carries its logical
 * text as /ActualText (PDF 1.7, 14.9.4), bidi controls left out. */
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"

typedef enum { KID_MCID, KID_ELEMENT, KID_LINK } kid_kind;

typedef struct {
    kid_kind kind;
    size_t page;           /* KID_MCID, KID_LINK */
    int value;             /* the MCID, or the child element's number */
    eb_pobj *annot;    /* KID_LINK */
} kid;

typedef struct {
    int parent;            /* 0: the root */
    char *type, *lang, *alt, *scope, *list_numbering;
    kid *kids;
    size_t nkids, kids_cap;
    /* the text drawn as this element's content, in logical order */
    eb_buf text;
    const eb_para *last_para;
    size_t last_end;
    /* computed when writing */
    bool live;             /* has content, itself or below */
    eb_pobj *obj;
} element;

typedef struct {
    size_t page;
    int mcid;
    int element;
} mcid_owner;

typedef struct {
    eb_pobj *annot;
    int element;
} link_owner;

struct eb_tags {
    element *elements;     /* element n is elements[n - 1] */
    size_t n, cap;
    int *root_kids;
    size_t nroot, root_cap;
    mcid_owner *mcids;
    size_t nmcids, mcids_cap;
    link_owner *links;
    size_t nlinks, links_cap;
    eb_pobj *root;     /* the /StructTreeRoot, once written */
};

#define GROW(array, count, cap)                                          \
    do {                                                                 \
        if ((count) == (cap)) {                                          \
            (cap) = (cap) ? 2 * (cap) : 16;                              \
            (array) = eb_xrealloc((array), (cap) * sizeof *(array));     \
        }                                                                \
    } while (0)

eb_tags *ebi_tags_create(void) { return eb_xcalloc(1, sizeof(eb_tags)); }

void ebi_tags_destroy(eb_tags *t) {
    if (!t) return;
    for (size_t i = 0; i < t->n; i++) {
        element *e = &t->elements[i];
        free(e->type);
        free(e->lang);
        free(e->alt);
        free(e->scope);
        free(e->list_numbering);
        free(e->kids);
        eb_buf_destroy(&e->text);
    }
    free(t->elements);
    free(t->root_kids);
    free(t->mcids);
    free(t->links);
    free(t);
}

size_t ebi_tags_count(const eb_tags *t) { return t->n; }

static element *get(const eb_tags *t, int n) {
    return n > 0 && (size_t)n <= t->n ? &t->elements[n - 1] : NULL;
}

static char *dup_or_null(const char *s) { return s && *s ? eb_xstrdup(s) : NULL; }

static void add_kid(element *e, kid k) {
    GROW(e->kids, e->nkids, e->kids_cap);
    e->kids[e->nkids++] = k;
}

/* A structure type is a PDF name: letters, digits and a few marks. */
static bool valid_type(const char *type) {
    if (!type || !*type || strlen(type) > 64) return false;
    for (const char *p = type; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-' || *p == '.'))
            return false;
    return true;
}

int ebi_tags_add(eb_tags *t, int parent, const eb_pdf_element *in) {
    if (!in || !valid_type(in->type) || (parent != 0 && !get(t, parent)) || t->n >= 0x7FFFFFFF)
        return 0;
    GROW(t->elements, t->n, t->cap);
    element *e = &t->elements[t->n++];
    *e = (element){.parent = parent, .type = eb_xstrdup(in->type), .lang = dup_or_null(in->lang),
                   .alt = dup_or_null(in->alt),
                   .scope = dup_or_null(in->scope), .list_numbering = dup_or_null(in->list_numbering)};
    int number = (int)t->n;
    if (parent) {
        add_kid(get(t, parent), (kid){.kind = KID_ELEMENT, .value = number});
    } else {
        GROW(t->root_kids, t->nroot, t->root_cap);
        t->root_kids[t->nroot++] = number;
    }
    return number;
}

const char *ebi_tags_type(const eb_tags *t, int n) {
    const element *e = get(t, n);
    return e ? e->type : NULL;
}

void ebi_tags_add_mcid(eb_tags *t, int n, size_t page, int mcid) {
    element *e = get(t, n);
    if (!e || mcid < 0) return;
    add_kid(e, (kid){.kind = KID_MCID, .page = page, .value = mcid});
    GROW(t->mcids, t->nmcids, t->mcids_cap);
    t->mcids[t->nmcids++] = (mcid_owner){page, mcid, n};
}

void ebi_tags_add_link(eb_tags *t, int n, size_t page, eb_pobj *annot) {
    element *e = get(t, n);
    if (!e || !annot) return;
    add_kid(e, (kid){.kind = KID_LINK, .page = page, .annot = annot});
    GROW(t->links, t->nlinks, t->links_cap);
    t->links[t->nlinks++] = (link_owner){annot, n};
}

/* ---- text (for the document's hash) ------------------------------------------------- */

static bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t'; }

void ebi_tags_note_text(eb_tags *t, int n, const eb_para *para, size_t line_index) {
    element *e = get(t, n);
    if (!e || !para || line_index >= para->nlines) return;
    const eb_line *line = &para->lines[line_index];
    size_t start = line->text_start < para->text_len ? line->text_start : para->text_len;
    size_t end = line->text_end < para->text_len ? line->text_end : para->text_len;
    if (end < start) end = start;
    /* the lines of one paragraph follow on; different texts (a label and
     * its value, a cell's items) are separated by a space */
    bool follows_on = e->last_para == para && e->last_end == start;
    if (!follows_on && e->text.len > 0 && !is_space(e->text.data[e->text.len - 1]) && end > start &&
        !is_space(para->text[start]))
        eb_buf_putc(&e->text, ' ');
    eb_buf_append(&e->text, para->text + start, end - start);
    e->last_para = para;
    e->last_end = end;
}

void ebi_tags_hash(const eb_tags *t, eb_hash *h) {
    for (size_t i = 0; i < t->n; i++) {
        const element *e = &t->elements[i];
        ebi_hash_u32(h, (uint32_t)e->parent);
        const char *fields[] = {e->type, e->lang, e->alt, e->scope, e->list_numbering};
        for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) ebi_hash_str(h, fields[f]);
        ebi_hash_bytes(h, e->text.data ? e->text.data : "", e->text.len);
    }
}

/* ---- writing ------------------------------------------------------------------------ */

/* A UTF-8 text as a PDF text string (UTF-16BE with a byte order mark),
 * cut at a character boundary if it would pass the string limit
 * (EB_POBJ_MAX_STRING, pdf_object.h). */
static bool put_text(eb_pdoc *d, eb_pobj *o, const char *key, const char *utf8, size_t len) {
    uint8_t *u;
    size_t n;
    ebi_utf8_to_utf16be(utf8, len, true, &u, &n);
    const size_t limit = 65534;
    if (n > limit) {
        n = limit;
        if (u[n - 2] >= 0xD8 && u[n - 2] <= 0xDB) n -= 2; /* half a surrogate pair */
    }
    bool ok = ebi_pdoc_put_bytes(d, o, key, u, n);
    free(u);
    return ok;
}

/* Marks the elements with content somewhere below them. Children come
 * after their parents. */
static void mark_live(eb_tags *t) {
    for (size_t i = t->n; i-- > 0;) {
        element *e = &t->elements[i];
        e->live = false;
        for (size_t k = 0; k < e->nkids; k++) {
            const kid *c = &e->kids[k];
            if (c->kind != KID_ELEMENT) {
                e->live = true;
                continue;
            }
            const element *child = get(t, c->value);
            e->live = e->live || child->live;
        }
    }
}

/* The page of the element's first content of its own, if any. */
static bool first_page(const element *e, size_t *page) {
    for (size_t k = 0; k < e->nkids; k++)
        if (e->kids[k].kind != KID_ELEMENT) {
            *page = e->kids[k].page;
            return true;
        }
    return false;
}

static bool write_attributes(eb_pdoc *d, const element *e) {
    if (!e->scope && !e->list_numbering) return true;
    eb_pobj *a = ebi_pdoc_new_dict(d, false);
    bool ok = a != NULL;
    if (e->scope)
        ok = ok && ebi_pdoc_put_name(d, a, "O", "Table") && ebi_pdoc_put_name(d, a, "Scope", e->scope);
    else
        ok = ok && ebi_pdoc_put_name(d, a, "O", "List") &&
             ebi_pdoc_put_name(d, a, "ListNumbering", e->list_numbering);
    return ok && ebi_pdoc_put_obj(d, e->obj, "A", a);
}

/* /K: MCIDs on the element's page as numbers, on other pages as marked-
 * content references, links as object references, children by reference. */
static eb_pobj *kids_array(eb_tags *t, eb_pdoc *d, const element *e, bool has_page, size_t pg,
                               eb_pdoc_page *const *pages) {
    eb_pobj *k = ebi_pdoc_new_array(d);
    bool ok = k != NULL;
    for (size_t i = 0; ok && i < e->nkids; i++) {
        const kid *c = &e->kids[i];
        if (c->kind == KID_ELEMENT) {
            const element *child = get(t, c->value);
            if (child->live) ok = ebi_pdoc_put_obj(d, k, NULL, child->obj);
        } else if (c->kind == KID_MCID && has_page && c->page == pg) {
            ok = ebi_pdoc_put_int(d, k, NULL, c->value);
        } else {
            eb_pobj *ref = ebi_pdoc_new_dict(d, false);
            bool mcr = c->kind == KID_MCID;
            ok = ref && ebi_pdoc_put_name(d, ref, "Type", mcr ? "MCR" : "OBJR") &&
                 ebi_pdoc_put_obj(d, ref, "Pg", ebi_pdoc_page_dict(pages[c->page])) &&
                 (mcr ? ebi_pdoc_put_int(d, ref, "MCID", c->value)
                      : ebi_pdoc_put_obj(d, ref, "Obj", c->annot)) &&
                 ebi_pdoc_put_obj(d, k, NULL, ref);
        }
    }
    return ok ? k : NULL;
}

static bool is_bidi_control(uint32_t cp) {
    return cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

/* Hebrew, Arabic and their presentation forms: the strong right-to-left
 * blocks the briefs can hold. */
static bool is_right_to_left(uint32_t cp) {
    return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
}

static bool has_right_to_left(const eb_buf *text) {
    for (size_t i = 0; i < text->len;) {
        uint32_t cp;
        size_t n = eb_utf8_decode(text->data + i, text->len - i, &cp);
        if (n == 0) return false;
        if (is_right_to_left(cp)) return true;
        i += n;
    }
    return false;
}

static bool has_element_kids(const element *e) {
    for (size_t i = 0; i < e->nkids; i++)
        if (e->kids[i].kind == KID_ELEMENT) return true;
    return false;
}

static bool put_actual_text(eb_pdoc *d, eb_pobj *o, const eb_buf *text) {
    eb_buf plain = {0};
    for (size_t i = 0; i < text->len;) {
        uint32_t cp;
        size_t n = eb_utf8_decode(text->data + i, text->len - i, &cp);
        if (n == 0) n = 1;
        else if (!is_bidi_control(cp)) eb_buf_append(&plain, text->data + i, n);
        i += n;
    }
    bool ok = put_text(d, o, "ActualText", plain.data ? plain.data : "", plain.len);
    eb_buf_destroy(&plain);
    return ok;
}

static bool write_element(eb_tags *t, eb_pdoc *d, element *e, eb_pdoc_page *const *pages) {
    eb_pobj *parent = e->parent ? get(t, e->parent)->obj : t->root;
    size_t pg = 0;
    bool has_page = first_page(e, &pg);
    bool ok = ebi_pdoc_put_name(d, e->obj, "Type", "StructElem") &&
              ebi_pdoc_put_name(d, e->obj, "S", e->type) && ebi_pdoc_put_obj(d, e->obj, "P", parent);
    if (ok && has_page) ok = ebi_pdoc_put_obj(d, e->obj, "Pg", ebi_pdoc_page_dict(pages[pg]));
    if (ok && e->lang) ok = ebi_pdoc_put_ascii(d, e->obj, "Lang", e->lang);
    if (ok && e->alt) ok = put_text(d, e->obj, "Alt", e->alt, strlen(e->alt));
    /* /ActualText stands for an element and all below it: only on leaves */
    if (ok && !has_element_kids(e) && has_right_to_left(&e->text)) ok = put_actual_text(d, e->obj, &e->text);
    ok = ok && write_attributes(d, e);
    eb_pobj *k = ok ? kids_array(t, d, e, has_page, pg, pages) : NULL;
    return k && ebi_pdoc_put_obj(d, e->obj, "K", k);
}

static int compare_owner(const void *a, const void *b) {
    const mcid_owner *x = a, *y = b;
    if (x->page != y->page) return x->page < y->page ? -1 : 1;
    if (x->mcid != y->mcid) return x->mcid < y->mcid ? -1 : 1;
    return (x->element > y->element) - (x->element < y->element);
}

/* The parent tree: for each page with marked content, the array of its
 * elements indexed by MCID (null where an MCID is not an element's); for
 * each link, its element. Keys: page index, then npages + link index. */
static bool write_parent_tree(eb_tags *t, eb_pdoc *d, eb_pdoc_page *const *pages, size_t npages) {
    mcid_owner *sorted = eb_xmalloc((t->nmcids + 1) * sizeof *sorted);
    if (t->nmcids) memcpy(sorted, t->mcids, t->nmcids * sizeof *sorted);
    qsort(sorted, t->nmcids, sizeof *sorted, compare_owner);
    eb_pobj *tree = ebi_pdoc_new_dict(d, false);
    eb_pobj *nums = ebi_pdoc_new_array(d);
    bool ok = tree && nums && ebi_pdoc_put_obj(d, tree, "Nums", nums);
    for (size_t i = 0; ok && i < t->nmcids;) {
        size_t page = sorted[i].page;
        eb_pobj *by_mcid = ebi_pdoc_new_array(d);
        ok = by_mcid && page < npages && ebi_pdoc_put_int(d, nums, NULL, (int)page) &&
             ebi_pdoc_put_obj(d, nums, NULL, by_mcid) &&
             ebi_pdoc_put_int(d, ebi_pdoc_page_dict(pages[page]), "StructParents", (int)page);
        for (int next = 0; ok && i < t->nmcids && sorted[i].page == page; i++) {
            if (sorted[i].mcid < next) continue; /* the same MCID twice: the first owner */
            for (; ok && next < sorted[i].mcid; next++) ok = ebi_pdoc_put_null(d, by_mcid, NULL);
            ok = ok && ebi_pdoc_put_obj(d, by_mcid, NULL, get(t, sorted[i].element)->obj);
            next = sorted[i].mcid + 1;
        }
    }
    free(sorted);
    for (size_t j = 0; ok && j < t->nlinks; j++) {
        int key = (int)(npages + j);
        ok = ebi_pdoc_put_int(d, t->links[j].annot, "StructParent", key) &&
             ebi_pdoc_put_int(d, nums, NULL, key) &&
             ebi_pdoc_put_obj(d, nums, NULL, get(t, t->links[j].element)->obj);
    }
    return ok && ebi_pdoc_put_obj(d, t->root, "ParentTree", tree) &&
           ebi_pdoc_put_int(d, t->root, "ParentTreeNextKey", (int)(npages + t->nlinks));
}

bool ebi_tags_write(eb_tags *t, eb_pdoc *d, eb_pdoc_page *const *pages, size_t npages) {
    if (t->n == 0) return true;
    if (npages + t->nlinks > 0x7FFFFFFF) return false;
    mark_live(t);
    if (!t->root) t->root = ebi_pdoc_new_dict(d, true);
    bool ok = t->root && ebi_pdoc_put_name(d, t->root, "Type", "StructTreeRoot");
    /* every live element gets its object first: kids refer to them */
    for (size_t i = 0; ok && i < t->n; i++) {
        element *e = &t->elements[i];
        if (e->live && !e->obj) e->obj = ebi_pdoc_new_dict(d, true);
        ok = !e->live || e->obj != NULL;
    }
    for (size_t i = 0; ok && i < t->n; i++)
        if (t->elements[i].live) ok = write_element(t, d, &t->elements[i], pages);
    eb_pobj *k = ok ? ebi_pdoc_new_array(d) : NULL;
    for (size_t i = 0; k && ok && i < t->nroot; i++) {
        const element *e = get(t, t->root_kids[i]);
        if (e->live) ok = ebi_pdoc_put_obj(d, k, NULL, e->obj);
    }
    ok = ok && k && ebi_pdoc_put_obj(d, t->root, "K", k) && write_parent_tree(t, d, pages, npages);
    /* tab order follows the structure on every page (PDF/UA, for links) */
    for (size_t p = 0; ok && p < npages; p++) ok = ebi_pdoc_put_name(d, ebi_pdoc_page_dict(pages[p]), "Tabs", "S");
    eb_pobj *mark_info = ok ? ebi_pdoc_new_dict(d, false) : NULL;
    eb_pobj *catalog = ebi_pdoc_catalog(d);
    return mark_info && ebi_pdoc_put_bool(d, mark_info, "Marked", true) &&
           ebi_pdoc_put_obj(d, catalog, "MarkInfo", mark_info) &&
           ebi_pdoc_put_obj(d, catalog, "StructTreeRoot", t->root);
}
