/* The fixed words of a brief (headings, labels, boilerplate) in each
 * locale. Private to the compose stage. */
#ifndef EVBRIEF_COMPOSE_STRINGS_H
#define EVBRIEF_COMPOSE_STRINGS_H

#include "compose.h"

typedef struct {
    const char *title_format;          /* %s = indication name */
    const char *subtitle;
    const char *running_format;        /* %s = indication name */
    const char *label_indication, *label_language, *label_evidence_date, *label_build_date,
        *label_reviews, *label_conditions, *label_translations;
    const char *translations_note;     /* the renderings are the editors' */
    const char *original_format;       /* %s = language: "Original (Persian):" */
    const char *language_name;         /* this locale's language, in itself */
    const char *build_date_from_evidence; /* note when SOURCE_DATE_EPOCH is unset */
    const char *h_key_messages, *h_glance, *h_comparison, *h_findings, *h_source_tables,
        *h_human_studies, *h_safety, *h_gaps, *h_references, *h_disclaimer, *h_context, *h_caveats;
    const char *col_review, *col_kind_scope, *col_found, *col_level, *col_limitations;
    const char *col_study, *col_design, *col_n, *col_ages, *col_source, *col_delivery, *col_frequency,
        *col_follow_up, *col_outcomes, *col_adverse;
    const char *kinds[EB_KIND_COUNT];
    const char *levels[EB_LEVEL_COUNT];
    const char *lang_names[EB_LANG_COUNT];
    const char *more_format;           /* %s = count: "… and 3 more" */
    const char *more_limitations_format;
    const char *not_stated, *none;
    const char *trials_label;
    const char *chart_alt_format;      /* %s = indication, %s = reviews */
    const char *chart_intro;
    const char *legend_title;          /* who classified the levels */
    const char *studies_distinct_format; /* %s = number of distinct studies */
    const char *studies_shared_note;   /* what the * after a study size means */
    const char *studies_intro;
    const char *context_intro;
    const char *limitations_elsewhere;
    const char *only_background;       /* a review with only background here */
    const char *findings_intro;
    const char *tables_intro;
    const char *no_human_studies, *no_safety, *no_gaps;
    const char *scope_databases, *scope_years, *scope_references, *own_rating;
    const char *table_source_format;   /* %s = review, %s = table number */
    const char *table_label;           /* "Table" */
    const char *disclaimer;
    const char *page;                  /* footer: %s = page, %s = pages */
    const char *continued;             /* "(continued)" */
    const char *list_separator;        /* ", " or "، " or "、" */
    const char *months[12];
    const char *date_format;           /* order: "dmy", "ymd" */
    const char *keywords;
    const char *author;
} eb_strings;

const eb_strings *eb_strings_for(eb_locale locale);

#endif
