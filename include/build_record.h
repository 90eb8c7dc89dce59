/* build_record: out/manifest.json as plain data, the record of every brief
 * a build wrote (cli/manifest.h describes the file). The load stage reads
 * it (eb_manifest_load in load.h), as it reads every JSON file; the cli
 * keeps, changes and writes it. */
#ifndef EVBRIEF_BUILD_RECORD_H
#define EVBRIEF_BUILD_RECORD_H

#include <stddef.h>

typedef struct {
    char *name;       /* path relative to its directory: "reviews/he-2026.json", "NotoSerif-Regular.ttf" */
    char sha256[65];
} eb_file_hash;

typedef struct {
    char *file, *indication, *locale;
    long pages, bytes;
    char sha256[65], key[65];
    eb_file_hash *inputs;
    size_t ninputs;
    eb_file_hash *fonts;
    size_t nfonts;
} eb_manifest_entry;

typedef struct {
    char *version;
    eb_manifest_entry *entries;
    size_t n, cap;
} eb_manifest;

void eb_manifest_entry_destroy(eb_manifest_entry *e);
void eb_manifest_destroy(eb_manifest *m);

#endif
