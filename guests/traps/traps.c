/*
 * Privileged-architecture checks: exceptions, U mode, interrupts, mtvec
 * modes, counters, misa and fence.i. Prints "ok NAME" or "FAIL NAME ..."
 * per check and exits 0 only if every check passed.
 */
#include "tandem.h"

#define USER_EXIT   0x7E57      /* a7: leave U mode (see traps_asm.S) */
#define SYS_ADD1    1           /* a7: return a0 + 1 */

uint32_t user_call(uint32_t (*fn)(uint32_t), uint32_t arg);
void user_return(void);
void vector_table(void);
extern volatile uint32_t vec_hit;

static int failures;

/* What the handler saw on the most recent trap. */
static volatile uint32_t t_count, t_cause, t_epc, t_tval, t_mstatus;
static volatile uint32_t timer_hits, soft_hits;

uint32_t trap_handler(uint32_t mcause, uint32_t mepc, uint32_t mtval,
                      struct trap_frame *f)
{
    t_count++;
    t_cause = mcause;
    t_epc = mepc;
    t_tval = mtval;
    t_mstatus = csr_read(mstatus);

    if (mcause & MCAUSE_INTR) {
        switch (mcause & ~MCAUSE_INTR) {
        case IRQ_M_TIMER:
            clint_disable_timer();      /* drops MTIP */
            timer_hits++;
            break;
        case IRQ_M_SOFT:
            clint_set_msip(0);          /* drops MSIP */
            soft_hits++;
            break;
        default:
            printf("FAIL unexpected interrupt mcause=0x%08x\n", mcause);
            exit(98);
        }
        return mepc;                    /* resume the interrupted insn */
    }

    if (mcause == CAUSE_ECALL_U) {
        if (f->regs[REG_A7] == USER_EXIT) {
            csr_set(mstatus, MSTATUS_MPP_M);    /* mret stays in M */
            return (uint32_t)(uintptr_t)user_return;
        }
        if (f->regs[REG_A7] == SYS_ADD1)
            f->regs[REG_A0] += 1;
    }
    /* Every other exception: skip the 4-byte faulting instruction. */
    return mepc + 4;
}

static void check(const char *name, int ok)
{
    if (ok) {
        printf("ok %s\n", name);
    } else {
        printf("FAIL %s\n", name);
        failures++;
    }
}

/* Like check, with the offending values in the FAIL line. */
static void check_eq(const char *name, const char *what, uint32_t got,
                     uint32_t want)
{
    if (got == want) {
        printf("ok %s\n", name);
    } else {
        printf("FAIL %s %s=0x%08x expected 0x%08x\n", name, what, got, want);
        failures++;
    }
}

/* ---- Plain CSRs --------------------------------------------------------- */
static void test_mscratch(void)
{
    csr_write(mscratch, 0x12345678u);
    uint32_t a = csr_read(mscratch);
    uint32_t b = csr_swap(mscratch, 0xCAFEF00Du);
    uint32_t c = csr_read(mscratch);
    csr_write(mscratch, 0);
    check("mscratch", a == 0x12345678u && b == 0x12345678u &&
                      c == 0xCAFEF00Du);
}

static void test_mtvec(void)
{
    uint32_t old = csr_read(mtvec);
    check_eq("mtvec_direct", "mtvec", old,
             (uint32_t)(uintptr_t)trap_entry);
}

static void test_misa(void)
{
    uint32_t misa = csr_read(misa);
    uint32_t want = (1u << ('I' - 'A')) | (1u << ('M' - 'A')) |
                    (1u << ('A' - 'A')) | (1u << ('U' - 'A'));
    check("misa_imau", (misa & want) == want);
    check_eq("misa_mxl32", "misa.MXL", misa >> 30, 1);
}

/* ---- Synchronous exceptions in M mode --------------------------------- */
static void test_ecall_m(void)
{
    uint32_t pc, before = t_count;
    __asm__ volatile("la %0, 1f\n1: ecall" : "=r"(pc) :: "memory");
    check_eq("ecall_m_taken", "traps", t_count - before, 1);
    check_eq("ecall_m_cause", "mcause", t_cause, CAUSE_ECALL_M);
    check_eq("ecall_m_epc", "mepc", t_epc, pc);
    check_eq("ecall_m_mpp", "MPP", (t_mstatus & MSTATUS_MPP) >> 11, 3);
}

