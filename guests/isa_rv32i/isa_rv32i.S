/*
 * RV32I conformance: every base instruction, checked against constants
 * computed by a reference model. See sdk/isa_test.h for the harness.
 * A failing test's number n can be located in the disassembly as
 * "li s10,n".
 */
#include "isa_test.h"

/* Absolute address of a label without auipc (lui + addi). */
.macro LA_ABS reg, sym
    lui     \reg, %hi(\sym)
    addi    \reg, \reg, %lo(\sym)
.endm

    ISA_BEGIN isa_rv32i

/* ---- LUI ------------------------------------------------------------ */
    NEXT_TEST
    lui     a3, 0x12345
    CHECK   a3, 0x12345000
    NEXT_TEST
    lui     a3, 0xfffff
    CHECK   a3, 0xfffff000
    NEXT_TEST
    lui     a3, 0x80000
    CHECK   a3, 0x80000000
    NEXT_TEST
    li      a3, -1
    lui     a3, 0
    CHECK   a3, 0
    NEXT_TEST
    lui     x0, 0x12345                 /* writes to x0 are discarded */
    CHECK   x0, 0

/* ---- AUIPC ---------------------------------------------------------- */
    NEXT_TEST
.Lauipc0:
    auipc   a3, 0
    LA_ABS  a2, .Lauipc0
    CHECK_REG a3, a2
    NEXT_TEST
.Lauipc1:
    auipc   a3, 0x12345
    LA_ABS  a2, .Lauipc1
    li      a1, 0x12345000
    add     a2, a2, a1
    CHECK_REG a3, a2
    NEXT_TEST
.Lauipc2:
    auipc   a3, 0xfffff                 /* pc - 4096 */
    LA_ABS  a2, .Lauipc2
    addi    a2, a2, -2048
    addi    a2, a2, -2048
    CHECK_REG a3, a2
    NEXT_TEST
    auipc   x0, 1
    CHECK   x0, 0

/* ---- JAL ------------------------------------------------------------ */
    NEXT_TEST
    li      a3, 0
    jal     ra, .Ljal_target
.Ljal_link:
    FAIL_NOW                            /* jal fell through */
.Ljal_back:
    li      a3, 2
    j       .Ljal_done
.Ljal_target:
    LA_ABS  a2, .Ljal_link
    CHECK_REG ra, a2                    /* link = pc + 4 */
    li      a3, 1
    jal     x0, .Ljal_back              /* backwards, no link */
    FAIL_NOW
.Ljal_done:
    NEXT_TEST
    CHECK   a3, 2
    NEXT_TEST
    jal     t0, .Ljal_t0                /* link into a non-ra register */
.Ljal_t0_link:
    FAIL_NOW
.Ljal_t0:
    LA_ABS  a2, .Ljal_t0_link
    CHECK_REG t0, a2

/* ---- JALR ----------------------------------------------------------- */
    NEXT_TEST
    LA_ABS  t0, .Ljalr_t1
    jalr    ra, 0(t0)
.Ljalr_l1:
    FAIL_NOW
.Ljalr_t1:
    LA_ABS  a2, .Ljalr_l1
    CHECK_REG ra, a2
    NEXT_TEST                           /* low bit of the target cleared */
    LA_ABS  t0, .Ljalr_t2
    jalr    ra, 1(t0)
    FAIL_NOW
.Ljalr_t2:
    NEXT_TEST                           /* negative offset, odd sum */
    LA_ABS  t0, .Ljalr_t3
    addi    t0, t0, 8
    jalr    ra, -7(t0)
    FAIL_NOW
.Ljalr_t3:
    NEXT_TEST                           /* rd == rs1: target uses old rs1 */
    LA_ABS  t0, .Ljalr_t4
    jalr    t0, 0(t0)
.Ljalr_l4:
    FAIL_NOW
.Ljalr_t4:
    LA_ABS  a2, .Ljalr_l4
    CHECK_REG t0, a2
    NEXT_TEST                           /* rd = x0 */
    LA_ABS  t0, .Ljalr_t5
    jalr    x0, 0(t0)
    FAIL_NOW
.Ljalr_t5:
    CHECK   x0, 0

/* ---- Loads ---------------------------------------------------------- */
    TEST_LD lb,  0xffffffff, 0, ld_data
    TEST_LD lb,  0x00000000, 1, ld_data
    TEST_LD lb,  0xfffffff0, 2, ld_data
    TEST_LD lb,  0x0000000f, 3, ld_data
    TEST_LD lb,  0x0000007f, 4, ld_data
    TEST_LD lb,  0xffffff80, 5, ld_data
    TEST_LD lbu, 0x000000ff, 0, ld_data
    TEST_LD lbu, 0x00000000, 1, ld_data
    TEST_LD lbu, 0x000000f0, 2, ld_data
    TEST_LD lbu, 0x0000000f, 3, ld_data
    TEST_LD lbu, 0x00000080, 5, ld_data
    TEST_LD lh,  0x000000ff, 0, ld_data
    TEST_LD lh,  0x00000ff0, 2, ld_data
    TEST_LD lh,  0xffff807f, 4, ld_data
    TEST_LD lh,  0x00007fff, 6, ld_data
    TEST_LD lh,  0xffff8000, 8, ld_data
    TEST_LD lhu, 0x000000ff, 0, ld_data
    TEST_LD lhu, 0x0000807f, 4, ld_data
    TEST_LD lhu, 0x00007fff, 6, ld_data
    TEST_LD lhu, 0x00008000, 8, ld_data
    TEST_LD lw,  0x0ff000ff, 0, ld_data
    TEST_LD lw,  0x7fff807f, 4, ld_data
    TEST_LD lw,  0x12348000, 8, ld_data
    TEST_LD lw,  0xdeadbeef, 12, ld_data
    TEST_LD lw,  0x0ff000ff, -16, ld_data_end
    TEST_LD lb,  0xffffffef, -4, ld_data_end
    TEST_LD lbu, 0x000000de, -1, ld_data_end
    TEST_LD lh,  0xffffdead, -2, ld_data_end
    TEST_LD lhu, 0x0000beef, -4, ld_data_end
    NEXT_TEST
    la      a1, ld_data
    lw      x0, 0(a1)                   /* load into x0 is discarded */
    CHECK   x0, 0
    NEXT_TEST                           /* base register == destination */
    la      a3, ld_data
    lw      a3, 4(a3)
    CHECK   a3, 0x7fff807f

/* ---- Stores --------------------------------------------------------- */
    TEST_ST sb, 0xaaaaaa12, 0xaaaaaaaa, 0x12, 0, st_data
    TEST_ST sb, 0xaaaa12aa, 0xaaaaaaaa, 0x12, 1, st_data
    TEST_ST sb, 0xaa12aaaa, 0xaaaaaaaa, 0xfffff012, 2, st_data
    TEST_ST sb, 0x80aaaaaa, 0xaaaaaaaa, 0x80, 3, st_data
    TEST_ST sh, 0xaaaa1234, 0xaaaaaaaa, 0x55551234, 0, st_data
    TEST_ST sh, 0x8001aaaa, 0xaaaaaaaa, 0xffff8001, 2, st_data
    TEST_ST sw, 0x12345678, 0xaaaaaaaa, 0x12345678, 0, st_data
    TEST_ST sw, 0xfedcba98, 0x00000000, 0xfedcba98, 0, st_data
    NEXT_TEST                           /* negative offset */
    la      a1, st_data
    addi    a1, a1, 8
    li      a2, 0x0badcafe
    sw      a2, -8(a1)
    la      a1, st_data
    lw      a3, 0(a1)
    CHECK   a3, 0x0badcafe
    NEXT_TEST                           /* adjacent word untouched */
    la      a1, st_data
    li      a2, 0x11111111
    sw      a2, 4(a1)
    li      a2, -1
    sw      a2, 0(a1)
    sh      a2, 2(a1)
    sb      a2, 3(a1)
    lw      a3, 4(a1)
    CHECK   a3, 0x11111111
    NEXT_TEST                           /* store x0 */
    la      a1, st_data
    sw      x0, 0(a1)
    lw      a3, 0(a1)
    CHECK   a3, 0

/* ---- x0 ------------------------------------------------------------- */
    NEXT_TEST
    addi    x0, x0, 5
    CHECK   x0, 0
    NEXT_TEST
    li      a1, 0x55
    xori    x0, a1, -1
    CHECK   x0, 0
    NEXT_TEST
    slli    x0, a1, 3
    CHECK   x0, 0
    NEXT_TEST
    mv      a3, x0
    CHECK   a3, 0

/* ---- FENCE (ordering only; must execute as a no-op here) ------------ */
    NEXT_TEST
    li      a3, 7
    fence
    fence   rw, rw
    fence   w, r
    CHECK   a3, 7

/* ---- Loop with a backwards branch ----------------------------------- */
    NEXT_TEST
    li      a3, 0
    li      a1, 10
.Lloop:
    addi    a3, a3, 3
    addi    a1, a1, -1
    bnez    a1, .Lloop
    CHECK   a3, 30

/* Register-register ALU ops */

/* ADD */
    TEST_RR_OP add   0x00000000, 0x00000000, 0x00000000
    TEST_RR_OP add   0x7fffffff, 0x00000000, 0x7fffffff
    TEST_RR_OP add   0xfffffffe, 0x00000000, 0xfffffffe
    TEST_RR_OP add   0x00000064, 0x00000000, 0x00000064
    TEST_RR_OP add   0x00000002, 0x00000001, 0x00000001
    TEST_RR_OP add   0x80000001, 0x00000001, 0x80000000
    TEST_RR_OP add   0x00000004, 0x00000001, 0x00000003
    TEST_RR_OP add   0xffffff9d, 0x00000001, 0xffffff9c
    TEST_RR_OP add   0xfffffffe, 0xffffffff, 0xffffffff
    TEST_RR_OP add   0x12345677, 0xffffffff, 0x12345678
    TEST_RR_OP add   0x87654320, 0xffffffff, 0x87654321
    TEST_RR_OP add   0x7fffffff, 0x7fffffff, 0x00000000
    TEST_RR_OP add   0xfffffffe, 0x7fffffff, 0x7fffffff
    TEST_RR_OP add   0x7ffffffd, 0x7fffffff, 0xfffffffe
    TEST_RR_OP add   0x80000063, 0x7fffffff, 0x00000064
    TEST_RR_OP add   0x80000001, 0x80000000, 0x00000001
    TEST_RR_OP add   0x00000000, 0x80000000, 0x80000000
    TEST_RR_OP add   0x80000003, 0x80000000, 0x00000003
    TEST_RR_OP add   0x7fffff9c, 0x80000000, 0xffffff9c
    TEST_RR_OP add   0x12345677, 0x12345678, 0xffffffff
    TEST_RR_OP add   0x2468acf0, 0x12345678, 0x12345678
    TEST_RR_OP add   0x99999999, 0x12345678, 0x87654321
    TEST_RR_OP add   0xfffffffe, 0xfffffffe, 0x00000000
    TEST_RR_OP add   0x7ffffffd, 0xfffffffe, 0x7fffffff
    TEST_RR_OP add   0xfffffffc, 0xfffffffe, 0xfffffffe
    TEST_RR_OP add   0x00000062, 0xfffffffe, 0x00000064
    TEST_RR_OP add   0x00000004, 0x00000003, 0x00000001
    TEST_RR_OP add   0x80000003, 0x00000003, 0x80000000
    TEST_RR_OP add   0x00000006, 0x00000003, 0x00000003
    TEST_RR_OP add   0xffffff9f, 0x00000003, 0xffffff9c
    TEST_RR_OP add   0x87654320, 0x87654321, 0xffffffff
    TEST_RR_OP add   0x99999999, 0x87654321, 0x12345678
    TEST_RR_OP add   0x0eca8642, 0x87654321, 0x87654321
    TEST_RR_OP add   0x00000064, 0x00000064, 0x00000000
    TEST_RR_OP add   0x80000063, 0x00000064, 0x7fffffff
    TEST_RR_OP add   0x00000062, 0x00000064, 0xfffffffe
    TEST_RR_OP add   0x000000c8, 0x00000064, 0x00000064
    TEST_RR_OP add   0xffffff9d, 0xffffff9c, 0x00000001
    TEST_RR_OP add   0x7fffff9c, 0xffffff9c, 0x80000000
    TEST_RR_OP add   0xffffff9f, 0xffffff9c, 0x00000003
    TEST_RR_OP add   0xffffff38, 0xffffff9c, 0xffffff9c
    TEST_RR_SRC1_EQ_DEST add, 0x00000018, 0x0000000d, 0x0000000b
    TEST_RR_SRC2_EQ_DEST add, 0x00000019, 0x0000000e, 0x0000000b
    TEST_RR_SRC12_EQ_DEST add, 0x0000011a, 0x0000008d
    TEST_RR_ZEROSRC1 add, 0x80000011, 0x80000011
    TEST_RR_ZEROSRC2 add, 0x80000011, 0x80000011
    TEST_RR_ZERODEST add, 0x11, 0x22

/* SUB */
    TEST_RR_OP sub   0x00000000, 0x00000000, 0x00000000
    TEST_RR_OP sub   0x80000001, 0x00000000, 0x7fffffff
    TEST_RR_OP sub   0x00000002, 0x00000000, 0xfffffffe
    TEST_RR_OP sub   0xffffff9c, 0x00000000, 0x00000064
    TEST_RR_OP sub   0x00000000, 0x00000001, 0x00000001
    TEST_RR_OP sub   0x80000001, 0x00000001, 0x80000000
    TEST_RR_OP sub   0xfffffffe, 0x00000001, 0x00000003
    TEST_RR_OP sub   0x00000065, 0x00000001, 0xffffff9c
    TEST_RR_OP sub   0x00000000, 0xffffffff, 0xffffffff
    TEST_RR_OP sub   0xedcba987, 0xffffffff, 0x12345678
    TEST_RR_OP sub   0x789abcde, 0xffffffff, 0x87654321
    TEST_RR_OP sub   0x7fffffff, 0x7fffffff, 0x00000000
    TEST_RR_OP sub   0x00000000, 0x7fffffff, 0x7fffffff
    TEST_RR_OP sub   0x80000001, 0x7fffffff, 0xfffffffe
    TEST_RR_OP sub   0x7fffff9b, 0x7fffffff, 0x00000064
    TEST_RR_OP sub   0x7fffffff, 0x80000000, 0x00000001
    TEST_RR_OP sub   0x00000000, 0x80000000, 0x80000000
    TEST_RR_OP sub   0x7ffffffd, 0x80000000, 0x00000003
    TEST_RR_OP sub   0x80000064, 0x80000000, 0xffffff9c
    TEST_RR_OP sub   0x12345679, 0x12345678, 0xffffffff
    TEST_RR_OP sub   0x00000000, 0x12345678, 0x12345678
    TEST_RR_OP sub   0x8acf1357, 0x12345678, 0x87654321
    TEST_RR_OP sub   0xfffffffe, 0xfffffffe, 0x00000000
    TEST_RR_OP sub   0x7fffffff, 0xfffffffe, 0x7fffffff
    TEST_RR_OP sub   0x00000000, 0xfffffffe, 0xfffffffe
    TEST_RR_OP sub   0xffffff9a, 0xfffffffe, 0x00000064
    TEST_RR_OP sub   0x00000002, 0x00000003, 0x00000001
    TEST_RR_OP sub   0x80000003, 0x00000003, 0x80000000
    TEST_RR_OP sub   0x00000000, 0x00000003, 0x00000003
    TEST_RR_OP sub   0x00000067, 0x00000003, 0xffffff9c
    TEST_RR_OP sub   0x87654322, 0x87654321, 0xffffffff
    TEST_RR_OP sub   0x7530eca9, 0x87654321, 0x12345678
    TEST_RR_OP sub   0x00000000, 0x87654321, 0x87654321
    TEST_RR_OP sub   0x00000064, 0x00000064, 0x00000000
    TEST_RR_OP sub   0x80000065, 0x00000064, 0x7fffffff
    TEST_RR_OP sub   0x00000066, 0x00000064, 0xfffffffe
    TEST_RR_OP sub   0x00000000, 0x00000064, 0x00000064
    TEST_RR_OP sub   0xffffff9b, 0xffffff9c, 0x00000001
    TEST_RR_OP sub   0x7fffff9c, 0xffffff9c, 0x80000000
    TEST_RR_OP sub   0xffffff99, 0xffffff9c, 0x00000003
    TEST_RR_OP sub   0x00000000, 0xffffff9c, 0xffffff9c
    TEST_RR_SRC1_EQ_DEST sub, 0x00000002, 0x0000000d, 0x0000000b
    TEST_RR_SRC2_EQ_DEST sub, 0x00000003, 0x0000000e, 0x0000000b
    TEST_RR_SRC12_EQ_DEST sub, 0x00000000, 0x0000008d
    TEST_RR_ZEROSRC1 sub, 0x7fffffef, 0x80000011
    TEST_RR_ZEROSRC2 sub, 0x80000011, 0x80000011
    TEST_RR_ZERODEST sub, 0x11, 0x22

