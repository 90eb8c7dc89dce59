/* compose's text helpers and fixed words: the locale's digits (Persian
 * digits U+06F0..U+06F9 for fa; Chinese and English keep ASCII digits,
 * as Chinese evidence writes them), dates in each locale, the calendar
 * behind the build date, and the strings used as printf formats: each
 * locale's has the conversions its arguments need (EB_FORMATS), no other
 * string has one, and none is missing. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "compose/compose_internal.h"

/* ---- digits ------------------------------------------------------------------ */

static void test_locale_number(void) {
    char buf[64];
    CHECK_STR(eb_locale_number(EB_LOCALE_FA, 2026, buf, sizeof buf), "۲۰۲۶");
    CHECK_STR(eb_locale_number(EB_LOCALE_FA, 1234567890, buf, sizeof buf), "۱۲۳۴۵۶۷۸۹۰");
    CHECK_STR(eb_locale_number(EB_LOCALE_FA, -30, buf, sizeof buf), "-۳۰");
    CHECK_STR(eb_locale_number(EB_LOCALE_FA, 0, buf, sizeof buf), "۰");
    CHECK_STR(eb_locale_number(EB_LOCALE_ZH, 2026, buf, sizeof buf), "2026");
    CHECK_STR(eb_locale_number(EB_LOCALE_ZH, -7, buf, sizeof buf), "-7");
    CHECK_STR(eb_locale_number(EB_LOCALE_EN, 0, buf, sizeof buf), "0");
    /* the widest value: 19 digits of two bytes each, and the sign */
    CHECK_STR(eb_locale_number(EB_LOCALE_FA, LONG_MIN, buf, sizeof buf), "-۹۲۲۳۳۷۲۰۳۶۸۵۴۷۷۵۸۰۸");
    CHECK_STR(eb_locale_number(EB_LOCALE_EN, LONG_MAX, buf, sizeof buf), "9223372036854775807");
    /* a small buffer: cut between digits, never inside one, and terminated */
    CHECK_STR(eb_locale_number(EB_LOCALE_FA, 2026, buf, 6), "۲۰");
    CHECK_STR(eb_locale_number(EB_LOCALE_FA, 2026, buf, 3), "");
    CHECK_STR(eb_locale_number(EB_LOCALE_EN, 2026, buf, 3), "20");
}

static void test_localize_digits(eb_arena *arena) {
    /* Extended Arabic-Indic digits (Persian), not the Arabic-Indic U+0660.. */
    CHECK_STR(ebi_localize_digits(arena, EB_LOCALE_FA, "0123456789"), "\u06F0\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7\u06F8\u06F9");
    CHECK_STR(ebi_localize_digits(arena, EB_LOCALE_FA, "[12, 13]"), "[۱۲, ۱۳]");
    CHECK_STR(ebi_localize_digits(arena, EB_LOCALE_FA, "n = 30"), "n = ۳۰");
    /* what is not an ASCII digit stays as it is, Persian digits included */
    CHECK_STR(ebi_localize_digits(arena, EB_LOCALE_FA, "۳۰ تا ۱۵۰"), "۳۰ تا ۱۵۰");
    CHECK_STR(ebi_localize_digits(arena, EB_LOCALE_FA, ""), "");
    /* Chinese and English: ASCII digits, the text unchanged */
    CHECK_STR(ebi_localize_digits(arena, EB_LOCALE_ZH, "[12, 13] 30 名"), "[12, 13] 30 名");
    CHECK_STR(ebi_localize_digits(arena, EB_LOCALE_EN, "[12, 13]"), "[12, 13]");
    CHECK_STR(ebi_format_number(arena, EB_LOCALE_FA, 150), "۱۵۰");
    CHECK_STR(ebi_format_number(arena, EB_LOCALE_ZH, 150), "150");
}

/* ---- dates --------------------------------------------------------------------- */

static void test_dates(eb_arena *arena) {
    /* a day, in each locale's order and words */
    CHECK_STR(ebi_format_date(arena, EB_LOCALE_EN, "2026-04-09"), "9 April 2026");
    CHECK_STR(ebi_format_date(arena, EB_LOCALE_FA, "2026-04-09"), "۹ آوریل ۲۰۲۶");
    CHECK_STR(ebi_format_date(arena, EB_LOCALE_ZH, "2026-04-09"), "2026年4月9日");
    /* a month */
    CHECK_STR(ebi_format_date(arena, EB_LOCALE_EN, "2025-12"), "December 2025");
    CHECK_STR(ebi_format_date(arena, EB_LOCALE_FA, "2025-12"), "دسامبر ۲۰۲۵");
    CHECK_STR(ebi_format_date(arena, EB_LOCALE_ZH, "2025-12"), "2025年12月");
    /* the first and last month of each locale's table */
    CHECK_STR(ebi_format_date(arena, EB_LOCALE_EN, "2024-01-31"), "31 January 2024");
    CHECK_STR(ebi_format_date(arena, EB_LOCALE_FA, "2024-01-31"), "۳۱ ژانویه ۲۰۲۴");
    CHECK_STR(ebi_format_date(arena, EB_LOCALE_ZH, "2024-01-31"), "2024年1月31日");
    /* a year alone, or no valid month: the text as given, in the locale's digits */
    CHECK_STR(ebi_format_date(arena, EB_LOCALE_EN, "2025"), "2025");
    CHECK_STR(ebi_format_date(arena, EB_LOCALE_FA, "2025"), "۲۰۲۵");
    CHECK_STR(ebi_format_date(arena, EB_LOCALE_ZH, "2025-13"), "2025-13");
    CHECK_STR(ebi_format_date(arena, EB_LOCALE_FA, "2025-00-10"), "۲۰۲۵-۰۰-۱۰");
}

