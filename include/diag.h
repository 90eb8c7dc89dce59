/* diag: the one place where evbrief reports problems to the user.
 *
 * Every stage reports through an eb_diag sink instead of printing, so that a
 * run can collect all errors (not only the first), count them for the exit
 * code, and print them in the compiler-style form editors expect:
 *     file:line:column: $.json.path: error: message
 * The sink is thread-safe: parallel brief builds share one. */
#ifndef EVBRIEF_DIAG_H
#define EVBRIEF_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { EB_NOTE, EB_WARNING, EB_ERROR } eb_severity;

/* Where a problem is. Any member may be NULL/0 when unknown. */
typedef struct {
    const char *file;  /* path as the user named it */
    int line;          /* 1-based; 0 = unknown */
    int column;        /* 1-based, counted in Unicode characters; 0 = unknown */
    const char *path;  /* JSON path such as $.findings[2].text.fa */
} eb_location;

typedef struct eb_diag eb_diag;

/* Creates a sink printing to `out` (NULL: collect silently, for tests). */
eb_diag *eb_diag_new(FILE *out);
void eb_diag_free(eb_diag *diag);

void eb_diag_report(eb_diag *diag, eb_severity severity, eb_location where,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void eb_diag_vreport(eb_diag *diag, eb_severity severity, eb_location where,
                     const char *fmt, va_list args);

size_t eb_diag_count(const eb_diag *diag, eb_severity severity);
/* Errors reported by the calling thread, to any sink: a build worker
 * brackets one brief with it, where the shared count would also see the
 * errors of the briefs other workers are building. */
size_t eb_diag_thread_errors(void);

/* The messages collected so far, each a full formatted line, for tests. */
size_t eb_diag_message_count(const eb_diag *diag);
const char *eb_diag_message(const eb_diag *diag, size_t index);

#endif
