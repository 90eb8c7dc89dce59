/* Reads the optional inputs/brand.json: a clinic's name, logo, contact
 * line, disclaimer, PDF author and keywords (docs/input-format.md). The
 * logo is decoded here, with libpng, so that a broken image is a
 * diagnostic at its place in brand.json and not a failed build later. */
#include "brand.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fields.h"
#include "json_source.h"

/* A logo is a few hundred pixels wide; these bound what a wrong file
 * (a photograph, a poster) costs every brief that embeds it. */
#define MAX_LOGO_BYTES ((size_t)4 * 1024 * 1024)
#define MAX_LOGO_SIDE 4000
/* The name and the contact line are set on one line (the contact in the
 * footer of every page, 7.5 pt): a limit in characters keeps them there.
 * Mirrored in inputs/schema/brand.schema.json. */
#define MAX_LINE_CHARS 100

typedef struct {
    eb_reader r;
    const eb_corpus *corpus;
    eb_brand *brand;
    unsigned langs;        /* EB_LANG_BIT()s every text needs */
    const char *logo_dir;  /* where the logo's path starts: brand.json's folder */
} brand_reader;

/* A text of brand.json: a text object with the text in every language
 * built, as the briefs print it in theirs (there is no fallback: a clinic's
 * name or disclaimer in another language than the brief's would be the
 * one text a reader cannot read). */
static void check_line(brand_reader *br, const cJSON *node, const eb_text *text, const char *what) {
    for (int l = 0; l < EB_LANG_COUNT; l++) {
        size_t chars = text->s[l] ? eb_utf8_count(text->s[l], strlen(text->s[l])) : 0;
        if (chars <= MAX_LINE_CHARS) continue;
        size_t mark = ebi_path_push_key(&br->r, eb_lang_tag((eb_lang)l));
        ebi_reader_error(&br->r, cJSON_GetObjectItemCaseSensitive(node, eb_lang_tag((eb_lang)l)), false,
                        "%s of %zu characters is longer than the limit of %d: it is set on one line",
                        what, chars, MAX_LINE_CHARS);
        ebi_path_pop(&br->r, mark);
    }
}

static void read_branded_text(brand_reader *br, const cJSON *obj, const char *name, const char *what,
                              bool one_line, eb_text *out) {
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!node || !ebi_read_text(&br->r, obj, name, out)) return;
    if (one_line) {
        size_t m = ebi_path_push_key(&br->r, name);
        check_line(br, node, out, what);
        ebi_path_pop(&br->r, m);
    }
    unsigned has = 0;
    for (int l = 0; l < EB_LANG_COUNT; l++) has |= out->s[l] ? EB_LANG_BIT(l) : 0;
    unsigned missing = br->langs & ~has;
    if (!missing) return;
    eb_buf tags = {0}, briefs = {0};
    ebi_lang_list(missing, true, &tags);
    ebi_lang_list(missing, false, &briefs);
    size_t mark = ebi_path_push_key(&br->r, name);
    ebi_reader_error(&br->r, node, false, "missing %s: the %s briefs print %s in their own language",
                    eb_buf_cstr(&tags), eb_buf_cstr(&briefs), what);
    ebi_path_pop(&br->r, mark);
    eb_buf_destroy(&tags);
    eb_buf_destroy(&briefs);
}

/* ---- the logo ----------------------------------------------------------------- */

static bool has_suffix(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    if (n < m) return false;
    for (size_t i = 0; i < m; i++)
        if ((s[n - m + i] | 0x20) != suffix[i]) return false;
    return true;
}

/* A path inside the inputs folder: relative, with no ".." component, so
 * that the inputs are all a brief depends on (and all its key hashes). */
static bool inside_inputs(const char *path) {
    if (path[0] == '/' || strchr(path, '\\')) return false;
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, "/");
        if ((n == 2 && p[0] == '.' && p[1] == '.') || n == 0) return false;
        p += n;
        if (*p == '/') p++;
    }
    return true;
}

/* Why `path` cannot be the logo (before reading it), or NULL. */
static const char *unusable_logo_path(const char *path) {
    if (!inside_inputs(path))
        return "must be a path inside the inputs folder, relative to it and without \"..\"";
    if (has_suffix(path, ".svg") || has_suffix(path, ".svgz"))
        return "is an SVG image: evbrief embeds PNG only; export the logo as a PNG at print size "
               "(e.g. rsvg-convert -h 400 logo.svg -o logo.png; see docs/input-format.md)";
    if (!has_suffix(path, ".png")) return "must be a PNG image (a file name ending in .png)";
    return NULL;
}

/* Splits libpng's RGBA into the colour and, when any pixel is not opaque,
 * an alpha channel (the PDF stage writes it as a soft mask). */
