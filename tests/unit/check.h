/* A minimal assertion kit for the unit tests: each failed CHECK prints where
 * and what, and the test's exit status is the number of failures. */
#ifndef EVBRIEF_TEST_CHECK_H
#define EVBRIEF_TEST_CHECK_H

#include <stdbool.h>
#include <string.h>

extern int check_failures;
extern int check_count;

void check_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define CHECK(cond)                                                          \
    do {                                                                     \
        check_count++;                                                       \
        if (!(cond)) check_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);     \
    } while (0)

#define CHECK_STR(a, b)                                                      \
    do {                                                                     \
        const char *check_a_ = (a), *check_b_ = (b);                         \
        check_count++;                                                       \
        if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0)      \
            check_fail(__FILE__, __LINE__, "%s == %s\n  got:      \"%s\"\n  expected: \"%s\"", \
                       #a, #b, check_a_ ? check_a_ : "(null)",               \
                       check_b_ ? check_b_ : "(null)");                      \
    } while (0)

#define CHECK_CONTAINS(haystack, needle)                                     \
    do {                                                                     \
        const char *check_h_ = (haystack), *check_n_ = (needle);             \
        check_count++;                                                       \
        if (!check_h_ || !strstr(check_h_, check_n_))                        \
            check_fail(__FILE__, __LINE__, "\"%s\" contains \"%s\"",         \
                       check_h_ ? check_h_ : "(null)", check_n_);            \
    } while (0)

/* Ends a test program: prints a summary and returns the exit status. */
int check_done(const char *name);

#endif
