/* model: the reviews, findings, tables and indications, as plain C data.
 *
 * The loader (load.h) builds a corpus from inputs/; later stages only read
 * it. All memory of a corpus lives in its arena and is released at once by
 * eb_corpus_destroy, so nothing inside needs freeing on its own. */
#ifndef EVBRIEF_MODEL_H
#define EVBRIEF_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* ---- languages -------------------------------------------------------- */

typedef enum { EB_LANG_FA, EB_LANG_EN, EB_LANG_ZH, EB_LANG_COUNT } eb_lang;

const char *eb_lang_tag(eb_lang lang);          /* "fa", "en", "zh-Hans" */
bool eb_lang_from_tag(const char *tag, eb_lang *lang);

/* The same text in several languages; NULL where a language is absent. */
typedef struct {
    const char *s[EB_LANG_COUNT];
} eb_text;

bool eb_text_empty(const eb_text *text);
/* The text in `want`, else in `fallback`, else any language present (NULL if
 * none); *got tells which language was returned. */
const char *eb_text_pick(const eb_text *text, eb_lang want, eb_lang fallback, eb_lang *got);

/* ---- vocabulary ---------------------------------------------------------- */

typedef enum {
    EB_LEVEL_IN_VITRO,
    EB_LEVEL_ANIMAL,
    EB_LEVEL_HUMAN_TRIAL,
    EB_LEVEL_SYSTEMATIC_REVIEW,
    EB_LEVEL_EXPERT_OPINION,
    /* Disease or skin biology that claims nothing about exosomes: context,
     * not evidence, so it is never counted. Keep it last (see below). */
    EB_LEVEL_BACKGROUND,
    EB_LEVEL_COUNT
} eb_level;

/* The levels that are evidence: the chart's segments and the comparison's
 * counts, every level before EB_LEVEL_BACKGROUND. */
#define EB_EVIDENCE_LEVELS ((size_t)EB_LEVEL_BACKGROUND)

typedef enum {
    EB_KIND_NARRATIVE_REVIEW,
    EB_KIND_LITERATURE_REVIEW,
    EB_KIND_SYSTEMATIC_REVIEW,
    EB_KIND_WEB_EVIDENCE_SUMMARY,
    EB_KIND_COUNT
} eb_review_kind;

typedef enum {
    EB_STATEMENT_CONCLUSION,
    EB_STATEMENT_LIMITATION,
    EB_STATEMENT_SAFETY,
    EB_STATEMENT_REGULATORY,
    EB_STATEMENT_GAP,
    EB_STATEMENT_COUNT
} eb_statement_kind;

/* The JSON spellings ("in_vitro", "narrative_review", "gap", ...). */
const char *eb_level_name(eb_level level);
const char *eb_review_kind_name(eb_review_kind kind);
const char *eb_statement_kind_name(eb_statement_kind kind);

/* ---- lists ----------------------------------------------------------------- */

typedef struct { size_t *items; size_t n; } eb_index_list; /* indices into corpus->indications */
typedef struct { int *items; size_t n; } eb_ref_list;      /* the review's reference numbers */
typedef struct { const char **items; size_t n; } eb_string_list;

/* ---- the corpus -------------------------------------------------------------- */

typedef struct {
    const char *id;
    eb_text name;            /* all three languages */
    eb_text *conditions;
    size_t nconditions;
} eb_indication;

typedef struct {
    const char *id;
    eb_index_list indications;
    eb_text text;
    eb_level level;          /* the editors' classification, not the review's */
    eb_text design;
    eb_ref_list refs;
    size_t *studies;         /* the human studies the claim describes: indices */
    size_t nstudies;         /* into the review's human_studies */
} eb_finding;

typedef struct {
    const char *id;
    eb_index_list indications;
    eb_text cited_as;        /* how the review names the study ("Park GH 等") */
    eb_text design;
    int n;                   /* participants; 0 = not stated */
    eb_text age_range, source, derivative, delivery, frequency, follow_up,
        outcomes, adverse_events;
    eb_ref_list refs;
    /* The study's identity across reviews, from the reference it cites;
     * NULL where the review prints none. */
    const char *doi, *pmid;
} eb_human_study;

typedef struct {
    const char *id;
    eb_statement_kind kind;
    eb_index_list indications; /* empty: every indication the review feeds */
    eb_text text;
    eb_ref_list refs;
    /* A caveat on the review's human studies: printed beside them in every
     * brief that shows them, whatever its indications. */
    bool about_human_studies;
} eb_statement;

/* A cell of a review's own table, as the review has it: one string, or a
 * list of items when is_list. (compose.h's eb_brief_cell is a cell of a
 * brief's table, in the brief's languages; table.h's eb_table_cell_spec
 * is what the layout is asked to set in a cell, eb_table_cell_layout what
 * it set.) */
typedef struct {
    const char **items;
    size_t n;
    bool is_list;
} eb_review_cell;

