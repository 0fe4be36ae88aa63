/*
 * RV32A conformance: LR/SC success and failure, and every AMO (old value
 * returned in rd, combined value left in memory), signed and unsigned
 * min/max, rd = x0 and the ordering-bit variants. See sdk/isa_test.h.
 */
#include "isa_test.h"

/* \inst rd, rs2=\src, (mem initialised to \init); expect rd == \init
   and memory == \res afterwards. */
.macro TEST_AMO inst, res, init, src
    NEXT_TEST
    la      a0, amo_data
    li      a1, \init
    sw      a1, 0(a0)
    li      a2, \src
    \inst   a3, a2, (a0)
    CHECK   a3, \init
    NEXT_TEST
    lw      a5, 0(a0)
    CHECK   a5, \res
.endm

    ISA_BEGIN isa_rv32a

/* ---- LR/SC ---------------------------------------------------------- */
    NEXT_TEST                           /* lr returns memory */
    la      a0, amo_data
    li      a1, 0x12345678
    sw      a1, 0(a0)
    lr.w    a3, (a0)
    CHECK   a3, 0x12345678
    NEXT_TEST                           /* sc after lr succeeds: rd = 0 */
    li      a2, 0x0badf00d
    sc.w    a4, a2, (a0)
    CHECK   a4, 0
    NEXT_TEST                           /* ... and stores */
    lw      a3, 0(a0)
    CHECK   a3, 0x0badf00d
    NEXT_TEST                           /* second sc: reservation gone */
    li      a2, 0x11111111
    sc.w    a4, a2, (a0)
    li      a5, 0
    bnez    a4, 1f
    li      a5, 1                       /* a5 = 1 if sc wrongly succeeded */
1:  CHECK   a5, 0
    NEXT_TEST                           /* ... and does not store */
    lw      a3, 0(a0)
    CHECK   a3, 0x0badf00d
    NEXT_TEST                           /* sc with no lr at all fails */
    la      a1, amo_far
    li      a2, 0x22222222
    sw      x0, 0(a1)
    sc.w    a4, a2, (a1)
    li      a5, 0
    bnez    a4, 1f
    li      a5, 1
1:  CHECK   a5, 0
    NEXT_TEST
    lw      a3, 0(a1)
    CHECK   a3, 0
    NEXT_TEST                           /* sc to another address than lr */
    lr.w    a3, (a0)
    sc.w    a4, a2, (a1)
    li      a5, 0
    bnez    a4, 1f
    li      a5, 1
1:  CHECK   a5, 0
    NEXT_TEST
    lw      a3, 0(a1)
    CHECK   a3, 0
    NEXT_TEST                           /* aq/rl forms behave the same */
    lr.w.aq a3, (a0)
    addi    a3, a3, 1
    sc.w.rl a4, a3, (a0)
    CHECK   a4, 0
    NEXT_TEST
    lw      a3, 0(a0)
    CHECK   a3, 0x0badf00e
    NEXT_TEST                           /* LR/SC increment loop x 100 */
    sw      x0, 0(a0)
    li      a1, 100
2:  lr.w.aqrl a3, (a0)
    addi    a3, a3, 3
    sc.w.aqrl a4, a3, (a0)
    bnez    a4, 2b
    addi    a1, a1, -1
    bnez    a1, 2b
    lw      a3, 0(a0)
    CHECK   a3, 300


/* AMOSWAP.W */
    TEST_AMO amoswap.w  0x00000000, 0x00000000, 0x00000000
    TEST_AMO amoswap.w  0xffffffff, 0x00000000, 0xffffffff
    TEST_AMO amoswap.w  0x80000000, 0x00000000, 0x80000000
    TEST_AMO amoswap.w  0xfffffffe, 0x00000000, 0xfffffffe
    TEST_AMO amoswap.w  0x00000001, 0x00000001, 0x00000001
    TEST_AMO amoswap.w  0x7fffffff, 0x00000001, 0x7fffffff
    TEST_AMO amoswap.w  0x12345678, 0x00000001, 0x12345678
    TEST_AMO amoswap.w  0x87654321, 0x00000001, 0x87654321
    TEST_AMO amoswap.w  0x00000000, 0xffffffff, 0x00000000
    TEST_AMO amoswap.w  0xffffffff, 0xffffffff, 0xffffffff
    TEST_AMO amoswap.w  0x80000000, 0xffffffff, 0x80000000
    TEST_AMO amoswap.w  0xfffffffe, 0xffffffff, 0xfffffffe
    TEST_AMO amoswap.w  0x00000001, 0x7fffffff, 0x00000001
    TEST_AMO amoswap.w  0x7fffffff, 0x7fffffff, 0x7fffffff
    TEST_AMO amoswap.w  0x12345678, 0x7fffffff, 0x12345678
    TEST_AMO amoswap.w  0x87654321, 0x7fffffff, 0x87654321
    TEST_AMO amoswap.w  0x00000000, 0x80000000, 0x00000000
    TEST_AMO amoswap.w  0xffffffff, 0x80000000, 0xffffffff
    TEST_AMO amoswap.w  0x80000000, 0x80000000, 0x80000000
    TEST_AMO amoswap.w  0xfffffffe, 0x80000000, 0xfffffffe
    TEST_AMO amoswap.w  0x00000001, 0x12345678, 0x00000001
    TEST_AMO amoswap.w  0x7fffffff, 0x12345678, 0x7fffffff
    TEST_AMO amoswap.w  0x12345678, 0x12345678, 0x12345678
    TEST_AMO amoswap.w  0x87654321, 0x12345678, 0x87654321
    TEST_AMO amoswap.w  0x00000000, 0xfffffffe, 0x00000000
    TEST_AMO amoswap.w  0xffffffff, 0xfffffffe, 0xffffffff
    TEST_AMO amoswap.w  0x80000000, 0xfffffffe, 0x80000000
    TEST_AMO amoswap.w  0xfffffffe, 0xfffffffe, 0xfffffffe
    TEST_AMO amoswap.w  0x00000001, 0x87654321, 0x00000001
    TEST_AMO amoswap.w  0x7fffffff, 0x87654321, 0x7fffffff
    TEST_AMO amoswap.w  0x12345678, 0x87654321, 0x12345678
    TEST_AMO amoswap.w  0x87654321, 0x87654321, 0x87654321
    TEST_AMO amoswap.w.aqrl 0x00000005, 0x80000001, 0x00000005
    NEXT_TEST
    la      a0, amo_data
    li      a1, 0x80000001
    sw      a1, 0(a0)
    li      a2, 5
    amoswap.w x0, a2, (a0)
    lw      a3, 0(a0)
    CHECK   a3, 0x00000005
    NEXT_TEST
    li      a1, 0x0000ffff
    sw      a1, 0(a0)
    li      a2, 0xffff0001
    amoswap.w a2, a2, (a0)
    CHECK   a2, 0x0000ffff
    NEXT_TEST
    lw      a3, 0(a0)
    CHECK   a3, 0xffff0001

