#include "diag.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct eb_diag {
    FILE *out;
    pthread_mutex_t lock;
    size_t counts[3];
    char **messages;
    size_t nmessages, cap;
};

eb_diag *eb_diag_new(FILE *out) {
    eb_diag *diag = eb_xcalloc(1, sizeof *diag);
    diag->out = out;
    pthread_mutex_init(&diag->lock, NULL);
    return diag;
}

void eb_diag_free(eb_diag *diag) {
    if (!diag) return;
    for (size_t i = 0; i < diag->nmessages; i++) free(diag->messages[i]);
    free(diag->messages);
    pthread_mutex_destroy(&diag->lock);
    free(diag);
}

static _Thread_local size_t thread_errors;

size_t eb_diag_thread_errors(void) { return thread_errors; }

static const char *severity_name(eb_severity severity) {
    switch (severity) {
    case EB_NOTE: return "note";
    case EB_WARNING: return "warning";
    default: return "error";
    }
}

/* Formats the location prefix: "file:line:col: $.path: ". */
static void format_location(eb_buf *buf, eb_location where) {
    if (where.file) {
        eb_buf_puts(buf, where.file);
        if (where.line > 0) {
            eb_buf_printf(buf, ":%d", where.line);
            if (where.column > 0) eb_buf_printf(buf, ":%d", where.column);
        }
        eb_buf_puts(buf, ": ");
    }
    if (where.path) eb_buf_printf(buf, "%s: ", where.path);
}

/* Control characters quoted from the inputs (a member name, a value, a file
 * name) would reach the terminal raw, where an ESC sequence can clear the
 * screen or retitle the window, and a newline would split the report:
 * each one (C0, DEL, C1) is written as a \uxxxx escape instead, as in JSON
 * paths. */
static void escape_controls(eb_buf *line) {
    const unsigned char *s = (const unsigned char *)eb_buf_cstr(line);
    size_t n = line->len, i = 0;
    while (i < n && s[i] >= 0x20 && s[i] != 0x7F && !(s[i] == 0xC2 && i + 1 < n && s[i + 1] < 0xA0)) i++;
    if (i == n) return;
    eb_buf out = {0};
    eb_buf_append(&out, s, i);
    for (; i < n; i++) {
        if (s[i] < 0x20 || s[i] == 0x7F) {
            eb_buf_printf(&out, "\\u%04x", s[i]);
        } else if (s[i] == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] < 0xA0) {
            eb_buf_printf(&out, "\\u%04x", s[++i]);
        } else {
            eb_buf_putc(&out, (char)s[i]);
        }
    }
    eb_buf_free(line);
    *line = out;
}

void eb_diag_vreport(eb_diag *diag, eb_severity severity, eb_location where,
                     const char *fmt, va_list args) {
    eb_buf line = {0};
    format_location(&line, where);
    eb_buf_printf(&line, "%s: ", severity_name(severity));
    eb_buf_vprintf(&line, fmt, args);
    escape_controls(&line);

    if (severity == EB_ERROR) thread_errors++;
    pthread_mutex_lock(&diag->lock);
    diag->counts[severity]++;
    if (diag->out) {
        fprintf(diag->out, "%s\n", eb_buf_cstr(&line));
        fflush(diag->out);
    }
    if (diag->nmessages == diag->cap) {
        diag->cap = diag->cap ? diag->cap * 2 : 16;
        diag->messages = eb_xrealloc(diag->messages, diag->cap * sizeof *diag->messages);
    }
    diag->messages[diag->nmessages++] = eb_buf_steal(&line);
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

size_t eb_diag_message_count(const eb_diag *diag) { return diag->nmessages; }

const char *eb_diag_message(const eb_diag *diag, size_t index) {
    return index < diag->nmessages ? diag->messages[index] : NULL;
}
