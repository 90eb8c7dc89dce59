/* The tabular sections of a brief: the comparison of the reviews, the
 * findings by review, the reviews' own tables, and the human studies. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose_internal.h"

/* Tables wider than this many columns go on a landscape page. */
/* The comparison table shows at most this many findings and limitations
 * per review; the rest are in their own sections, pointed to. */
enum { LANDSCAPE_COLUMNS = 7, FINDINGS_IN_COMPARISON = 3, LIMITATIONS_IN_COMPARISON = 2 };

static eb_brief_table *new_table(eb_composer *c, size_t ncols, size_t nheader, size_t nbody) {
    eb_arena *arena = c->brief->arena;
    eb_brief_table *t = eb_arena_alloc(arena, sizeof *t);
    t->ncols = ncols;
    t->nheader_rows = nheader;
    t->nbody_rows = nbody;
    t->cells = eb_arena_array(arena, (nheader + nbody) * ncols, sizeof *t->cells);
    t->landscape = ncols >= LANDSCAPE_COLUMNS;
    return t;
}

static eb_brief_cell *cell(eb_brief_table *t, size_t row, size_t col) { return &t->cells[row * t->ncols + col]; }

static void set_header(eb_composer *c, eb_brief_table *t, const char *const *labels) {
    for (size_t i = 0; i < t->ncols; i++) cell(t, 0, i)->text = eb_label(c->brief->locale, labels[i]);
}

static eb_span joined(eb_composer *c, const char *a, const char *sep, const char *b) {
    char *s = eb_xasprintf("%s%s%s", a, sep, b);
    eb_span span = eb_label(c->brief->locale, eb_locale_lines(c->brief->arena, c->brief->locale, s));
    free(s);
    return span;
}

/* A list cell from spans collected in a buffer. */
static void set_list(eb_composer *c, eb_brief_cell *out, const eb_span *items, size_t n) {
    if (n == 0) {
        out->text = eb_label(c->brief->locale, c->s->none);
        return;
    }
    out->items = eb_arena_array(c->brief->arena, n, sizeof *out->items);
    memcpy(out->items, items, n * sizeof *items);
    out->nitems = n;
}

/* ---- comparison ------------------------------------------------------------------ */

static bool finding_applies(const eb_composer *c, const eb_finding *f) {
    return eb_index_list_has(&f->indications, c->indication);
}

static size_t count_findings(const eb_composer *c, const eb_review *rv) {
    size_t n = 0;
    for (size_t i = 0; i < rv->nfindings; i++) n += finding_applies(c, &rv->findings[i]);
    return n;
}

static eb_span kind_and_scope(eb_composer *c, const eb_review *rv) {
    eb_brief *b = c->brief;
    eb_buf buf = {0};
    eb_buf_puts(&buf, c->s->kinds[rv->kind]);
    const eb_scope *sc = &rv->scope;
    if (sc->databases.n) {
        eb_buf_printf(&buf, "\n%s: ", c->s->scope_databases);
        for (size_t i = 0; i < sc->databases.n; i++)
            eb_buf_printf(&buf, "%s%s", i ? c->s->list_separator : "", sc->databases.items[i]);
    }
    if (sc->from_year && sc->to_year) eb_buf_printf(&buf, "\n%d–%d", sc->from_year, sc->to_year);
    if (sc->references_reviewed >= 0) eb_buf_printf(&buf, "\n%d %s", sc->references_reviewed, c->s->scope_references);
    eb_span rating = eb_display(&rv->own_rating, rv->language, b->locale);
    if (rating.text) eb_buf_printf(&buf, "\n«%s» (%s)", rating.text, c->s->own_rating);
    const char *text = eb_localize_digits(b->arena, b->locale, eb_buf_cstr(&buf));
    eb_span span = eb_label(b->locale, eb_locale_lines(b->arena, b->locale, text));
    eb_buf_free(&buf);
    return span;
}

