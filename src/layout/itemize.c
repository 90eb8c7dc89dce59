/* itemize: splits a paragraph into items (runs of one bidi level, script and
 * font) the way libraqm does: FriBidi resolves the levels (UAX #9 with
 * bracket pairs), HarfBuzz's Unicode functions give scripts, characters of
 * script Common or Inherited take their neighbour's, and each character gets
 * the first font of its script's fallback chain that has it. */
#include <stdlib.h>
#include <string.h>

#include "layout_internal.h"
#include "util.h"

/* An item longer than this is cut at the next safe place, so that HarfBuzz
 * never holds a whole 10 MB paragraph (about 60 bytes a glyph) at once. */
#define ITEM_MAX_CHARS 4096

/* ---- character classes ------------------------------------------------------ */

/* The Unicode data behind scripts and categories come from HarfBuzz. ASCII is
 * answered here, the same way, since most text is ASCII: letters are Latin
 * and every other ASCII character Common; none is a mark. */
static bool is_ascii_letter(uint32_t cp) { return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'; }

static hb_script_t script_of(hb_unicode_funcs_t *unicode, uint32_t cp) {
    if (cp < 0x80) return is_ascii_letter(cp) ? HB_SCRIPT_LATIN : HB_SCRIPT_COMMON;
    return hb_unicode_script(unicode, cp);
}

static bool is_han_script(hb_script_t s) {
    return s == HB_SCRIPT_HAN || s == HB_SCRIPT_HIRAGANA || s == HB_SCRIPT_KATAKANA ||
           s == HB_SCRIPT_BOPOMOFO;
}

bool ebi_char_is_cjk_punct(uint32_t cp) {
    return (cp >= 0x3000 && cp <= 0x303F) ||  /* CJK symbols and punctuation */
           (cp >= 0xFF00 && cp <= 0xFF65) ||  /* fullwidth forms */
           (cp >= 0xFE10 && cp <= 0xFE1F) ||  /* vertical forms */
           (cp >= 0xFE30 && cp <= 0xFE4F);    /* CJK compatibility forms */
}

/* Latin (or Greek, Cyrillic) letters and ASCII digits; `script` is cp's. */
static bool is_latin_alnum(hb_unicode_funcs_t *unicode, uint32_t cp, hb_script_t script) {
    if (cp < 0x80) return (cp >= '0' && cp <= '9') || is_ascii_letter(cp);
    if (script != HB_SCRIPT_LATIN && script != HB_SCRIPT_GREEK && script != HB_SCRIPT_CYRILLIC)
        return false;
    hb_unicode_general_category_t gc = hb_unicode_general_category(unicode, cp);
    return gc <= HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER &&
           gc >= HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER;
}

static bool is_hard_break(uint32_t cp) {
    return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 ||
           cp == 0x2028 || cp == 0x2029;
}

static bool is_control(uint32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

/* Default-ignorable characters (joiners, bidi controls, variation selectors,
 * soft hyphen): HarfBuzz hides them, so they need no glyph of their own. */
static bool is_default_ignorable(uint32_t cp) {
    return cp == 0x00AD || cp == 0x034F || cp == 0x061C || (cp >= 0x180B && cp <= 0x180F) ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x206F) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
           (cp >= 0xE0000 && cp <= 0xE0FFF);
}

static bool is_mark(hb_unicode_funcs_t *unicode, uint32_t cp) {
    if (cp < 0x80) return false;
    hb_unicode_general_category_t gc = hb_unicode_general_category(unicode, cp);
    return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

/* The EB_CH_* flags of every character, from its (unresolved) script. */
static void set_char_flags(eb_analysis *t, const hb_script_t *scripts, hb_unicode_funcs_t *unicode) {
    t->flags = eb_xmalloc(t->n + 1);
    bool prev_han = false, prev_latin = false;
    for (size_t i = 0; i < t->n; i++) {
        uint32_t cp = t->cps[i];
        bool han = is_han_script(scripts[i]), latin = is_latin_alnum(unicode, cp, scripts[i]);
        uint8_t f = 0;
        if (cp == ' ' || cp == '\t' || cp == 0x3000) f |= EB_CH_SPACE;
        if (cp == ' ' || cp == 0xA0) f |= EB_CH_STRETCH;
        if (is_hard_break(cp)) f |= EB_CH_HARD_BREAK | EB_CH_SPACE;
        if (han || ebi_char_is_cjk_punct(cp)) f |= EB_CH_CJK;
        /* clreq 3.4: a quarter em between Han and Western letters or digits,
         * only where they touch (a space or punctuation between: no gap) */
        if ((prev_han && latin) || (prev_latin && han)) f |= EB_CH_GAP_BEFORE;
        t->flags[i] = f;
        prev_han = han;
        prev_latin = latin;
    }
}

/* ---- languages ---------------------------------------------------------------- */

bool ebi_lang_is_chinese(const char *lang) {
    return lang && strncmp(lang, "zh", 2) == 0 && (lang[2] == '\0' || lang[2] == '-');
}

static hb_script_t script_of_lang(const char *lang) {
    if (!lang) return HB_SCRIPT_INVALID;
    if (ebi_lang_is_chinese(lang) || strncmp(lang, "ja", 2) == 0) return HB_SCRIPT_HAN;
    if (strncmp(lang, "fa", 2) == 0 || strncmp(lang, "ar", 2) == 0 || strncmp(lang, "ur", 2) == 0)
        return HB_SCRIPT_ARABIC;
    return HB_SCRIPT_LATIN;
}

const char *ebi_lang_for_script(hb_script_t script, const char *style_lang) {
    hb_script_t own = script_of_lang(style_lang);
    bool han = script == HB_SCRIPT_HAN || script == HB_SCRIPT_HIRAGANA ||
               script == HB_SCRIPT_KATAKANA || script == HB_SCRIPT_BOPOMOFO;
    if (style_lang && (script == own || (han && own == HB_SCRIPT_HAN))) {
        /* the paragraph's own tag, as a static string the runs can keep */
        if (ebi_lang_is_chinese(style_lang)) return "zh-Hans";
        if (own == HB_SCRIPT_ARABIC) return strncmp(style_lang, "fa", 2) == 0 ? "fa" : "ar";
        if (own == HB_SCRIPT_LATIN) return "en";
    }
    if (script == HB_SCRIPT_ARABIC) return "fa";
    if (han) return "zh-Hans";
    return "en";
}

const char *ebi_lang_static(const char *lang) {
    return ebi_lang_for_script(script_of_lang(lang), lang);
}

/* ---- decoding and bidi --------------------------------------------------------- */

static void report_at_origin(eb_diag *diag, const eb_text_style *style, eb_severity severity,
                             const char *message) {
    /* origin reads "file $.json.path": split it into a compiler-style location */
    const char *origin = style->origin ? style->origin : "";
    const char *dollar = strstr(origin, " $");
    char *file = dollar ? eb_xstrndup(origin, (size_t)(dollar - origin)) : eb_xstrdup(origin);
    eb_location where = {.file = *file ? file : NULL, .path = dollar ? dollar + 1 : NULL};
    eb_diag_report(diag, severity, where, "%s", message);
    free(file);
}

static bool decode(eb_analysis *t, eb_diag *diag) {
    size_t bad = eb_utf8_validate(t->text, t->len);
    if (bad != t->len) {
        char *message = eb_xasprintf("invalid UTF-8 at byte %zu of the text", bad);
        report_at_origin(diag, t->style, EB_ERROR, message);
        free(message);
        return false;
    }
    t->cps = eb_xmalloc(t->len * sizeof *t->cps + 1);
    t->offs = eb_xmalloc((t->len + 1) * sizeof *t->offs);
    size_t n = 0;
    for (size_t at = 0; at < t->len; n++) {
        t->offs[n] = (uint32_t)at;
        at += eb_utf8_decode(t->text + at, t->len - at, &t->cps[n]);
    }
    t->offs[n] = (uint32_t)t->len;
    t->n = n;
    return true;
}

/* UAX #9 P1: a paragraph separator (class B: LF, CR, CR LF as one, NEL,
 * U+2029, U+001C..U+001E) ends a bidi paragraph and stays with it. U+2028
 * is class WS: it breaks the line but not the bidi paragraph. */
static void split_paragraphs(eb_analysis *t) {
    size_t cap = 4, start = 0;
    t->pars = eb_xmalloc(cap * sizeof *t->pars);
    for (size_t i = 0; i < t->n; i++) {
        bool separator = t->types[i] == FRIBIDI_TYPE_BS &&
                         !(t->cps[i] == '\r' && i + 1 < t->n && t->cps[i + 1] == '\n');
        if (!separator && i + 1 < t->n) continue;
        if (t->npars == cap) t->pars = eb_xrealloc(t->pars, (cap *= 2) * sizeof *t->pars);
        t->pars[t->npars++] = (eb_bidi_par){.start = start, .end = i + 1};
        start = i + 1;
    }
}

/* Rule P2: the direction of the first strong character outside isolates,
 * or FRIBIDI_PAR_ON for none. (fribidi_get_par_direction of FriBidi 1.0
 * does not skip isolates.) */
static FriBidiParType first_strong(const eb_analysis *t, const eb_bidi_par *par) {
    size_t isolates = 0;
    for (size_t i = par->start; i < par->end; i++) {
        FriBidiCharType type = t->types[i];
        if (type == FRIBIDI_TYPE_PDI) {
            if (isolates > 0) isolates--;
        } else if (FRIBIDI_IS_ISOLATE(type)) {
            isolates++;
        } else if (isolates == 0 && FRIBIDI_IS_LETTER(type)) {
            return FRIBIDI_IS_RTL(type) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
        }
    }
    return FRIBIDI_PAR_ON;
}

/* The base direction of each bidi paragraph: the style's, or by P2-P3 from
 * its own first strong character. A paragraph without one (a line of
 * digits such as "۲۰۱۳–۲۰۲۳" under a Persian line) would be LTR by P3;
 * HL1 lets us take the previous paragraph's direction instead, and for
 * leading ones the first resolved paragraph's, as FriBidi recommends for
 * fribidi_get_par_direction, so that such a line keeps the alignment and
 * reading order of the text around it. No strong character at all: LTR. */
static void resolve_directions(eb_analysis *t) {
    if (t->style->direction != EB_DIR_AUTO) {
        FriBidiParType dir = t->style->direction == EB_DIR_RTL ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
        for (size_t p = 0; p < t->npars; p++) t->pars[p].dir = dir;
        t->base_dir = dir;
        return;
    }
    FriBidiParType known = FRIBIDI_PAR_ON;
    for (size_t p = 0; p < t->npars; p++) {
        t->pars[p].dir = first_strong(t, &t->pars[p]);
        if (known == FRIBIDI_PAR_ON) known = t->pars[p].dir;
    }
    if (known == FRIBIDI_PAR_ON) known = FRIBIDI_PAR_LTR;
    for (size_t p = 0; p < t->npars; p++) {
        if (t->pars[p].dir == FRIBIDI_PAR_ON) t->pars[p].dir = known;
        known = t->pars[p].dir;
    }
    t->base_dir = t->npars ? t->pars[0].dir : FRIBIDI_PAR_LTR;
}

/* UAX #9 5.2 (retaining BNs and explicit formatting characters): such a
 * character takes the level of the character before it, so that a ZWNJ,
 * ZWJ or soft hyphen inside a Persian word never cuts the word into two
 * runs. FriBidi only mostly does this: given several paragraphs at once it
 * left ZWNJs at the paragraph level, and after a tab one keeps the level
 * the tab had before L1 moved it. Those that L1 resets (in the white
 * space before a separator or the paragraph end) stay at the base level,
 * as do those that start the paragraph. */
static void level_bns(eb_analysis *t, const eb_bidi_par *par) {
    bool trailing = true; /* scanning backwards: inside an L1 sequence */
    for (size_t i = par->end; i > par->start;) {
        FriBidiCharType type = t->types[--i];
        if (!FRIBIDI_IS_EXPLICIT_OR_BN(type)) {
            if (FRIBIDI_IS_SEPARATOR(type)) trailing = true;
            else if (!(type & FRIBIDI_MASK_WS) && !FRIBIDI_IS_ISOLATE(type)) trailing = false;
            continue;
        }
        /* a sequence of them shares one level: the L1 state cannot change
         * inside it, and the character before it is none of them, so its
         * level is final */
        size_t end = i + 1;
        while (i > par->start && FRIBIDI_IS_EXPLICIT_OR_BN(t->types[i - 1])) i--;
        if (trailing) continue;
        FriBidiLevel level = i > par->start ? t->levels[i - 1] : FRIBIDI_DIR_TO_LEVEL(par->dir);
        for (size_t k = i; k < end; k++) t->levels[k] = level;
    }
}

/* Whether UAX #9 can only give level 0 to every character of a bidi
 * paragraph: a left-to-right one without right-to-left letters, Arabic
 * numbers or explicit embeddings, overrides and isolates. There, W1-W7 make
 * NSMs, European numbers and their separators L (the sos being L), N0-N2
 * give neutrals and brackets the embedding direction L, and L1 keeps
 * separators and white space at the paragraph level; no I rule raises an L.
 * Most text is such (English), and FriBidi's run-list machinery is what
 * costs. */
static bool all_level_zero(const eb_analysis *t, const eb_bidi_par *par) {
    if (par->dir != FRIBIDI_PAR_LTR) return false;
    for (size_t i = par->start; i < par->end; i++) {
        switch (t->types[i]) {
        case FRIBIDI_TYPE_LTR: case FRIBIDI_TYPE_EN: case FRIBIDI_TYPE_ES: case FRIBIDI_TYPE_ET:
        case FRIBIDI_TYPE_CS: case FRIBIDI_TYPE_NSM: case FRIBIDI_TYPE_BN: case FRIBIDI_TYPE_BS:
        case FRIBIDI_TYPE_SS: case FRIBIDI_TYPE_WS: case FRIBIDI_TYPE_ON:
            continue;
        default:
            return false;
        }
    }
    return true;
}

static void resolve_bidi(eb_analysis *t) {
    size_t n = t->n;
    t->types = eb_xmalloc(n * sizeof *t->types + 1);
    t->levels = eb_xmalloc(n * sizeof *t->levels + 1);
    FriBidiBracketType *brackets = NULL; /* for the paragraphs FriBidi resolves */
    fribidi_get_bidi_types(t->cps, (FriBidiStrIndex)n, t->types);
    split_paragraphs(t);
    resolve_directions(t);
    for (size_t p = 0; p < t->npars; p++) {
        eb_bidi_par *par = &t->pars[p];
        FriBidiParType dir = par->dir;
        FriBidiStrIndex len = (FriBidiStrIndex)(par->end - par->start);
        if (all_level_zero(t, par)) {
            memset(t->levels + par->start, 0, (size_t)len);
            continue;
        }
        if (!brackets) {
            brackets = eb_xmalloc(n * sizeof *brackets + 1);
            fribidi_get_bracket_types(t->cps, (FriBidiStrIndex)n, t->types, brackets);
        }
        if (fribidi_get_par_embedding_levels_ex(t->types + par->start, brackets + par->start, len,
                                                &dir, t->levels + par->start) == 0)
            /* only on allocation failure inside FriBidi: lay out unidirectionally */
            memset(t->levels + par->start, par->dir == FRIBIDI_PAR_RTL, (size_t)len);
        level_bns(t, par);
    }
    free(brackets);
}

bool ebi_analysis_is_rtl(const eb_analysis *t) { return t->base_dir == FRIBIDI_PAR_RTL; }

const eb_bidi_par *ebi_analysis_par_at(const eb_analysis *t, size_t ch) {
    size_t lo = 0, hi = t->npars - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (t->pars[mid].start <= ch) lo = mid;
        else hi = mid - 1;
    }
    return &t->pars[lo];
}

/* ---- scripts ---------------------------------------------------------------------- */

static bool is_neutral_script(hb_script_t s) {
    return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

/* Characters of script Common or Inherited take the script of the preceding
 * character with a real script (else the following one); a closing bracket
 * takes the script of its opening bracket, so «(miR)» in Persian keeps both
 * parentheses in one font. `scripts` holds each character's own script and
 * is resolved in place (the resolution looks back at resolved ones only). */
static void resolve_scripts(const eb_analysis *t, hb_script_t *scripts, hb_unicode_funcs_t *unicode) {
    enum { STACK = 64 };
    struct { uint32_t pair; size_t at; } stack[STACK];
    size_t depth = 0;
    hb_script_t last = HB_SCRIPT_INVALID;
    for (size_t i = 0; i < t->n; i++) {
        hb_script_t s = scripts[i];
        if (!is_neutral_script(s)) {
            last = s;
            continue;
        }
        scripts[i] = last;
        hb_codepoint_t mirror = hb_unicode_mirroring(unicode, t->cps[i]);
        if (mirror == t->cps[i]) continue;
        if (t->types[i] == FRIBIDI_TYPE_ON && depth < STACK && mirror > t->cps[i]) {
            stack[depth].pair = mirror;
            stack[depth++].at = i;
        } else {
            for (size_t d = depth; d-- > 0;)
                if (stack[d].pair == t->cps[i]) {
                    hb_script_t opener = scripts[stack[d].at];
                    if (opener != HB_SCRIPT_INVALID) scripts[i] = opener;
                    depth = d;
                    break;
                }
        }
    }
    hb_script_t next = HB_SCRIPT_COMMON; /* all-neutral text stays Common */
    for (size_t i = t->n; i-- > 0;) {
        if (scripts[i] == HB_SCRIPT_INVALID) scripts[i] = next;
        else next = scripts[i];
    }
}

static eb_chain chain_of(uint32_t cp, hb_script_t script) {
    if (ebi_char_is_cjk_punct(cp)) return EB_CHAIN_CJK;
    switch (script) {
    case HB_SCRIPT_ARABIC: return EB_CHAIN_ARABIC;
    case HB_SCRIPT_HAN:
    case HB_SCRIPT_HIRAGANA:
    case HB_SCRIPT_KATAKANA:
    case HB_SCRIPT_BOPOMOFO: return EB_CHAIN_CJK;
    default: return EB_CHAIN_LATIN;
    }
}

/* ---- fonts --------------------------------------------------------------------------- */

/* Reports each code point no font has once per paragraph. */
typedef struct {
    uint32_t seen[32];
    size_t nseen;
} uncovered_log;

static void report_uncovered(eb_analysis *t, uncovered_log *log, uint32_t cp, eb_diag *diag) {
    for (size_t i = 0; i < log->nseen; i++)
        if (log->seen[i] == cp) return;
    if (log->nseen < sizeof log->seen / sizeof log->seen[0]) log->seen[log->nseen++] = cp;
    if (t->style->strict == EB_UNCOVERED_REPORTED) return;
    char *message = eb_xasprintf("U+%04X is in none of the fonts; it is left out of the text", cp);
    report_at_origin(diag, t->style, t->style->strict == EB_UNCOVERED_ERROR ? EB_ERROR : EB_WARNING, message);
    free(message);
}

/* The family fonts are chosen from. Chinese has only a sans (Noto Sans
 * CJK), so a Chinese paragraph takes its Latin letters and digits from the
 * sans too: serif Latin inside sans Han reads as a change of voice. */
static eb_family text_family(const eb_analysis *t) {
    return ebi_lang_is_chinese(t->style->lang) ? EB_FAMILY_SANS : t->style->family;
}

static int first_font_with(const eb_analysis *t, uint32_t cp, eb_chain chain) {
    size_t count;
    const uint8_t *order = ebi_fontset_chain(t->fonts, text_family(t), t->style->bold, chain, &count);
    for (size_t k = 0; k < count; k++)
        if (ebi_font_has_char(ebi_fontset_font(t->fonts, order[k]), cp)) return order[k];
    return -1;
}

/* first_font_with, remembered for the fontset: text uses few distinct
 * characters many times, and asking the fonts' cmaps is what costs. A
 * direct-mapped table, kept like the shaping cache as user data of the
 * fontset's HarfBuzz buffer (one per thread); NULL if it cannot be made. */
enum { FONT_MEMO_BITS = 12, FONT_MEMO = 1 << FONT_MEMO_BITS };
typedef struct {
    uint32_t key[FONT_MEMO]; /* see memo_key; 0: empty */
    int8_t font[FONT_MEMO];
} font_memo;

static hb_user_data_key_t font_memo_key;

static font_memo *font_memo_of(const eb_analysis *t) {
    hb_buffer_t *buf = ebi_fontset_buffer(t->fonts);
    font_memo *memo = hb_buffer_get_user_data(buf, &font_memo_key);
    if (memo) return memo;
    memo = eb_xcalloc(1, sizeof *memo);
    if (hb_buffer_set_user_data(buf, &font_memo_key, memo, free, false)) return memo;
    free(memo);
    return NULL;
}

static uint32_t memo_key(const eb_analysis *t, uint32_t cp, eb_chain chain) {
    uint32_t key = cp * EB_CHAIN_COUNT + (uint32_t)chain; /* < 2^22 */
    return ((key << 1 | (text_family(t) == EB_FAMILY_SANS)) << 1 | t->style->bold) + 1;
}

static int memo_font_with(const eb_analysis *t, font_memo *memo, uint32_t cp, eb_chain chain) {
    if (!memo) return first_font_with(t, cp, chain);
    uint32_t key = memo_key(t, cp, chain);
    size_t slot = (key * 2654435761u) >> (32 - FONT_MEMO_BITS);
    if (memo->key[slot] != key) {
        memo->key[slot] = key;
        memo->font[slot] = (int8_t)first_font_with(t, cp, chain);
    }
    return memo->font[slot];
}

/* Picks the font of every character. Marks stay with their base when its
 * font has them; joiners and other invisible characters always do, so they
 * never split a word into two runs. */
static uint8_t *choose_fonts(eb_analysis *t, const hb_script_t *scripts, hb_unicode_funcs_t *unicode,
                             eb_diag *diag) {
    uint8_t *font = eb_xmalloc(t->n + 1);
    uncovered_log log = {.nseen = 0};
    font_memo *memo = font_memo_of(t);
    size_t count;
    const uint8_t *primary = ebi_fontset_chain(t->fonts, text_family(t), t->style->bold,
                                              EB_CHAIN_LATIN, &count);
    for (size_t i = 0; i < t->n; i++) {
        uint32_t cp = t->cps[i];
        const eb_font *prev = i > 0 ? ebi_fontset_font(t->fonts, font[i - 1]) : NULL;
        if (prev && (is_default_ignorable(cp) || is_control(cp) ||
                     (is_mark(unicode, cp) && ebi_font_has_char(prev, cp)))) {
            font[i] = font[i - 1];
            continue;
        }
        int found = memo_font_with(t, memo, cp, chain_of(cp, scripts[i]));
        if (found >= 0) {
            font[i] = (uint8_t)found;
            continue;
        }
        font[i] = prev ? font[i - 1] : primary[0];
        if (is_control(cp) || is_default_ignorable(cp)) continue;
        t->flags[i] |= EB_CH_UNCOVERED;
        report_uncovered(t, &log, cp, diag);
    }
    return font;
}

/* ---- items -------------------------------------------------------------------------- */

/* Where a long item may be cut without changing its shaping: after a space
 * or an ideograph, before anything but a mark or joiner. */
static bool safe_cut(const eb_analysis *t, size_t i, hb_unicode_funcs_t *unicode) {
    return (t->flags[i - 1] & (EB_CH_SPACE | EB_CH_CJK)) && !is_mark(unicode, t->cps[i]) &&
           !is_default_ignorable(t->cps[i]);
}

static void push_item(eb_analysis *t, size_t *cap, size_t start, size_t end, uint8_t font,
                      hb_script_t script) {
    if (t->nitems == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        t->items = eb_xrealloc(t->items, *cap * sizeof *t->items);
    }
    hb_script_t shaping = is_neutral_script(script) ? HB_SCRIPT_COMMON : script;
    t->items[t->nitems++] = (eb_item){
        .start = start, .end = end, .font = font, .level = (uint8_t)t->levels[start],
        .script = shaping, .lang = ebi_lang_for_script(shaping, t->style->lang)};
}

static void build_items(eb_analysis *t, const hb_script_t *scripts, const uint8_t *font,
                        hb_unicode_funcs_t *unicode) {
    size_t cap = 0, start = 0;
    for (size_t i = 1; i <= t->n; i++) {
        bool cut = i == t->n || t->levels[i] != t->levels[start] ||
                   scripts[i] != scripts[start] || font[i] != font[start] ||
                   (i - start >= ITEM_MAX_CHARS && safe_cut(t, i, unicode)) ||
                   (i - start >= (size_t)4 * ITEM_MAX_CHARS && !is_mark(unicode, t->cps[i]) &&
                    !is_default_ignorable(t->cps[i]));
        if (!cut) continue;
        push_item(t, &cap, start, i, font[start], scripts[start]);
        start = i;
    }
}

/* ---- the whole analysis --------------------------------------------------------------- */

static const eb_font *primary_font(const eb_analysis *t) {
    size_t count;
    const uint8_t *order = ebi_fontset_chain(t->fonts, text_family(t), t->style->bold,
                                            ebi_lang_is_chinese(t->style->lang) ? EB_CHAIN_CJK
                                            : script_of_lang(t->style->lang) == HB_SCRIPT_ARABIC
                                                ? EB_CHAIN_ARABIC : EB_CHAIN_LATIN,
                                            &count);
    return ebi_fontset_font(t->fonts, order[0]);
}

bool ebi_analysis_init(eb_analysis *t, eb_fontset *fonts, const char *text, size_t len,
                      const eb_text_style *style, eb_diag *diag) {
    memset(t, 0, sizeof *t);
    t->fonts = fonts;
    t->style = style;
    t->text = text;
    t->len = len;
    t->gap = style->size / 4;
    t->primary = primary_font(t);
    if (!decode(t, diag)) return false;
    resolve_bidi(t);
    hb_unicode_funcs_t *unicode = hb_unicode_funcs_get_default();
    hb_script_t *scripts = eb_xmalloc(t->n * sizeof *scripts + 1);
    for (size_t i = 0; i < t->n; i++) scripts[i] = script_of(unicode, t->cps[i]);
    set_char_flags(t, scripts, unicode);
    resolve_scripts(t, scripts, unicode);
    uint8_t *font = choose_fonts(t, scripts, unicode, diag);
    build_items(t, scripts, font, unicode);
    free(font);
    free(scripts);
    return true;
}

void ebi_analysis_destroy(eb_analysis *t) {
    free(t->cps);
    free(t->offs);
    free(t->types);
    free(t->levels);
    free(t->pars);
    free(t->flags);
    free(t->brk);
    free(t->adv);
    free(t->items);
    free(t->glyphs);
    memset(t, 0, sizeof *t);
}