/* AMOADD.W */
    TEST_AMO amoadd.w   0x00000000, 0x00000000, 0x00000000
    TEST_AMO amoadd.w   0xffffffff, 0x00000000, 0xffffffff
    TEST_AMO amoadd.w   0x80000000, 0x00000000, 0x80000000
    TEST_AMO amoadd.w   0xfffffffe, 0x00000000, 0xfffffffe
    TEST_AMO amoadd.w   0x00000002, 0x00000001, 0x00000001
    TEST_AMO amoadd.w   0x80000000, 0x00000001, 0x7fffffff
    TEST_AMO amoadd.w   0x12345679, 0x00000001, 0x12345678
    TEST_AMO amoadd.w   0x87654322, 0x00000001, 0x87654321
    TEST_AMO amoadd.w   0xffffffff, 0xffffffff, 0x00000000
    TEST_AMO amoadd.w   0xfffffffe, 0xffffffff, 0xffffffff
    TEST_AMO amoadd.w   0x7fffffff, 0xffffffff, 0x80000000
    TEST_AMO amoadd.w   0xfffffffd, 0xffffffff, 0xfffffffe
    TEST_AMO amoadd.w   0x80000000, 0x7fffffff, 0x00000001
    TEST_AMO amoadd.w   0xfffffffe, 0x7fffffff, 0x7fffffff
    TEST_AMO amoadd.w   0x92345677, 0x7fffffff, 0x12345678
    TEST_AMO amoadd.w   0x07654320, 0x7fffffff, 0x87654321
    TEST_AMO amoadd.w   0x80000000, 0x80000000, 0x00000000
    TEST_AMO amoadd.w   0x7fffffff, 0x80000000, 0xffffffff
    TEST_AMO amoadd.w   0x00000000, 0x80000000, 0x80000000
    TEST_AMO amoadd.w   0x7ffffffe, 0x80000000, 0xfffffffe
    TEST_AMO amoadd.w   0x12345679, 0x12345678, 0x00000001
    TEST_AMO amoadd.w   0x92345677, 0x12345678, 0x7fffffff
    TEST_AMO amoadd.w   0x2468acf0, 0x12345678, 0x12345678
    TEST_AMO amoadd.w   0x99999999, 0x12345678, 0x87654321
    TEST_AMO amoadd.w   0xfffffffe, 0xfffffffe, 0x00000000
    TEST_AMO amoadd.w   0xfffffffd, 0xfffffffe, 0xffffffff
    TEST_AMO amoadd.w   0x7ffffffe, 0xfffffffe, 0x80000000
    TEST_AMO amoadd.w   0xfffffffc, 0xfffffffe, 0xfffffffe
    TEST_AMO amoadd.w   0x87654322, 0x87654321, 0x00000001
    TEST_AMO amoadd.w   0x07654320, 0x87654321, 0x7fffffff
    TEST_AMO amoadd.w   0x99999999, 0x87654321, 0x12345678
    TEST_AMO amoadd.w   0x0eca8642, 0x87654321, 0x87654321
    TEST_AMO amoadd.w.aqrl 0x80000006, 0x80000001, 0x00000005
    NEXT_TEST
    la      a0, amo_data
    li      a1, 0x80000001
    sw      a1, 0(a0)
    li      a2, 5
    amoadd.w x0, a2, (a0)
    lw      a3, 0(a0)
    CHECK   a3, 0x80000006
    NEXT_TEST
    li      a1, 0x0000ffff
    sw      a1, 0(a0)
    li      a2, 0xffff0001
    amoadd.w a2, a2, (a0)
    CHECK   a2, 0x0000ffff
    NEXT_TEST
    lw      a3, 0(a0)
    CHECK   a3, 0x00000000

