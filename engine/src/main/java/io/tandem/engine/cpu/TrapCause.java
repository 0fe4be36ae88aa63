package io.tandem.engine.cpu;

/** {@code mcause} values of the privileged architecture that this hart raises. */
public final class TrapCause
{
    /** Set in mcause for interrupts. */
    public static final int INTERRUPT_BIT = 0x8000_0000;

    public static final int INSTRUCTION_ADDRESS_MISALIGNED = 0;
    public static final int INSTRUCTION_ACCESS_FAULT = 1;
    public static final int ILLEGAL_INSTRUCTION = 2;
    public static final int BREAKPOINT = 3;
    public static final int LOAD_ADDRESS_MISALIGNED = 4;
    public static final int LOAD_ACCESS_FAULT = 5;
    public static final int STORE_ADDRESS_MISALIGNED = 6;
    public static final int STORE_ACCESS_FAULT = 7;
    public static final int ECALL_FROM_U = 8;
    public static final int ECALL_FROM_M = 11;

    /** Interrupt numbers (mcause without {@link #INTERRUPT_BIT}; bit positions in mip/mie). */
    public static final int MACHINE_SOFTWARE_INTERRUPT = 3;
    public static final int MACHINE_TIMER_INTERRUPT = 7;
    public static final int MACHINE_EXTERNAL_INTERRUPT = 11;

    private TrapCause()
    {
    }

    /** @return a readable name of an mcause value, for reports. */
    public static String describe(final int mcause)
    {
        if ((mcause & INTERRUPT_BIT) != 0)
        {
            switch (mcause & ~INTERRUPT_BIT)
            {
                case MACHINE_SOFTWARE_INTERRUPT: return "machine software interrupt";
                case MACHINE_TIMER_INTERRUPT: return "machine timer interrupt";
                case MACHINE_EXTERNAL_INTERRUPT: return "machine external interrupt";
                default: return "interrupt " + (mcause & ~INTERRUPT_BIT);
            }
        }
        switch (mcause)
        {
            case INSTRUCTION_ADDRESS_MISALIGNED: return "instruction address misaligned";
            case INSTRUCTION_ACCESS_FAULT: return "instruction access fault";
            case ILLEGAL_INSTRUCTION: return "illegal instruction";
            case BREAKPOINT: return "breakpoint";
            case LOAD_ADDRESS_MISALIGNED: return "load address misaligned";
            case LOAD_ACCESS_FAULT: return "load access fault";
            case STORE_ADDRESS_MISALIGNED: return "store/AMO address misaligned";
            case STORE_ACCESS_FAULT: return "store/AMO access fault";
            case ECALL_FROM_U: return "environment call from U-mode";
            case ECALL_FROM_M: return "environment call from M-mode";
            default: return "exception " + mcause;
        }
    }
}
