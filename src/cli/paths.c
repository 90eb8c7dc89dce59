/* realpath is XSI, beyond the POSIX base the build asks for */
#define _XOPEN_SOURCE 700

#include "paths.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options.h"
#include "util.h"

static bool is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool holds_inputs(const char *dir) {
    char *probe = eb_xasprintf("%s/inputs/indications.json", dir);
    bool yes = is_file(probe);
    free(probe);
    return yes;
}

/* Drops the last component of an absolute path in place; false at "/". */
static bool parent(char *dir) {
    char *slash = strrchr(dir, '/');
    if (!slash || (slash == dir && dir[1] == '\0')) return false;
    if (slash == dir) slash[1] = '\0';
    else *slash = '\0';
    return true;
}

char *ebi_find_inputs(const char *command, const char *given) {
    if (given) return eb_xstrdup(given);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) {
        ebi_cli_error(command, "cannot read the current directory: %s", strerror(errno));
        return NULL;
    }
    char dir[PATH_MAX];
    memcpy(dir, cwd, sizeof dir);
    do {
        if (!holds_inputs(dir)) continue;
        if (strcmp(dir, cwd) == 0) return eb_xstrdup("inputs");
        return eb_xasprintf("%s/inputs", strcmp(dir, "/") ? dir : "");
    } while (parent(dir));
    ebi_cli_error(command, "no inputs/indications.json in %s or any directory above it; "
                 "name the inputs with --inputs DIR", cwd);
    return NULL;
}

char *ebi_default_out(const char *given_inputs, const char *inputs) {
    if (given_inputs) return eb_xstrdup("out");
    char *dir = eb_xstrdup(inputs);
    char *slash = strrchr(dir, '/');
    char *out = slash ? eb_xasprintf("%.*s/out", (int)(slash - dir), dir) : eb_xstrdup("out");
    free(dir);
    return out;
}

/* realpath's result is malloc'd outside the eb_x family: copy it into one. */
static char *owned_copy(char *s) {
    char *copy = eb_xstrdup(s);
    free(s);
    return copy;
}

/* BINDIR/relative when it holds a fonts.json, as a real path (it is shown
 * on the first line: without a bin/.. detour). */
static char *fonts_at(const char *bindir, const char *relative) {
    char *fonts = eb_xasprintf("%s/%s", bindir, relative);
    char *probe = eb_xasprintf("%s/fonts.json", fonts);
    bool found = is_file(probe);
    free(probe);
    char *real = found ? realpath(fonts, NULL) : NULL;
    free(fonts);
    return real ? owned_copy(real) : NULL;
}

/* Both places are relative to the binary, so that neither an installed
 * evbrief nor a build tree depends on where it was built: DATADIR/evbrief/fonts
 * of an installed binary (BINDIR/EVBRIEF_DATA_FROM_BIN, set by CMake from the
 * install directories), else fonts/ beside the binary, where CMake copies
 * them in a build tree. When neither holds the fonts, the installed place,
 * so that the error names where they were expected. */
char *ebi_find_fonts(const char *given) {
    if (given) return eb_xstrdup(given);
    char bindir[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", bindir, sizeof bindir - 1);
    if (n <= 0) return eb_xstrdup("fonts");
    bindir[n] = '\0';
    parent(bindir);
    char *found = fonts_at(bindir, EVBRIEF_DATA_FROM_BIN "/fonts");
    if (!found) found = fonts_at(bindir, "fonts");
    return found ? found : eb_xasprintf("%s/%s/fonts", bindir, EVBRIEF_DATA_FROM_BIN);
}

static bool make_one(const char *command, const char *dir) {
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode)) return true;
        ebi_cli_error(command, "%s exists and is not a directory", dir);
        return false;
    }
    if (mkdir(dir, 0777) == 0 || errno == EEXIST) return true;
    ebi_cli_error(command, "cannot create %s: %s", dir, strerror(errno));
    return false;
}

bool ebi_make_directories(const char *command, const char *dir) {
    char *path = eb_xstrdup(dir);
    bool ok = true;
    /* each prefix ending before a '/', then the whole path */
    for (char *p = path + 1; ok && *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        ok = make_one(command, path);
        *p = '/';
    }
    if (ok) ok = make_one(command, path);
    free(path);
    return ok;
}

bool ebi_make_parent_directories(const char *command, const char *file) {
    const char *slash = strrchr(file, '/');
    if (!slash || slash == file) return true;
    char *dir = eb_xstrndup(file, (size_t)(slash - file));
    bool ok = ebi_make_directories(command, dir);
    free(dir);
    return ok;
}

void ebi_print_paths(const char *inputs, const char *fonts, const char *out) {
    const char *sep = "";
    if (inputs) printf("inputs: %s", inputs), sep = "  ";
    if (fonts) printf("%sfonts: %s", sep, fonts), sep = "  ";
    if (out) printf("%sout: %s", sep, out);
    putchar('\n');
    fflush(stdout);
}
