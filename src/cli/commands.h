/* The subcommands of the evbrief command line. Each takes the arguments after
 * the global options, with argv[0] naming the subcommand, and returns one of
 * the documented exit codes. */
#ifndef EVBRIEF_CLI_COMMANDS_H
#define EVBRIEF_CLI_COMMANDS_H

/* Exit codes, documented in README.md and `evbrief --help`. */
enum {
    EB_EXIT_OK = 0,
    EB_EXIT_INPUT = 1,  /* an input file is invalid */
    EB_EXIT_USAGE = 2,  /* the command line is wrong */
    EB_EXIT_IO = 3      /* I/O or internal error */
};

int ebi_cmd_validate(int argc, char **argv);
int ebi_cmd_list(int argc, char **argv);
int ebi_cmd_sample(int argc, char **argv);
int ebi_cmd_build(int argc, char **argv);
int ebi_cmd_check(int argc, char **argv);
int ebi_cmd_manifest(int argc, char **argv);

#endif
