/* The tabular sections of a brief: the comparison of the reviews, the
 * findings by review, the reviews' own tables, and the human studies. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose_internal.h"

/* The comparison table shows at most this many findings and limitations
 * per review; the rest are in their own sections, pointed to. */
enum { FINDINGS_IN_COMPARISON = 3, LIMITATIONS_IN_COMPARISON = 2 };

static eb_brief_table *new_table(eb_composer *c, size_t ncols, size_t nheader, size_t nbody) {
    eb_arena *arena = c->brief->arena;
    eb_brief_table *t = eb_arena_alloc(arena, sizeof *t);
    t->ncols = ncols;
    t->nheader_rows = nheader;
    t->nbody_rows = nbody;
    t->cells = eb_arena_array(arena, (nheader + nbody) * ncols, sizeof *t->cells);
    return t;
}

static eb_brief_cell *cell(eb_brief_table *t, size_t row, size_t col) { return &t->cells[row * t->ncols + col]; }

static void set_header(eb_composer *c, eb_brief_table *t, const char *const *labels) {
    for (size_t i = 0; i < t->ncols; i++) cell(t, 0, i)->text = ebi_label(c->brief->locale, labels[i]);
}

static eb_span joined(eb_composer *c, const char *a, const char *sep, const char *b) {
    char *s = eb_xasprintf("%s%s%s", a, sep, b);
    eb_span span = ebi_label(c->brief->locale, ebi_locale_lines(c->brief->arena, c->brief->locale, s));
    free(s);
    return span;
}

/* A list cell from spans collected in a buffer. */
static void set_list(eb_composer *c, eb_brief_cell *out, const eb_span *items, size_t n) {
    if (n == 0) {
        out->text = ebi_label(c->brief->locale, c->s->none);
        return;
    }
    out->items = eb_arena_array(c->brief->arena, n, sizeof *out->items);
    memcpy(out->items, items, n * sizeof *items);
    out->nitems = n;
}

/* ---- comparison ------------------------------------------------------------------ */

/* A finding of this brief that is evidence (background is shown apart). */
static bool finding_applies(const eb_composer *c, const eb_finding *f) {
    return ebi_is_evidence(f) && eb_index_list_has(&f->indications, c->indication);
}

static bool background_applies(const eb_composer *c, const eb_finding *f) {
    return !ebi_is_evidence(f) && eb_index_list_has(&f->indications, c->indication);
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
    if (sc->from_year && sc->to_year) eb_buf_printf(&buf, "\n" EB_FSI "%d–%d" EB_PDI, sc->from_year, sc->to_year);
    if (sc->references_reviewed >= 0)
        eb_buf_printf(&buf, "\n" EB_FSI "%d" EB_PDI " %s", sc->references_reviewed, c->s->scope_references);
    eb_span rating = ebi_display(&rv->own_rating, rv->language, b->locale);
    if (rating.text) eb_buf_printf(&buf, "\n«" EB_FSI "%s" EB_PDI "» (%s)", rating.text, c->s->own_rating);
    const char *text = ebi_localize_digits(b->arena, b->locale, eb_buf_cstr(&buf));
    eb_span span = ebi_label(b->locale, ebi_locale_lines(b->arena, b->locale, text));
    eb_buf_destroy(&buf);
    return span;
}

/* Stronger designs first, so the cell shows the best evidence when it must
 * leave some findings to the findings section. */
static const eb_level strength_order[EB_EVIDENCE_LEVELS] = {
    EB_LEVEL_SYSTEMATIC_REVIEW, EB_LEVEL_HUMAN_TRIAL, EB_LEVEL_ANIMAL, EB_LEVEL_IN_VITRO,
    EB_LEVEL_EXPERT_OPINION};

static void found_cell(eb_composer *c, const eb_review *rv, eb_brief_cell *out) {
    eb_brief *b = c->brief;
    eb_span items[FINDINGS_IN_COMPARISON + 1];
    size_t n = 0, total = count_findings(c, rv);
    for (size_t o = 0; o < EB_EVIDENCE_LEVELS; o++) {
        for (size_t i = 0; i < rv->nfindings && n < FINDINGS_IN_COMPARISON; i++) {
            const eb_finding *f = &rv->findings[i];
            if (finding_applies(c, f) && f->level == strength_order[o])
                items[n++] = ebi_display(&f->text, rv->language, b->locale);
        }
    }
    bool background = false;
    for (size_t i = 0; i < rv->nfindings && total == 0; i++) background |= background_applies(c, &rv->findings[i]);
    if (background) items[n++] = ebi_label(b->locale, c->s->only_background);
    if (total > n) {
        char *more = eb_xasprintf(c->s->more_format,
                                  ebi_isolate(b->arena, ebi_format_number(b->arena, b->locale, (long)(total - n))));
        items[n++] = ebi_label(b->locale, eb_arena_strdup(b->arena, more));
        free(more);
    }
    set_list(c, out, items, n);
}

