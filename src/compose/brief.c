/* Assembles a brief: the sections in the order the evidence-brief format
 * asks for (title, the page-1 summary with the key messages, chart,
 * comparison, findings, source tables, human studies, safety and
 * regulatory, gaps, references, disclaimer and build details). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose_internal.h"

eb_block *eb_add_block(eb_composer *c, eb_block_kind kind) {
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

void eb_add_heading(eb_composer *c, int level, const char *text) {
    eb_block *h = eb_add_block(c, EB_BLOCK_HEADING);
    h->level = level;
    h->text = eb_label(c->brief->locale, text);
    h->title = eb_without_isolates(c->brief->arena, text);
    h->outline = true;
}

void eb_add_meta(eb_composer *c, const char *label, eb_span value) {
    eb_block *m = eb_add_block(c, EB_BLOCK_META);
    m->label = eb_label(c->brief->locale, label);
    m->text = value;
}

void eb_add_paragraph(eb_composer *c, eb_block_kind kind, eb_span text) {
    if (!text.text) return;
    eb_add_block(c, kind)->text = text;
}

void eb_note_refs(eb_composer *c, size_t review, const eb_ref_list *refs) {
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
    eb_brand_metadata(c);
    char *file = eb_xasprintf("%s.%s.pdf", b->indication->id, eb_locale_name(b->locale));
    b->file_name = eb_arena_strdup(b->arena, file);
    free(file);
}

static void compose_disclaimer(eb_composer *c, const eb_compose_options *options) {
    eb_add_heading(c, 1, c->s->h_disclaimer);
    eb_add_paragraph(c, EB_BLOCK_NOTE, eb_label(c->brief->locale, c->s->disclaimer));
    eb_compose_brand_disclaimer(c);
    eb_compose_build_details(c, options);
}

eb_brief *eb_compose_brief(const eb_corpus *corpus, size_t indication, eb_locale locale,
                           const eb_compose_options *options) {
    eb_arena *arena = eb_arena_new();
    eb_brief *brief = eb_arena_alloc(arena, sizeof *brief);
    brief->arena = arena;
    brief->indication = &corpus->indications[indication];
    brief->locale = locale;
    eb_composer c = {.brief = brief, .corpus = corpus, .indication = indication,
                     .s = eb_strings_for(locale)};
    collect_reviews(&c);
    eb_collect_study_groups(&c);
    set_metadata(&c);
    eb_compose_title(&c);
    eb_compose_summary(&c);
    eb_compose_chart(&c);
    eb_compose_comparison(&c);
    eb_compose_findings(&c);
    eb_compose_context(&c);
    eb_compose_source_tables(&c);
    eb_compose_human_studies(&c);
    eb_compose_statements(&c);
    /* the originals are reference material: a section of their own before
     * the references (in the findings they left a short tail that strands
     * a near-empty page before a landscape table) */
    eb_compose_key_originals(&c);
    eb_compose_references(&c);
    compose_disclaimer(&c, options);
    return brief;
}

void eb_brief_free(eb_brief *brief) {
    if (brief) eb_arena_free(brief->arena);
}
