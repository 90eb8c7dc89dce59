/* Private interfaces between the files of the layout module. Nothing outside
 * src/layout/ includes this: the public API is include/layout.h. */
#ifndef EVBRIEF_LAYOUT_INTERNAL_H
#define EVBRIEF_LAYOUT_INTERNAL_H

#include <hb.h>
#include <fribidi.h>

#include "layout.h"

/* ---- fonts.c ------------------------------------------------------------- */

/* Which fallback chain a character uses. */
typedef enum {
    EB_CHAIN_LATIN,   /* Latin, Greek, Cyrillic and anything without a better chain */
    EB_CHAIN_ARABIC,  /* Arabic script (Persian) */
    EB_CHAIN_CJK,     /* Han, kana, CJK punctuation, fullwidth forms */
    EB_CHAIN_COUNT
} eb_chain;

/* At most this many fonts in a fontset, so a font fits an index of a byte. */

size_t ebi_fontset_count(const eb_fontset *fonts);
const eb_font *ebi_fontset_font(const eb_fontset *fonts, size_t index);
/* Font indices to try for a character, best first; every font of the set
 * appears once, so the chain ends only when no font is left. */
const uint8_t *ebi_fontset_chain(const eb_fontset *fonts, eb_family family, bool bold,
                                eb_chain chain, size_t *count);
/* A HarfBuzz buffer the fontset lends for shaping (hence not thread-safe). */
hb_buffer_t *ebi_fontset_buffer(eb_fontset *fonts);

hb_font_t *ebi_font_hb_font(const eb_font *font);
bool ebi_font_has_char(const eb_font *font, uint32_t cp);
/* Points per font unit at `size` pt. */
double ebi_font_scale(const eb_font *font, double size);

/* ---- itemize.c ----------------------------------------------------------- */

/* Per-character facts (indexed by code point, logical order). */
enum {
    EB_CH_CLUSTER_START = 1 << 0, /* first character of a shaping cluster */
    EB_CH_SPACE = 1 << 1,         /* white space: trails invisibly at a line end */
    EB_CH_STRETCH = 1 << 2,       /* word space that justification widens */
    EB_CH_CJK = 1 << 3,           /* ideograph, kana or CJK punctuation */
    EB_CH_GAP_BEFORE = 1 << 4,    /* a Han-Latin boundary: 1/4 em before it */
    EB_CH_HARD_BREAK = 1 << 5,    /* line or paragraph separator */
    EB_CH_UNCOVERED = 1 << 6,     /* no font has it: left out of the drawing */
};

/* A run of text with one bidi level, script and font: the unit of shaping. */
typedef struct {
    size_t start, end;       /* code point indices */
    uint8_t font;            /* index in the fontset */
    uint8_t level;           /* bidi embedding level */
    hb_script_t script;
    const char *lang;        /* static BCP 47 tag */
    size_t glyph_start, nglyphs; /* slice of eb_analysis.glyphs, visual order */
} eb_item;

/* A bidi paragraph (UAX #9 P1): the text up to and including a paragraph
 * separator. Lines never cross from one to the next. */
typedef struct {
    size_t start, end;       /* code point indices */
    FriBidiParType dir;      /* base direction: FRIBIDI_PAR_LTR or FRIBIDI_PAR_RTL */
} eb_bidi_par;

/* The analysis of one paragraph that shaping, breaking and line building
 * share (not model.h's eb_text, the same text in several languages).
 * Freed by ebi_analysis_destroy except `glyphs`, which an eb_para can adopt. */
typedef struct {
    eb_fontset *fonts;
    const eb_text_style *style;
    const char *text;        /* UTF-8, len bytes */
    size_t len;
    size_t n;                /* code points */
    uint32_t *cps;           /* n code points */
    uint32_t *offs;          /* n + 1 byte offsets: offs[i] is where cps[i] starts */
    FriBidiCharType *types;  /* bidi classes */
    FriBidiLevel *levels;    /* resolved embedding levels */
    eb_bidi_par *pars;       /* the bidi paragraphs, in order; none for empty text */
    size_t npars;
    FriBidiParType base_dir; /* of the first bidi paragraph (the style's, or LTR,
                                for empty text) */
    uint8_t *flags;          /* EB_CH_* */
    uint8_t *brk;            /* LINEBREAK_* after each character, clreq applied */
    float *adv;              /* shaped advance of each cluster, pt, on its first char */
    double gap;              /* the Han-Latin gap, pt */
    eb_item *items;
    size_t nitems;
    eb_glyph *glyphs;        /* all items' glyphs; text_start = cluster byte offset */
    size_t nglyphs;
    const eb_font *primary;  /* the style's first font, for empty lines */
} eb_analysis;

/* Decodes, resolves bidi levels, scripts and fonts, and reports characters
 * no font has. Returns false (after reporting) for invalid UTF-8. */
bool ebi_analysis_init(eb_analysis *t, eb_fontset *fonts, const char *text, size_t len,
                      const eb_text_style *style, eb_diag *diag);
void ebi_analysis_destroy(eb_analysis *t);
/* Whether the first bidi paragraph is right to left. */
bool ebi_analysis_is_rtl(const eb_analysis *t);
/* The bidi paragraph holding character `ch` (< t->n). */
const eb_bidi_par *ebi_analysis_par_at(const eb_analysis *t, size_t ch);

