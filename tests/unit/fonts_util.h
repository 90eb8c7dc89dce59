/* Opening a fontset as the commands do (cli/options.c, ebi_fonts_open):
 * fonts.json read by the load stage, its fonts opened by layout. Shared
 * by the unit tests and the fuzz targets (tests/fuzz/fuzz.h); a file of
 * its own (fonts_util.c) because the layout tests that see layout's
 * internal eb_text cannot include load.h. */
#ifndef EVBRIEF_TEST_FONTS_UTIL_H
#define EVBRIEF_TEST_FONTS_UTIL_H

#include "layout.h"

eb_fontset *open_fonts_in(const char *dir, eb_diag *diag);

#endif
