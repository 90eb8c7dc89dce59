/* Reads one review file into an eb_review, checking it against the input
 * format: the schema rules (fields, types, bounds) and the cross-references
 * (indication ids, reference numbers, unique ids). */
#include "review.h"

#include <string.h>
#include <strings.h>

#include "fields.h"

/* Limits far above any real review, low enough that a brief stays a brief
 * and a mistaken or hostile file is refused with a message instead of
 * tying up a build for minutes. Mirrored in inputs/schema/review.schema.json. */
enum { EB_MAX_ITEMS = 1000, EB_MAX_TABLE_ROWS = 2000, EB_MAX_REFERENCES = 5000 };

static const char *const level_names[] = {"in_vitro", "animal", "human_trial", "systematic_review", "expert_opinion"};
static const char *const kind_names[] = {"narrative_review", "literature_review", "systematic_review", "web_evidence_summary"};
static const char *const statement_names[] = {"conclusion", "limitation", "safety", "regulatory", "gap"};
static const char *const lang_names[] = {"fa", "en", "zh-Hans"};

typedef struct {
    eb_reader r;
    const eb_corpus *corpus;
    eb_review *review;
    const cJSON *references_node;
} review_reader;

/* ---- lists of ids and numbers ------------------------------------------------- */

static const char **indication_ids(const eb_corpus *corpus) {
    const char **ids = eb_arena_array(corpus->arena, corpus->nindications + 1, sizeof *ids);
    for (size_t i = 0; i < corpus->nindications; i++) ids[i] = corpus->indications[i].id;
    return ids;
}

/* The indication listing a condition of this name ("acne" is a condition of
 * inflammatory-skin-disease), compared case-insensitively in English. */
static const eb_indication *indication_with_condition(const eb_corpus *corpus, const char *name) {
    for (size_t i = 0; i < corpus->nindications; i++) {
        const eb_indication *ind = &corpus->indications[i];
        for (size_t c = 0; c < ind->nconditions; c++) {
            const char *en = ind->conditions[c].s[EB_LANG_EN];
            size_t n = strlen(name);
            if (!en || n < 3) continue;
            for (const char *p = en; *p; p++)
                if (strncasecmp(p, name, n) == 0) return ind;
        }
    }
    return NULL;
}

static void read_indication_list(review_reader *rr, const cJSON *obj, size_t min_items,
                                 eb_index_list *out) {
    eb_reader *r = &rr->r;
    size_t n = 0;
    const cJSON *item = eb_read_array(r, obj, "indications", min_items, 50, &n);
    if (min_items && !cJSON_GetObjectItemCaseSensitive(obj, "indications")) return;
    out->items = eb_arena_array(r->arena, n, sizeof *out->items);
    size_t mark = eb_path_push_key(r, "indications");
    for (size_t i = 0; item; item = item->next, i++) {
        size_t m = eb_path_push_index(r, i);
        if (eb_check_string(r, item, 64)) {
            long index = eb_corpus_find_indication(rr->corpus, item->valuestring);
            if (index >= 0 && eb_index_list_has(out, (size_t)index)) {
                eb_reader_error(r, item, false, "indication \"%s\" is listed twice", item->valuestring);
            } else if (index >= 0) {
                out->items[out->n++] = (size_t)index;
            } else {
                const char *hint = eb_closest(item->valuestring, indication_ids(rr->corpus),
                                              rr->corpus->nindications);
                const eb_indication *parent = indication_with_condition(rr->corpus, item->valuestring);
                if (parent)
                    eb_reader_error(r, item, false, "unknown indication \"%s\"; it is a condition of \"%s\"",
                                    item->valuestring, parent->id);
                else if (hint)
                    eb_reader_error(r, item, false, "unknown indication \"%s\"; did you mean \"%s\"?",
                                    item->valuestring, hint);
                else
                    eb_reader_error(r, item, false, "unknown indication \"%s\" (not in %s)",
                                    item->valuestring, rr->corpus->indications_file);
            }
        }
        eb_path_pop(r, m);
    }
    eb_path_pop(r, mark);
}

static bool reference_exists(const review_reader *rr, int n) {
    for (const cJSON *ref = rr->references_node ? rr->references_node->child : NULL; ref; ref = ref->next) {
        const cJSON *num = cJSON_GetObjectItemCaseSensitive(ref, "n");
        if (cJSON_IsNumber(num) && num->valuedouble == (double)n) return true;
    }
    return false;
}

