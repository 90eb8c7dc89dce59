/* Reads one review file into an eb_review, checking it against the input
 * format: the schema rules (fields, types, bounds) and the cross-references
 * (indication ids, reference numbers, unique ids). */
#include "review.h"

#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "fields.h"
#include "numbers.h"

/* Limits far above any real review, low enough that a brief stays a brief
 * and a mistaken or hostile file is refused with a message instead of
 * tying up a build for minutes. Mirrored in inputs/schema/review.schema.json. */
enum { EB_MAX_ITEMS = 1000, EB_MAX_TABLE_ROWS = 2000, EB_MAX_REFERENCES = 5000 };

static const char *const level_names[] = {"in_vitro", "animal", "human_trial", "systematic_review",
                                          "expert_opinion", "background"};
static const char *const kind_names[] = {"narrative_review", "literature_review", "systematic_review", "web_evidence_summary"};
static const char *const statement_names[] = {"conclusion", "limitation", "safety", "regulatory", "gap"};
static const char *const lang_names[] = {"fa", "en", "zh-Hans", NULL};

/* The text fields a brief prints, per kind of item: each needs a rendering
 * in every language built, with the original's numbers. */
static const char *const finding_texts[] = {"text", "design", NULL};
static const char *const study_texts[] = {"cited_as", "design", "age_range", "source", "derivative",
                                          "delivery", "frequency", "follow_up", "outcomes",
                                          "adverse_events", NULL};
static const char *const statement_texts[] = {"text", NULL};
static const char *const table_texts[] = {"caption", "header", NULL};
static const char *const review_texts[] = {"text", NULL};
static const char *const scope_texts[] = {"restrictions", NULL};

/* A number_exceptions entry while the review is read. */
typedef struct {
    const cJSON *node;
    const char *item, *field;
    int lang;                  /* -1 when invalid */
    bool used;
} exception_entry;

typedef struct {
    eb_reader r;
    const eb_corpus *corpus;
    eb_review *review;
    const cJSON *root;
    const cJSON *references_node;
    unsigned rendering_langs;  /* EB_LANG_BIT()s */
    exception_entry *exceptions;
    size_t nexceptions;
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
    const cJSON *item = ebi_read_array(r, obj, "indications", min_items, 50, &n);
    if (min_items && !cJSON_GetObjectItemCaseSensitive(obj, "indications")) return;
    out->items = eb_arena_array(r->arena, n, sizeof *out->items);
    size_t mark = ebi_path_push_key(r, "indications");
    for (size_t i = 0; item; item = item->next, i++) {
        size_t m = ebi_path_push_index(r, i);
        if (ebi_check_string(r, item, 64)) {
            long index = eb_corpus_find_indication(rr->corpus, item->valuestring);
            if (index >= 0 && eb_index_list_has(out, (size_t)index)) {
                ebi_reader_error(r, item, false, "indication \"%s\" is listed twice", item->valuestring);
            } else if (index >= 0) {
                out->items[out->n++] = (size_t)index;
            } else {
                const char *hint = ebi_closest(item->valuestring, indication_ids(rr->corpus),
                                              rr->corpus->nindications);
                const eb_indication *parent = indication_with_condition(rr->corpus, item->valuestring);
                if (parent)
                    ebi_reader_error(r, item, false, "unknown indication \"%s\"; it is a condition of \"%s\"",
                                    item->valuestring, parent->id);
                else if (hint)
                    ebi_reader_error(r, item, false, "unknown indication \"%s\"; did you mean \"%s\"?",
                                    item->valuestring, hint);
                else
                    ebi_reader_error(r, item, false, "unknown indication \"%s\" (not in %s)",
                                    item->valuestring, rr->corpus->indications_file);
            }
        }
        ebi_path_pop(r, m);
    }
    ebi_path_pop(r, mark);
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
    const cJSON *item = ebi_read_array(r, obj, "refs", 0, 500, &n);
    out->items = eb_arena_array(r->arena, n, sizeof *out->items);
    size_t mark = ebi_path_push_key(r, "refs");
    for (size_t i = 0; item; item = item->next, i++) {
        size_t m = ebi_path_push_index(r, i);
        long number = 0;
        if (!ebi_whole_number(item, 1, 10000, &number)) {
            ebi_reader_error(r, item, false, "expected a reference number from 1 to 10000, found %s",
                            cJSON_IsNumber(item) ? "another number" : ebi_json_type_name(item));
        } else if (!reference_exists(rr, (int)number)) {
            ebi_reader_error(r, item, false, "reference %d is not in this review's \"references\"", (int)number);
        } else {
            out->items[out->n++] = (int)number;
        }
        ebi_path_pop(r, m);
    }
    ebi_path_pop(r, mark);
}

/* Ids must be unique within a review, across findings, studies, statements
 * and tables, so that a brief can point at any of them unambiguously. */
