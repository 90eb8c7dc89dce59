/* Private to the compose stage. */
#ifndef EVBRIEF_COMPOSE_INTERNAL_H
#define EVBRIEF_COMPOSE_INTERNAL_H

#include "compose.h"
#include "strings.h"

/* FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE around every value set
 * into a sentence or label (a name, a citation, a number with its unit, a
 * DOI, a design): the value keeps its own direction and cannot reorder the
 * words around it ("Zhuoyi He، ۲۰۲۶" in a Persian line). */
#define EB_FSI "\xE2\x81\xA8"
#define EB_PDI "\xE2\x81\xA9"
const char *ebi_isolate(eb_arena *arena, const char *value);
/* text without FSI/PDI, or NULL when it has none: for what is not laid out
 * (outline entries, alternative text), where readers would show them. */
const char *ebi_without_isolates(eb_arena *arena, const char *text);

char *ebi_localize_digits(eb_arena *arena, eb_locale locale, const char *s);
char *ebi_format_number(eb_arena *arena, eb_locale locale, long value);
char *ebi_format_date(eb_arena *arena, eb_locale locale, const char *iso);
void ebi_civil_from_days(long days, int *year, int *month, int *day);
eb_span ebi_span_of(const char *text, eb_lang lang);
eb_span ebi_label(eb_locale locale, const char *text);
eb_span ebi_display(const eb_text *text, eb_lang original, eb_locale locale);
/* An item quoted from a review: *main in the locale's language (the
 * original where it has no rendering), and *original the review's own
 * words, marked "Original (Persian):", when main is a rendering (text NULL
 * otherwise). */
void ebi_quote(const eb_text *text, eb_lang original, eb_locale locale, eb_arena *arena, eb_span *main,
              eb_span *original_out);
/* The same without the mark, for table cells: a table marks its originals
 * once, in its introduction, and sets them smaller and grey under each
 * value (eb_brief_cell.note). */
void ebi_quote_plain(const eb_text *text, eb_lang original, eb_locale locale, eb_span *main,
                    eb_span *original_out);
/* "Original (Persian):" in the locale, isolated. */
const char *ebi_original_marker(eb_arena *arena, eb_locale locale, eb_lang original);
/* Whether a finding is evidence (counted), not background. */
bool ebi_is_evidence(const eb_finding *finding);
char *ebi_review_label(eb_arena *arena, const eb_review *review, eb_locale locale);
const char *ebi_format_refs(eb_arena *arena, eb_locale locale, const eb_ref_list *refs);
/* A copy of text in the arena; for Persian, each line starting with RLM. */
const char *ebi_locale_lines(eb_arena *arena, eb_locale locale, const char *text);

/* A statement of one of the brief's reviews (an index into its reviews). */
typedef struct {
    size_t review;
    const eb_statement *statement;
} eb_statement_ref;

/* The brief under construction. */
typedef struct {
    eb_brief *brief;
    const eb_corpus *corpus;
    size_t indication;
    const eb_strings *s;
    size_t cap;
    const eb_review **reviews;   /* the reviews feeding the indication */
    size_t nreviews;
    /* Reference numbers cited by the content of this brief, per review. */
    bool **cited;
    /* The human studies shown, one group per distinct study (eb_same_study). */
    struct eb_study_group *groups;
    size_t ngroups;
    /* The key messages of page 1, in the locale only: their statements and
     * reviews, so that the originals can be set with the findings. */
    eb_statement_ref *key;
    size_t nkey;
} eb_composer;

/* One study as the reviews describe it: member k is study studies[k] of
 * review reviews[k] (an index into the composer's reviews). Eight is the
 * corpus many times over; a study described by more reviews than that
 * gets a further row per eight (never dropped). */
enum { EB_GROUP_MAX = 8 };
typedef struct eb_study_group {
    size_t reviews[EB_GROUP_MAX];
    const eb_human_study *studies[EB_GROUP_MAX];
    size_t n;
} eb_study_group;

/* The group of a review's study, or NULL when the brief does not show it. */
const eb_study_group *ebi_group_of(const eb_composer *c, const eb_human_study *study);

eb_block *ebi_add_block(eb_composer *c, eb_block_kind kind);
/* A "label: value" row (title block, summary, about-section). */
void ebi_add_meta(eb_composer *c, const char *label, eb_span value);
void ebi_add_heading(eb_composer *c, int level, const char *text);
void ebi_add_paragraph(eb_composer *c, eb_block_kind kind, eb_span text);
void ebi_note_refs(eb_composer *c, size_t review, const eb_ref_list *refs);

/* Groups the brief's human studies (c->groups); before any section. */
void ebi_collect_study_groups(eb_composer *c);
/* A statement as a bullet: the text in the locale, the original, the source. */
eb_bullet ebi_statement_bullet(eb_composer *c, size_t review, const eb_statement *s);

/* The latest publication or update of the feeding reviews (their latest
 * year when none gives a date); NULL when there is none. */
const char *ebi_evidence_date(const eb_composer *c);
/* "Zhuoyi He, 2026 [45]": who says it, and where. */
const char *ebi_attribution(eb_composer *c, size_t review, const eb_ref_list *refs);

void ebi_compose_title(eb_composer *c);
/* Page 1 (issue 15, point 10): the bottom line as the reviews state it,
 * what the evidence consists of, safety and regulation, how current. */
void ebi_compose_summary(eb_composer *c);
/* The clinic's branding (corpus->brand; nothing without one): the
 * letterhead above the title, the PDF author and keywords, the footer's
 * contact line, its disclaimer after the brief's. */
void ebi_compose_letterhead(eb_composer *c);
void ebi_brand_metadata(eb_composer *c);
void ebi_compose_brand_disclaimer(eb_composer *c);
void ebi_compose_key_messages(eb_composer *c);
/* The originals of the key messages, under Findings by review. */
void ebi_compose_key_originals(eb_composer *c);
/* Language, build date, translations: after the disclaimer. */
void ebi_compose_build_details(eb_composer *c, const eb_compose_options *options);
void ebi_compose_chart(eb_composer *c);
void ebi_compose_comparison(eb_composer *c);
void ebi_compose_findings(eb_composer *c);
void ebi_compose_context(eb_composer *c);
void ebi_compose_source_tables(eb_composer *c);
void ebi_compose_human_studies(eb_composer *c);
void ebi_compose_statements(eb_composer *c);
void ebi_compose_references(eb_composer *c);

#endif
