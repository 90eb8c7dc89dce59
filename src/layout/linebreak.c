/* linebreak: where lines may end (UAX #14 from libunibreak, its results
 * cached per fontset, tightened by the Chinese rules of W3C clreq), and
 * greedy filling of lines on the shaped widths. Filling rescans at most the word that overflowed, so a paragraph
 * of any length is laid out in about linear time. */
#include <linebreak.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "layout_internal.h"
#include "util.h"

/* Widths are sums of floats: allow for rounding when comparing with the box. */
#define WIDTH_EPSILON 1e-3

static pthread_once_t linebreak_once = PTHREAD_ONCE_INIT;

/* The cache of libunibreak's results holds at most this much per fontset. */
#define BREAK_CACHE_BYTES ((size_t)512 << 10)
static hb_user_data_key_t break_cache_key;

/* ---- clreq: characters that must not start or end a line ------------------ */

/* Closing punctuation (clreq 3.1.7): never at the start of a line. */
static bool no_line_start(uint32_t cp) {
    switch (cp) {
    case 0x3001: case 0xFF0C: case 0xFF1B: case 0xFF1A: /* 、，；： */
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF0E: /* 。！？． */
    case 0xFF09: case 0x300B: case 0x300D: case 0x300F: /* ）》」』 */
    case 0x3011: case 0x3009: case 0x3015: case 0x3017: /* 】〉〕〗 */
    case 0x3019: case 0x301B: case 0xFF3D: case 0xFF5D: /* 〙〛］｝ */
    case 0x201D: case 0x2019: case 0x30FB: case 0x00B7: /* ”’・· */
    case 0x00BB: case 0x203A:                           /* » › */
    case ')': case ']': case '}': case ',': case '.': case ';': case ':': case '!': case '?':
        return true;
    default:
        return false;
    }
}

/* Opening punctuation: never at the end of a line. */
static bool no_line_end(uint32_t cp) {
    switch (cp) {
    case 0xFF08: case 0x300A: case 0x300C: case 0x300E: /* （《「『 */
    case 0x3010: case 0x3008: case 0x3014: case 0x3016: /* 【〈〔〖 */
    case 0x3018: case 0x301A: case 0xFF3B: case 0xFF5B: /* 〘〚［｛ */
    case 0x201C: case 0x2018: case 0x00AB: case 0x2039: /* “‘«‹ */
    case '(': case '[': case '{':
        return true;
    default:
        return false;
    }
}

/* ——, …… and ⸺ are one mark made of two characters: never split. */
static bool inseparable_pair(uint32_t a, uint32_t b) {
    return a == b && (a == 0x2014 || a == 0x2026 || a == 0x2E3A || a == 0x2015);
}

static bool is_digit(uint32_t cp) {
    return (cp >= '0' && cp <= '9') || (cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9);
}

/* A numeric range such as 30–150 stays on one line (UAX #14 would break
 * after the en dash). */
static bool numeric_range(const eb_analysis *t, size_t after) {
    return t->cps[after] == 0x2013 && after > 0 && is_digit(t->cps[after - 1]) &&
           is_digit(t->cps[after + 1]);
}

/* A number and its unit are one piece: «35~59 岁», «6 周», «12周» (a Han
 * unit after a number, with or without a space between), and «6-week»
 * (a hyphenated unit). A unit cut from its number was the usual
 * one-character last line of a Chinese table cell. */
static bool number_and_unit(const eb_analysis *t, size_t after) {
    uint32_t a = t->cps[after], b = t->cps[after + 1];
    if (a == '-' || a == 0x2010) /* UAX #14 breaks after a hyphen */
        return after > 0 && is_digit(t->cps[after - 1]) && FRIBIDI_IS_LETTER(t->types[after + 1]);
    if (!(t->flags[after + 1] & EB_CH_CJK) || ebi_char_is_cjk_punct(b)) return false;
    size_t before = after;
    if (t->flags[before] & EB_CH_SPACE && before > 0) before--;
    return is_digit(t->cps[before]);
}

static bool clreq_allows(const eb_analysis *t, size_t after) {
    uint32_t a = t->cps[after], b = t->cps[after + 1];
    return !no_line_start(b) && !no_line_end(a) && !inseparable_pair(a, b) &&
           !numeric_range(t, after) && !number_and_unit(t, after);
}

/* ---- break opportunities ----------------------------------------------------- */

static const char *unibreak_lang(const char *lang) {
    /* libunibreak matches "zh", "ja", "ko" (quotes become brackets there) */
    if (ebi_lang_is_chinese(lang)) return "zh";
    return lang;
}

