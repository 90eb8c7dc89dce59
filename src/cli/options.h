/* A small, strict option parser shared by the subcommands: every option is
 * "--name VALUE", "--name=VALUE" or a flag; anything unknown is a usage error. */
#ifndef EVBRIEF_CLI_OPTIONS_H
#define EVBRIEF_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "json_out.h"
#include "load.h"

typedef struct {
    const char *name;     /* "--inputs" */
    bool takes_value;
    const char **value;   /* where a value goes */
    bool *flag;           /* where a flag goes */
} eb_option;

/* Parses argv[1..argc-1] (argv[0] is the command name). Returns false after
 * printing a usage message naming the problem; *help is set for --help. */
bool ebi_parse_options(int argc, char **argv, const eb_option *options, bool *help);
/* The same, collecting the arguments that are not options (a lone "-"
 * among them) into args, an array of at least argc pointers. */
bool ebi_parse_options_args(int argc, char **argv, const eb_option *options, bool *help, char **args,
                           size_t *nargs);

/* The languages whose renderings a load must require (load.h) for the
 * briefs of --locale NAME, or of every locale when name is NULL. */
unsigned ebi_rendering_langs(const char *locale_name);

/* The load check (load.h) that every character of every string is in one
 * of the fonts: an error, or a warning with --allow-missing-glyphs. */
typedef struct eb_fontset eb_fontset;
eb_text_check ebi_glyph_check(eb_fontset *fonts, bool allow_missing);

/* DIR/fonts.json read by the load stage into *list (the caller frees it,
 * also on failure), then its fonts opened by layout; NULL after reporting
 * why through diag. */
eb_fontset *ebi_fonts_open(const char *dir, eb_font_list *list, eb_diag *diag);

/* Prints a command's --json report on stdout, with every diagnostic of
 * diag as its "diagnostics" member; frees the report. */
void ebi_print_json_report(eb_json *report, const eb_diag *diag);

/* A problem of the command line itself (an option, a value, the output
 * folder), reported through a sink of its own on stderr, since the options
 * that choose another format may not be read yet:
 *     evbrief build: error: unknown paper "b5" (a4 or letter)
 * command is argv[0] of the subcommand, or NULL for evbrief itself. */
void ebi_cli_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A sink on stderr that names problems without a file after the command. */
eb_diag *ebi_cli_diag(const char *command);

/* --diagnostic-format NAME (NULL: text). False after saying why. */
bool ebi_diag_format_option(const char *command, const char *name, eb_diag_format *format);

#endif
