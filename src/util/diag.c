#include "diag.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

typedef struct {
    eb_severity severity;
    char *file, *path, *message;  /* owned; file and path may be NULL */
    int line, column;
    char *plain;                  /* the one-line form */
} record;

struct eb_diag {
    FILE *out;
    char *program;                /* "evbrief build": names the problems that have no file */
    eb_diag_format format;
    bool color;
    pthread_mutex_t lock;
    size_t counts[3];
    record *records;
    size_t nrecords, cap;
    uint64_t *seen;               /* open addressing over plain-line hashes; 0 empty */
    size_t seen_cap;
};

static _Thread_local size_t thread_errors;

size_t eb_diag_thread_errors(void) { return thread_errors; }

/* Colour only for a person at a terminal, and never when they asked for
 * none (https://no-color.org: NO_COLOR set and not empty). */
static bool wants_color(FILE *out) {
    const char *no = getenv("NO_COLOR");
    return out && isatty(fileno(out)) && !(no && *no);
}

eb_diag *eb_diag_create(FILE *out) {
    eb_diag *diag = eb_xcalloc(1, sizeof *diag);
    diag->out = out;
    diag->color = wants_color(out);
    pthread_mutex_init(&diag->lock, NULL);
    return diag;
}

void eb_diag_destroy(eb_diag *diag) {
    if (!diag) return;
    for (size_t i = 0; i < diag->nrecords; i++) {
        record *r = &diag->records[i];
        free(r->file), free(r->path), free(r->message), free(r->plain);
    }
    free(diag->records);
    free(diag->seen);
    free(diag->program);
    pthread_mutex_destroy(&diag->lock);
    free(diag);
}

void eb_diag_set_format(eb_diag *diag, eb_diag_format format) { diag->format = format; }

void eb_diag_set_program(eb_diag *diag, const char *program) {
    free(diag->program);
    diag->program = program ? eb_xstrdup(program) : NULL;
}

bool eb_diag_format_from_name(const char *name, eb_diag_format *format) {
    if (strcmp(name, "text") == 0) *format = EB_DIAG_TEXT;
    else if (strcmp(name, "github") == 0) *format = EB_DIAG_GITHUB;
    else return false;
    return true;
}

static const char *severity_name(eb_severity severity) {
    switch (severity) {
    case EB_NOTE: return "note";
    case EB_WARNING: return "warning";
    default: return "error";
    }
}

/* Control characters quoted from the inputs (a member name, a value, a file
 * name) would reach the terminal raw, where an ESC sequence can clear the
 * screen or retitle the window, and a newline would split the report:
 * each one (C0, DEL, C1) is written as a \uxxxx escape instead, as in JSON
 * paths. */
static char *escape_controls(const char *text) {
    const unsigned char *s = (const unsigned char *)text;
    eb_buf out = {0};
    for (size_t i = 0, n = strlen(text); i < n; i++) {
        if (s[i] < 0x20 || s[i] == 0x7F) eb_buf_printf(&out, "\\u%04x", s[i]);
        else if (s[i] == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] < 0xA0)
            eb_buf_printf(&out, "\\u%04x", s[++i]);
        else eb_buf_putc(&out, (char)s[i]);
    }
    eb_buf_cstr(&out);
    return eb_buf_steal(&out);
}

static void put_location(eb_buf *buf, const record *r) {
    if (!r->file) return;
    eb_buf_puts(buf, r->file);
    if (r->line > 0) eb_buf_printf(buf, ":%d", r->line);
    if (r->line > 0 && r->column > 0) eb_buf_printf(buf, ":%d", r->column);
    eb_buf_puts(buf, ": ");
}

/* "file:line:col: severity: message [$.path]", coloured or not. */
static void format_text(eb_buf *buf, const record *r, bool color) {
    static const char *const colors[] = {"\033[1;36m", "\033[1;35m", "\033[1;31m"};
    if (color && r->file) eb_buf_puts(buf, "\033[1m");
    put_location(buf, r);
    if (color) eb_buf_printf(buf, "\033[0m%s", colors[r->severity]);
    eb_buf_printf(buf, "%s:", severity_name(r->severity));
    if (color) eb_buf_puts(buf, "\033[0m");
    eb_buf_printf(buf, " %s", r->message);
    if (r->path) eb_buf_printf(buf, color ? " \033[2m[%s]\033[0m" : " [%s]", r->path);
}

