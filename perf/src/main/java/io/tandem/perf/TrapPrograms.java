package io.tandem.perf;

import io.tandem.engine.asm.Assembler;
import io.tandem.engine.asm.Label;
import io.tandem.engine.cpu.Csr;
import io.tandem.engine.cpu.TrapCause;
import io.tandem.engine.mem.MemoryMap;

import static io.tandem.engine.asm.Assembler.A0;
import static io.tandem.engine.asm.Assembler.A1;
import static io.tandem.engine.asm.Assembler.S1;
import static io.tandem.engine.asm.Assembler.T0;
import static io.tandem.engine.asm.Assembler.T1;
import static io.tandem.engine.asm.Assembler.T2;
import static io.tandem.engine.asm.Assembler.ZERO;

/**
 * Endless loops that trap once per pass into an mtvec handler (direct mode) that counts the
 * trap in {@code s1}, acknowledges it and {@code mret}s back:
 * <pre>
 *   kind      loop                          handler after "addi s1, s1, 1"     retired per trap
 *   ecall     ecall; j loop                 mepc += 4 (csrr, addi, csrw); mret        6
 *   illegal   .word 0; j loop               mepc += 4 (csrr, addi, csrw); mret        6
 *   software  sw 1 -> msip; j loop          sw 0 -> msip; mret                        5
 *   timer     sw 0 -> mtimecmp.hi; j loop   sw -1 -> mtimecmp.hi; mret                5
 * </pre>
 * A trapping {@code ecall} or illegal word does not retire. {@code timer} arms the CLINT's
 * mtimecmp at 0, in the past, so the timer line rises at the check point that follows the store;
 * the handler moves it to the far future. Every trap's cost therefore includes leaving the CPU's
 * slice and the machine's interrupt check, as a real one does.
 */
public final class TrapPrograms
{
    /** Kind: {@code ecall} from M-mode. */
    public static final String ECALL = "ecall";
    /** Kind: an all-zero word, which is an illegal instruction. */
    public static final String ILLEGAL = "illegal";
    /** Kind: machine software interrupt raised through the CLINT's msip. */
    public static final String SOFTWARE = "software";
    /** Kind: machine timer interrupt from an mtimecmp in the past. */
    public static final String TIMER = "timer";

    private static final int MSIP_ADDRESS = MemoryMap.CLINT_BASE;
    private static final int MTIMECMP_ADDRESS = MemoryMap.CLINT_BASE + 0x4000;

    private final AssembledWorkload workload;
    private final int setUpInstructions;
    private final int instructionsPerTrap;
    private final int cause;

    private TrapPrograms(final Assembler program, final Label loop, final int instructionsPerTrap, final int cause)
    {
        this.workload = new AssembledWorkload(Programs.RAM_MIB, program, Programs.DATA_ADDRESS, new byte[0]);
        this.setUpInstructions = (loop.address() - Programs.CODE_ADDRESS) / 4;
        this.instructionsPerTrap = instructionsPerTrap;
        this.cause = cause;
    }

    /**
     * @param kind {@link #ECALL}, {@link #ILLEGAL}, {@link #SOFTWARE} or {@link #TIMER}.
     * @return that loop.
     */
    public static TrapPrograms forKind(final String kind)
    {
        switch (kind)
        {
            case ECALL:
            case ILLEGAL:
                return exceptionLoop(ECALL.equals(kind));
            case SOFTWARE:
            case TIMER:
                return interruptLoop(TIMER.equals(kind));
            default:
                throw new IllegalArgumentException("unknown trap kind: " + kind);
        }
    }

    /** @return the program; its machines start at the set-up code. */
    public AssembledWorkload workload()
    {
        return workload;
    }

    /** @return straight-line instructions before the loop: run them first to start in phase. */
    public int setUpInstructions()
    {
        return setUpInstructions;
    }

    /** @return instructions retired per pass, that is per trap. */
    public int instructionsPerTrap()
    {
        return instructionsPerTrap;
    }

    /** @return the mcause every trap of this loop must leave. */
    public int cause()
    {
        return cause;
    }

    private static TrapPrograms exceptionLoop(final boolean ecall)
    {
        final Assembler a = new Assembler(Programs.CODE_ADDRESS);
        final Label loop = a.newLabel("loop");
        final Label handler = a.newLabel("handler");
        a.la(T0, handler);
        a.csrw(Csr.MTVEC, T0);

        a.bind(loop);
        if (ecall)
        {
            a.ecall();
        }
        else
        {
            a.word(0);
        }
        a.j(loop);

        a.bind(handler);
        a.addi(S1, S1, 1);
        a.csrr(T0, Csr.MEPC);
        a.addi(T0, T0, 4);
        a.csrw(Csr.MEPC, T0);
        a.mret();
        return new TrapPrograms(a, loop, 6, ecall ? TrapCause.ECALL_FROM_M : TrapCause.ILLEGAL_INSTRUCTION);
    }

    private static TrapPrograms interruptLoop(final boolean timer)
    {
        final Assembler a = new Assembler(Programs.CODE_ADDRESS);
        final Label loop = a.newLabel("loop");
        final Label handler = a.newLabel("handler");
        a.la(T0, handler);
        a.csrw(Csr.MTVEC, T0);
        a.li(A0, MSIP_ADDRESS);
        a.li(A1, MTIMECMP_ADDRESS);
        a.li(T1, 1);
        a.li(T2, -1);
        // mtimecmp starts at -1 (never); with its low half at 0, the high half alone arms (0) and disarms (-1) it.
        a.sw(ZERO, A1, 0);
        a.li(T0, timer ? Csr.MIP_MTIP : Csr.MIP_MSIP);
        a.csrw(Csr.MIE, T0);
        a.csrsi(Csr.MSTATUS, Csr.MSTATUS_MIE);

        a.bind(loop);
        if (timer)
        {
            a.sw(ZERO, A1, 4);
        }
        else
        {
            a.sw(T1, A0, 0);
        }
        a.j(loop);

        a.bind(handler);
        a.addi(S1, S1, 1);
        if (timer)
        {
            a.sw(T2, A1, 4);
        }
        else
        {
            a.sw(ZERO, A0, 0);
        }
        a.mret();
        return new TrapPrograms(a, loop, 5, TrapCause.INTERRUPT_BIT |
            (timer ? TrapCause.MACHINE_TIMER_INTERRUPT : TrapCause.MACHINE_SOFTWARE_INTERRUPT));
    }
}