/* AMOXOR.W */
    TEST_AMO amoxor.w   0x00000000, 0x00000000, 0x00000000
    TEST_AMO amoxor.w   0xffffffff, 0x00000000, 0xffffffff
    TEST_AMO amoxor.w   0x80000000, 0x00000000, 0x80000000
    TEST_AMO amoxor.w   0xfffffffe, 0x00000000, 0xfffffffe
    TEST_AMO amoxor.w   0x00000000, 0x00000001, 0x00000001
    TEST_AMO amoxor.w   0x7ffffffe, 0x00000001, 0x7fffffff
    TEST_AMO amoxor.w   0x12345679, 0x00000001, 0x12345678
    TEST_AMO amoxor.w   0x87654320, 0x00000001, 0x87654321
    TEST_AMO amoxor.w   0xffffffff, 0xffffffff, 0x00000000
    TEST_AMO amoxor.w   0x00000000, 0xffffffff, 0xffffffff
    TEST_AMO amoxor.w   0x7fffffff, 0xffffffff, 0x80000000
    TEST_AMO amoxor.w   0x00000001, 0xffffffff, 0xfffffffe
    TEST_AMO amoxor.w   0x7ffffffe, 0x7fffffff, 0x00000001
    TEST_AMO amoxor.w   0x00000000, 0x7fffffff, 0x7fffffff
    TEST_AMO amoxor.w   0x6dcba987, 0x7fffffff, 0x12345678
    TEST_AMO amoxor.w   0xf89abcde, 0x7fffffff, 0x87654321
    TEST_AMO amoxor.w   0x80000000, 0x80000000, 0x00000000
    TEST_AMO amoxor.w   0x7fffffff, 0x80000000, 0xffffffff
    TEST_AMO amoxor.w   0x00000000, 0x80000000, 0x80000000
    TEST_AMO amoxor.w   0x7ffffffe, 0x80000000, 0xfffffffe
    TEST_AMO amoxor.w   0x12345679, 0x12345678, 0x00000001
    TEST_AMO amoxor.w   0x6dcba987, 0x12345678, 0x7fffffff
    TEST_AMO amoxor.w   0x00000000, 0x12345678, 0x12345678
    TEST_AMO amoxor.w   0x95511559, 0x12345678, 0x87654321
    TEST_AMO amoxor.w   0xfffffffe, 0xfffffffe, 0x00000000
    TEST_AMO amoxor.w   0x00000001, 0xfffffffe, 0xffffffff
    TEST_AMO amoxor.w   0x7ffffffe, 0xfffffffe, 0x80000000
    TEST_AMO amoxor.w   0x00000000, 0xfffffffe, 0xfffffffe
    TEST_AMO amoxor.w   0x87654320, 0x87654321, 0x00000001
    TEST_AMO amoxor.w   0xf89abcde, 0x87654321, 0x7fffffff
    TEST_AMO amoxor.w   0x95511559, 0x87654321, 0x12345678
    TEST_AMO amoxor.w   0x00000000, 0x87654321, 0x87654321
    TEST_AMO amoxor.w.aqrl 0x80000004, 0x80000001, 0x00000005
    NEXT_TEST
    la      a0, amo_data
    li      a1, 0x80000001
    sw      a1, 0(a0)
    li      a2, 5
    amoxor.w x0, a2, (a0)
    lw      a3, 0(a0)
    CHECK   a3, 0x80000004
    NEXT_TEST
    li      a1, 0x0000ffff
    sw      a1, 0(a0)
    li      a2, 0xffff0001
    amoxor.w a2, a2, (a0)
    CHECK   a2, 0x0000ffff
    NEXT_TEST
    lw      a3, 0(a0)
    CHECK   a3, 0xfffffffe

/* AMOAND.W */
    TEST_AMO amoand.w   0x00000000, 0x00000000, 0x00000000
    TEST_AMO amoand.w   0x00000000, 0x00000000, 0xffffffff
    TEST_AMO amoand.w   0x00000000, 0x00000000, 0x80000000
    TEST_AMO amoand.w   0x00000000, 0x00000000, 0xfffffffe
    TEST_AMO amoand.w   0x00000001, 0x00000001, 0x00000001
    TEST_AMO amoand.w   0x00000001, 0x00000001, 0x7fffffff
    TEST_AMO amoand.w   0x00000000, 0x00000001, 0x12345678
    TEST_AMO amoand.w   0x00000001, 0x00000001, 0x87654321
    TEST_AMO amoand.w   0x00000000, 0xffffffff, 0x00000000
    TEST_AMO amoand.w   0xffffffff, 0xffffffff, 0xffffffff
    TEST_AMO amoand.w   0x80000000, 0xffffffff, 0x80000000
    TEST_AMO amoand.w   0xfffffffe, 0xffffffff, 0xfffffffe
    TEST_AMO amoand.w   0x00000001, 0x7fffffff, 0x00000001
    TEST_AMO amoand.w   0x7fffffff, 0x7fffffff, 0x7fffffff
    TEST_AMO amoand.w   0x12345678, 0x7fffffff, 0x12345678
    TEST_AMO amoand.w   0x07654321, 0x7fffffff, 0x87654321
    TEST_AMO amoand.w   0x00000000, 0x80000000, 0x00000000
    TEST_AMO amoand.w   0x80000000, 0x80000000, 0xffffffff
    TEST_AMO amoand.w   0x80000000, 0x80000000, 0x80000000
    TEST_AMO amoand.w   0x80000000, 0x80000000, 0xfffffffe
    TEST_AMO amoand.w   0x00000000, 0x12345678, 0x00000001
    TEST_AMO amoand.w   0x12345678, 0x12345678, 0x7fffffff
    TEST_AMO amoand.w   0x12345678, 0x12345678, 0x12345678
    TEST_AMO amoand.w   0x02244220, 0x12345678, 0x87654321
    TEST_AMO amoand.w   0x00000000, 0xfffffffe, 0x00000000
    TEST_AMO amoand.w   0xfffffffe, 0xfffffffe, 0xffffffff
    TEST_AMO amoand.w   0x80000000, 0xfffffffe, 0x80000000
    TEST_AMO amoand.w   0xfffffffe, 0xfffffffe, 0xfffffffe
    TEST_AMO amoand.w   0x00000001, 0x87654321, 0x00000001
    TEST_AMO amoand.w   0x07654321, 0x87654321, 0x7fffffff
    TEST_AMO amoand.w   0x02244220, 0x87654321, 0x12345678
    TEST_AMO amoand.w   0x87654321, 0x87654321, 0x87654321
    TEST_AMO amoand.w.aqrl 0x00000001, 0x80000001, 0x00000005
    NEXT_TEST
    la      a0, amo_data
    li      a1, 0x80000001
    sw      a1, 0(a0)
    li      a2, 5
    amoand.w x0, a2, (a0)
    lw      a3, 0(a0)
    CHECK   a3, 0x00000001
    NEXT_TEST
    li      a1, 0x0000ffff
    sw      a1, 0(a0)
    li      a2, 0xffff0001
    amoand.w a2, a2, (a0)
    CHECK   a2, 0x0000ffff
    NEXT_TEST
    lw      a3, 0(a0)
    CHECK   a3, 0x00000001

