/* Page 1 of a brief (issue 15, point 10): what a clinician needs before the
 * details, in the brief's language only. The bottom line as the reviews
 * state it (their conclusions, each with who says it); what the evidence
 * consists of, counted from the model (reviews by kind, findings by the
 * editors' evidence type, distinct human studies, participants, designs
 * and follow-up where the reviews give them, "not reported" where they do
 * not); safety and regulation in the reviews' words; how current it is.
 * Nothing here is the editors' own judgement: every value is a count of
 * the inputs or a rendering of a review's sentence. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "compose_internal.h"

#define NBSP "\xC2\xA0" /* NO-BREAK SPACE */

/* The strongest designs first, as in the chart's legend. */
static const eb_level strength_order[] = {EB_LEVEL_SYSTEMATIC_REVIEW, EB_LEVEL_HUMAN_TRIAL, EB_LEVEL_ANIMAL,
                                          EB_LEVEL_IN_VITRO, EB_LEVEL_EXPERT_OPINION};

static const char *clause_separator(eb_locale locale) {
    return locale == EB_LOCALE_FA ? "؛ " : locale == EB_LOCALE_ZH ? "；" : "; ";
}

static const char *count(eb_composer *c, size_t n) {
    eb_brief *b = c->brief;
    return ebi_isolate(b->arena, ebi_format_number(b->arena, b->locale, (long)n));
}

/* The buffer's text as a value in the locale (each line of a Persian one
 * kept right to left), and the buffer freed. */
static eb_span take_text(eb_composer *c, eb_buf *buf) {
    eb_brief *b = c->brief;
    eb_span span = ebi_label(b->locale, ebi_locale_lines(b->arena, b->locale, eb_buf_cstr(buf)));
    eb_buf_destroy(buf);
    return span;
}

static eb_span formatted(eb_composer *c, char *text) {
    eb_span span = ebi_label(c->brief->locale, eb_arena_strdup(c->brief->arena, text));
    free(text);
    return span;
}

/* "4: narrative review (2), web evidence summary (1); none is a systematic
 * review". */
static eb_span reviews_row(eb_composer *c) {
    size_t kinds[EB_KIND_COUNT] = {0};
    for (size_t r = 0; r < c->nreviews; r++) kinds[c->reviews[r]->kind]++;
    eb_buf buf = {0};
    eb_buf_printf(&buf, "%s%s", count(c, c->nreviews), c->s->colon);
    bool first = true;
    for (size_t k = 0; k < EB_KIND_COUNT; k++) {
        if (!kinds[k]) continue;
        char *kind = eb_xasprintf(c->s->paren_format, c->s->kinds[k], count(c, kinds[k]));
        eb_buf_printf(&buf, "%s%s", first ? "" : c->s->list_separator, kind);
        free(kind);
        first = false;
    }
    if (!kinds[EB_KIND_SYSTEMATIC_REVIEW])
        eb_buf_printf(&buf, "%s%s", clause_separator(c->brief->locale), c->s->no_systematic);
    return take_text(c, &buf);
}

/* "expert opinion / mechanism 19" with NO-BREAK SPACEs: a type and its
 * count on one line, never "expert" at the end of one and the rest on the
 * next. Not in Chinese, which breaks between any two characters anyway
 * (and where poppler's structure reader loses the text after one). */
static const char *unbroken(eb_composer *c, const char *label, size_t n) {
    const char *space = c->brief->locale == EB_LOCALE_ZH ? " " : NBSP;
    eb_buf buf = {0};
    for (const char *p = label; *p; p++) {
        if (*p == ' ') eb_buf_puts(&buf, space);
        else eb_buf_putc(&buf, *p);
    }
    eb_buf_printf(&buf, "%s%s", space, count(c, n));
    const char *out = eb_arena_strdup(c->brief->arena, eb_buf_cstr(&buf));
    eb_buf_destroy(&buf);
    return out;
}

/* "31 on this indication, by evidence type as classified by the editors
 * (background not counted): human trial 3, animal 10, …". */
static eb_span findings_row(eb_composer *c) {
    size_t levels[EB_LEVEL_COUNT] = {0}, total = 0;
    for (size_t r = 0; r < c->nreviews; r++) {
        const eb_review *rv = c->reviews[r];
        for (size_t i = 0; i < rv->nfindings; i++) {
            const eb_finding *f = &rv->findings[i];
            if (!ebi_is_evidence(f) || !eb_index_list_has(&f->indications, c->indication)) continue;
            levels[f->level]++;
            total++;
        }
    }
    eb_buf by_type = {0};
    for (size_t i = 0; i < sizeof strength_order / sizeof strength_order[0]; i++) {
        eb_level l = strength_order[i];
        if (levels[l])
            eb_buf_printf(&by_type, "%s%s", by_type.len ? c->s->list_separator : "",
                          unbroken(c, c->s->levels[l], levels[l]));
    }
    eb_span span = formatted(c, eb_xasprintf(c->s->findings_format, count(c, total),
                                             by_type.len ? eb_buf_cstr(&by_type) : "—"));
    eb_buf_destroy(&by_type);
    return span;
}

