/*
 * Reads the machine's non-deterministic sources on a periodic timer
 * interrupt: TICKS ticks of PERIOD_MS ms (mtimecmp, WFI between ticks).
 * Each tick prints CLINT mtime, the `time` CSR, 16 bits from `seed`
 * ("none" when the CSR is missing) and the host identity (CSR 0xFC0; 0
 * where it does not exist). The output differs from run to run unless
 * those sources are replayed, which is its purpose.
 */
#include "tandem.h"
#include "hostcalls.h"

#define TICKS       5u
#define PERIOD_MS   10u
#define PERIOD      ((uint64_t)MTIME_HZ / 1000u * PERIOD_MS)

static volatile uint32_t ticks;
static uint64_t deadline;

uint32_t trap_handler(uint32_t mcause, uint32_t mepc, uint32_t mtval,
                      struct trap_frame *f)
{
    (void)f;
    if (mcause == (MCAUSE_INTR | IRQ_M_TIMER)) {
        ticks++;
        deadline += PERIOD;             /* periodic: no drift */
        if (ticks < TICKS)
            clint_set_mtimecmp(deadline);
        else
            clint_disable_timer();
        return mepc;
    }
    printf("clock: unexpected trap mcause=0x%08x mepc=0x%08x mtval=0x%08x\n",
           mcause, mepc, mtval);
    exit(99);
}

static void print64(const char *name, uint64_t v)
{
    printf(" %s=0x%08x%08x", name, (uint32_t)(v >> 32), (uint32_t)v);
}

int main(void)
{
    printf("clock: %u ticks of %u ms\n", TICKS, PERIOD_MS);

    deadline = clint_mtime() + PERIOD;
    clint_set_mtimecmp(deadline);
    csr_set(mie, MIP_MTIP);

    for (uint32_t i = 1; i <= TICKS; i++) {
        /* Check with interrupts off so a tick between the test and the
           WFI still wakes it; the interrupt is taken when MIE comes on. */
        for (;;) {
            csr_clear(mstatus, MSTATUS_MIE);
            uint32_t seen = ticks;
            if (seen >= i)
                break;
            wfi();
            csr_set(mstatus, MSTATUS_MIE);
        }
        csr_set(mstatus, MSTATUS_MIE);

        uint64_t mtime = clint_mtime();
        uint64_t time = time_now();
        int32_t seed = entropy16();
        uint32_t host = host_identity();
        printf("tick %u:", i);
        print64("mtime", mtime);
        print64("time", time);
        if (seed < 0)
            printf(" seed=none");
        else
            printf(" seed=0x%04x", (uint32_t)seed);
        printf(" host=0x%08x\n", host);
    }

    csr_clear(mie, MIP_MTIP);
    printf("clock: done\n");
    return 0;
}
