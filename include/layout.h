/* layout: turns a UTF-8 paragraph and a style into lines of positioned glyph
 * runs, in the spirit of libraqm: FriBidi for bidi (UAX #9), HarfBuzz for
 * shaping, libunibreak for line breaks (UAX #14) plus the Chinese rules of
 * W3C clreq, FreeType for font data. Nothing here draws: the PDF stage
 * (pdf.h) turns an eb_para into page content.
 *
 * Units: points (1/72 in). Coordinates inside a paragraph grow rightwards
 * and downwards from its top-left corner. */
#ifndef EVBRIEF_LAYOUT_H
#define EVBRIEF_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "font_list.h"

/* ---- fonts ------------------------------------------------------------- */

typedef enum { EB_FAMILY_SERIF, EB_FAMILY_SANS } eb_family;

/* One loaded font face (FreeType face + HarfBuzz font). Owned by its fontset. */
typedef struct eb_font eb_font;

/* The fonts of fonts/fonts.json, with the per-script fallback chains.
 * Not thread-safe: use one fontset per thread (eb_fontset_share). */
typedef struct eb_fontset eb_fontset;

/* Opens the fonts of a list the load stage read from fonts.json
 * (eb_font_list_load); the list is not kept. On failure reports through
 * diag (missing, truncated or non-font file, with its path) and returns
 * NULL; an empty list (one that could not be read, and said so) gives NULL
 * without a report. */
eb_fontset *eb_fontset_create(const eb_font_list *list, eb_diag *diag);
/* Another fontset over the same, immutable font data, for another thread:
 * the files are mapped and the faces set up once per process. Each fontset
 * is used by one thread at a time and freed on its own; the data goes with
 * the last. */
eb_fontset *eb_fontset_share(const eb_fontset *fonts);
void eb_fontset_destroy(eb_fontset *fonts);

/* Facts about a font that the PDF stage needs to embed it. */
typedef struct {
    const char *path;        /* file the face comes from */
    unsigned face_index;     /* index inside a collection */
    const char *postscript_name;
    bool is_cff;             /* CFF outlines (FontFile3) vs TrueType (FontFile2) */
    unsigned units_per_em;
    int ascender, descender, cap_height; /* font units */
    int bbox[4];             /* font units: xmin ymin xmax ymax */
    double italic_angle;
    unsigned id;             /* stable small integer, unique in the fontset */
} eb_font_info;

const eb_font_info *eb_font_get_info(const eb_font *font);
/* The font's HarfBuzz face, for subsetting and glyph counts (pdf uses
 * HarfBuzz too). Declared here as hb.h declares it (C11 allows the same
 * typedef twice), so that this header does not need hb.h. */
typedef struct hb_face_t hb_face_t;
hb_face_t *eb_font_hb_face(const eb_font *font);
/* The same face with only its outline tables (CFF, or glyf and loca, and the
 * metrics), which is what a PDF embeds: subsetting it is much cheaper. */
hb_face_t *eb_font_subset_face(const eb_font *font);
/* The next character of text[*pos..len) that no font of the set has a
 * glyph for (ignoring joiners and bidi controls, which need none), or 0 at
 * the end; *pos moves past it, so that a loop finds every one. */
uint32_t eb_fontset_next_uncovered(const eb_fontset *fonts, const char *text, size_t len, size_t *pos);
/* Advance width of a glyph in font units. */
int eb_font_glyph_advance(const eb_font *font, uint32_t glyph);

/* ---- paragraphs ---------------------------------------------------------- */

typedef enum { EB_DIR_AUTO, EB_DIR_LTR, EB_DIR_RTL } eb_direction;
typedef enum { EB_ALIGN_START, EB_ALIGN_END, EB_ALIGN_CENTER, EB_ALIGN_JUSTIFY } eb_align;

/* A character no font covers is never drawn; it is reported as a warning,
 * as an error, or not at all when the loader has already reported each one
 * at its place in the inputs (evbrief build checks them all at load). */
typedef enum {
    EB_UNCOVERED_WARNING = 0,
    EB_UNCOVERED_ERROR = 1,
    EB_UNCOVERED_REPORTED = 2
} eb_uncovered;