/* AMOOR.W */
    TEST_AMO amoor.w    0x00000000, 0x00000000, 0x00000000
    TEST_AMO amoor.w    0xffffffff, 0x00000000, 0xffffffff
    TEST_AMO amoor.w    0x80000000, 0x00000000, 0x80000000
    TEST_AMO amoor.w    0xfffffffe, 0x00000000, 0xfffffffe
    TEST_AMO amoor.w    0x00000001, 0x00000001, 0x00000001
    TEST_AMO amoor.w    0x7fffffff, 0x00000001, 0x7fffffff
    TEST_AMO amoor.w    0x12345679, 0x00000001, 0x12345678
    TEST_AMO amoor.w    0x87654321, 0x00000001, 0x87654321
    TEST_AMO amoor.w    0xffffffff, 0xffffffff, 0x00000000
    TEST_AMO amoor.w    0xffffffff, 0xffffffff, 0xffffffff
    TEST_AMO amoor.w    0xffffffff, 0xffffffff, 0x80000000
    TEST_AMO amoor.w    0xffffffff, 0xffffffff, 0xfffffffe
    TEST_AMO amoor.w    0x7fffffff, 0x7fffffff, 0x00000001
    TEST_AMO amoor.w    0x7fffffff, 0x7fffffff, 0x7fffffff
    TEST_AMO amoor.w    0x7fffffff, 0x7fffffff, 0x12345678
    TEST_AMO amoor.w    0xffffffff, 0x7fffffff, 0x87654321
    TEST_AMO amoor.w    0x80000000, 0x80000000, 0x00000000
    TEST_AMO amoor.w    0xffffffff, 0x80000000, 0xffffffff
    TEST_AMO amoor.w    0x80000000, 0x80000000, 0x80000000
    TEST_AMO amoor.w    0xfffffffe, 0x80000000, 0xfffffffe
    TEST_AMO amoor.w    0x12345679, 0x12345678, 0x00000001
    TEST_AMO amoor.w    0x7fffffff, 0x12345678, 0x7fffffff
    TEST_AMO amoor.w    0x12345678, 0x12345678, 0x12345678
    TEST_AMO amoor.w    0x97755779, 0x12345678, 0x87654321
    TEST_AMO amoor.w    0xfffffffe, 0xfffffffe, 0x00000000
    TEST_AMO amoor.w    0xffffffff, 0xfffffffe, 0xffffffff
    TEST_AMO amoor.w    0xfffffffe, 0xfffffffe, 0x80000000
    TEST_AMO amoor.w    0xfffffffe, 0xfffffffe, 0xfffffffe
    TEST_AMO amoor.w    0x87654321, 0x87654321, 0x00000001
    TEST_AMO amoor.w    0xffffffff, 0x87654321, 0x7fffffff
    TEST_AMO amoor.w    0x97755779, 0x87654321, 0x12345678
    TEST_AMO amoor.w    0x87654321, 0x87654321, 0x87654321
    TEST_AMO amoor.w.aqrl 0x80000005, 0x80000001, 0x00000005
    NEXT_TEST
    la      a0, amo_data
    li      a1, 0x80000001
    sw      a1, 0(a0)
    li      a2, 5
    amoor.w x0, a2, (a0)
    lw      a3, 0(a0)
    CHECK   a3, 0x80000005
    NEXT_TEST
    li      a1, 0x0000ffff
    sw      a1, 0(a0)
    li      a2, 0xffff0001
    amoor.w a2, a2, (a0)
    CHECK   a2, 0x0000ffff
    NEXT_TEST
    lw      a3, 0(a0)
    CHECK   a3, 0xffffffff