static void check_unique_id(review_reader *rr, const cJSON *obj, const char *id,
                            const char **seen, size_t nseen) {
    for (size_t i = 0; i < nseen; i++) {
        if (seen[i] && strcmp(seen[i], id) == 0) {
            size_t mark = ebi_path_push_key(&rr->r, "id");
            ebi_reader_error(&rr->r, cJSON_GetObjectItemCaseSensitive(obj, "id"), false,
                            "duplicate id \"%s\" in this review", id);
            ebi_path_pop(&rr->r, mark);
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
    const cJSON *item = ebi_read_array(&rr->r, obj, name, min_items, max_items, &n);
    size_t mark = ebi_path_push_key(&rr->r, name);
    for (size_t i = 0; item; item = item->next, i++) {
        size_t m = ebi_path_push_index(&rr->r, i);
        read_one(rr, item, i, ids);
        ebi_path_pop(&rr->r, m);
    }
    ebi_path_pop(&rr->r, mark);
    return n;
}

/* ---- renderings ------------------------------------------------------------------ */

static bool exception_covers(review_reader *rr, const char *item, const char *field, eb_lang lang) {
    for (size_t i = 0; item && i < rr->nexceptions; i++) {
        exception_entry *e = &rr->exceptions[i];
        if (e->item && e->field && e->lang == (int)lang && strcmp(e->item, item) == 0 &&
            strcmp(e->field, field) == 0) {
            e->used = true;
            return true;
        }
    }
    return false;
}

/* A rendering must carry the original's numbers: a changed dose, n or
 * percentage in a translation is the one error a reader cannot see. */
static void check_numbers(review_reader *rr, const cJSON *node, const char *original, const char *rendering,
                          const char *item, const char *field, eb_lang lang) {
    eb_numbers want, got;
    ebi_numbers_of(original, &want);
    ebi_numbers_of(rendering, &got);
    if (!ebi_numbers_equal(&want, &got) && !exception_covers(rr, item, field, lang)) {
        eb_buf missing = {0}, extra = {0}, msg = {0};
        ebi_numbers_missing(&want, &got, 10, &missing);
        ebi_numbers_missing(&got, &want, 10, &extra);
        if (missing.len) eb_buf_printf(&msg, "%s missing", eb_buf_cstr(&missing));
        if (extra.len) eb_buf_printf(&msg, "%s%s extra", missing.len ? ", " : "", eb_buf_cstr(&extra));
        ebi_reader_error(&rr->r, node, false,
                        "numbers differ from the original (\"%s\"): %s; correct the rendering, or list it "
                        "in \"number_exceptions\" with a reason",
                        lang_names[rr->review->language], eb_buf_cstr(&msg));
        eb_buf_destroy(&missing);
        eb_buf_destroy(&extra);
        eb_buf_destroy(&msg);
    }
    ebi_numbers_destroy(&want);
    ebi_numbers_destroy(&got);
}

/* Each language built but absent from `has` (a set of EB_LANG_BIT()s). */
static void missing_langs(const review_reader *rr, unsigned has, bool tags, eb_buf *out) {
    ebi_lang_list(rr->rendering_langs & ~has, tags, out);
}

/* A text object a brief prints (node is at the current path): a rendering
 * in every language built, each with the original's numbers. */
static void check_renderings(review_reader *rr, const cJSON *node, const eb_text *text, const char *item,
                             const char *field) {
    if (rr->r.required_lang < 0) return; /* no valid "language": no original to hold them to */
    eb_lang original = rr->review->language;
    unsigned has = EB_LANG_BIT(original);
    for (int l = 0; l < EB_LANG_COUNT; l++) has |= text->s[l] ? EB_LANG_BIT(l) : 0;
    eb_buf tags = {0}, briefs = {0};
    missing_langs(rr, has, true, &tags);
    missing_langs(rr, has, false, &briefs);
    if (tags.len)
        ebi_reader_error(&rr->r, node, false,
                        "missing %s: the %s briefs print this text; add a rendering written from the original",
                        eb_buf_cstr(&tags), eb_buf_cstr(&briefs));
    eb_buf_destroy(&tags);
    eb_buf_destroy(&briefs);
    for (int l = 0; l < EB_LANG_COUNT; l++) {
        if (l == (int)original || !text->s[l]) continue;
        size_t mark = ebi_path_push_key(&rr->r, lang_names[l]);
        check_numbers(rr, cJSON_GetObjectItemCaseSensitive(node, lang_names[l]), text->s[original], text->s[l],
                      item, field, (eb_lang)l);
        ebi_path_pop(&rr->r, mark);
    }
}

/* Reads member `name` of obj, a text a brief prints as `field` of `item`. */
static void read_printed(review_reader *rr, const cJSON *obj, const char *name, const char *item,
                         const char *field, eb_text *out) {
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!ebi_read_text(&rr->r, obj, name, out) || !node) return;
    size_t mark = ebi_path_push_key(&rr->r, name);
    check_renderings(rr, node, out, item, field);
    ebi_path_pop(&rr->r, mark);
}

/* ---- findings, studies, statements ----------------------------------------------------- */

/* A claim that cites nothing and describes no study rests on the review's
 * own word: it cannot be shown as stronger evidence than that. */
static void check_uncited_level(review_reader *rr, const cJSON *item, const eb_finding *f) {
    const cJSON *studies = cJSON_GetObjectItemCaseSensitive(item, "studies");
    bool has_studies = cJSON_IsArray(studies) && cJSON_GetArraySize(studies) > 0;
    if (f->refs.n || has_studies || f->level >= EB_LEVEL_EXPERT_OPINION) return;
    size_t mark = ebi_path_push_key(&rr->r, "level");
    ebi_reader_error(&rr->r, cJSON_GetObjectItemCaseSensitive(item, "level"), false,
                    "level \"%s\" for a claim with no \"refs\" and no \"studies\": an uncited claim is "
                    "\"expert_opinion\" (or \"background\"), unless the review describes the human study "
                    "it rests on (link it in \"studies\")",
                    level_names[f->level]);
    ebi_path_pop(&rr->r, mark);
}

static void read_finding(review_reader *rr, const cJSON *item, size_t index, id_set *ids) {
    static const char *const allowed[] = {"id", "indications", "text", "level", "design", "refs", "studies", NULL};
    static const char *const required[] = {"id", "indications", "text", "level", NULL};
    eb_reader *r = &rr->r;
    eb_finding *f = &rr->review->findings[index];
    if (!ebi_read_object(r, item, allowed, required)) return;
    ebi_read_slug(r, item, "id", &f->id);
    note_id(rr, ids, item, f->id);
    read_indication_list(rr, item, 1, &f->indications);
    read_printed(rr, item, "text", f->id, "text", &f->text);
    int level = 0;
    bool level_ok = ebi_read_enum(r, item, "level", level_names, EB_LEVEL_COUNT, &level);
    f->level = (eb_level)level;
    read_printed(rr, item, "design", f->id, "design", &f->design);
    size_t before = r->errors;
    read_refs(rr, item, &f->refs);
    /* with a bad reference number, the claim's citations are unknown */
    bool refs_ok = r->errors == before;
    if (level_ok && refs_ok && cJSON_GetObjectItemCaseSensitive(item, "level")) check_uncited_level(rr, item, f);
}

static bool is_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Whether a reference entry prints this DOI or PMID as a whole word (in
 * any case: DOIs are case-insensitive), so that 123 is not found in
 * 41234 nor 10.1/ab in 10.1/abc. */
static bool reference_mentions(const eb_reference *ref, const char *id) {
    if (!ref) return false;
    const char *fields[] = {ref->doi, ref->pmid, ref->text, ref->url};
    size_t n = strlen(id);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        for (const char *p = fields[i]; p && *p; p++)
            if ((p == fields[i] || !is_alnum(p[-1])) && strncasecmp(p, id, n) == 0 && !is_alnum(p[n])) return true;
    return false;
}

/* A study's DOI or PMID is copied from the reference entry it cites, so
 * that two reviews' descriptions of one trial are joined only on what the
 * reviews print. */
static void check_identity(review_reader *rr, const cJSON *item, const eb_human_study *s, const char *name,
                           const char *value) {
    if (!value || s->refs.n == 0) return;
    for (size_t i = 0; i < s->refs.n; i++)
        if (reference_mentions(eb_review_find_reference(rr->review, s->refs.items[i]), value)) return;
    size_t mark = ebi_path_push_key(&rr->r, name);
    ebi_reader_error(&rr->r, cJSON_GetObjectItemCaseSensitive(item, name), false,
                    "%s \"%s\" is in none of the references this study cites; copy it from the reference entry",
                    strcmp(name, "doi") == 0 ? "DOI" : "PMID", value);
    ebi_path_pop(&rr->r, mark);
}

static void read_pmid(review_reader *rr, const cJSON *obj, const char **out) {
    eb_reader *r = &rr->r;
    if (!ebi_read_string(r, obj, "pmid", 9, out) || !*out) return;
    if (strspn(*out, "0123456789") != strlen(*out)) {
        size_t mark = ebi_path_push_key(r, "pmid");
        ebi_reader_error(r, cJSON_GetObjectItemCaseSensitive(obj, "pmid"), false,
                        "a PMID is 1 to 9 digits, found \"%s\"", *out);
        ebi_path_pop(r, mark);
        *out = NULL;
    }
}

static void read_study(review_reader *rr, const cJSON *item, size_t index, id_set *ids) {
    static const char *const allowed[] = {"id", "indications", "cited_as", "design", "n", "age_range", "source",
                                          "derivative", "delivery", "frequency", "follow_up",
                                          "outcomes", "adverse_events", "refs", "doi", "pmid", NULL};
    static const char *const required[] = {"id", "indications", NULL};
    eb_reader *r = &rr->r;
    eb_human_study *s = &rr->review->human_studies[index];
    if (!ebi_read_object(r, item, allowed, required)) return;
    ebi_read_slug(r, item, "id", &s->id);
    note_id(rr, ids, item, s->id);
    read_indication_list(rr, item, 1, &s->indications);
    ebi_read_int(r, item, "n", 1, 10000000, &s->n);
    eb_text *texts[] = {&s->cited_as, &s->design, &s->age_range, &s->source, &s->derivative, &s->delivery,
                        &s->frequency, &s->follow_up, &s->outcomes, &s->adverse_events};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        read_printed(rr, item, study_texts[i], s->id, study_texts[i], texts[i]);
    read_refs(rr, item, &s->refs);
    ebi_read_doi(r, item, "doi", &s->doi);
    read_pmid(rr, item, &s->pmid);
    check_identity(rr, item, s, "doi", s->doi);
    check_identity(rr, item, s, "pmid", s->pmid);
}

static void read_statement(review_reader *rr, const cJSON *item, size_t index, id_set *ids) {
    static const char *const allowed[] = {"id", "kind", "indications", "text", "refs", "about_human_studies", NULL};
    static const char *const required[] = {"id", "kind", "text", NULL};
    eb_reader *r = &rr->r;
    eb_statement *s = &rr->review->statements[index];
    if (!ebi_read_object(r, item, allowed, required)) return;
    ebi_read_slug(r, item, "id", &s->id);
    note_id(rr, ids, item, s->id);
    int kind = 0;
    ebi_read_enum(r, item, "kind", statement_names, EB_STATEMENT_COUNT, &kind);
    s->kind = (eb_statement_kind)kind;
    read_indication_list(rr, item, 0, &s->indications);
    read_printed(rr, item, "text", s->id, "text", &s->text);
    read_refs(rr, item, &s->refs);
    ebi_read_bool(r, item, "about_human_studies", &s->about_human_studies);
}

static void read_cell(review_reader *rr, const cJSON *node, eb_review_cell *cell) {
    eb_reader *r = &rr->r;
    if (cJSON_IsArray(node)) {
        size_t n = (size_t)cJSON_GetArraySize(node);
        if (n == 0 || n > 100) {
            ebi_reader_error(r, node, false, "a list cell needs 1 to 100 items, found %zu", n);
            return;
        }
        cell->items = eb_arena_array(r->arena, n, sizeof *cell->items);
        cell->is_list = true;
        size_t i = 0;
        for (const cJSON *item = node->child; item; item = item->next, i++) {
            size_t m = ebi_path_push_index(r, i);
            if (ebi_check_string(r, item, EB_LONG_STRING))
                cell->items[cell->n++] = eb_arena_strdup(r->arena, item->valuestring);
            ebi_path_pop(r, m);
        }
    } else if (cJSON_IsString(node)) {
        if (!ebi_check_string(r, node, EB_LONG_STRING)) return;
        cell->items = eb_arena_array(r->arena, 1, sizeof *cell->items);
        cell->items[0] = eb_arena_strdup(r->arena, node->valuestring);
        cell->n = 1;
    } else {
        ebi_reader_error(r, node, false, "a cell is a string or a list of strings, found %s",
                        ebi_json_type_name(node));
    }
}

static const char **read_header(review_reader *rr, const cJSON *table, const char *name, size_t *ncols) {
    eb_string_list list = {0};
    if (!ebi_read_string_list(&rr->r, table, name, 30, EB_LONG_STRING, &list)) return NULL;
    if (list.n == 0 && cJSON_GetObjectItemCaseSensitive(table, name)) {
        size_t mark = ebi_path_push_key(&rr->r, name);
        ebi_reader_error(&rr->r, cJSON_GetObjectItemCaseSensitive(table, name), false, "a header needs at least one cell");
        ebi_path_pop(&rr->r, mark);
    }
    *ncols = list.n;
    return list.n ? list.items : NULL;
}

static void read_rows(review_reader *rr, const cJSON *item, eb_table *t) {
    eb_reader *r = &rr->r;
    size_t nrows = 0;
    const cJSON *row = ebi_read_array(r, item, "rows", 1, EB_MAX_TABLE_ROWS, &nrows);
    if (!t->ncols) return;
    t->cells = eb_arena_array(r->arena, nrows * t->ncols, sizeof *t->cells);
    size_t mark = ebi_path_push_key(r, "rows");
    for (size_t i = 0; row; row = row->next, i++) {
        size_t m = ebi_path_push_index(r, i);
        size_t ncells = cJSON_IsArray(row) ? (size_t)cJSON_GetArraySize(row) : 0;
        if (!cJSON_IsArray(row)) {
            ebi_reader_error(r, row, false, "a row is an array of cells, found %s", ebi_json_type_name(row));
        } else if (ncells != t->ncols) {
            ebi_reader_error(r, row, false, "row has %zu cell(s) but the header has %zu", ncells, t->ncols);
        } else {
            size_t j = 0;
            for (const cJSON *cell = row->child; cell; cell = cell->next, j++) {
                size_t mc = ebi_path_push_index(r, j);
                read_cell(rr, cell, &t->cells[i * t->ncols + j]);
                ebi_path_pop(r, mc);
            }
        }
        ebi_path_pop(r, m);
    }
    ebi_path_pop(r, mark);
    t->nrows = nrows;
}

/* One language's header rendering: as many cells as the header, each with
 * its cell's numbers. */
static void check_header_rendering(review_reader *rr, const cJSON *list, const eb_table *t, eb_lang lang,
                                   const char **cells, size_t ncells) {
    if (ncells != t->ncols) {
        ebi_reader_error(&rr->r, list, false, "%zu cell(s) but the header has %zu", ncells, t->ncols);
        return;
    }
    size_t j = 0;
    for (const cJSON *cell = list->child; cell; cell = cell->next, j++) {
        size_t m = ebi_path_push_index(&rr->r, j);
        check_numbers(rr, cell, t->header[j], cells[j], t->id, "header", lang);
        ebi_path_pop(&rr->r, m);
    }
}

/* header_renderings: {"en": [...], ...}, every language but the original. */
static void read_header_renderings(review_reader *rr, const cJSON *item, eb_table *t) {
    eb_reader *r = &rr->r;
    if (r->required_lang < 0) return; /* no valid "language": no original to hold them to */
    eb_lang original = rr->review->language;
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(item, "header_renderings");
    unsigned has = EB_LANG_BIT(original);
    size_t mark = ebi_path_push_key(r, "header_renderings");
    if (node && ebi_read_object(r, node, lang_names, NULL)) {
        for (int l = 0; l < EB_LANG_COUNT; l++) {
            const cJSON *list = cJSON_GetObjectItemCaseSensitive(node, lang_names[l]);
            if (!list) continue;
            size_t m = ebi_path_push_key(r, lang_names[l]);
            if (l == (int)original) {
                ebi_reader_error(r, list, false, "\"%s\" is the review's own language: the header itself",
                                lang_names[l]);
                ebi_path_pop(r, m);
                continue;
            }
            ebi_path_pop(r, m);
            size_t ncells = 0;
            const char **cells = read_header(rr, node, lang_names[l], &ncells);
            has |= EB_LANG_BIT(l);
            if (!cells || !t->header) continue;
            m = ebi_path_push_key(r, lang_names[l]);
            check_header_rendering(rr, list, t, (eb_lang)l, cells, ncells);
            ebi_path_pop(r, m);
            if (ncells == t->ncols) t->header_renderings[l] = cells;
        }
    }
    ebi_path_pop(r, mark);
    eb_buf briefs = {0};
    missing_langs(rr, has, false, &briefs);
    if (node && briefs.len) {
        mark = ebi_path_push_key(r, "header_renderings");
        ebi_reader_error(r, node, false, "the %s briefs print this header: add its rendering in their language",
                        eb_buf_cstr(&briefs));
        ebi_path_pop(r, mark);
    } else if (briefs.len) {
        ebi_reader_error(r, item, false, "missing \"header_renderings\": the %s briefs print this header",
                        eb_buf_cstr(&briefs));
    }
    eb_buf_destroy(&briefs);
}

static void read_table(review_reader *rr, const cJSON *item, size_t index, id_set *ids) {
    static const char *const allowed[] = {"id", "number", "indications", "caption", "header",
                                          "header_renderings", "rows", "refs", NULL};
    static const char *const required[] = {"id", "caption", "header", "rows", NULL};
    eb_reader *r = &rr->r;
    eb_table *t = &rr->review->tables[index];
    if (!ebi_read_object(r, item, allowed, required)) return;
    ebi_read_slug(r, item, "id", &t->id);
    note_id(rr, ids, item, t->id);
    ebi_read_string(r, item, "number", EB_SHORT_STRING, &t->number);
    read_indication_list(rr, item, 0, &t->indications);
    read_printed(rr, item, "caption", t->id, "caption", &t->caption);
    t->header = read_header(rr, item, "header", &t->ncols);
    read_header_renderings(rr, item, t);
    read_rows(rr, item, t);
    read_refs(rr, item, &t->refs);
}

static void read_reference(review_reader *rr, const cJSON *item, size_t index, id_set *ids) {
    static const char *const allowed[] = {"n", "text", "doi", "pmid", "url", NULL};
    static const char *const required[] = {"n", "text", NULL};
    (void)ids;
    eb_reader *r = &rr->r;
    eb_reference *ref = &rr->review->references[index];
    if (!ebi_read_object(r, item, allowed, required)) return;
    ebi_read_int(r, item, "n", 1, 10000, &ref->n);
    for (size_t i = 0; ref->n && i < index; i++) {
        if (rr->review->references[i].n == ref->n) {
            size_t mark = ebi_path_push_key(r, "n");
            ebi_reader_error(r, cJSON_GetObjectItemCaseSensitive(item, "n"), false,
                            "reference number %d appears twice", ref->n);
            ebi_path_pop(r, mark);
        }
    }
    ebi_read_string(r, item, "text", EB_LONG_STRING, &ref->text);
    ebi_read_doi(r, item, "doi", &ref->doi);
    read_pmid(rr, item, &ref->pmid);
    ebi_read_url(r, item, "url", &ref->url);
}

/* Sizes an item array before reading it; an array over its limit is read as
 * empty (ebi_read_array reports it). */
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
    if (!ebi_read_object(&rr->r, item, allowed, required)) return;
    ebi_read_string(&rr->r, item, "name", EB_SHORT_STRING, &a->name);
    ebi_read_string(&rr->r, item, "latin", EB_SHORT_STRING, &a->latin);
}