/* Characters that libunibreak 1.1 (Debian 12) cannot take: it asserts,
 * aborting the whole process, when a regional indicator (U+1F1E6..U+1F1FF,
 * half of a flag) meets any other character (its pair table stops before
 * class RI), and it takes U+FFFF for the end of the text (its EOS): an
 * assertion after the first character, breaks left unset at the first.
 * It gets a copy of the text with these replaced by letters (class AL) of
 * the same UTF-8 length, U+1D400 and U+2C00, so that every byte offset
 * stays and the halves of a flag stay together (UAX #14 LB30a). NULL when
 * the text has none. */
static char *unibreak_safe_copy(const eb_analysis *t) {
    char *copy = NULL;
    for (size_t i = 0; i < t->n; i++) {
        uint32_t cp = t->cps[i];
        bool ri = cp >= 0x1F1E6 && cp <= 0x1F1FF;
        if (!ri && cp != 0xFFFF) continue;
        if (!copy) copy = eb_xstrndup(t->text, t->len);
        memcpy(copy + t->offs[i], ri ? "\xF0\x9D\x90\x80" : "\xE2\xB0\x80", ri ? 4 : 3);
    }
    return copy;
}

/* libunibreak's verdict after each character (LINEBREAK_*) into out[n]. */
static void unibreak(const eb_analysis *t, uint8_t *out) {
    char *bytes = eb_xmalloc(t->len + 1);
    char *safe = unibreak_safe_copy(t);
    set_linebreaks_utf8((const utf8_t *)(safe ? safe : t->text), t->len, unibreak_lang(t->style->lang),
                        bytes);
    free(safe);
    for (size_t i = 0; i < t->n; i++) out[i] = (uint8_t)bytes[t->offs[i + 1] - 1];
    free(bytes);
}

/* The same, remembered per fontset (cache.c): it is a function of the text
 * and the language alone, and the same texts recur across briefs. */
static void unibreak_cached(const eb_analysis *t, uint8_t *out) {
    eb_cache *cache = ebi_cache_of(ebi_fontset_buffer(t->fonts), &break_cache_key, BREAK_CACHE_BYTES);
    if (!cache) {
        unibreak(t, out);
        return;
    }
    const char *lang = unibreak_lang(t->style->lang);
    uint8_t has_lang = lang != NULL;
    ebi_cache_key_start(cache);
    ebi_cache_key_add(cache, &has_lang, 1);
    if (lang) ebi_cache_key_add(cache, lang, strlen(lang) + 1);
    ebi_cache_key_add(cache, t->text, t->len);
    size_t len;
    const uint8_t *known = ebi_cache_find(cache, &len);
    if (known && len == t->n) {
        memcpy(out, known, len);
        return;
    }
    unibreak(t, out);
    ebi_cache_add(cache, out, t->n);
}

void ebi_analysis_find_breaks(eb_analysis *t) {
    pthread_once(&linebreak_once, init_linebreak);
    t->brk = eb_xmalloc(t->n + 1);
    unibreak_cached(t, t->brk);
    for (size_t i = 0; i < t->n; i++) {
        char b = (char)t->brk[i];
        if (b == LINEBREAK_MUSTBREAK && !(t->flags[i] & EB_CH_HARD_BREAK) && i + 1 < t->n)
            b = LINEBREAK_ALLOWBREAK; /* only real separators force a line */
        if (t->types[i] == FRIBIDI_TYPE_BS)
            b = LINEBREAK_MUSTBREAK; /* each line is reordered within one bidi paragraph;
                                        U+001C..U+001E end one but are no UAX #14 break */
        if (b == LINEBREAK_ALLOWBREAK && i + 1 < t->n &&
            (!(t->flags[i + 1] & EB_CH_CLUSTER_START) || !clreq_allows(t, i)))
            b = LINEBREAK_NOBREAK;
        t->brk[i] = (uint8_t)b;
    }
    /* a CR LF pair is one hard break */
    for (size_t i = 0; i + 1 < t->n; i++)
        if (t->cps[i] == '\r' && t->cps[i + 1] == '\n') t->brk[i] = LINEBREAK_NOBREAK;
}

/* ---- widths -------------------------------------------------------------------- */

/* The advance of character i on a line starting at `start`: the Han-Latin
 * gap belongs to the character after it and vanishes at a line start. */