static void level_cell(eb_composer *c, const eb_review *rv, eb_brief_cell *out) {
    eb_brief *b = c->brief;
    size_t counts[EB_EVIDENCE_LEVELS] = {0};
    for (size_t i = 0; i < rv->nfindings; i++)
        if (finding_applies(c, &rv->findings[i])) counts[rv->findings[i].level]++;
    eb_span items[EB_EVIDENCE_LEVELS];
    size_t n = 0;
    for (size_t o = 0; o < EB_EVIDENCE_LEVELS; o++) {
        eb_level l = strength_order[o];
        if (counts[l])
            items[n++] = joined(c, c->s->levels[l], ": ",
                                ebi_isolate(b->arena, ebi_format_number(b->arena, b->locale, (long)counts[l])));
    }
    if (n == 0) out->text = ebi_label(b->locale, "—"); /* the review states no level: none to count */
    else set_list(c, out, items, n);
}

/* Whether a brief of this indication shows the limitation: tagged for it,
 * or a caveat on the review's human studies that the brief shows. */
static bool limitation_shown(const eb_composer *c, const eb_review *rv, const eb_statement *s) {
    if (s->kind != EB_STATEMENT_LIMITATION) return false;
    if (eb_applies_to(rv, &s->indications, c->indication)) return true;
    for (size_t i = 0; s->about_human_studies && i < rv->nhuman_studies; i++)
        if (ebi_group_of(c, &rv->human_studies[i])) return true;
    return false;
}

/* The review's limitations for this brief; when none is tagged for it but
 * the review states some, those, said to be stated for its other
 * indications: a review that states limitations never reads "none stated". */
static void limitations_cell(eb_composer *c, const eb_review *rv, eb_brief_cell *out) {
    eb_brief *b = c->brief;
    eb_span items[LIMITATIONS_IN_COMPARISON + 2];
    size_t n = 0, total = 0;
    for (int pass = 0; pass < 2 && total == 0; pass++) {
        for (size_t i = 0; i < rv->nstatements; i++) {
            const eb_statement *s = &rv->statements[i];
            bool wanted = pass == 0 ? limitation_shown(c, rv, s) : s->kind == EB_STATEMENT_LIMITATION;
            if (!wanted) continue;
            if (n < LIMITATIONS_IN_COMPARISON) items[n++] = ebi_display(&s->text, rv->language, b->locale);
            total++;
        }
        if (pass == 1 && total) items[n++] = ebi_label(b->locale, c->s->limitations_elsewhere);
    }
    size_t shown = n - (n > LIMITATIONS_IN_COMPARISON ? 1 : 0);
    if (total > shown) {
        char *more = eb_xasprintf(c->s->more_limitations_format,
                                  ebi_isolate(b->arena, ebi_format_number(b->arena, b->locale, (long)(total - shown))));
        items[n++] = ebi_label(b->locale, eb_arena_strdup(b->arena, more));
        free(more);
    }
    set_list(c, out, items, n);
}

void ebi_compose_comparison(eb_composer *c) {
    eb_brief *b = c->brief;
    const char *header[] = {c->s->col_review, c->s->col_kind_scope, c->s->col_found, c->s->col_level,
                            c->s->col_limitations};
    eb_brief_table *t = new_table(c, 5, 1, c->nreviews);
    set_header(c, t, header);
    for (size_t r = 0; r < c->nreviews; r++) {
        const eb_review *rv = c->reviews[r];
        cell(t, r + 1, 0)->text = joined(c, ebi_review_label(b->arena, rv, b->locale), "\n",
                                         c->s->lang_names[rv->language]);
        cell(t, r + 1, 1)->text = kind_and_scope(c, rv);
        found_cell(c, rv, cell(t, r + 1, 2));
        level_cell(c, rv, cell(t, r + 1, 3));
        limitations_cell(c, rv, cell(t, r + 1, 4));
    }
    ebi_add_heading(c, 1, c->s->h_comparison);
    ebi_add_block(c, EB_BLOCK_TABLE)->table = t;
}

/* ---- findings by review ------------------------------------------------------------- */