static void read_refs(review_reader *rr, const cJSON *obj, eb_ref_list *out) {
    eb_reader *r = &rr->r;
    size_t n = 0;
    const cJSON *item = eb_read_array(r, obj, "refs", 0, 500, &n);
    out->items = eb_arena_array(r->arena, n, sizeof *out->items);
    size_t mark = eb_path_push_key(r, "refs");
    for (size_t i = 0; item; item = item->next, i++) {
        size_t m = eb_path_push_index(r, i);
        /* range first: casting a double beyond int's range is undefined */
        if (!cJSON_IsNumber(item) || !(item->valuedouble >= 1 && item->valuedouble <= 10000) ||
            item->valuedouble != (double)(int)item->valuedouble) {
            eb_reader_error(r, item, false, "expected a reference number from 1 to 10000, found %s",
                            cJSON_IsNumber(item) ? "another number" : eb_json_type_name(item));
        } else if (!reference_exists(rr, (int)item->valuedouble)) {
            eb_reader_error(r, item, false, "reference %d is not in this review's \"references\"",
                            (int)item->valuedouble);
        } else {
            out->items[out->n++] = (int)item->valuedouble;
        }
        eb_path_pop(r, m);
    }
    eb_path_pop(r, mark);
}

/* Ids must be unique within a review, across findings, studies, statements
 * and tables, so that a brief can point at any of them unambiguously. */
static void check_unique_id(review_reader *rr, const cJSON *obj, const char *id,
                            const char **seen, size_t nseen) {
    for (size_t i = 0; i < nseen; i++) {
        if (seen[i] && strcmp(seen[i], id) == 0) {
            size_t mark = eb_path_push_key(&rr->r, "id");
            eb_reader_error(&rr->r, cJSON_GetObjectItemCaseSensitive(obj, "id"), false,
                            "duplicate id \"%s\" in this review", id);
            eb_path_pop(&rr->r, mark);
            return;
        }
    }
}

typedef struct {
    const char **ids;
    size_t n, cap;
} id_set;

static void note_id(review_reader *rr, id_set *set, const cJSON *obj, const char *id) {
    if (!id) return;
    check_unique_id(rr, obj, id, set->ids, set->n);
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 32;
        const char **ids = eb_arena_array(rr->r.arena, cap, sizeof *ids);
        if (set->n) memcpy(ids, set->ids, set->n * sizeof *ids);
        set->ids = ids;
        set->cap = cap;
    }
    set->ids[set->n++] = id;
}

/* ---- the parts of a review ----------------------------------------------------------- */

/* Calls read_one for every element of an array member, with the path set. */
typedef void (*item_reader)(review_reader *rr, const cJSON *item, size_t index, id_set *ids);

static size_t read_items(review_reader *rr, const cJSON *obj, const char *name, size_t min_items,
                         size_t max_items, item_reader read_one, id_set *ids) {
    size_t n = 0;
    const cJSON *item = eb_read_array(&rr->r, obj, name, min_items, max_items, &n);
    size_t mark = eb_path_push_key(&rr->r, name);
    for (size_t i = 0; item; item = item->next, i++) {
        size_t m = eb_path_push_index(&rr->r, i);
        read_one(rr, item, i, ids);
        eb_path_pop(&rr->r, m);
    }
    eb_path_pop(&rr->r, mark);
    return n;
}

static void read_finding(review_reader *rr, const cJSON *item, size_t index, id_set *ids) {
    static const char *const allowed[] = {"id", "indications", "text", "level", "design", "refs", NULL};
    static const char *const required[] = {"id", "indications", "text", "level", NULL};
    eb_reader *r = &rr->r;
    eb_finding *f = &rr->review->findings[index];
    if (!eb_read_object(r, item, allowed, required)) return;
    eb_read_slug(r, item, "id", &f->id);
    note_id(rr, ids, item, f->id);
    read_indication_list(rr, item, 1, &f->indications);
    if (eb_read_text(r, item, "text", &f->text) && !eb_text_empty(&f->text) && !f->text.s[EB_LANG_EN]) {
        size_t mark = eb_path_push_key(r, "text");
        eb_reader_error(r, cJSON_GetObjectItemCaseSensitive(item, "text"), false,
                        "missing \"en\": every finding needs an English rendering");
        eb_path_pop(r, mark);
    }
    int level = 0;
    eb_read_enum(r, item, "level", level_names, EB_LEVEL_COUNT, &level);
    f->level = (eb_level)level;
    eb_read_text(r, item, "design", &f->design);
    read_refs(rr, item, &f->refs);
}

