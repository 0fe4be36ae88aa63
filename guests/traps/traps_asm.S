/*
 * Assembly helpers for the traps test: entering U mode and coming back,
 * and a vector table for mtvec vectored mode.
 */
#define MSTATUS_MPP 0x1800
#define USER_EXIT   0x7E57      /* a7 value of the "return to M" ecall */

    .text
/*
 * uint32_t user_call(uint32_t (*fn)(uint32_t), uint32_t arg)
 * Runs fn(arg) in U mode on the current stack and returns its result.
 * fn returns into user_exit_stub, whose ecall reaches the M-mode trap
 * handler; that handler sets MPP = M and resumes at user_return, which
 * restores the callee-saved state saved here.
 */
    .globl user_call
user_call:
    la      t0, saved_ctx
    sw      ra,   0(t0)
    sw      sp,   4(t0)
    sw      s0,   8(t0)
    sw      s1,  12(t0)
    sw      s2,  16(t0)
    sw      s3,  20(t0)
    sw      s4,  24(t0)
    sw      s5,  28(t0)
    sw      s6,  32(t0)
    sw      s7,  36(t0)
    sw      s8,  40(t0)
    sw      s9,  44(t0)
    sw      s10, 48(t0)
    sw      s11, 52(t0)
    csrw    mepc, a0
    li      t1, MSTATUS_MPP
    csrc    mstatus, t1             /* MPP = U */
    la      ra, user_exit_stub
    mv      a0, a1
    mret

    .globl user_exit_stub
user_exit_stub:                     /* still in U mode, a0 = fn's result */
    li      a7, USER_EXIT
    ecall
1:  j       1b                      /* not reached */

    .globl user_return
user_return:                        /* back in M mode, a0 = fn's result */
    la      t0, saved_ctx
    lw      ra,   0(t0)
    lw      sp,   4(t0)
    lw      s0,   8(t0)
    lw      s1,  12(t0)
    lw      s2,  16(t0)
    lw      s3,  20(t0)
    lw      s4,  24(t0)
    lw      s5,  28(t0)
    lw      s6,  32(t0)
    lw      s7,  36(t0)
    lw      s8,  40(t0)
    lw      s9,  44(t0)
    lw      s10, 48(t0)
    lw      s11, 52(t0)
    ret

/*
 * Vector table for mtvec mode 1: exceptions enter at base, interrupt
 * number n at base + 4*n. Each interrupt slot records which slot was used
 * in vec_hit and then continues in the common trap_entry, so the check
 * can tell a correctly vectored interrupt from one sent to base.
 * Generously aligned: implementations may require base alignment.
 */
    .align 8
    .globl vector_table
vector_table:
    j       trap_entry              /* 0: exceptions */
    j       vec_1
    j       vec_2
    j       vec_3                   /* machine software interrupt */
    j       vec_4
    j       vec_5
    j       vec_6
    j       vec_7                   /* machine timer interrupt */
    j       vec_8
    j       vec_9
    j       vec_10
    j       vec_11                  /* machine external interrupt */

.macro VEC n
vec_\n:
    addi    sp, sp, -16
    sw      t0, 0(sp)
    sw      t1, 4(sp)
    la      t0, vec_hit
    li      t1, \n
    sw      t1, 0(t0)
    lw      t1, 4(sp)
    lw      t0, 0(sp)
    addi    sp, sp, 16
    j       trap_entry
.endm
    VEC 1
    VEC 2
    VEC 3
    VEC 4
    VEC 5
    VEC 6
    VEC 7
    VEC 8
    VEC 9
    VEC 10
    VEC 11

    .bss
    .align 4
saved_ctx:
    .space 14 * 4
    .globl vec_hit
vec_hit:
    .space 4
