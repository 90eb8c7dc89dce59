/* Replays the fuzz targets of tests/fuzz/ without libFuzzer, in the normal
 * (and the sanitizer, and the Valgrind) build: every file of
 * tests/fuzz/regressions/<target>/ (a reproducer of a crash a fuzzer once
 * found) and of tests/fuzz/corpus/<target>/ (the seeds) goes through the
 * same LLVMFuzzerTestOneInput the fuzzer runs. A target signals a broken
 * invariant by aborting, so a regression fails this test loudly.
 *
 *   test_fuzz_regressions                    every file of every target
 *   test_fuzz_regressions TARGET FILE...     these files through one target
 *                                            (load, layout, brief, fonts,
 *                                            manifest or brand)
 *
 * Each target is included here under its own name. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define LLVMFuzzerTestOneInput fuzz_load_one
#include "../fuzz/fuzz_load.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_layout_one
#include "../fuzz/fuzz_layout.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_brief_one
#include "../fuzz/fuzz_brief.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_fonts_one
#include "../fuzz/fuzz_fonts.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_manifest_one
#include "../fuzz/fuzz_manifest.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_brand_one
#include "../fuzz/fuzz_brand.c"
#undef LLVMFuzzerTestOneInput

typedef struct {
    const char *name;
    int (*run)(const uint8_t *data, size_t size);
} target;

static const target targets[] = {
    {"load", fuzz_load_one},
    {"layout", fuzz_layout_one},
    {"brief", fuzz_brief_one},
    {"fonts", fuzz_fonts_one},
    {"manifest", fuzz_manifest_one},
    {"brand", fuzz_brand_one},
};

static const target *find_target(const char *name) {
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
        if (strcmp(targets[i].name, name) == 0) return &targets[i];
    return NULL;
}

static bool replay(const target *t, const char *path) {
    char *data = NULL;
    size_t len = 0;
    const char *error = NULL;
    if (!eb_read_file(path, (size_t)64 << 20, &data, &len, &error)) {
        check_fail(__FILE__, __LINE__, "%s: %s", path, error);
        return false;
    }
    check_count++;
    t->run((const uint8_t *)data, len);
    free(data);
    return true;
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays every file of DIR (sorted; dot files and *.md skipped); returns
 * how many. A missing directory holds nothing. */
static size_t replay_dir(const target *t, const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return 0;
    char **names = NULL;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || (len > 3 && strcmp(e->d_name + len - 3, ".md") == 0)) continue;
        names = eb_xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = eb_xasprintf("%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, compare_names);
    size_t done = 0;
    for (size_t i = 0; i < n; i++) {
        done += replay(t, names[i]);
        free(names[i]);
    }
    free(names);
    return done;
}

int main(int argc, char **argv) {
    if (argc >= 2) {
        const target *t = find_target(argv[1]);
        if (!t) {
            fprintf(stderr, "usage: %s [load|layout|brief FILE...]\n", argv[0]);
            return 2;
        }
        for (int i = 2; i < argc; i++) replay(t, argv[i]);
        return check_done("test_fuzz_regressions");
    }
    const char *src = getenv("SRC") ? getenv("SRC") : ".";
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        const target *t = &targets[i];
        char *corpus = eb_xasprintf("%s/tests/fuzz/corpus/%s", src, t->name);
        char *regressions = eb_xasprintf("%s/tests/fuzz/regressions/%s", src, t->name);
        size_t seeds = replay_dir(t, corpus);
        size_t repros = replay_dir(t, regressions);
        printf("%-6s %3zu seeds, %3zu regressions replayed\n", t->name, seeds, repros);
        CHECK(seeds > 0); /* the seed corpus is where it should be */
        free(corpus);
        free(regressions);
    }
    return check_done("test_fuzz_regressions");
}
