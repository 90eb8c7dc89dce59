/* evbrief: typeset evidence briefs from structured review summaries.
 * This file only dispatches to the subcommands (commands.h). */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "options.h"

static const char usage[] =
    "usage: evbrief [--help] [--version] <command> [options]\n"
    "\n"
    "Commands:\n"
    "  validate  check every input file and report all problems\n"
    "  list      show the indications and the reviews and findings that feed each\n"
    "  build     write every brief (one per indication and locale) into out/\n"
    "  check     list the briefs in out/ that are missing or stale (CI gate)\n"
    "  manifest merge  join the manifests of a sharded build\n"
    "  sample    write a one-page typesetting sample (Persian, Chinese, English)\n"
    "\n"
    "  help CMD  describe a command (as evbrief CMD --help)\n"
    "\n"
    "Common options:\n"
    "  --inputs DIR   the inputs directory (default: ./inputs, or the nearest\n"
    "                 inputs/ above the current directory)\n"
    "  --json         (validate, list, check, build) a JSON report on stdout,\n"
    "                 with every diagnostic\n"
    "  --diagnostic-format text|github  how problems are printed\n"
    "\n"
    "Exit codes:\n"
    "  0  success\n"
    "  1  an input file is invalid (every problem is reported as file:line:column)\n"
    "  2  usage error (unknown command or option)\n"
    "  3  I/O or internal error (unreadable file, unwritable output)\n"
    "\n"
    "`evbrief <command> --help` describes a command.\n";

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
} command;

static const command commands[] = {
    {"validate", ebi_cmd_validate},
    {"list", ebi_cmd_list},
    {"sample", ebi_cmd_sample},
    {"build", ebi_cmd_build},
    {"check", ebi_cmd_check},
    {"manifest", ebi_cmd_manifest},
};

static const command *find_command(const char *name) {
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(name, commands[i].name) == 0) return &commands[i];
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs(usage, stderr);
        return EB_EXIT_USAGE;
    }
    if (strcmp(argv[1], "help") == 0 && argc > 2) {
        /* `evbrief help CMD` is `evbrief CMD --help` */
        const command *c = find_command(argv[2]);
        if (!c) {
            ebi_cli_error(NULL, "unknown command \"%s\"", argv[2]);
            fprintf(stderr, "\n%s", usage);
            return EB_EXIT_USAGE;
        }
        char *help_argv[] = {argv[2], argc > 3 ? argv[3] : "--help", argc > 3 ? "--help" : NULL, NULL};
        return c->run(argc > 3 ? 3 : 2, help_argv);
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(usage, stdout);
        return EB_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("evbrief %s\n", EVBRIEF_VERSION);
        return EB_EXIT_OK;
    }
    const command *c = find_command(argv[1]);
    if (c) return c->run(argc - 1, argv + 1);
    ebi_cli_error(NULL, "unknown command \"%s\"", argv[1]);
    fprintf(stderr, "\n%s", usage);
    return EB_EXIT_USAGE;
}
