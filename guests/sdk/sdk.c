/* Finisher, CLINT, PLIC, default trap handler and small libc pieces. */
#include "tandem.h"

/* ---- Exit ------------------------------------------------------------- */
#define FINISHER_PASS 0x5555u
#define FINISHER_FAIL 0x3333u

void exit(int code)
{
    if (code == 0)
        mmio_write32(FINISHER_BASE, FINISHER_PASS);
    else
        mmio_write32(FINISHER_BASE, ((uint32_t)code << 16) | FINISHER_FAIL);
    /* The finisher stops the machine; spin in case it did not. */
    for (;;)
        wfi();
}

/* ---- CLINT ------------------------------------------------------------ */
uint64_t clint_mtime(void)
{
    /* Re-read the high word so a carry between the two reads is seen. */
    uint32_t hi, lo;
    do {
        hi = mmio_read32(CLINT_MTIME + 4);
        lo = mmio_read32(CLINT_MTIME);
    } while (hi != mmio_read32(CLINT_MTIME + 4));
    return ((uint64_t)hi << 32) | lo;
}

void clint_set_mtimecmp(uint64_t when)
{
    /* Raise the high word first so no intermediate value of the 64-bit
       compare register is below mtime and fires a spurious interrupt. */
    mmio_write32(CLINT_MTIMECMP + 4, 0xFFFFFFFFu);
    mmio_write32(CLINT_MTIMECMP, (uint32_t)when);
    mmio_write32(CLINT_MTIMECMP + 4, (uint32_t)(when >> 32));
}

void clint_disable_timer(void)
{
    mmio_write32(CLINT_MTIMECMP + 4, 0xFFFFFFFFu);
    mmio_write32(CLINT_MTIMECMP, 0xFFFFFFFFu);
}

void clint_set_msip(int on)
{
    mmio_write32(CLINT_MSIP, on ? 1u : 0u);
}

/* ---- PLIC ------------------------------------------------------------- */
#define PLIC_PRIORITY   (PLIC_BASE + 0x000000u)
#define PLIC_PENDING    (PLIC_BASE + 0x001000u)
#define PLIC_ENABLE0    (PLIC_BASE + 0x002000u)
#define PLIC_THRESHOLD0 (PLIC_BASE + 0x200000u)
#define PLIC_CLAIM0     (PLIC_BASE + 0x200004u)

void plic_set_priority(uint32_t irq, uint32_t prio)
{
    mmio_write32(PLIC_PRIORITY + 4 * irq, prio);
}

void plic_enable(uint32_t irq, int on)
{
    uint32_t addr = PLIC_ENABLE0 + 4 * (irq / 32);
    uint32_t bit = 1u << (irq % 32);
    uint32_t v = mmio_read32(addr);
    mmio_write32(addr, on ? (v | bit) : (v & ~bit));
}

void plic_set_threshold(uint32_t t)
{
    mmio_write32(PLIC_THRESHOLD0, t);
}

uint32_t plic_claim(void)
{
    return mmio_read32(PLIC_CLAIM0);
}

void plic_complete(uint32_t irq)
{
    mmio_write32(PLIC_CLAIM0, irq);
}

/* ---- Default trap handler --------------------------------------------- */
__attribute__((weak))
uint32_t trap_handler(uint32_t mcause, uint32_t mepc, uint32_t mtval,
                      struct trap_frame *f)
{
    (void)f;
    printf("unexpected trap: mcause=0x%08x mepc=0x%08x mtval=0x%08x\n",
           mcause, mepc, mtval);
    exit(99);
}

/* ---- libc pieces (GCC may emit calls to memset/memcpy itself) --------- */
void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--)
        *d++ = *s++;
    return dst;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

uint64_t udiv64(uint64_t n, uint64_t d, uint64_t *rem)
{
    uint64_t q = 0, r = 0;
    if (d == 0) {               /* mirror the RISC-V DIVU convention */
        if (rem)
            *rem = n;
        return ~0ull;
    }
    for (int i = 63; i >= 0; i--) {
        r = (r << 1) | ((n >> i) & 1);
        if (r >= d) {
            r -= d;
            q |= 1ull << i;
        }
    }
    if (rem)
        *rem = r;
    return q;
}