/* SLL */
    TEST_RR_OP sll   0x00000001, 0x00000001, 0x00000000
    TEST_RR_OP sll   0x00000002, 0x00000001, 0x00000001
    TEST_RR_OP sll   0x00000080, 0x00000001, 0x00000007
    TEST_RR_OP sll   0x00004000, 0x00000001, 0x0000000e
    TEST_RR_OP sll   0x00100000, 0x00000001, 0x00000014
    TEST_RR_OP sll   0x80000000, 0x00000001, 0x0000001f
    TEST_RR_OP sll   0x00000001, 0x00000001, 0x00000020
    TEST_RR_OP sll   0x00000002, 0x00000001, 0x00000021
    TEST_RR_OP sll   0x80000000, 0x00000001, 0xffffffff
    TEST_RR_OP sll   0x00000001, 0x00000001, 0xffffffe0
    TEST_RR_OP sll   0x80000000, 0x00000001, 0x0000003f
    TEST_RR_OP sll   0x80000000, 0x80000000, 0x00000000
    TEST_RR_OP sll   0x00000000, 0x80000000, 0x00000001
    TEST_RR_OP sll   0x00000000, 0x80000000, 0x00000007
    TEST_RR_OP sll   0x00000000, 0x80000000, 0x0000000e
    TEST_RR_OP sll   0x00000000, 0x80000000, 0x00000014
    TEST_RR_OP sll   0x00000000, 0x80000000, 0x0000001f
    TEST_RR_OP sll   0x80000000, 0x80000000, 0x00000020
    TEST_RR_OP sll   0x00000000, 0x80000000, 0x00000021
    TEST_RR_OP sll   0x00000000, 0x80000000, 0xffffffff
    TEST_RR_OP sll   0x80000000, 0x80000000, 0xffffffe0
    TEST_RR_OP sll   0x00000000, 0x80000000, 0x0000003f
    TEST_RR_OP sll   0xffffffff, 0xffffffff, 0x00000000
    TEST_RR_OP sll   0xfffffffe, 0xffffffff, 0x00000001
    TEST_RR_OP sll   0xffffff80, 0xffffffff, 0x00000007
    TEST_RR_OP sll   0xffffc000, 0xffffffff, 0x0000000e
    TEST_RR_OP sll   0xfff00000, 0xffffffff, 0x00000014
    TEST_RR_OP sll   0x80000000, 0xffffffff, 0x0000001f
    TEST_RR_OP sll   0xffffffff, 0xffffffff, 0x00000020
    TEST_RR_OP sll   0xfffffffe, 0xffffffff, 0x00000021
    TEST_RR_OP sll   0x80000000, 0xffffffff, 0xffffffff
    TEST_RR_OP sll   0xffffffff, 0xffffffff, 0xffffffe0
    TEST_RR_OP sll   0x80000000, 0xffffffff, 0x0000003f
    TEST_RR_OP sll   0x21212121, 0x21212121, 0x00000000
    TEST_RR_OP sll   0x42424242, 0x21212121, 0x00000001
    TEST_RR_OP sll   0x90909080, 0x21212121, 0x00000007
    TEST_RR_OP sll   0x48484000, 0x21212121, 0x0000000e
    TEST_RR_OP sll   0x12100000, 0x21212121, 0x00000014
    TEST_RR_OP sll   0x80000000, 0x21212121, 0x0000001f
    TEST_RR_OP sll   0x21212121, 0x21212121, 0x00000020
    TEST_RR_OP sll   0x42424242, 0x21212121, 0x00000021
    TEST_RR_OP sll   0x80000000, 0x21212121, 0xffffffff
    TEST_RR_OP sll   0x21212121, 0x21212121, 0xffffffe0
    TEST_RR_OP sll   0x80000000, 0x21212121, 0x0000003f
    TEST_RR_OP sll   0x7fffffff, 0x7fffffff, 0x00000000
    TEST_RR_OP sll   0xfffffffe, 0x7fffffff, 0x00000001
    TEST_RR_OP sll   0xffffff80, 0x7fffffff, 0x00000007
    TEST_RR_OP sll   0xffffc000, 0x7fffffff, 0x0000000e
    TEST_RR_OP sll   0xfff00000, 0x7fffffff, 0x00000014
    TEST_RR_OP sll   0x80000000, 0x7fffffff, 0x0000001f
    TEST_RR_OP sll   0x7fffffff, 0x7fffffff, 0x00000020
    TEST_RR_OP sll   0xfffffffe, 0x7fffffff, 0x00000021
    TEST_RR_OP sll   0x80000000, 0x7fffffff, 0xffffffff
    TEST_RR_OP sll   0x7fffffff, 0x7fffffff, 0xffffffe0
    TEST_RR_OP sll   0x80000000, 0x7fffffff, 0x0000003f
    TEST_RR_OP sll   0x87654321, 0x87654321, 0x00000000
    TEST_RR_OP sll   0x0eca8642, 0x87654321, 0x00000001
    TEST_RR_OP sll   0xb2a19080, 0x87654321, 0x00000007
    TEST_RR_OP sll   0x50c84000, 0x87654321, 0x0000000e
    TEST_RR_OP sll   0x32100000, 0x87654321, 0x00000014
    TEST_RR_OP sll   0x80000000, 0x87654321, 0x0000001f
    TEST_RR_OP sll   0x87654321, 0x87654321, 0x00000020
    TEST_RR_OP sll   0x0eca8642, 0x87654321, 0x00000021
    TEST_RR_OP sll   0x80000000, 0x87654321, 0xffffffff
    TEST_RR_OP sll   0x87654321, 0x87654321, 0xffffffe0
    TEST_RR_OP sll   0x80000000, 0x87654321, 0x0000003f
    TEST_RR_SRC1_EQ_DEST sll, 0x00006800, 0x0000000d, 0x0000000b
    TEST_RR_SRC2_EQ_DEST sll, 0x00007000, 0x0000000e, 0x0000000b
    TEST_RR_SRC12_EQ_DEST sll, 0x0011a000, 0x0000008d
    TEST_RR_ZEROSRC1 sll, 0x00000000, 0x80000011
    TEST_RR_ZEROSRC2 sll, 0x80000011, 0x80000011
    TEST_RR_ZERODEST sll, 0x11, 0x22

/* SRL */
    TEST_RR_OP srl   0x00000001, 0x00000001, 0x00000000
    TEST_RR_OP srl   0x00000000, 0x00000001, 0x00000001
    TEST_RR_OP srl   0x00000000, 0x00000001, 0x00000007
    TEST_RR_OP srl   0x00000000, 0x00000001, 0x0000000e
    TEST_RR_OP srl   0x00000000, 0x00000001, 0x00000014
    TEST_RR_OP srl   0x00000000, 0x00000001, 0x0000001f
    TEST_RR_OP srl   0x00000001, 0x00000001, 0x00000020
    TEST_RR_OP srl   0x00000000, 0x00000001, 0x00000021
    TEST_RR_OP srl   0x00000000, 0x00000001, 0xffffffff
    TEST_RR_OP srl   0x00000001, 0x00000001, 0xffffffe0
    TEST_RR_OP srl   0x00000000, 0x00000001, 0x0000003f
    TEST_RR_OP srl   0x80000000, 0x80000000, 0x00000000
    TEST_RR_OP srl   0x40000000, 0x80000000, 0x00000001
    TEST_RR_OP srl   0x01000000, 0x80000000, 0x00000007
    TEST_RR_OP srl   0x00020000, 0x80000000, 0x0000000e
    TEST_RR_OP srl   0x00000800, 0x80000000, 0x00000014
    TEST_RR_OP srl   0x00000001, 0x80000000, 0x0000001f
    TEST_RR_OP srl   0x80000000, 0x80000000, 0x00000020
    TEST_RR_OP srl   0x40000000, 0x80000000, 0x00000021
    TEST_RR_OP srl   0x00000001, 0x80000000, 0xffffffff
    TEST_RR_OP srl   0x80000000, 0x80000000, 0xffffffe0
    TEST_RR_OP srl   0x00000001, 0x80000000, 0x0000003f
    TEST_RR_OP srl   0xffffffff, 0xffffffff, 0x00000000
    TEST_RR_OP srl   0x7fffffff, 0xffffffff, 0x00000001
    TEST_RR_OP srl   0x01ffffff, 0xffffffff, 0x00000007
    TEST_RR_OP srl   0x0003ffff, 0xffffffff, 0x0000000e
    TEST_RR_OP srl   0x00000fff, 0xffffffff, 0x00000014
    TEST_RR_OP srl   0x00000001, 0xffffffff, 0x0000001f
    TEST_RR_OP srl   0xffffffff, 0xffffffff, 0x00000020
    TEST_RR_OP srl   0x7fffffff, 0xffffffff, 0x00000021
    TEST_RR_OP srl   0x00000001, 0xffffffff, 0xffffffff
    TEST_RR_OP srl   0xffffffff, 0xffffffff, 0xffffffe0
    TEST_RR_OP srl   0x00000001, 0xffffffff, 0x0000003f
    TEST_RR_OP srl   0x21212121, 0x21212121, 0x00000000
    TEST_RR_OP srl   0x10909090, 0x21212121, 0x00000001
    TEST_RR_OP srl   0x00424242, 0x21212121, 0x00000007
    TEST_RR_OP srl   0x00008484, 0x21212121, 0x0000000e
    TEST_RR_OP srl   0x00000212, 0x21212121, 0x00000014
    TEST_RR_OP srl   0x00000000, 0x21212121, 0x0000001f
    TEST_RR_OP srl   0x21212121, 0x21212121, 0x00000020
    TEST_RR_OP srl   0x10909090, 0x21212121, 0x00000021
    TEST_RR_OP srl   0x00000000, 0x21212121, 0xffffffff
    TEST_RR_OP srl   0x21212121, 0x21212121, 0xffffffe0
    TEST_RR_OP srl   0x00000000, 0x21212121, 0x0000003f
    TEST_RR_OP srl   0x7fffffff, 0x7fffffff, 0x00000000
    TEST_RR_OP srl   0x3fffffff, 0x7fffffff, 0x00000001
    TEST_RR_OP srl   0x00ffffff, 0x7fffffff, 0x00000007
    TEST_RR_OP srl   0x0001ffff, 0x7fffffff, 0x0000000e
    TEST_RR_OP srl   0x000007ff, 0x7fffffff, 0x00000014
    TEST_RR_OP srl   0x00000000, 0x7fffffff, 0x0000001f
    TEST_RR_OP srl   0x7fffffff, 0x7fffffff, 0x00000020
    TEST_RR_OP srl   0x3fffffff, 0x7fffffff, 0x00000021
    TEST_RR_OP srl   0x00000000, 0x7fffffff, 0xffffffff
    TEST_RR_OP srl   0x7fffffff, 0x7fffffff, 0xffffffe0
    TEST_RR_OP srl   0x00000000, 0x7fffffff, 0x0000003f
    TEST_RR_OP srl   0x87654321, 0x87654321, 0x00000000
    TEST_RR_OP srl   0x43b2a190, 0x87654321, 0x00000001
    TEST_RR_OP srl   0x010eca86, 0x87654321, 0x00000007
    TEST_RR_OP srl   0x00021d95, 0x87654321, 0x0000000e
    TEST_RR_OP srl   0x00000876, 0x87654321, 0x00000014
    TEST_RR_OP srl   0x00000001, 0x87654321, 0x0000001f
    TEST_RR_OP srl   0x87654321, 0x87654321, 0x00000020
    TEST_RR_OP srl   0x43b2a190, 0x87654321, 0x00000021
    TEST_RR_OP srl   0x00000001, 0x87654321, 0xffffffff
    TEST_RR_OP srl   0x87654321, 0x87654321, 0xffffffe0
    TEST_RR_OP srl   0x00000001, 0x87654321, 0x0000003f
    TEST_RR_SRC1_EQ_DEST srl, 0x00000000, 0x0000000d, 0x0000000b
    TEST_RR_SRC2_EQ_DEST srl, 0x00000000, 0x0000000e, 0x0000000b
    TEST_RR_SRC12_EQ_DEST srl, 0x00000000, 0x0000008d
    TEST_RR_ZEROSRC1 srl, 0x00000000, 0x80000011
    TEST_RR_ZEROSRC2 srl, 0x80000011, 0x80000011
    TEST_RR_ZERODEST srl, 0x11, 0x22