/* Stronger designs first, so the cell shows the best evidence when it must
 * leave some findings to the findings section. */
static const eb_level strength_order[EB_LEVEL_COUNT] = {
    EB_LEVEL_SYSTEMATIC_REVIEW, EB_LEVEL_HUMAN_TRIAL, EB_LEVEL_ANIMAL, EB_LEVEL_IN_VITRO,
    EB_LEVEL_EXPERT_OPINION};

static void found_cell(eb_composer *c, const eb_review *rv, eb_brief_cell *out) {
    eb_brief *b = c->brief;
    eb_span items[FINDINGS_IN_COMPARISON + 1];
    size_t n = 0, total = count_findings(c, rv);
    for (int o = 0; o < EB_LEVEL_COUNT; o++) {
        for (size_t i = 0; i < rv->nfindings && n < FINDINGS_IN_COMPARISON; i++) {
            const eb_finding *f = &rv->findings[i];
            if (finding_applies(c, f) && f->level == strength_order[o])
                items[n++] = eb_display(&f->text, rv->language, b->locale);
        }
    }
    if (total > n) {
        char *more = eb_xasprintf(c->s->more_format, eb_format_number(b->arena, b->locale, (long)(total - n)));
        items[n++] = eb_label(b->locale, eb_arena_strdup(b->arena, more));
        free(more);
    }
    set_list(c, out, items, n);
}

static void level_cell(eb_composer *c, const eb_review *rv, eb_brief_cell *out) {
    eb_brief *b = c->brief;
    size_t counts[EB_LEVEL_COUNT] = {0};
    for (size_t i = 0; i < rv->nfindings; i++)
        if (finding_applies(c, &rv->findings[i])) counts[rv->findings[i].level]++;
    eb_span items[EB_LEVEL_COUNT];
    size_t n = 0;
    for (int o = 0; o < EB_LEVEL_COUNT; o++) {
        eb_level l = strength_order[o];
        if (counts[l]) items[n++] = joined(c, c->s->levels[l], ": ", eb_format_number(b->arena, b->locale, (long)counts[l]));
    }
    set_list(c, out, items, n);
}

static void limitations_cell(eb_composer *c, const eb_review *rv, eb_brief_cell *out) {
    eb_brief *b = c->brief;
    eb_span items[LIMITATIONS_IN_COMPARISON + 1];
    size_t n = 0, total = 0;
    for (size_t i = 0; i < rv->nstatements; i++) {
        const eb_statement *s = &rv->statements[i];
        if (s->kind != EB_STATEMENT_LIMITATION || !eb_applies_to(rv, &s->indications, c->indication)) continue;
        if (n < LIMITATIONS_IN_COMPARISON) items[n++] = eb_display(&s->text, rv->language, b->locale);
        total++;
    }
    if (total > n) {
        char *more = eb_xasprintf(c->s->more_limitations_format, eb_format_number(b->arena, b->locale, (long)(total - n)));
        items[n++] = eb_label(b->locale, eb_arena_strdup(b->arena, more));
        free(more);
    }
    set_list(c, out, items, n);
}

void eb_compose_comparison(eb_composer *c) {
    eb_brief *b = c->brief;
    const char *header[] = {c->s->col_review, c->s->col_kind_scope, c->s->col_found, c->s->col_level,
                            c->s->col_limitations};
    eb_brief_table *t = new_table(c, 5, 1, c->nreviews);
    t->landscape = false;
    set_header(c, t, header);
    for (size_t r = 0; r < c->nreviews; r++) {
        const eb_review *rv = c->reviews[r];
        cell(t, r + 1, 0)->text = joined(c, eb_review_label(b->arena, rv, b->locale), "\n",
                                         c->s->lang_names[rv->language]);
        cell(t, r + 1, 1)->text = kind_and_scope(c, rv);
        found_cell(c, rv, cell(t, r + 1, 2));
        level_cell(c, rv, cell(t, r + 1, 3));
        limitations_cell(c, rv, cell(t, r + 1, 4));
    }
    eb_add_heading(c, 1, c->s->h_comparison);
    eb_add_block(c, EB_BLOCK_TABLE)->table = t;
}