/* Static BCP 47 tag for shaping a run of `script` in a paragraph tagged
 * `style_lang` ("fa" for Arabic script, "zh-Hans" for Han, "en" for Latin,
 * unless the paragraph's own language writes that script). */
const char *ebi_lang_for_script(hb_script_t script, const char *style_lang);
bool ebi_lang_is_chinese(const char *lang);
/* `lang` as one of the static tags above ("en" for NULL). */
const char *ebi_lang_static(const char *lang);

/* ---- cache.c -------------------------------------------------------------- */

/* A bounded map from byte strings to byte strings (least recently used out
 * first) for results that are a pure function of their key. Per fontset:
 * kept as user data of its HarfBuzz buffer, per thread like the fontset. */
typedef struct eb_cache eb_cache;
/* The cache `which` (the address of a static key) of the fontset that lends
 * `buf`, made on first use to hold max_bytes; NULL if it cannot be made. */
eb_cache *ebi_cache_of(hb_buffer_t *buf, hb_user_data_key_t *which, size_t max_bytes);
/* A key is built in parts, then looked up; ebi_cache_add stores a value
 * under the key last looked up. */
void ebi_cache_key_start(eb_cache *cache);
void ebi_cache_key_add(eb_cache *cache, const void *bytes, size_t n);
/* The value stored under the key (*len bytes, 8-aligned), or NULL. */
const void *ebi_cache_find(eb_cache *cache, size_t *len);
void ebi_cache_add(eb_cache *cache, const void *value, size_t len);
/* Memory held, entries and their bookkeeping (at most max_bytes). */
size_t ebi_cache_bytes(const eb_cache *cache);

/* ---- shape.c ------------------------------------------------------------- */

/* Shapes every item with the whole paragraph as context, fills t->glyphs,
 * t->adv and the cluster flags. */
void ebi_analysis_shape(eb_analysis *t);

/* One glyph as HarfBuzz gives it, in font units; cluster relative to the
 * start of the item's text. */
typedef struct {
    uint32_t gid, cluster;
    int32_t x_advance, x_offset, y_offset;
} eb_shaped_glyph;

/* A growing array of them. */
typedef struct {
    eb_shaped_glyph *glyphs;
    size_t cap;
} eb_shaped_glyphs;
void ebi_shaped_glyphs_reserve(eb_shaped_glyphs *g, size_t count);

/* Everything HarfBuzz reads to shape an item: byte ranges of the text. */
typedef struct {
    uint8_t font, rtl, bot, eot; /* font index; direction; HB_BUFFER_FLAG_BOT, _EOT */
    hb_script_t script;
    hb_language_t lang;
    const char *pre, *text, *post; /* context before, the item, context after */
    uint32_t pre_len, text_len, post_len;
} eb_shape_key;

/* The shaping cache: the glyphs shaped for `key` into *out and their
 * count, or SIZE_MAX when they are not known; then ebi_shape_cache_add
 * keeps the glyphs HarfBuzz gave for that key. */
size_t ebi_shape_cache_find(eb_cache *cache, const eb_shape_key *key, eb_shaped_glyphs *out);
void ebi_shape_cache_add(eb_cache *cache, const eb_shaped_glyph *glyphs, size_t count);
/* The index of the character that starts at byte offset `byte`, walking
 * from character `ch`: linear time over clusters in monotone order. */
size_t ebi_analysis_walk_to(const eb_analysis *t, size_t ch, uint32_t byte);

/* ---- linebreak.c --------------------------------------------------------- */

/* Fills t->brk: UAX #14 from libunibreak, then the clreq rules, and no break
 * inside a shaping cluster. Needs ebi_analysis_shape first. */
void ebi_analysis_find_breaks(eb_analysis *t);

/* A line as a logical range of code points [start, end). */
typedef struct {
    size_t start, end;
} eb_line_range;

/* Greedy line filling in `width` pt; returns the spans (caller frees). */
eb_line_range *ebi_analysis_fill_lines(const eb_analysis *t, double width, size_t *count);
/* Width of characters [start, end) set on one line: trailing spaces do not
 * count, nor a Han-Latin gap at the start. */
double ebi_analysis_span_width(const eb_analysis *t, size_t start, size_t end);

/* ---- paragraph.c --------------------------------------------------------- */

/* Everything a layout needs but the width: analysis, shaping and break
 * opportunities (reported like eb_para_layout). False for invalid
 * UTF-8; free t with ebi_analysis_destroy either way. `text` and `style` must
 * stay valid until ebi_analysis_layout; style->origin only during this call. */
bool ebi_analysis_prepare(eb_analysis *t, eb_fontset *fonts, const char *text, size_t n,
                         const eb_text_style *style, eb_diag *diag);
/* eb_measure_text's widths of a prepared text. */
void ebi_analysis_measure(const eb_analysis *t, double *min_width, double *max_width);
/* Sets a prepared text in a box `width` points wide, once: the paragraph
 * takes over the glyphs (which line building adjusts) and copies the text. */
eb_para *ebi_analysis_layout(eb_analysis *t, double width);

/* ---- small character classes (itemize.c) ------------------------------ */

bool ebi_char_is_cjk_punct(uint32_t cp);     /* CJK and fullwidth punctuation */

#endif
