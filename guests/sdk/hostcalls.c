/* Time, entropy and host identity calls (see hostcalls.h). */
#include "hostcalls.h"

#define SEED_OPST_SHIFT 30
#define SEED_OPST_BIST  0u
#define SEED_OPST_WAIT  1u
#define SEED_OPST_ES16  2u
#define SEED_OPST_DEAD  3u
#define SEED_MAX_TRIES  100000u

uint64_t time_now(void)
{
    uint32_t hi, lo;
    do {
        hi = csr_read(timeh);
        lo = csr_read(time);
    } while (hi != csr_read(timeh));
    return ((uint64_t)hi << 32) | lo;
}

int32_t entropy16(void)
{
    for (uint32_t tries = 0; tries < SEED_MAX_TRIES; tries++) {
        uint32_t v;
        if (!csr_try_read_seed(&v))
            return -1;                  /* no seed CSR */
        switch (v >> SEED_OPST_SHIFT) {
        case SEED_OPST_ES16:
            return (int32_t)(v & 0xFFFFu);
        case SEED_OPST_DEAD:
            return -1;
        default:                        /* BIST or WAIT: try again */
            break;
        }
    }
    return -1;
}

uint32_t entropy32(int *ok)
{
    int32_t hi = entropy16();
    int32_t lo = hi < 0 ? -1 : entropy16();
    if (ok)
        *ok = lo >= 0;
    if (lo < 0)
        return 0;
    return ((uint32_t)hi << 16) | (uint32_t)lo;
}

uint32_t host_identity(void)
{
    uint32_t v;
    return csr_try_read_host_identity(&v) ? v : 0;
}

int host_identity_present(void)
{
    uint32_t v;
    return csr_try_read_host_identity(&v);
}