/* SRA */
    TEST_RR_OP sra   0x00000001, 0x00000001, 0x00000000
    TEST_RR_OP sra   0x00000000, 0x00000001, 0x00000001
    TEST_RR_OP sra   0x00000000, 0x00000001, 0x00000007
    TEST_RR_OP sra   0x00000000, 0x00000001, 0x0000000e
    TEST_RR_OP sra   0x00000000, 0x00000001, 0x00000014
    TEST_RR_OP sra   0x00000000, 0x00000001, 0x0000001f
    TEST_RR_OP sra   0x00000001, 0x00000001, 0x00000020
    TEST_RR_OP sra   0x00000000, 0x00000001, 0x00000021
    TEST_RR_OP sra   0x00000000, 0x00000001, 0xffffffff
    TEST_RR_OP sra   0x00000001, 0x00000001, 0xffffffe0
    TEST_RR_OP sra   0x00000000, 0x00000001, 0x0000003f
    TEST_RR_OP sra   0x80000000, 0x80000000, 0x00000000
    TEST_RR_OP sra   0xc0000000, 0x80000000, 0x00000001
    TEST_RR_OP sra   0xff000000, 0x80000000, 0x00000007
    TEST_RR_OP sra   0xfffe0000, 0x80000000, 0x0000000e
    TEST_RR_OP sra   0xfffff800, 0x80000000, 0x00000014
    TEST_RR_OP sra   0xffffffff, 0x80000000, 0x0000001f
    TEST_RR_OP sra   0x80000000, 0x80000000, 0x00000020
    TEST_RR_OP sra   0xc0000000, 0x80000000, 0x00000021
    TEST_RR_OP sra   0xffffffff, 0x80000000, 0xffffffff
    TEST_RR_OP sra   0x80000000, 0x80000000, 0xffffffe0
    TEST_RR_OP sra   0xffffffff, 0x80000000, 0x0000003f
    TEST_RR_OP sra   0xffffffff, 0xffffffff, 0x00000000
    TEST_RR_OP sra   0xffffffff, 0xffffffff, 0x00000001
    TEST_RR_OP sra   0xffffffff, 0xffffffff, 0x00000007
    TEST_RR_OP sra   0xffffffff, 0xffffffff, 0x0000000e
    TEST_RR_OP sra   0xffffffff, 0xffffffff, 0x00000014
    TEST_RR_OP sra   0xffffffff, 0xffffffff, 0x0000001f
    TEST_RR_OP sra   0xffffffff, 0xffffffff, 0x00000020
    TEST_RR_OP sra   0xffffffff, 0xffffffff, 0x00000021
    TEST_RR_OP sra   0xffffffff, 0xffffffff, 0xffffffff
    TEST_RR_OP sra   0xffffffff, 0xffffffff, 0xffffffe0
    TEST_RR_OP sra   0xffffffff, 0xffffffff, 0x0000003f
    TEST_RR_OP sra   0x21212121, 0x21212121, 0x00000000
    TEST_RR_OP sra   0x10909090, 0x21212121, 0x00000001
    TEST_RR_OP sra   0x00424242, 0x21212121, 0x00000007
    TEST_RR_OP sra   0x00008484, 0x21212121, 0x0000000e
    TEST_RR_OP sra   0x00000212, 0x21212121, 0x00000014
    TEST_RR_OP sra   0x00000000, 0x21212121, 0x0000001f
    TEST_RR_OP sra   0x21212121, 0x21212121, 0x00000020
    TEST_RR_OP sra   0x10909090, 0x21212121, 0x00000021
    TEST_RR_OP sra   0x00000000, 0x21212121, 0xffffffff
    TEST_RR_OP sra   0x21212121, 0x21212121, 0xffffffe0
    TEST_RR_OP sra   0x00000000, 0x21212121, 0x0000003f
    TEST_RR_OP sra   0x7fffffff, 0x7fffffff, 0x00000000
    TEST_RR_OP sra   0x3fffffff, 0x7fffffff, 0x00000001
    TEST_RR_OP sra   0x00ffffff, 0x7fffffff, 0x00000007
    TEST_RR_OP sra   0x0001ffff, 0x7fffffff, 0x0000000e
    TEST_RR_OP sra   0x000007ff, 0x7fffffff, 0x00000014
    TEST_RR_OP sra   0x00000000, 0x7fffffff, 0x0000001f
    TEST_RR_OP sra   0x7fffffff, 0x7fffffff, 0x00000020
    TEST_RR_OP sra   0x3fffffff, 0x7fffffff, 0x00000021
    TEST_RR_OP sra   0x00000000, 0x7fffffff, 0xffffffff
    TEST_RR_OP sra   0x7fffffff, 0x7fffffff, 0xffffffe0
    TEST_RR_OP sra   0x00000000, 0x7fffffff, 0x0000003f
    TEST_RR_OP sra   0x87654321, 0x87654321, 0x00000000
    TEST_RR_OP sra   0xc3b2a190, 0x87654321, 0x00000001
    TEST_RR_OP sra   0xff0eca86, 0x87654321, 0x00000007
    TEST_RR_OP sra   0xfffe1d95, 0x87654321, 0x0000000e
    TEST_RR_OP sra   0xfffff876, 0x87654321, 0x00000014
    TEST_RR_OP sra   0xffffffff, 0x87654321, 0x0000001f
    TEST_RR_OP sra   0x87654321, 0x87654321, 0x00000020
    TEST_RR_OP sra   0xc3b2a190, 0x87654321, 0x00000021
    TEST_RR_OP sra   0xffffffff, 0x87654321, 0xffffffff
    TEST_RR_OP sra   0x87654321, 0x87654321, 0xffffffe0
    TEST_RR_OP sra   0xffffffff, 0x87654321, 0x0000003f
    TEST_RR_SRC1_EQ_DEST sra, 0x00000000, 0x0000000d, 0x0000000b
    TEST_RR_SRC2_EQ_DEST sra, 0x00000000, 0x0000000e, 0x0000000b
    TEST_RR_SRC12_EQ_DEST sra, 0x00000000, 0x0000008d
    TEST_RR_ZEROSRC1 sra, 0x00000000, 0x80000011
    TEST_RR_ZEROSRC2 sra, 0x80000011, 0x80000011
    TEST_RR_ZERODEST sra, 0x11, 0x22

/* SLT */
    TEST_RR_OP slt   0x00000000, 0x00000000, 0x00000000
    TEST_RR_OP slt   0x00000001, 0x00000000, 0x7fffffff
    TEST_RR_OP slt   0x00000000, 0x00000000, 0xfffffffe
    TEST_RR_OP slt   0x00000001, 0x00000000, 0x00000064
    TEST_RR_OP slt   0x00000000, 0x00000001, 0x00000001
    TEST_RR_OP slt   0x00000000, 0x00000001, 0x80000000
    TEST_RR_OP slt   0x00000001, 0x00000001, 0x00000003
    TEST_RR_OP slt   0x00000000, 0x00000001, 0xffffff9c
    TEST_RR_OP slt   0x00000000, 0xffffffff, 0xffffffff
    TEST_RR_OP slt   0x00000001, 0xffffffff, 0x12345678
    TEST_RR_OP slt   0x00000000, 0xffffffff, 0x87654321
    TEST_RR_OP slt   0x00000000, 0x7fffffff, 0x00000000
    TEST_RR_OP slt   0x00000000, 0x7fffffff, 0x7fffffff
    TEST_RR_OP slt   0x00000000, 0x7fffffff, 0xfffffffe
    TEST_RR_OP slt   0x00000000, 0x7fffffff, 0x00000064
    TEST_RR_OP slt   0x00000001, 0x80000000, 0x00000001
    TEST_RR_OP slt   0x00000000, 0x80000000, 0x80000000
    TEST_RR_OP slt   0x00000001, 0x80000000, 0x00000003
    TEST_RR_OP slt   0x00000001, 0x80000000, 0xffffff9c
    TEST_RR_OP slt   0x00000000, 0x12345678, 0xffffffff
    TEST_RR_OP slt   0x00000000, 0x12345678, 0x12345678
    TEST_RR_OP slt   0x00000000, 0x12345678, 0x87654321
    TEST_RR_OP slt   0x00000001, 0xfffffffe, 0x00000000
    TEST_RR_OP slt   0x00000001, 0xfffffffe, 0x7fffffff
    TEST_RR_OP slt   0x00000000, 0xfffffffe, 0xfffffffe
    TEST_RR_OP slt   0x00000001, 0xfffffffe, 0x00000064
    TEST_RR_OP slt   0x00000000, 0x00000003, 0x00000001
    TEST_RR_OP slt   0x00000000, 0x00000003, 0x80000000
    TEST_RR_OP slt   0x00000000, 0x00000003, 0x00000003
    TEST_RR_OP slt   0x00000000, 0x00000003, 0xffffff9c
    TEST_RR_OP slt   0x00000001, 0x87654321, 0xffffffff
    TEST_RR_OP slt   0x00000001, 0x87654321, 0x12345678
    TEST_RR_OP slt   0x00000000, 0x87654321, 0x87654321
    TEST_RR_OP slt   0x00000000, 0x00000064, 0x00000000
    TEST_RR_OP slt   0x00000001, 0x00000064, 0x7fffffff
    TEST_RR_OP slt   0x00000000, 0x00000064, 0xfffffffe
    TEST_RR_OP slt   0x00000000, 0x00000064, 0x00000064
    TEST_RR_OP slt   0x00000001, 0xffffff9c, 0x00000001
    TEST_RR_OP slt   0x00000000, 0xffffff9c, 0x80000000
    TEST_RR_OP slt   0x00000001, 0xffffff9c, 0x00000003
    TEST_RR_OP slt   0x00000000, 0xffffff9c, 0xffffff9c
    TEST_RR_SRC1_EQ_DEST slt, 0x00000000, 0x0000000d, 0x0000000b
    TEST_RR_SRC2_EQ_DEST slt, 0x00000000, 0x0000000e, 0x0000000b
    TEST_RR_SRC12_EQ_DEST slt, 0x00000000, 0x0000008d
    TEST_RR_ZEROSRC1 slt, 0x00000000, 0x80000011
    TEST_RR_ZEROSRC2 slt, 0x00000001, 0x80000011
    TEST_RR_ZERODEST slt, 0x11, 0x22

/* SLTU */
    TEST_RR_OP sltu  0x00000000, 0x00000000, 0x00000000
    TEST_RR_OP sltu  0x00000001, 0x00000000, 0x7fffffff
    TEST_RR_OP sltu  0x00000001, 0x00000000, 0xfffffffe
    TEST_RR_OP sltu  0x00000001, 0x00000000, 0x00000064
    TEST_RR_OP sltu  0x00000000, 0x00000001, 0x00000001
    TEST_RR_OP sltu  0x00000001, 0x00000001, 0x80000000
    TEST_RR_OP sltu  0x00000001, 0x00000001, 0x00000003
    TEST_RR_OP sltu  0x00000001, 0x00000001, 0xffffff9c
    TEST_RR_OP sltu  0x00000000, 0xffffffff, 0xffffffff
    TEST_RR_OP sltu  0x00000000, 0xffffffff, 0x12345678
    TEST_RR_OP sltu  0x00000000, 0xffffffff, 0x87654321
    TEST_RR_OP sltu  0x00000000, 0x7fffffff, 0x00000000
    TEST_RR_OP sltu  0x00000000, 0x7fffffff, 0x7fffffff
    TEST_RR_OP sltu  0x00000001, 0x7fffffff, 0xfffffffe
    TEST_RR_OP sltu  0x00000000, 0x7fffffff, 0x00000064
    TEST_RR_OP sltu  0x00000000, 0x80000000, 0x00000001
    TEST_RR_OP sltu  0x00000000, 0x80000000, 0x80000000
    TEST_RR_OP sltu  0x00000000, 0x80000000, 0x00000003
    TEST_RR_OP sltu  0x00000001, 0x80000000, 0xffffff9c
    TEST_RR_OP sltu  0x00000001, 0x12345678, 0xffffffff
    TEST_RR_OP sltu  0x00000000, 0x12345678, 0x12345678
    TEST_RR_OP sltu  0x00000001, 0x12345678, 0x87654321
    TEST_RR_OP sltu  0x00000000, 0xfffffffe, 0x00000000
    TEST_RR_OP sltu  0x00000000, 0xfffffffe, 0x7fffffff
    TEST_RR_OP sltu  0x00000000, 0xfffffffe, 0xfffffffe
    TEST_RR_OP sltu  0x00000000, 0xfffffffe, 0x00000064
    TEST_RR_OP sltu  0x00000000, 0x00000003, 0x00000001
    TEST_RR_OP sltu  0x00000001, 0x00000003, 0x80000000
    TEST_RR_OP sltu  0x00000000, 0x00000003, 0x00000003
    TEST_RR_OP sltu  0x00000001, 0x00000003, 0xffffff9c
    TEST_RR_OP sltu  0x00000001, 0x87654321, 0xffffffff
    TEST_RR_OP sltu  0x00000000, 0x87654321, 0x12345678
    TEST_RR_OP sltu  0x00000000, 0x87654321, 0x87654321
    TEST_RR_OP sltu  0x00000000, 0x00000064, 0x00000000
    TEST_RR_OP sltu  0x00000001, 0x00000064, 0x7fffffff
    TEST_RR_OP sltu  0x00000001, 0x00000064, 0xfffffffe
    TEST_RR_OP sltu  0x00000000, 0x00000064, 0x00000064
    TEST_RR_OP sltu  0x00000000, 0xffffff9c, 0x00000001
    TEST_RR_OP sltu  0x00000000, 0xffffff9c, 0x80000000
    TEST_RR_OP sltu  0x00000000, 0xffffff9c, 0x00000003
    TEST_RR_OP sltu  0x00000000, 0xffffff9c, 0xffffff9c
    TEST_RR_SRC1_EQ_DEST sltu, 0x00000000, 0x0000000d, 0x0000000b
    TEST_RR_SRC2_EQ_DEST sltu, 0x00000000, 0x0000000e, 0x0000000b
    TEST_RR_SRC12_EQ_DEST sltu, 0x00000000, 0x0000008d
    TEST_RR_ZEROSRC1 sltu, 0x00000001, 0x80000011
    TEST_RR_ZEROSRC2 sltu, 0x00000000, 0x80000011
    TEST_RR_ZERODEST sltu, 0x11, 0x22

/* XOR */
    TEST_RR_OP xor   0x00000000, 0x00000000, 0x00000000
    TEST_RR_OP xor   0x7fffffff, 0x00000000, 0x7fffffff
    TEST_RR_OP xor   0xfffffffe, 0x00000000, 0xfffffffe
    TEST_RR_OP xor   0x00000064, 0x00000000, 0x00000064
    TEST_RR_OP xor   0x00000000, 0x00000001, 0x00000001
    TEST_RR_OP xor   0x80000001, 0x00000001, 0x80000000
    TEST_RR_OP xor   0x00000002, 0x00000001, 0x00000003
    TEST_RR_OP xor   0xffffff9d, 0x00000001, 0xffffff9c
    TEST_RR_OP xor   0x00000000, 0xffffffff, 0xffffffff
    TEST_RR_OP xor   0xedcba987, 0xffffffff, 0x12345678
    TEST_RR_OP xor   0x789abcde, 0xffffffff, 0x87654321
    TEST_RR_OP xor   0x7fffffff, 0x7fffffff, 0x00000000
    TEST_RR_OP xor   0x00000000, 0x7fffffff, 0x7fffffff
    TEST_RR_OP xor   0x80000001, 0x7fffffff, 0xfffffffe
    TEST_RR_OP xor   0x7fffff9b, 0x7fffffff, 0x00000064
    TEST_RR_OP xor   0x80000001, 0x80000000, 0x00000001
    TEST_RR_OP xor   0x00000000, 0x80000000, 0x80000000
    TEST_RR_OP xor   0x80000003, 0x80000000, 0x00000003
    TEST_RR_OP xor   0x7fffff9c, 0x80000000, 0xffffff9c
    TEST_RR_OP xor   0xedcba987, 0x12345678, 0xffffffff
    TEST_RR_OP xor   0x00000000, 0x12345678, 0x12345678
    TEST_RR_OP xor   0x95511559, 0x12345678, 0x87654321
    TEST_RR_OP xor   0xfffffffe, 0xfffffffe, 0x00000000
    TEST_RR_OP xor   0x80000001, 0xfffffffe, 0x7fffffff
    TEST_RR_OP xor   0x00000000, 0xfffffffe, 0xfffffffe
    TEST_RR_OP xor   0xffffff9a, 0xfffffffe, 0x00000064
    TEST_RR_OP xor   0x00000002, 0x00000003, 0x00000001
    TEST_RR_OP xor   0x80000003, 0x00000003, 0x80000000
    TEST_RR_OP xor   0x00000000, 0x00000003, 0x00000003
    TEST_RR_OP xor   0xffffff9f, 0x00000003, 0xffffff9c
    TEST_RR_OP xor   0x789abcde, 0x87654321, 0xffffffff
    TEST_RR_OP xor   0x95511559, 0x87654321, 0x12345678
    TEST_RR_OP xor   0x00000000, 0x87654321, 0x87654321
    TEST_RR_OP xor   0x00000064, 0x00000064, 0x00000000
    TEST_RR_OP xor   0x7fffff9b, 0x00000064, 0x7fffffff
    TEST_RR_OP xor   0xffffff9a, 0x00000064, 0xfffffffe
    TEST_RR_OP xor   0x00000000, 0x00000064, 0x00000064
    TEST_RR_OP xor   0xffffff9d, 0xffffff9c, 0x00000001
    TEST_RR_OP xor   0x7fffff9c, 0xffffff9c, 0x80000000
    TEST_RR_OP xor   0xffffff9f, 0xffffff9c, 0x00000003
    TEST_RR_OP xor   0x00000000, 0xffffff9c, 0xffffff9c
    TEST_RR_SRC1_EQ_DEST xor, 0x00000006, 0x0000000d, 0x0000000b
    TEST_RR_SRC2_EQ_DEST xor, 0x00000005, 0x0000000e, 0x0000000b
    TEST_RR_SRC12_EQ_DEST xor, 0x00000000, 0x0000008d
    TEST_RR_ZEROSRC1 xor, 0x80000011, 0x80000011
    TEST_RR_ZEROSRC2 xor, 0x80000011, 0x80000011
    TEST_RR_ZERODEST xor, 0x11, 0x22

