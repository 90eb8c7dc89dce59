/* The prose sections of a brief: title block, key messages, chart, safety
 * and regulatory statements, evidence gaps and references. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose_internal.h"

static void add_meta(eb_composer *c, const char *label, eb_span value) {
    eb_block *m = eb_add_block(c, EB_BLOCK_META);
    m->label = eb_label(c->brief->locale, label);
    m->text = value;
}

static const char *evidence_date(const eb_composer *c) {
    const char *latest = NULL;
    for (size_t r = 0; r < c->nreviews; r++) {
        const char *d = eb_review_evidence_date(c->reviews[r]);
        if (d && (!latest || strcmp(d, latest) > 0)) latest = d;
    }
    return latest;
}

static eb_span build_date(eb_composer *c, const eb_compose_options *options, const char *evidence) {
    eb_brief *b = c->brief;
    if (options->build_day >= 0) {
        int y, m, d;
        eb_civil_from_days(options->build_day, &y, &m, &d);
        char iso[16];
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
        return eb_label(b->locale, eb_format_date(b->arena, b->locale, iso));
    }
    char *text = eb_xasprintf("%s %s", evidence ? eb_format_date(b->arena, b->locale, evidence) : "",
                              c->s->build_date_from_evidence);
    eb_span span = eb_label(b->locale, eb_arena_strdup(b->arena, text));
    free(text);
    return span;
}

static eb_span review_list(eb_composer *c) {
    eb_brief *b = c->brief;
    eb_buf buf = {0};
    eb_buf_printf(&buf, "%s: ", eb_format_number(b->arena, b->locale, (long)c->nreviews));
    for (size_t r = 0; r < c->nreviews; r++)
        eb_buf_printf(&buf, "%s%s", r ? c->s->list_separator : "", eb_review_label(b->arena, c->reviews[r], b->locale));
    eb_span span = eb_label(b->locale, eb_arena_strdup(b->arena, eb_buf_cstr(&buf)));
    eb_buf_free(&buf);
    return span;
}

static eb_span conditions(eb_composer *c) {
    eb_brief *b = c->brief;
    eb_lang lang = eb_locale_lang(b->locale);
    eb_buf buf = {0};
    for (size_t i = 0; i < b->indication->nconditions; i++)
        eb_buf_printf(&buf, "%s%s", i ? c->s->list_separator : "", b->indication->conditions[i].s[lang]);
    eb_span span = eb_label(b->locale, eb_arena_strdup(b->arena, eb_buf_cstr(&buf)));
    eb_buf_free(&buf);
    return span;
}

void eb_compose_title(eb_composer *c, const eb_compose_options *options) {
    eb_brief *b = c->brief;
    eb_lang lang = eb_locale_lang(b->locale);
    eb_add_paragraph(c, EB_BLOCK_TITLE, eb_label(b->locale, b->title));
    eb_add_paragraph(c, EB_BLOCK_SUBTITLE, eb_label(b->locale, b->subject));
    add_meta(c, c->s->label_indication, eb_span_of(b->indication->name.s[lang], lang));
    if (b->indication->nconditions) add_meta(c, c->s->label_conditions, conditions(c));
    add_meta(c, c->s->label_language, eb_label(b->locale, c->s->language_name));
    const char *evidence = evidence_date(c);
    if (evidence) add_meta(c, c->s->label_evidence_date, eb_label(b->locale, eb_format_date(b->arena, b->locale, evidence)));
    add_meta(c, c->s->label_build_date, build_date(c, options, evidence));
    add_meta(c, c->s->label_reviews, review_list(c));
    if (options->inputs_digest)
        add_meta(c, c->s->label_digest, eb_span_of(eb_arena_strndup(b->arena, options->inputs_digest, 16), EB_LANG_EN));
}

/* ---- key messages ---------------------------------------------------------- */

