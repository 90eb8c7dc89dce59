/* font_list: the fonts of fonts/fonts.json as plain data, the one thing the
 * load stage (which reads the file, eb_font_list_load in load.h) hands the
 * layout stage (which opens the fonts, eb_fontset_create in layout.h). A
 * header of its own so that layout needs nothing else of the model. */
#ifndef EVBRIEF_FONT_LIST_H
#define EVBRIEF_FONT_LIST_H

#include <stdbool.h>
#include <stddef.h>

/* The pinned hashes go into the build's keys (cli/jobs.c). At most: */
#define EB_MAX_FONTS 32

typedef struct {
    char *role;              /* "latin-serif", "latin-sans", "arabic" or "cjk" */
    bool bold;               /* weight "bold" (else "regular") */
    char *file;              /* a name inside the fonts directory */
    unsigned face;           /* index inside a collection, 0 to 65535 */
    char sha256[65];         /* the pinned SHA-256 in hex, "" when not given */
} eb_font_entry;

typedef struct {
    char *dir;               /* the fonts directory */
    char *path;              /* DIR/fonts.json */
    eb_font_entry *entries;  /* 1 to EB_MAX_FONTS of them */
    size_t n;
} eb_font_list;

void eb_font_list_destroy(eb_font_list *list);

#endif
