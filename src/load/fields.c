#include "fields.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void ebi_reader_init(eb_reader *r, eb_json_doc *doc, eb_diag *diag, eb_arena *arena) {
    *r = (eb_reader){.doc = doc, .diag = diag, .arena = arena, .required_lang = -1,
                     .format_doc = "docs/input-format.md"};
    eb_buf_puts(&r->path, "$");
}

void ebi_reader_destroy(eb_reader *r) { eb_buf_destroy(&r->path); }

/* A key is written as .key when it looks like an identifier, else ["key"]. */
static bool is_plain_key(const char *key) {
    if (!*key) return false;
    for (const char *p = key; *p; p++) {
        char c = *p;
        bool ok = c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (p != key && ((c >= '0' && c <= '9') || c == '-'));
        if (!ok) return false;
    }
    return true;
}

/* Input values quoted in messages and paths are cut after this many
 * characters, so that a megabyte-long key or value gives a readable line. */
#define SHOWN_CHARS 64

size_t ebi_path_push_key(eb_reader *r, const char *key) {
    size_t mark = r->path.len;
    eb_buf excerpt = {0};
    if (strnlen(key, 4 * SHOWN_CHARS + 1) > SHOWN_CHARS) {
        eb_buf_put_excerpt(&excerpt, key, SHOWN_CHARS);
        key = eb_buf_cstr(&excerpt);
    }
    if (is_plain_key(key)) {
        eb_buf_printf(&r->path, ".%s", key);
    } else {
        eb_buf_puts(&r->path, "[\"");
        for (const char *p = key; *p; p++) {
            if (*p == '"' || *p == '\\') eb_buf_putc(&r->path, '\\');
            if ((unsigned char)*p < 0x20) eb_buf_printf(&r->path, "\\u%04x", (unsigned char)*p);
            else eb_buf_putc(&r->path, *p);
        }
        eb_buf_puts(&r->path, "\"]");
    }
    eb_buf_destroy(&excerpt);
    return mark;
}

size_t ebi_path_push_index(eb_reader *r, size_t index) {
    size_t mark = r->path.len;
    eb_buf_printf(&r->path, "[%zu]", index);
    return mark;
}

void ebi_path_pop(eb_reader *r, size_t mark) {
    r->path.len = mark;
    r->path.data[mark] = '\0';
}

void ebi_reader_verror(eb_reader *r, const cJSON *node, const char *fmt, va_list args) {
    eb_diag_vreport(r->diag, EB_ERROR, ebi_json_where(r->doc, node, false, eb_buf_cstr(&r->path)), fmt, args);
    r->errors++;
}

void ebi_reader_error(eb_reader *r, const cJSON *node, bool at_key, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    eb_diag_vreport(r->diag, EB_ERROR, ebi_json_where(r->doc, node, at_key, eb_buf_cstr(&r->path)),
                    fmt, args);
    va_end(args);
    r->errors++;
}

void ebi_reader_warning(eb_reader *r, const cJSON *node, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    eb_diag_vreport(r->diag, EB_WARNING, ebi_json_where(r->doc, node, false, eb_buf_cstr(&r->path)), fmt, args);
    va_end(args);
}

const char *ebi_json_type_name(const cJSON *node) {
    if (!node) return "nothing";
    if (cJSON_IsString(node)) return "a string";
    if (cJSON_IsNumber(node)) return "a number";
    if (cJSON_IsBool(node)) return "a boolean";
    if (cJSON_IsNull(node)) return "null";
    if (cJSON_IsArray(node)) return "an array";
    if (cJSON_IsObject(node)) return "an object";
    return "an invalid value";
}

/* ---- suggestions ------------------------------------------------------------ */

static size_t edit_distance(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return SIZE_MAX;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = diag + cost;
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *ebi_closest(const char *word, const char *const *candidates, size_t n) {
    const char *best = NULL;
    size_t best_distance = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(word, candidates[i]);
        if (d < best_distance) { best_distance = d; best = candidates[i]; }
    }
    size_t len = strlen(word);
    size_t limit = len < 6 ? 2 : len / 3;
    return best_distance <= limit ? best : NULL;
}

