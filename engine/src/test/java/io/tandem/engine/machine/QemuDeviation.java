package io.tandem.engine.machine;

import static io.tandem.engine.asm.Assembler.A4;
import static io.tandem.engine.asm.Assembler.A5;
import static io.tandem.engine.asm.Assembler.A6;
import static io.tandem.engine.asm.Assembler.T0;
import static io.tandem.engine.asm.Assembler.T1;
import static io.tandem.engine.asm.Assembler.ZERO;

import java.util.List;
import java.util.function.Consumer;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.cpu.Csr;
import io.tandem.engine.mem.MemoryMap;

/**
 * The known deviations of QEMU 7.2's {@code virt} (the reference machine of the differential
 * tests) from the RISC-V specifications, where this machine follows the spec. Each names the
 * spec's sentence (section and wording, from the ratified privileged and unprivileged manuals)
 * and carries a probe: a few instructions whose result each machine reports as two hex words on
 * the UART (after a trap: mcause and what the probe makes of mtval; without one: ffffffff and
 * the probe's result). {@link QemuDeviationTest} checks that this machine prints {@link #here}
 * and QEMU still prints {@link #qemu}, so the list stays true. The tests that compare with QEMU
 * skip or adjust for exactly these entries, naming them: {@link QemuRandomProgramTest} (AMO
 * causes, misaligned SC, EBREAK's mtval), and {@code guests/Makefile}'s {@code check-qemu}
 * (the riscv-tests and riscv-arch-test ELFs listed here, which {@link QemuDeviationTest}
 * checks against the Makefile's lists).
 */
enum QemuDeviation
{
    /** A misaligned AMO raises the store/AMO cause; QEMU raises the load one. */
    MISALIGNED_AMO_CAUSE(
        "privileged spec, Machine Cause (mcause) Register",
        "\"Note that load and load-reserved instructions generate load exceptions, whereas store, "
            + "store-conditional, and AMO instructions generate store/AMO exceptions.\"",
        "amoadd.w at a misaligned address: QEMU raises load address misaligned (4)",
        "store/AMO address misaligned (6), mtval the address",
        a -> a.li(T0, QemuDeviation.DATA + 2).amoaddW(T1, T0, ZERO),
        a -> { },
        lines(6, QemuDeviation.DATA + 2), lines(4, QemuDeviation.DATA + 2),
        List.of(), List.of()),

    /** An AMO on an address nothing answers raises the store/AMO access fault; QEMU the load one. */
    FAULTING_AMO_CAUSE(
        "privileged spec, Machine Cause (mcause) Register",
        "\"... whereas store, store-conditional, and AMO instructions generate store/AMO exceptions.\"",
        "amoswap.w at 0x4 (no device): QEMU raises load access fault (5)",
        "store/AMO access fault (7), mtval the address",
        a -> a.li(T0, 4).amoswapW(T1, T0, ZERO),
        a -> { },
        lines(7, 4), lines(5, 4),
        List.of(), List.of()),

    /** SC.W at a misaligned address traps even without a reservation; QEMU fails it quietly. */
    MISALIGNED_SC_WITHOUT_RESERVATION(
        "unprivileged spec, Zalrsc Extension for Load-Reserved/Store-Conditional Instructions",
        "\"For LR and SC, the Zalrsc extension requires that the address held in rs1 be naturally "
            + "aligned to the size of the operand ... If the address is not naturally aligned, an "
            + "address-misaligned exception or an access-fault exception will be generated.\"",
        "sc.w at a misaligned address with no reservation: QEMU does not trap and writes 1 (failure) to rd",
        "store/AMO address misaligned (6), mtval the address, rd unchanged",
        a -> a.li(T0, QemuDeviation.DATA + 2).li(T1, 0x55).scW(A5, T0, T1),
        a -> { },
        lines(6, QemuDeviation.DATA + 2), lines(-1, 1),
        List.of(), List.of()),