static eb_bullet quoted_bullet(eb_composer *c, size_t review, const eb_text *text, const eb_ref_list *refs) {
    eb_brief *b = c->brief;
    const eb_review *rv = c->reviews[review];
    eb_bullet bullet = {0};
    eb_quote(text, rv->language, b->locale, &bullet.text, &bullet.rendering);
    const char *label = eb_review_label(b->arena, rv, b->locale);
    const char *cites = eb_format_refs(b->arena, b->locale, refs);
    char *source = cites ? eb_xasprintf("%s %s", label, cites) : eb_xstrdup(label);
    bullet.source = eb_arena_strdup(b->arena, source);
    free(source);
    eb_note_refs(c, review, refs);
    return bullet;
}

/* A conclusion that names this indication outranks one about all of them. */
static const eb_statement *nth_conclusion(const eb_composer *c, size_t review, size_t nth) {
    const eb_review *rv = c->reviews[review];
    size_t seen = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < rv->nstatements; i++) {
            const eb_statement *s = &rv->statements[i];
            if (s->kind != EB_STATEMENT_CONCLUSION) continue;
            bool named = eb_index_list_has(&s->indications, c->indication);
            bool general = s->indications.n == 0;
            if ((pass == 0 && named) || (pass == 1 && general)) {
                if (seen++ == nth) return s;
            }
        }
    }
    return NULL;
}

/* Two to four messages, taken in turn from each review's conclusions so
 * that no single review dominates. */
void eb_compose_key_messages(eb_composer *c) {
    enum { MAX_MESSAGES = 4 };
    eb_bullet bullets[MAX_MESSAGES];
    size_t n = 0;
    for (size_t round = 0; round < 4 && n < MAX_MESSAGES; round++) {
        for (size_t r = 0; r < c->nreviews && n < MAX_MESSAGES; r++) {
            const eb_statement *s = nth_conclusion(c, r, round);
            if (s) bullets[n++] = quoted_bullet(c, r, &s->text, &s->refs);
        }
    }
    if (n == 0) return;
    eb_add_heading(c, 1, c->s->h_key_messages);
    eb_block *list = eb_add_block(c, EB_BLOCK_BULLETS);
    list->bullets = eb_arena_array(c->brief->arena, n, sizeof *list->bullets);
    memcpy(list->bullets, bullets, n * sizeof *bullets);
    list->nbullets = n;
}

/* ---- chart --------------------------------------------------------------------- */

static void fill_chart_row(eb_composer *c, size_t review, eb_chart_row *row) {
    eb_brief *b = c->brief;
    const eb_review *rv = c->reviews[review];
    row->label = eb_label(b->locale, eb_review_label(b->arena, rv, b->locale));
    for (size_t i = 0; i < rv->nfindings; i++)
        if (eb_index_list_has(&rv->findings[i].indications, c->indication)) row->counts[rv->findings[i].level]++;
    row->trial_sizes = eb_arena_array(b->arena, rv->nhuman_studies, sizeof *row->trial_sizes);
    for (size_t i = 0; i < rv->nhuman_studies; i++)
        if (eb_index_list_has(&rv->human_studies[i].indications, c->indication))
            row->trial_sizes[row->ntrials++] = rv->human_studies[i].n;
}

/* "; human studies (n): 30, 72, not stated": what the chart's last column
 * shows, since its text is hidden behind the figure's alternative text. */
static void append_trial_sizes(eb_composer *c, const eb_chart_row *row, eb_buf *out) {
    if (row->ntrials == 0) return;
    eb_buf_printf(out, "; %s: ", c->s->trials_label);
    for (size_t t = 0; t < row->ntrials; t++) {
        eb_brief *b = c->brief;
        const char *n = row->trial_sizes[t] ? eb_format_number(b->arena, b->locale, row->trial_sizes[t])
                                            : c->s->not_stated;
        eb_buf_printf(out, "%s%s", t ? c->s->list_separator : "", n);
    }
}

