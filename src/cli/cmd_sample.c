/* Placeholder until the PDF stage lands: reports plainly that it is missing. */
#include <stdio.h>

#include "commands.h"

int eb_cmd_sample(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "evbrief sample: the PDF stage is not built yet\n");
    return EB_EXIT_IO;
}