static void read_study(review_reader *rr, const cJSON *item, size_t index, id_set *ids) {
    static const char *const allowed[] = {"id", "indications", "design", "n", "age_range", "source",
                                          "derivative", "delivery", "frequency", "follow_up",
                                          "outcomes", "adverse_events", "refs", NULL};
    static const char *const required[] = {"id", "indications", NULL};
    eb_reader *r = &rr->r;
    eb_human_study *s = &rr->review->human_studies[index];
    if (!eb_read_object(r, item, allowed, required)) return;
    eb_read_slug(r, item, "id", &s->id);
    note_id(rr, ids, item, s->id);
    read_indication_list(rr, item, 1, &s->indications);
    eb_read_text(r, item, "design", &s->design);
    eb_read_int(r, item, "n", 1, 10000000, &s->n);
    struct { const char *name; eb_text *field; } texts[] = {
        {"age_range", &s->age_range}, {"source", &s->source}, {"derivative", &s->derivative},
        {"delivery", &s->delivery}, {"frequency", &s->frequency}, {"follow_up", &s->follow_up},
        {"outcomes", &s->outcomes}, {"adverse_events", &s->adverse_events}};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        eb_read_text(r, item, texts[i].name, texts[i].field);
    read_refs(rr, item, &s->refs);
}

static void read_statement(review_reader *rr, const cJSON *item, size_t index, id_set *ids) {
    static const char *const allowed[] = {"id", "kind", "indications", "text", "refs", NULL};
    static const char *const required[] = {"id", "kind", "text", NULL};
    eb_reader *r = &rr->r;
    eb_statement *s = &rr->review->statements[index];
    if (!eb_read_object(r, item, allowed, required)) return;
    eb_read_slug(r, item, "id", &s->id);
    note_id(rr, ids, item, s->id);
    int kind = 0;
    eb_read_enum(r, item, "kind", statement_names, EB_STATEMENT_COUNT, &kind);
    s->kind = (eb_statement_kind)kind;
    read_indication_list(rr, item, 0, &s->indications);
    eb_read_text(r, item, "text", &s->text);
    read_refs(rr, item, &s->refs);
}

static void read_cell(review_reader *rr, const cJSON *node, eb_cell *cell) {
    eb_reader *r = &rr->r;
    if (cJSON_IsArray(node)) {
        size_t n = (size_t)cJSON_GetArraySize(node);
        if (n == 0 || n > 100) {
            eb_reader_error(r, node, false, "a list cell needs 1 to 100 items, found %zu", n);
            return;
        }
        cell->items = eb_arena_array(r->arena, n, sizeof *cell->items);
        cell->is_list = true;
        size_t i = 0;
        for (const cJSON *item = node->child; item; item = item->next, i++) {
            size_t m = eb_path_push_index(r, i);
            if (eb_check_string(r, item, EB_LONG_STRING))
                cell->items[cell->n++] = eb_arena_strdup(r->arena, item->valuestring);
            eb_path_pop(r, m);
        }
    } else if (cJSON_IsString(node)) {
        if (!eb_check_string(r, node, EB_LONG_STRING)) return;
        cell->items = eb_arena_array(r->arena, 1, sizeof *cell->items);
        cell->items[0] = eb_arena_strdup(r->arena, node->valuestring);
        cell->n = 1;
    } else {
        eb_reader_error(r, node, false, "a cell is a string or a list of strings, found %s",
                        eb_json_type_name(node));
    }
}

static const char **read_header(review_reader *rr, const cJSON *table, const char *name, size_t *ncols) {
    eb_string_list list = {0};
    if (!eb_read_string_list(&rr->r, table, name, 30, EB_LONG_STRING, &list)) return NULL;
    if (list.n == 0 && cJSON_GetObjectItemCaseSensitive(table, name)) {
        size_t mark = eb_path_push_key(&rr->r, name);
        eb_reader_error(&rr->r, cJSON_GetObjectItemCaseSensitive(table, name), false, "a header needs at least one cell");
        eb_path_pop(&rr->r, mark);
    }
    *ncols = list.n;
    return list.n ? list.items : NULL;
}