static void read_affiliation(review_reader *rr, const cJSON *item, size_t index, id_set *ids) {
    (void)ids;
    ebi_read_text_node(&rr->r, item, &rr->review->affiliations[index]);
}

static void read_scope(review_reader *rr, const cJSON *root) {
    static const char *const allowed[] = {"databases", "terms", "from_year", "to_year",
                                          "restrictions", "references_reviewed", NULL};
    eb_reader *r = &rr->r;
    eb_scope *scope = &rr->review->scope;
    scope->references_reviewed = -1;
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(root, "scope");
    if (!node) return;
    size_t mark = ebi_path_push_key(r, "scope");
    if (ebi_read_object(r, node, allowed, NULL)) {
        ebi_read_string_list(r, node, "databases", 50, EB_SHORT_STRING, &scope->databases);
        ebi_read_string_list(r, node, "terms", 100, EB_SHORT_STRING, &scope->terms);
        ebi_read_int(r, node, "from_year", 1900, 2100, &scope->from_year);
        ebi_read_int(r, node, "to_year", 1900, 2100, &scope->to_year);
        read_printed(rr, node, "restrictions", "scope", "restrictions", &scope->restrictions);
        ebi_read_int(r, node, "references_reviewed", 0, 100000, &scope->references_reviewed);
        if (scope->from_year && scope->to_year && scope->from_year > scope->to_year) {
            size_t m = ebi_path_push_key(r, "to_year");
            ebi_reader_error(r, cJSON_GetObjectItemCaseSensitive(node, "to_year"), false,
                            "to_year %d is before from_year %d", scope->to_year, scope->from_year);
            ebi_path_pop(r, m);
        }
    }
    ebi_path_pop(r, mark);
}