static size_t list_length(const char *const *list) {
    size_t n = 0;
    while (list && list[n]) n++;
    return n;
}

/* ---- objects ------------------------------------------------------------------ */

static void report_unknown_member(eb_reader *r, const cJSON *member, const char *const *allowed) {
    size_t mark = ebi_path_push_key(r, member->string);
    const char *hint = ebi_closest(member->string, allowed, list_length(allowed));
    eb_buf name = {0};
    eb_buf_put_excerpt(&name, member->string, SHOWN_CHARS);
    if (hint)
        ebi_reader_error(r, member, true, "unknown field \"%s\"; did you mean \"%s\"?", eb_buf_cstr(&name), hint);
    else
        ebi_reader_error(r, member, true, "unknown field \"%s\" (see %s)", eb_buf_cstr(&name), r->format_doc);
    eb_buf_destroy(&name);
    ebi_path_pop(r, mark);
}

bool ebi_read_object(eb_reader *r, const cJSON *node, const char *const *allowed,
                    const char *const *required) {
    if (!cJSON_IsObject(node)) {
        ebi_reader_error(r, node, false, "expected an object, found %s", ebi_json_type_name(node));
        return false;
    }
    for (const cJSON *member = node->child; member; member = member->next) {
        bool known = false;
        for (size_t i = 0; allowed[i] && !known; i++) known = strcmp(member->string, allowed[i]) == 0;
        if (!known) report_unknown_member(r, member, allowed);
    }
    for (size_t i = 0; required && required[i]; i++)
        if (!cJSON_GetObjectItemCaseSensitive(node, required[i]))
            ebi_reader_error(r, node, false, "missing required field \"%s\"", required[i]);
    return true;
}

/* ---- scalars ---------------------------------------------------------------------- */

static bool seen_before(const char *s, size_t end, uint32_t cp) {
    for (size_t i = 0; i < end;) {
        uint32_t c = 0;
        size_t n = eb_utf8_decode(s + i, end - i, &c);
        if (n == 0 || c == cp) return n != 0;
        i += n;
    }
    return false;
}

/* Runs the optional text check (load.h) on a valid string: every rejected
 * character is reported, each once per string, so that an editor fixes
 * them all in one pass. */
static bool check_characters(eb_reader *r, const cJSON *node, const char *s, size_t len) {
    if (!r->check) return true;
    eb_severity severity = r->check->strict ? EB_ERROR : EB_WARNING;
    bool ok = true;
    size_t pos = 0;
    for (uint32_t cp; (cp = r->check->next_rejected(r->check->ctx, s, len, &pos));) {
        char utf8[5] = {0};
        size_t start = pos - eb_utf8_encode(cp, utf8);  /* the check moved pos past it */
        if (seen_before(s, start, cp)) continue;
        eb_diag_report(r->diag, severity, ebi_json_where(r->doc, node, false, eb_buf_cstr(&r->path)),
                       "character U+%04X \"%s\": %s", (unsigned)cp, utf8, r->check->reason);
        if (severity == EB_ERROR) r->errors++;
        ok = severity != EB_ERROR;
    }
    return ok;
}

bool ebi_check_string(eb_reader *r, const cJSON *node, size_t max_chars) {
    if (!cJSON_IsString(node)) {
        ebi_reader_error(r, node, false, "expected a string, found %s", ebi_json_type_name(node));
        return false;
    }
    const char *s = node->valuestring;
    size_t len = strlen(s);
    if (len == 0) {
        ebi_reader_error(r, node, false, "empty string: leave the field out instead");
        return false;
    }
    size_t chars = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t n = eb_utf8_decode(s + i, len - i, &cp);
        if (n == 0) {
            ebi_reader_error(r, node, false, "invalid UTF-8 inside the string (from a \\u escape of a lone surrogate?)");
            return false;
        }
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
            ebi_reader_error(r, node, false, "control character U+%04X at character %zu of the string",
                            (unsigned)cp, chars + 1);
            return false;
        }
        chars++;
        i += n;
    }
    if (chars > max_chars) {
        ebi_reader_error(r, node, false, "string of %zu characters is longer than the limit of %zu",
                        chars, max_chars);
        return false;
    }
    return check_characters(r, node, s, len);
}