/* ---- findings by review ------------------------------------------------------------- */

void eb_compose_findings(eb_composer *c) {
    eb_brief *b = c->brief;
    eb_add_heading(c, 1, c->s->h_findings);
    eb_add_paragraph(c, EB_BLOCK_PARAGRAPH, eb_label(b->locale, c->s->findings_intro));
    for (size_t r = 0; r < c->nreviews; r++) {
        const eb_review *rv = c->reviews[r];
        eb_add_heading(c, 2, eb_review_label(b->arena, rv, b->locale));
        eb_block *list = eb_add_block(c, EB_BLOCK_BULLETS);
        list->bullets = eb_arena_array(b->arena, count_findings(c, rv), sizeof *list->bullets);
        for (size_t i = 0; i < rv->nfindings; i++) {
            const eb_finding *f = &rv->findings[i];
            if (!finding_applies(c, f)) continue;
            eb_bullet *bullet = &list->bullets[list->nbullets++];
            eb_quote(&f->text, rv->language, b->locale, &bullet->text, &bullet->rendering);
            const char *refs = eb_format_refs(b->arena, b->locale, &f->refs);
            eb_span design = eb_display(&f->design, rv->language, b->locale);
            char *source = eb_xasprintf("%s%s%s%s%s", c->s->levels[f->level], design.text ? " — " : "",
                                        design.text ? design.text : "", refs ? " " : "", refs ? refs : "");
            bullet->source = eb_arena_strdup(b->arena, source);
            free(source);
            eb_note_refs(c, r, &f->refs);
        }
    }
}

/* ---- the reviews' own tables ----------------------------------------------------------- */

static void copy_source_cell(eb_composer *c, const eb_cell *from, eb_lang lang, eb_brief_cell *to) {
    if (!from->is_list) {
        to->text = eb_span_of(from->n ? from->items[0] : "", lang);
        return;
    }
    to->items = eb_arena_array(c->brief->arena, from->n, sizeof *to->items);
    for (size_t i = 0; i < from->n; i++) to->items[i] = eb_span_of(from->items[i], lang);
    to->nitems = from->n;
}

static void add_source_table(eb_composer *c, size_t review, const eb_table *src) {
    eb_brief *b = c->brief;
    const eb_review *rv = c->reviews[review];
    eb_lang lang = rv->language;
    /* An English header row under the original one helps readers of the
     * other locales; it repeats with the header on every page. */
    bool english_header = src->header_renderings[EB_LANG_EN] && lang != EB_LANG_EN && eb_locale_lang(b->locale) != lang;
    size_t nheader = english_header ? 2 : 1;
    eb_brief_table *t = new_table(c, src->ncols, nheader, src->nrows);
    for (size_t j = 0; j < src->ncols; j++) {
        cell(t, 0, j)->text = eb_span_of(src->header[j], lang);
        if (english_header) cell(t, 1, j)->text = eb_span_of(src->header_renderings[EB_LANG_EN][j], EB_LANG_EN);
    }
    for (size_t i = 0; i < src->nrows; i++)
        for (size_t j = 0; j < src->ncols; j++)
            copy_source_cell(c, &src->cells[i * src->ncols + j], lang, cell(t, nheader + i, j));
    eb_quote(&src->caption, lang, b->locale, &t->caption, &t->caption_rendering);
    char *note = eb_xasprintf(c->s->table_source_format, eb_review_label(b->arena, rv, b->locale),
                              src->number ? src->number : "");
    t->note = eb_label(b->locale, eb_localize_digits(b->arena, b->locale, note));
    free(note);
    eb_note_refs(c, review, &src->refs);
    char *heading = eb_xasprintf("%s %s — %s", c->s->table_label, src->number ? src->number : "",
                                 eb_review_label(b->arena, rv, b->locale));
    eb_add_heading(c, 2, eb_localize_digits(b->arena, b->locale, heading));
    free(heading);
    eb_add_block(c, EB_BLOCK_TABLE)->table = t;
}

