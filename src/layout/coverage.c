/* Whether the fonts can show a text at all: used by `evbrief validate` to
 * point an editor at the exact place of a character no font has. */
#include "layout.h"
#include "layout_internal.h"
#include "util.h"

uint32_t eb_fontset_next_uncovered(const eb_fontset *fonts, const char *text, size_t len, size_t *pos) {
    size_t nfonts = ebi_fontset_count(fonts);
    while (*pos < len) {
        uint32_t cp = 0;
        size_t n = eb_utf8_decode(text + *pos, len - *pos, &cp);
        if (n == 0) {
            *pos = len;  /* the loader has already refused invalid UTF-8 */
            return 0xFFFD;
        }
        *pos += n;
        /* Controls that shaping consumes (joiners, bidi marks, spaces of
         * width zero) need no glyph. */
        if (cp < 0x20 || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
            (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0x2028 || cp == 0x2029)
            continue;
        bool covered = false;
        for (size_t f = 0; f < nfonts && !covered; f++) covered = ebi_font_has_char(ebi_fontset_font(fonts, f), cp);
        if (!covered) return cp;
    }
    return 0;
}
