#include "check.h"

#include <stdarg.h>
#include <stdio.h>

int check_failures = 0;
int check_count = 0;

void check_fail(const char *file, int line, const char *fmt, ...) {
    va_list args;
    check_failures++;
    fprintf(stderr, "%s:%d: FAILED: ", file, line);
    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
    fputc('\n', stderr);
}

int check_done(const char *name) {
    printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
    return check_failures ? 1 : 0;
}
