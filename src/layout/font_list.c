/* fonts.json, read in one place for the fontset (fonts.c) and the build's
 * keys (cli/jobs.c). CMake reads it too, at configure time, to copy and
 * check the files (cmake/Fonts.cmake). See layout.h. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "layout_internal.h"
#include "util.h"

/* FreeType takes a collection's face index from the low 16 bits of its
 * argument (the high bits choose a variation instance). */
#define MAX_FACE_INDEX 65535

static const char *const roles[] = {"latin-serif", "latin-sans", "arabic", "cjk"};

static bool known_role(const cJSON *role) {
    for (size_t r = 0; cJSON_IsString(role) && r < sizeof roles / sizeof *roles; r++)
        if (strcmp(role->valuestring, roles[r]) == 0) return true;
    return false;
}

/* Checked before any cast: a double beyond unsigned's range (1e10) made
 * the cast undefined. */
static bool face_index_ok(double face) {
    return face >= 0 && face <= MAX_FACE_INDEX && face == (double)(unsigned)face;
}

static bool is_sha256(const char *s) {
    size_t n = strspn(s, "0123456789abcdef");
    return n == 64 && s[n] == '\0';
}

/* The entry's members, each checked, into e; false after reporting. */
static bool read_entry(const cJSON *entry, eb_font_entry *e, const char *file_name, size_t i,
                       eb_diag *diag) {
    const cJSON *role = cJSON_GetObjectItemCaseSensitive(entry, "role");
    const cJSON *weight = cJSON_GetObjectItemCaseSensitive(entry, "weight");
    const cJSON *file = cJSON_GetObjectItemCaseSensitive(entry, "file");
    const cJSON *face = cJSON_GetObjectItemCaseSensitive(entry, "face");
    const cJSON *sha = cJSON_GetObjectItemCaseSensitive(entry, "sha256");
    char path[40];
    snprintf(path, sizeof path, "$.fonts[%zu]", i);
    eb_location where = {.file = file_name, .path = path};
    if (!known_role(role) || !cJSON_IsString(weight) || !cJSON_IsString(file) ||
        !cJSON_IsNumber(face) || strchr(file->valuestring, '/')) {
        eb_diag_report(diag, EB_ERROR, where,
                       "expected role (latin-serif, latin-sans, arabic, cjk), weight, "
                       "file (a name inside the fonts directory) and face");
        return false;
    }
    if (!face_index_ok(face->valuedouble)) {
        snprintf(path, sizeof path, "$.fonts[%zu].face", i);
        eb_diag_report(diag, EB_ERROR, where,
                       "expected a face index, a whole number from 0 to %d, found %g",
                       MAX_FACE_INDEX, face->valuedouble);
        return false;
    }
    if (sha && !(cJSON_IsString(sha) && is_sha256(sha->valuestring))) {
        snprintf(path, sizeof path, "$.fonts[%zu].sha256", i);
        eb_diag_report(diag, EB_ERROR, where, "expected a SHA-256: 64 lower-case hex digits");
        return false;
    }
    *e = (eb_font_entry){.role = eb_xstrdup(role->valuestring),
                         .bold = strcmp(weight->valuestring, "bold") == 0,
                         .file = eb_xstrdup(file->valuestring),
                         .face = (unsigned)face->valuedouble};
    if (sha) memcpy(e->sha256, sha->valuestring, 65);
    return true;
}

static bool read_entries(const cJSON *list, eb_font_list *out, eb_diag *diag) {
    out->entries = eb_xcalloc((size_t)cJSON_GetArraySize(list), sizeof *out->entries);
    bool ok = true;
    size_t i = 0;
    const cJSON *entry;
    cJSON_ArrayForEach(entry, list) {
        /* every entry is checked, so that one run reports every problem */
        if (read_entry(entry, &out->entries[out->n], out->path, i++, diag))
            out->n++;
        else
            ok = false;
    }
    return ok;
}

bool eb_font_list_read(const char *fonts_dir, eb_font_list *out, eb_diag *diag) {
    *out = (eb_font_list){.path = eb_xasprintf("%s/fonts.json", fonts_dir)};
    char *data = NULL;
    size_t len;
    const char *error;
    if (!eb_read_file(out->path, 1 << 20, &data, &len, &error)) {
        eb_diag_report(diag, EB_ERROR, (eb_location){.file = out->path}, "%s", error);
        eb_font_list_free(out);
        return false;
    }
    cJSON *root = cJSON_ParseWithLength(data, len);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "fonts");
    bool ok = cJSON_IsArray(list) && cJSON_GetArraySize(list) > 0 &&
              cJSON_GetArraySize(list) <= EB_MAX_FONTS;
    if (!ok)
        eb_diag_report(diag, EB_ERROR, (eb_location){.file = out->path, .path = "$.fonts"},
                       "expected a JSON object with a list of 1 to %d fonts", EB_MAX_FONTS);
    ok = ok && read_entries(list, out, diag);
    cJSON_Delete(root);
    free(data);
    if (!ok) eb_font_list_free(out);
    return ok;
}

void eb_font_list_free(eb_font_list *list) {
    for (size_t i = 0; i < list->n; i++) {
        free(list->entries[i].role);
        free(list->entries[i].file);
    }
    free(list->entries);
    free(list->path);
    *list = (eb_font_list){0};
}