/* AMOMIN.W */
    TEST_AMO amomin.w   0x00000000, 0x00000000, 0x00000000
    TEST_AMO amomin.w   0x00000000, 0x00000000, 0x00000001
    TEST_AMO amomin.w   0xffffffff, 0x00000000, 0xffffffff
    TEST_AMO amomin.w   0x00000000, 0x00000000, 0x7fffffff
    TEST_AMO amomin.w   0x80000000, 0x00000000, 0x80000000
    TEST_AMO amomin.w   0x00000000, 0x00000000, 0x12345678
    TEST_AMO amomin.w   0xfffffffe, 0x00000000, 0xfffffffe
    TEST_AMO amomin.w   0x87654321, 0x00000000, 0x87654321
    TEST_AMO amomin.w   0x00000000, 0x00000001, 0x00000000
    TEST_AMO amomin.w   0x00000001, 0x00000001, 0x00000001
    TEST_AMO amomin.w   0xffffffff, 0x00000001, 0xffffffff
    TEST_AMO amomin.w   0x00000001, 0x00000001, 0x7fffffff
    TEST_AMO amomin.w   0x80000000, 0x00000001, 0x80000000
    TEST_AMO amomin.w   0x00000001, 0x00000001, 0x12345678
    TEST_AMO amomin.w   0xfffffffe, 0x00000001, 0xfffffffe
    TEST_AMO amomin.w   0x87654321, 0x00000001, 0x87654321
    TEST_AMO amomin.w   0xffffffff, 0xffffffff, 0x00000000
    TEST_AMO amomin.w   0xffffffff, 0xffffffff, 0x00000001
    TEST_AMO amomin.w   0xffffffff, 0xffffffff, 0xffffffff
    TEST_AMO amomin.w   0xffffffff, 0xffffffff, 0x7fffffff
    TEST_AMO amomin.w   0x80000000, 0xffffffff, 0x80000000
    TEST_AMO amomin.w   0xffffffff, 0xffffffff, 0x12345678
    TEST_AMO amomin.w   0xfffffffe, 0xffffffff, 0xfffffffe
    TEST_AMO amomin.w   0x87654321, 0xffffffff, 0x87654321
    TEST_AMO amomin.w   0x00000000, 0x7fffffff, 0x00000000
    TEST_AMO amomin.w   0x00000001, 0x7fffffff, 0x00000001
    TEST_AMO amomin.w   0xffffffff, 0x7fffffff, 0xffffffff
    TEST_AMO amomin.w   0x7fffffff, 0x7fffffff, 0x7fffffff
    TEST_AMO amomin.w   0x80000000, 0x7fffffff, 0x80000000
    TEST_AMO amomin.w   0x12345678, 0x7fffffff, 0x12345678
    TEST_AMO amomin.w   0xfffffffe, 0x7fffffff, 0xfffffffe
    TEST_AMO amomin.w   0x87654321, 0x7fffffff, 0x87654321
    TEST_AMO amomin.w   0x80000000, 0x80000000, 0x00000000
    TEST_AMO amomin.w   0x80000000, 0x80000000, 0x00000001
    TEST_AMO amomin.w   0x80000000, 0x80000000, 0xffffffff
    TEST_AMO amomin.w   0x80000000, 0x80000000, 0x7fffffff
    TEST_AMO amomin.w   0x80000000, 0x80000000, 0x80000000
    TEST_AMO amomin.w   0x80000000, 0x80000000, 0x12345678
    TEST_AMO amomin.w   0x80000000, 0x80000000, 0xfffffffe
    TEST_AMO amomin.w   0x80000000, 0x80000000, 0x87654321
    TEST_AMO amomin.w   0x00000000, 0x12345678, 0x00000000
    TEST_AMO amomin.w   0x00000001, 0x12345678, 0x00000001
    TEST_AMO amomin.w   0xffffffff, 0x12345678, 0xffffffff
    TEST_AMO amomin.w   0x12345678, 0x12345678, 0x7fffffff
    TEST_AMO amomin.w   0x80000000, 0x12345678, 0x80000000
    TEST_AMO amomin.w   0x12345678, 0x12345678, 0x12345678
    TEST_AMO amomin.w   0xfffffffe, 0x12345678, 0xfffffffe
    TEST_AMO amomin.w   0x87654321, 0x12345678, 0x87654321
    TEST_AMO amomin.w   0xfffffffe, 0xfffffffe, 0x00000000
    TEST_AMO amomin.w   0xfffffffe, 0xfffffffe, 0x00000001
    TEST_AMO amomin.w   0xfffffffe, 0xfffffffe, 0xffffffff
    TEST_AMO amomin.w   0xfffffffe, 0xfffffffe, 0x7fffffff
    TEST_AMO amomin.w   0x80000000, 0xfffffffe, 0x80000000
    TEST_AMO amomin.w   0xfffffffe, 0xfffffffe, 0x12345678
    TEST_AMO amomin.w   0xfffffffe, 0xfffffffe, 0xfffffffe
    TEST_AMO amomin.w   0x87654321, 0xfffffffe, 0x87654321
    TEST_AMO amomin.w   0x87654321, 0x87654321, 0x00000000
    TEST_AMO amomin.w   0x87654321, 0x87654321, 0x00000001
    TEST_AMO amomin.w   0x87654321, 0x87654321, 0xffffffff
    TEST_AMO amomin.w   0x87654321, 0x87654321, 0x7fffffff
    TEST_AMO amomin.w   0x80000000, 0x87654321, 0x80000000
    TEST_AMO amomin.w   0x87654321, 0x87654321, 0x12345678
    TEST_AMO amomin.w   0x87654321, 0x87654321, 0xfffffffe
    TEST_AMO amomin.w   0x87654321, 0x87654321, 0x87654321
    TEST_AMO amomin.w.aqrl 0x80000001, 0x80000001, 0x00000005
    NEXT_TEST
    la      a0, amo_data
    li      a1, 0x80000001
    sw      a1, 0(a0)
    li      a2, 5
    amomin.w x0, a2, (a0)
    lw      a3, 0(a0)
    CHECK   a3, 0x80000001
    NEXT_TEST
    li      a1, 0x0000ffff
    sw      a1, 0(a0)
    li      a2, 0xffff0001
    amomin.w a2, a2, (a0)
    CHECK   a2, 0x0000ffff
    NEXT_TEST
    lw      a3, 0(a0)
    CHECK   a3, 0xffff0001