static void test_trap_mstatus(void)
{
    /* Taking a trap copies MIE into MPIE and clears MIE. mie is 0, so
       setting MIE here cannot let any interrupt in. */
    csr_write(mie, 0);
    csr_set(mstatus, MSTATUS_MIE);
    __asm__ volatile("ecall" ::: "memory");
    uint32_t after = csr_read(mstatus);
    csr_clear(mstatus, MSTATUS_MIE);
    check("trap_mstatus_mie_cleared", (t_mstatus & MSTATUS_MIE) == 0);
    check("trap_mstatus_mpie_set", (t_mstatus & MSTATUS_MPIE) != 0);
    check("mret_restores_mie", (after & MSTATUS_MIE) != 0);
}

static void test_ebreak(void)
{
    uint32_t pc;
    __asm__ volatile("la %0, 1f\n1: ebreak" : "=r"(pc) :: "memory");
    check_eq("ebreak_cause", "mcause", t_cause, CAUSE_BREAKPOINT);
    check_eq("ebreak_epc", "mepc", t_epc, pc);
}

static void test_illegal(void)
{
    uint32_t pc;

    /* All-zero word: defined to be illegal. */
    __asm__ volatile("la %0, 1f\n1: .word 0" : "=r"(pc) :: "memory");
    check_eq("illegal_zero_cause", "mcause", t_cause, CAUSE_ILLEGAL_INSN);
    check_eq("illegal_zero_epc", "mepc", t_epc, pc);
    check_eq("illegal_zero_tval", "mtval", t_tval, 0);

    /* csrw cycle, x0: writing a read-only CSR (the "unimp" encoding).
       mtval may be 0 or the instruction bits. */
    __asm__ volatile("la %0, 1f\n1: .word 0xC0001073" : "=r"(pc) :: "memory");
    check_eq("illegal_csr_ro_cause", "mcause", t_cause, CAUSE_ILLEGAL_INSN);
    check_eq("illegal_csr_ro_epc", "mepc", t_epc, pc);
    check("illegal_csr_ro_tval", t_tval == 0 || t_tval == 0xC0001073u);

    /* An opcode from the reserved custom-0 space. */
    __asm__ volatile("la %0, 1f\n1: .word 0x0000000B" : "=r"(pc) :: "memory");
    check_eq("illegal_opcode_cause", "mcause", t_cause, CAUSE_ILLEGAL_INSN);
    check("illegal_opcode_tval", t_tval == 0 || t_tval == 0x0000000Bu);
}

static void test_access_faults(void)
{
    /* Nothing is mapped at the bottom of the address space. The accesses
       are written in assembly so the compiler cannot reason about them. */
    uint32_t pc, v = 0, before = t_count;
    __asm__ volatile("la %0, 1f\n1: lw %1, 0(%2)"
                     : "=&r"(pc), "+r"(v) : "r"(4) : "memory");
    check_eq("load_fault_cause", "mcause", t_cause, CAUSE_LOAD_ACCESS);
    check_eq("load_fault_tval", "mtval", t_tval, 4);
    check_eq("load_fault_epc", "mepc", t_epc, pc);
    __asm__ volatile("la %0, 1f\n1: sw %1, 0(%2)"
                     : "=&r"(pc) : "r"(0x1234), "r"(8) : "memory");
    check_eq("store_fault_cause", "mcause", t_cause, CAUSE_STORE_ACCESS);
    check_eq("store_fault_tval", "mtval", t_tval, 8);
    check_eq("store_fault_epc", "mepc", t_epc, pc);
    check_eq("faults_taken", "traps", t_count - before, 2);
}

/* ---- mret and mstatus ------------------------------------------------- */
/* mret to the next instruction, staying in M mode (MPP = M). */
static void mret_here(void)
{
    __asm__ volatile("la t0, 1f\n"
                     "csrw mepc, t0\n"
                     "mret\n"
                     "1:" ::: "t0", "memory");
}

static void test_mret_mstatus(void)
{
    csr_write(mie, 0);      /* MIE may become 1: keep interrupts masked */

    csr_clear(mstatus, MSTATUS_MIE);
    csr_set(mstatus, MSTATUS_MPIE | MSTATUS_MPP_M);
    check_eq("mpp_m_readback", "MPP",
             (csr_read(mstatus) & MSTATUS_MPP) >> 11, 3);
    mret_here();
    uint32_t s = csr_read(mstatus);
    check("mret_mie_from_mpie", (s & MSTATUS_MIE) != 0);
    check("mret_sets_mpie", (s & MSTATUS_MPIE) != 0);
    check_eq("mret_mpp_to_u", "MPP", (s & MSTATUS_MPP) >> 11, 0);

    csr_set(mstatus, MSTATUS_MIE | MSTATUS_MPP_M);
    csr_clear(mstatus, MSTATUS_MPIE);
    mret_here();
    s = csr_read(mstatus);
    check("mret_mie_from_mpie0", (s & MSTATUS_MIE) == 0);
    check("mret_sets_mpie2", (s & MSTATUS_MPIE) != 0);

    csr_clear(mstatus, MSTATUS_MIE | MSTATUS_MPIE);
}

