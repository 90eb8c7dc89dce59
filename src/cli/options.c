#include "options.h"

#include "compose.h"
#include "layout.h"
#include "load.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

eb_diag *ebi_cli_diag(const char *command) {
    eb_diag *diag = eb_diag_create(stderr);
    char *program = command ? eb_xasprintf("evbrief %s", command) : eb_xstrdup("evbrief");
    eb_diag_set_program(diag, program);
    free(program);
    return diag;
}

void ebi_cli_error(const char *command, const char *fmt, ...) {
    eb_diag *diag = ebi_cli_diag(command);
    va_list args;
    va_start(args, fmt);
    eb_diag_vreport(diag, EB_ERROR, (eb_location){0}, fmt, args);
    va_end(args);
    eb_diag_destroy(diag);
}

static const eb_option *find_option(const eb_option *options, const char *arg, size_t len) {
    for (const eb_option *o = options; o->name; o++)
        if (strlen(o->name) == len && strncmp(o->name, arg, len) == 0) return o;
    return NULL;
}

bool ebi_parse_options(int argc, char **argv, const eb_option *options, bool *help) {
    return ebi_parse_options_args(argc, argv, options, help, NULL, NULL);
}

bool ebi_parse_options_args(int argc, char **argv, const eb_option *options, bool *help, char **args,
                           size_t *nargs) {
    *help = false;
    if (nargs) *nargs = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            *help = true;
            continue;
        }
        if (args && (arg[0] != '-' || strcmp(arg, "-") == 0)) {
            args[(*nargs)++] = argv[i];
            continue;
        }
        const char *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
        const eb_option *o = strncmp(arg, "--", 2) == 0 ? find_option(options, arg, len) : NULL;
        if (!o) {
            ebi_cli_error(argv[0], "unknown option or argument \"%s\"", arg);
            return false;
        }
        if (!o->takes_value) {
            if (eq) {
                ebi_cli_error(argv[0], "%s takes no value", o->name);
                return false;
            }
            *o->flag = true;
        } else if (eq) {
            *o->value = eq + 1;
        } else if (i + 1 < argc) {
            *o->value = argv[++i];
        } else {
            ebi_cli_error(argv[0], "%s needs a value", o->name);
            return false;
        }
    }
    return true;
}

unsigned ebi_rendering_langs(const char *locale_name) {
    eb_locale locale;
    if (!locale_name || !eb_locale_from_name(locale_name, &locale)) return EB_ALL_LANGS;
    return EB_LANG_BIT(eb_locale_lang(locale));
}

static uint32_t next_uncovered(void *fonts, const char *text, size_t len, size_t *pos) {
    return eb_fontset_next_uncovered(fonts, text, len, pos);
}

eb_text_check ebi_glyph_check(eb_fontset *fonts, bool allow_missing) {
    return (eb_text_check){next_uncovered, fonts, "no font in the fonts directory has it", !allow_missing};
}

eb_fontset *ebi_fonts_open(const char *dir, eb_font_list *list, eb_diag *diag) {
    return eb_font_list_load(dir, list, diag) ? eb_fontset_create(list, diag) : NULL;
}

bool ebi_diag_format_option(const char *command, const char *name, eb_diag_format *format) {
    *format = EB_DIAG_TEXT;
    if (!name || eb_diag_format_from_name(name, format)) return true;
    ebi_cli_error(command, "unknown diagnostic format \"%s\" (text or github)", name);
    return false;
}

void ebi_print_json_report(eb_json *report, const eb_diag *diag) {
    eb_json_set(report, "diagnostics", eb_json_diagnostics(diag));
    char *text = eb_json_print(report, true);
    printf("%s\n", text);
    free(text);
    eb_json_destroy(report);
}
