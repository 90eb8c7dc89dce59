#include "fonts_util.h"

#include "load.h"

eb_fontset *open_fonts_in(const char *dir, eb_diag *diag) {
    eb_font_list list;
    eb_fontset *fonts = eb_font_list_load(dir, &list, diag) ? eb_fontset_create(&list, diag) : NULL;
    eb_font_list_destroy(&list);
    return fonts;
}