/* Whether review r describes one of the brief's studies. */
static bool describes_studies(const eb_composer *c, size_t r) {
    for (size_t g = 0; g < c->ngroups; g++)
        for (size_t k = 0; k < c->groups[g].n; k++)
            if (c->groups[g].reviews[k] == r) return true;
    return false;
}

/* "7 distinct, each counted once, described by Jiani Xiang et al., 2026,
 * 长寿派, 2026". */
static eb_span studies_row(eb_composer *c) {
    eb_brief *b = c->brief;
    eb_buf who = {0};
    for (size_t r = 0; r < c->nreviews; r++)
        if (describes_studies(c, r))
            eb_buf_printf(&who, "%s%s", who.len ? c->s->list_separator : "",
                          ebi_review_label(b->arena, c->reviews[r], b->locale));
    eb_span span = formatted(c, eb_xasprintf(c->s->studies_format, count(c, c->ngroups), eb_buf_cstr(&who)));
    eb_buf_destroy(&who);
    return span;
}

/* The participants of one study: 0 when no review gives a number, -1
 * when the reviews give different numbers. */
static long study_size(const eb_study_group *g) {
    long n = 0;
    for (size_t k = 0; k < g->n; k++) {
        long m = g->studies[k]->n;
        if (!m) continue;
        if (n && m != n) return -1;
        n = m;
    }
    return n;
}

/* "given for 5 of 7 studies: 30, 30, 15, 28, 72 (175 in all); not
 * reported for 2": only the numbers the reviews give, each study once. */
static eb_span participants_row(eb_composer *c) {
    eb_brief *b = c->brief;
    eb_buf sizes = {0};
    size_t given = 0, differ = 0;
    long sum = 0;
    for (size_t g = 0; g < c->ngroups; g++) {
        long n = study_size(&c->groups[g]);
        if (n == 0) continue;
        given++;
        if (n < 0) { differ++; continue; }
        sum += n;
        eb_buf_printf(&sizes, "%s%s", sizes.len ? c->s->list_separator : "", ebi_format_number(b->arena, b->locale, n));
    }
    if (given == 0) return ebi_label(b->locale, c->s->not_reported);
    eb_buf buf = {0};
    char *text = eb_xasprintf(c->s->participants_format, count(c, given), count(c, c->ngroups),
                              ebi_isolate(b->arena, eb_buf_cstr(&sizes)), count(c, (size_t)sum));
    eb_buf_puts(&buf, text);
    free(text);
    eb_buf_destroy(&sizes);
    const char *sep = clause_separator(b->locale);
    if (differ) eb_buf_printf(&buf, "%s%s%s%s", sep, count(c, differ), c->s->colon, c->s->participants_differ);
    if (given < c->ngroups) {
        char *missing = eb_xasprintf(c->s->not_reported_format, count(c, c->ngroups - given));
        eb_buf_printf(&buf, "%s%s", sep, missing);
        free(missing);
    }
    return take_text(c, &buf);
}

/* One text field of the studies (design, follow-up) as the reviews word
 * it, in the locale: each study once, the reviews' differing wordings of
 * it side by side ("12 weeks / relatively short"), "not reported for 2"
 * for the studies no review words it for. */
static eb_span study_field_row(eb_composer *c, size_t offset) {
    eb_brief *b = c->brief;
    const char *sep = clause_separator(b->locale);
    eb_buf buf = {0};
    size_t missing = 0;
    for (size_t g = 0; g < c->ngroups; g++) {
        const eb_study_group *group = &c->groups[g];
        const char *seen[EB_GROUP_MAX];
        size_t nseen = 0;
        for (size_t k = 0; k < group->n; k++) {
            const eb_text *field = (const eb_text *)(const void *)((const char *)group->studies[k] + offset);
            const char *text = ebi_display(field, c->reviews[group->reviews[k]]->language, b->locale).text;
            bool again = false;
            for (size_t i = 0; i < nseen && text; i++) again |= strcmp(seen[i], text) == 0;
            if (!text || again) continue;
            eb_buf_printf(&buf, "%s%s", nseen ? " / " : buf.len ? sep : "", ebi_isolate(b->arena, text));
            seen[nseen++] = text;
        }
        missing += nseen == 0;
    }
    if (missing == c->ngroups) {
        eb_buf_destroy(&buf);
        return ebi_label(b->locale, c->s->not_reported);
    }
    if (missing) {
        char *text = eb_xasprintf(c->s->not_reported_format, count(c, missing));
        eb_buf_printf(&buf, "%s%s", sep, text);
        free(text);
    }
    return take_text(c, &buf);
}