static eb_bullet finding_bullet(eb_composer *c, size_t review, const eb_finding *f) {
    eb_brief *b = c->brief;
    const eb_review *rv = c->reviews[review];
    eb_bullet bullet = {0};
    ebi_quote(&f->text, rv->language, b->locale, b->arena, &bullet.text, &bullet.rendering);
    const char *refs = ebi_format_refs(b->arena, b->locale, &f->refs);
    eb_span design = ebi_display(&f->design, rv->language, b->locale);
    char *source = eb_xasprintf("%s%s%s%s%s", c->s->levels[f->level], design.text ? " — " : "",
                                design.text ? ebi_isolate(b->arena, design.text) : "", refs ? " " : "",
                                refs ? refs : "");
    bullet.source = eb_arena_strdup(b->arena, source);
    free(source);
    ebi_note_refs(c, review, &f->refs);
    return bullet;
}

typedef bool (*finding_filter)(const eb_composer *c, const eb_finding *f);

/* A heading per review with findings that pass, and their bullets. */
static size_t add_findings(eb_composer *c, finding_filter wanted) {
    eb_brief *b = c->brief;
    size_t total = 0;
    for (size_t r = 0; r < c->nreviews; r++) {
        const eb_review *rv = c->reviews[r];
        size_t n = 0;
        for (size_t i = 0; i < rv->nfindings; i++) n += wanted(c, &rv->findings[i]);
        if (n == 0) continue;
        ebi_add_heading(c, 2, ebi_review_label(b->arena, rv, b->locale));
        eb_block *list = ebi_add_block(c, EB_BLOCK_BULLETS);
        list->bullets = eb_arena_array(b->arena, n, sizeof *list->bullets);
        for (size_t i = 0; i < rv->nfindings; i++)
            if (wanted(c, &rv->findings[i])) list->bullets[list->nbullets++] = finding_bullet(c, r, &rv->findings[i]);
        total += n;
    }
    return total;
}

void ebi_compose_findings(eb_composer *c) {
    ebi_add_heading(c, 1, c->s->h_findings);
    ebi_add_paragraph(c, EB_BLOCK_PARAGRAPH, ebi_label(c->brief->locale, c->s->findings_intro));
    add_findings(c, finding_applies);
}

/* Background (issue 13): disease biology the reviews describe, apart from
 * the evidence and after it, so that it is never read as a finding. */
void ebi_compose_context(eb_composer *c) {
    size_t n = 0;
    for (size_t r = 0; r < c->nreviews; r++)
        for (size_t i = 0; i < c->reviews[r]->nfindings; i++) n += background_applies(c, &c->reviews[r]->findings[i]);
    if (n == 0) return;
    ebi_add_heading(c, 1, c->s->h_context);
    ebi_add_paragraph(c, EB_BLOCK_PARAGRAPH, ebi_label(c->brief->locale, c->s->context_intro));
    add_findings(c, background_applies);
}

/* ---- the reviews' own tables ----------------------------------------------------------- */

static void copy_source_cell(eb_composer *c, const eb_review_cell *from, eb_lang lang, eb_brief_cell *to) {
    if (!from->is_list) {
        to->text = ebi_span_of(from->n ? from->items[0] : "", lang);
        return;
    }
    to->items = eb_arena_array(c->brief->arena, from->n, sizeof *to->items);
    for (size_t i = 0; i < from->n; i++) to->items[i] = ebi_span_of(from->items[i], lang);
    to->nitems = from->n;
}

/* A header row in the reader's language, each cell with its original
 * under it; the original alone where the reader reads the review's
 * language (or the header has no rendering in it). */
static void source_header(eb_composer *c, const eb_table *src, eb_lang lang, eb_brief_table *t) {
    eb_lang want = eb_locale_lang(c->brief->locale);
    const char *const *rendered = want != lang ? src->header_renderings[want] : NULL;
    for (size_t j = 0; j < src->ncols; j++) {
        eb_brief_cell *h = cell(t, 0, j);
        if (!rendered) {
            h->text = ebi_span_of(src->header[j], lang);
            continue;
        }
        h->text = ebi_span_of(rendered[j], want);
        h->note = ebi_span_of(src->header[j], lang);
    }
}

