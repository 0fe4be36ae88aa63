/*
 * CSR reads that may not exist on every machine. Each probe points mtvec
 * at probe_trap for the duration of one CSR instruction; if it traps,
 * probe_trap skips it and sets t0 = 1. All other trap state is saved
 * first and restored afterwards.
 *
 *     int csr_try_read_seed(uint32_t *value);
 *     int csr_try_read_host_identity(uint32_t *value);
 *
 * Register use (all caller-saved): t0 trapped flag, t1 mstatus, t2 mtvec,
 * t3 mepc, t4 mcause, t5 mtval, a1 value read.
 */
.macro PROBE_BEGIN
    csrrci  t1, mstatus, 8          /* no interrupt may land in probe_trap */
    csrr    t3, mepc
    csrr    t4, mcause
    csrr    t5, mtval
    la      t2, probe_trap
    csrrw   t2, mtvec, t2
    li      t0, 0
    li      a1, 0
.endm

.macro PROBE_END
    csrw    mtvec, t2
    csrw    mepc, t3
    csrw    mcause, t4
    csrw    mtval, t5
    csrw    mstatus, t1             /* MIE, MPIE and MPP as they were */
    bnez    t0, 1f
    sw      a1, 0(a0)
    li      a0, 1
    ret
1:  li      a0, 0
    ret
.endm

    .text
    .globl  csr_try_read_seed
    .align  2
csr_try_read_seed:
    PROBE_BEGIN
    csrrw   a1, 0x015, x0           /* seed: must be a read-write access */
    PROBE_END

    .globl  csr_try_read_host_identity
    .align  2
csr_try_read_host_identity:
    PROBE_BEGIN
    csrr    a1, 0xFC0
    PROBE_END

/* Entered only for a trap inside a probe (MIE is 0, so never for an
   interrupt): skip the 4-byte CSR instruction and flag the trap. */
    .align  2
probe_trap:
    csrr    t0, mepc
    addi    t0, t0, 4
    csrw    mepc, t0
    li      t0, 1
    mret
