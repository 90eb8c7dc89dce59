/* Small text helpers of the compose stage: locale digits, dates, picking the
 * language to show, and naming reviews. */
#include "compose_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const locale_names[EB_LOCALE_COUNT] = {"en", "fa", "zh"};

const char *eb_locale_name(eb_locale locale) { return locale < EB_LOCALE_COUNT ? locale_names[locale] : "?"; }

eb_lang eb_locale_lang(eb_locale locale) {
    switch (locale) {
    case EB_LOCALE_FA: return EB_LANG_FA;
    case EB_LOCALE_ZH: return EB_LANG_ZH;
    default: return EB_LANG_EN;
    }
}

bool eb_locale_from_name(const char *name, eb_locale *locale) {
    if (strcmp(name, "zh-Hans") == 0) name = "zh";  /* the language's tag names its locale too */
    for (int i = 0; i < EB_LOCALE_COUNT; i++) {
        if (strcmp(name, locale_names[i]) == 0) {
            *locale = (eb_locale)i;
            return true;
        }
    }
    return false;
}

const char *ebi_isolate(eb_arena *arena, const char *value) {
    if (!value) return NULL;
    char *s = eb_xasprintf(EB_FSI "%s" EB_PDI, value);
    const char *out = eb_arena_strdup(arena, s);
    free(s);
    return out;
}

const char *ebi_without_isolates(eb_arena *arena, const char *text) {
    if (!strstr(text, EB_FSI) && !strstr(text, EB_PDI)) return NULL;
    eb_buf buf = {0};
    for (const char *p = text; *p;) {
        if (strncmp(p, EB_FSI, 3) == 0 || strncmp(p, EB_PDI, 3) == 0) {
            p += 3;
            continue;
        }
        eb_buf_putc(&buf, *p++);
    }
    const char *out = eb_arena_strdup(arena, eb_buf_cstr(&buf));
    eb_buf_destroy(&buf);
    return out;
}

bool ebi_is_evidence(const eb_finding *finding) { return finding->level < EB_LEVEL_BACKGROUND; }

/* Replaces ASCII digits by Persian ones (U+06F0..U+06F9) for fa. */
char *ebi_localize_digits(eb_arena *arena, eb_locale locale, const char *s) {
    if (locale != EB_LOCALE_FA) return eb_arena_strdup(arena, s);
    eb_buf buf = {0};
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            char utf8[2] = {(char)0xDB, (char)(0xB0 + (*p - '0'))};
            eb_buf_append(&buf, utf8, 2);
        } else {
            eb_buf_putc(&buf, *p);
        }
    }
    char *out = eb_arena_strdup(arena, eb_buf_cstr(&buf));
    eb_buf_destroy(&buf);
    return out;
}

const char *eb_locale_number(eb_locale locale, long value, char *buf, size_t size) {
    char ascii[32];
    snprintf(ascii, sizeof ascii, "%ld", value);
    if (locale != EB_LOCALE_FA) {
        snprintf(buf, size, "%s", ascii);
        return buf;
    }
    size_t n = 0;
    for (const char *p = ascii; *p && n + 3 < size; p++) {
        if (*p >= '0' && *p <= '9') {
            buf[n++] = (char)0xDB;
            buf[n++] = (char)(0xB0 + (*p - '0'));
        } else {
            buf[n++] = *p;
        }
    }
    buf[n] = '\0';
    return buf;
}

char *ebi_format_number(eb_arena *arena, eb_locale locale, long value) {
    char buf[64];
    return eb_arena_strdup(arena, eb_locale_number(locale, value, buf, sizeof buf));
}

/* "2026-04-02" or "2026-04" in the locale's words. */
char *ebi_format_date(eb_arena *arena, eb_locale locale, const char *iso) {
    const eb_strings *s = ebi_strings_for(locale);
    int year = atoi(iso), month = strlen(iso) >= 7 ? atoi(iso + 5) : 0;
    int day = strlen(iso) >= 10 ? atoi(iso + 8) : 0;
    if (month < 1 || month > 12) return ebi_localize_digits(arena, locale, iso);
    char out[128];
    const char *m = s->months[month - 1];
    if (locale == EB_LOCALE_ZH) {
        if (day) snprintf(out, sizeof out, "%d年%s月%d日", year, m, day);
        else snprintf(out, sizeof out, "%d年%s月", year, m);
    } else if (day) {
        snprintf(out, sizeof out, "%d %s %d", day, m, year);
    } else {
        snprintf(out, sizeof out, "%s %d", m, year);
    }
    return ebi_localize_digits(arena, locale, out);
}

/* Days since 1970-01-01 to a civil date (the proleptic Gregorian calendar). */
void ebi_civil_from_days(long days, int *year, int *month, int *day) {
    days += 719468;
    long era = (days >= 0 ? days : days - 146096) / 146097;
    long doe = days - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (*month <= 2));
}

eb_span ebi_span_of(const char *text, eb_lang lang) { return (eb_span){text, lang}; }

