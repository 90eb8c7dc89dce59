/* The one pass over a JSON text, before cJSON builds the tree.
 *
 * cJSON builds the tree but knows nothing of positions, and when it fails
 * it gives only a rough pointer, kept in a process-global variable (for an
 * unterminated string it points at the string, not at the end). So every
 * text is first walked here with the JSON grammar: a text this pass accepts
 * is one cJSON accepts, and a text it rejects gets a plain description of
 * the first error ("line 12, column 5: expected ',' or '}' after the member
 * value") with the JSON path of the value being read. The same pass checks
 * the nesting depth (before cJSON recurses), notes every \u0000 escape
 * (cJSON would end the string there), and records where every value and
 * key starts, in document order, for the diagnostics about the tree. */
#include "json_syntax.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef enum {
    EXPECT_VALUE,          /* at the start, after ':' */
    EXPECT_VALUE_OR_CLOSE, /* after '[' */
    EXPECT_ITEM,           /* after ',' in an array */
    EXPECT_KEY_OR_CLOSE,   /* after '{' */
    EXPECT_KEY,            /* after ',' in an object */
    EXPECT_COLON,          /* after a key */
    EXPECT_COMMA_OR_CLOSE, /* after a value inside a container */
    EXPECT_END             /* after the top-level value */
} expectation;

typedef struct {
    const char *text;
    size_t len, pos;
    char stack[EB_JSON_MAX_DEPTH];
    size_t open_at[EB_JSON_MAX_DEPTH];
    /* where in each container: the item index, or the last key read
     * (key_len 0: none yet), so that an error gets the path of its value */
    size_t index[EB_JSON_MAX_DEPTH];
    size_t key_at[EB_JSON_MAX_DEPTH], key_len[EB_JSON_MAX_DEPTH];
    size_t depth;
    expectation expect;
    eb_json_scan *out;
    size_t values_cap, nul_cap;
} scanner;

static void skip_space(scanner *s) {
    while (s->pos < s->len && strchr(" \t\r\n", s->text[s->pos]) && s->text[s->pos]) s->pos++;
}

static const char *describe_expectation(const scanner *s) {
    char container = s->depth ? s->stack[s->depth - 1] : 0;
    switch (s->expect) {
    case EXPECT_VALUE: return "expected a value (string, number, object, array, true, false or null)";
    case EXPECT_VALUE_OR_CLOSE: return "expected a value or ']'";
    case EXPECT_ITEM: return "expected a value after ','";
    case EXPECT_KEY_OR_CLOSE: return "expected a member name in double quotes or '}'";
    case EXPECT_KEY: return "expected a member name in double quotes after ','";
    case EXPECT_COLON: return "expected ':' after the member name";
    case EXPECT_COMMA_OR_CLOSE:
        return container == '{' ? "expected ',' or '}' after the member value"
                                : "expected ',' or ']' after the array item";
    default: return "expected the end of the file after the JSON value";
    }
}

static bool plain_key(const char *k, size_t n) {
    if (n == 0 || !(isalpha((unsigned char)k[0]) || k[0] == '_' || k[0] == '$')) return false;
    for (size_t i = 0; i < n; i++)
        if (!(isalnum((unsigned char)k[i]) || k[i] == '_' || k[i] == '-' || k[i] == '$')) return false;
    return true;
}

/* The member of level d that is being read: its key, unless at the deepest
 * level the scanner waits for the next key (the last one is done). */
static bool in_member(const scanner *s, size_t d) {
    if (!s->key_len[d]) return false;
    return d + 1 < s->depth || (s->expect != EXPECT_KEY && s->expect != EXPECT_KEY_OR_CLOSE);
}

/* The path as the loader writes it ($.findings[2].text), keys as they are
 * spelt in the file, cut short past the buffer. */
static void describe_path(const scanner *s, char *out, size_t cap) {
    size_t n = (size_t)snprintf(out, cap, "$");
    for (size_t d = 0; d < s->depth && n < cap; d++) {
        const char *k = s->text + s->key_at[d];
        int len = s->key_len[d] > 64 ? 64 : (int)s->key_len[d];
        if (s->stack[d] == '[')
            n += (size_t)snprintf(out + n, cap - n, "[%zu]", s->index[d]);
        else if (in_member(s, d))
            n += (size_t)snprintf(out + n, cap - n, plain_key(k, s->key_len[d]) ? ".%.*s" : "[\"%.*s\"]", len, k);
    }
}

static bool fail(scanner *s, eb_json_syntax_error *err, const char *detail) {
    err->offset = s->pos;
    snprintf(err->message, sizeof err->message, "%s", detail);
    describe_path(s, err->path, sizeof err->path);
    return false;
}

static void note_nul_escape(scanner *s, size_t backslash) {
    eb_json_scan *out = s->out;
    if (out->nnul_escapes == s->nul_cap) {
        s->nul_cap = s->nul_cap ? 2 * s->nul_cap : 8;
        out->nul_escapes = eb_xrealloc(out->nul_escapes, s->nul_cap * sizeof *out->nul_escapes);
    }
    out->nul_escapes[out->nnul_escapes++] = backslash;
}