static void read_dates(review_reader *rr, const cJSON *root) {
    static const char *const allowed[] = {"received", "accepted", "published", "updated", NULL};
    eb_reader *r = &rr->r;
    eb_review *rv = rr->review;
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(root, "dates");
    if (!node) return;
    size_t mark = ebi_path_push_key(r, "dates");
    if (ebi_read_object(r, node, allowed, NULL)) {
        ebi_read_date(r, node, "received", &rv->received);
        ebi_read_date(r, node, "accepted", &rv->accepted);
        ebi_read_date(r, node, "published", &rv->published);
        ebi_read_date(r, node, "updated", &rv->updated);
    }
    ebi_path_pop(r, mark);
}

static void read_license(review_reader *rr, const cJSON *root) {
    static const char *const allowed[] = {"name", "url", NULL};
    static const char *const required[] = {"name", NULL};
    eb_reader *r = &rr->r;
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(root, "license");
    if (!node) return;
    size_t mark = ebi_path_push_key(r, "license");
    if (ebi_read_object(r, node, allowed, required)) {
        ebi_read_string(r, node, "name", EB_SHORT_STRING, &rr->review->license_name);
        ebi_read_url(r, node, "url", &rr->review->license_url);
    }
    ebi_path_pop(r, mark);
}

static void read_bibliography(review_reader *rr, const cJSON *root) {
    eb_reader *r = &rr->r;
    eb_review *rv = rr->review;
    ebi_read_text(r, root, "title", &rv->title);
    ALLOCATE_ITEMS(rr, root, "authors", 100, authors, nauthors);
    read_items(rr, root, "authors", 1, 100, read_author, NULL);
    ALLOCATE_ITEMS(rr, root, "affiliations", 50, affiliations, naffiliations);
    read_items(rr, root, "affiliations", 0, 50, read_affiliation, NULL);
    ebi_read_text(r, root, "journal", &rv->journal);
    ebi_read_text(r, root, "publisher", &rv->publisher);
    ebi_read_int(r, root, "year", 1900, 2100, &rv->year);
    ebi_read_string(r, root, "volume", EB_SHORT_STRING, &rv->volume);
    ebi_read_string(r, root, "issue", EB_SHORT_STRING, &rv->issue);
    ebi_read_string(r, root, "pages", EB_SHORT_STRING, &rv->pages);
    ebi_read_doi(r, root, "doi", &rv->doi);
    ebi_read_url(r, root, "url", &rv->url);
    read_dates(rr, root);
    read_license(rr, root);
}