static eb_span chart_alt(eb_composer *c, const eb_chart *chart) {
    eb_brief *b = c->brief;
    eb_buf summary = {0};
    for (size_t r = 0; r < chart->nrows; r++) {
        eb_buf_printf(&summary, "%s%s (", r ? "; " : "", chart->rows[r].label.text);
        bool first = true;
        for (int l = 0; l < EB_LEVEL_COUNT; l++) {
            if (!chart->rows[r].counts[l]) continue;
            eb_buf_printf(&summary, "%s%s %s", first ? "" : c->s->list_separator, c->s->levels[l],
                          eb_format_number(b->arena, b->locale, (long)chart->rows[r].counts[l]));
            first = false;
        }
        append_trial_sizes(c, &chart->rows[r], &summary);
        eb_buf_putc(&summary, ')');
    }
    char *alt = eb_xasprintf(c->s->chart_alt_format, b->indication->name.s[eb_locale_lang(b->locale)],
                             eb_buf_cstr(&summary));
    eb_span span = eb_label(b->locale, eb_arena_strdup(b->arena, alt));
    free(alt);
    eb_buf_free(&summary);
    return span;
}

void eb_compose_chart(eb_composer *c) {
    eb_brief *b = c->brief;
    eb_chart *chart = eb_arena_alloc(b->arena, sizeof *chart);
    chart->rows = eb_arena_array(b->arena, c->nreviews, sizeof *chart->rows);
    chart->nrows = c->nreviews;
    for (size_t r = 0; r < c->nreviews; r++) fill_chart_row(c, r, &chart->rows[r]);
    for (int l = 0; l < EB_LEVEL_COUNT; l++) chart->level_labels[l] = eb_label(b->locale, c->s->levels[l]);
    chart->trials_label = eb_label(b->locale, c->s->trials_label);
    chart->not_stated = eb_label(b->locale, c->s->not_stated);
    chart->alt = chart_alt(c, chart);
    eb_add_heading(c, 1, c->s->h_glance);
    eb_add_paragraph(c, EB_BLOCK_PARAGRAPH, eb_label(b->locale, c->s->chart_intro));
    eb_add_block(c, EB_BLOCK_CHART)->chart = chart;
}

/* ---- statements ------------------------------------------------------------------ */

static size_t add_statement_bullets(eb_composer *c, const eb_statement_kind *kinds, size_t nkinds) {
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++) {
        eb_block *list = NULL;
        for (size_t r = 0; r < c->nreviews; r++) {
            const eb_review *rv = c->reviews[r];
            for (size_t i = 0; i < rv->nstatements; i++) {
                const eb_statement *s = &rv->statements[i];
                bool wanted = false;
                for (size_t k = 0; k < nkinds; k++) wanted |= s->kind == kinds[k];
                if (!wanted || !eb_applies_to(rv, &s->indications, c->indication)) continue;
                if (pass == 0) { n++; continue; }
                if (!list) {
                    list = eb_add_block(c, EB_BLOCK_BULLETS);
                    list->bullets = eb_arena_array(c->brief->arena, n, sizeof *list->bullets);
                }
                list->bullets[list->nbullets++] = quoted_bullet(c, r, &s->text, &s->refs);
            }
        }
        if (n == 0) break;
    }
    return n;
}

void eb_compose_statements(eb_composer *c) {
    static const eb_statement_kind safety[] = {EB_STATEMENT_REGULATORY, EB_STATEMENT_SAFETY};
    static const eb_statement_kind gaps[] = {EB_STATEMENT_LIMITATION, EB_STATEMENT_GAP};
    eb_add_heading(c, 1, c->s->h_safety);
    if (!add_statement_bullets(c, safety, 2))
        eb_add_paragraph(c, EB_BLOCK_PARAGRAPH, eb_label(c->brief->locale, c->s->no_safety));
    eb_add_heading(c, 1, c->s->h_gaps);
    if (!add_statement_bullets(c, gaps, 2))
        eb_add_paragraph(c, EB_BLOCK_PARAGRAPH, eb_label(c->brief->locale, c->s->no_gaps));
}