static void note_value(scanner *s) {
    eb_json_scan *out = s->out;
    if (out->nvalues == s->values_cap) {
        s->values_cap = s->values_cap ? 2 * s->values_cap : 64;
        out->values = eb_xrealloc(out->values, s->values_cap * sizeof *out->values);
    }
    bool member = s->depth && s->stack[s->depth - 1] == '{';
    out->values[out->nvalues++] = (eb_json_span){
        .key_offset = member ? s->key_at[s->depth - 1] - 1 : SIZE_MAX, .value_offset = s->pos};
}

static unsigned hex4(const char *p) {
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v = v * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

static bool is_hex4(const scanner *s, size_t at) {
    for (size_t i = 0; i < 4; i++)
        if (at + i >= s->len || !isxdigit((unsigned char)s->text[at + i])) return false;
    return true;
}

/* A \u escape, s->pos at its 'u'. cJSON refuses a surrogate that is not
 * half of a pair, so it is an error here too. */
static bool scan_unicode_escape(scanner *s, eb_json_syntax_error *err) {
    if (!is_hex4(s, s->pos + 1)) return fail(s, err, "invalid \\u escape: expected four hexadecimal digits");
    unsigned code = hex4(s->text + s->pos + 1);
    if (code == 0) note_nul_escape(s, s->pos - 1);
    bool low = code >= 0xDC00 && code <= 0xDFFF, high = code >= 0xD800 && code <= 0xDBFF;
    bool paired = high && s->pos + 6 < s->len && s->text[s->pos + 5] == '\\' &&
                  s->text[s->pos + 6] == 'u' && is_hex4(s, s->pos + 7) &&
                  hex4(s->text + s->pos + 7) >= 0xDC00 && hex4(s->text + s->pos + 7) <= 0xDFFF;
    if (low || (high && !paired)) {
        s->pos--;
        return fail(s, err, "invalid \\u escape: a lone surrogate (\\uD800 to \\uDBFF must be followed by \\uDC00 to \\uDFFF)");
    }
    s->pos += paired ? 10 : 4;
    return true;
}

/* Validates a string token starting at the opening quote. */
static bool scan_string(scanner *s, eb_json_syntax_error *err) {
    size_t start = s->pos++;
    while (s->pos < s->len) {
        unsigned char c = (unsigned char)s->text[s->pos];
        if (c == '"') { s->pos++; return true; }
        if (c < 0x20) return fail(s, err, "control character inside a string; write it as an escape such as \\n or \\u0009");
        if (c == '\\') {
            s->pos++;
            if (s->pos >= s->len) break;
            char e = s->text[s->pos];
            if (e == 'u') {
                if (!scan_unicode_escape(s, err)) return false;
            } else if (!strchr("\"\\/bfnrt", e)) {
                return fail(s, err, "invalid escape sequence in string");
            }
        }
        s->pos++;
    }
    s->pos = start;
    return fail(s, err, "unterminated string: the closing '\"' is missing");
}

static bool scan_literal(scanner *s, eb_json_syntax_error *err) {
    static const char *const words[] = {"true", "false", "null"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if (s->len - s->pos >= n && memcmp(s->text + s->pos, words[i], n) == 0) {
            s->pos += n;
            return true;
        }
    }
    if (s->text[s->pos] == '\'') return fail(s, err, "strings must use double quotes, not single quotes");
    return fail(s, err, describe_expectation(s));
}

static bool scan_number(scanner *s, eb_json_syntax_error *err) {
    size_t start = s->pos;
    if (s->text[s->pos] == '-') s->pos++;
    size_t digits = s->pos;
    while (s->pos < s->len && isdigit((unsigned char)s->text[s->pos])) s->pos++;
    if (s->pos == digits) { s->pos = start; return fail(s, err, "invalid number"); }
    if (s->pos < s->len && s->text[s->pos] == '.') {
        s->pos++;
        size_t frac = s->pos;
        while (s->pos < s->len && isdigit((unsigned char)s->text[s->pos])) s->pos++;
        if (s->pos == frac) return fail(s, err, "invalid number: digits expected after '.'");
    }
    if (s->pos < s->len && (s->text[s->pos] == 'e' || s->text[s->pos] == 'E')) {
        s->pos++;
        if (s->pos < s->len && (s->text[s->pos] == '+' || s->text[s->pos] == '-')) s->pos++;
        size_t exp = s->pos;
        while (s->pos < s->len && isdigit((unsigned char)s->text[s->pos])) s->pos++;
        if (s->pos == exp) return fail(s, err, "invalid number: digits expected in the exponent");
    }
    /* cJSON reads a number through a 64-byte buffer and stops in the
     * middle of a longer one */
    if (s->pos - start > 63) {
        s->pos = start;
        return fail(s, err, "number of more than 63 characters");
    }
    return true;
}

static void after_value(scanner *s) {
    s->expect = s->depth ? EXPECT_COMMA_OR_CLOSE : EXPECT_END;
}

static bool open_container(scanner *s, char c, eb_json_syntax_error *err) {
    if (s->depth == EB_JSON_MAX_DEPTH) {
        fail(s, err, "arrays and objects are nested more than 64 levels deep");
        err->path[0] = '\0';  /* the place, not a value, is the problem */
        return false;
    }
    s->stack[s->depth] = c;
    s->index[s->depth] = 0;
    s->key_len[s->depth] = 0;
    s->open_at[s->depth++] = s->pos++;
    s->expect = c == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
    return true;
}

static bool close_container(scanner *s, char c, eb_json_syntax_error *err) {
    char want = c == '}' ? '{' : '[';
    bool can_close = s->expect == EXPECT_COMMA_OR_CLOSE ||
                     (want == '{' && s->expect == EXPECT_KEY_OR_CLOSE) ||
                     (want == '[' && s->expect == EXPECT_VALUE_OR_CLOSE);
    if (s->depth && s->stack[s->depth - 1] == want && can_close) {
        s->depth--;
        s->pos++;
        after_value(s);
        return true;
    }
    if (s->expect == EXPECT_KEY || s->expect == EXPECT_ITEM)
        return fail(s, err, "trailing comma: remove the ',' before this bracket");
    if (s->depth && s->stack[s->depth - 1] != want)
        return fail(s, err, want == '{' ? "'}' closes an array: expected ']'" : "']' closes an object: expected '}'");
    return fail(s, err, describe_expectation(s));
}

static bool scan_value(scanner *s, eb_json_syntax_error *err) {
    char c = s->text[s->pos];
    note_value(s);
    if (c == '{' || c == '[') return open_container(s, c, err);
    bool ok;
    if (c == '"') ok = scan_string(s, err);
    else if (c == '-' || isdigit((unsigned char)c)) ok = scan_number(s, err);
    else ok = scan_literal(s, err);
    if (ok) after_value(s);
    return ok;
}

static bool scan_step(scanner *s, eb_json_syntax_error *err) {
    char c = s->text[s->pos];
    switch (s->expect) {
    case EXPECT_END:
        return fail(s, err, "unexpected content after the end of the JSON value");
    case EXPECT_COLON:
        if (c != ':') return fail(s, err, describe_expectation(s));
        s->pos++;
        s->expect = EXPECT_VALUE;
        return true;
    case EXPECT_KEY_OR_CLOSE:
    case EXPECT_KEY:
        if (c == '}') return close_container(s, c, err);
        if (c != '"') return fail(s, err, c == '\'' ? "member names must use double quotes" : describe_expectation(s));
        size_t key = s->pos;
        if (!scan_string(s, err)) return false;
        s->key_at[s->depth - 1] = key + 1;
        s->key_len[s->depth - 1] = s->pos - key - 2;
        s->expect = EXPECT_COLON;
        return true;
    case EXPECT_COMMA_OR_CLOSE:
        if (c == ',') {
            s->pos++;
            s->expect = s->stack[s->depth - 1] == '{' ? EXPECT_KEY : EXPECT_ITEM;
            s->index[s->depth - 1]++;
            return true;
        }
        if (c == '}' || c == ']') return close_container(s, c, err);
        return fail(s, err, describe_expectation(s));
    default:
        if (c == ']' || c == '}') return close_container(s, c, err);
        return scan_value(s, err);
    }
}

static bool scan_all(scanner *s, eb_json_syntax_error *err) {
    for (;;) {
        skip_space(s);
        if (s->pos >= s->len) break;
        if (!scan_step(s, err)) return false;
    }
    if (s->expect == EXPECT_END) return true;
    err->offset = s->len;
    describe_path(s, err->path, sizeof err->path);
    if (s->depth) {
        err->open_offset = s->open_at[s->depth - 1];
        snprintf(err->message, sizeof err->message, "unexpected end of file: %s",
                 describe_expectation(s));
        err->has_open = true;
    } else {
        snprintf(err->message, sizeof err->message, "the file is empty: expected a JSON object");
    }
    return false;
}

bool ebi_json_scan_text(const char *text, size_t len, eb_json_scan *out) {
    *out = (eb_json_scan){0};
    /* about 32 KiB of bookkeeping: on the heap, not a worker's stack */
    scanner *s = eb_xcalloc(1, sizeof *s);
    *s = (scanner){.text = text, .len = len, .expect = EXPECT_VALUE, .out = out};
    out->failed = !scan_all(s, &out->error);
    free(s);
    return !out->failed;
}

void ebi_json_scan_destroy(eb_json_scan *scan) {
    free(scan->values);
    free(scan->nul_escapes);
    *scan = (eb_json_scan){0};
}
