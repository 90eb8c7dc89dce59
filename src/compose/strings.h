/* The fixed words of a brief (headings, labels, boilerplate) in each
 * locale. Private to the compose stage. */
#ifndef EVBRIEF_COMPOSE_STRINGS_H
#define EVBRIEF_COMPOSE_STRINGS_H

#include <stdio.h>

#include "compose.h"

/* The fixed words of one locale. Only strings and arrays of strings:
 * test_compose reads the table as an array of strings to find every
 * conversion in it (see EB_FORMATS). */
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
    /* The page-1 summary (issue 15, point 10): headings, row labels, and
     * the sentences that say what the model holds. */
    const char *h_summary, *h_evidence_consists, *h_summary_safety, *h_key_originals;
    const char *label_summary_reviews, *label_findings, *label_studies, *label_participants,
        *label_designs, *label_regulatory, *label_safety;
    const char *no_systematic;         /* "none is a systematic review" */
    const char *findings_format;       /* %s = count, %s = counts by type */
    const char *studies_format;        /* %s = count, %s = reviews */
    const char *participants_format;   /* %s = given, %s = studies, %s = sizes, %s = sum */
    const char *participants_differ;   /* a study the reviews size differently */
    const char *not_reported_format;   /* %s = studies */
    const char *not_reported;          /* no review gives it */
    const char *summary_more_format;   /* %s = count: all statements, in their section */
    const char *no_regulatory, *no_safety_short;
    const char *newest_format;         /* %s = date, %s = review */
    const char *oldest_format;         /* %s = the above, %s = review and its date */
    const char *date_published, *date_updated, *date_none; /* %s = date / year */
    const char *page1_note;            /* the renderings are the editors' */
    const char *key_originals_intro;
    const char *paren_format;          /* %s = text, %s = in brackets (who says it) */
    const char *colon;                 /* ": " or "：" after a label */
    const char *no_conclusions;        /* no review states a conclusion here */
} eb_strings;

const eb_strings *ebi_strings_for(eb_locale locale);

/* The strings used as printf formats, and what each is given, in order:
 * every argument is a string, so every conversion is %s. Every locale's
 * string of each must have exactly these conversions; no other string may
 * have one. strings.c writes them with EB_FORMAT, which has the compiler
 * (-Wformat) check each translation against its arguments here, and
 * test_compose checks every string of every locale, these and the rest. */
#define EB_FORMAT_ARGS_title_format "indication"
#define EB_FORMAT_ARGS_running_format "indication"
#define EB_FORMAT_ARGS_original_format "language"
#define EB_FORMAT_ARGS_more_format "count"
#define EB_FORMAT_ARGS_more_limitations_format "count"
#define EB_FORMAT_ARGS_chart_alt_format "indication", "reviews"
#define EB_FORMAT_ARGS_studies_distinct_format "count"
#define EB_FORMAT_ARGS_table_source_format "review", "table number"
#define EB_FORMAT_ARGS_page "page", "pages"
#define EB_FORMAT_ARGS_findings_format "count", "counts by type"
#define EB_FORMAT_ARGS_studies_format "count", "reviews"
#define EB_FORMAT_ARGS_participants_format "given", "studies", "sizes", "sum"
#define EB_FORMAT_ARGS_not_reported_format "studies"
#define EB_FORMAT_ARGS_summary_more_format "count"
#define EB_FORMAT_ARGS_newest_format "date", "review"
#define EB_FORMAT_ARGS_oldest_format "newest", "oldest review"
#define EB_FORMAT_ARGS_date_published "date"
#define EB_FORMAT_ARGS_date_updated "date"
#define EB_FORMAT_ARGS_date_none "year"
#define EB_FORMAT_ARGS_paren_format "text", "in brackets"
#define EB_FORMATS(X)                                                                  \
    X(title_format) X(running_format) X(original_format) X(more_format)                \
    X(more_limitations_format) X(chart_alt_format) X(studies_distinct_format)          \
    X(table_source_format) X(page)                                                    \
    X(findings_format) X(studies_format) X(participants_format) X(not_reported_format) \
    X(summary_more_format) X(newest_format) X(oldest_format) X(date_published)         \
    X(date_updated) X(date_none) X(paren_format)

/* `.field = literal`, once the compiler has checked the literal as a
 * format for field's arguments (an unevaluated printf: nothing runs). */
#define EB_FORMAT(field, literal) \
    .field = (sizeof printf((literal), EB_FORMAT_ARGS_##field) ? (literal) : (literal))

#endif