static void split_alpha(eb_arena *arena, const uint8_t *rgba, size_t pixels, eb_image *out) {
    uint8_t *rgb = eb_arena_alloc(arena, pixels * 3), *alpha = eb_arena_alloc(arena, pixels);
    bool opaque = true;
    for (size_t i = 0; i < pixels; i++) {
        memcpy(rgb + 3 * i, rgba + 4 * i, 3);
        alpha[i] = rgba[4 * i + 3];
        opaque = opaque && alpha[i] == 255;
    }
    out->rgb = rgb;
    out->alpha = opaque ? NULL : alpha;
}

/* Decodes a PNG with libpng's simplified API into 8-bit sRGB with alpha
 * (palettes, grey, 16-bit samples and tRNS are converted by libpng).
 * Returns NULL, or why it failed (libpng's words). */
static char *decode_png(eb_arena *arena, const char *data, size_t len, eb_image *out) {
    png_image png;
    memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&png, data, len)) {
        char *why = eb_xasprintf("is not a valid PNG image (libpng: %s)", png.message);
        png_image_free(&png);
        return why;
    }
    if (png.width > MAX_LOGO_SIDE || png.height > MAX_LOGO_SIDE) {
        char *why = eb_xasprintf("is %u x %u pixels; a logo needs at most %d on a side (600 pixels "
                                 "print 5 cm wide at 300 dpi)", png.width, png.height, MAX_LOGO_SIDE);
        png_image_free(&png);
        return why;
    }
    png.format = PNG_FORMAT_RGBA;
    size_t pixels = (size_t)png.width * png.height;
    uint8_t *rgba = eb_xmalloc(pixels * 4);
    if (!png_image_finish_read(&png, NULL, rgba, 0, NULL)) {
        char *why = eb_xasprintf("is not a valid PNG image (libpng: %s)", png.message);
        png_image_free(&png);
        free(rgba);
        return why;
    }
    out->width = png.width;
    out->height = png.height;
    split_alpha(arena, rgba, pixels, out);
    free(rgba);
    return NULL;
}

static const char png_signature[8] = {'\x89', 'P', 'N', 'G', '\r', '\n', '\x1a', '\n'};

/* Reads and decodes the logo file; NULL, or why not (owned). */
static char *load_logo(brand_reader *br, const char *path, eb_image *out) {
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) return eb_xstrdup("is not a file");
    char *data = NULL;
    size_t len = 0;
    const char *error = NULL;
    if (!eb_read_file(path, MAX_LOGO_BYTES, &data, &len, &error))
        return strcmp(error, "file too large") == 0 ? eb_xstrdup("is larger than 4 MiB; a logo needs far less")
                                                    : eb_xasprintf("cannot be read: %s", error);
    char *why = NULL;
    if (len < sizeof png_signature || memcmp(data, png_signature, sizeof png_signature) != 0)
        why = eb_xstrdup("is not a PNG image (its first bytes are not the PNG signature)");
    else
        why = decode_png(br->r.arena, data, len, out);
    free(data);
    return why;
}

static void read_logo(brand_reader *br, const cJSON *root) {
    static const char *const fields[] = {"file", "alt", NULL};
    const cJSON *logo = cJSON_GetObjectItemCaseSensitive(root, "logo");
    if (!logo) return;
    size_t mark = ebi_path_push_key(&br->r, "logo");
    if (ebi_read_object(&br->r, logo, fields, fields)) {
        const char *file = NULL;
        ebi_read_string(&br->r, logo, "file", 1000, &file);
        read_branded_text(br, logo, "alt", "the logo's alternative text", false, &br->brand->logo_alt);
        const char *why = file ? unusable_logo_path(file) : NULL;
        char *problem = why ? eb_xstrdup(why) : NULL;
        if (file && !why) {
            char *path = eb_xasprintf("%s/%s", br->logo_dir, file);
            problem = load_logo(br, path, &br->brand->logo);
            free(path);
        }
        if (problem) {
            size_t m = ebi_path_push_key(&br->r, "file");
            ebi_reader_error(&br->r, cJSON_GetObjectItemCaseSensitive(logo, "file"), false, "the logo \"%s\" %s",
                            file, problem);
            ebi_path_pop(&br->r, m);
            free(problem);
        } else if (file) {
            br->brand->logo_file = file;
        }
    }
    ebi_path_pop(&br->r, mark);
}

/* ---- keywords -------------------------------------------------------------------- */

/* A member of "keywords" whose name is no indication id. */
static void unknown_indication(brand_reader *br, const cJSON *member, const char *const *ids) {
    size_t mark = ebi_path_push_key(&br->r, member->string);
    const char *hint = ebi_closest(member->string, ids, br->corpus->nindications);
    eb_buf name = {0};
    eb_buf_put_excerpt(&name, member->string, 64);
    if (hint)
        ebi_reader_error(&br->r, member, true, "unknown indication \"%s\"; did you mean \"%s\"?",
                        eb_buf_cstr(&name), hint);
    else
        ebi_reader_error(&br->r, member, true, "unknown indication \"%s\": the keys are indication ids of %s",
                        eb_buf_cstr(&name), br->corpus->indications_file);
    eb_buf_destroy(&name);
    ebi_path_pop(&br->r, mark);
}

