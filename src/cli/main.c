/* evbrief: typeset evidence briefs from structured review summaries.
 * This file only dispatches to the subcommands (commands.h). */
#include <stdio.h>
#include <string.h>

#include "commands.h"

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
    "Options of validate and list:\n"
    "  --inputs DIR   the inputs directory (default: the source tree's inputs/)\n"
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
    {"validate", eb_cmd_validate},
    {"list", eb_cmd_list},
    {"sample", eb_cmd_sample},
    {"build", eb_cmd_build},
    {"check", eb_cmd_check},
    {"manifest", eb_cmd_manifest},
};

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs(usage, stderr);
        return EB_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(usage, stdout);
        return EB_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("evbrief %s\n", EVBRIEF_VERSION);
        return EB_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "evbrief: unknown command \"%s\"\n\n%s", argv[1], usage);
    return EB_EXIT_USAGE;
}