static void add_currency(eb_composer *c);

static void add_evidence(eb_composer *c) {
    ebi_add_heading(c, 2, c->s->h_evidence_consists);
    add_currency(c);
    ebi_add_meta(c, c->s->label_summary_reviews, reviews_row(c));
    ebi_add_meta(c, c->s->label_findings, findings_row(c));
    if (c->ngroups == 0) {
        ebi_add_meta(c, c->s->label_studies, ebi_label(c->brief->locale, c->s->no_human_studies));
        return;
    }
    ebi_add_meta(c, c->s->label_studies, studies_row(c));
    ebi_add_meta(c, c->s->label_participants, participants_row(c));
    ebi_add_meta(c, c->s->label_designs, study_field_row(c, offsetof(eb_human_study, design)));
    ebi_add_meta(c, c->s->col_follow_up, study_field_row(c, offsetof(eb_human_study, follow_up)));
}

/* ---- safety and regulation ------------------------------------------------------ */

static bool applies(const eb_composer *c, const eb_review *rv, const eb_statement *s, eb_statement_kind kind) {
    return s->kind == kind && eb_applies_to(rv, &s->indications, c->indication);
}

/* A review's first statement of this kind for the indication: for safety,
 * a caveat on its human evidence first, when it states one. */
static const eb_statement *first_statement(const eb_composer *c, const eb_review *rv, eb_statement_kind kind) {
    const eb_statement *first = NULL;
    for (size_t i = 0; i < rv->nstatements; i++) {
        const eb_statement *s = &rv->statements[i];
        if (!applies(c, rv, s, kind)) continue;
        if (kind == EB_STATEMENT_SAFETY && s->about_human_studies) return s;
        if (!first) first = s;
    }
    return first;
}

/* Whether review a comes before review b on page 1: for safety, a review
 * with a caveat on its human evidence first; then the newer (regulation
 * changes: the newest word on it matters most); then the reviews' order. */
static bool shown_before(const eb_composer *c, size_t a, size_t b, eb_statement_kind kind) {
    const eb_statement *sa = first_statement(c, c->reviews[a], kind), *sb = first_statement(c, c->reviews[b], kind);
    if (!sa || !sb) return sa != NULL;
    if (sa->about_human_studies != sb->about_human_studies) return sa->about_human_studies;
    const char *da = eb_review_evidence_date(c->reviews[a]), *db = eb_review_evidence_date(c->reviews[b]);
    int order = da && db ? strcmp(da, db) : (da != NULL) - (db != NULL);
    if (order == 0) order = c->reviews[a]->year - c->reviews[b]->year;
    return order != 0 ? order > 0 : a < b;
}

/* Page 1 has room for this many statements of each kind (measured: with
 * two, the Persian skin-aging summary runs onto page 2); all of them
 * are under Safety and regulatory status. */
enum { SUMMARY_STATEMENTS = 1 };

/* Up to SUMMARY_STATEMENTS reviews' first statement of the kind, in the
 * locale, with who says it, one a line; *total counts all the brief
 * prints of that kind. */
static eb_span statements_row(eb_composer *c, eb_statement_kind kind, const char *none, size_t *total) {
    eb_brief *b = c->brief;
    size_t order[SUMMARY_STATEMENTS] = {0}, n = 0;
    for (size_t r = 0; r < c->nreviews; r++) {
        const eb_review *rv = c->reviews[r];
        for (size_t i = 0; i < rv->nstatements; i++) *total += applies(c, rv, &rv->statements[i], kind);
        if (!first_statement(c, rv, kind)) continue;
        /* insertion into the best SUMMARY_STATEMENTS so far */
        size_t at = n;
        while (at > 0 && shown_before(c, r, order[at - 1], kind)) at--;
        if (at >= SUMMARY_STATEMENTS) continue;
        if (n < SUMMARY_STATEMENTS) n++;
        memmove(&order[at + 1], &order[at], (n - 1 - at) * sizeof *order);
        order[at] = r;
    }
    if (n == 0) return ebi_label(b->locale, none);
    eb_buf buf = {0};
    for (size_t k = 0; k < n; k++) {
        const eb_review *rv = c->reviews[order[k]];
        const eb_statement *s = first_statement(c, rv, kind);
        eb_span text = ebi_display(&s->text, rv->language, b->locale);
        char *said = eb_xasprintf(c->s->paren_format, text.text, ebi_attribution(c, order[k], &s->refs));
        eb_buf_printf(&buf, "%s%s", k ? "\n" : "", said);
        free(said);
    }
    return take_text(c, &buf);
}

