/*
 * picolibc on this board (QEMU's "virt" map): stdin, stdout and stderr on the 16550 UART, exit
 * through the SiFive test finisher, and a trap handler that reports an unexpected trap and fails
 * instead of leaving the hart looping at mtvec 0.
 *
 * picolibc's crt0 sets sp and gp, copies .data, zeroes .bss, runs the constructors and calls
 * main; exit() runs the destructors and calls _exit. The heap malloc takes from is what the
 * linker script leaves between .bss and the stack (__heap_start, __heap_end).
 *
 * Board addresses as in ../tandem.h, which cannot be included here: it declares the bare SDK's
 * own putc/puts/printf/exit, which picolibc's <stdio.h> and <stdlib.h> define differently.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define UART_BASE     0x10000000u /* 16550: THR/RBR +0, LSR +5 */
#define UART_LSR      5u
#define LSR_DR        0x01u       /* a received byte is waiting */
#define LSR_THRE      0x20u       /* the transmitter takes another byte */
#define FINISHER_BASE 0x00100000u /* 0x5555 passes; (code << 16) | 0x3333 fails with code */

static volatile uint8_t *const uart = (volatile uint8_t *)UART_BASE;

static int uart_putc(char c, FILE *file)
{
    (void)file;
    while ((uart[UART_LSR] & LSR_THRE) == 0)
        ;
    uart[0] = (uint8_t)c;
    return (unsigned char)c;
}

/* Blocks until a byte arrives: the batch guests read nothing, but stdin must be a stream. */
static int uart_getc(FILE *file)
{
    (void)file;
    while ((uart[UART_LSR] & LSR_DR) == 0)
        ;
    return uart[0];
}

static FILE console = FDEV_SETUP_STREAM(uart_putc, uart_getc, NULL, _FDEV_SETUP_RW);

FILE *const stdin = &console;
FILE *const stdout = &console;
FILE *const stderr = &console;

void _exit(int code)
{
    volatile uint32_t *const finisher = (volatile uint32_t *)FINISHER_BASE;
    *finisher = code == 0 ? 0x5555u : ((uint32_t)code << 16) | 0x3333u;
    for (;;)
        __asm__ volatile("wfi");
}

/* An unexpected trap: say which and fail with code 99, as the bare SDK's default handler does. */
static void __attribute__((interrupt("machine"), aligned(4))) unexpected_trap(void)
{
    uint32_t mcause, mepc, mtval;
    __asm__ volatile("csrr %0, mcause" : "=r"(mcause));
    __asm__ volatile("csrr %0, mepc" : "=r"(mepc));
    __asm__ volatile("csrr %0, mtval" : "=r"(mtval));
    printf("unexpected trap: mcause 0x%08lx mepc 0x%08lx mtval 0x%08lx\n",
           (unsigned long)mcause, (unsigned long)mepc, (unsigned long)mtval);
    _exit(99);
}

/* Runs before main (picolibc's crt0 calls the constructors first). */
static void __attribute__((constructor)) install_trap_handler(void)
{
    __asm__ volatile("csrw mtvec, %0" :: "r"(unexpected_trap));
}