static void read_rows(review_reader *rr, const cJSON *item, eb_table *t) {
    eb_reader *r = &rr->r;
    size_t nrows = 0;
    const cJSON *row = eb_read_array(r, item, "rows", 1, EB_MAX_TABLE_ROWS, &nrows);
    if (!t->ncols) return;
    t->cells = eb_arena_array(r->arena, nrows * t->ncols, sizeof *t->cells);
    size_t mark = eb_path_push_key(r, "rows");
    for (size_t i = 0; row; row = row->next, i++) {
        size_t m = eb_path_push_index(r, i);
        size_t ncells = cJSON_IsArray(row) ? (size_t)cJSON_GetArraySize(row) : 0;
        if (!cJSON_IsArray(row)) {
            eb_reader_error(r, row, false, "a row is an array of cells, found %s", eb_json_type_name(row));
        } else if (ncells != t->ncols) {
            eb_reader_error(r, row, false, "row has %zu cell(s) but the header has %zu", ncells, t->ncols);
        } else {
            size_t j = 0;
            for (const cJSON *cell = row->child; cell; cell = cell->next, j++) {
                size_t mc = eb_path_push_index(r, j);
                read_cell(rr, cell, &t->cells[i * t->ncols + j]);
                eb_path_pop(r, mc);
            }
        }
        eb_path_pop(r, m);
    }
    eb_path_pop(r, mark);
    t->nrows = nrows;
}

static void read_table(review_reader *rr, const cJSON *item, size_t index, id_set *ids) {
    static const char *const allowed[] = {"id", "number", "indications", "caption", "header",
                                          "header_en", "rows", "refs", NULL};
    static const char *const required[] = {"id", "caption", "header", "rows", NULL};
    eb_reader *r = &rr->r;
    eb_table *t = &rr->review->tables[index];
    if (!eb_read_object(r, item, allowed, required)) return;
    eb_read_slug(r, item, "id", &t->id);
    note_id(rr, ids, item, t->id);
    eb_read_string(r, item, "number", EB_SHORT_STRING, &t->number);
    read_indication_list(rr, item, 0, &t->indications);
    eb_read_text(r, item, "caption", &t->caption);
    t->header = read_header(rr, item, "header", &t->ncols);
    size_t nen = 0;
    t->header_en = read_header(rr, item, "header_en", &nen);
    if (t->header_en && nen != t->ncols) {
        size_t mark = eb_path_push_key(r, "header_en");
        eb_reader_error(r, cJSON_GetObjectItemCaseSensitive(item, "header_en"), false,
                        "header_en has %zu cells but header has %zu", nen, t->ncols);
        eb_path_pop(r, mark);
    }
    read_rows(rr, item, t);
    read_refs(rr, item, &t->refs);
}

static void read_reference(review_reader *rr, const cJSON *item, size_t index, id_set *ids) {
    static const char *const allowed[] = {"n", "text", "doi", "pmid", "url", NULL};
    static const char *const required[] = {"n", "text", NULL};
    (void)ids;
    eb_reader *r = &rr->r;
    eb_reference *ref = &rr->review->references[index];
    if (!eb_read_object(r, item, allowed, required)) return;
    eb_read_int(r, item, "n", 1, 10000, &ref->n);
    for (size_t i = 0; ref->n && i < index; i++) {
        if (rr->review->references[i].n == ref->n) {
            size_t mark = eb_path_push_key(r, "n");
            eb_reader_error(r, cJSON_GetObjectItemCaseSensitive(item, "n"), false,
                            "reference number %d appears twice", ref->n);
            eb_path_pop(r, mark);
        }
    }
    eb_read_string(r, item, "text", EB_LONG_STRING, &ref->text);
    eb_read_doi(r, item, "doi", &ref->doi);
    eb_read_string(r, item, "pmid", 9, &ref->pmid);
    if (ref->pmid && strspn(ref->pmid, "0123456789") != strlen(ref->pmid)) {
        size_t mark = eb_path_push_key(r, "pmid");
        eb_reader_error(r, cJSON_GetObjectItemCaseSensitive(item, "pmid"), false,
                        "a PMID is 1 to 9 digits, found \"%s\"", ref->pmid);
        eb_path_pop(r, mark);
    }
    eb_read_url(r, item, "url", &ref->url);
}

/* Sizes an item array before reading it; an array over its limit is read as
 * empty (eb_read_array reports it). */
static size_t array_length(const cJSON *root, const char *name, size_t max) {
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, name);
    size_t n = cJSON_IsArray(arr) ? (size_t)cJSON_GetArraySize(arr) : 0;
    return n > max ? 0 : n;
}

#define ALLOCATE_ITEMS(rr, root, name, max, field, count)                              \
    do {                                                                               \
        (rr)->review->count = array_length(root, name, max);                           \
        (rr)->review->field = eb_arena_array((rr)->r.arena, (rr)->review->count,       \
                                             sizeof *(rr)->review->field);             \
    } while (0)