/* AMOMAX.W */
    TEST_AMO amomax.w   0x00000000, 0x00000000, 0x00000000
    TEST_AMO amomax.w   0x00000001, 0x00000000, 0x00000001
    TEST_AMO amomax.w   0x00000000, 0x00000000, 0xffffffff
    TEST_AMO amomax.w   0x7fffffff, 0x00000000, 0x7fffffff
    TEST_AMO amomax.w   0x00000000, 0x00000000, 0x80000000
    TEST_AMO amomax.w   0x12345678, 0x00000000, 0x12345678
    TEST_AMO amomax.w   0x00000000, 0x00000000, 0xfffffffe
    TEST_AMO amomax.w   0x00000000, 0x00000000, 0x87654321
    TEST_AMO amomax.w   0x00000001, 0x00000001, 0x00000000
    TEST_AMO amomax.w   0x00000001, 0x00000001, 0x00000001
    TEST_AMO amomax.w   0x00000001, 0x00000001, 0xffffffff
    TEST_AMO amomax.w   0x7fffffff, 0x00000001, 0x7fffffff
    TEST_AMO amomax.w   0x00000001, 0x00000001, 0x80000000
    TEST_AMO amomax.w   0x12345678, 0x00000001, 0x12345678
    TEST_AMO amomax.w   0x00000001, 0x00000001, 0xfffffffe
    TEST_AMO amomax.w   0x00000001, 0x00000001, 0x87654321
    TEST_AMO amomax.w   0x00000000, 0xffffffff, 0x00000000
    TEST_AMO amomax.w   0x00000001, 0xffffffff, 0x00000001
    TEST_AMO amomax.w   0xffffffff, 0xffffffff, 0xffffffff
    TEST_AMO amomax.w   0x7fffffff, 0xffffffff, 0x7fffffff
    TEST_AMO amomax.w   0xffffffff, 0xffffffff, 0x80000000
    TEST_AMO amomax.w   0x12345678, 0xffffffff, 0x12345678
    TEST_AMO amomax.w   0xffffffff, 0xffffffff, 0xfffffffe
    TEST_AMO amomax.w   0xffffffff, 0xffffffff, 0x87654321
    TEST_AMO amomax.w   0x7fffffff, 0x7fffffff, 0x00000000
    TEST_AMO amomax.w   0x7fffffff, 0x7fffffff, 0x00000001
    TEST_AMO amomax.w   0x7fffffff, 0x7fffffff, 0xffffffff
    TEST_AMO amomax.w   0x7fffffff, 0x7fffffff, 0x7fffffff
    TEST_AMO amomax.w   0x7fffffff, 0x7fffffff, 0x80000000
    TEST_AMO amomax.w   0x7fffffff, 0x7fffffff, 0x12345678
    TEST_AMO amomax.w   0x7fffffff, 0x7fffffff, 0xfffffffe
    TEST_AMO amomax.w   0x7fffffff, 0x7fffffff, 0x87654321
    TEST_AMO amomax.w   0x00000000, 0x80000000, 0x00000000
    TEST_AMO amomax.w   0x00000001, 0x80000000, 0x00000001
    TEST_AMO amomax.w   0xffffffff, 0x80000000, 0xffffffff
    TEST_AMO amomax.w   0x7fffffff, 0x80000000, 0x7fffffff
    TEST_AMO amomax.w   0x80000000, 0x80000000, 0x80000000
    TEST_AMO amomax.w   0x12345678, 0x80000000, 0x12345678
    TEST_AMO amomax.w   0xfffffffe, 0x80000000, 0xfffffffe
    TEST_AMO amomax.w   0x87654321, 0x80000000, 0x87654321
    TEST_AMO amomax.w   0x12345678, 0x12345678, 0x00000000
    TEST_AMO amomax.w   0x12345678, 0x12345678, 0x00000001
    TEST_AMO amomax.w   0x12345678, 0x12345678, 0xffffffff
    TEST_AMO amomax.w   0x7fffffff, 0x12345678, 0x7fffffff
    TEST_AMO amomax.w   0x12345678, 0x12345678, 0x80000000
    TEST_AMO amomax.w   0x12345678, 0x12345678, 0x12345678
    TEST_AMO amomax.w   0x12345678, 0x12345678, 0xfffffffe
    TEST_AMO amomax.w   0x12345678, 0x12345678, 0x87654321
    TEST_AMO amomax.w   0x00000000, 0xfffffffe, 0x00000000
    TEST_AMO amomax.w   0x00000001, 0xfffffffe, 0x00000001
    TEST_AMO amomax.w   0xffffffff, 0xfffffffe, 0xffffffff
    TEST_AMO amomax.w   0x7fffffff, 0xfffffffe, 0x7fffffff
    TEST_AMO amomax.w   0xfffffffe, 0xfffffffe, 0x80000000
    TEST_AMO amomax.w   0x12345678, 0xfffffffe, 0x12345678
    TEST_AMO amomax.w   0xfffffffe, 0xfffffffe, 0xfffffffe
    TEST_AMO amomax.w   0xfffffffe, 0xfffffffe, 0x87654321
    TEST_AMO amomax.w   0x00000000, 0x87654321, 0x00000000
    TEST_AMO amomax.w   0x00000001, 0x87654321, 0x00000001
    TEST_AMO amomax.w   0xffffffff, 0x87654321, 0xffffffff
    TEST_AMO amomax.w   0x7fffffff, 0x87654321, 0x7fffffff
    TEST_AMO amomax.w   0x87654321, 0x87654321, 0x80000000
    TEST_AMO amomax.w   0x12345678, 0x87654321, 0x12345678
    TEST_AMO amomax.w   0xfffffffe, 0x87654321, 0xfffffffe
    TEST_AMO amomax.w   0x87654321, 0x87654321, 0x87654321
    TEST_AMO amomax.w.aqrl 0x00000005, 0x80000001, 0x00000005
    NEXT_TEST
    la      a0, amo_data
    li      a1, 0x80000001
    sw      a1, 0(a0)
    li      a2, 5
    amomax.w x0, a2, (a0)
    lw      a3, 0(a0)
    CHECK   a3, 0x00000005
    NEXT_TEST
    li      a1, 0x0000ffff
    sw      a1, 0(a0)
    li      a2, 0xffff0001
    amomax.w a2, a2, (a0)
    CHECK   a2, 0x0000ffff
    NEXT_TEST
    lw      a3, 0(a0)
    CHECK   a3, 0x0000ffff

