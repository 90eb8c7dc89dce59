/* Fuzz target: fonts/fonts.json, read by the load stage into the plain
 * eb_font_list that layout opens and the build keys hash. The input is the
 * bytes of a fonts.json, read with eb_font_list_load_buffer: JSON syntax,
 * the typed reader (a face index such as 1e10 once overflowed an unsigned
 * under UBSan), roles, weights, file names, hashes. A list the loader
 * accepts must be one layout can take: 1 to EB_MAX_FONTS entries, each a
 * known role, a plain file name, a face in range, a hash empty or of 64
 * hex digits. A refused one says why and hands back nothing.
 * Seeds: tests/fuzz/corpus/fonts/. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool fonts_known_role(const char *role) {
    static const char *const roles[] = {"latin-serif", "latin-sans", "arabic", "cjk"};
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (strcmp(role, roles[i]) == 0) return true;
    return false;
}

static void fonts_check_entry(const eb_font_entry *e) {
    FUZZ_ASSERT(e->role && fonts_known_role(e->role));
    FUZZ_ASSERT(e->file && *e->file && !strchr(e->file, '/') && strcmp(e->file, "..") != 0);
    FUZZ_ASSERT(e->face <= 65535);
    size_t hex = strspn(e->sha256, "0123456789abcdef");
    FUZZ_ASSERT((hex == 0 || hex == 64) && e->sha256[hex] == '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    eb_diag *diag = eb_diag_create(NULL);
    eb_font_list list;
    bool ok = eb_font_list_load_buffer("fonts", "fonts/fonts.json", (const char *)data, size, &list, diag);
    if (ok) {
        FUZZ_ASSERT(eb_diag_count(diag, EB_ERROR) == 0);
        FUZZ_ASSERT(list.n >= 1 && list.n <= EB_MAX_FONTS && list.entries);
        for (size_t i = 0; i < list.n; i++) fonts_check_entry(&list.entries[i]);
    } else {
        FUZZ_ASSERT(eb_diag_count(diag, EB_ERROR) > 0);
        FUZZ_ASSERT(list.n == 0);
    }
    eb_font_list_destroy(&list);
    eb_diag_destroy(diag);
    return 0;
}