/* ---- number exceptions ------------------------------------------------------------------ */

static void read_exception(review_reader *rr, const cJSON *item, size_t index, id_set *ids) {
    static const char *const fields[] = {"item", "field", "lang", "reason", NULL};
    (void)ids;
    eb_reader *r = &rr->r;
    eb_number_exception *e = &rr->review->number_exceptions[index];
    exception_entry *x = &rr->exceptions[index];
    *x = (exception_entry){.node = item, .lang = -1};  /* matches nothing until read */
    size_t before = r->errors;
    if (!ebi_read_object(r, item, fields, fields)) return;
    ebi_read_string(r, item, "item", 64, &e->item);
    ebi_read_string(r, item, "field", 64, &e->field);
    int lang = -1;
    if (ebi_read_enum(r, item, "lang", lang_names, EB_LANG_COUNT, &lang) && lang >= 0) e->lang = (eb_lang)lang;
    ebi_read_string(r, item, "reason", EB_SHORT_STRING, &e->reason);
    if (r->errors == before) *x = (exception_entry){.node = item, .item = e->item, .field = e->field, .lang = lang};
}

/* Read before the texts, which consult them; checked after (check_exceptions). */
static void read_exceptions(review_reader *rr, const cJSON *root) {
    ALLOCATE_ITEMS(rr, root, "number_exceptions", EB_MAX_ITEMS, number_exceptions, nnumber_exceptions);
    rr->nexceptions = rr->review->nnumber_exceptions;
    rr->exceptions = eb_arena_array(rr->r.arena, rr->nexceptions, sizeof *rr->exceptions);
    read_items(rr, root, "number_exceptions", 0, EB_MAX_ITEMS, read_exception, NULL);
}