void eb_compose_source_tables(eb_composer *c) {
    bool any = false;
    for (size_t r = 0; r < c->nreviews; r++) {
        const eb_review *rv = c->reviews[r];
        for (size_t i = 0; i < rv->ntables; i++) {
            if (!eb_applies_to(rv, &rv->tables[i].indications, c->indication)) continue;
            if (!any) {
                eb_add_heading(c, 1, c->s->h_source_tables);
                eb_add_paragraph(c, EB_BLOCK_PARAGRAPH, eb_label(c->brief->locale, c->s->tables_intro));
                any = true;
            }
            add_source_table(c, r, &rv->tables[i]);
        }
    }
}

/* ---- human studies ---------------------------------------------------------------------- */

static void study_row(eb_composer *c, size_t review, const eb_human_study *s, eb_brief_table *t, size_t row) {
    eb_brief *b = c->brief;
    const eb_review *rv = c->reviews[review];
    const char *refs = eb_format_refs(b->arena, b->locale, &s->refs);
    const char *label = eb_review_label(b->arena, rv, b->locale);
    cell(t, row, 0)->text = refs ? joined(c, label, " ", refs) : eb_label(b->locale, label);
    const eb_text *fields[] = {&s->design, NULL, &s->age_range, &s->source, &s->delivery,
                               &s->frequency, &s->follow_up, &s->outcomes, &s->adverse_events};
    for (size_t j = 0; j < sizeof fields / sizeof fields[0]; j++) {
        eb_brief_cell *out = cell(t, row, j + 1);
        if (!fields[j]) {
            out->text = s->n ? eb_label(b->locale, eb_format_number(b->arena, b->locale, s->n))
                             : eb_label(b->locale, c->s->not_stated);
            continue;
        }
        eb_span value = eb_display(fields[j], rv->language, b->locale);
        if (fields[j] == &s->source && s->derivative.s[rv->language]) {
            eb_span derivative = eb_display(&s->derivative, rv->language, b->locale);
            value = value.text ? joined(c, value.text, " / ", derivative.text) : derivative;
            value.lang = derivative.lang;
        }
        out->text = value.text ? value : eb_label(b->locale, c->s->not_stated);
    }
    eb_note_refs(c, review, &s->refs);
}

void eb_compose_human_studies(eb_composer *c) {
    size_t n = 0;
    for (size_t r = 0; r < c->nreviews; r++)
        for (size_t i = 0; i < c->reviews[r]->nhuman_studies; i++)
            n += eb_index_list_has(&c->reviews[r]->human_studies[i].indications, c->indication);
    eb_add_heading(c, 1, c->s->h_human_studies);
    if (n == 0) {
        eb_add_paragraph(c, EB_BLOCK_PARAGRAPH, eb_label(c->brief->locale, c->s->no_human_studies));
        return;
    }
    const char *header[] = {c->s->col_review, c->s->col_design, c->s->col_n, c->s->col_ages,
                            c->s->col_source, c->s->col_delivery, c->s->col_frequency,
                            c->s->col_follow_up, c->s->col_outcomes, c->s->col_adverse};
    eb_brief_table *t = new_table(c, 10, 1, n);
    set_header(c, t, header);
    size_t row = 1;
    for (size_t r = 0; r < c->nreviews; r++) {
        for (size_t i = 0; i < c->reviews[r]->nhuman_studies; i++) {
            const eb_human_study *s = &c->reviews[r]->human_studies[i];
            if (eb_index_list_has(&s->indications, c->indication)) study_row(c, r, s, t, row++);
        }
    }
    eb_add_block(c, EB_BLOCK_TABLE)->table = t;
}
