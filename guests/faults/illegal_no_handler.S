/*
 * Executes an illegal instruction with no trap handler installed. A machine
 * must report this as a guest fault, not hang or crash. Not run under QEMU,
 * which loops on the fault forever.
 */
    .section .text.init
    .globl _start
_start:
    li a0, 1
    .word 0xffffffff
    j _start