/* An item a number exception can name: its kind (for messages), its text
 * fields and its JSON object. */
typedef struct {
    const char *kind;
    const char *const *fields;
    const cJSON *node;
} item_ref;

static bool find_in(const cJSON *root, const char *array, const char *id, const char *kind,
                    const char *const *fields, item_ref *out) {
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, array);
    for (const cJSON *item = cJSON_IsArray(list) ? list->child : NULL; item; item = item->next) {
        const cJSON *node = cJSON_GetObjectItemCaseSensitive(item, "id");
        if (cJSON_IsString(node) && strcmp(node->valuestring, id) == 0) {
            *out = (item_ref){kind, fields, item};
            return true;
        }
    }
    return false;
}

static bool find_item(const review_reader *rr, const char *id, item_ref *out) {
    const cJSON *root = rr->root;
    if (strcmp(id, "abstract") == 0 || strcmp(id, "own_rating") == 0) {
        *out = (item_ref){id, review_texts, cJSON_GetObjectItemCaseSensitive(root, id)};
        return out->node != NULL;
    }
    if (strcmp(id, "scope") == 0) {
        *out = (item_ref){"scope", scope_texts, cJSON_GetObjectItemCaseSensitive(root, "scope")};
        return out->node != NULL;
    }
    return find_in(root, "findings", id, "finding", finding_texts, out) ||
           find_in(root, "human_studies", id, "human study", study_texts, out) ||
           find_in(root, "statements", id, "statement", statement_texts, out) ||
           find_in(root, "tables", id, "table", table_texts, out);
}

/* The object holding a field's renderings: a text object, or a table's
 * header_renderings; NULL when the item has no such field. */
static const cJSON *field_node(const item_ref *ref, const char *field) {
    if (ref->fields == review_texts) return ref->node; /* "abstract"/"own_rating" is the text itself */
    if (strcmp(field, "header") == 0) return cJSON_GetObjectItemCaseSensitive(ref->node, "header_renderings");
    return cJSON_GetObjectItemCaseSensitive(ref->node, field);
}

static bool listed(const char *const *names, const char *name) {
    for (size_t i = 0; names[i]; i++)
        if (strcmp(names[i], name) == 0) return true;
    return false;
}

