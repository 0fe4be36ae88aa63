/*
 * Tandem guest SDK: the few definitions bare-metal test programs need on
 * the QEMU "virt" machine map (RV32IMA, M and U modes).
 * No libc: everything here is freestanding and self-contained.
 */
#ifndef TANDEM_H
#define TANDEM_H

#include <stdarg.h>
#include <stdint.h>
#include <stddef.h>

/* ---- Machine map ------------------------------------------------------ */
#define RAM_BASE        0x80000000u
#define UART_BASE       0x10000000u     /* 16550 */
#define UART_IRQ        10u
#define FINISHER_BASE   0x00100000u     /* SiFive test finisher */
#define CLINT_BASE      0x02000000u
#define CLINT_MSIP      (CLINT_BASE + 0x0000u)
#define CLINT_MTIMECMP  (CLINT_BASE + 0x4000u)
#define CLINT_MTIME     (CLINT_BASE + 0xBFF8u)
#define MTIME_HZ        10000000u       /* mtime ticks at 10 MHz */
#define PLIC_BASE       0x0C000000u

/* ---- MMIO accessors --------------------------------------------------- */
static inline void mmio_write32(uint32_t addr, uint32_t v)
{
    *(volatile uint32_t *)(uintptr_t)addr = v;
}
static inline uint32_t mmio_read32(uint32_t addr)
{
    return *(volatile uint32_t *)(uintptr_t)addr;
}
static inline void mmio_write8(uint32_t addr, uint8_t v)
{
    *(volatile uint8_t *)(uintptr_t)addr = v;
}
static inline uint8_t mmio_read8(uint32_t addr)
{
    return *(volatile uint8_t *)(uintptr_t)addr;
}

/* ---- CSR access ------------------------------------------------------- */
/* The CSR name is pasted into the instruction, so it must be a literal
   name or number the assembler accepts (e.g. mstatus, 0x340). */
#define csr_read(csr) ({ uint32_t __v;                                    \
        __asm__ volatile("csrr %0, " #csr : "=r"(__v) :: "memory"); __v; })
#define csr_write(csr, val) ({                                            \
        __asm__ volatile("csrw " #csr ", %0" :: "rK"(val) : "memory"); })
#define csr_set(csr, bits) ({                                             \
        __asm__ volatile("csrs " #csr ", %0" :: "rK"(bits) : "memory"); })
#define csr_clear(csr, bits) ({                                           \
        __asm__ volatile("csrc " #csr ", %0" :: "rK"(bits) : "memory"); })
#define csr_swap(csr, val) ({ uint32_t __v;                               \
        __asm__ volatile("csrrw %0, " #csr ", %1"                         \
                         : "=r"(__v) : "rK"(val) : "memory"); __v; })

/* mstatus bits */
#define MSTATUS_MIE     (1u << 3)
#define MSTATUS_MPIE    (1u << 7)
#define MSTATUS_MPP     (3u << 11)
#define MSTATUS_MPP_M   (3u << 11)
#define MSTATUS_MPP_U   (0u << 11)

/* mie / mip bits */
#define MIP_MSIP        (1u << 3)
#define MIP_MTIP        (1u << 7)
#define MIP_MEIP        (1u << 11)

/* mcause values */
#define MCAUSE_INTR             0x80000000u
#define CAUSE_MISALIGNED_FETCH  0
#define CAUSE_FETCH_ACCESS      1
#define CAUSE_ILLEGAL_INSN      2
#define CAUSE_BREAKPOINT        3
#define CAUSE_MISALIGNED_LOAD   4
#define CAUSE_LOAD_ACCESS       5
#define CAUSE_MISALIGNED_STORE  6
#define CAUSE_STORE_ACCESS      7
#define CAUSE_ECALL_U           8
#define CAUSE_ECALL_M           11
#define IRQ_M_SOFT              3
#define IRQ_M_TIMER             7
#define IRQ_M_EXT               11

static inline void wfi(void)     { __asm__ volatile("wfi" ::: "memory"); }
static inline void fence_i(void) { __asm__ volatile("fence.i" ::: "memory"); }

/* ---- Console (UART 16550) --------------------------------------------- */
void putc(char c);                      /* "\n" is sent as-is, no CR */
void puts(const char *s);               /* no newline appended */
int  getc_nonblock(void);               /* -1 when no byte is waiting */
int  printf(const char *fmt, ...);      /* %d %u %x %X %s %c %%, width, 0, - */
int  vprintf(const char *fmt, va_list ap);

/* ---- Exit through the test finisher ----------------------------------- */
/* code 0 -> pass (QEMU exits 0); otherwise fail, QEMU exits with code. */
void exit(int code) __attribute__((noreturn));

/* ---- CLINT ------------------------------------------------------------ */
uint64_t clint_mtime(void);
void     clint_set_mtimecmp(uint64_t when);
void     clint_disable_timer(void);     /* mtimecmp = all ones */
void     clint_set_msip(int on);

/* ---- PLIC (context 0 = hart 0, M mode) -------------------------------- */
void     plic_set_priority(uint32_t irq, uint32_t prio);
void     plic_enable(uint32_t irq, int on);
void     plic_set_threshold(uint32_t t);
uint32_t plic_claim(void);
void     plic_complete(uint32_t irq);

/* ---- Traps ------------------------------------------------------------ */
/* Register frame built by trap_entry: regs[i] is xi at the time of the
   trap (regs[0] holds the interrupted sp). Changes are written back. */
struct trap_frame {
    uint32_t regs[32];
};
#define REG_RA  1
#define REG_SP  2
#define REG_A0  10
#define REG_A1  11
#define REG_A7  17

/* Assembly entry; 4-byte aligned, suitable for mtvec direct mode. */
void trap_entry(void);

/* Called by trap_entry; returns the address to resume at (new mepc).
   The SDK's weak default reports the trap and exits with code 99;
   a program overrides it by defining its own trap_handler. */
uint32_t trap_handler(uint32_t mcause, uint32_t mepc, uint32_t mtval,
                      struct trap_frame *f);

/* ---- Small helpers ---------------------------------------------------- */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int   strcmp(const char *a, const char *b);
size_t strlen(const char *s);

/* 64-bit unsigned division without libgcc (shift-subtract). */
uint64_t udiv64(uint64_t n, uint64_t d, uint64_t *rem);

#endif
