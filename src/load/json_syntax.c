/* Explains why a JSON text does not parse.
 *
 * cJSON is the parser; when it fails it gives only a rough pointer (for an
 * unterminated string it points at the string, not at the end). To tell an
 * editor "line 12, column 5: expected ',' or '}' after the member value", we
 * walk the text with the JSON grammar up to the first error. This runs only
 * for documents cJSON has already rejected, and builds nothing. */
#include "json_syntax.h"

#include <ctype.h>
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
    char stack[EB_JSON_SYNTAX_MAX_DEPTH];
    size_t open_at[EB_JSON_SYNTAX_MAX_DEPTH];
    /* where in each container: the item index, or the last key read
     * (key_len 0: none yet), so that an error gets the path of its value */
    size_t index[EB_JSON_SYNTAX_MAX_DEPTH];
    size_t key_at[EB_JSON_SYNTAX_MAX_DEPTH], key_len[EB_JSON_SYNTAX_MAX_DEPTH];
    size_t depth;
    expectation expect;
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

static bool fail(scanner *s, eb_json_syntax_error *err, const char *fmt_detail) {
    err->offset = s->pos;
    snprintf(err->message, sizeof err->message, "%s", fmt_detail);
    describe_path(s, err->path, sizeof err->path);
    return false;
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
                for (size_t i = 1; i <= 4; i++)
                    if (s->pos + i >= s->len || !isxdigit((unsigned char)s->text[s->pos + i]))
                        return fail(s, err, "invalid \\u escape: expected four hexadecimal digits");
                s->pos += 4;
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
    return true;
}

static void after_value(scanner *s) {
    s->expect = s->depth ? EXPECT_COMMA_OR_CLOSE : EXPECT_END;
}

static bool open_container(scanner *s, char c, eb_json_syntax_error *err) {
    if (s->depth == EB_JSON_SYNTAX_MAX_DEPTH)
        return fail(s, err, "nesting too deep");
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

bool eb_json_find_syntax_error(const char *text, size_t len, eb_json_syntax_error *err) {
    scanner s = {.text = text, .len = len, .expect = EXPECT_VALUE};
    for (;;) {
        skip_space(&s);
        if (s.pos >= s.len) break;
        if (!scan_step(&s, err)) return true;
    }
    if (s.expect == EXPECT_END) return false;
    err->offset = s.len;
    describe_path(&s, err->path, sizeof err->path);
    if (s.depth) {
        err->open_offset = s.open_at[s.depth - 1];
        snprintf(err->message, sizeof err->message, "unexpected end of file: %s",
                 describe_expectation(&s));
        err->has_open = true;
    } else {
        snprintf(err->message, sizeof err->message, "the file is empty: expected a JSON object");
    }
    return true;
}

size_t eb_json_max_depth(const char *text, size_t len, size_t limit, size_t *where) {
    size_t depth = 0, max = 0;
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') i++;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > max) max = depth;
            if (depth > limit) { *where = i; return depth; }
        } else if ((c == '}' || c == ']') && depth) {
            depth--;
        }
    }
    return max;
}
