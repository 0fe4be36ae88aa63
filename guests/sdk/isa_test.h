/*
 * Macro harness for the self-checking isa_* programs (assembly, in the
 * spirit of riscv-tests). Include from a .S file, then:
 *
 *     ISA_BEGIN isa_rv32i
 *     TEST_RR_OP add, 3, 1, 2        # expects add(1, 2) == 3
 *     ...
 *     ISA_END
 *
 * Every TEST_* macro bumps the test number held in s10 (TESTNUM) and
 * checks one computed value against an expected constant. On the first
 * mismatch the program prints
 *     FAIL <name> test <n>: got 0x... expected 0x...
 * and exits through the finisher with code 1. After the last test it
 * prints "<name>: <n> tests passed" and returns 0 from main.
 *
 * Register use: s10 = test number, t6 = expected value, a4 = value found;
 * tests compute in a0-a5/t0-t5. main saves ra and s0-s11 so it can
 * return to crt0 like a C function. gp and sp are left alone.
 */
#ifndef ISA_TEST_H
#define ISA_TEST_H

#define TESTNUM s10

.set isa_test_number, 0

/* Advance to the next test number and load it into TESTNUM. */
.macro NEXT_TEST
    .set isa_test_number, isa_test_number + 1
    li      TESTNUM, isa_test_number
.endm

/* Fail unless register \reg equals the constant \val. */
.macro CHECK reg, val
    li      t6, \val
    beq     \reg, t6, .Lcheck_ok\@
    mv      a4, \reg
    j       fail
.Lcheck_ok\@:
.endm

/* Fail unless register \reg equals register \want. */
.macro CHECK_REG reg, want
    mv      t6, \want
    beq     \reg, t6, .Lcheck_ok\@
    mv      a4, \reg
    j       fail
.Lcheck_ok\@:
.endm

/* Unconditional failure of the current test (e.g. a branch went wrong). */
.macro FAIL_NOW
    li      t6, 0
    li      a4, 0
    j       fail
.endm

.macro ISA_BEGIN name
    .section .rodata
isa_name:
    .asciz  "\name"
isa_pass_fmt:
    .asciz  "%s: %u tests passed\n"
isa_fail_fmt:
    .asciz  "FAIL %s test %u: got 0x%08x expected 0x%08x\n"
    .text
    .globl  main
    .align  2
main:
    addi    sp, sp, -64
    sw      ra,   0(sp)
    sw      s0,   4(sp)
    sw      s1,   8(sp)
    sw      s2,  12(sp)
    sw      s3,  16(sp)
    sw      s4,  20(sp)
    sw      s5,  24(sp)
    sw      s6,  28(sp)
    sw      s7,  32(sp)
    sw      s8,  36(sp)
    sw      s9,  40(sp)
    sw      s10, 44(sp)
    sw      s11, 48(sp)
    li      TESTNUM, 0
.endm

.macro ISA_END
    la      a0, isa_pass_fmt
    la      a1, isa_name
    mv      a2, TESTNUM
    call    printf
    lw      ra,   0(sp)
    lw      s0,   4(sp)
    lw      s1,   8(sp)
    lw      s2,  12(sp)
    lw      s3,  16(sp)
    lw      s4,  20(sp)
    lw      s5,  24(sp)
    lw      s6,  28(sp)
    lw      s7,  32(sp)
    lw      s8,  36(sp)
    lw      s9,  40(sp)
    lw      s10, 44(sp)
    lw      s11, 48(sp)
    addi    sp, sp, 64
    li      a0, 0
    ret
fail:
    mv      a3, a4
    mv      a4, t6
    la      a0, isa_fail_fmt
    la      a1, isa_name
    mv      a2, TESTNUM
    /* printf takes got in a3 and expected in a4 */
    call    printf
    li      a0, 1
    call    exit
.endm

/* ---- Generic test shapes ---------------------------------------------- */

/* rd = inst(rs1=\v1, rs2=\v2); expect \res */
.macro TEST_RR_OP inst, res, v1, v2
    NEXT_TEST
    li      a1, \v1
    li      a2, \v2
    \inst   a3, a1, a2
    CHECK   a3, \res
.endm

/* rd = inst(rs1=\v1, imm=\imm); expect \res */
.macro TEST_IMM_OP inst, res, v1, imm
    NEXT_TEST
    li      a1, \v1
    \inst   a3, a1, \imm
    CHECK   a3, \res
.endm

/* rd == rs1 == rs2 */
.macro TEST_RR_SRC12_EQ_DEST inst, res, v1
    NEXT_TEST
    li      a1, \v1
    \inst   a1, a1, a1
    CHECK   a1, \res
.endm

/* rd == rs1 */
.macro TEST_RR_SRC1_EQ_DEST inst, res, v1, v2
    NEXT_TEST
    li      a1, \v1
    li      a2, \v2
    \inst   a1, a1, a2
    CHECK   a1, \res
.endm

/* rd == rs2 */
.macro TEST_RR_SRC2_EQ_DEST inst, res, v1, v2
    NEXT_TEST
    li      a1, \v1
    li      a2, \v2
    \inst   a2, a1, a2
    CHECK   a2, \res
.endm

/* rs1 = x0 */
.macro TEST_RR_ZEROSRC1 inst, res, v2
    NEXT_TEST
    li      a2, \v2
    \inst   a3, x0, a2
    CHECK   a3, \res
.endm

/* rs2 = x0 */
.macro TEST_RR_ZEROSRC2 inst, res, v1
    NEXT_TEST
    li      a1, \v1
    \inst   a3, a1, x0
    CHECK   a3, \res
.endm

/* rd = x0: the result must be discarded */
.macro TEST_RR_ZERODEST inst, v1, v2
    NEXT_TEST
    li      a1, \v1
    li      a2, \v2
    \inst   x0, a1, a2
    CHECK   x0, 0
.endm

/* Branch \inst on (\v1, \v2) must be taken. */
.macro TEST_BR_TAKEN inst, v1, v2
    NEXT_TEST
    li      a1, \v1
    li      a2, \v2
    \inst   a1, a2, .Lbr_taken\@
    FAIL_NOW
.Lbr_taken\@:
.endm

/* Branch \inst on (\v1, \v2) must fall through. */
.macro TEST_BR_NOT_TAKEN inst, v1, v2
    NEXT_TEST
    li      a1, \v1
    li      a2, \v2
    \inst   a1, a2, .Lbr_wrong\@
    j       .Lbr_done\@
.Lbr_wrong\@:
    FAIL_NOW
.Lbr_done\@:
.endm

/* Load \inst from \off(\base); expect \res */
.macro TEST_LD inst, res, off, base
    NEXT_TEST
    la      a1, \base
    \inst   a3, \off(a1)
    CHECK   a3, \res
.endm

/* Fill the word at \base with \fill, store \val with \inst at \off(\base)
   (\off within that word), then expect the whole word to read \res. */
.macro TEST_ST inst, res, fill, val, off, base
    NEXT_TEST
    la      a1, \base
    li      a2, \fill
    sw      a2, 0(a1)
    li      a2, \val
    \inst   a2, \off(a1)
    lw      a3, 0(a1)
    CHECK   a3, \res
.endm

#endif