static void add_source_table(eb_composer *c, size_t review, const eb_table *src) {
    eb_brief *b = c->brief;
    const eb_review *rv = c->reviews[review];
    eb_lang lang = rv->language;
    eb_brief_table *t = new_table(c, src->ncols, 1, src->nrows);
    source_header(c, src, lang, t);
    for (size_t i = 0; i < src->nrows; i++)
        for (size_t j = 0; j < src->ncols; j++)
            copy_source_cell(c, &src->cells[i * src->ncols + j], lang, cell(t, 1 + i, j));
    ebi_quote(&src->caption, lang, b->locale, b->arena, &t->caption, &t->caption_rendering);
    const char *label = ebi_review_label(b->arena, rv, b->locale);
    const char *number = src->number ? ebi_isolate(b->arena, ebi_localize_digits(b->arena, b->locale, src->number)) : "";
    char *note = eb_xasprintf(c->s->table_source_format, label, number);
    t->note = ebi_label(b->locale, eb_arena_strdup(b->arena, note));
    free(note);
    ebi_note_refs(c, review, &src->refs);
    char *heading = eb_xasprintf("%s %s — %s", c->s->table_label, number, label);
    ebi_add_heading(c, 2, eb_arena_strdup(b->arena, heading));
    free(heading);
    ebi_add_block(c, EB_BLOCK_TABLE)->table = t;
}

void ebi_compose_source_tables(eb_composer *c) {
    bool any = false;
    for (size_t r = 0; r < c->nreviews; r++) {
        const eb_review *rv = c->reviews[r];
        for (size_t i = 0; i < rv->ntables; i++) {
            if (!eb_applies_to(rv, &rv->tables[i].indications, c->indication)) continue;
            if (!any) {
                ebi_add_heading(c, 1, c->s->h_source_tables);
                ebi_add_paragraph(c, EB_BLOCK_PARAGRAPH, ebi_label(c->brief->locale, c->s->tables_intro));
                any = true;
            }
            add_source_table(c, r, &rv->tables[i]);
        }
    }
}

/* ---- human studies ---------------------------------------------------------------------- */

#define GROUP_MAX ((size_t)EB_GROUP_MAX)

const eb_study_group *ebi_group_of(const eb_composer *c, const eb_human_study *study) {
    for (size_t g = 0; g < c->ngroups; g++)
        for (size_t k = 0; k < c->groups[g].n; k++)
            if (c->groups[g].studies[k] == study) return &c->groups[g];
    return NULL;
}

static eb_study_group *group_for(eb_composer *c, const eb_human_study *s) {
    for (size_t g = 0; g < c->ngroups; g++) {
        eb_study_group *group = &c->groups[g];
        if (group->n < GROUP_MAX && eb_same_study(group->studies[0], s)) return group;
    }
    eb_study_group *group = &c->groups[c->ngroups++];
    *group = (eb_study_group){0};
    return group;
}

/* One group per distinct study of this brief, in the order the reviews
 * describe them: the same DOI (else PMID) across reviews is one study. */
void ebi_collect_study_groups(eb_composer *c) {
    size_t n = 0;
    for (size_t r = 0; r < c->nreviews; r++) n += c->reviews[r]->nhuman_studies;
    c->groups = eb_arena_array(c->brief->arena, n, sizeof *c->groups);
    for (size_t r = 0; r < c->nreviews; r++) {
        const eb_review *rv = c->reviews[r];
        for (size_t i = 0; i < rv->nhuman_studies; i++) {
            const eb_human_study *s = &rv->human_studies[i];
            if (!eb_index_list_has(&s->indications, c->indication)) continue;
            eb_study_group *group = group_for(c, s);
            group->reviews[group->n] = r;
            group->studies[group->n++] = s;
        }
    }
}

/* The value of one field as one review gives it: in the reader's language,
 * and the original when that is a rendering. */
typedef struct {
    eb_span value, original;
} field_value;

typedef field_value (*field_reader)(eb_composer *c, size_t review, const eb_human_study *s, const void *field);

static field_value text_field(eb_composer *c, size_t review, const eb_human_study *s, const void *field) {
    (void)s;
    field_value v;
    ebi_quote_plain(field, c->reviews[review]->language, c->brief->locale, &v.value, &v.original);
    return v;
}

static const char *join3(eb_composer *c, const char *a, const char *sep, const char *b) {
    char *s = eb_xasprintf("%s%s%s", a, sep, b);
    const char *out = eb_arena_strdup(c->brief->arena, s);
    free(s);
    return out;
}

/* "adipose MSC / exosomes": the source and derivative, joined in both the
 * reader's language and the original. */