/* OR */
    TEST_RR_OP or    0x00000000, 0x00000000, 0x00000000
    TEST_RR_OP or    0x7fffffff, 0x00000000, 0x7fffffff
    TEST_RR_OP or    0xfffffffe, 0x00000000, 0xfffffffe
    TEST_RR_OP or    0x00000064, 0x00000000, 0x00000064
    TEST_RR_OP or    0x00000001, 0x00000001, 0x00000001
    TEST_RR_OP or    0x80000001, 0x00000001, 0x80000000
    TEST_RR_OP or    0x00000003, 0x00000001, 0x00000003
    TEST_RR_OP or    0xffffff9d, 0x00000001, 0xffffff9c
    TEST_RR_OP or    0xffffffff, 0xffffffff, 0xffffffff
    TEST_RR_OP or    0xffffffff, 0xffffffff, 0x12345678
    TEST_RR_OP or    0xffffffff, 0xffffffff, 0x87654321
    TEST_RR_OP or    0x7fffffff, 0x7fffffff, 0x00000000
    TEST_RR_OP or    0x7fffffff, 0x7fffffff, 0x7fffffff
    TEST_RR_OP or    0xffffffff, 0x7fffffff, 0xfffffffe
    TEST_RR_OP or    0x7fffffff, 0x7fffffff, 0x00000064
    TEST_RR_OP or    0x80000001, 0x80000000, 0x00000001
    TEST_RR_OP or    0x80000000, 0x80000000, 0x80000000
    TEST_RR_OP or    0x80000003, 0x80000000, 0x00000003
    TEST_RR_OP or    0xffffff9c, 0x80000000, 0xffffff9c
    TEST_RR_OP or    0xffffffff, 0x12345678, 0xffffffff
    TEST_RR_OP or    0x12345678, 0x12345678, 0x12345678
    TEST_RR_OP or    0x97755779, 0x12345678, 0x87654321
    TEST_RR_OP or    0xfffffffe, 0xfffffffe, 0x00000000
    TEST_RR_OP or    0xffffffff, 0xfffffffe, 0x7fffffff
    TEST_RR_OP or    0xfffffffe, 0xfffffffe, 0xfffffffe
    TEST_RR_OP or    0xfffffffe, 0xfffffffe, 0x00000064
    TEST_RR_OP or    0x00000003, 0x00000003, 0x00000001
    TEST_RR_OP or    0x80000003, 0x00000003, 0x80000000
    TEST_RR_OP or    0x00000003, 0x00000003, 0x00000003
    TEST_RR_OP or    0xffffff9f, 0x00000003, 0xffffff9c
    TEST_RR_OP or    0xffffffff, 0x87654321, 0xffffffff
    TEST_RR_OP or    0x97755779, 0x87654321, 0x12345678
    TEST_RR_OP or    0x87654321, 0x87654321, 0x87654321
    TEST_RR_OP or    0x00000064, 0x00000064, 0x00000000
    TEST_RR_OP or    0x7fffffff, 0x00000064, 0x7fffffff
    TEST_RR_OP or    0xfffffffe, 0x00000064, 0xfffffffe
    TEST_RR_OP or    0x00000064, 0x00000064, 0x00000064
    TEST_RR_OP or    0xffffff9d, 0xffffff9c, 0x00000001
    TEST_RR_OP or    0xffffff9c, 0xffffff9c, 0x80000000
    TEST_RR_OP or    0xffffff9f, 0xffffff9c, 0x00000003
    TEST_RR_OP or    0xffffff9c, 0xffffff9c, 0xffffff9c
    TEST_RR_SRC1_EQ_DEST or, 0x0000000f, 0x0000000d, 0x0000000b
    TEST_RR_SRC2_EQ_DEST or, 0x0000000f, 0x0000000e, 0x0000000b
    TEST_RR_SRC12_EQ_DEST or, 0x0000008d, 0x0000008d
    TEST_RR_ZEROSRC1 or, 0x80000011, 0x80000011
    TEST_RR_ZEROSRC2 or, 0x80000011, 0x80000011
    TEST_RR_ZERODEST or, 0x11, 0x22

/* AND */
    TEST_RR_OP and   0x00000000, 0x00000000, 0x00000000
    TEST_RR_OP and   0x00000000, 0x00000000, 0x7fffffff
    TEST_RR_OP and   0x00000000, 0x00000000, 0xfffffffe
    TEST_RR_OP and   0x00000000, 0x00000000, 0x00000064
    TEST_RR_OP and   0x00000001, 0x00000001, 0x00000001
    TEST_RR_OP and   0x00000000, 0x00000001, 0x80000000
    TEST_RR_OP and   0x00000001, 0x00000001, 0x00000003
    TEST_RR_OP and   0x00000000, 0x00000001, 0xffffff9c
    TEST_RR_OP and   0xffffffff, 0xffffffff, 0xffffffff
    TEST_RR_OP and   0x12345678, 0xffffffff, 0x12345678
    TEST_RR_OP and   0x87654321, 0xffffffff, 0x87654321
    TEST_RR_OP and   0x00000000, 0x7fffffff, 0x00000000
    TEST_RR_OP and   0x7fffffff, 0x7fffffff, 0x7fffffff
    TEST_RR_OP and   0x7ffffffe, 0x7fffffff, 0xfffffffe
    TEST_RR_OP and   0x00000064, 0x7fffffff, 0x00000064
    TEST_RR_OP and   0x00000000, 0x80000000, 0x00000001
    TEST_RR_OP and   0x80000000, 0x80000000, 0x80000000
    TEST_RR_OP and   0x00000000, 0x80000000, 0x00000003
    TEST_RR_OP and   0x80000000, 0x80000000, 0xffffff9c
    TEST_RR_OP and   0x12345678, 0x12345678, 0xffffffff
    TEST_RR_OP and   0x12345678, 0x12345678, 0x12345678
    TEST_RR_OP and   0x02244220, 0x12345678, 0x87654321
    TEST_RR_OP and   0x00000000, 0xfffffffe, 0x00000000
    TEST_RR_OP and   0x7ffffffe, 0xfffffffe, 0x7fffffff
    TEST_RR_OP and   0xfffffffe, 0xfffffffe, 0xfffffffe
    TEST_RR_OP and   0x00000064, 0xfffffffe, 0x00000064
    TEST_RR_OP and   0x00000001, 0x00000003, 0x00000001
    TEST_RR_OP and   0x00000000, 0x00000003, 0x80000000
    TEST_RR_OP and   0x00000003, 0x00000003, 0x00000003
    TEST_RR_OP and   0x00000000, 0x00000003, 0xffffff9c
    TEST_RR_OP and   0x87654321, 0x87654321, 0xffffffff
    TEST_RR_OP and   0x02244220, 0x87654321, 0x12345678
    TEST_RR_OP and   0x87654321, 0x87654321, 0x87654321
    TEST_RR_OP and   0x00000000, 0x00000064, 0x00000000
    TEST_RR_OP and   0x00000064, 0x00000064, 0x7fffffff
    TEST_RR_OP and   0x00000064, 0x00000064, 0xfffffffe
    TEST_RR_OP and   0x00000064, 0x00000064, 0x00000064
    TEST_RR_OP and   0x00000000, 0xffffff9c, 0x00000001
    TEST_RR_OP and   0x80000000, 0xffffff9c, 0x80000000
    TEST_RR_OP and   0x00000000, 0xffffff9c, 0x00000003
    TEST_RR_OP and   0xffffff9c, 0xffffff9c, 0xffffff9c
    TEST_RR_SRC1_EQ_DEST and, 0x00000009, 0x0000000d, 0x0000000b
    TEST_RR_SRC2_EQ_DEST and, 0x0000000a, 0x0000000e, 0x0000000b
    TEST_RR_SRC12_EQ_DEST and, 0x0000008d, 0x0000008d
    TEST_RR_ZEROSRC1 and, 0x00000000, 0x80000011
    TEST_RR_ZEROSRC2 and, 0x00000000, 0x80000011
    TEST_RR_ZERODEST and, 0x11, 0x22

/* Register-immediate ALU ops */

/* ADDI */
    TEST_IMM_OP addi  0x00000000, 0x00000000, 0
    TEST_IMM_OP addi  0x00000001, 0x00000000, 1
    TEST_IMM_OP addi  0xffffffff, 0x00000000, -1
    TEST_IMM_OP addi  0x000007ff, 0x00000000, 2047
    TEST_IMM_OP addi  0xfffff800, 0x00000000, -2048
    TEST_IMM_OP addi  0x000007ff, 0x00000000, 2047
    TEST_IMM_OP addi  0xfffff800, 0x00000000, -2048
    TEST_IMM_OP addi  0x00000555, 0x00000000, 1365
    TEST_IMM_OP addi  0xfffffaaa, 0x00000000, -1366
    TEST_IMM_OP addi  0x00000064, 0x00000000, 100
    TEST_IMM_OP addi  0xffffff9c, 0x00000000, -100
    TEST_IMM_OP addi  0x00000001, 0x00000001, 0
    TEST_IMM_OP addi  0x00000002, 0x00000001, 1
    TEST_IMM_OP addi  0x00000000, 0x00000001, -1
    TEST_IMM_OP addi  0x00000800, 0x00000001, 2047
    TEST_IMM_OP addi  0xfffff801, 0x00000001, -2048
    TEST_IMM_OP addi  0x00000800, 0x00000001, 2047
    TEST_IMM_OP addi  0xfffff801, 0x00000001, -2048
    TEST_IMM_OP addi  0x00000556, 0x00000001, 1365
    TEST_IMM_OP addi  0xfffffaab, 0x00000001, -1366
    TEST_IMM_OP addi  0x00000065, 0x00000001, 100
    TEST_IMM_OP addi  0xffffff9d, 0x00000001, -100
    TEST_IMM_OP addi  0xffffffff, 0xffffffff, 0
    TEST_IMM_OP addi  0x00000000, 0xffffffff, 1
    TEST_IMM_OP addi  0xfffffffe, 0xffffffff, -1
    TEST_IMM_OP addi  0x000007fe, 0xffffffff, 2047
    TEST_IMM_OP addi  0xfffff7ff, 0xffffffff, -2048
    TEST_IMM_OP addi  0x000007fe, 0xffffffff, 2047
    TEST_IMM_OP addi  0xfffff7ff, 0xffffffff, -2048
    TEST_IMM_OP addi  0x00000554, 0xffffffff, 1365
    TEST_IMM_OP addi  0xfffffaa9, 0xffffffff, -1366
    TEST_IMM_OP addi  0x00000063, 0xffffffff, 100
    TEST_IMM_OP addi  0xffffff9b, 0xffffffff, -100
    TEST_IMM_OP addi  0x7fffffff, 0x7fffffff, 0
    TEST_IMM_OP addi  0x7ffffffe, 0x7fffffff, -1
    TEST_IMM_OP addi  0x7ffff7ff, 0x7fffffff, -2048
    TEST_IMM_OP addi  0x7ffff7ff, 0x7fffffff, -2048
    TEST_IMM_OP addi  0x7ffffaa9, 0x7fffffff, -1366
    TEST_IMM_OP addi  0x7fffff9b, 0x7fffffff, -100
    TEST_IMM_OP addi  0x80000000, 0x80000000, 0
    TEST_IMM_OP addi  0x7fffffff, 0x80000000, -1
    TEST_IMM_OP addi  0x7ffff800, 0x80000000, -2048
    TEST_IMM_OP addi  0x7ffff800, 0x80000000, -2048
    TEST_IMM_OP addi  0x7ffffaaa, 0x80000000, -1366
    TEST_IMM_OP addi  0x7fffff9c, 0x80000000, -100
    TEST_IMM_OP addi  0x12345678, 0x12345678, 0
    TEST_IMM_OP addi  0x12345677, 0x12345678, -1
    TEST_IMM_OP addi  0x12344e78, 0x12345678, -2048
    TEST_IMM_OP addi  0x12344e78, 0x12345678, -2048
    TEST_IMM_OP addi  0x12345122, 0x12345678, -1366
    TEST_IMM_OP addi  0x12345614, 0x12345678, -100
    TEST_IMM_OP addi  0x000007ff, 0x000007ff, 0
    TEST_IMM_OP addi  0x000007fe, 0x000007ff, -1
    TEST_IMM_OP addi  0xffffffff, 0x000007ff, -2048
    TEST_IMM_OP addi  0xffffffff, 0x000007ff, -2048
    TEST_IMM_OP addi  0x000002a9, 0x000007ff, -1366
    TEST_IMM_OP addi  0x0000079b, 0x000007ff, -100
    TEST_IMM_OP addi  0xfffff800, 0xfffff800, 0
    TEST_IMM_OP addi  0xfffff7ff, 0xfffff800, -1
    TEST_IMM_OP addi  0xfffff000, 0xfffff800, -2048
    TEST_IMM_OP addi  0xfffff000, 0xfffff800, -2048
    TEST_IMM_OP addi  0xfffff2aa, 0xfffff800, -1366
    TEST_IMM_OP addi  0xfffff79c, 0xfffff800, -100
    TEST_IMM_OP addi  0x00000800, 0x00000800, 0
    TEST_IMM_OP addi  0x000007ff, 0x00000800, -1
    TEST_IMM_OP addi  0x00000000, 0x00000800, -2048
    TEST_IMM_OP addi  0x00000000, 0x00000800, -2048
    TEST_IMM_OP addi  0x000002aa, 0x00000800, -1366
    TEST_IMM_OP addi  0x0000079c, 0x00000800, -100