    /** mepc's bit 0 reads as zero; QEMU keeps what was written. */
    MEPC_LOW_BIT(
        "privileged spec, Machine Exception Program Counter (mepc) Register",
        "\"The low bit of mepc (mepc[0]) is always zero.\"",
        "csrw mepc with all ones: QEMU reads back ffffffff",
        "fffffffe (IALIGN 16: bit 1 stays)",
        a -> a.li(T0, -1).csrw(Csr.MEPC, T0).csrr(A5, Csr.MEPC),
        a -> { },
        lines(-1, 0xFFFF_FFFE), lines(-1, 0xFFFF_FFFF),
        List.of(), List.of()),

    /** An MRET to U-mode clears mstatus.MPRV; QEMU leaves it set. */
    MRET_TO_USER_CLEARS_MPRV(
        "privileged spec, Memory Privilege in mstatus Register",
        "\"An MRET or SRET instruction that changes the privilege mode to a mode less privileged "
            + "than M also sets MPRV=0.\"",
        "mret to U-mode with MPRV set, then ecall: QEMU's handler reads MPRV still 1",
        "ecall from U (8), MPRV 0",
        a ->
        {
            final Label user = a.newLabel("user");
            a.li(T0, Csr.MSTATUS_MPRV).csrs(Csr.MSTATUS, T0);
            a.li(T0, Csr.MSTATUS_MPP).csrc(Csr.MSTATUS, T0);
            a.la(T0, user).csrw(Csr.MEPC, T0).mret();
            a.bind(user);
            a.ecall();
        },
        a -> a.csrr(A5, Csr.MSTATUS).li(T0, Csr.MSTATUS_MPRV).and(A5, A5, T0),
        lines(8, 0), lines(8, Csr.MSTATUS_MPRV),
        List.of(), List.of()),

    /**
     * EBREAK's mtval: the spec allows zero or the instruction's address; this machine writes the
     * address, as the Sail model does, QEMU zero. The architectural tests' trap handler relocates
     * mtval as a code address and abandons the two EBREAK tests on QEMU's zero.
     */
    EBREAK_MTVAL(
        "privileged spec, Machine Trap Value (mtval) Register",
        "\"On a breakpoint exception raised by an EBREAK or C.EBREAK instruction, mtval is written "
            + "with either zero or the virtual address of the instruction.\" (both allowed)",
        "ebreak: QEMU writes 0 to mtval",
        "mtval = mepc, the breakpoint's address (as Sail)",
        Assembler::ebreak,
        a -> a.sub(A5, A5, A6).sltiu(A5, A5, 1), // 1 when mtval == mepc
        lines(3, 1), lines(3, 0),
        List.of(), List.of("C/cebreak-01", "privilege/ebreak")),

    /**
     * A misaligned store that leaves RAM: both fault (store access fault), but this machine writes
     * nothing, where QEMU has written the part inside RAM; the spec allows both. (A misaligned
     * load leaving RAM faults alike on both, mtval the first address past RAM.)
     */
    MISALIGNED_STORE_LEAVING_RAM(
        "privileged spec, Physical Memory Protection, Priority and Matching Logic",
        "\"On some implementations, misaligned loads, stores, and instruction fetches may be decomposed "
            + "into multiple memory operations, some of which may succeed before an access-fault exception "
            + "occurs ... a portion of a misaligned store that passes the PMP check may become visible, even "
            + "if another portion fails the PMP check.\" (both allowed)",
        "sw of 0x11223344 at RAM's last two bytes (QEMU with -m 16M): QEMU raises store access fault (7) "
            + "and has written 0x3344 to those two bytes",
        "store access fault (7), mtval the first address past RAM, nothing written",
        a -> a.li(T0, MemoryMap.RAM_BASE + (16 << 20) - 2).li(T1, 0x11223344).sw(T1, T0, 0),
        a -> a.li(T0, MemoryMap.RAM_BASE + (16 << 20) - 2).lhu(A5, T0, 0), // the part inside RAM
        lines(7, 0), lines(7, 0x3344),
        List.of(), List.of()),