/* GitHub's workflow commands: the data escapes %, CR and LF; property
 * values also ':' and ','. */
static void put_github_escaped(eb_buf *buf, const char *s, bool property) {
    for (; *s; s++) {
        if (*s == '%') eb_buf_puts(buf, "%25");
        else if (*s == '\r') eb_buf_puts(buf, "%0D");
        else if (*s == '\n') eb_buf_puts(buf, "%0A");
        else if (property && *s == ':') eb_buf_puts(buf, "%3A");
        else if (property && *s == ',') eb_buf_puts(buf, "%2C");
        else eb_buf_putc(buf, *s);
    }
}

static void format_github(eb_buf *buf, const record *r) {
    eb_buf_printf(buf, "::%s", r->severity == EB_NOTE ? "notice" : severity_name(r->severity));
    const char *sep = " ";
    if (r->file) {
        eb_buf_puts(buf, " file=");
        put_github_escaped(buf, r->file, true);
        sep = ",";
    }
    if (r->line > 0) eb_buf_printf(buf, "%sline=%d", sep, r->line), sep = ",";
    if (r->line > 0 && r->column > 0) eb_buf_printf(buf, "%scol=%d", sep, r->column);
    eb_buf_puts(buf, "::");
    put_github_escaped(buf, r->message, false);
    if (r->path) {
        eb_buf_puts(buf, " [");
        put_github_escaped(buf, r->path, false);
        eb_buf_putc(buf, ']');
    }
}

/* ---- the source excerpt ------------------------------------------------------- */

/* Byte offset of code point `n` of s[0..len), or len. */
static size_t offset_of(const char *s, size_t len, size_t n) {
    size_t at = 0;
    for (uint32_t cp; n > 0 && at < len; n--) {
        size_t k = eb_utf8_decode(s + at, len - at, &cp);
        at += k ? k : 1;
    }
    return at;
}

/* Appends s[from..to) with every control character (a tab too) shown as
 * one space, so that the caret below stays under its column. */
static void put_visible(eb_buf *buf, const char *s, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)s[i];
        eb_buf_putc(buf, c < 0x20 || c == 0x7F ? ' ' : (char)c);
    }
}

/* Long lines (a minified file is one line) are cut to a window around the
 * column, marked with "..." at each cut. */
enum { EXCERPT_BEFORE = 40, EXCERPT_WIDTH = 100 };

static void format_excerpt(eb_buf *buf, eb_location where, bool color) {
    const char *s = where.source;
    size_t len = where.source_len, chars = eb_utf8_count(s, len);
    size_t col = where.column > 0 ? (size_t)where.column - 1 : 0;
    size_t first = chars > EXCERPT_WIDTH && col > EXCERPT_BEFORE ? col - EXCERPT_BEFORE : 0;
    size_t last = first + EXCERPT_WIDTH < chars ? first + EXCERPT_WIDTH : chars;
    int width = snprintf(NULL, 0, "%d", where.line);
    const char *bar = color ? "\033[1;34m|\033[0m" : "|";
    eb_buf_printf(buf, "\n %*d %s %s", width, where.line, bar, first ? "..." : "");
    put_visible(buf, s, offset_of(s, len, first), offset_of(s, len, last));
    if (last < chars) eb_buf_puts(buf, "...");
    eb_buf_printf(buf, "\n %*s %s %*s%s^%s", width, "", bar, (int)(col - first + (first ? 3 : 0)), "",
                  color ? "\033[1;31m" : "", color ? "\033[0m" : "");
}

/* ---- reporting ------------------------------------------------------------------ */

static uint64_t hash_line(const char *s) {
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h ? h : 1;
}

