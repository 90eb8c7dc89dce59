/* paths: where a command finds its inputs and fonts and puts its output.
 * Nothing here is fixed at compile time for the inputs: they are the
 * directory the user names, else ./inputs or the nearest inputs/ above the
 * current directory (as git finds its repository). Nor for the fonts: they
 * are looked for relative to the binary, at PREFIX/share/evbrief/fonts of an
 * installed one, else in fonts/ beside it (a build tree). */
#ifndef EVBRIEF_CLI_PATHS_H
#define EVBRIEF_CLI_PATHS_H

#include <stdbool.h>

/* The inputs directory: `given` when set, else the nearest DIR/inputs that
 * holds indications.json, from the current directory upward. Returns an
 * owned path, or NULL after printing why (no such directory). */
char *ebi_find_inputs(const char *command, const char *given);

/* The default output directory of a build: `out` beside the inputs that
 * were found upward (the project's out/), or ./out when --inputs was given. */
char *ebi_default_out(const char *given_inputs, const char *inputs);

/* The fonts directory: `given` when set, else PREFIX/share/evbrief/fonts of
 * an installed binary, else fonts/ beside the binary (the build tree's,
 * which CMake fills). Owned. */
char *ebi_find_fonts(const char *given);

/* mkdir -p: creates dir and every missing parent. False after printing why. */
bool ebi_make_directories(const char *command, const char *dir);
/* Creates the parent directories of a file path. */
bool ebi_make_parent_directories(const char *command, const char *file);

/* The first line of a command: which inputs, fonts and output it uses
 * (any may be NULL: not printed). */
void ebi_print_paths(const char *inputs, const char *fonts, const char *out);

#endif