static void test_civil_from_days(void) {
    struct { long days; int y, m, d; } cases[] = {
        {0, 1970, 1, 1},      {-1, 1969, 12, 31},  {20454, 2026, 1, 1}, /* SOURCE_DATE_EPOCH 1767225600 */
        {19782, 2024, 2, 29}, {19783, 2024, 3, 1}, {11016, 2000, 2, 29}, {-25202, 1901, 1, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int y, m, d;
        ebi_civil_from_days(cases[i].days, &y, &m, &d);
        if (y != cases[i].y || m != cases[i].m || d != cases[i].d)
            check_fail(__FILE__, __LINE__, "day %ld is %04d-%02d-%02d, expected %04d-%02d-%02d", cases[i].days, y,
                       m, d, cases[i].y, cases[i].m, cases[i].d);
    }
}

/* ---- the strings used as formats --------------------------------------------- */

/* The table is strings only (strings.h says so): slot k is its k-th. */
#define SLOTS (sizeof(eb_strings) / sizeof(const char *))
_Static_assert(sizeof(eb_strings) % sizeof(const char *) == 0, "eb_strings holds strings only");

static const char *slot(const eb_strings *s, size_t k) {
    const char *value;
    memcpy(&value, (const char *)s + k * sizeof value, sizeof value);
    return value;
}

/* The conversions of a format: how many, or -1 when one is not %s. */
static int conversions(const char *format) {
    int n = 0;
    for (const char *p = strchr(format, '%'); p; p = strchr(p + 2, '%')) {
        if (p[1] != 's') return -1;
        n++;
    }
    return n;
}

typedef struct {
    const char *name;
    size_t slot;
    int nargs;
} format_field;

#define FORMAT_FIELD(field)                                                                        \
    {#field, offsetof(eb_strings, field) / sizeof(const char *),                                   \
     (int)(sizeof((const char *[]){EB_FORMAT_ARGS_##field}) / sizeof(const char *))},
static const format_field formats[] = {EB_FORMATS(FORMAT_FIELD)};
#define NFORMATS (sizeof formats / sizeof *formats)

static const format_field *format_at(size_t k) {
    for (size_t f = 0; f < NFORMATS; f++)
        if (formats[f].slot == k) return &formats[f];
    return NULL;
}

static void test_formats(void) {
    CHECK(NFORMATS == 20);
    CHECK(format_at(offsetof(eb_strings, page) / sizeof(const char *))->nargs == 2);
    for (int l = 0; l < EB_LOCALE_COUNT; l++) {
        const eb_strings *s = ebi_strings_for((eb_locale)l);
        for (size_t k = 0; k < SLOTS; k++) {
            const char *text = slot(s, k);
            const format_field *f = format_at(k);
            if (!text) {
                check_fail(__FILE__, __LINE__, "%s: string %zu of %zu is missing", eb_locale_name((eb_locale)l), k,
                           SLOTS);
            } else if (f && conversions(text) != f->nargs) {
                check_fail(__FILE__, __LINE__, "%s: %s \"%s\" should have %d %%s and no other conversion",
                           eb_locale_name((eb_locale)l), f->name, text, f->nargs);
            } else if (!f && strchr(text, '%')) {
                check_fail(__FILE__, __LINE__, "%s: \"%s\" has a conversion but is not in EB_FORMATS",
                           eb_locale_name((eb_locale)l), text);
            }
        }
    }
}

/* The checker itself: what it counts, and that it tells a bad one. */
static void test_conversions(void) {
    CHECK(conversions("Page %s / %s") == 2);
    CHECK(conversions("no conversion") == 0);
    CHECK(conversions("%s") == 1);
    CHECK(conversions("%d items") == -1);
    CHECK(conversions("50%") == -1);
    CHECK(conversions("%s and %%") == -1);
}

int main(void) {
    eb_arena *arena = eb_arena_create();
    test_locale_number();
    test_localize_digits(arena);
    test_dates(arena);
    test_civil_from_days();
    test_conversions();
    test_formats();
    eb_arena_destroy(arena);
    return check_done("test_compose_text");
}