/* Whether this very problem was reported before; remembers it if not. */
static bool seen_before(eb_diag *diag, const char *plain) {
    if (2 * (diag->nrecords + 1) > diag->seen_cap) {
        size_t cap = diag->seen_cap ? diag->seen_cap * 2 : 64;
        uint64_t *grown = eb_xcalloc(cap, sizeof *grown);
        for (size_t i = 0; i < diag->seen_cap; i++) {
            if (!diag->seen[i]) continue;
            size_t j = diag->seen[i] & (cap - 1);
            while (grown[j]) j = (j + 1) & (cap - 1);
            grown[j] = diag->seen[i];
        }
        free(diag->seen);
        diag->seen = grown;
        diag->seen_cap = cap;
    }
    uint64_t h = hash_line(plain);
    size_t j = h & (diag->seen_cap - 1);
    for (; diag->seen[j]; j = (j + 1) & (diag->seen_cap - 1))
        if (diag->seen[j] == h) return true;
    diag->seen[j] = h;
    return false;
}

static record make_record(eb_severity severity, eb_location where, const char *fmt, va_list args) {
    eb_buf message = {0};
    eb_buf_vprintf(&message, fmt, args);
    record r = {.severity = severity, .line = where.line, .column = where.column,
                .message = escape_controls(eb_buf_cstr(&message)),
                .file = where.file ? escape_controls(where.file) : NULL,
                .path = where.path ? escape_controls(where.path) : NULL};
    eb_buf_destroy(&message);
    eb_buf plain = {0};
    format_text(&plain, &r, false);
    eb_buf_cstr(&plain);
    r.plain = eb_buf_steal(&plain);
    return r;
}

static void print_record(eb_diag *diag, const record *r, eb_location where) {
    eb_buf line = {0};
    if (diag->format == EB_DIAG_GITHUB) {
        format_github(&line, r);
    } else {
        /* "evbrief build: error: ...", as "gcc: error: ..." for a problem
         * of the command itself (an option, the output folder) */
        if (!r->file && diag->program) eb_buf_printf(&line, "%s: ", diag->program);
        format_text(&line, r, diag->color);
        if (where.source && where.line > 0 && where.column > 0) format_excerpt(&line, where, diag->color);
    }
    fprintf(diag->out, "%s\n", eb_buf_cstr(&line));
    fflush(diag->out);
    eb_buf_destroy(&line);
}

void eb_diag_vreport(eb_diag *diag, eb_severity severity, eb_location where,
                     const char *fmt, va_list args) {
    record r = make_record(severity, where, fmt, args);
    pthread_mutex_lock(&diag->lock);
    /* the same problem at the same place is one problem; without a place,
     * two equal messages may be two events (two pages refused) */
    if (r.file && seen_before(diag, r.plain)) {
        pthread_mutex_unlock(&diag->lock);
        free(r.file), free(r.path), free(r.message), free(r.plain);
        return;
    }
    if (severity == EB_ERROR) thread_errors++;
    diag->counts[severity]++;
    if (diag->out && diag->format != EB_DIAG_JSON) print_record(diag, &r, where);
    if (diag->nrecords == diag->cap) {
        diag->cap = diag->cap ? diag->cap * 2 : 16;
        diag->records = eb_xrealloc(diag->records, diag->cap * sizeof *diag->records);
    }
    diag->records[diag->nrecords++] = r;
    pthread_mutex_unlock(&diag->lock);
}

void eb_diag_report(eb_diag *diag, eb_severity severity, eb_location where,
                    const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    eb_diag_vreport(diag, severity, where, fmt, args);
    va_end(args);
}

size_t eb_diag_count(const eb_diag *diag, eb_severity severity) {
    return diag->counts[severity];
}

size_t eb_diag_message_count(const eb_diag *diag) { return diag->nrecords; }

const char *eb_diag_message(const eb_diag *diag, size_t index) {
    return index < diag->nrecords ? diag->records[index].plain : NULL;
}

bool eb_diag_entry_at(const eb_diag *diag, size_t index, eb_diag_entry *entry) {
    if (index >= diag->nrecords) return false;
    const record *r = &diag->records[index];
    *entry = (eb_diag_entry){.file = r->file, .path = r->path, .severity = severity_name(r->severity),
                             .message = r->message, .line = r->line, .column = r->column};
    return true;
}