/* ---- bibliographic part ------------------------------------------------------------------ */

static void read_author(review_reader *rr, const cJSON *item, size_t index, id_set *ids) {
    static const char *const allowed[] = {"name", "latin", NULL};
    static const char *const required[] = {"name", NULL};
    (void)ids;
    eb_author *a = &rr->review->authors[index];
    if (!eb_read_object(&rr->r, item, allowed, required)) return;
    eb_read_string(&rr->r, item, "name", EB_SHORT_STRING, &a->name);
    eb_read_string(&rr->r, item, "latin", EB_SHORT_STRING, &a->latin);
}

static void read_affiliation(review_reader *rr, const cJSON *item, size_t index, id_set *ids) {
    (void)ids;
    eb_read_text_node(&rr->r, item, &rr->review->affiliations[index]);
}

static void read_scope(review_reader *rr, const cJSON *root) {
    static const char *const allowed[] = {"databases", "terms", "from_year", "to_year",
                                          "restrictions", "references_reviewed", NULL};
    eb_reader *r = &rr->r;
    eb_scope *scope = &rr->review->scope;
    scope->references_reviewed = -1;
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(root, "scope");
    if (!node) return;
    size_t mark = eb_path_push_key(r, "scope");
    if (eb_read_object(r, node, allowed, NULL)) {
        eb_read_string_list(r, node, "databases", 50, EB_SHORT_STRING, &scope->databases);
        eb_read_string_list(r, node, "terms", 100, EB_SHORT_STRING, &scope->terms);
        eb_read_int(r, node, "from_year", 1900, 2100, &scope->from_year);
        eb_read_int(r, node, "to_year", 1900, 2100, &scope->to_year);
        eb_read_text(r, node, "restrictions", &scope->restrictions);
        eb_read_int(r, node, "references_reviewed", 0, 100000, &scope->references_reviewed);
        if (scope->from_year && scope->to_year && scope->from_year > scope->to_year) {
            size_t m = eb_path_push_key(r, "to_year");
            eb_reader_error(r, cJSON_GetObjectItemCaseSensitive(node, "to_year"), false,
                            "to_year %d is before from_year %d", scope->to_year, scope->from_year);
            eb_path_pop(r, m);
        }
    }
    eb_path_pop(r, mark);
}

static void read_dates(review_reader *rr, const cJSON *root) {
    static const char *const allowed[] = {"received", "accepted", "published", "updated", NULL};
    eb_reader *r = &rr->r;
    eb_review *rv = rr->review;
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(root, "dates");
    if (!node) return;
    size_t mark = eb_path_push_key(r, "dates");
    if (eb_read_object(r, node, allowed, NULL)) {
        eb_read_date(r, node, "received", &rv->received);
        eb_read_date(r, node, "accepted", &rv->accepted);
        eb_read_date(r, node, "published", &rv->published);
        eb_read_date(r, node, "updated", &rv->updated);
    }
    eb_path_pop(r, mark);
}

static void read_license(review_reader *rr, const cJSON *root) {
    static const char *const allowed[] = {"name", "url", NULL};
    static const char *const required[] = {"name", NULL};
    eb_reader *r = &rr->r;
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(root, "license");
    if (!node) return;
    size_t mark = eb_path_push_key(r, "license");
    if (eb_read_object(r, node, allowed, required)) {
        eb_read_string(r, node, "name", EB_SHORT_STRING, &rr->review->license_name);
        eb_read_url(r, node, "url", &rr->review->license_url);
    }
    eb_path_pop(r, mark);
}

static void read_bibliography(review_reader *rr, const cJSON *root) {
    eb_reader *r = &rr->r;
    eb_review *rv = rr->review;
    eb_read_text(r, root, "title", &rv->title);
    ALLOCATE_ITEMS(rr, root, "authors", 100, authors, nauthors);
    read_items(rr, root, "authors", 1, 100, read_author, NULL);
    ALLOCATE_ITEMS(rr, root, "affiliations", 50, affiliations, naffiliations);
    read_items(rr, root, "affiliations", 0, 50, read_affiliation, NULL);
    eb_read_text(r, root, "journal", &rv->journal);
    eb_read_text(r, root, "publisher", &rv->publisher);
    eb_read_int(r, root, "year", 1900, 2100, &rv->year);
    eb_read_string(r, root, "volume", EB_SHORT_STRING, &rv->volume);
    eb_read_string(r, root, "issue", EB_SHORT_STRING, &rv->issue);
    eb_read_string(r, root, "pages", EB_SHORT_STRING, &rv->pages);
    eb_read_doi(r, root, "doi", &rv->doi);
    eb_read_url(r, root, "url", &rv->url);
    read_dates(rr, root);
    read_license(rr, root);
}

