/* The prose sections of a brief: title block, key messages, chart, safety
 * and regulatory statements, evidence gaps and references. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose_internal.h"

/* The latest publication or update of the feeding reviews; their latest
 * year when none gives a date (a review is evidence once published, not
 * when a journal accepts it). */
const char *ebi_evidence_date(const eb_composer *c) {
    const char *latest = NULL;
    int year = 0;
    for (size_t r = 0; r < c->nreviews; r++) {
        const char *d = eb_review_evidence_date(c->reviews[r]);
        if (d && (!latest || strcmp(d, latest) > 0)) latest = d;
        if (c->reviews[r]->year > year) year = c->reviews[r]->year;
    }
    if (latest || !year) return latest;
    char text[16];
    snprintf(text, sizeof text, "%d", year);
    return eb_arena_strdup(c->brief->arena, text);
}

static eb_span build_date(eb_composer *c, const eb_compose_options *options, const char *evidence) {
    eb_brief *b = c->brief;
    if (options->build_day >= 0) {
        int y, m, d;
        ebi_civil_from_days(options->build_day, &y, &m, &d);
        char iso[16];
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
        return ebi_label(b->locale, ebi_format_date(b->arena, b->locale, iso));
    }
    char *text = eb_xasprintf("%s %s", evidence ? ebi_isolate(b->arena, ebi_format_date(b->arena, b->locale, evidence)) : "",
                              c->s->build_date_from_evidence);
    eb_span span = ebi_label(b->locale, eb_arena_strdup(b->arena, text));
    free(text);
    return span;
}

static eb_span conditions(eb_composer *c) {
    eb_brief *b = c->brief;
    eb_lang lang = eb_locale_lang(b->locale);
    eb_buf buf = {0};
    for (size_t i = 0; i < b->indication->nconditions; i++)
        eb_buf_printf(&buf, "%s%s", i ? c->s->list_separator : "", b->indication->conditions[i].s[lang]);
    eb_span span = ebi_label(b->locale, eb_arena_strdup(b->arena, eb_buf_cstr(&buf)));
    eb_buf_destroy(&buf);
    return span;
}

/* The title block names the brief and what it covers; how it was built
 * (language, build date, translations) is small print at the end. */
void ebi_compose_title(eb_composer *c) {
    eb_brief *b = c->brief;
    ebi_compose_letterhead(c);
    ebi_add_paragraph(c, EB_BLOCK_TITLE, ebi_label(b->locale, b->title));
    ebi_add_paragraph(c, EB_BLOCK_SUBTITLE, ebi_label(b->locale, b->subject));
    /* the title names the indication; the conditions it covers follow */
    if (b->indication->nconditions) ebi_add_meta(c, c->s->label_conditions, conditions(c));
}

void ebi_compose_build_details(eb_composer *c, const eb_compose_options *options) {
    eb_brief *b = c->brief;
    ebi_add_meta(c, c->s->label_language, ebi_label(b->locale, c->s->language_name));
    ebi_add_meta(c, c->s->label_build_date, build_date(c, options, ebi_evidence_date(c)));
    ebi_add_meta(c, c->s->label_translations, ebi_label(b->locale, c->s->translations_note));
}

/* ---- key messages ---------------------------------------------------------- */

const char *ebi_attribution(eb_composer *c, size_t review, const eb_ref_list *refs) {
    eb_brief *b = c->brief;
    const char *label = ebi_review_label(b->arena, c->reviews[review], b->locale);
    const char *cites = ebi_format_refs(b->arena, b->locale, refs);
    char *source = cites ? eb_xasprintf("%s %s", label, cites) : eb_xstrdup(label);
    const char *out = eb_arena_strdup(b->arena, source);
    free(source);
    ebi_note_refs(c, review, refs);
    return out;
}

static eb_bullet quoted_bullet(eb_composer *c, size_t review, const eb_text *text, const eb_ref_list *refs) {
    eb_brief *b = c->brief;
    eb_bullet bullet = {0};
    ebi_quote(text, c->reviews[review]->language, b->locale, b->arena, &bullet.text, &bullet.rendering);
    bullet.source = ebi_attribution(c, review, refs);
    return bullet;
}

