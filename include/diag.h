/* diag: the one place where evbrief reports problems to the user.
 *
 * Every stage reports through an eb_diag sink instead of printing, so that a
 * run can collect all errors (not only the first), count them for the exit
 * code, and print them in the shape compilers use, which editors and CI
 * problem matchers read:
 *     file:line:column: error: message [$.json.path]
 * followed, where the source is known, by its line and a caret under the
 * column. The sink is thread-safe: parallel brief builds share one. The same
 * problem reported twice is printed and counted once. */
#ifndef EVBRIEF_DIAG_H
#define EVBRIEF_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { EB_NOTE, EB_WARNING, EB_ERROR } eb_severity;

/* Where a problem is. Any member may be NULL/0 when unknown. */
typedef struct {
    const char *file;  /* path as the user named it */
    int line;          /* 1-based; 0 = unknown */
    int column;        /* 1-based, counted in Unicode characters; 0 = unknown */
    const char *path;  /* JSON path such as $.findings[2].text.fa */
    const char *source;    /* the text of the line, for the excerpt; NULL: none */
    size_t source_len;     /* its length in bytes, without the newline */
} eb_location;

/* How a sink prints: text (with the source excerpt; colour when printing to
 * a terminal and NO_COLOR is unset), GitHub Actions workflow commands
 * (::error file=…,line=…,col=…::message), or nothing at all (JSON: the
 * command prints the records itself). */
typedef enum { EB_DIAG_TEXT, EB_DIAG_GITHUB, EB_DIAG_JSON } eb_diag_format;

typedef struct eb_diag eb_diag;

/* Creates a sink printing to `out` (NULL: collect silently, for tests). */
eb_diag *eb_diag_create(FILE *out);
void eb_diag_destroy(eb_diag *diag);
void eb_diag_set_format(eb_diag *diag, eb_diag_format format);
/* Problems without a file (a command-line option, the output folder) are
 * printed after this name, as compilers name themselves:
 *     evbrief build: error: unknown paper "b5" (a4 or letter)
 * The sink keeps a copy; NULL: none (the default). */
void eb_diag_set_program(eb_diag *diag, const char *program);
/* "text", "github"; false for anything else. */
bool eb_diag_format_from_name(const char *name, eb_diag_format *format);

void eb_diag_report(eb_diag *diag, eb_severity severity, eb_location where,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void eb_diag_vreport(eb_diag *diag, eb_severity severity, eb_location where,
                     const char *fmt, va_list args);

size_t eb_diag_count(const eb_diag *diag, eb_severity severity);
/* Errors reported by the calling thread, to any sink: a build worker
 * brackets one brief with it, where the shared count would also see the
 * errors of the briefs other workers are building. */
size_t eb_diag_thread_errors(void);

/* The problems collected so far, each as one plain line (no colour, no
 * excerpt), for tests. */
size_t eb_diag_message_count(const eb_diag *diag);
const char *eb_diag_message(const eb_diag *diag, size_t index);

/* One collected problem, as reported: file and path NULL and line and
 * column 0 when unknown; severity as printed ("error", "warning", "note").
 * The strings belong to the sink. False when index is past the last.
 * (json_out.h's eb_json_diagnostics writes them for --json.) */
typedef struct {
    const char *file, *path, *severity, *message;
    int line, column;
} eb_diag_entry;
bool eb_diag_entry_at(const eb_diag *diag, size_t index, eb_diag_entry *entry);

#endif
