/*
 * The model for this board (and QEMU's virt, the reference it is compared with): the test's
 * signature is printed on the 16550 UART at 0x1000_0000 as one 8-digit hex word per line, then
 * the virt test finisher at 0x0010_0000 ends the machine with 0x5555 (pass). The signature is
 * what is compared, not a pass/fail verdict: the suite's tests only store results.
 */
#ifndef _COMPLIANCE_MODEL_H
#define _COMPLIANCE_MODEL_H

#define RVMODEL_DATA_SECTION \
        .pushsection .tohost,"aw",@progbits;                            \
        .align 8; .global tohost; tohost: .dword 0;                     \
        .align 8; .global fromhost; fromhost: .dword 0;                 \
        .popsection;                                                    \
        .align 8; .global begin_regstate; begin_regstate:               \
        .word 128;                                                      \
        .align 8; .global end_regstate; end_regstate:                   \
        .word 4;

#define RVMODEL_HALT                                                    \
        la   t0, begin_signature;                                       \
        la   t1, end_signature;                                         \
        li   t2, 0x10000000;                                            \
rvmodel_halt_word:                                                      \
        bgeu t0, t1, rvmodel_halt_done;                                 \
        lw   a0, 0(t0);                                                 \
        li   a1, 28;                                                    \
rvmodel_halt_digit:                                                     \
        srl  a2, a0, a1;                                                \
        andi a2, a2, 15;                                                \
        addi a3, a2, -10;                                               \
        addi a2, a2, '0';                                               \
        bltz a3, rvmodel_halt_put;                                      \
        addi a2, a3, 'a';                                               \
rvmodel_halt_put:                                                       \
        lbu  a4, 5(t2);                                                 \
        andi a4, a4, 0x20;                                              \
        beqz a4, rvmodel_halt_put;                                      \
        sb   a2, 0(t2);                                                 \
        addi a1, a1, -4;                                                \
        bgez a1, rvmodel_halt_digit;                                    \
rvmodel_halt_newline:                                                   \
        lbu  a4, 5(t2);                                                 \
        andi a4, a4, 0x20;                                              \
        beqz a4, rvmodel_halt_newline;                                  \
        li   a2, '\n';                                                  \
        sb   a2, 0(t2);                                                 \
        addi t0, t0, 4;                                                 \
        j    rvmodel_halt_word;                                         \
rvmodel_halt_done:                                                      \
        li   t0, 0x100000;                                              \
        li   t1, 0x5555;                                                \
        sw   t1, 0(t0);                                                 \
rvmodel_halt_spin:                                                      \
        j    rvmodel_halt_spin;

#define RVMODEL_BOOT

#define RVMODEL_DATA_BEGIN                                              \
        RVMODEL_DATA_SECTION                                            \
        .align 4;                                                       \
        .global begin_signature;                                        \
begin_signature:

#define RVMODEL_DATA_END                                                \
        .align 4;                                                       \
        .global end_signature;                                          \
end_signature:

#define RVMODEL_IO_INIT
#define RVMODEL_IO_WRITE_STR(_R, _STR)
#define RVMODEL_IO_CHECK()
#define RVMODEL_IO_ASSERT_GPR_EQ(_S, _R, _I)
#define RVMODEL_IO_ASSERT_SFPR_EQ(_F, _R, _I)
#define RVMODEL_IO_ASSERT_DFPR_EQ(_D, _R, _I)

#define RVMODEL_SET_MSW_INT
#define RVMODEL_CLEAR_MSW_INT
#define RVMODEL_CLEAR_MTIMER_INT
#define RVMODEL_CLEAR_MEXT_INT

#endif // _COMPLIANCE_MODEL_H
