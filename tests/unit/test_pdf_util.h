/* Helpers shared by the test_pdf_*.c programs (static inline: each test uses
 * a different subset): a scratch directory under $BUILD/tmp, running the
 * poppler and qpdf tools on a file, and reading files back. */
#ifndef EVBRIEF_TEST_PDF_UTIL_H
#define EVBRIEF_TEST_PDF_UTIL_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

static inline const char *pdf_test_source_dir(void) {
    const char *src = getenv("SRC");
    return src ? src : ".";
}

/* $BUILD/tmp/<name>, created (and its parents). Caller frees. */
static inline char *pdf_test_dir(const char *name) {
    const char *build = getenv("BUILD");
    char *tmp = eb_xasprintf("%s/tmp", build ? build : ".");
    char *dir = eb_xasprintf("%s/%s", tmp, name);
    if ((mkdir(tmp, 0777) != 0 && errno != EEXIST) || (mkdir(dir, 0777) != 0 && errno != EEXIST)) {
        fprintf(stderr, "cannot create %s: %s\n", dir, strerror(errno));
        exit(2);
    }
    free(tmp);
    return dir;
}

/* Runs a shell command; returns its standard output (caller frees) and
 * sets *status to its exit status (-1 if it could not run). */
static inline char *pdf_test_run(const char *command, int *status) {
    FILE *pipe = popen(command, "r");
    eb_buf out = {0};
    if (!pipe) {
        *status = -1;
        return eb_buf_steal(&out);
    }
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, pipe)) > 0) eb_buf_append(&out, chunk, n);
    /* binary stream data (qpdf --qdf prints the ICC profile decoded) must
     * not end the string early */
    for (size_t i = 0; i < out.len; i++)
        if (out.data[i] == '\0') out.data[i] = '.';
    int raw = pclose(pipe);
    *status = raw == -1 ? -1 : (raw >> 8) & 0xFF;
    return eb_buf_steal(&out);
}

/* Runs a tool on a file: `command` is a format with one %s for the
 * (quoted) path. Returns the output (caller frees); *status as above. */
static inline char *pdf_test_tool(const char *command, const char *path, int *status) {
    char *line = eb_xasprintf(command, path);
    char *out = pdf_test_run(line, status);
    free(line);
    return out;
}

/* pdftotext of a file, UTF-8 (caller frees). */
static inline char *pdf_test_text(const char *path) {
    int status;
    return pdf_test_tool("pdftotext -enc UTF-8 '%s' - 2>&1", path, &status);
}

/* True when `qpdf --check` finds no problem. */
static inline bool pdf_test_qpdf_ok(const char *path) {
    int status;
    char *out = pdf_test_tool("qpdf --check '%s' 2>&1", path, &status);
    bool ok = status == 0 && strstr(out, "No syntax or stream encoding errors");
    if (!ok) fprintf(stderr, "qpdf --check %s:\n%s\n", path, out);
    free(out);
    return ok;
}

/* Counts pdffonts rows, and those with emb, sub and uni all "yes". */
static inline void pdf_test_fonts(const char *path, int *rows, int *good) {
    int status;
    char *out = pdf_test_tool("pdffonts '%s' 2>&1", path, &status);
    *rows = *good = 0;
    char *line = out;
    for (int i = 0; line && *line; i++) {
        char *next = strchr(line, '\n');
        if (next) *next++ = '\0';
        if (i >= 2 && *line) {  /* after the header and the dashes */
            (*rows)++;
            /* the three flags follow the encoding column: "... yes yes yes  7  0" */
            if (strstr(line, " yes yes yes ")) (*good)++;
            else fprintf(stderr, "pdffonts %s: %s\n", path, line);
        }
        line = next;
    }
    free(out);
}

static inline char *pdf_test_read(const char *path, size_t *len) {
    char *data = NULL;
    const char *error = NULL;
    if (!eb_read_file(path, 64u << 20, &data, len, &error)) {
        *len = 0;
        return NULL;
    }
    return data;
}

/* memmem without _GNU_SOURCE. */
static inline const char *pdf_test_find(const char *hay, size_t n, const char *needle) {
    size_t m = strlen(needle);
    for (size_t i = 0; m <= n && i <= n - m; i++)
        if (memcmp(hay + i, needle, m) == 0) return hay + i;
    return NULL;
}

#endif
