#include <stdio.h>

int main(void) {
    puts("evbrief " EVBRIEF_VERSION);
    return 0;
}