/* SLTI */
    TEST_IMM_OP slti  0x00000000, 0x00000000, 0
    TEST_IMM_OP slti  0x00000001, 0x00000000, 1
    TEST_IMM_OP slti  0x00000000, 0x00000000, -1
    TEST_IMM_OP slti  0x00000001, 0x00000000, 2047
    TEST_IMM_OP slti  0x00000000, 0x00000000, -2048
    TEST_IMM_OP slti  0x00000001, 0x00000000, 2047
    TEST_IMM_OP slti  0x00000000, 0x00000000, -2048
    TEST_IMM_OP slti  0x00000001, 0x00000000, 1365
    TEST_IMM_OP slti  0x00000000, 0x00000000, -1366
    TEST_IMM_OP slti  0x00000001, 0x00000000, 100
    TEST_IMM_OP slti  0x00000000, 0x00000000, -100
    TEST_IMM_OP slti  0x00000000, 0x00000001, 0
    TEST_IMM_OP slti  0x00000000, 0x00000001, 1
    TEST_IMM_OP slti  0x00000000, 0x00000001, -1
    TEST_IMM_OP slti  0x00000001, 0x00000001, 2047
    TEST_IMM_OP slti  0x00000000, 0x00000001, -2048
    TEST_IMM_OP slti  0x00000001, 0x00000001, 2047
    TEST_IMM_OP slti  0x00000000, 0x00000001, -2048
    TEST_IMM_OP slti  0x00000001, 0x00000001, 1365
    TEST_IMM_OP slti  0x00000000, 0x00000001, -1366
    TEST_IMM_OP slti  0x00000001, 0x00000001, 100
    TEST_IMM_OP slti  0x00000000, 0x00000001, -100
    TEST_IMM_OP slti  0x00000001, 0xffffffff, 0
    TEST_IMM_OP slti  0x00000001, 0xffffffff, 1
    TEST_IMM_OP slti  0x00000000, 0xffffffff, -1
    TEST_IMM_OP slti  0x00000001, 0xffffffff, 2047
    TEST_IMM_OP slti  0x00000000, 0xffffffff, -2048
    TEST_IMM_OP slti  0x00000001, 0xffffffff, 2047
    TEST_IMM_OP slti  0x00000000, 0xffffffff, -2048
    TEST_IMM_OP slti  0x00000001, 0xffffffff, 1365
    TEST_IMM_OP slti  0x00000000, 0xffffffff, -1366
    TEST_IMM_OP slti  0x00000001, 0xffffffff, 100
    TEST_IMM_OP slti  0x00000000, 0xffffffff, -100
    TEST_IMM_OP slti  0x00000000, 0x7fffffff, 0
    TEST_IMM_OP slti  0x00000000, 0x7fffffff, -1
    TEST_IMM_OP slti  0x00000000, 0x7fffffff, -2048
    TEST_IMM_OP slti  0x00000000, 0x7fffffff, -2048
    TEST_IMM_OP slti  0x00000000, 0x7fffffff, -1366
    TEST_IMM_OP slti  0x00000000, 0x7fffffff, -100
    TEST_IMM_OP slti  0x00000001, 0x80000000, 0
    TEST_IMM_OP slti  0x00000001, 0x80000000, -1
    TEST_IMM_OP slti  0x00000001, 0x80000000, -2048
    TEST_IMM_OP slti  0x00000001, 0x80000000, -2048
    TEST_IMM_OP slti  0x00000001, 0x80000000, -1366
    TEST_IMM_OP slti  0x00000001, 0x80000000, -100
    TEST_IMM_OP slti  0x00000000, 0x12345678, 0
    TEST_IMM_OP slti  0x00000000, 0x12345678, -1
    TEST_IMM_OP slti  0x00000000, 0x12345678, -2048
    TEST_IMM_OP slti  0x00000000, 0x12345678, -2048
    TEST_IMM_OP slti  0x00000000, 0x12345678, -1366
    TEST_IMM_OP slti  0x00000000, 0x12345678, -100
    TEST_IMM_OP slti  0x00000000, 0x000007ff, 0
    TEST_IMM_OP slti  0x00000000, 0x000007ff, -1
    TEST_IMM_OP slti  0x00000000, 0x000007ff, -2048
    TEST_IMM_OP slti  0x00000000, 0x000007ff, -2048
    TEST_IMM_OP slti  0x00000000, 0x000007ff, -1366
    TEST_IMM_OP slti  0x00000000, 0x000007ff, -100
    TEST_IMM_OP slti  0x00000001, 0xfffff800, 0
    TEST_IMM_OP slti  0x00000001, 0xfffff800, -1
    TEST_IMM_OP slti  0x00000000, 0xfffff800, -2048
    TEST_IMM_OP slti  0x00000000, 0xfffff800, -2048
    TEST_IMM_OP slti  0x00000001, 0xfffff800, -1366
    TEST_IMM_OP slti  0x00000001, 0xfffff800, -100
    TEST_IMM_OP slti  0x00000000, 0x00000800, 0
    TEST_IMM_OP slti  0x00000000, 0x00000800, -1
    TEST_IMM_OP slti  0x00000000, 0x00000800, -2048
    TEST_IMM_OP slti  0x00000000, 0x00000800, -2048
    TEST_IMM_OP slti  0x00000000, 0x00000800, -1366
    TEST_IMM_OP slti  0x00000000, 0x00000800, -100

/* SLTIU */
    TEST_IMM_OP sltiu 0x00000000, 0x00000000, 0
    TEST_IMM_OP sltiu 0x00000001, 0x00000000, 1
    TEST_IMM_OP sltiu 0x00000001, 0x00000000, -1
    TEST_IMM_OP sltiu 0x00000001, 0x00000000, 2047
    TEST_IMM_OP sltiu 0x00000001, 0x00000000, -2048
    TEST_IMM_OP sltiu 0x00000001, 0x00000000, 2047
    TEST_IMM_OP sltiu 0x00000001, 0x00000000, -2048
    TEST_IMM_OP sltiu 0x00000001, 0x00000000, 1365
    TEST_IMM_OP sltiu 0x00000001, 0x00000000, -1366
    TEST_IMM_OP sltiu 0x00000001, 0x00000000, 100
    TEST_IMM_OP sltiu 0x00000001, 0x00000000, -100
    TEST_IMM_OP sltiu 0x00000000, 0x00000001, 0
    TEST_IMM_OP sltiu 0x00000000, 0x00000001, 1
    TEST_IMM_OP sltiu 0x00000001, 0x00000001, -1
    TEST_IMM_OP sltiu 0x00000001, 0x00000001, 2047
    TEST_IMM_OP sltiu 0x00000001, 0x00000001, -2048
    TEST_IMM_OP sltiu 0x00000001, 0x00000001, 2047
    TEST_IMM_OP sltiu 0x00000001, 0x00000001, -2048
    TEST_IMM_OP sltiu 0x00000001, 0x00000001, 1365
    TEST_IMM_OP sltiu 0x00000001, 0x00000001, -1366
    TEST_IMM_OP sltiu 0x00000001, 0x00000001, 100
    TEST_IMM_OP sltiu 0x00000001, 0x00000001, -100
    TEST_IMM_OP sltiu 0x00000000, 0xffffffff, 0
    TEST_IMM_OP sltiu 0x00000000, 0xffffffff, 1
    TEST_IMM_OP sltiu 0x00000000, 0xffffffff, -1
    TEST_IMM_OP sltiu 0x00000000, 0xffffffff, 2047
    TEST_IMM_OP sltiu 0x00000000, 0xffffffff, -2048
    TEST_IMM_OP sltiu 0x00000000, 0xffffffff, 2047
    TEST_IMM_OP sltiu 0x00000000, 0xffffffff, -2048
    TEST_IMM_OP sltiu 0x00000000, 0xffffffff, 1365
    TEST_IMM_OP sltiu 0x00000000, 0xffffffff, -1366
    TEST_IMM_OP sltiu 0x00000000, 0xffffffff, 100
    TEST_IMM_OP sltiu 0x00000000, 0xffffffff, -100
    TEST_IMM_OP sltiu 0x00000000, 0x7fffffff, 0
    TEST_IMM_OP sltiu 0x00000001, 0x7fffffff, -1
    TEST_IMM_OP sltiu 0x00000001, 0x7fffffff, -2048
    TEST_IMM_OP sltiu 0x00000001, 0x7fffffff, -2048
    TEST_IMM_OP sltiu 0x00000001, 0x7fffffff, -1366
    TEST_IMM_OP sltiu 0x00000001, 0x7fffffff, -100
    TEST_IMM_OP sltiu 0x00000000, 0x80000000, 0
    TEST_IMM_OP sltiu 0x00000001, 0x80000000, -1
    TEST_IMM_OP sltiu 0x00000001, 0x80000000, -2048
    TEST_IMM_OP sltiu 0x00000001, 0x80000000, -2048
    TEST_IMM_OP sltiu 0x00000001, 0x80000000, -1366
    TEST_IMM_OP sltiu 0x00000001, 0x80000000, -100
    TEST_IMM_OP sltiu 0x00000000, 0x12345678, 0
    TEST_IMM_OP sltiu 0x00000001, 0x12345678, -1
    TEST_IMM_OP sltiu 0x00000001, 0x12345678, -2048
    TEST_IMM_OP sltiu 0x00000001, 0x12345678, -2048
    TEST_IMM_OP sltiu 0x00000001, 0x12345678, -1366
    TEST_IMM_OP sltiu 0x00000001, 0x12345678, -100
    TEST_IMM_OP sltiu 0x00000000, 0x000007ff, 0
    TEST_IMM_OP sltiu 0x00000001, 0x000007ff, -1
    TEST_IMM_OP sltiu 0x00000001, 0x000007ff, -2048
    TEST_IMM_OP sltiu 0x00000001, 0x000007ff, -2048
    TEST_IMM_OP sltiu 0x00000001, 0x000007ff, -1366
    TEST_IMM_OP sltiu 0x00000001, 0x000007ff, -100
    TEST_IMM_OP sltiu 0x00000000, 0xfffff800, 0
    TEST_IMM_OP sltiu 0x00000001, 0xfffff800, -1
    TEST_IMM_OP sltiu 0x00000000, 0xfffff800, -2048
    TEST_IMM_OP sltiu 0x00000000, 0xfffff800, -2048
    TEST_IMM_OP sltiu 0x00000001, 0xfffff800, -1366
    TEST_IMM_OP sltiu 0x00000001, 0xfffff800, -100
    TEST_IMM_OP sltiu 0x00000000, 0x00000800, 0
    TEST_IMM_OP sltiu 0x00000001, 0x00000800, -1
    TEST_IMM_OP sltiu 0x00000001, 0x00000800, -2048
    TEST_IMM_OP sltiu 0x00000001, 0x00000800, -2048
    TEST_IMM_OP sltiu 0x00000001, 0x00000800, -1366
    TEST_IMM_OP sltiu 0x00000001, 0x00000800, -100

/* XORI */
    TEST_IMM_OP xori  0x00000000, 0x00000000, 0
    TEST_IMM_OP xori  0x00000001, 0x00000000, 1
    TEST_IMM_OP xori  0xffffffff, 0x00000000, -1
    TEST_IMM_OP xori  0x000007ff, 0x00000000, 2047
    TEST_IMM_OP xori  0xfffff800, 0x00000000, -2048
    TEST_IMM_OP xori  0x000007ff, 0x00000000, 2047
    TEST_IMM_OP xori  0xfffff800, 0x00000000, -2048
    TEST_IMM_OP xori  0x00000555, 0x00000000, 1365
    TEST_IMM_OP xori  0xfffffaaa, 0x00000000, -1366
    TEST_IMM_OP xori  0x00000064, 0x00000000, 100
    TEST_IMM_OP xori  0xffffff9c, 0x00000000, -100
    TEST_IMM_OP xori  0x00000001, 0x00000001, 0
    TEST_IMM_OP xori  0x00000000, 0x00000001, 1
    TEST_IMM_OP xori  0xfffffffe, 0x00000001, -1
    TEST_IMM_OP xori  0x000007fe, 0x00000001, 2047
    TEST_IMM_OP xori  0xfffff801, 0x00000001, -2048
    TEST_IMM_OP xori  0x000007fe, 0x00000001, 2047
    TEST_IMM_OP xori  0xfffff801, 0x00000001, -2048
    TEST_IMM_OP xori  0x00000554, 0x00000001, 1365
    TEST_IMM_OP xori  0xfffffaab, 0x00000001, -1366
    TEST_IMM_OP xori  0x00000065, 0x00000001, 100
    TEST_IMM_OP xori  0xffffff9d, 0x00000001, -100
    TEST_IMM_OP xori  0xffffffff, 0xffffffff, 0
    TEST_IMM_OP xori  0xfffffffe, 0xffffffff, 1
    TEST_IMM_OP xori  0x00000000, 0xffffffff, -1
    TEST_IMM_OP xori  0xfffff800, 0xffffffff, 2047
    TEST_IMM_OP xori  0x000007ff, 0xffffffff, -2048
    TEST_IMM_OP xori  0xfffff800, 0xffffffff, 2047
    TEST_IMM_OP xori  0x000007ff, 0xffffffff, -2048
    TEST_IMM_OP xori  0xfffffaaa, 0xffffffff, 1365
    TEST_IMM_OP xori  0x00000555, 0xffffffff, -1366
    TEST_IMM_OP xori  0xffffff9b, 0xffffffff, 100
    TEST_IMM_OP xori  0x00000063, 0xffffffff, -100
    TEST_IMM_OP xori  0x7fffffff, 0x7fffffff, 0
    TEST_IMM_OP xori  0x80000000, 0x7fffffff, -1
    TEST_IMM_OP xori  0x800007ff, 0x7fffffff, -2048
    TEST_IMM_OP xori  0x800007ff, 0x7fffffff, -2048
    TEST_IMM_OP xori  0x80000555, 0x7fffffff, -1366
    TEST_IMM_OP xori  0x80000063, 0x7fffffff, -100
    TEST_IMM_OP xori  0x80000000, 0x80000000, 0
    TEST_IMM_OP xori  0x7fffffff, 0x80000000, -1
    TEST_IMM_OP xori  0x7ffff800, 0x80000000, -2048
    TEST_IMM_OP xori  0x7ffff800, 0x80000000, -2048
    TEST_IMM_OP xori  0x7ffffaaa, 0x80000000, -1366
    TEST_IMM_OP xori  0x7fffff9c, 0x80000000, -100
    TEST_IMM_OP xori  0x12345678, 0x12345678, 0
    TEST_IMM_OP xori  0xedcba987, 0x12345678, -1
    TEST_IMM_OP xori  0xedcbae78, 0x12345678, -2048
    TEST_IMM_OP xori  0xedcbae78, 0x12345678, -2048
    TEST_IMM_OP xori  0xedcbacd2, 0x12345678, -1366
    TEST_IMM_OP xori  0xedcba9e4, 0x12345678, -100
    TEST_IMM_OP xori  0x000007ff, 0x000007ff, 0
    TEST_IMM_OP xori  0xfffff800, 0x000007ff, -1
    TEST_IMM_OP xori  0xffffffff, 0x000007ff, -2048
    TEST_IMM_OP xori  0xffffffff, 0x000007ff, -2048
    TEST_IMM_OP xori  0xfffffd55, 0x000007ff, -1366
    TEST_IMM_OP xori  0xfffff863, 0x000007ff, -100
    TEST_IMM_OP xori  0xfffff800, 0xfffff800, 0
    TEST_IMM_OP xori  0x000007ff, 0xfffff800, -1
    TEST_IMM_OP xori  0x00000000, 0xfffff800, -2048
    TEST_IMM_OP xori  0x00000000, 0xfffff800, -2048
    TEST_IMM_OP xori  0x000002aa, 0xfffff800, -1366
    TEST_IMM_OP xori  0x0000079c, 0xfffff800, -100
    TEST_IMM_OP xori  0x00000800, 0x00000800, 0
    TEST_IMM_OP xori  0xfffff7ff, 0x00000800, -1
    TEST_IMM_OP xori  0xfffff000, 0x00000800, -2048
    TEST_IMM_OP xori  0xfffff000, 0x00000800, -2048
    TEST_IMM_OP xori  0xfffff2aa, 0x00000800, -1366
    TEST_IMM_OP xori  0xfffff79c, 0x00000800, -100

