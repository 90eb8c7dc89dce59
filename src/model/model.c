#include "model.h"

#include "build_record.h"
#include "font_list.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const lang_tags[EB_LANG_COUNT] = {"fa", "en", "zh-Hans"};
static const char *const level_names[EB_LEVEL_COUNT] = {
    "in_vitro", "animal", "human_trial", "systematic_review", "expert_opinion", "background"};
static const char *const kind_names[EB_KIND_COUNT] = {
    "narrative_review", "literature_review", "systematic_review", "web_evidence_summary"};
static const char *const statement_names[EB_STATEMENT_COUNT] = {
    "conclusion", "limitation", "safety", "regulatory", "gap"};

const char *eb_lang_tag(eb_lang lang) { return lang < EB_LANG_COUNT ? lang_tags[lang] : "und"; }

bool eb_lang_from_tag(const char *tag, eb_lang *lang) {
    for (int i = 0; i < EB_LANG_COUNT; i++) {
        if (strcmp(tag, lang_tags[i]) == 0) {
            *lang = (eb_lang)i;
            return true;
        }
    }
    return false;
}

const char *eb_level_name(eb_level level) { return level < EB_LEVEL_COUNT ? level_names[level] : "?"; }
const char *eb_review_kind_name(eb_review_kind kind) { return kind < EB_KIND_COUNT ? kind_names[kind] : "?"; }
const char *eb_statement_kind_name(eb_statement_kind kind) {
    return kind < EB_STATEMENT_COUNT ? statement_names[kind] : "?";
}

bool eb_text_empty(const eb_text *text) {
    for (int i = 0; i < EB_LANG_COUNT; i++)
        if (text->s[i]) return false;
    return true;
}

const char *eb_text_pick(const eb_text *text, eb_lang want, eb_lang fallback, eb_lang *got) {
    eb_lang order[EB_LANG_COUNT + 2] = {want, fallback, EB_LANG_FA, EB_LANG_EN, EB_LANG_ZH};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        if (text->s[order[i]]) {
            if (got) *got = order[i];
            return text->s[order[i]];
        }
    }
    return NULL;
}

void eb_corpus_destroy(eb_corpus *corpus) {
    if (!corpus) return;
    eb_arena *arena = corpus->arena;
    eb_arena_destroy(arena); /* the corpus itself lives in its arena */
}

long eb_corpus_find_indication(const eb_corpus *corpus, const char *id) {
    for (size_t i = 0; i < corpus->nindications; i++)
        if (strcmp(corpus->indications[i].id, id) == 0) return (long)i;
    return -1;
}

bool eb_index_list_has(const eb_index_list *list, size_t index) {
    for (size_t i = 0; i < list->n; i++)
        if (list->items[i] == index) return true;
    return false;
}

bool eb_review_feeds(const eb_review *review, size_t indication) {
    for (size_t i = 0; i < review->nfindings; i++)
        if (eb_index_list_has(&review->findings[i].indications, indication)) return true;
    for (size_t i = 0; i < review->nhuman_studies; i++)
        if (eb_index_list_has(&review->human_studies[i].indications, indication)) return true;
    for (size_t i = 0; i < review->ntables; i++)
        if (eb_index_list_has(&review->tables[i].indications, indication)) return true;
    return false;
}

bool eb_applies_to(const eb_review *review, const eb_index_list *list, size_t indication) {
    if (list->n == 0) return eb_review_feeds(review, indication);
    return eb_index_list_has(list, indication);
}

const eb_reference *eb_review_find_reference(const eb_review *review, int n) {
    for (size_t i = 0; i < review->nreferences; i++)
        if (review->references[i].n == n) return &review->references[i];
    return NULL;
}

const char *eb_review_evidence_date(const eb_review *review) {
    return review->updated ? review->updated : review->published;
}

bool eb_same_study(const eb_human_study *a, const eb_human_study *b) {
    /* DOIs are case-insensitive (the DOI Handbook, 2.4): journals print
     * 10.2147/CCID.S401839 and 10.2147/ccid.s401839 alike. */
    if (a->doi && b->doi) return strcasecmp(a->doi, b->doi) == 0;
    return a->pmid && b->pmid && strcmp(a->pmid, b->pmid) == 0;
}

void eb_font_list_destroy(eb_font_list *list) {
    for (size_t i = 0; i < list->n; i++) {
        free(list->entries[i].role);
        free(list->entries[i].file);
    }
    free(list->entries);
    free(list->dir);
    free(list->path);
    *list = (eb_font_list){0};
}

static void free_hashes(eb_file_hash *files, size_t n) {
    for (size_t i = 0; i < n; i++) free(files[i].name);
    free(files);
}

void eb_manifest_entry_destroy(eb_manifest_entry *e) {
    free(e->file);
    free(e->indication);
    free(e->locale);
    free_hashes(e->inputs, e->ninputs);
    free_hashes(e->fonts, e->nfonts);
    *e = (eb_manifest_entry){0};
}

void eb_manifest_destroy(eb_manifest *m) {
    for (size_t i = 0; i < m->n; i++) eb_manifest_entry_destroy(&m->entries[i]);
    free(m->entries);
    free(m->version);
    *m = (eb_manifest){0};
}