static field_value source_field(eb_composer *c, size_t review, const eb_human_study *s, const void *field) {
    (void)field;
    field_value a = text_field(c, review, s, &s->source), d = text_field(c, review, s, &s->derivative);
    if (!a.value.text) return d;
    if (!d.value.text) return a;
    field_value v = {{join3(c, a.value.text, " / ", d.value.text), d.value.lang}, a.original};
    if (a.original.text && d.original.text) v.original.text = join3(c, a.original.text, " / ", d.original.text);
    return v;
}

static field_value n_field(eb_composer *c, size_t review, const eb_human_study *s, const void *field) {
    (void)review;
    (void)field;
    eb_brief *b = c->brief;
    field_value v = {{NULL, eb_locale_lang(b->locale)}, {NULL, EB_LANG_EN}};
    if (s->n) v.value.text = ebi_format_number(b->arena, b->locale, s->n);
    return v;
}

static bool same_text(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

/* "Xiang 2026: value": one review's value of a study several describe. */
static const char *attributed(eb_composer *c, size_t review, const char *value) {
    eb_brief *b = c->brief;
    return join3(c, ebi_review_label(b->arena, c->reviews[review], b->locale), ": ", value);
}

/* The originals of the members that give a value, in the cell's note:
 * plain when one review gives it, else each with its review. */
static void group_note(eb_composer *c, const eb_study_group *g, const field_value *v, size_t stating,
                       eb_brief_cell *out) {
    eb_buf note = {0};
    eb_lang lang = EB_LANG_EN;
    for (size_t k = 0; k < g->n; k++) {
        if (!v[k].value.text || !v[k].original.text) continue;
        if (!note.len) lang = v[k].original.lang;
        const char *text = stating > 1 ? attributed(c, g->reviews[k], v[k].original.text) : v[k].original.text;
        eb_buf_printf(&note, "%s%s", note.len ? "\n" : "", text);
    }
    if (note.len) out->note = ebi_span_of(eb_arena_strdup(c->brief->arena, eb_buf_cstr(&note)), lang);
    eb_buf_destroy(&note);
}

/* A field of a study one or several reviews describe. Where the reviews
 * that give it agree, the value once (with the review that gives it, when
 * the others do not); where they differ (design, delivery ...), each
 * review's value beside the others'. The originals go in the cell's note. */
static void group_cell(eb_composer *c, const eb_study_group *g, field_reader read, const void *const *fields,
                       eb_brief_cell *out) {
    eb_brief *b = c->brief;
    field_value v[GROUP_MAX] = {0};
    size_t stating = 0, first = 0;
    bool agree = true;
    for (size_t k = 0; k < g->n; k++) {
        v[k] = read(c, g->reviews[k], g->studies[k], fields[k]);
        if (!v[k].value.text) continue;
        if (stating++ == 0) first = k;
        agree &= same_text(v[k].value.text, v[first].value.text);
    }
    if (stating == 0) {
        out->text = ebi_label(b->locale, c->s->not_stated);
    } else if (agree && stating == g->n) {
        out->text = v[first].value;
    } else if (agree && stating == 1) {
        out->text = ebi_span_of(attributed(c, g->reviews[first], v[first].value.text), v[first].value.lang);
    } else {
        out->items = eb_arena_array(b->arena, g->n, sizeof *out->items);
        for (size_t k = 0; k < g->n; k++)
            if (v[k].value.text)
                out->items[out->nitems++] = ebi_span_of(attributed(c, g->reviews[k], v[k].value.text), v[k].value.lang);
    }
    group_note(c, g, v, stating, out);
}

/* The first cell: how each review names the study, and where it cites it;
 * the original names in the note. */
static void study_cell(eb_composer *c, const eb_study_group *g, eb_brief_cell *out) {
    eb_brief *b = c->brief;
    eb_buf text = {0}, note = {0};
    eb_lang note_lang = EB_LANG_EN;
    for (size_t k = 0; k < g->n; k++) {
        const eb_review *rv = c->reviews[g->reviews[k]];
        const eb_human_study *s = g->studies[k];
        eb_span name, original;
        ebi_quote_plain(&s->cited_as, rv->language, b->locale, &name, &original);
        const char *refs = ebi_format_refs(b->arena, b->locale, &s->refs);
        eb_buf_printf(&text, "%s%s%s%s%s%s", k ? "\n" : "", name.text ? name.text : "", name.text ? "\n" : "",
                      ebi_review_label(b->arena, rv, b->locale), refs ? " " : "", refs ? refs : "");
        if (original.text && !same_text(original.text, name.text)) {
            if (!note.len) note_lang = original.lang;
            eb_buf_printf(&note, "%s%s", note.len ? "\n" : "", original.text);
        }
        ebi_note_refs(c, g->reviews[k], &s->refs);
    }
    out->text = ebi_label(b->locale, ebi_locale_lines(b->arena, b->locale, eb_buf_cstr(&text)));
    if (note.len) out->note = ebi_span_of(eb_arena_strdup(b->arena, eb_buf_cstr(&note)), note_lang);
    eb_buf_destroy(&text);
    eb_buf_destroy(&note);
}

/* The columns after the first: how each reads its value from a study. */
typedef struct {
    field_reader read;
    size_t offset;      /* of the eb_text in eb_human_study, for text_field */
} study_column;

static const study_column study_columns[] = {
    {text_field, offsetof(eb_human_study, design)},     {n_field, 0},
    {text_field, offsetof(eb_human_study, age_range)},  {source_field, 0},
    {text_field, offsetof(eb_human_study, delivery)},   {text_field, offsetof(eb_human_study, frequency)},
    {text_field, offsetof(eb_human_study, follow_up)},  {text_field, offsetof(eb_human_study, outcomes)},
    {text_field, offsetof(eb_human_study, adverse_events)},
};

static void study_row(eb_composer *c, const eb_study_group *g, eb_brief_table *t, size_t row) {
    study_cell(c, g, cell(t, row, 0));
    for (size_t j = 0; j < sizeof study_columns / sizeof study_columns[0]; j++) {
        const void *fields[GROUP_MAX] = {0};
        for (size_t k = 0; k < g->n; k++) fields[k] = (const char *)g->studies[k] + study_columns[j].offset;
        group_cell(c, g, study_columns[j].read, fields, cell(t, row, j + 1));
    }
}

/* The caveats each review states about its human studies, beside them,
 * whatever indications they are tagged with (issue 13). */
static void add_caveats(eb_composer *c) {
    size_t n = 0;
    for (size_t r = 0; r < c->nreviews; r++) {
        const eb_review *rv = c->reviews[r];
        bool shown = false;
        for (size_t i = 0; i < rv->nhuman_studies && !shown; i++) shown = ebi_group_of(c, &rv->human_studies[i]);
        for (size_t i = 0; shown && i < rv->nstatements; i++) n += rv->statements[i].about_human_studies;
    }
    if (n == 0) return;
    ebi_add_heading(c, 2, c->s->h_caveats);
    eb_block *list = ebi_add_block(c, EB_BLOCK_BULLETS);
    list->bullets = eb_arena_array(c->brief->arena, n, sizeof *list->bullets);
    for (size_t r = 0; r < c->nreviews; r++) {
        const eb_review *rv = c->reviews[r];
        bool shown = false;
        for (size_t i = 0; i < rv->nhuman_studies && !shown; i++) shown = ebi_group_of(c, &rv->human_studies[i]);
        for (size_t i = 0; shown && i < rv->nstatements; i++) {
            const eb_statement *s = &rv->statements[i];
            if (s->about_human_studies) list->bullets[list->nbullets++] = ebi_statement_bullet(c, r, s);
        }
    }
}

void ebi_compose_human_studies(eb_composer *c) {
    eb_brief *b = c->brief;
    ebi_add_heading(c, 1, c->s->h_human_studies);
    if (c->ngroups == 0) {
        ebi_add_paragraph(c, EB_BLOCK_PARAGRAPH, ebi_label(b->locale, c->s->no_human_studies));
        return;
    }
    char *total = eb_xasprintf(c->s->studies_distinct_format,
                               ebi_isolate(b->arena, ebi_format_number(b->arena, b->locale, (long)c->ngroups)));
    char *intro = eb_xasprintf("%s %s", total, c->s->studies_intro);
    ebi_add_paragraph(c, EB_BLOCK_PARAGRAPH, ebi_label(b->locale, eb_arena_strdup(b->arena, intro)));
    free(total);
    free(intro);
    const char *header[] = {c->s->col_study, c->s->col_design, c->s->col_n, c->s->col_ages,
                            c->s->col_source, c->s->col_delivery, c->s->col_frequency,
                            c->s->col_follow_up, c->s->col_outcomes, c->s->col_adverse};
    eb_brief_table *t = new_table(c, 10, 1, c->ngroups);
    set_header(c, t, header);
    for (size_t g = 0; g < c->ngroups; g++) study_row(c, &c->groups[g], t, g + 1);
    ebi_add_block(c, EB_BLOCK_TABLE)->table = t;
    add_caveats(c);
}
