/* Smallest possible guest: one line on the console, then pass. */
#include "tandem.h"

int main(void)
{
    printf("Hello from Tandem guest (RV32IMA)\n");
    return 0;
}