/* An error at member `member` of the exception being checked. */
static void exception_error(review_reader *rr, const exception_entry *x, const char *member, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void exception_error(review_reader *rr, const exception_entry *x, const char *member, const char *fmt, ...) {
    size_t mark = ebi_path_push_key(&rr->r, member);
    va_list args;
    va_start(args, fmt);
    ebi_reader_verror(&rr->r, cJSON_GetObjectItemCaseSensitive(x->node, member), fmt, args);
    va_end(args);
    ebi_path_pop(&rr->r, mark);
}

static void unknown_item(review_reader *rr, const exception_entry *x, const id_set *ids) {
    const char *hint = ebi_closest(x->item, ids->ids, ids->n);
    if (hint)
        exception_error(rr, x, "item", "no item \"%s\" in this review; did you mean \"%s\"?", x->item, hint);
    else
        exception_error(rr, x, "item",
                        "no item \"%s\" in this review (an id of a finding, human study, statement or table, "
                        "or \"abstract\", \"own_rating\", \"scope\")", x->item);
}

/* Each exception names an item, a field it has and a rendering of it. */
static void check_exception(review_reader *rr, const exception_entry *x, const id_set *ids) {
    item_ref ref;
    if (!find_item(rr, x->item, &ref)) {
        unknown_item(rr, x, ids);
        return;
    }
    const cJSON *node = listed(ref.fields, x->field) ? field_node(&ref, x->field) : NULL;
    const char *lang = lang_names[x->lang];
    if (!listed(ref.fields, x->field)) {
        eb_buf fields = {0};
        for (size_t i = 0; ref.fields[i]; i++) eb_buf_printf(&fields, "%s%s", i ? ", " : "", ref.fields[i]);
        exception_error(rr, x, "field", "\"%s\" is not a text field of %s \"%s\" (%s)", x->field, ref.kind,
                        x->item, eb_buf_cstr(&fields));
        eb_buf_destroy(&fields);
    } else if (!node) {
        exception_error(rr, x, "field", "%s \"%s\" has no \"%s\"", ref.kind, x->item, x->field);
    } else if (x->lang == (int)rr->review->language) {
        exception_error(rr, x, "lang", "\"%s\" is the review's own language: the original, not a rendering", lang);
    } else if (!cJSON_GetObjectItemCaseSensitive(node, lang)) {
        exception_error(rr, x, "lang", "the \"%s\" of \"%s\" has no \"%s\" rendering", x->field, x->item, lang);
    } else if (!x->used) {
        ebi_reader_warning(&rr->r, x->node,
                          "exception not needed: the \"%s\" rendering of \"%s\" of \"%s\" has the original's "
                          "numbers; remove it", lang, x->field, x->item);
    }
}

static void check_exceptions(review_reader *rr, const id_set *ids) {
    size_t mark = ebi_path_push_key(&rr->r, "number_exceptions");
    for (size_t i = 0; i < rr->nexceptions; i++) {
        const exception_entry *x = &rr->exceptions[i];
        if (!x->item || !x->field || x->lang < 0) continue; /* reported */
        size_t m = ebi_path_push_index(&rr->r, i);
        check_exception(rr, x, ids);
        ebi_path_pop(&rr->r, m);
    }
    ebi_path_pop(&rr->r, mark);
}

/* ---- human studies and what refers to them ----------------------------------------------- */

static long find_study(const eb_review *rv, const char *id) {
    for (size_t i = 0; i < rv->nhuman_studies; i++)
        if (rv->human_studies[i].id && strcmp(rv->human_studies[i].id, id) == 0) return (long)i;
    return -1;
}

static void resolve_one_finding(review_reader *rr, const cJSON *item, eb_finding *f) {
    eb_reader *r = &rr->r;
    eb_review *rv = rr->review;
    size_t n = 0;
    const cJSON *id = ebi_read_array(r, item, "studies", 1, 100, &n);
    f->studies = eb_arena_array(r->arena, n, sizeof *f->studies);
    const char **names = eb_arena_array(r->arena, rv->nhuman_studies + 1, sizeof *names);
    for (size_t i = 0; i < rv->nhuman_studies; i++) names[i] = rv->human_studies[i].id ? rv->human_studies[i].id : "";
    size_t mark = ebi_path_push_key(r, "studies");
    for (size_t j = 0; id; id = id->next, j++) {
        size_t m = ebi_path_push_index(r, j);
        long index = ebi_check_string(r, id, 64) ? find_study(rv, id->valuestring) : -2;
        const char *hint = index == -1 ? ebi_closest(id->valuestring, names, rv->nhuman_studies) : NULL;
        if (index >= 0) f->studies[f->nstudies++] = (size_t)index;
        else if (hint)
            ebi_reader_error(r, id, false, "no human study \"%s\" in this review; did you mean \"%s\"?",
                            id->valuestring, hint);
        else if (index == -1)
            ebi_reader_error(r, id, false, "no human study \"%s\" in this review's \"human_studies\"",
                            id->valuestring);
        ebi_path_pop(r, m);
    }
    ebi_path_pop(r, mark);
}

/* Runs after the human studies are read: a finding's "studies" are ids of them. */
static void resolve_finding_studies(review_reader *rr) {
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(rr->root, "findings");
    size_t mark = ebi_path_push_key(&rr->r, "findings"), i = 0;
    for (const cJSON *item = cJSON_IsArray(list) ? list->child : NULL; item && i < rr->review->nfindings;
         item = item->next, i++) {
        if (!cJSON_IsObject(item)) continue;
        size_t m = ebi_path_push_index(&rr->r, i);
        resolve_one_finding(rr, item, &rr->review->findings[i]);
        ebi_path_pop(&rr->r, m);
    }
    ebi_path_pop(&rr->r, mark);
}

/* A caveat on the review's human studies is printed beside them, so it
 * must also be listed under every indication they are shown for. */
static void check_caveat_indications(review_reader *rr, const cJSON *node, const eb_statement *st) {
    const eb_review *rv = rr->review;
    if (!st->about_human_studies || st->indications.n == 0) return;
    for (size_t ind = 0; ind < rr->corpus->nindications; ind++) {
        if (eb_index_list_has(&st->indications, ind)) continue;
        for (size_t i = 0; i < rv->nhuman_studies; i++) {
            if (!eb_index_list_has(&rv->human_studies[i].indications, ind)) continue;
            size_t mark = ebi_path_push_key(&rr->r, "indications");
            ebi_reader_error(&rr->r, cJSON_GetObjectItemCaseSensitive(node, "indications"), false,
                            "a statement about the review's human studies lists every indication they are "
                            "shown for: add \"%s\" (human study \"%s\")",
                            rr->corpus->indications[ind].id, rv->human_studies[i].id);
            ebi_path_pop(&rr->r, mark);
            break;
        }
    }
}

static void check_caveats(review_reader *rr) {
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(rr->root, "statements");
    size_t mark = ebi_path_push_key(&rr->r, "statements"), i = 0;
    for (const cJSON *item = cJSON_IsArray(list) ? list->child : NULL; item && i < rr->review->nstatements;
         item = item->next, i++) {
        size_t m = ebi_path_push_index(&rr->r, i);
        check_caveat_indications(rr, item, &rr->review->statements[i]);
        ebi_path_pop(&rr->r, m);
    }
    ebi_path_pop(&rr->r, mark);
}

/* Whether a brief of the indication shows one of the review's limitations. */
static bool shows_limitation(const eb_review *rv, size_t ind, bool *any) {
    for (size_t i = 0; i < rv->nstatements; i++) {
        const eb_statement *st = &rv->statements[i];
        if (st->kind != EB_STATEMENT_LIMITATION) continue;
        *any = true;
        if (st->about_human_studies || eb_applies_to(rv, &st->indications, ind)) return true;
    }
    return false;
}

/* A trial shown without its review's own caveats reads stronger than the
 * review presents it (issue 13): warn where a brief would do that. */
static void warn_uncaveated(review_reader *rr, size_t ind) {
    const eb_review *rv = rr->review;
    bool any = false;
    if (shows_limitation(rv, ind, &any)) return;
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(rr->root, "human_studies");
    size_t i = 0;
    for (const cJSON *item = cJSON_IsArray(list) ? list->child : NULL; item; item = item->next, i++) {
        const eb_index_list *inds = &rv->human_studies[i].indications;
        for (size_t k = 0; k < inds->n; k++) {
            if (inds->items[k] != ind) continue;
            eb_buf path = {0};
            eb_buf_printf(&path, "$.human_studies[%zu].indications[%zu]", i, k);
            const cJSON *at = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(item, "indications"), (int)k);
            const char *id = rr->corpus->indications[ind].id;
            eb_location where = ebi_json_where(rr->r.doc, at, false, eb_buf_cstr(&path));
            if (any)
                eb_diag_report(rr->r.diag, EB_WARNING, where,
                               "the \"%s\" briefs show this human study but none of this review's limitations: "
                               "list \"%s\" in one's indications, or mark it \"about_human_studies\"", id, id);
            else
                eb_diag_report(rr->r.diag, EB_WARNING, where,
                               "the \"%s\" briefs show this human study, and this review's inputs state no "
                               "limitation: check the seed for one", id);
            eb_buf_destroy(&path);
            return;
        }
    }
}