/* ---- U mode ----------------------------------------------------------- */
static void setup_pmp(void)
{
    /* One NAPOT region covering everything, R/W/X, so U mode can reach
       RAM and devices (QEMU denies U accesses without a PMP match). */
    csr_write(pmpaddr0, 0xFFFFFFFFu);
    csr_write(pmpcfg0, 0x1Fu);
    check_eq("pmp_setup", "pmpaddr0", csr_read(pmpaddr0), 0xFFFFFFFFu);
}

static volatile uint32_t u_syscall_result, u_cause_after_ecall,
                         u_cause_after_csr, u_cause_after_csrw,
                         u_epc_csr, u_epc_seen, u_mscratch_value,
                         u_cause_after_mstatus;

/* Runs in U mode. Records what it sees; M code checks afterwards. */
static uint32_t user_main(uint32_t arg)
{
    register uint32_t a0 __asm__("a0") = arg;
    register uint32_t a7 __asm__("a7") = SYS_ADD1;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
    u_syscall_result = a0;
    u_cause_after_ecall = t_cause;

    /* M-mode CSRs are off limits: both the read and the write trap. */
    uint32_t pc, v = 0x5A5A5A5Au;
    __asm__ volatile("la %0, 1f\n1: csrr %1, mscratch"
                     : "=r"(pc), "+r"(v) :: "memory");
    u_epc_csr = pc;
    u_epc_seen = t_epc;
    u_cause_after_csr = t_cause;
    u_mscratch_value = v;           /* unchanged: the csrr never retired */
    t_cause = 0;
    __asm__ volatile("csrw mscratch, zero" ::: "memory");
    u_cause_after_csrw = t_cause;
    t_cause = 0;
    __asm__ volatile("csrsi mstatus, 8" ::: "memory");  /* set MIE */
    u_cause_after_mstatus = t_cause;

    return arg * 3;
}

static void test_user_mode(void)
{
    csr_write(mscratch, 0x600DF00Du);

    uint32_t r = user_call(user_main, 14);

    check_eq("ecall_u_cause", "mcause", u_cause_after_ecall, CAUSE_ECALL_U);
    check_eq("ecall_u_syscall", "a0", u_syscall_result, 15);
    check_eq("u_csr_read_illegal", "mcause", u_cause_after_csr,
             CAUSE_ILLEGAL_INSN);
    check_eq("u_csr_read_epc", "mepc", u_epc_seen, u_epc_csr);
    check_eq("u_csr_read_no_result", "rd", u_mscratch_value, 0x5A5A5A5Au);
    check_eq("u_csr_write_illegal", "mcause", u_cause_after_csrw,
             CAUSE_ILLEGAL_INSN);
    check_eq("u_mstatus_write_illegal", "mcause", u_cause_after_mstatus,
             CAUSE_ILLEGAL_INSN);
    check_eq("u_exit_ecall", "mcause", t_cause, CAUSE_ECALL_U);
    check_eq("u_exit_mpp_was_u", "MPP", (t_mstatus & MSTATUS_MPP) >> 11, 0);
    check_eq("return_to_m_value", "result", r, 42);
    /* Reading an M CSR proves we are back in M mode (it would trap in U);
       its value shows the U-mode write never happened. */
    uint32_t traps = t_count;
    uint32_t ms = csr_read(mscratch);
    check("return_to_m_mode", t_count == traps);
    check_eq("u_csr_write_no_effect", "mscratch", ms, 0x600DF00Du);
    check("u_mie_not_set", (csr_read(mstatus) & MSTATUS_MIE) == 0);
    csr_write(mscratch, 0);
}

/* ---- Interrupts ------------------------------------------------------- */
static int wait_for(volatile uint32_t *counter, uint32_t target)
{
    for (int i = 0; i < 100000 && *counter < target; i++)
        wfi();
    return *counter >= target;
}