bool ebi_read_string(eb_reader *r, const cJSON *obj, const char *name, size_t max_chars,
                    const char **out) {
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!node) return true;
    size_t mark = ebi_path_push_key(r, name);
    bool ok = ebi_check_string(r, node, max_chars);
    if (ok) *out = eb_arena_strdup(r->arena, node->valuestring);
    ebi_path_pop(r, mark);
    return ok;
}

bool ebi_whole_number(const cJSON *node, long min, long max, long *out) {
    /* range first: converting a double beyond long's range is undefined */
    if (!cJSON_IsNumber(node) || !(node->valuedouble >= (double)min && node->valuedouble <= (double)max) ||
        node->valuedouble != floor(node->valuedouble))
        return false;
    *out = (long)node->valuedouble;
    return true;
}

bool ebi_read_long(eb_reader *r, const cJSON *obj, const char *name, long min, long max, long *out) {
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!node) return true;
    size_t mark = ebi_path_push_key(r, name);
    bool ok = false;
    if (!cJSON_IsNumber(node)) {
        ebi_reader_error(r, node, false, "expected a whole number, found %s", ebi_json_type_name(node));
    } else if (!isfinite(node->valuedouble) || node->valuedouble != floor(node->valuedouble)) {
        ebi_reader_error(r, node, false, "expected a whole number, found %g", node->valuedouble);
    } else if (!ebi_whole_number(node, min, max, out)) {
        ebi_reader_error(r, node, false, "%.0f is out of range (%ld to %ld)", node->valuedouble, min, max);
    } else {
        ok = true;
    }
    ebi_path_pop(r, mark);
    return ok;
}

bool ebi_read_int(eb_reader *r, const cJSON *obj, const char *name, long min, long max, int *out) {
    long value = 0;
    if (!cJSON_GetObjectItemCaseSensitive(obj, name)) return true;
    if (!ebi_read_long(r, obj, name, min, max, &value)) return false;
    *out = (int)value;
    return true;
}

bool ebi_read_bool(eb_reader *r, const cJSON *obj, const char *name, bool *out) {
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!node) return true;
    size_t mark = ebi_path_push_key(r, name);
    bool ok = cJSON_IsBool(node);
    if (ok) *out = cJSON_IsTrue(node);
    else ebi_reader_error(r, node, false, "expected true or false, found %s", ebi_json_type_name(node));
    ebi_path_pop(r, mark);
    return ok;
}

bool ebi_read_enum(eb_reader *r, const cJSON *obj, const char *name,
                  const char *const *names, size_t count, int *out) {
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!node) return true;
    size_t mark = ebi_path_push_key(r, name);
    bool ok = false;
    if (!cJSON_IsString(node)) {
        ebi_reader_error(r, node, false, "expected a string, found %s", ebi_json_type_name(node));
    } else {
        for (size_t i = 0; i < count && !ok; i++) {
            if (strcmp(node->valuestring, names[i]) == 0) { *out = (int)i; ok = true; }
        }
        if (!ok) {
            eb_buf choices = {0};
            for (size_t i = 0; i < count; i++) eb_buf_printf(&choices, "%s%s", i ? ", " : "", names[i]);
            const char *hint = ebi_closest(node->valuestring, names, count);
            eb_buf value = {0};
            eb_buf_put_excerpt(&value, node->valuestring, SHOWN_CHARS);
            if (hint)
                ebi_reader_error(r, node, false, "unknown value \"%s\"; did you mean \"%s\"?", eb_buf_cstr(&value), hint);
            else
                ebi_reader_error(r, node, false, "unknown value \"%s\"; expected one of: %s",
                                eb_buf_cstr(&value), eb_buf_cstr(&choices));
            eb_buf_destroy(&value);
            eb_buf_destroy(&choices);
        }
    }
    ebi_path_pop(r, mark);
    return ok;
}