eb_span ebi_label(eb_locale locale, const char *text) { return (eb_span){text, eb_locale_lang(locale)}; }

/* What a reader of this locale should see of a text: its locale rendering,
 * else English, else the original. */
eb_span ebi_display(const eb_text *text, eb_lang original, eb_locale locale) {
    eb_lang got = original;
    const char *s = eb_text_pick(text, eb_locale_lang(locale), EB_LANG_EN, &got);
    return (eb_span){s, got};
}

const char *ebi_original_marker(eb_arena *arena, eb_locale locale, eb_lang original) {
    const eb_strings *s = ebi_strings_for(locale);
    char *marker = eb_xasprintf(s->original_format, s->lang_names[original]);
    const char *out = ebi_isolate(arena, marker);
    free(marker);
    return out;
}

/* The locale's language first: a reader of the brief reads it end to end;
 * the review's own words follow, marked, so that every rendering can be
 * checked against what the review says. */
void ebi_quote_plain(const eb_text *text, eb_lang original, eb_locale locale, eb_span *main,
                    eb_span *original_out) {
    *original_out = (eb_span){NULL, original};
    eb_lang want = eb_locale_lang(locale), got = want;
    const char *s = eb_text_pick(text, want, original, &got);
    *main = (eb_span){s, got};
    if (s && got != original && text->s[original]) *original_out = (eb_span){text->s[original], original};
}

void ebi_quote(const eb_text *text, eb_lang original, eb_locale locale, eb_arena *arena, eb_span *main,
              eb_span *original_out) {
    ebi_quote_plain(text, original, locale, main, original_out);
    if (!original_out->text) return;
    /* The marker on a line of its own: a line that mixed it with the
     * original's script would be reordered by every reader's own bidi
     * rules (poppler reads a Chinese line on a Persian page backwards as
     * soon as it holds a Persian word). */
    char *marked = eb_xasprintf("%s\n%s", ebi_original_marker(arena, locale, original), original_out->text);
    original_out->text = eb_arena_strdup(arena, marked);
    free(marked);
}

/* "Tamimi 2025": the first author's name (romanised for English briefs,
 * in its own script otherwise), "et al." when there are more, and the year;
 * the publisher when no author is named. */
char *ebi_review_label(eb_arena *arena, const eb_review *review, eb_locale locale) {
    const char *who = NULL;
    if (review->nauthors) {
        /* The name in its own script when the reader reads that script,
         * else romanised where the review gives it. */
        const eb_author *a = &review->authors[0];
        bool same_script = review->language == eb_locale_lang(locale) && locale != EB_LOCALE_EN;
        who = same_script || !a->latin ? a->name : a->latin;
    } else {
        eb_span p = ebi_display(&review->publisher, review->language, locale);
        who = p.text ? p.text : review->id;
    }
    who = ebi_isolate(arena, who); /* "Zhuoyi He" in a Persian label */
    const char *etal = review->nauthors > 1 ? (locale == EB_LOCALE_ZH ? " 等" : locale == EB_LOCALE_FA ? " و همکاران" : " et al.") : "";
    const char *comma = locale == EB_LOCALE_FA ? "، " : locale == EB_LOCALE_ZH ? "，" : ", ";
    char *plain = eb_xasprintf("%s%s%s%d", who, etal, comma, review->year);
    char *out = ebi_localize_digits(arena, locale, plain);
    free(plain);
    return out;
}

/* "[12, 13]" with the locale's digits, isolated, or NULL for no references. */
const char *ebi_format_refs(eb_arena *arena, eb_locale locale, const eb_ref_list *refs) {
    if (refs->n == 0) return NULL;
    eb_buf buf = {0};
    eb_buf_putc(&buf, '[');
    const char *sep = locale == EB_LOCALE_FA ? "، " : ", ";
    for (size_t i = 0; i < refs->n; i++) eb_buf_printf(&buf, "%s%d", i ? sep : "", refs->items[i]);
    eb_buf_putc(&buf, ']');
    const char *out = ebi_isolate(arena, ebi_localize_digits(arena, locale, eb_buf_cstr(&buf)));
    eb_buf_destroy(&buf);
    return out;
}

/* In a right-to-left brief, a label line that starts with a Latin name
 * ("Zhuoyi He، ۲۰۲۶") would take its direction from that name and be set
 * left to right; a RIGHT-TO-LEFT MARK at the start of every line keeps each
 * line of the locale's own text in the page's direction. */
const char *ebi_locale_lines(eb_arena *arena, eb_locale locale, const char *text) {
    if (!text) return NULL;
    if (locale != EB_LOCALE_FA) return eb_arena_strdup(arena, text);
    static const char rlm[] = "\xE2\x80\x8F";
    eb_buf buf = {0};
    eb_buf_puts(&buf, rlm);
    for (const char *p = text; *p; p++) {
        eb_buf_putc(&buf, *p);
        if (*p == '\n') eb_buf_puts(&buf, rlm);
    }
    const char *out = eb_arena_strdup(arena, eb_buf_cstr(&buf));
    eb_buf_destroy(&buf);
    return out;
}