/* ORI */
    TEST_IMM_OP ori   0x00000000, 0x00000000, 0
    TEST_IMM_OP ori   0x00000001, 0x00000000, 1
    TEST_IMM_OP ori   0xffffffff, 0x00000000, -1
    TEST_IMM_OP ori   0x000007ff, 0x00000000, 2047
    TEST_IMM_OP ori   0xfffff800, 0x00000000, -2048
    TEST_IMM_OP ori   0x000007ff, 0x00000000, 2047
    TEST_IMM_OP ori   0xfffff800, 0x00000000, -2048
    TEST_IMM_OP ori   0x00000555, 0x00000000, 1365
    TEST_IMM_OP ori   0xfffffaaa, 0x00000000, -1366
    TEST_IMM_OP ori   0x00000064, 0x00000000, 100
    TEST_IMM_OP ori   0xffffff9c, 0x00000000, -100
    TEST_IMM_OP ori   0x00000001, 0x00000001, 0
    TEST_IMM_OP ori   0x00000001, 0x00000001, 1
    TEST_IMM_OP ori   0xffffffff, 0x00000001, -1
    TEST_IMM_OP ori   0x000007ff, 0x00000001, 2047
    TEST_IMM_OP ori   0xfffff801, 0x00000001, -2048
    TEST_IMM_OP ori   0x000007ff, 0x00000001, 2047
    TEST_IMM_OP ori   0xfffff801, 0x00000001, -2048
    TEST_IMM_OP ori   0x00000555, 0x00000001, 1365
    TEST_IMM_OP ori   0xfffffaab, 0x00000001, -1366
    TEST_IMM_OP ori   0x00000065, 0x00000001, 100
    TEST_IMM_OP ori   0xffffff9d, 0x00000001, -100
    TEST_IMM_OP ori   0xffffffff, 0xffffffff, 0
    TEST_IMM_OP ori   0xffffffff, 0xffffffff, 1
    TEST_IMM_OP ori   0xffffffff, 0xffffffff, -1
    TEST_IMM_OP ori   0xffffffff, 0xffffffff, 2047
    TEST_IMM_OP ori   0xffffffff, 0xffffffff, -2048
    TEST_IMM_OP ori   0xffffffff, 0xffffffff, 2047
    TEST_IMM_OP ori   0xffffffff, 0xffffffff, -2048
    TEST_IMM_OP ori   0xffffffff, 0xffffffff, 1365
    TEST_IMM_OP ori   0xffffffff, 0xffffffff, -1366
    TEST_IMM_OP ori   0xffffffff, 0xffffffff, 100
    TEST_IMM_OP ori   0xffffffff, 0xffffffff, -100
    TEST_IMM_OP ori   0x7fffffff, 0x7fffffff, 0
    TEST_IMM_OP ori   0xffffffff, 0x7fffffff, -1
    TEST_IMM_OP ori   0xffffffff, 0x7fffffff, -2048
    TEST_IMM_OP ori   0xffffffff, 0x7fffffff, -2048
    TEST_IMM_OP ori   0xffffffff, 0x7fffffff, -1366
    TEST_IMM_OP ori   0xffffffff, 0x7fffffff, -100
    TEST_IMM_OP ori   0x80000000, 0x80000000, 0
    TEST_IMM_OP ori   0xffffffff, 0x80000000, -1
    TEST_IMM_OP ori   0xfffff800, 0x80000000, -2048
    TEST_IMM_OP ori   0xfffff800, 0x80000000, -2048
    TEST_IMM_OP ori   0xfffffaaa, 0x80000000, -1366
    TEST_IMM_OP ori   0xffffff9c, 0x80000000, -100
    TEST_IMM_OP ori   0x12345678, 0x12345678, 0
    TEST_IMM_OP ori   0xffffffff, 0x12345678, -1
    TEST_IMM_OP ori   0xfffffe78, 0x12345678, -2048
    TEST_IMM_OP ori   0xfffffe78, 0x12345678, -2048
    TEST_IMM_OP ori   0xfffffefa, 0x12345678, -1366
    TEST_IMM_OP ori   0xfffffffc, 0x12345678, -100
    TEST_IMM_OP ori   0x000007ff, 0x000007ff, 0
    TEST_IMM_OP ori   0xffffffff, 0x000007ff, -1
    TEST_IMM_OP ori   0xffffffff, 0x000007ff, -2048
    TEST_IMM_OP ori   0xffffffff, 0x000007ff, -2048
    TEST_IMM_OP ori   0xffffffff, 0x000007ff, -1366
    TEST_IMM_OP ori   0xffffffff, 0x000007ff, -100
    TEST_IMM_OP ori   0xfffff800, 0xfffff800, 0
    TEST_IMM_OP ori   0xffffffff, 0xfffff800, -1
    TEST_IMM_OP ori   0xfffff800, 0xfffff800, -2048
    TEST_IMM_OP ori   0xfffff800, 0xfffff800, -2048
    TEST_IMM_OP ori   0xfffffaaa, 0xfffff800, -1366
    TEST_IMM_OP ori   0xffffff9c, 0xfffff800, -100
    TEST_IMM_OP ori   0x00000800, 0x00000800, 0
    TEST_IMM_OP ori   0xffffffff, 0x00000800, -1
    TEST_IMM_OP ori   0xfffff800, 0x00000800, -2048
    TEST_IMM_OP ori   0xfffff800, 0x00000800, -2048
    TEST_IMM_OP ori   0xfffffaaa, 0x00000800, -1366
    TEST_IMM_OP ori   0xffffff9c, 0x00000800, -100

/* ANDI */
    TEST_IMM_OP andi  0x00000000, 0x00000000, 0
    TEST_IMM_OP andi  0x00000000, 0x00000000, 1
    TEST_IMM_OP andi  0x00000000, 0x00000000, -1
    TEST_IMM_OP andi  0x00000000, 0x00000000, 2047
    TEST_IMM_OP andi  0x00000000, 0x00000000, -2048
    TEST_IMM_OP andi  0x00000000, 0x00000000, 2047
    TEST_IMM_OP andi  0x00000000, 0x00000000, -2048
    TEST_IMM_OP andi  0x00000000, 0x00000000, 1365
    TEST_IMM_OP andi  0x00000000, 0x00000000, -1366
    TEST_IMM_OP andi  0x00000000, 0x00000000, 100
    TEST_IMM_OP andi  0x00000000, 0x00000000, -100
    TEST_IMM_OP andi  0x00000000, 0x00000001, 0
    TEST_IMM_OP andi  0x00000001, 0x00000001, 1
    TEST_IMM_OP andi  0x00000001, 0x00000001, -1
    TEST_IMM_OP andi  0x00000001, 0x00000001, 2047
    TEST_IMM_OP andi  0x00000000, 0x00000001, -2048
    TEST_IMM_OP andi  0x00000001, 0x00000001, 2047
    TEST_IMM_OP andi  0x00000000, 0x00000001, -2048
    TEST_IMM_OP andi  0x00000001, 0x00000001, 1365
    TEST_IMM_OP andi  0x00000000, 0x00000001, -1366
    TEST_IMM_OP andi  0x00000000, 0x00000001, 100
    TEST_IMM_OP andi  0x00000000, 0x00000001, -100
    TEST_IMM_OP andi  0x00000000, 0xffffffff, 0
    TEST_IMM_OP andi  0x00000001, 0xffffffff, 1
    TEST_IMM_OP andi  0xffffffff, 0xffffffff, -1
    TEST_IMM_OP andi  0x000007ff, 0xffffffff, 2047
    TEST_IMM_OP andi  0xfffff800, 0xffffffff, -2048
    TEST_IMM_OP andi  0x000007ff, 0xffffffff, 2047
    TEST_IMM_OP andi  0xfffff800, 0xffffffff, -2048
    TEST_IMM_OP andi  0x00000555, 0xffffffff, 1365
    TEST_IMM_OP andi  0xfffffaaa, 0xffffffff, -1366
    TEST_IMM_OP andi  0x00000064, 0xffffffff, 100
    TEST_IMM_OP andi  0xffffff9c, 0xffffffff, -100
    TEST_IMM_OP andi  0x00000000, 0x7fffffff, 0
    TEST_IMM_OP andi  0x7fffffff, 0x7fffffff, -1
    TEST_IMM_OP andi  0x7ffff800, 0x7fffffff, -2048
    TEST_IMM_OP andi  0x7ffff800, 0x7fffffff, -2048
    TEST_IMM_OP andi  0x7ffffaaa, 0x7fffffff, -1366
    TEST_IMM_OP andi  0x7fffff9c, 0x7fffffff, -100
    TEST_IMM_OP andi  0x00000000, 0x80000000, 0
    TEST_IMM_OP andi  0x80000000, 0x80000000, -1
    TEST_IMM_OP andi  0x80000000, 0x80000000, -2048
    TEST_IMM_OP andi  0x80000000, 0x80000000, -2048
    TEST_IMM_OP andi  0x80000000, 0x80000000, -1366
    TEST_IMM_OP andi  0x80000000, 0x80000000, -100
    TEST_IMM_OP andi  0x00000000, 0x12345678, 0
    TEST_IMM_OP andi  0x12345678, 0x12345678, -1
    TEST_IMM_OP andi  0x12345000, 0x12345678, -2048
    TEST_IMM_OP andi  0x12345000, 0x12345678, -2048
    TEST_IMM_OP andi  0x12345228, 0x12345678, -1366
    TEST_IMM_OP andi  0x12345618, 0x12345678, -100
    TEST_IMM_OP andi  0x00000000, 0x000007ff, 0
    TEST_IMM_OP andi  0x000007ff, 0x000007ff, -1
    TEST_IMM_OP andi  0x00000000, 0x000007ff, -2048
    TEST_IMM_OP andi  0x00000000, 0x000007ff, -2048
    TEST_IMM_OP andi  0x000002aa, 0x000007ff, -1366
    TEST_IMM_OP andi  0x0000079c, 0x000007ff, -100
    TEST_IMM_OP andi  0x00000000, 0xfffff800, 0
    TEST_IMM_OP andi  0xfffff800, 0xfffff800, -1
    TEST_IMM_OP andi  0xfffff800, 0xfffff800, -2048
    TEST_IMM_OP andi  0xfffff800, 0xfffff800, -2048
    TEST_IMM_OP andi  0xfffff800, 0xfffff800, -1366
    TEST_IMM_OP andi  0xfffff800, 0xfffff800, -100
    TEST_IMM_OP andi  0x00000000, 0x00000800, 0
    TEST_IMM_OP andi  0x00000800, 0x00000800, -1
    TEST_IMM_OP andi  0x00000800, 0x00000800, -2048
    TEST_IMM_OP andi  0x00000800, 0x00000800, -2048
    TEST_IMM_OP andi  0x00000800, 0x00000800, -1366
    TEST_IMM_OP andi  0x00000800, 0x00000800, -100

/* SLLI */
    TEST_IMM_OP slli  0x00000001, 0x00000001, 0
    TEST_IMM_OP slli  0x00000002, 0x00000001, 1
    TEST_IMM_OP slli  0x00000080, 0x00000001, 7
    TEST_IMM_OP slli  0x00004000, 0x00000001, 14
    TEST_IMM_OP slli  0x00100000, 0x00000001, 20
    TEST_IMM_OP slli  0x40000000, 0x00000001, 30
    TEST_IMM_OP slli  0x80000000, 0x00000001, 31
    TEST_IMM_OP slli  0x80000000, 0x80000000, 0
    TEST_IMM_OP slli  0x00000000, 0x80000000, 1
    TEST_IMM_OP slli  0x00000000, 0x80000000, 7
    TEST_IMM_OP slli  0x00000000, 0x80000000, 14
    TEST_IMM_OP slli  0x00000000, 0x80000000, 20
    TEST_IMM_OP slli  0x00000000, 0x80000000, 30
    TEST_IMM_OP slli  0x00000000, 0x80000000, 31
    TEST_IMM_OP slli  0xffffffff, 0xffffffff, 0
    TEST_IMM_OP slli  0xfffffffe, 0xffffffff, 1
    TEST_IMM_OP slli  0xffffff80, 0xffffffff, 7
    TEST_IMM_OP slli  0xffffc000, 0xffffffff, 14
    TEST_IMM_OP slli  0xfff00000, 0xffffffff, 20
    TEST_IMM_OP slli  0xc0000000, 0xffffffff, 30
    TEST_IMM_OP slli  0x80000000, 0xffffffff, 31
    TEST_IMM_OP slli  0x21212121, 0x21212121, 0
    TEST_IMM_OP slli  0x42424242, 0x21212121, 1
    TEST_IMM_OP slli  0x90909080, 0x21212121, 7
    TEST_IMM_OP slli  0x48484000, 0x21212121, 14
    TEST_IMM_OP slli  0x12100000, 0x21212121, 20
    TEST_IMM_OP slli  0x40000000, 0x21212121, 30
    TEST_IMM_OP slli  0x80000000, 0x21212121, 31
    TEST_IMM_OP slli  0x7fffffff, 0x7fffffff, 0
    TEST_IMM_OP slli  0xfffffffe, 0x7fffffff, 1
    TEST_IMM_OP slli  0xffffff80, 0x7fffffff, 7
    TEST_IMM_OP slli  0xffffc000, 0x7fffffff, 14
    TEST_IMM_OP slli  0xfff00000, 0x7fffffff, 20
    TEST_IMM_OP slli  0xc0000000, 0x7fffffff, 30
    TEST_IMM_OP slli  0x80000000, 0x7fffffff, 31
    TEST_IMM_OP slli  0x87654321, 0x87654321, 0
    TEST_IMM_OP slli  0x0eca8642, 0x87654321, 1
    TEST_IMM_OP slli  0xb2a19080, 0x87654321, 7
    TEST_IMM_OP slli  0x50c84000, 0x87654321, 14
    TEST_IMM_OP slli  0x32100000, 0x87654321, 20
    TEST_IMM_OP slli  0x40000000, 0x87654321, 30
    TEST_IMM_OP slli  0x80000000, 0x87654321, 31
    TEST_IMM_OP slli  0x00000000, 0x00000000, 0
    TEST_IMM_OP slli  0x00000000, 0x00000000, 1
    TEST_IMM_OP slli  0x00000000, 0x00000000, 7
    TEST_IMM_OP slli  0x00000000, 0x00000000, 14
    TEST_IMM_OP slli  0x00000000, 0x00000000, 20
    TEST_IMM_OP slli  0x00000000, 0x00000000, 30
    TEST_IMM_OP slli  0x00000000, 0x00000000, 31

