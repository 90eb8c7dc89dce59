#include "fonts_util.h"

#include "load.h"

eb_fontset *open_fonts_in(const char *dir, eb_diag *diag) {
    eb_font_list list;
    eb_fontset *fonts = eb_load_font_list(dir, &list, diag) ? eb_fontset_open(&list, diag) : NULL;
    eb_font_list_free(&list);
    return fonts;
}