typedef struct {
    const char *id;
    const char *number;        /* NULL when unnumbered */
    eb_index_list indications; /* empty: concerns every indication */
    eb_text caption;
    const char **header;       /* in the review's language */
    /* The header in each other language, ncols cells; NULL for the
     * review's own language and where absent. */
    const char **header_renderings[EB_LANG_COUNT];
    size_t ncols;
    eb_review_cell *cells;            /* nrows * ncols, row-major */
    size_t nrows;
    eb_ref_list refs;
} eb_table;

typedef struct {
    int n;
    const char *text, *doi, *pmid, *url; /* doi, pmid, url may be NULL */
} eb_reference;

typedef struct {
    const char *name, *latin; /* latin may be NULL */
} eb_author;

/* A rendering whose numbers may differ from the original's, and why. */
typedef struct {
    const char *item;          /* an id, or "abstract", "own_rating", "scope" */
    const char *field;         /* "text", "design", "caption", "header", ... */
    eb_lang lang;
    const char *reason;
} eb_number_exception;

typedef struct {
    eb_string_list databases, terms;
    int from_year, to_year;   /* 0 = not stated */
    eb_text restrictions;
    int references_reviewed;  /* -1 = not stated */
} eb_scope;

typedef struct {
    const char *id;
    const char *file;          /* the input file it was read from */
    const char *seed;
    eb_lang language;
    eb_text title;
    eb_author *authors;
    size_t nauthors;
    eb_text *affiliations;
    size_t naffiliations;
    eb_text journal, publisher;
    int year;
    const char *volume, *issue, *pages, *doi, *url;
    const char *received, *accepted, *published, *updated; /* YYYY-MM[-DD] or NULL */
    const char *license_name, *license_url;
    eb_review_kind kind;
    eb_text own_rating;
    eb_scope scope;
    eb_text abstract;
    eb_finding *findings;
    size_t nfindings;
    eb_human_study *human_studies;
    size_t nhuman_studies;
    eb_statement *statements;
    size_t nstatements;
    eb_table *tables;
    size_t ntables;
    eb_reference *references;
    size_t nreferences;
    eb_number_exception *number_exceptions;
    size_t nnumber_exceptions;
} eb_review;

/* A review file that failed validation. Its indications are those it names,
 * read from the raw text when the JSON itself is broken, so that a build
 * can tell which briefs it would have fed. */
typedef struct {
    const char *file;
    eb_index_list indications;
} eb_rejected;

/* A clinic's branding, from the optional inputs/brand.json
 * (docs/input-format.md): every text in every language a brief is built
 * in. */
typedef struct {
    const char *file;          /* brand.json as read */
    eb_text organisation;      /* the clinic's name, in the title block */
    const char *logo_file;     /* the logo's path as read (inputs/...), or NULL */
    eb_image logo;             /* its pixels; 0 x 0 without a logo */
    eb_text logo_alt;          /* what the logo shows, for readers who cannot see it */
    eb_text contact;           /* one line: title block and every page's footer */
    eb_text disclaimer;        /* the clinic's own, after the brief's; may be empty */
    const char *author;        /* PDF Author; NULL: the organisation's name */
    /* Extra PDF keywords of each indication: nindications lists (corpus
     * order), empty where brand.json names none. */
    eb_string_list *keywords;
} eb_brand;

typedef struct {
    eb_arena *arena;
    const char *inputs_dir;
    const char *indications_file;
    eb_indication *indications;
    size_t nindications;
    eb_review *reviews;        /* sorted by file name */
    size_t nreviews;
    eb_rejected *rejected;
    size_t nrejected;
    const eb_brand *brand;     /* NULL without a valid inputs/brand.json */
} eb_corpus;

void eb_corpus_destroy(eb_corpus *corpus);

/* ---- queries ---------------------------------------------------------------- */

/* Index of the indication with this id, or -1. */
long eb_corpus_find_indication(const eb_corpus *corpus, const char *id);
bool eb_index_list_has(const eb_index_list *list, size_t index);
/* Whether a review has a finding, human study or table tied to the indication. */
bool eb_review_feeds(const eb_review *review, size_t indication);
/* Whether a statement/table applies to the indication (an empty list applies
 * to every indication the review feeds). */
bool eb_applies_to(const eb_review *review, const eb_index_list *list, size_t indication);
const eb_reference *eb_review_find_reference(const eb_review *review, int n);
/* The date of the review's evidence: when it was updated, else published
 * (never when it was received or accepted: a manuscript is not yet
 * evidence); NULL when the review gives neither. */
const char *eb_review_evidence_date(const eb_review *review);
/* Whether two human studies (of different reviews, say) are the same
 * study: the same DOI, else, where either lacks one, the same PMID. */
bool eb_same_study(const eb_human_study *a, const eb_human_study *b);

#endif
