/*
 * Zicsr conformance on mscratch (a plain read/write M-mode CSR):
 * CSRRW/CSRRS/CSRRC and CSRRWI/CSRRSI/CSRRCI, old value in rd, rd = x0
 * and rs1 = x0 / uimm = 0 forms (no write), plus read-only CSRs: reads and
 * no-write forms are fine, real writes raise illegal instruction.
 * See sdk/isa_test.h for the harness.
 *
 * A local trap vector records mcause in t5 and skips the trapping
 * instruction, so t4/t5 are not used for test values.
 */
#include "isa_test.h"

/* Write \val to mscratch with a plain csrw. */
.macro SET_SCRATCH val
    li      t0, \val
    csrw    mscratch, t0
.endm

/* rd = \inst(mscratch = \init, rs1 = \src); expect rd == \init and
   mscratch == \res. */
.macro TEST_CSR_R inst, res, init, src
    NEXT_TEST
    SET_SCRATCH \init
    li      a2, \src
    \inst   a3, mscratch, a2
    CHECK   a3, \init
    NEXT_TEST
    csrr    a5, mscratch
    CHECK   a5, \res
.endm

/* Immediate form: uimm \imm (0..31, zero-extended). */
.macro TEST_CSR_I inst, res, init, imm
    NEXT_TEST
    SET_SCRATCH \init
    \inst   a3, mscratch, \imm
    CHECK   a3, \init
    NEXT_TEST
    csrr    a5, mscratch
    CHECK   a5, \res
.endm

/* Nothing trapped since t5 was last cleared. */
.macro TEST_NO_TRAP
    NEXT_TEST
    CHECK   t5, 0
.endm

    ISA_BEGIN isa_zicsr
    la      t0, csr_trap
    csrw    mtvec, t0
    li      t5, 0

/* ---- Plain write / read -------------------------------------------- */
    NEXT_TEST
    SET_SCRATCH 0x12345678
    csrr    a3, mscratch
    CHECK   a3, 0x12345678
    NEXT_TEST
    SET_SCRATCH 0xffffffff
    csrr    a3, mscratch
    CHECK   a3, 0xffffffff
    NEXT_TEST
    SET_SCRATCH 0
    csrr    a3, mscratch
    CHECK   a3, 0
    NEXT_TEST
    SET_SCRATCH 0x80000001
    csrr    a3, 0x340                   /* same CSR by number */
    CHECK   a3, 0x80000001

/* ---- Register forms ------------------------------------------------- */
    TEST_CSR_R csrrw, 0xdeadbeef, 0x12345678, 0xdeadbeef
    TEST_CSR_R csrrw, 0x00000000, 0xffffffff, 0x00000000
    TEST_CSR_R csrrw, 0x80000000, 0x7fffffff, 0x80000000
    TEST_CSR_R csrrs, 0xff00ff0f, 0xff00ff00, 0x0000000f
    TEST_CSR_R csrrs, 0xffffffff, 0x0f0f0f0f, 0xf0f0f0f0
    TEST_CSR_R csrrs, 0x12345678, 0x12345678, 0x00000000
    TEST_CSR_R csrrs, 0x80000000, 0x00000000, 0x80000000
    TEST_CSR_R csrrc, 0xff00ff00, 0xff00ff0f, 0x0000000f
    TEST_CSR_R csrrc, 0x00000000, 0x0f0f0f0f, 0xffffffff
    TEST_CSR_R csrrc, 0x12345678, 0x12345678, 0x00000000
    TEST_CSR_R csrrc, 0x7fffffff, 0xffffffff, 0x80000000

/* ---- Immediate forms (uimm is zero-extended, never sign-extended) --- */
    TEST_CSR_I csrrwi, 0x0000001f, 0x12345678, 31
    TEST_CSR_I csrrwi, 0x00000000, 0xffffffff, 0
    TEST_CSR_I csrrwi, 0x00000010, 0x00000000, 16
    TEST_CSR_I csrrsi, 0xff00ff1f, 0xff00ff00, 31
    TEST_CSR_I csrrsi, 0x80000010, 0x80000000, 16
    TEST_CSR_I csrrsi, 0x12345678, 0x12345678, 0
    TEST_CSR_I csrrci, 0xffffffe0, 0xffffffff, 31
    TEST_CSR_I csrrci, 0x80000001, 0x80000011, 16
    TEST_CSR_I csrrci, 0x12345678, 0x12345678, 0