/* ---- references --------------------------------------------------------------------- */

static const char *link_for(eb_arena *arena, const char *doi, const char *url) {
    if (doi) {
        char *link = eb_xasprintf("https://doi.org/%s", doi);
        const char *out = eb_arena_strdup(arena, link);
        free(link);
        return out;
    }
    return url;
}

/* The review itself: authors, title, journal, DOI. */
static void add_review_entry(eb_composer *c, const eb_review *rv) {
    eb_brief *b = c->brief;
    eb_buf buf = {0};
    for (size_t i = 0; i < rv->nauthors; i++)
        eb_buf_printf(&buf, "%s%s", i ? ", " : "", rv->authors[i].name);
    if (rv->nauthors) eb_buf_puts(&buf, ". ");
    eb_span title = eb_display(&rv->title, rv->language, b->locale);
    eb_lang original = rv->language;
    if (rv->title.s[original]) eb_buf_printf(&buf, "%s. ", rv->title.s[original]);
    if (title.text && title.lang != original) eb_buf_printf(&buf, "(%s) ", title.text);
    eb_span journal = eb_display(&rv->journal, rv->language, b->locale);
    if (journal.text) eb_buf_printf(&buf, "%s. ", journal.text);
    eb_buf_printf(&buf, "%d", rv->year);
    if (rv->volume) eb_buf_printf(&buf, ";%s", rv->volume);
    if (rv->issue) eb_buf_printf(&buf, "(%s)", rv->issue);
    if (rv->pages) eb_buf_printf(&buf, ":%s", rv->pages);
    eb_buf_puts(&buf, ".");
    if (rv->doi) eb_buf_printf(&buf, " doi:%s", rv->doi);
    else if (rv->url) eb_buf_printf(&buf, " %s", rv->url);
    eb_block *entry = eb_add_block(c, EB_BLOCK_REFERENCE);
    entry->text = eb_span_of(eb_arena_strdup(b->arena, eb_buf_cstr(&buf)), original);
    entry->link = link_for(b->arena, rv->doi, rv->url);
    eb_buf_free(&buf);
}

static void add_cited_references(eb_composer *c, size_t review) {
    eb_brief *b = c->brief;
    const eb_review *rv = c->reviews[review];
    for (int n = 1; n <= 10000; n++) {
        if (!c->cited[review][n]) continue;
        const eb_reference *ref = eb_review_find_reference(rv, n);
        if (!ref) continue;
        eb_buf buf = {0};
        eb_buf_puts(&buf, ref->text);
        if (ref->doi && !strstr(ref->text, ref->doi)) eb_buf_printf(&buf, " doi:%s", ref->doi);
        if (ref->pmid) eb_buf_printf(&buf, " PMID:%s", ref->pmid);
        eb_block *block = eb_add_block(c, EB_BLOCK_REFERENCE);
        block->text = eb_span_of(eb_arena_strdup(b->arena, eb_buf_cstr(&buf)), EB_LANG_EN);
        char number[32];
        snprintf(number, sizeof number, "[%d]", n);
        block->label = eb_span_of(eb_localize_digits(b->arena, b->locale, number), eb_locale_lang(b->locale));
        block->link = link_for(b->arena, ref->doi, ref->url);
        eb_buf_free(&buf);
    }
}

void eb_compose_references(eb_composer *c) {
    eb_add_heading(c, 1, c->s->h_references);
    for (size_t r = 0; r < c->nreviews; r++) {
        eb_add_heading(c, 2, eb_review_label(c->brief->arena, c->reviews[r], c->brief->locale));
        add_review_entry(c, c->reviews[r]);
        add_cited_references(c, r);
    }
}