/* ---- the whole file ----------------------------------------------------------------------- */

static void read_body(review_reader *rr, const cJSON *root) {
    eb_reader *r = &rr->r;
    eb_review *rv = rr->review;
    int kind = 0;
    eb_read_enum(r, root, "kind", kind_names, EB_KIND_COUNT, &kind);
    rv->kind = (eb_review_kind)kind;
    eb_read_text(r, root, "own_rating", &rv->own_rating);
    read_scope(rr, root);
    eb_read_text(r, root, "abstract", &rv->abstract);

    id_set ids = {0};
    ALLOCATE_ITEMS(rr, root, "references", EB_MAX_REFERENCES, references, nreferences);
    read_items(rr, root, "references", 0, EB_MAX_REFERENCES, read_reference, &ids);
    rr->references_node = cJSON_GetObjectItemCaseSensitive(root, "references");
    ALLOCATE_ITEMS(rr, root, "findings", EB_MAX_ITEMS, findings, nfindings);
    read_items(rr, root, "findings", 1, EB_MAX_ITEMS, read_finding, &ids);
    ALLOCATE_ITEMS(rr, root, "human_studies", EB_MAX_ITEMS, human_studies, nhuman_studies);
    read_items(rr, root, "human_studies", 0, EB_MAX_ITEMS, read_study, &ids);
    ALLOCATE_ITEMS(rr, root, "statements", EB_MAX_ITEMS, statements, nstatements);
    read_items(rr, root, "statements", 0, EB_MAX_ITEMS, read_statement, &ids);
    ALLOCATE_ITEMS(rr, root, "tables", 100, tables, ntables);
    read_items(rr, root, "tables", 0, 100, read_table, &ids);
}

static void read_language(review_reader *rr, const cJSON *root) {
    int lang = -1;
    if (eb_read_enum(&rr->r, root, "language", lang_names, EB_LANG_COUNT, &lang) && lang >= 0) {
        rr->review->language = (eb_lang)lang;
        rr->r.required_lang = lang;
    }
}

static void check_file_name(review_reader *rr, const cJSON *root, const char *file) {
    const char *id = rr->review->id;
    if (!id) return;
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t n = strlen(id);
    if (strncmp(base, id, n) != 0 || strcmp(base + n, ".json") != 0) {
        size_t mark = eb_path_push_key(&rr->r, "id");
        eb_reader_error(&rr->r, cJSON_GetObjectItemCaseSensitive(root, "id"), false,
                        "the file of review \"%s\" must be named %s.json", id, id);
        eb_path_pop(&rr->r, mark);
    }
}

bool eb_read_review(eb_json_doc *doc, const eb_corpus *corpus, eb_review *out, eb_diag *diag,
                    eb_arena *arena, const eb_text_check *check) {
    static const char *const allowed[] = {
        "$schema", "id", "seed", "language", "title", "authors", "affiliations", "journal",
        "publisher", "year", "volume", "issue", "pages", "doi", "url", "dates", "license",
        "kind", "own_rating", "scope", "abstract", "findings", "human_studies", "statements",
        "tables", "references", NULL};
    static const char *const required[] = {"id", "seed", "language", "year", "kind", "findings", NULL};
    review_reader rr = {.corpus = corpus, .review = out};
    eb_reader_init(&rr.r, doc, diag, arena);
    rr.r.check = check;
    *out = (eb_review){.file = eb_arena_strdup(arena, doc->file)};
    const char *schema = NULL;
    if (eb_read_object(&rr.r, doc->root, allowed, required)) {
        eb_read_string(&rr.r, doc->root, "$schema", EB_SHORT_STRING, &schema);
        eb_read_slug(&rr.r, doc->root, "id", &out->id);
        check_file_name(&rr, doc->root, doc->file);
        eb_read_string(&rr.r, doc->root, "seed", 200, &out->seed);
        read_language(&rr, doc->root);
        read_bibliography(&rr, doc->root);
        read_body(&rr, doc->root);
    }
    bool ok = rr.r.errors == 0 && doc->errors == 0;
    eb_reader_free(&rr.r);
    return ok;
}