eb_bullet ebi_statement_bullet(eb_composer *c, size_t review, const eb_statement *s) {
    return quoted_bullet(c, review, &s->text, &s->refs);
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
 * that no single review dominates: the bottom line as the reviews state
 * it, each with who says it. Page 1 reads in the locale only; the
 * originals have a section of their own near the end (ebi_compose_key_originals). */
void ebi_compose_key_messages(eb_composer *c) {
    enum { MAX_MESSAGES = 4 };
    eb_brief *b = c->brief;
    c->key = eb_arena_array(b->arena, MAX_MESSAGES, sizeof *c->key);
    for (size_t round = 0; round < 4 && c->nkey < MAX_MESSAGES; round++) {
        for (size_t r = 0; r < c->nreviews && c->nkey < MAX_MESSAGES; r++) {
            const eb_statement *s = nth_conclusion(c, r, round);
            if (s) c->key[c->nkey++] = (eb_statement_ref){r, s};
        }
    }
    ebi_add_heading(c, 2, c->s->h_key_messages);
    if (c->nkey == 0) {
        ebi_add_paragraph(c, EB_BLOCK_PARAGRAPH, ebi_label(b->locale, c->s->no_conclusions));
        return;
    }
    eb_block *list = ebi_add_block(c, EB_BLOCK_BULLETS);
        list->bullets = eb_arena_array(b->arena, c->nkey, sizeof *list->bullets);
    for (size_t k = 0; k < c->nkey; k++) {
        const eb_statement *s = c->key[k].statement;
        eb_bullet *bullet = &list->bullets[list->nbullets++];
        eb_span text, original;
        ebi_quote_plain(&s->text, c->reviews[c->key[k].review]->language, b->locale, &text, &original);
        /* who says it at the end of its last line, not on a line of its own:
         * page 1 has to hold the whole summary */
        char *said = eb_xasprintf(c->s->paren_format, text.text, ebi_attribution(c, c->key[k].review, &s->refs));
        bullet->text = ebi_span_of(eb_arena_strdup(b->arena, said), text.lang);
        free(said);
    }
}

void ebi_compose_key_originals(eb_composer *c) {
    eb_brief *b = c->brief;
    eb_bullet *bullets = eb_arena_array(b->arena, c->nkey ? c->nkey : 1, sizeof *bullets);
    size_t n = 0;
    for (size_t k = 0; k < c->nkey; k++) {
        size_t r = c->key[k].review;
        const eb_statement *s = c->key[k].statement;
        eb_span main, original;
        ebi_quote(&s->text, c->reviews[r]->language, b->locale, b->arena, &main, &original);
        if (!original.text) continue; /* the review's own language: page 1 has its words */
        /* who says it first, then the marked original under it, smaller:
         * the marker never opens an item (nor, so, a page) */
        bullets[n++] = (eb_bullet){.text = ebi_label(b->locale, ebi_attribution(c, r, &s->refs)), .rendering = original};
    }
    if (n == 0) return;
    ebi_add_heading(c, 1, c->s->h_key_originals);
    ebi_add_paragraph(c, EB_BLOCK_PARAGRAPH, ebi_label(b->locale, c->s->key_originals_intro));
    eb_block *list = ebi_add_block(c, EB_BLOCK_BULLETS);
    list->bullets = bullets;
    list->nbullets = n;
}

/* ---- chart --------------------------------------------------------------------- */

/* "n = 30, 28*; 2 × not stated" ("—" for none): a study another review
 * also describes (its group has several members) is marked *, so that the
 * distinct total below the chart is what the rows add up to. */
static eb_span trials_text(eb_composer *c, size_t review, bool *any_shared) {
    eb_brief *b = c->brief;
    const eb_review *rv = c->reviews[review];
    bool fa = b->locale == EB_LOCALE_FA, zh = b->locale == EB_LOCALE_ZH;
    eb_buf buf = {0};
    size_t known = 0, unknown = 0;
    for (size_t i = 0; i < rv->nhuman_studies; i++) {
        const eb_human_study *s = &rv->human_studies[i];
        const eb_study_group *g = ebi_group_of(c, s);
        if (!g) continue;
        bool shared = g->n > 1;
        *any_shared |= shared;
        if (!s->n) { unknown++; continue; }
        /* "n" is a Latin letter: in Persian it would pull the numbers into
         * a left-to-right run, so Persian says "تعداد", and Chinese, read
         * in its own script, "例数". */
        eb_buf_printf(&buf, "%s%s%s", known++ ? c->s->list_separator : fa ? "تعداد: " : zh ? "例数：" : "n = ",
                      ebi_format_number(b->arena, b->locale, s->n), shared ? "*" : "");
    }
    if (unknown)
        eb_buf_printf(&buf, "%s%s × %s", known ? (fa ? "؛ " : "; ") : "",
                      ebi_format_number(b->arena, b->locale, (long)unknown), c->s->not_stated);
    if (!known && !unknown) eb_buf_puts(&buf, "—");
    eb_span span = ebi_label(b->locale, eb_arena_strdup(b->arena, eb_buf_cstr(&buf)));
    eb_buf_destroy(&buf);
    return span;
}

static void fill_chart_row(eb_composer *c, size_t review, eb_chart_row *row, bool *any_shared) {
    eb_brief *b = c->brief;
    const eb_review *rv = c->reviews[review];
    row->label = ebi_label(b->locale, ebi_review_label(b->arena, rv, b->locale));
    for (size_t i = 0; i < rv->nfindings; i++) {
        const eb_finding *f = &rv->findings[i];
        if (ebi_is_evidence(f) && eb_index_list_has(&f->indications, c->indication)) row->counts[f->level]++;
    }
    row->trials = trials_text(c, review, any_shared);
}

static eb_span chart_alt(eb_composer *c, const eb_chart *chart) {
    eb_brief *b = c->brief;
    eb_buf summary = {0};
    for (size_t r = 0; r < chart->nrows; r++) {
        eb_buf_printf(&summary, "%s%s (", r ? "; " : "", chart->rows[r].label.text);
        bool first = true;
        for (size_t l = 0; l < EB_EVIDENCE_LEVELS; l++) {
            if (!chart->rows[r].counts[l]) continue;
            eb_buf_printf(&summary, "%s%s %s", first ? "" : c->s->list_separator, c->s->levels[l],
                          ebi_format_number(b->arena, b->locale, (long)chart->rows[r].counts[l]));
            first = false;
        }
        eb_buf_printf(&summary, "%s%s: %s)", first ? "" : "; ", c->s->trials_label, chart->rows[r].trials.text);
    }
    char *alt = eb_xasprintf(c->s->chart_alt_format, b->indication->name.s[eb_locale_lang(b->locale)],
                             eb_buf_cstr(&summary));
    const char *plain = ebi_without_isolates(b->arena, alt);
    eb_span span = ebi_label(b->locale, plain ? plain : eb_arena_strdup(b->arena, alt));
    free(alt);
    eb_buf_destroy(&summary);
    return span;
}

/* "Distinct human studies: 7. A study marked * is ...": the total counts
 * each study once, however many reviews describe it. */
static eb_span studies_total(eb_composer *c, bool any_shared) {
    eb_brief *b = c->brief;
    char *total = eb_xasprintf(c->s->studies_distinct_format,
                               ebi_isolate(b->arena, ebi_format_number(b->arena, b->locale, (long)c->ngroups)));
    char *text = eb_xasprintf("%s%s%s", total, any_shared ? " " : "", any_shared ? c->s->studies_shared_note : "");
    eb_span span = ebi_label(b->locale, eb_arena_strdup(b->arena, text));
    free(total);
    free(text);
    return span;
}

void ebi_compose_chart(eb_composer *c) {
    eb_brief *b = c->brief;
    eb_chart *chart = eb_arena_alloc(b->arena, sizeof *chart);
    chart->rows = eb_arena_array(b->arena, c->nreviews, sizeof *chart->rows);
    chart->nrows = c->nreviews;
    bool any_shared = false;
    for (size_t r = 0; r < c->nreviews; r++) fill_chart_row(c, r, &chart->rows[r], &any_shared);
    for (size_t l = 0; l < EB_EVIDENCE_LEVELS; l++) chart->level_labels[l] = ebi_label(b->locale, c->s->levels[l]);
    chart->legend_title = ebi_label(b->locale, c->s->legend_title);
    chart->trials_label = ebi_label(b->locale, c->s->trials_label);
    chart->alt = chart_alt(c, chart);
    ebi_add_heading(c, 1, c->s->h_glance);
    ebi_add_paragraph(c, EB_BLOCK_PARAGRAPH, ebi_label(b->locale, c->s->chart_intro));
    ebi_add_block(c, EB_BLOCK_CHART)->chart = chart;
    if (c->ngroups) ebi_add_paragraph(c, EB_BLOCK_NOTE, studies_total(c, any_shared));
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
                    list = ebi_add_block(c, EB_BLOCK_BULLETS);
                    list->bullets = eb_arena_array(c->brief->arena, n, sizeof *list->bullets);
                }
                list->bullets[list->nbullets++] = quoted_bullet(c, r, &s->text, &s->refs);
            }
        }
        if (n == 0) break;
    }
    return n;
}

