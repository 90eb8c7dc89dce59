/* manifest: out/manifest.json, the record of every brief a build wrote:
 * indication, locale, file, pages, bytes, SHA-256 of the PDF, the key it was
 * built for, and the SHA-256 of every input file and font that went into it.
 * Written atomically and deterministically (entries sorted by file name, no
 * times), so builds at any -j and merged shards give the same bytes. */
#ifndef EVBRIEF_CLI_MANIFEST_H
#define EVBRIEF_CLI_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "jobs.h"

/* Reading is the load stage's (eb_manifest_load, load.h). Writes
 * atomically; false after reporting why through diag. */
bool ebi_manifest_write(const char *path, const eb_manifest *m, eb_diag *diag);

eb_manifest_entry *ebi_manifest_find(const eb_manifest *m, const char *file);
/* Adds or replaces the entry for e->file; the manifest takes ownership. */
void ebi_manifest_put(eb_manifest *m, eb_manifest_entry *e);
/* SHA-256 and size of a file on disk (a brief); false if it cannot be read. */
bool ebi_file_sha256(const char *path, char sha256[65], long *bytes);
void ebi_manifest_remove(eb_manifest *m, const char *file);


#endif