/* SRLI */
    TEST_IMM_OP srli  0x00000001, 0x00000001, 0
    TEST_IMM_OP srli  0x00000000, 0x00000001, 1
    TEST_IMM_OP srli  0x00000000, 0x00000001, 7
    TEST_IMM_OP srli  0x00000000, 0x00000001, 14
    TEST_IMM_OP srli  0x00000000, 0x00000001, 20
    TEST_IMM_OP srli  0x00000000, 0x00000001, 30
    TEST_IMM_OP srli  0x00000000, 0x00000001, 31
    TEST_IMM_OP srli  0x80000000, 0x80000000, 0
    TEST_IMM_OP srli  0x40000000, 0x80000000, 1
    TEST_IMM_OP srli  0x01000000, 0x80000000, 7
    TEST_IMM_OP srli  0x00020000, 0x80000000, 14
    TEST_IMM_OP srli  0x00000800, 0x80000000, 20
    TEST_IMM_OP srli  0x00000002, 0x80000000, 30
    TEST_IMM_OP srli  0x00000001, 0x80000000, 31
    TEST_IMM_OP srli  0xffffffff, 0xffffffff, 0
    TEST_IMM_OP srli  0x7fffffff, 0xffffffff, 1
    TEST_IMM_OP srli  0x01ffffff, 0xffffffff, 7
    TEST_IMM_OP srli  0x0003ffff, 0xffffffff, 14
    TEST_IMM_OP srli  0x00000fff, 0xffffffff, 20
    TEST_IMM_OP srli  0x00000003, 0xffffffff, 30
    TEST_IMM_OP srli  0x00000001, 0xffffffff, 31
    TEST_IMM_OP srli  0x21212121, 0x21212121, 0
    TEST_IMM_OP srli  0x10909090, 0x21212121, 1
    TEST_IMM_OP srli  0x00424242, 0x21212121, 7
    TEST_IMM_OP srli  0x00008484, 0x21212121, 14
    TEST_IMM_OP srli  0x00000212, 0x21212121, 20
    TEST_IMM_OP srli  0x00000000, 0x21212121, 30
    TEST_IMM_OP srli  0x00000000, 0x21212121, 31
    TEST_IMM_OP srli  0x7fffffff, 0x7fffffff, 0
    TEST_IMM_OP srli  0x3fffffff, 0x7fffffff, 1
    TEST_IMM_OP srli  0x00ffffff, 0x7fffffff, 7
    TEST_IMM_OP srli  0x0001ffff, 0x7fffffff, 14
    TEST_IMM_OP srli  0x000007ff, 0x7fffffff, 20
    TEST_IMM_OP srli  0x00000001, 0x7fffffff, 30
    TEST_IMM_OP srli  0x00000000, 0x7fffffff, 31
    TEST_IMM_OP srli  0x87654321, 0x87654321, 0
    TEST_IMM_OP srli  0x43b2a190, 0x87654321, 1
    TEST_IMM_OP srli  0x010eca86, 0x87654321, 7
    TEST_IMM_OP srli  0x00021d95, 0x87654321, 14
    TEST_IMM_OP srli  0x00000876, 0x87654321, 20
    TEST_IMM_OP srli  0x00000002, 0x87654321, 30
    TEST_IMM_OP srli  0x00000001, 0x87654321, 31
    TEST_IMM_OP srli  0x00000000, 0x00000000, 0
    TEST_IMM_OP srli  0x00000000, 0x00000000, 1
    TEST_IMM_OP srli  0x00000000, 0x00000000, 7
    TEST_IMM_OP srli  0x00000000, 0x00000000, 14
    TEST_IMM_OP srli  0x00000000, 0x00000000, 20
    TEST_IMM_OP srli  0x00000000, 0x00000000, 30
    TEST_IMM_OP srli  0x00000000, 0x00000000, 31

/* SRAI */
    TEST_IMM_OP srai  0x00000001, 0x00000001, 0
    TEST_IMM_OP srai  0x00000000, 0x00000001, 1
    TEST_IMM_OP srai  0x00000000, 0x00000001, 7
    TEST_IMM_OP srai  0x00000000, 0x00000001, 14
    TEST_IMM_OP srai  0x00000000, 0x00000001, 20
    TEST_IMM_OP srai  0x00000000, 0x00000001, 30
    TEST_IMM_OP srai  0x00000000, 0x00000001, 31
    TEST_IMM_OP srai  0x80000000, 0x80000000, 0
    TEST_IMM_OP srai  0xc0000000, 0x80000000, 1
    TEST_IMM_OP srai  0xff000000, 0x80000000, 7
    TEST_IMM_OP srai  0xfffe0000, 0x80000000, 14
    TEST_IMM_OP srai  0xfffff800, 0x80000000, 20
    TEST_IMM_OP srai  0xfffffffe, 0x80000000, 30
    TEST_IMM_OP srai  0xffffffff, 0x80000000, 31
    TEST_IMM_OP srai  0xffffffff, 0xffffffff, 0
    TEST_IMM_OP srai  0xffffffff, 0xffffffff, 1
    TEST_IMM_OP srai  0xffffffff, 0xffffffff, 7
    TEST_IMM_OP srai  0xffffffff, 0xffffffff, 14
    TEST_IMM_OP srai  0xffffffff, 0xffffffff, 20
    TEST_IMM_OP srai  0xffffffff, 0xffffffff, 30
    TEST_IMM_OP srai  0xffffffff, 0xffffffff, 31
    TEST_IMM_OP srai  0x21212121, 0x21212121, 0
    TEST_IMM_OP srai  0x10909090, 0x21212121, 1
    TEST_IMM_OP srai  0x00424242, 0x21212121, 7
    TEST_IMM_OP srai  0x00008484, 0x21212121, 14
    TEST_IMM_OP srai  0x00000212, 0x21212121, 20
    TEST_IMM_OP srai  0x00000000, 0x21212121, 30
    TEST_IMM_OP srai  0x00000000, 0x21212121, 31
    TEST_IMM_OP srai  0x7fffffff, 0x7fffffff, 0
    TEST_IMM_OP srai  0x3fffffff, 0x7fffffff, 1
    TEST_IMM_OP srai  0x00ffffff, 0x7fffffff, 7
    TEST_IMM_OP srai  0x0001ffff, 0x7fffffff, 14
    TEST_IMM_OP srai  0x000007ff, 0x7fffffff, 20
    TEST_IMM_OP srai  0x00000001, 0x7fffffff, 30
    TEST_IMM_OP srai  0x00000000, 0x7fffffff, 31
    TEST_IMM_OP srai  0x87654321, 0x87654321, 0
    TEST_IMM_OP srai  0xc3b2a190, 0x87654321, 1
    TEST_IMM_OP srai  0xff0eca86, 0x87654321, 7
    TEST_IMM_OP srai  0xfffe1d95, 0x87654321, 14
    TEST_IMM_OP srai  0xfffff876, 0x87654321, 20
    TEST_IMM_OP srai  0xfffffffe, 0x87654321, 30
    TEST_IMM_OP srai  0xffffffff, 0x87654321, 31
    TEST_IMM_OP srai  0x00000000, 0x00000000, 0
    TEST_IMM_OP srai  0x00000000, 0x00000000, 1
    TEST_IMM_OP srai  0x00000000, 0x00000000, 7
    TEST_IMM_OP srai  0x00000000, 0x00000000, 14
    TEST_IMM_OP srai  0x00000000, 0x00000000, 20
    TEST_IMM_OP srai  0x00000000, 0x00000000, 30
    TEST_IMM_OP srai  0x00000000, 0x00000000, 31

/* Branches */

/* BEQ */
    TEST_BR_TAKEN beq, 0x00000000, 0x00000000
    TEST_BR_NOT_TAKEN beq, 0x00000000, 0x00000001
    TEST_BR_NOT_TAKEN beq, 0x00000000, 0xffffffff
    TEST_BR_NOT_TAKEN beq, 0x00000000, 0xfffffffe
    TEST_BR_NOT_TAKEN beq, 0x00000000, 0x7fffffff
    TEST_BR_NOT_TAKEN beq, 0x00000000, 0x80000000
    TEST_BR_NOT_TAKEN beq, 0x00000000, 0x80000001
    TEST_BR_NOT_TAKEN beq, 0x00000001, 0x00000000
    TEST_BR_TAKEN beq, 0x00000001, 0x00000001
    TEST_BR_NOT_TAKEN beq, 0x00000001, 0xffffffff
    TEST_BR_NOT_TAKEN beq, 0x00000001, 0xfffffffe
    TEST_BR_NOT_TAKEN beq, 0x00000001, 0x7fffffff
    TEST_BR_NOT_TAKEN beq, 0x00000001, 0x80000000
    TEST_BR_NOT_TAKEN beq, 0x00000001, 0x80000001
    TEST_BR_NOT_TAKEN beq, 0xffffffff, 0x00000000
    TEST_BR_NOT_TAKEN beq, 0xffffffff, 0x00000001
    TEST_BR_TAKEN beq, 0xffffffff, 0xffffffff
    TEST_BR_NOT_TAKEN beq, 0xffffffff, 0xfffffffe
    TEST_BR_NOT_TAKEN beq, 0xffffffff, 0x7fffffff
    TEST_BR_NOT_TAKEN beq, 0xffffffff, 0x80000000
    TEST_BR_NOT_TAKEN beq, 0xffffffff, 0x80000001
    TEST_BR_NOT_TAKEN beq, 0xfffffffe, 0x00000000
    TEST_BR_NOT_TAKEN beq, 0xfffffffe, 0x00000001
    TEST_BR_NOT_TAKEN beq, 0xfffffffe, 0xffffffff
    TEST_BR_TAKEN beq, 0xfffffffe, 0xfffffffe
    TEST_BR_NOT_TAKEN beq, 0xfffffffe, 0x7fffffff
    TEST_BR_NOT_TAKEN beq, 0xfffffffe, 0x80000000
    TEST_BR_NOT_TAKEN beq, 0xfffffffe, 0x80000001
    TEST_BR_NOT_TAKEN beq, 0x7fffffff, 0x00000000
    TEST_BR_NOT_TAKEN beq, 0x7fffffff, 0x00000001
    TEST_BR_NOT_TAKEN beq, 0x7fffffff, 0xffffffff
    TEST_BR_NOT_TAKEN beq, 0x7fffffff, 0xfffffffe
    TEST_BR_TAKEN beq, 0x7fffffff, 0x7fffffff
    TEST_BR_NOT_TAKEN beq, 0x7fffffff, 0x80000000
    TEST_BR_NOT_TAKEN beq, 0x7fffffff, 0x80000001
    TEST_BR_NOT_TAKEN beq, 0x80000000, 0x00000000
    TEST_BR_NOT_TAKEN beq, 0x80000000, 0x00000001
    TEST_BR_NOT_TAKEN beq, 0x80000000, 0xffffffff
    TEST_BR_NOT_TAKEN beq, 0x80000000, 0xfffffffe
    TEST_BR_NOT_TAKEN beq, 0x80000000, 0x7fffffff
    TEST_BR_TAKEN beq, 0x80000000, 0x80000000
    TEST_BR_NOT_TAKEN beq, 0x80000000, 0x80000001
    TEST_BR_NOT_TAKEN beq, 0x80000001, 0x00000000
    TEST_BR_NOT_TAKEN beq, 0x80000001, 0x00000001
    TEST_BR_NOT_TAKEN beq, 0x80000001, 0xffffffff
    TEST_BR_NOT_TAKEN beq, 0x80000001, 0xfffffffe
    TEST_BR_NOT_TAKEN beq, 0x80000001, 0x7fffffff
    TEST_BR_NOT_TAKEN beq, 0x80000001, 0x80000000
    TEST_BR_TAKEN beq, 0x80000001, 0x80000001

/* BNE */
    TEST_BR_NOT_TAKEN bne, 0x00000000, 0x00000000
    TEST_BR_TAKEN bne, 0x00000000, 0x00000001
    TEST_BR_TAKEN bne, 0x00000000, 0xffffffff
    TEST_BR_TAKEN bne, 0x00000000, 0xfffffffe
    TEST_BR_TAKEN bne, 0x00000000, 0x7fffffff
    TEST_BR_TAKEN bne, 0x00000000, 0x80000000
    TEST_BR_TAKEN bne, 0x00000000, 0x80000001
    TEST_BR_TAKEN bne, 0x00000001, 0x00000000
    TEST_BR_NOT_TAKEN bne, 0x00000001, 0x00000001
    TEST_BR_TAKEN bne, 0x00000001, 0xffffffff
    TEST_BR_TAKEN bne, 0x00000001, 0xfffffffe
    TEST_BR_TAKEN bne, 0x00000001, 0x7fffffff
    TEST_BR_TAKEN bne, 0x00000001, 0x80000000
    TEST_BR_TAKEN bne, 0x00000001, 0x80000001
    TEST_BR_TAKEN bne, 0xffffffff, 0x00000000
    TEST_BR_TAKEN bne, 0xffffffff, 0x00000001
    TEST_BR_NOT_TAKEN bne, 0xffffffff, 0xffffffff
    TEST_BR_TAKEN bne, 0xffffffff, 0xfffffffe
    TEST_BR_TAKEN bne, 0xffffffff, 0x7fffffff
    TEST_BR_TAKEN bne, 0xffffffff, 0x80000000
    TEST_BR_TAKEN bne, 0xffffffff, 0x80000001
    TEST_BR_TAKEN bne, 0xfffffffe, 0x00000000
    TEST_BR_TAKEN bne, 0xfffffffe, 0x00000001
    TEST_BR_TAKEN bne, 0xfffffffe, 0xffffffff
    TEST_BR_NOT_TAKEN bne, 0xfffffffe, 0xfffffffe
    TEST_BR_TAKEN bne, 0xfffffffe, 0x7fffffff
    TEST_BR_TAKEN bne, 0xfffffffe, 0x80000000
    TEST_BR_TAKEN bne, 0xfffffffe, 0x80000001
    TEST_BR_TAKEN bne, 0x7fffffff, 0x00000000
    TEST_BR_TAKEN bne, 0x7fffffff, 0x00000001
    TEST_BR_TAKEN bne, 0x7fffffff, 0xffffffff
    TEST_BR_TAKEN bne, 0x7fffffff, 0xfffffffe
    TEST_BR_NOT_TAKEN bne, 0x7fffffff, 0x7fffffff
    TEST_BR_TAKEN bne, 0x7fffffff, 0x80000000
    TEST_BR_TAKEN bne, 0x7fffffff, 0x80000001
    TEST_BR_TAKEN bne, 0x80000000, 0x00000000
    TEST_BR_TAKEN bne, 0x80000000, 0x00000001
    TEST_BR_TAKEN bne, 0x80000000, 0xffffffff
    TEST_BR_TAKEN bne, 0x80000000, 0xfffffffe
    TEST_BR_TAKEN bne, 0x80000000, 0x7fffffff
    TEST_BR_NOT_TAKEN bne, 0x80000000, 0x80000000
    TEST_BR_TAKEN bne, 0x80000000, 0x80000001
    TEST_BR_TAKEN bne, 0x80000001, 0x00000000
    TEST_BR_TAKEN bne, 0x80000001, 0x00000001
    TEST_BR_TAKEN bne, 0x80000001, 0xffffffff
    TEST_BR_TAKEN bne, 0x80000001, 0xfffffffe
    TEST_BR_TAKEN bne, 0x80000001, 0x7fffffff
    TEST_BR_TAKEN bne, 0x80000001, 0x80000000
    TEST_BR_NOT_TAKEN bne, 0x80000001, 0x80000001