static double advance_in_line(const eb_analysis *t, size_t i, size_t start) {
    double a = t->adv[i];
    if (i > start && (t->flags[i] & EB_CH_GAP_BEFORE)) a += t->gap;
    return a;
}

double ebi_analysis_span_width(const eb_analysis *t, size_t start, size_t end) {
    double width = 0, pending = 0;
    for (size_t i = start; i < end; i++) {
        double a = advance_in_line(t, i, start);
        if (t->flags[i] & EB_CH_SPACE) {
            pending += a;
        } else {
            width += pending + a;
            pending = 0;
        }
    }
    return width;
}

/* ---- greedy filling -------------------------------------------------------------- */

/* No break opportunity fits: cut the word at a cluster (grapheme) boundary
 * before `overflow`, preferring one that clreq allows. Always returns a line
 * of at least one cluster. */
static size_t emergency_break(const eb_analysis *t, size_t start, size_t overflow) {
    size_t fallback = 0;
    for (size_t c = overflow; c > start; c--) {
        if (!(t->flags[c] & EB_CH_CLUSTER_START)) continue;
        if (clreq_allows(t, c - 1)) return c;
        if (!fallback) fallback = c;
    }
    if (fallback) return fallback;
    size_t end = start + 1; /* a lone cluster wider than the box */
    while (end < t->n && !(t->flags[end] & EB_CH_CLUSTER_START)) end++;
    return end;
}

/* The end of the line that starts at `start`. */
static size_t fill_one_line(const eb_analysis *t, size_t start, double width) {
    double used = 0, pending = 0;
    size_t last_break = start;
    for (size_t i = start; i < t->n; i++) {
        double a = advance_in_line(t, i, start);
        if (t->flags[i] & EB_CH_SPACE) {
            pending += a; /* trailing spaces do not count until a word follows */
        } else {
            if (i > start && used + pending + a > width + WIDTH_EPSILON)
                return last_break > start ? last_break : emergency_break(t, start, i);
            used += pending + a;
            pending = 0;
        }
        if (t->brk[i] == LINEBREAK_MUSTBREAK) return i + 1;
        if (t->brk[i] == LINEBREAK_ALLOWBREAK) last_break = i + 1;
    }
    return t->n;
}

/* Characters that count for the last-line rule: not spaces, not punctuation. */
static size_t count_letters(const eb_analysis *t, size_t start, size_t end) {
    size_t n = 0;
    for (size_t i = start; i < end; i++)
        if ((t->flags[i] & EB_CH_CLUSTER_START) && !(t->flags[i] & EB_CH_SPACE) &&
            !ebi_char_is_cjk_punct(t->cps[i]) && !no_line_start(t->cps[i]))
            n++;
    return n;
}

/* clreq: a Chinese paragraph does not end with a line of one character
 * (punctuation aside); move the previous line's last break back until the
 * last line holds two, if that still fits. */
static void avoid_lonely_last_char(const eb_analysis *t, eb_line_range *spans, size_t count,
                                   double width) {
    eb_line_range *last = &spans[count - 1], *prev = &spans[count - 2];
    if (count_letters(t, last->start, last->end) != 1) return;
    if (t->brk[prev->end - 1] == LINEBREAK_MUSTBREAK) return;
    size_t first = last->start;
    while (first < last->end && !(t->flags[first] & EB_CH_CLUSTER_START && !(t->flags[first] & EB_CH_SPACE)))
        first++;
    if (first == last->end || !(t->flags[first] & EB_CH_CJK)) return;
    for (size_t b = prev->end - 1; b > prev->start; b--) {
        if (t->brk[b - 1] != LINEBREAK_ALLOWBREAK) continue;
        if (count_letters(t, b, last->end) < 2) continue;
        if (ebi_analysis_span_width(t, b, last->end) > width + WIDTH_EPSILON) return;
        prev->end = last->start = b;
        return;
    }
}

eb_line_range *ebi_analysis_fill_lines(const eb_analysis *t, double width, size_t *count) {
    size_t n = 0, cap = 16;
    eb_line_range *spans = eb_xmalloc(cap * sizeof *spans);
    for (size_t start = 0; start < t->n;) {
        size_t end = fill_one_line(t, start, width);
        if (n == cap) spans = eb_xrealloc(spans, (cap *= 2) * sizeof *spans);
        spans[n++] = (eb_line_range){start, end};
        if (n >= 2 && (end == t->n || t->brk[end - 1] == LINEBREAK_MUSTBREAK))
            avoid_lonely_last_char(t, spans, n, width);
        start = end;
    }
    *count = n;
    return spans;
}
