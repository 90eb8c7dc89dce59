/* fonts.json, read once for the whole program: the fontset opens what is
 * read here (layout, eb_fontset_create) and the build pins the hashes in its
 * keys (cli/jobs.c). CMake reads the file too, at configure time, to copy
 * and check the font files (cmake/Fonts.cmake). The format is in
 * docs/text-engine.md, "fonts.json". */
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "load.h"

/* FreeType takes a collection's face index from the low 16 bits of its
 * argument (the high bits choose a variation instance). */
#define MAX_FACE_INDEX 65535

static const char *const roles[] = {"latin-serif", "latin-sans", "arabic", "cjk"};
static const char *const weights[] = {"regular", "bold"};

static bool is_sha256(const char *s) {
    size_t n = strspn(s, "0123456789abcdef");
    return n == 64 && s[n] == '\0';
}

/* A value of a member the reader has checked is a string, refused for
 * `why` (a second, format-specific check). */
static void refuse(eb_reader *r, const cJSON *obj, const char *name, const char *why) {
    size_t mark = ebi_path_push_key(r, name);
    ebi_reader_error(r, cJSON_GetObjectItemCaseSensitive(obj, name), false, "%s", why);
    ebi_path_pop(r, mark);
}

/* One entry into e; false after reporting each of its problems. */
static bool read_entry(eb_reader *r, const cJSON *entry, eb_font_entry *e) {
    static const char *const allowed[] = {"role", "weight", "file", "face", "package", "source", "sha256", NULL};
    static const char *const required[] = {"role", "weight", "file", "face", NULL};
    size_t before = r->errors;
    if (!ebi_read_object(r, entry, allowed, required)) return false;
    int role = -1, weight = -1, face = -1;
    const char *file = NULL, *sha = NULL, *ignored = NULL;
    ebi_read_enum(r, entry, "role", roles, 4, &role);
    ebi_read_enum(r, entry, "weight", weights, 2, &weight);
    ebi_read_int(r, entry, "face", 0, MAX_FACE_INDEX, &face);
    ebi_read_string(r, entry, "package", 200, &ignored);
    ebi_read_string(r, entry, "source", 4096, &ignored);
    if (ebi_read_string(r, entry, "file", 255, &file) && file &&
        (strchr(file, '/') || strcmp(file, ".") == 0 || strcmp(file, "..") == 0))
        refuse(r, entry, "file", "expected a file name inside the fonts directory, without '/'");
    if (ebi_read_string(r, entry, "sha256", 64, &sha) && sha && !is_sha256(sha))
        refuse(r, entry, "sha256", "expected a SHA-256: 64 lower-case hex digits");
    if (r->errors != before) return false;
    *e = (eb_font_entry){.role = eb_xstrdup(roles[role]), .bold = weight == 1, .file = eb_xstrdup(file),
                         .face = (unsigned)face};
    if (sha) memcpy(e->sha256, sha, 65);
    return true;
}

static bool read_list(eb_json_doc *doc, eb_font_list *out, eb_diag *diag) {
    static const char *const allowed[] = {"comment", "fonts", NULL};
    static const char *const required[] = {"fonts", NULL};
    eb_arena *arena = eb_arena_create();
    eb_reader r;
    ebi_reader_init(&r, doc, diag, arena);
    r.format_doc = "docs/text-engine.md";
    size_t n = 0;
    const char *ignored = NULL;
    const cJSON *entry = NULL;
    if (ebi_read_object(&r, doc->root, allowed, required)) {
        ebi_read_string(&r, doc->root, "comment", EB_LONG_STRING, &ignored);
        entry = ebi_read_array(&r, doc->root, "fonts", 1, EB_MAX_FONTS, &n);
    }
    out->entries = eb_xcalloc(n + 1, sizeof *out->entries);
    size_t mark = ebi_path_push_key(&r, "fonts");
    /* every entry is checked, so that one run reports every problem */
    for (size_t i = 0; entry; entry = entry->next, i++) {
        size_t m = ebi_path_push_index(&r, i);
        if (read_entry(&r, entry, &out->entries[out->n])) out->n++;
        ebi_path_pop(&r, m);
    }
    ebi_path_pop(&r, mark);
    bool ok = r.errors == 0 && doc->errors == 0;
    ebi_reader_destroy(&r);
    eb_arena_destroy(arena);
    return ok;
}

/* The list of a parsed (or unparsable) document; frees the document. */
static bool finish(eb_json_doc *doc, bool parsed, eb_font_list *out, eb_diag *diag) {
    bool ok = parsed && read_list(doc, out, diag);
    ebi_json_doc_destroy(doc);
    if (!ok) eb_font_list_destroy(out);
    return ok;
}

bool eb_font_list_load_buffer(const char *fonts_dir, const char *file, const char *data, size_t len,
                              eb_font_list *out, eb_diag *diag) {
    *out = (eb_font_list){.dir = eb_xstrdup(fonts_dir), .path = eb_xstrdup(file)};
    eb_json_doc doc;
    return finish(&doc, ebi_json_doc_parse(&doc, out->path, data, len, diag), out, diag);
}

bool eb_font_list_load(const char *fonts_dir, eb_font_list *out, eb_diag *diag) {
    *out = (eb_font_list){.dir = eb_xstrdup(fonts_dir), .path = eb_xasprintf("%s/fonts.json", fonts_dir)};
    eb_json_doc doc;
    bool io_error = false;
    return finish(&doc, ebi_json_doc_load(&doc, out->path, diag, &io_error), out, diag);
}