/* BLT */
    TEST_BR_NOT_TAKEN blt, 0x00000000, 0x00000000
    TEST_BR_TAKEN blt, 0x00000000, 0x00000001
    TEST_BR_NOT_TAKEN blt, 0x00000000, 0xffffffff
    TEST_BR_NOT_TAKEN blt, 0x00000000, 0xfffffffe
    TEST_BR_TAKEN blt, 0x00000000, 0x7fffffff
    TEST_BR_NOT_TAKEN blt, 0x00000000, 0x80000000
    TEST_BR_NOT_TAKEN blt, 0x00000000, 0x80000001
    TEST_BR_NOT_TAKEN blt, 0x00000001, 0x00000000
    TEST_BR_NOT_TAKEN blt, 0x00000001, 0x00000001
    TEST_BR_NOT_TAKEN blt, 0x00000001, 0xffffffff
    TEST_BR_NOT_TAKEN blt, 0x00000001, 0xfffffffe
    TEST_BR_TAKEN blt, 0x00000001, 0x7fffffff
    TEST_BR_NOT_TAKEN blt, 0x00000001, 0x80000000
    TEST_BR_NOT_TAKEN blt, 0x00000001, 0x80000001
    TEST_BR_TAKEN blt, 0xffffffff, 0x00000000
    TEST_BR_TAKEN blt, 0xffffffff, 0x00000001
    TEST_BR_NOT_TAKEN blt, 0xffffffff, 0xffffffff
    TEST_BR_NOT_TAKEN blt, 0xffffffff, 0xfffffffe
    TEST_BR_TAKEN blt, 0xffffffff, 0x7fffffff
    TEST_BR_NOT_TAKEN blt, 0xffffffff, 0x80000000
    TEST_BR_NOT_TAKEN blt, 0xffffffff, 0x80000001
    TEST_BR_TAKEN blt, 0xfffffffe, 0x00000000
    TEST_BR_TAKEN blt, 0xfffffffe, 0x00000001
    TEST_BR_TAKEN blt, 0xfffffffe, 0xffffffff
    TEST_BR_NOT_TAKEN blt, 0xfffffffe, 0xfffffffe
    TEST_BR_TAKEN blt, 0xfffffffe, 0x7fffffff
    TEST_BR_NOT_TAKEN blt, 0xfffffffe, 0x80000000
    TEST_BR_NOT_TAKEN blt, 0xfffffffe, 0x80000001
    TEST_BR_NOT_TAKEN blt, 0x7fffffff, 0x00000000
    TEST_BR_NOT_TAKEN blt, 0x7fffffff, 0x00000001
    TEST_BR_NOT_TAKEN blt, 0x7fffffff, 0xffffffff
    TEST_BR_NOT_TAKEN blt, 0x7fffffff, 0xfffffffe
    TEST_BR_NOT_TAKEN blt, 0x7fffffff, 0x7fffffff
    TEST_BR_NOT_TAKEN blt, 0x7fffffff, 0x80000000
    TEST_BR_NOT_TAKEN blt, 0x7fffffff, 0x80000001
    TEST_BR_TAKEN blt, 0x80000000, 0x00000000
    TEST_BR_TAKEN blt, 0x80000000, 0x00000001
    TEST_BR_TAKEN blt, 0x80000000, 0xffffffff
    TEST_BR_TAKEN blt, 0x80000000, 0xfffffffe
    TEST_BR_TAKEN blt, 0x80000000, 0x7fffffff
    TEST_BR_NOT_TAKEN blt, 0x80000000, 0x80000000
    TEST_BR_TAKEN blt, 0x80000000, 0x80000001
    TEST_BR_TAKEN blt, 0x80000001, 0x00000000
    TEST_BR_TAKEN blt, 0x80000001, 0x00000001
    TEST_BR_TAKEN blt, 0x80000001, 0xffffffff
    TEST_BR_TAKEN blt, 0x80000001, 0xfffffffe
    TEST_BR_TAKEN blt, 0x80000001, 0x7fffffff
    TEST_BR_NOT_TAKEN blt, 0x80000001, 0x80000000
    TEST_BR_NOT_TAKEN blt, 0x80000001, 0x80000001

/* BGE */
    TEST_BR_TAKEN bge, 0x00000000, 0x00000000
    TEST_BR_NOT_TAKEN bge, 0x00000000, 0x00000001
    TEST_BR_TAKEN bge, 0x00000000, 0xffffffff
    TEST_BR_TAKEN bge, 0x00000000, 0xfffffffe
    TEST_BR_NOT_TAKEN bge, 0x00000000, 0x7fffffff
    TEST_BR_TAKEN bge, 0x00000000, 0x80000000
    TEST_BR_TAKEN bge, 0x00000000, 0x80000001
    TEST_BR_TAKEN bge, 0x00000001, 0x00000000
    TEST_BR_TAKEN bge, 0x00000001, 0x00000001
    TEST_BR_TAKEN bge, 0x00000001, 0xffffffff
    TEST_BR_TAKEN bge, 0x00000001, 0xfffffffe
    TEST_BR_NOT_TAKEN bge, 0x00000001, 0x7fffffff
    TEST_BR_TAKEN bge, 0x00000001, 0x80000000
    TEST_BR_TAKEN bge, 0x00000001, 0x80000001
    TEST_BR_NOT_TAKEN bge, 0xffffffff, 0x00000000
    TEST_BR_NOT_TAKEN bge, 0xffffffff, 0x00000001
    TEST_BR_TAKEN bge, 0xffffffff, 0xffffffff
    TEST_BR_TAKEN bge, 0xffffffff, 0xfffffffe
    TEST_BR_NOT_TAKEN bge, 0xffffffff, 0x7fffffff
    TEST_BR_TAKEN bge, 0xffffffff, 0x80000000
    TEST_BR_TAKEN bge, 0xffffffff, 0x80000001
    TEST_BR_NOT_TAKEN bge, 0xfffffffe, 0x00000000
    TEST_BR_NOT_TAKEN bge, 0xfffffffe, 0x00000001
    TEST_BR_NOT_TAKEN bge, 0xfffffffe, 0xffffffff
    TEST_BR_TAKEN bge, 0xfffffffe, 0xfffffffe
    TEST_BR_NOT_TAKEN bge, 0xfffffffe, 0x7fffffff
    TEST_BR_TAKEN bge, 0xfffffffe, 0x80000000
    TEST_BR_TAKEN bge, 0xfffffffe, 0x80000001
    TEST_BR_TAKEN bge, 0x7fffffff, 0x00000000
    TEST_BR_TAKEN bge, 0x7fffffff, 0x00000001
    TEST_BR_TAKEN bge, 0x7fffffff, 0xffffffff
    TEST_BR_TAKEN bge, 0x7fffffff, 0xfffffffe
    TEST_BR_TAKEN bge, 0x7fffffff, 0x7fffffff
    TEST_BR_TAKEN bge, 0x7fffffff, 0x80000000
    TEST_BR_TAKEN bge, 0x7fffffff, 0x80000001
    TEST_BR_NOT_TAKEN bge, 0x80000000, 0x00000000
    TEST_BR_NOT_TAKEN bge, 0x80000000, 0x00000001
    TEST_BR_NOT_TAKEN bge, 0x80000000, 0xffffffff
    TEST_BR_NOT_TAKEN bge, 0x80000000, 0xfffffffe
    TEST_BR_NOT_TAKEN bge, 0x80000000, 0x7fffffff
    TEST_BR_TAKEN bge, 0x80000000, 0x80000000
    TEST_BR_NOT_TAKEN bge, 0x80000000, 0x80000001
    TEST_BR_NOT_TAKEN bge, 0x80000001, 0x00000000
    TEST_BR_NOT_TAKEN bge, 0x80000001, 0x00000001
    TEST_BR_NOT_TAKEN bge, 0x80000001, 0xffffffff
    TEST_BR_NOT_TAKEN bge, 0x80000001, 0xfffffffe
    TEST_BR_NOT_TAKEN bge, 0x80000001, 0x7fffffff
    TEST_BR_TAKEN bge, 0x80000001, 0x80000000
    TEST_BR_TAKEN bge, 0x80000001, 0x80000001

/* BLTU */
    TEST_BR_NOT_TAKEN bltu, 0x00000000, 0x00000000
    TEST_BR_TAKEN bltu, 0x00000000, 0x00000001
    TEST_BR_TAKEN bltu, 0x00000000, 0xffffffff
    TEST_BR_TAKEN bltu, 0x00000000, 0xfffffffe
    TEST_BR_TAKEN bltu, 0x00000000, 0x7fffffff
    TEST_BR_TAKEN bltu, 0x00000000, 0x80000000
    TEST_BR_TAKEN bltu, 0x00000000, 0x80000001
    TEST_BR_NOT_TAKEN bltu, 0x00000001, 0x00000000
    TEST_BR_NOT_TAKEN bltu, 0x00000001, 0x00000001
    TEST_BR_TAKEN bltu, 0x00000001, 0xffffffff
    TEST_BR_TAKEN bltu, 0x00000001, 0xfffffffe
    TEST_BR_TAKEN bltu, 0x00000001, 0x7fffffff
    TEST_BR_TAKEN bltu, 0x00000001, 0x80000000
    TEST_BR_TAKEN bltu, 0x00000001, 0x80000001
    TEST_BR_NOT_TAKEN bltu, 0xffffffff, 0x00000000
    TEST_BR_NOT_TAKEN bltu, 0xffffffff, 0x00000001
    TEST_BR_NOT_TAKEN bltu, 0xffffffff, 0xffffffff
    TEST_BR_NOT_TAKEN bltu, 0xffffffff, 0xfffffffe
    TEST_BR_NOT_TAKEN bltu, 0xffffffff, 0x7fffffff
    TEST_BR_NOT_TAKEN bltu, 0xffffffff, 0x80000000
    TEST_BR_NOT_TAKEN bltu, 0xffffffff, 0x80000001
    TEST_BR_NOT_TAKEN bltu, 0xfffffffe, 0x00000000
    TEST_BR_NOT_TAKEN bltu, 0xfffffffe, 0x00000001
    TEST_BR_TAKEN bltu, 0xfffffffe, 0xffffffff
    TEST_BR_NOT_TAKEN bltu, 0xfffffffe, 0xfffffffe
    TEST_BR_NOT_TAKEN bltu, 0xfffffffe, 0x7fffffff
    TEST_BR_NOT_TAKEN bltu, 0xfffffffe, 0x80000000
    TEST_BR_NOT_TAKEN bltu, 0xfffffffe, 0x80000001
    TEST_BR_NOT_TAKEN bltu, 0x7fffffff, 0x00000000
    TEST_BR_NOT_TAKEN bltu, 0x7fffffff, 0x00000001
    TEST_BR_TAKEN bltu, 0x7fffffff, 0xffffffff
    TEST_BR_TAKEN bltu, 0x7fffffff, 0xfffffffe
    TEST_BR_NOT_TAKEN bltu, 0x7fffffff, 0x7fffffff
    TEST_BR_TAKEN bltu, 0x7fffffff, 0x80000000
    TEST_BR_TAKEN bltu, 0x7fffffff, 0x80000001
    TEST_BR_NOT_TAKEN bltu, 0x80000000, 0x00000000
    TEST_BR_NOT_TAKEN bltu, 0x80000000, 0x00000001
    TEST_BR_TAKEN bltu, 0x80000000, 0xffffffff
    TEST_BR_TAKEN bltu, 0x80000000, 0xfffffffe
    TEST_BR_NOT_TAKEN bltu, 0x80000000, 0x7fffffff
    TEST_BR_NOT_TAKEN bltu, 0x80000000, 0x80000000
    TEST_BR_TAKEN bltu, 0x80000000, 0x80000001
    TEST_BR_NOT_TAKEN bltu, 0x80000001, 0x00000000
    TEST_BR_NOT_TAKEN bltu, 0x80000001, 0x00000001
    TEST_BR_TAKEN bltu, 0x80000001, 0xffffffff
    TEST_BR_TAKEN bltu, 0x80000001, 0xfffffffe
    TEST_BR_NOT_TAKEN bltu, 0x80000001, 0x7fffffff
    TEST_BR_NOT_TAKEN bltu, 0x80000001, 0x80000000
    TEST_BR_NOT_TAKEN bltu, 0x80000001, 0x80000001

/* BGEU */
    TEST_BR_TAKEN bgeu, 0x00000000, 0x00000000
    TEST_BR_NOT_TAKEN bgeu, 0x00000000, 0x00000001
    TEST_BR_NOT_TAKEN bgeu, 0x00000000, 0xffffffff
    TEST_BR_NOT_TAKEN bgeu, 0x00000000, 0xfffffffe
    TEST_BR_NOT_TAKEN bgeu, 0x00000000, 0x7fffffff
    TEST_BR_NOT_TAKEN bgeu, 0x00000000, 0x80000000
    TEST_BR_NOT_TAKEN bgeu, 0x00000000, 0x80000001
    TEST_BR_TAKEN bgeu, 0x00000001, 0x00000000
    TEST_BR_TAKEN bgeu, 0x00000001, 0x00000001
    TEST_BR_NOT_TAKEN bgeu, 0x00000001, 0xffffffff
    TEST_BR_NOT_TAKEN bgeu, 0x00000001, 0xfffffffe
    TEST_BR_NOT_TAKEN bgeu, 0x00000001, 0x7fffffff
    TEST_BR_NOT_TAKEN bgeu, 0x00000001, 0x80000000
    TEST_BR_NOT_TAKEN bgeu, 0x00000001, 0x80000001
    TEST_BR_TAKEN bgeu, 0xffffffff, 0x00000000
    TEST_BR_TAKEN bgeu, 0xffffffff, 0x00000001
    TEST_BR_TAKEN bgeu, 0xffffffff, 0xffffffff
    TEST_BR_TAKEN bgeu, 0xffffffff, 0xfffffffe
    TEST_BR_TAKEN bgeu, 0xffffffff, 0x7fffffff
    TEST_BR_TAKEN bgeu, 0xffffffff, 0x80000000
    TEST_BR_TAKEN bgeu, 0xffffffff, 0x80000001
    TEST_BR_TAKEN bgeu, 0xfffffffe, 0x00000000
    TEST_BR_TAKEN bgeu, 0xfffffffe, 0x00000001
    TEST_BR_NOT_TAKEN bgeu, 0xfffffffe, 0xffffffff
    TEST_BR_TAKEN bgeu, 0xfffffffe, 0xfffffffe
    TEST_BR_TAKEN bgeu, 0xfffffffe, 0x7fffffff
    TEST_BR_TAKEN bgeu, 0xfffffffe, 0x80000000
    TEST_BR_TAKEN bgeu, 0xfffffffe, 0x80000001
    TEST_BR_TAKEN bgeu, 0x7fffffff, 0x00000000
    TEST_BR_TAKEN bgeu, 0x7fffffff, 0x00000001
    TEST_BR_NOT_TAKEN bgeu, 0x7fffffff, 0xffffffff
    TEST_BR_NOT_TAKEN bgeu, 0x7fffffff, 0xfffffffe
    TEST_BR_TAKEN bgeu, 0x7fffffff, 0x7fffffff
    TEST_BR_NOT_TAKEN bgeu, 0x7fffffff, 0x80000000
    TEST_BR_NOT_TAKEN bgeu, 0x7fffffff, 0x80000001
    TEST_BR_TAKEN bgeu, 0x80000000, 0x00000000
    TEST_BR_TAKEN bgeu, 0x80000000, 0x00000001
    TEST_BR_NOT_TAKEN bgeu, 0x80000000, 0xffffffff
    TEST_BR_NOT_TAKEN bgeu, 0x80000000, 0xfffffffe
    TEST_BR_TAKEN bgeu, 0x80000000, 0x7fffffff
    TEST_BR_TAKEN bgeu, 0x80000000, 0x80000000
    TEST_BR_NOT_TAKEN bgeu, 0x80000000, 0x80000001
    TEST_BR_TAKEN bgeu, 0x80000001, 0x00000000
    TEST_BR_TAKEN bgeu, 0x80000001, 0x00000001
    TEST_BR_NOT_TAKEN bgeu, 0x80000001, 0xffffffff
    TEST_BR_NOT_TAKEN bgeu, 0x80000001, 0xfffffffe
    TEST_BR_TAKEN bgeu, 0x80000001, 0x7fffffff
    TEST_BR_TAKEN bgeu, 0x80000001, 0x80000000
    TEST_BR_TAKEN bgeu, 0x80000001, 0x80000001

    ISA_END

    .data
    .align 4
ld_data:
    .byte   0xff, 0x00, 0xf0, 0x0f      /* 0x0ff000ff */
    .byte   0x7f, 0x80, 0xff, 0x7f      /* 0x7fff807f */
    .byte   0x00, 0x80, 0x34, 0x12      /* 0x12348000 */
    .word   0xdeadbeef
ld_data_end:
    .word   0

    .align 4
st_data:
    .word   0, 0, 0, 0