static bool is_slug(const char *s) {
    size_t n = strlen(s);
    if (n == 0 || n > 64) return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
        if (!ok) return false;
    }
    return true;
}

bool ebi_read_slug(eb_reader *r, const cJSON *obj, const char *name, const char **out) {
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!node) return true;
    size_t mark = ebi_path_push_key(r, name);
    bool ok = ebi_check_string(r, node, 64);
    if (ok && !is_slug(node->valuestring)) {
        ebi_reader_error(r, node, false,
                        "\"%s\" is not a valid id: use 1 to 64 lowercase letters, digits and '-', starting with a letter or digit",
                        node->valuestring);
        ok = false;
    }
    if (ok) *out = eb_arena_strdup(r->arena, node->valuestring);
    ebi_path_pop(r, mark);
    return ok;
}

/* ---- compound values ------------------------------------------------------------------ */

static const char *const lang_tags[] = {"fa", "en", "zh-Hans", NULL};

bool ebi_read_text_node(eb_reader *r, const cJSON *node, eb_text *out) {
    size_t before = r->errors;
    eb_text text = {0};
    if (ebi_read_object(r, node, lang_tags, NULL)) {
        for (int lang = 0; lang < EB_LANG_COUNT; lang++)
            ebi_read_string(r, node, lang_tags[lang], EB_LONG_STRING, &text.s[lang]);
        if (!node->child) {
            ebi_reader_error(r, node, false, "empty text object: give the text in at least one language");
        } else if (r->required_lang >= 0 && !cJSON_GetObjectItemCaseSensitive(node, lang_tags[r->required_lang])) {
            ebi_reader_error(r, node, false, "missing \"%s\": the text in the review's own language",
                            lang_tags[r->required_lang]);
        }
    }
    if (r->errors != before) return false;
    *out = text;
    return true;
}

void ebi_lang_list(unsigned langs, bool tags, eb_buf *out) {
    static const char *const names[] = {"Persian", "English", "Chinese"};
    size_t n = 0;
    for (int l = 0; l < EB_LANG_COUNT; l++) n += (langs >> l) & 1;
    for (int l = 0, k = 0; l < EB_LANG_COUNT; l++) {
        if (!((langs >> l) & 1)) continue;
        k++;
        eb_buf_puts(out, k == 1 ? "" : k == (int)n ? " and " : ", ");
        if (tags) eb_buf_printf(out, "\"%s\"", lang_tags[l]);
        else eb_buf_puts(out, names[l]);
    }
}

bool ebi_read_text(eb_reader *r, const cJSON *obj, const char *name, eb_text *out) {
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!node) return true;
    size_t mark = ebi_path_push_key(r, name);
    bool ok = ebi_read_text_node(r, node, out);
    ebi_path_pop(r, mark);
    return ok;
}

const cJSON *ebi_read_array(eb_reader *r, const cJSON *obj, const char *name,
                           size_t min_items, size_t max_items, size_t *count) {
    *count = 0;
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!node) return NULL;
    size_t mark = ebi_path_push_key(r, name);
    const cJSON *first = NULL;
    if (!cJSON_IsArray(node)) {
        ebi_reader_error(r, node, false, "expected an array, found %s", ebi_json_type_name(node));
    } else {
        size_t n = (size_t)cJSON_GetArraySize(node);
        if (n < min_items)
            ebi_reader_error(r, node, false, "expected at least %zu item%s, found %zu", min_items,
                            min_items == 1 ? "" : "s", n);
        else if (n > max_items)
            ebi_reader_error(r, node, false, "%zu items is more than the limit of %zu", n, max_items);
        else {
            *count = n;
            first = node->child;
        }
    }
    ebi_path_pop(r, mark);
    return first;
}