typedef struct {
    eb_family family;
    bool bold;
    double size;          /* font size, pt */
    double line_height;   /* baseline-to-baseline distance, pt; 0 = 1.45 * size */
    eb_direction direction; /* base direction of every bidi paragraph of the text;
                               AUTO = each from its own first strong char (one
                               without any follows the paragraph before it, or
                               the first that has one) */
    const char *lang;     /* BCP 47: "en", "fa", "zh-Hans" (shaping, breaking rules) */
    eb_align align;       /* START/END follow each line's base direction */
    uint32_t color;       /* 0xRRGGBB */
    const char *origin;   /* where the text comes from, for diagnostics:
                             "inputs/reviews/x.json $.findings[2].text.fa" */
    eb_uncovered strict;  /* what a character no font covers is */
} eb_text_style;

/* One shaped glyph. Positions are in points, relative to its run. */
typedef struct {
    uint32_t gid;         /* glyph id in run->font */
    float x_advance;
    float x_offset, y_offset;  /* y_offset: positive = up */
    /* The text this glyph stands for, as a byte range of eb_para.text, for
     * the PDF ToUnicode map and ActualText: the whole cluster on the first
     * glyph (in logical order) of a cluster, empty (len 0) on the others. */
    uint32_t text_start, text_len;
} eb_glyph;

/* A run: glyphs of one font, one bidi level, one script, in VISUAL order
 * (left to right as drawn). */
typedef struct {
    const eb_font *font;
    double size;
    bool rtl;             /* odd bidi level */
    const char *lang;     /* BCP 47 of this run's text (static string) */
    double x;             /* left edge of the run, relative to the line's left */
    double width;
    eb_glyph *glyphs;     /* points into eb_para.glyph_store (not owned) */
    size_t nglyphs;
    uint32_t text_start, text_end; /* the logical byte range it covers */
    /* Justification and the Han-Latin gap are already folded into
     * x_advance (of word spaces, or of the glyph left of a widened gap);
     * spaces trailing at a line end have x_advance 0 but keep their text. */
} eb_run;

typedef struct {
    eb_run *runs;         /* visual order, left to right */
    size_t nruns;
    double x;             /* left edge of the line inside the paragraph box
                             (alignment offset) */
    double baseline;      /* distance from the paragraph top to this baseline */
    double width;         /* advance width of the content */
    double ascent, descent; /* positive, pt */
    uint32_t text_start, text_end; /* logical byte range of this line */
    bool rtl;             /* base direction of the bidi paragraph the line
                             belongs to (each paragraph separator of the
                             text starts one); alignment follows it */
} eb_line;

typedef struct {
    char *text;           /* owned copy of the paragraph text (UTF-8) */
    size_t text_len;
    eb_line *lines;
    size_t nlines;
    double width;         /* the box width the paragraph was set in */
    double height;        /* from the top to the bottom of the last line box */
    bool rtl;             /* resolved base direction of the first bidi
                             paragraph; later ones may differ (eb_line.rtl) */
    uint32_t color;
    const char *lang;
    /* Owner of every run's glyphs (runs point into it): freed with the para. */
    eb_glyph *glyph_store;
} eb_para;

/* Lays out `text` (n bytes of UTF-8) in a box `width` points wide. Never
 * fails for valid UTF-8: characters no font covers are reported through diag
 * (code point, style->origin) and, with style->strict, counted as errors.
 * Returns NULL only for invalid UTF-8 (also reported). */
eb_para *eb_para_layout(eb_fontset *fonts, const char *text, size_t n,
                             const eb_text_style *style, double width, eb_diag *diag);
void eb_para_destroy(eb_para *para);

/* Content widths for automatic table layout (CSS 2.1 17.5.2.2):
 * min = the widest piece that cannot be broken (with overlong words counted
 * at their full width), max = the width of the text set on one line. */
void eb_measure_text(eb_fontset *fonts, const char *text, size_t n,
                     const eb_text_style *style, double *min_width, double *max_width,
                     eb_diag *diag);

#endif