static void test_timer(const char *name)
{
    uint32_t before = timer_hits;
    vec_hit = 0;
    csr_write(mie, MIP_MTIP);
    clint_set_mtimecmp(clint_mtime() + 10000);     /* 1 ms ahead */
    csr_set(mstatus, MSTATUS_MIE);
    int hit = wait_for(&timer_hits, before + 1);
    csr_clear(mstatus, MSTATUS_MIE);
    csr_write(mie, 0);
    clint_disable_timer();

    printf("%s %s_irq\n", hit ? "ok" : "FAIL", name);
    failures += !hit;
    check_eq(name, "mcause", t_cause, MCAUSE_INTR | IRQ_M_TIMER);
    printf("%s %s_mtip_cleared\n",
           (csr_read(mip) & MIP_MTIP) == 0 ? "ok" : "FAIL", name);
    failures += (csr_read(mip) & MIP_MTIP) != 0;
}

static void test_soft(const char *name)
{
    uint32_t before = soft_hits;
    vec_hit = 0;
    csr_write(mie, MIP_MSIP);
    csr_set(mstatus, MSTATUS_MIE);
    clint_set_msip(1);
    int hit = wait_for(&soft_hits, before + 1);
    csr_clear(mstatus, MSTATUS_MIE);
    csr_write(mie, 0);

    printf("%s %s_irq\n", hit ? "ok" : "FAIL", name);
    failures += !hit;
    check_eq(name, "mcause", t_cause, MCAUSE_INTR | IRQ_M_SOFT);
    printf("%s %s_msip_cleared\n",
           (csr_read(mip) & MIP_MSIP) == 0 ? "ok" : "FAIL", name);
    failures += (csr_read(mip) & MIP_MSIP) != 0;
}

static void test_vectored(void)
{
    uint32_t base = (uint32_t)(uintptr_t)vector_table;
    csr_write(mtvec, base | 1);
    check_eq("mtvec_vectored", "mtvec", csr_read(mtvec), base | 1);

    test_soft("vectored_msip");
    check_eq("vectored_msip_slot", "slot", vec_hit, IRQ_M_SOFT);
    test_timer("vectored_timer");
    check_eq("vectored_timer_slot", "slot", vec_hit, IRQ_M_TIMER);

    /* Exceptions still enter at the base address. */
    vec_hit = 0;
    __asm__ volatile("ecall" ::: "memory");
    check("vectored_exception_base",
          t_cause == CAUSE_ECALL_M && vec_hit == 0);

    csr_write(mtvec, (uint32_t)(uintptr_t)trap_entry);
}

/* ---- Counters --------------------------------------------------------- */
static void test_counters(void)
{
    uint32_t i1, i2, c1, c2;
    __asm__ volatile("rdinstret %0" : "=r"(i1));
    __asm__ volatile("rdcycle %0" : "=r"(c1));
    for (volatile int i = 0; i < 100; i++)
        ;
    __asm__ volatile("rdinstret %0" : "=r"(i2));
    __asm__ volatile("rdcycle %0" : "=r"(c2));
    /* Only the direction is printed: the values are not deterministic
       across machines. */
    check("instret_advances", i2 - i1 > 100 && i2 - i1 < 100000);
    check("cycle_advances", c2 != c1);
    uint32_t m1 = csr_read(minstret);
    uint32_t m2 = csr_read(minstret);
    check("minstret_advances", m2 > m1 || m1 - m2 > 0x80000000u);
}

/* ---- fence.i ---------------------------------------------------------- */
static uint32_t code_buf[4] __attribute__((aligned(16)));

static uint32_t run_generated(int32_t value)
{
    code_buf[0] = ((uint32_t)value << 20) | (10u << 7) | 0x13u; /* li a0,v */
    code_buf[1] = 0x00008067u;                                  /* ret */
    fence_i();
    uint32_t (*fn)(void) = (uint32_t (*)(void))(uintptr_t)code_buf;
    return fn();
}

static void test_fence_i(void)
{
    check_eq("fence_i_first", "a0", run_generated(42), 42);
    check_eq("fence_i_rewrite", "a0", run_generated(-7), (uint32_t)-7);
    check_eq("fence_i_third", "a0", run_generated(1234), 1234);
}

int main(void)
{
    printf("traps: privileged architecture checks\n");
    test_mscratch();
    test_mtvec();
    test_misa();
    test_ecall_m();
    test_trap_mstatus();
    test_ebreak();
    test_illegal();
    test_access_faults();
    test_mret_mstatus();
    setup_pmp();
    test_user_mode();
    test_timer("timer");
    test_soft("msip");
    test_vectored();
    test_counters();
    test_fence_i();

    if (failures) {
        printf("traps: %d check(s) failed\n", failures);
        return 1;
    }
    printf("traps: all checks passed\n");
    return 0;
}