bool ebi_read_string_list(eb_reader *r, const cJSON *obj, const char *name, size_t max_items,
                         size_t max_chars, eb_string_list *out) {
    size_t n = 0;
    size_t before = r->errors;
    const cJSON *item = ebi_read_array(r, obj, name, 0, max_items, &n);
    eb_string_list list = {eb_arena_array(r->arena, n, sizeof(char *)), 0};
    size_t mark = ebi_path_push_key(r, name);
    for (size_t i = 0; item; item = item->next, i++) {
        size_t m = ebi_path_push_index(r, i);
        if (ebi_check_string(r, item, max_chars))
            list.items[list.n++] = eb_arena_strdup(r->arena, item->valuestring);
        ebi_path_pop(r, m);
    }
    ebi_path_pop(r, mark);
    if (r->errors != before) return false;
    *out = list;
    return true;
}

/* The shape alone: YYYY-MM or YYYY-MM-DD, digits and dashes. */
static bool date_shaped(const char *s) {
    size_t n = strlen(s);
    if (n != 7 && n != 10) return false;
    for (size_t i = 0; i < n; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
    }
    return true;
}

/* Why a well-shaped date is not a day of the calendar (NULL: it is one),
 * so that "2026-02-30" is called impossible rather than misshapen. */
static char *impossible_date(const char *s) {
    static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December"};
    int year = atoi(s), month = atoi(s + 5);
    if (year < 1900 || year > 2100) return eb_xasprintf("the year %d is out of range (1900 to 2100)", year);
    if (month < 1 || month > 12) return eb_xasprintf("there is no month %02d", month);
    if (strlen(s) == 7) return NULL;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int day = atoi(s + 8), last = days[month - 1] + (month == 2 && leap);
    if (day >= 1 && day <= last) return NULL;
    return eb_xasprintf("%s %d has %d days", months[month - 1], year, last);
}


static bool read_checked(eb_reader *r, const cJSON *obj, const char *name, size_t max_chars,
                         bool (*valid)(const char *), const char *what, const char **out) {
    const char *value = NULL;
    size_t mark = ebi_path_push_key(r, name);
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(obj, name);
    ebi_path_pop(r, mark);
    if (!ebi_read_string(r, obj, name, max_chars, &value)) return false;
    if (!value) return true;
    if (!valid(value)) {
        mark = ebi_path_push_key(r, name);
        ebi_reader_error(r, node, false, "\"%s\" is not %s", value, what);
        ebi_path_pop(r, mark);
        return false;
    }
    *out = value;
    return true;
}

bool ebi_read_date(eb_reader *r, const cJSON *obj, const char *name, const char **out) {
    const char *value = NULL;
    if (!read_checked(r, obj, name, 10, date_shaped, "a date of the form YYYY-MM-DD or YYYY-MM", &value)) return false;
    char *why = value ? impossible_date(value) : NULL;
    if (why) {
        size_t mark = ebi_path_push_key(r, name);
        ebi_reader_error(r, cJSON_GetObjectItemCaseSensitive(obj, name), false, "\"%s\" is an impossible date: %s",
                        value, why);
        ebi_path_pop(r, mark);
        free(why);
        return false;
    }
    *out = value;
    return true;
}

static bool valid_doi(const char *s) {
    if (strncmp(s, "10.", 3) != 0) return false;
    const char *slash = strchr(s, '/');
    if (!slash || slash - s < 7 || slash[1] == '\0') return false;
    for (const char *p = s + 3; p < slash; p++)
        if ((*p < '0' || *p > '9') && *p != '.') return false;
    for (const char *p = slash; *p; p++)
        if (*p == ' ' || (unsigned char)*p < 0x20) return false;
    return true;
}

static bool valid_url(const char *s) {
    bool scheme = strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0;
    if (!scheme) return false;
    for (const char *p = s; *p; p++)
        if (*p == ' ' || (unsigned char)*p < 0x20) return false;
    return strlen(s) > 8;
}

bool ebi_read_doi(eb_reader *r, const cJSON *obj, const char *name, const char **out) {
    return read_checked(r, obj, name, 300, valid_doi,
                        "a bare DOI such as 10.1000/xyz123 (without https://doi.org/)", out);
}

bool ebi_read_url(eb_reader *r, const cJSON *obj, const char *name, const char **out) {
    return read_checked(r, obj, name, 2000, valid_url, "an http:// or https:// URL", out);
}
