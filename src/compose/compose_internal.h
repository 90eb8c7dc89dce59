/* Private to the compose stage. */
#ifndef EVBRIEF_COMPOSE_INTERNAL_H
#define EVBRIEF_COMPOSE_INTERNAL_H

#include "compose.h"
#include "strings.h"

char *eb_localize_digits(eb_arena *arena, eb_locale locale, const char *s);
char *eb_format_number(eb_arena *arena, eb_locale locale, long value);
char *eb_format_date(eb_arena *arena, eb_locale locale, const char *iso);
void eb_civil_from_days(long days, int *year, int *month, int *day);
eb_span eb_span_of(const char *text, eb_lang lang);
eb_span eb_label(eb_locale locale, const char *text);
eb_span eb_display(const eb_text *text, eb_lang original, eb_locale locale);
void eb_quote(const eb_text *text, eb_lang original, eb_locale locale, eb_span *quote,
              eb_span *rendering);
char *eb_review_label(eb_arena *arena, const eb_review *review, eb_locale locale);
char *eb_format_refs(eb_arena *arena, eb_locale locale, const eb_ref_list *refs);
/* A copy of text in the arena; for Persian, each line starting with RLM. */
const char *eb_locale_lines(eb_arena *arena, eb_locale locale, const char *text);

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
} eb_composer;

eb_block *eb_add_block(eb_composer *c, eb_block_kind kind);
void eb_add_heading(eb_composer *c, int level, const char *text);
void eb_add_paragraph(eb_composer *c, eb_block_kind kind, eb_span text);
void eb_note_refs(eb_composer *c, size_t review, const eb_ref_list *refs);

void eb_compose_title(eb_composer *c, const eb_compose_options *options);
void eb_compose_key_messages(eb_composer *c);
void eb_compose_chart(eb_composer *c);
void eb_compose_comparison(eb_composer *c);
void eb_compose_findings(eb_composer *c);
void eb_compose_source_tables(eb_composer *c);
void eb_compose_human_studies(eb_composer *c);
void eb_compose_statements(eb_composer *c);
void eb_compose_references(eb_composer *c);

#endif