static void add_safety(eb_composer *c) {
    size_t total = 0;
    ebi_add_heading(c, 2, c->s->h_summary_safety);
    ebi_add_meta(c, c->s->label_regulatory, statements_row(c, EB_STATEMENT_REGULATORY, c->s->no_regulatory, &total));
    ebi_add_meta(c, c->s->label_safety, statements_row(c, EB_STATEMENT_SAFETY, c->s->no_safety_short, &total));
    if (total)
        ebi_add_paragraph(c, EB_BLOCK_NOTE, formatted(c, eb_xasprintf(c->s->summary_more_format, count(c, total))));
}

/* ---- how current ------------------------------------------------------------------- */

/* "published 9 April 2026", "updated March 2026", "no date of publication
 * given (year 2025)". */
static const char *review_date(eb_composer *c, const eb_review *rv) {
    eb_brief *b = c->brief;
    const char *d = eb_review_evidence_date(rv);
    char *text;
    if (d) {
        const char *date = ebi_isolate(b->arena, ebi_format_date(b->arena, b->locale, d));
        text = eb_xasprintf(rv->updated ? c->s->date_updated : c->s->date_published, date);
    } else {
        text = eb_xasprintf(c->s->date_none, ebi_isolate(b->arena, ebi_format_number(b->arena, b->locale, rv->year)));
    }
    const char *out = eb_arena_strdup(b->arena, text);
    free(text);
    return out;
}

/* The review that gives the date of the evidence (the first, when several
 * do), or NULL. */
static const eb_review *newest_review(const eb_composer *c, const char *evidence) {
    for (size_t r = 0; r < c->nreviews; r++) {
        const char *d = eb_review_evidence_date(c->reviews[r]);
        if (d && strcmp(d, evidence) == 0) return c->reviews[r];
    }
    return NULL;
}

/* The review whose evidence is oldest: by year, then by its date (a
 * review that gives only its year counts as its year's start). */
static const eb_review *oldest_review(const eb_composer *c) {
    const eb_review *oldest = NULL;
    const char *oldest_date = NULL;
    for (size_t r = 0; r < c->nreviews; r++) {
        const eb_review *rv = c->reviews[r];
        const char *d = eb_review_evidence_date(rv);
        bool older = !oldest || rv->year < oldest->year ||
                     (rv->year == oldest->year && oldest_date && (!d || strcmp(d, oldest_date) < 0));
        if (older) {
            oldest = rv;
            oldest_date = d;
        }
    }
    return oldest;
}

/* "9 April 2026 (the newest review: …); the oldest review: …, published
 * 1 January 2025": how current the evidence is, from the reviews' dates. */
static void add_currency(eb_composer *c) {
    eb_brief *b = c->brief;
    const char *evidence = ebi_evidence_date(c);
    if (!evidence) return;
    const char *date = ebi_format_date(b->arena, b->locale, evidence);
    const eb_review *newest = newest_review(c, evidence), *oldest = oldest_review(c);
    if (newest) date = formatted(c, eb_xasprintf(c->s->newest_format, date,
                                                 ebi_review_label(b->arena, newest, b->locale))).text;
    if (c->nreviews > 1 && oldest && oldest != newest) {
        char *was = eb_xasprintf("%s%s%s", ebi_review_label(b->arena, oldest, b->locale), c->s->colon,
                                 review_date(c, oldest));
        date = formatted(c, eb_xasprintf(c->s->oldest_format, date, was)).text;
        free(was);
    }
    ebi_add_meta(c, c->s->label_evidence_date, ebi_label(b->locale, date));
}

void ebi_compose_summary(eb_composer *c) {
    ebi_add_heading(c, 1, c->s->h_summary);
    size_t first = c->brief->nblocks;
    ebi_compose_key_messages(c);
    add_evidence(c);
    add_safety(c);
    ebi_add_paragraph(c, EB_BLOCK_NOTE, ebi_label(c->brief->locale, c->s->page1_note));
    for (size_t i = first; i < c->brief->nblocks; i++) c->brief->blocks[i].summary = true;
}
