/*
 * Jumps to an address where nothing is mapped, with no trap handler installed
 * (mtvec keeps its reset value 0, where nothing is mapped either). A machine
 * must report this as a guest fault, not hang or crash. Not run under QEMU,
 * which loops on the fault forever.
 */
    .section .text.init
    .globl _start
_start:
    li t0, 0x40000000
    jr t0