void ebi_compose_statements(eb_composer *c) {
    static const eb_statement_kind safety[] = {EB_STATEMENT_REGULATORY, EB_STATEMENT_SAFETY};
    static const eb_statement_kind gaps[] = {EB_STATEMENT_LIMITATION, EB_STATEMENT_GAP};
    ebi_add_heading(c, 1, c->s->h_safety);
    if (!add_statement_bullets(c, safety, 2))
        ebi_add_paragraph(c, EB_BLOCK_PARAGRAPH, ebi_label(c->brief->locale, c->s->no_safety));
    ebi_add_heading(c, 1, c->s->h_gaps);
    if (!add_statement_bullets(c, gaps, 2))
        ebi_add_paragraph(c, EB_BLOCK_PARAGRAPH, ebi_label(c->brief->locale, c->s->no_gaps));
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
    eb_span title = ebi_display(&rv->title, rv->language, b->locale);
    eb_lang original = rv->language;
    if (rv->title.s[original]) eb_buf_printf(&buf, "%s. ", rv->title.s[original]);
    if (title.text && title.lang != original) eb_buf_printf(&buf, "(%s) ", title.text);
    eb_span journal = ebi_display(&rv->journal, rv->language, b->locale);
    if (journal.text) eb_buf_printf(&buf, "%s. ", journal.text);
    eb_buf_printf(&buf, "%d", rv->year);
    if (rv->volume) eb_buf_printf(&buf, ";%s", rv->volume);
    if (rv->issue) eb_buf_printf(&buf, "(%s)", rv->issue);
    if (rv->pages) eb_buf_printf(&buf, ":%s", rv->pages);
    eb_buf_puts(&buf, ".");
    if (rv->doi) eb_buf_printf(&buf, " doi:" EB_FSI "%s" EB_PDI, rv->doi);
    else if (rv->url) eb_buf_printf(&buf, " " EB_FSI "%s" EB_PDI, rv->url);
    eb_block *entry = ebi_add_block(c, EB_BLOCK_REFERENCE);
    entry->text = ebi_span_of(eb_arena_strdup(b->arena, eb_buf_cstr(&buf)), original);
    entry->link = link_for(b->arena, rv->doi, rv->url);
    eb_buf_destroy(&buf);
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
        if (ref->doi && !strstr(ref->text, ref->doi)) eb_buf_printf(&buf, " doi:" EB_FSI "%s" EB_PDI, ref->doi);
        if (ref->pmid) eb_buf_printf(&buf, " PMID:" EB_FSI "%s" EB_PDI, ref->pmid);
        eb_block *block = ebi_add_block(c, EB_BLOCK_REFERENCE);
        block->text = ebi_span_of(eb_arena_strdup(b->arena, eb_buf_cstr(&buf)), EB_LANG_EN);
        char number[32];
        snprintf(number, sizeof number, "[%d]", n);
        block->label = ebi_span_of(ebi_localize_digits(b->arena, b->locale, number), eb_locale_lang(b->locale));
        block->link = link_for(b->arena, ref->doi, ref->url);
        eb_buf_destroy(&buf);
    }
}

void ebi_compose_references(eb_composer *c) {
    ebi_add_heading(c, 1, c->s->h_references);
    for (size_t r = 0; r < c->nreviews; r++) {
        ebi_add_heading(c, 2, ebi_review_label(c->brief->arena, c->reviews[r], c->brief->locale));
        add_review_entry(c, c->reviews[r]);
        add_cited_references(c, r);
    }
}
