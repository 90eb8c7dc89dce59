/* Assembles a brief: the sections in the order the evidence-brief format
 * asks for (title, the page-1 summary with the key messages, chart,
 * comparison, findings, source tables, human studies, safety and
 * regulatory, gaps, references, disclaimer and build details). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose_internal.h"

eb_block *ebi_add_block(eb_composer *c, eb_block_kind kind) {
    eb_brief *b = c->brief;
    if (b->nblocks == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        eb_block *blocks = eb_arena_array(b->arena, cap, sizeof *blocks);
        if (b->nblocks) memcpy(blocks, b->blocks, b->nblocks * sizeof *blocks);
        b->blocks = blocks;
        c->cap = cap;
    }
    eb_block *block = &b->blocks[b->nblocks++];
    *block = (eb_block){.kind = kind};
    return block;
}

void ebi_add_heading(eb_composer *c, int level, const char *text) {
    eb_block *h = ebi_add_block(c, EB_BLOCK_HEADING);
    h->level = level;
    h->text = ebi_label(c->brief->locale, text);
    h->title = ebi_without_isolates(c->brief->arena, text);
    h->outline = true;
}

void ebi_add_meta(eb_composer *c, const char *label, eb_span value) {
    eb_block *m = ebi_add_block(c, EB_BLOCK_META);
    m->label = ebi_label(c->brief->locale, label);
    m->text = value;
}

void ebi_add_paragraph(eb_composer *c, eb_block_kind kind, eb_span text) {
    if (!text.text) return;
    ebi_add_block(c, kind)->text = text;
}

void ebi_note_refs(eb_composer *c, size_t review, const eb_ref_list *refs) {
    for (size_t i = 0; i < refs->n; i++)
        if (refs->items[i] >= 1 && refs->items[i] <= 10000) c->cited[review][refs->items[i]] = true;
}

static void collect_reviews(eb_composer *c) {
    const eb_corpus *corpus = c->corpus;
    eb_arena *arena = c->brief->arena;
    c->reviews = eb_arena_array(arena, corpus->nreviews, sizeof *c->reviews);
    c->cited = eb_arena_array(arena, corpus->nreviews, sizeof *c->cited);
    for (size_t r = 0; r < corpus->nreviews; r++) {
        if (!eb_review_feeds(&corpus->reviews[r], c->indication)) continue;
        c->cited[c->nreviews] = eb_arena_array(arena, 10001, sizeof(bool));
        c->reviews[c->nreviews++] = &corpus->reviews[r];
    }
}

static void set_metadata(eb_composer *c) {
    eb_brief *b = c->brief;
    eb_lang lang = eb_locale_lang(b->locale);
    const char *name = b->indication->name.s[lang];
    char *title = eb_xasprintf(c->s->title_format, name);
    char *running = eb_xasprintf(c->s->running_format, name);
    b->title = eb_arena_strdup(b->arena, title);
    b->running_title = eb_arena_strdup(b->arena, running);
    free(title);
    free(running);
    b->subject = c->s->subtitle;
    b->keywords = c->s->keywords;
    b->author = c->s->author;
    b->page_label = c->s->page;
    b->continued_label = c->s->continued;
    b->rtl = b->locale == EB_LOCALE_FA;
    b->nreviews = c->nreviews;
    ebi_brand_metadata(c);
    char *file = eb_xasprintf("%s.%s.pdf", b->indication->id, eb_locale_name(b->locale));
    b->file_name = eb_arena_strdup(b->arena, file);
    free(file);
}

static void compose_disclaimer(eb_composer *c, const eb_compose_options *options) {
    ebi_add_heading(c, 1, c->s->h_disclaimer);
    ebi_add_paragraph(c, EB_BLOCK_NOTE, ebi_label(c->brief->locale, c->s->disclaimer));
    ebi_compose_brand_disclaimer(c);
    ebi_compose_build_details(c, options);
}

eb_brief *eb_brief_compose(const eb_corpus *corpus, size_t indication, eb_locale locale,
                           const eb_compose_options *options) {
    eb_arena *arena = eb_arena_create();
    eb_brief *brief = eb_arena_alloc(arena, sizeof *brief);
    brief->arena = arena;
    brief->indication = &corpus->indications[indication];
    brief->locale = locale;
    eb_composer c = {.brief = brief, .corpus = corpus, .indication = indication,
                     .s = ebi_strings_for(locale)};
    collect_reviews(&c);
    ebi_collect_study_groups(&c);
    set_metadata(&c);
    ebi_compose_title(&c);
    ebi_compose_summary(&c);
    ebi_compose_chart(&c);
    ebi_compose_comparison(&c);
    ebi_compose_findings(&c);
    ebi_compose_context(&c);
    ebi_compose_source_tables(&c);
    ebi_compose_human_studies(&c);
    ebi_compose_statements(&c);
    /* the originals are reference material: a section of their own before
     * the references (in the findings they left a short tail that strands
     * a near-empty page before a landscape table) */
    ebi_compose_key_originals(&c);
    ebi_compose_references(&c);
    compose_disclaimer(&c, options);
    return brief;
}

void eb_brief_destroy(eb_brief *brief) {
    if (brief) eb_arena_destroy(brief->arena);
}
