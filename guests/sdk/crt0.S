/*
 * Start-up code: the first instruction executed after reset (0x80000000).
 * Sets up gp/sp, zeroes .bss, installs the default trap vector, calls
 * main() and reports main's return value through the test finisher.
 */
    .section .text.init, "ax"
    .globl _start
_start:
    /* Only hart 0 runs the program; any other hart parks forever. */
    csrr    t0, mhartid
    bnez    t0, park

    /* gp must be loaded without relaxation, or the linker would turn this
       into "mv gp, gp". */
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop

    la      sp, __stack_top

    /* Zero .bss word by word (both ends are 16-byte aligned). */
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sw      zero, 0(t0)
    addi    t0, t0, 4
    j       1b
2:
    /* Any trap before the program installs its own goes to trap_entry,
       which calls the (weak, overridable) C trap_handler. */
    la      t0, trap_entry
    csrw    mtvec, t0

    call    main
    /* exit(main's return value): 0 = pass, anything else = fail(code). */
    call    exit
park:
    wfi
    j       park

    /* Conventional host-interface words; unused by the finisher protocol
       but present so tools that look up the symbols find them. */
    .section .tohost, "aw", @progbits
    .align 6
    .globl tohost
tohost: .word 0, 0
    .align 6
    .globl fromhost
fromhost: .word 0, 0