/* ---- Pseudo-instructions with rd = x0 (no read) ---------------------- */
    NEXT_TEST
    SET_SCRATCH 0x0000f0f0
    li      a2, 0x0f00000f
    csrs    mscratch, a2                /* csrrs x0, mscratch, a2 */
    csrr    a3, mscratch
    CHECK   a3, 0x0f00f0ff
    NEXT_TEST
    csrc    mscratch, a2                /* csrrc x0, mscratch, a2 */
    csrr    a3, mscratch
    CHECK   a3, 0x0000f0f0
    NEXT_TEST
    csrwi   mscratch, 5                 /* csrrwi x0, mscratch, 5 */
    csrr    a3, mscratch
    CHECK   a3, 5
    NEXT_TEST
    csrsi   mscratch, 8
    csrr    a3, mscratch
    CHECK   a3, 13
    NEXT_TEST
    csrci   mscratch, 1
    csrr    a3, mscratch
    CHECK   a3, 12
    NEXT_TEST                           /* csrrw into x0 still writes */
    li      a2, 0x5a5a5a5a
    csrrw   x0, mscratch, a2
    csrr    a3, mscratch
    CHECK   a3, 0x5a5a5a5a

/* ---- rd == rs1: swap uses the old rs1 value as the source ----------- */
    NEXT_TEST
    SET_SCRATCH 0x11111111
    li      a1, 0x22222222
    csrrw   a1, mscratch, a1
    CHECK   a1, 0x11111111
    NEXT_TEST
    csrr    a3, mscratch
    CHECK   a3, 0x22222222
    NEXT_TEST
    li      a1, 0x0000000f
    csrrs   a1, mscratch, a1
    CHECK   a1, 0x22222222
    NEXT_TEST
    csrr    a3, mscratch
    CHECK   a3, 0x2222222f

/* ---- rs1 = x0 / uimm = 0: read without writing ----------------------- */
    NEXT_TEST
    SET_SCRATCH 0x76543210
    csrrs   a3, mscratch, x0
    CHECK   a3, 0x76543210
    NEXT_TEST
    csrrc   a3, mscratch, x0
    CHECK   a3, 0x76543210
    NEXT_TEST
    csrr    a3, mscratch
    CHECK   a3, 0x76543210

/* ---- Read-only CSRs ------------------------------------------------- */
    li      t5, 0
    NEXT_TEST
    csrr    a3, mhartid                 /* hart 0 runs the program */
    CHECK   a3, 0
    TEST_NO_TRAP
    csrrs   a3, mvendorid, x0
    csrrc   a3, marchid, x0
    csrrsi  a3, mimpid, 0
    csrrci  a3, mhartid, 0
    TEST_NO_TRAP
    NEXT_TEST                           /* a real write traps */
    li      a1, 1
    csrrw   a3, mhartid, a1
    CHECK   t5, 2
    li      t5, 0
    NEXT_TEST
    csrrwi  x0, mvendorid, 0            /* csrrw(i) always writes */
    CHECK   t5, 2
    li      t5, 0
    NEXT_TEST
    csrrsi  a3, mhartid, 1
    CHECK   t5, 2
    li      t5, 0
    NEXT_TEST                           /* user counters: read-only too */
    csrrw   x0, cycle, x0
    CHECK   t5, 2
    li      t5, 0
    NEXT_TEST                           /* a CSR number nobody implements */
    csrr    a3, 0x7c0
    CHECK   t5, 2
    li      t5, 0

/* ---- The trap left mscratch alone ----------------------------------- */
    NEXT_TEST
    csrr    a3, mscratch
    CHECK   a3, 0x76543210

    la      t0, trap_entry
    csrw    mtvec, t0
    ISA_END

/* Records mcause in t5 and resumes after the trapping instruction. */
    .text
    .align  4
csr_trap:
    csrr    t5, mcause
    csrr    t4, mepc
    addi    t4, t4, 4
    csrw    mepc, t4
    mret