    /** A CSR write to minstret suppresses that instruction's own increment; QEMU counts it. */
    MINSTRET_WRITE_SUPPRESSES_INCREMENT(
        "unprivileged spec, Zicsr Extension for Control and Status Register (CSR) Instructions",
        "\"If a CSR access instruction writes such a CSR, the explicit write is done instead of the "
            + "update from the side effect. In particular, a value written to instret by one "
            + "instruction will be the value read by the following instruction.\"",
        "csrw minstret, 1000 then csrr minstret (QEMU with -icount shift=0): QEMU reads 1001",
        "1000",
        a -> a.li(T0, 1000).csrw(Csr.MINSTRET, T0).csrr(A5, Csr.MINSTRET),
        a -> { },
        lines(-1, 1000), lines(-1, 1001),
        List.of("rv32mi-p-instret_overflow"), List.of());

    /** Where the probes' data lives (RAM, away from the code). */
    static final int DATA = MemoryMap.RAM_BASE + 0x10_0000;

    /** Where the spec says it, and its words (shortened with "..." where the rest is beside the point). */
    final String section;
    final String sentence;
    /** What QEMU 7.2 does (in the probe), and what this machine does. */
    final String qemuBehaviour;
    final String hereBehaviour;
    private final Consumer<Assembler> body;
    private final Consumer<Assembler> afterTrap;
    /** What the probe prints on this machine and on QEMU. */
    final String here;
    final String qemu;
    /** riscv-tests ({@code guests/bin/riscv-tests/NAME.elf}) that fail on QEMU for this deviation. */
    final List<String> riscvTests;
    /** riscv-arch-test tests ({@code SUITE/NAME}) whose signature QEMU cannot print for it. */
    final List<String> archTests;

    QemuDeviation(final String section, final String sentence, final String qemuBehaviour, final String hereBehaviour,
        final Consumer<Assembler> body, final Consumer<Assembler> afterTrap, final String here, final String qemu,
        final List<String> riscvTests, final List<String> archTests)
    {
        this.section = section;
        this.sentence = sentence;
        this.qemuBehaviour = qemuBehaviour;
        this.hereBehaviour = hereBehaviour;
        this.body = body;
        this.afterTrap = afterTrap;
        this.here = here;
        this.qemu = qemu;
        this.riscvTests = riscvTests;
        this.archTests = archTests;
    }

    private static String lines(final int first, final int second)
    {
        return String.format("%08x%n%08x%n", first, second);
    }

    /**
     * @return the probe: PMP opens all memory (QEMU requires it for U-mode), a4 = -1 and a5 = 0,
     * the probe's instructions, then the report of a4 and a5; a trap goes to a handler that sets
     * a4 = mcause, a5 = mtval, a6 = mepc, runs the probe's after-trap part and reports.
     */
    Assembler probe()
    {
        final Assembler a = new Assembler(MemoryMap.RAM_BASE);
        final Label handler = a.newLabel("handler");
        final Label report = a.newLabel("report");
        a.la(T0, handler).csrw(Csr.MTVEC, T0);
        a.li(T0, -1).csrw(Csr.PMPADDR0, T0);
        a.li(T0, 0x1F).csrw(Csr.PMPCFG0, T0); // NAPOT over everything, read/write/execute
        a.li(A4, -1).li(A5, 0);
        body.accept(a);
        a.j(report);
        a.bind(handler);
        a.csrr(A4, Csr.MCAUSE).csrr(A5, Csr.MTVAL).csrr(A6, Csr.MEPC);
        afterTrap.accept(a);
        a.bind(report);
        a.li(T0, DATA + 0x100).sw(A4, T0, 0).sw(A5, T0, 4);
        a.li(Assembler.A0, DATA + 0x100).li(Assembler.A1, 2);
        QemuRandomProgramTest.dumpLoop(a, a.newLabel(), a.newLabel(), a.newLabel(), a.newLabel(), a.newLabel());
        a.li(T0, MemoryMap.TEST_FINISHER_BASE).li(T1, 0x5555).sw(T1, T0, 0);
        final Label hang = a.newLabel("hang");
        a.bind(hang);
        a.j(hang);
        return a;
    }
}