/* AMOMINU.W */
    TEST_AMO amominu.w  0x00000000, 0x00000000, 0x00000000
    TEST_AMO amominu.w  0x00000000, 0x00000000, 0x00000001
    TEST_AMO amominu.w  0x00000000, 0x00000000, 0xffffffff
    TEST_AMO amominu.w  0x00000000, 0x00000000, 0x7fffffff
    TEST_AMO amominu.w  0x00000000, 0x00000000, 0x80000000
    TEST_AMO amominu.w  0x00000000, 0x00000000, 0x12345678
    TEST_AMO amominu.w  0x00000000, 0x00000000, 0xfffffffe
    TEST_AMO amominu.w  0x00000000, 0x00000000, 0x87654321
    TEST_AMO amominu.w  0x00000000, 0x00000001, 0x00000000
    TEST_AMO amominu.w  0x00000001, 0x00000001, 0x00000001
    TEST_AMO amominu.w  0x00000001, 0x00000001, 0xffffffff
    TEST_AMO amominu.w  0x00000001, 0x00000001, 0x7fffffff
    TEST_AMO amominu.w  0x00000001, 0x00000001, 0x80000000
    TEST_AMO amominu.w  0x00000001, 0x00000001, 0x12345678
    TEST_AMO amominu.w  0x00000001, 0x00000001, 0xfffffffe
    TEST_AMO amominu.w  0x00000001, 0x00000001, 0x87654321
    TEST_AMO amominu.w  0x00000000, 0xffffffff, 0x00000000
    TEST_AMO amominu.w  0x00000001, 0xffffffff, 0x00000001
    TEST_AMO amominu.w  0xffffffff, 0xffffffff, 0xffffffff
    TEST_AMO amominu.w  0x7fffffff, 0xffffffff, 0x7fffffff
    TEST_AMO amominu.w  0x80000000, 0xffffffff, 0x80000000
    TEST_AMO amominu.w  0x12345678, 0xffffffff, 0x12345678
    TEST_AMO amominu.w  0xfffffffe, 0xffffffff, 0xfffffffe
    TEST_AMO amominu.w  0x87654321, 0xffffffff, 0x87654321
    TEST_AMO amominu.w  0x00000000, 0x7fffffff, 0x00000000
    TEST_AMO amominu.w  0x00000001, 0x7fffffff, 0x00000001
    TEST_AMO amominu.w  0x7fffffff, 0x7fffffff, 0xffffffff
    TEST_AMO amominu.w  0x7fffffff, 0x7fffffff, 0x7fffffff
    TEST_AMO amominu.w  0x7fffffff, 0x7fffffff, 0x80000000
    TEST_AMO amominu.w  0x12345678, 0x7fffffff, 0x12345678
    TEST_AMO amominu.w  0x7fffffff, 0x7fffffff, 0xfffffffe
    TEST_AMO amominu.w  0x7fffffff, 0x7fffffff, 0x87654321
    TEST_AMO amominu.w  0x00000000, 0x80000000, 0x00000000
    TEST_AMO amominu.w  0x00000001, 0x80000000, 0x00000001
    TEST_AMO amominu.w  0x80000000, 0x80000000, 0xffffffff
    TEST_AMO amominu.w  0x7fffffff, 0x80000000, 0x7fffffff
    TEST_AMO amominu.w  0x80000000, 0x80000000, 0x80000000
    TEST_AMO amominu.w  0x12345678, 0x80000000, 0x12345678
    TEST_AMO amominu.w  0x80000000, 0x80000000, 0xfffffffe
    TEST_AMO amominu.w  0x80000000, 0x80000000, 0x87654321
    TEST_AMO amominu.w  0x00000000, 0x12345678, 0x00000000
    TEST_AMO amominu.w  0x00000001, 0x12345678, 0x00000001
    TEST_AMO amominu.w  0x12345678, 0x12345678, 0xffffffff
    TEST_AMO amominu.w  0x12345678, 0x12345678, 0x7fffffff
    TEST_AMO amominu.w  0x12345678, 0x12345678, 0x80000000
    TEST_AMO amominu.w  0x12345678, 0x12345678, 0x12345678
    TEST_AMO amominu.w  0x12345678, 0x12345678, 0xfffffffe
    TEST_AMO amominu.w  0x12345678, 0x12345678, 0x87654321
    TEST_AMO amominu.w  0x00000000, 0xfffffffe, 0x00000000
    TEST_AMO amominu.w  0x00000001, 0xfffffffe, 0x00000001
    TEST_AMO amominu.w  0xfffffffe, 0xfffffffe, 0xffffffff
    TEST_AMO amominu.w  0x7fffffff, 0xfffffffe, 0x7fffffff
    TEST_AMO amominu.w  0x80000000, 0xfffffffe, 0x80000000
    TEST_AMO amominu.w  0x12345678, 0xfffffffe, 0x12345678
    TEST_AMO amominu.w  0xfffffffe, 0xfffffffe, 0xfffffffe
    TEST_AMO amominu.w  0x87654321, 0xfffffffe, 0x87654321
    TEST_AMO amominu.w  0x00000000, 0x87654321, 0x00000000
    TEST_AMO amominu.w  0x00000001, 0x87654321, 0x00000001
    TEST_AMO amominu.w  0x87654321, 0x87654321, 0xffffffff
    TEST_AMO amominu.w  0x7fffffff, 0x87654321, 0x7fffffff
    TEST_AMO amominu.w  0x80000000, 0x87654321, 0x80000000
    TEST_AMO amominu.w  0x12345678, 0x87654321, 0x12345678
    TEST_AMO amominu.w  0x87654321, 0x87654321, 0xfffffffe
    TEST_AMO amominu.w  0x87654321, 0x87654321, 0x87654321
    TEST_AMO amominu.w.aqrl 0x00000005, 0x80000001, 0x00000005
    NEXT_TEST
    la      a0, amo_data
    li      a1, 0x80000001
    sw      a1, 0(a0)
    li      a2, 5
    amominu.w x0, a2, (a0)
    lw      a3, 0(a0)
    CHECK   a3, 0x00000005
    NEXT_TEST
    li      a1, 0x0000ffff
    sw      a1, 0(a0)
    li      a2, 0xffff0001
    amominu.w a2, a2, (a0)
    CHECK   a2, 0x0000ffff
    NEXT_TEST
    lw      a3, 0(a0)
    CHECK   a3, 0x0000ffff

