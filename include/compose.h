/* compose: decides what goes into each brief, in which order and language.
 *
 * A brief is a flat list of blocks (headings, paragraphs, bullet lists,
 * tables, a chart) with their text already chosen for the locale. Nothing
 * here knows about fonts or pages: the layout stage (pages.h) sets blocks on
 * pages. All memory of a brief lives in its arena. */
#ifndef EVBRIEF_COMPOSE_H
#define EVBRIEF_COMPOSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

typedef enum { EB_LOCALE_EN, EB_LOCALE_FA, EB_LOCALE_ZH, EB_LOCALE_COUNT } eb_locale;

const char *eb_locale_name(eb_locale locale);     /* "en", "fa", "zh" (file names) */
eb_lang eb_locale_lang(eb_locale locale);         /* the language of its labels */
bool eb_locale_from_name(const char *name, eb_locale *locale);

/* A piece of text in one language. */
typedef struct {
    const char *text;
    eb_lang lang;
} eb_span;

typedef enum {
    EB_BLOCK_TITLE,       /* the brief's title */
    EB_BLOCK_SUBTITLE,
    EB_BLOCK_META,        /* label: value lines of the title block */
    EB_BLOCK_HEADING,     /* level 1 (section) or 2 (subsection) */
    EB_BLOCK_PARAGRAPH,
    EB_BLOCK_QUOTE,       /* text quoted from a review in its own language */
    EB_BLOCK_RENDERING,   /* the rendering of the quote above it */
    EB_BLOCK_NOTE,        /* small print: disclaimers, sources */
    EB_BLOCK_BULLETS,
    EB_BLOCK_TABLE,
    EB_BLOCK_CHART,
    EB_BLOCK_REFERENCE,   /* one numbered reference, with an optional link */
    EB_BLOCK_BRAND        /* the clinic's letterhead: logo (image, alt), name
                             (text) and contact line (label); from brand.json */
} eb_block_kind;

/* A bullet: the main text and, optionally, its rendering in another
 * language set under it in a lighter style. */
typedef struct {
    eb_span text;
    eb_span rendering;    /* text NULL when none */
    const char *source;   /* e.g. "Tamimi 2025 [12, 13]"; NULL when none */
} eb_bullet;

/* A cell of a brief's table, its texts chosen for the locale (from a
 * review's eb_review_cell, or made by compose). */
typedef struct {
    eb_span text;         /* plain cell; text NULL for a list cell */
    eb_span *items;       /* list cell */
    size_t nitems;
    eb_span note;         /* set smaller under the content (the original of
                             a rendering, marked); text NULL when none */
} eb_brief_cell;

typedef struct {
    eb_span caption;
    eb_span caption_rendering;  /* text NULL when none */
    size_t ncols, nheader_rows, nbody_rows;
    eb_brief_cell *cells;       /* row-major, header rows first, logical order */
    eb_span note;               /* under the table (source); text NULL when none */
} eb_brief_table;

/* The evidence chart: one row per review, one bar segment per evidence
 * type (background is not evidence: never a segment), plus the sizes of
 * the human studies. */
typedef struct {
    eb_span label;                    /* "Tamimi 2025 (fa)" */
    size_t counts[EB_EVIDENCE_LEVELS]; /* findings by evidence type */
    eb_span trials;                   /* "n = 30, 28*; 1 × not stated", or "—" */
} eb_chart_row;

typedef struct {
    eb_chart_row *rows;
    size_t nrows;
    eb_span level_labels[EB_EVIDENCE_LEVELS];
    eb_span legend_title;             /* who classified the evidence types */
    eb_span trials_label;             /* "human studies (n)" */
    eb_span alt;                      /* one sentence saying what it shows */
} eb_chart;

typedef struct {
    eb_block_kind kind;
    int level;                /* headings: 1 or 2 */
    eb_span text;             /* title, heading, paragraph, meta value, reference */
    eb_span label;            /* meta label; reference number ("12.") */
    const char *link;         /* reference: https://doi.org/... or URL; else NULL */
    eb_bullet *bullets;
    size_t nbullets;
    eb_brief_table *table;
    eb_chart *chart;
    bool summary;             /* part of the page-1 summary: set on a light
                                 panel, its bullets smaller and tighter (the
                                 summary must fit its page) */
    bool outline;             /* headings: an entry in the document outline */
    const char *title;        /* headings: the outline's text, which is the
                                 heading's without the bidi isolates of the
                                 values in it (outline panes show them as
                                 boxes); NULL: the heading's text */
    const eb_image *image;    /* brand: the logo, or NULL */
    const char *alt;          /* brand: the logo's alternative text */
} eb_block;

typedef struct {
    eb_arena *arena;
    const eb_indication *indication;
    eb_locale locale;
    bool rtl;                 /* page direction */
    const char *title;        /* document title, in the locale */
    const char *running_title;/* running header */
    const char *subject, *keywords, *author;
    const char *file_name;    /* "<indication>.<locale>.pdf" */
    eb_block *blocks;
    size_t nblocks;
    size_t nreviews;          /* reviews feeding it */
    const char *page_label;   /* footer format: "Page %s / %s" in the locale */
    const char *continued_label; /* "(continued)" after a table's caption */
    eb_span footer_note;      /* the clinic's contact line on every page; text NULL: none */
} eb_brief;

typedef struct {
    /* Build date as days since 1970-01-01 (from SOURCE_DATE_EPOCH), or -1
     * to use the date of the evidence: never the wall clock. */
    long build_day;
} eb_compose_options;

/* Composes the brief of one indication in one locale. */
eb_brief *eb_brief_compose(const eb_corpus *corpus, size_t indication, eb_locale locale,
                           const eb_compose_options *options);
void eb_brief_destroy(eb_brief *brief);

/* Digits in the locale's script: Persian digits for fa, ASCII otherwise.
 * Writes into buf (size >= 64) and returns it. */
const char *eb_locale_number(eb_locale locale, long value, char *buf, size_t size);

#endif