static void check_human_evidence(review_reader *rr) {
    resolve_finding_studies(rr);
    check_caveats(rr);
    if (rr->r.errors) return; /* warnings about an invalid review are noise */
    for (size_t ind = 0; ind < rr->corpus->nindications; ind++) warn_uncaveated(rr, ind);
}

/* ---- the whole file ----------------------------------------------------------------------- */

static void read_body(review_reader *rr, const cJSON *root) {
    eb_reader *r = &rr->r;
    eb_review *rv = rr->review;
    read_exceptions(rr, root); /* before any text, which consults them */
    int kind = 0;
    ebi_read_enum(r, root, "kind", kind_names, EB_KIND_COUNT, &kind);
    rv->kind = (eb_review_kind)kind;
    read_printed(rr, root, "own_rating", "own_rating", "text", &rv->own_rating);
    read_scope(rr, root);
    read_printed(rr, root, "abstract", "abstract", "text", &rv->abstract);

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
    check_human_evidence(rr);
    check_exceptions(rr, &ids);
}

static void read_language(review_reader *rr, const cJSON *root) {
    int lang = -1;
    if (ebi_read_enum(&rr->r, root, "language", lang_names, EB_LANG_COUNT, &lang) && lang >= 0) {
        rr->review->language = (eb_lang)lang;
        rr->r.required_lang = lang;
    }
}

static void check_file_name(review_reader *rr, const cJSON *root, const char *file) {
    const char *id = rr->review->id;
    /* standard input has no file name to match */
    if (!id || strcmp(file, EB_STDIN_NAME) == 0) return;
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t n = strlen(id);
    if (strncmp(base, id, n) != 0 || strcmp(base + n, ".json") != 0) {
        size_t mark = ebi_path_push_key(&rr->r, "id");
        ebi_reader_error(&rr->r, cJSON_GetObjectItemCaseSensitive(root, "id"), false,
                        "the file of review \"%s\" must be named %s.json", id, id);
        ebi_path_pop(&rr->r, mark);
    }
}

bool ebi_read_review(eb_json_doc *doc, const eb_corpus *corpus, eb_review *out, eb_diag *diag,
                    eb_arena *arena, const eb_load_options *options) {
    static const char *const allowed[] = {
        "$schema", "id", "seed", "language", "title", "authors", "affiliations", "journal",
        "publisher", "year", "volume", "issue", "pages", "doi", "url", "dates", "license",
        "kind", "own_rating", "scope", "abstract", "findings", "human_studies", "statements",
        "tables", "references", "number_exceptions", NULL};
    static const char *const required[] = {"id", "seed", "language", "year", "kind", "findings", NULL};
    review_reader rr = {.corpus = corpus, .review = out, .root = doc->root,
                        .rendering_langs = options->rendering_langs};
    ebi_reader_init(&rr.r, doc, diag, arena);
    rr.r.check = options->check;
    *out = (eb_review){.file = eb_arena_strdup(arena, doc->file)};
    const char *schema = NULL;
    if (ebi_read_object(&rr.r, doc->root, allowed, required)) {
        ebi_read_string(&rr.r, doc->root, "$schema", EB_SHORT_STRING, &schema);
        ebi_read_slug(&rr.r, doc->root, "id", &out->id);
        check_file_name(&rr, doc->root, doc->file);
        ebi_read_string(&rr.r, doc->root, "seed", 200, &out->seed);
        read_language(&rr, doc->root);
        read_bibliography(&rr, doc->root);
        read_body(&rr, doc->root);
    }
    bool ok = rr.r.errors == 0 && doc->errors == 0;
    ebi_reader_destroy(&rr.r);
    return ok;
}
