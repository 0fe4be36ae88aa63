/* Exercises the finisher's fail path: the host must see exit code 3. */
#include "tandem.h"

int main(void)
{
    printf("exitcode: exiting with code 3\n");
    return 3;
}