static void read_keywords(brand_reader *br, const cJSON *root) {
    const eb_corpus *corpus = br->corpus;
    br->brand->keywords = eb_arena_array(br->r.arena, corpus->nindications + 1, sizeof *br->brand->keywords);
    const cJSON *node = cJSON_GetObjectItemCaseSensitive(root, "keywords");
    if (!node) return;
    const char **ids = eb_arena_array(br->r.arena, corpus->nindications + 1, sizeof *ids);
    for (size_t i = 0; i < corpus->nindications; i++) ids[i] = corpus->indications[i].id;
    static const char *const no_members[] = {NULL};
    size_t mark = ebi_path_push_key(&br->r, "keywords");
    if (!cJSON_IsObject(node)) {
        ebi_read_object(&br->r, node, no_members, NULL);  /* says what it found instead */
    } else {
        for (const cJSON *m = node->child; m; m = m->next) {
            long i = eb_corpus_find_indication(corpus, m->string);
            if (i < 0) unknown_indication(br, m, ids);
            else ebi_read_string_list(&br->r, node, m->string, 20, 100, &br->brand->keywords[i]);
        }
    }
    ebi_path_pop(&br->r, mark);
}

/* ---- the file ----------------------------------------------------------------------- */

static void read_brand(brand_reader *br, const cJSON *root) {
    static const char *const allowed[] = {"$schema", "organisation", "logo", "contact", "disclaimer",
                                          "author", "keywords", NULL};
    static const char *const required[] = {"organisation", NULL};
    if (!ebi_read_object(&br->r, root, allowed, required)) return;
    const char *schema = NULL;
    ebi_read_string(&br->r, root, "$schema", EB_SHORT_STRING, &schema);
    eb_brand *b = br->brand;
    read_branded_text(br, root, "organisation", "the organisation's name", true, &b->organisation);
    read_logo(br, root);
    read_branded_text(br, root, "contact", "the contact line", true, &b->contact);
    read_branded_text(br, root, "disclaimer", "the clinic's disclaimer", false, &b->disclaimer);
    ebi_read_string(&br->r, root, "author", 200, &b->author);
    read_keywords(br, root);
}

/* Reads a parsed brand.json into corpus->brand, its logo from logo_dir;
 * false after reporting. */
static bool read_brand_doc(eb_corpus *corpus, eb_json_doc *doc, const char *logo_dir, unsigned langs,
                           const eb_text_check *check, eb_diag *diag) {
    eb_brand *brand = eb_arena_alloc(corpus->arena, sizeof *brand);
    brand->file = doc->file;
    brand_reader br = {.corpus = corpus, .brand = brand, .langs = langs, .logo_dir = logo_dir};
    ebi_reader_init(&br.r, doc, diag, corpus->arena);
    br.r.check = check;
    read_brand(&br, doc->root);
    bool ok = br.r.errors == 0 && doc->errors == 0;
    ebi_reader_destroy(&br.r);
    if (ok) corpus->brand = brand;
    return ok;
}

bool eb_brand_load_buffer(eb_corpus *corpus, const char *file, const char *data, size_t len, eb_diag *diag) {
    const char *name = eb_arena_strdup(corpus->arena, file);
    eb_json_doc doc;
    bool ok = ebi_json_doc_parse(&doc, name, data, len, diag) &&
              read_brand_doc(corpus, &doc, corpus->inputs_dir, EB_ALL_LANGS, NULL, diag);
    ebi_json_doc_destroy(&doc);
    return ok;
}

bool ebi_brand_load_file(eb_corpus *corpus, const char *path, const eb_load_options *options, eb_diag *diag,
                        bool *io_error) {
    *io_error = false;
    const char *file = eb_arena_strdup(corpus->arena, path);
    const char *slash = strrchr(file, '/');
    const char *dir = slash ? eb_arena_strndup(corpus->arena, file, (size_t)(slash - file)) : ".";
    eb_json_doc doc;
    bool ok = ebi_json_doc_load(&doc, file, diag, io_error) &&
              read_brand_doc(corpus, &doc, dir, options->rendering_langs, options->check, diag);
    ebi_json_doc_destroy(&doc);
    return ok;
}

bool ebi_brand_load(eb_corpus *corpus, const eb_load_options *options, eb_diag *diag, bool *io_error) {
    *io_error = false;
    char *path = eb_xasprintf("%s/brand.json", corpus->inputs_dir);
    struct stat st;
    bool ok = stat(path, &st) != 0 ||  /* optional: no file, no brand */
              ebi_brand_load_file(corpus, path, options, diag, io_error);
    free(path);
    return ok;
}