/* AMOMAXU.W */
    TEST_AMO amomaxu.w  0x00000000, 0x00000000, 0x00000000
    TEST_AMO amomaxu.w  0x00000001, 0x00000000, 0x00000001
    TEST_AMO amomaxu.w  0xffffffff, 0x00000000, 0xffffffff
    TEST_AMO amomaxu.w  0x7fffffff, 0x00000000, 0x7fffffff
    TEST_AMO amomaxu.w  0x80000000, 0x00000000, 0x80000000
    TEST_AMO amomaxu.w  0x12345678, 0x00000000, 0x12345678
    TEST_AMO amomaxu.w  0xfffffffe, 0x00000000, 0xfffffffe
    TEST_AMO amomaxu.w  0x87654321, 0x00000000, 0x87654321
    TEST_AMO amomaxu.w  0x00000001, 0x00000001, 0x00000000
    TEST_AMO amomaxu.w  0x00000001, 0x00000001, 0x00000001
    TEST_AMO amomaxu.w  0xffffffff, 0x00000001, 0xffffffff
    TEST_AMO amomaxu.w  0x7fffffff, 0x00000001, 0x7fffffff
    TEST_AMO amomaxu.w  0x80000000, 0x00000001, 0x80000000
    TEST_AMO amomaxu.w  0x12345678, 0x00000001, 0x12345678
    TEST_AMO amomaxu.w  0xfffffffe, 0x00000001, 0xfffffffe
    TEST_AMO amomaxu.w  0x87654321, 0x00000001, 0x87654321
    TEST_AMO amomaxu.w  0xffffffff, 0xffffffff, 0x00000000
    TEST_AMO amomaxu.w  0xffffffff, 0xffffffff, 0x00000001
    TEST_AMO amomaxu.w  0xffffffff, 0xffffffff, 0xffffffff
    TEST_AMO amomaxu.w  0xffffffff, 0xffffffff, 0x7fffffff
    TEST_AMO amomaxu.w  0xffffffff, 0xffffffff, 0x80000000
    TEST_AMO amomaxu.w  0xffffffff, 0xffffffff, 0x12345678
    TEST_AMO amomaxu.w  0xffffffff, 0xffffffff, 0xfffffffe
    TEST_AMO amomaxu.w  0xffffffff, 0xffffffff, 0x87654321
    TEST_AMO amomaxu.w  0x7fffffff, 0x7fffffff, 0x00000000
    TEST_AMO amomaxu.w  0x7fffffff, 0x7fffffff, 0x00000001
    TEST_AMO amomaxu.w  0xffffffff, 0x7fffffff, 0xffffffff
    TEST_AMO amomaxu.w  0x7fffffff, 0x7fffffff, 0x7fffffff
    TEST_AMO amomaxu.w  0x80000000, 0x7fffffff, 0x80000000
    TEST_AMO amomaxu.w  0x7fffffff, 0x7fffffff, 0x12345678
    TEST_AMO amomaxu.w  0xfffffffe, 0x7fffffff, 0xfffffffe
    TEST_AMO amomaxu.w  0x87654321, 0x7fffffff, 0x87654321
    TEST_AMO amomaxu.w  0x80000000, 0x80000000, 0x00000000
    TEST_AMO amomaxu.w  0x80000000, 0x80000000, 0x00000001
    TEST_AMO amomaxu.w  0xffffffff, 0x80000000, 0xffffffff
    TEST_AMO amomaxu.w  0x80000000, 0x80000000, 0x7fffffff
    TEST_AMO amomaxu.w  0x80000000, 0x80000000, 0x80000000
    TEST_AMO amomaxu.w  0x80000000, 0x80000000, 0x12345678
    TEST_AMO amomaxu.w  0xfffffffe, 0x80000000, 0xfffffffe
    TEST_AMO amomaxu.w  0x87654321, 0x80000000, 0x87654321
    TEST_AMO amomaxu.w  0x12345678, 0x12345678, 0x00000000
    TEST_AMO amomaxu.w  0x12345678, 0x12345678, 0x00000001
    TEST_AMO amomaxu.w  0xffffffff, 0x12345678, 0xffffffff
    TEST_AMO amomaxu.w  0x7fffffff, 0x12345678, 0x7fffffff
    TEST_AMO amomaxu.w  0x80000000, 0x12345678, 0x80000000
    TEST_AMO amomaxu.w  0x12345678, 0x12345678, 0x12345678
    TEST_AMO amomaxu.w  0xfffffffe, 0x12345678, 0xfffffffe
    TEST_AMO amomaxu.w  0x87654321, 0x12345678, 0x87654321
    TEST_AMO amomaxu.w  0xfffffffe, 0xfffffffe, 0x00000000
    TEST_AMO amomaxu.w  0xfffffffe, 0xfffffffe, 0x00000001
    TEST_AMO amomaxu.w  0xffffffff, 0xfffffffe, 0xffffffff
    TEST_AMO amomaxu.w  0xfffffffe, 0xfffffffe, 0x7fffffff
    TEST_AMO amomaxu.w  0xfffffffe, 0xfffffffe, 0x80000000
    TEST_AMO amomaxu.w  0xfffffffe, 0xfffffffe, 0x12345678
    TEST_AMO amomaxu.w  0xfffffffe, 0xfffffffe, 0xfffffffe
    TEST_AMO amomaxu.w  0xfffffffe, 0xfffffffe, 0x87654321
    TEST_AMO amomaxu.w  0x87654321, 0x87654321, 0x00000000
    TEST_AMO amomaxu.w  0x87654321, 0x87654321, 0x00000001
    TEST_AMO amomaxu.w  0xffffffff, 0x87654321, 0xffffffff
    TEST_AMO amomaxu.w  0x87654321, 0x87654321, 0x7fffffff
    TEST_AMO amomaxu.w  0x87654321, 0x87654321, 0x80000000
    TEST_AMO amomaxu.w  0x87654321, 0x87654321, 0x12345678
    TEST_AMO amomaxu.w  0xfffffffe, 0x87654321, 0xfffffffe
    TEST_AMO amomaxu.w  0x87654321, 0x87654321, 0x87654321
    TEST_AMO amomaxu.w.aqrl 0x80000001, 0x80000001, 0x00000005
    NEXT_TEST
    la      a0, amo_data
    li      a1, 0x80000001
    sw      a1, 0(a0)
    li      a2, 5
    amomaxu.w x0, a2, (a0)
    lw      a3, 0(a0)
    CHECK   a3, 0x80000001
    NEXT_TEST
    li      a1, 0x0000ffff
    sw      a1, 0(a0)
    li      a2, 0xffff0001
    amomaxu.w a2, a2, (a0)
    CHECK   a2, 0x0000ffff
    NEXT_TEST
    lw      a3, 0(a0)
    CHECK   a3, 0xffff0001

    ISA_END

    .data
    .align 6
amo_data:
    .word   0
    .align 8
amo_far:                                /* a different reservation granule */
    .word   0
