package io.tandem.engine.cpu;

/** Numbers of the CSRs this hart implements; any other number is an illegal instruction. */
public final class Csr
{
    public static final int SEED = 0x015;
    public static final int CYCLE = 0xC00;
    public static final int TIME = 0xC01;
    public static final int INSTRET = 0xC02;
    public static final int HPMCOUNTER3 = 0xC03;
    public static final int HPMCOUNTER31 = 0xC1F;
    public static final int CYCLEH = 0xC80;
    public static final int TIMEH = 0xC81;
    public static final int INSTRETH = 0xC82;
    public static final int HPMCOUNTER3H = 0xC83;
    public static final int HPMCOUNTER31H = 0xC9F;

    public static final int MSTATUS = 0x300;
    public static final int MISA = 0x301;
    public static final int MIE = 0x304;
    public static final int MTVEC = 0x305;
    public static final int MCOUNTEREN = 0x306;
    public static final int MENVCFG = 0x30A;
    public static final int MSTATUSH = 0x310;
    public static final int MENVCFGH = 0x31A;
    public static final int MCOUNTINHIBIT = 0x320;
    public static final int MHPMEVENT3 = 0x323;
    public static final int MHPMEVENT31 = 0x33F;
    public static final int MSCRATCH = 0x340;
    public static final int MEPC = 0x341;
    public static final int MCAUSE = 0x342;
    public static final int MTVAL = 0x343;
    public static final int MIP = 0x344;
    public static final int PMPCFG0 = 0x3A0;
    public static final int PMPCFG3 = 0x3A3;
    public static final int PMPADDR0 = 0x3B0;
    public static final int PMPADDR15 = 0x3BF;
    /** Debug trigger CSRs (Sdtrig): this hart has no triggers, which they present. */
    public static final int TSELECT = 0x7A0;
    public static final int TDATA1 = 0x7A1;
    public static final int TDATA2 = 0x7A2;
    public static final int TDATA3 = 0x7A3;
    public static final int TINFO = 0x7A4;
    public static final int MSECCFG = 0x747;
    public static final int MSECCFGH = 0x757;
    public static final int MCYCLE = 0xB00;
    public static final int MINSTRET = 0xB02;
    public static final int MHPMCOUNTER3 = 0xB03;
    public static final int MHPMCOUNTER31 = 0xB1F;
    public static final int MCYCLEH = 0xB80;
    public static final int MINSTRETH = 0xB82;
    public static final int MHPMCOUNTER3H = 0xB83;
    public static final int MHPMCOUNTER31H = 0xB9F;
    public static final int MVENDORID = 0xF11;
    public static final int MARCHID = 0xF12;
    public static final int MIMPID = 0xF13;
    public static final int MHARTID = 0xF14;
    public static final int MCONFIGPTR = 0xF15;
    /**
     * Custom M-mode read-only CSR (the 0xFC0 range is reserved for custom use): the identity of
     * the host the machine runs on, a non-deterministic input like {@code seed}.
     */
    public static final int HOSTID = 0xFC0;

    /** misa: MXL=32, extensions A, C, I, M, U (read-only: C cannot be turned off). */
    public static final int MISA_VALUE = 0x4000_0000 | 1 | (1 << 2) | (1 << 8) | (1 << 12) | (1 << 20);

    public static final int MSTATUS_MIE = 1 << 3;
    public static final int MSTATUS_MPIE = 1 << 7;
    public static final int MSTATUS_MPP_SHIFT = 11;
    public static final int MSTATUS_MPP = 3 << MSTATUS_MPP_SHIFT;
    public static final int MSTATUS_MPRV = 1 << 17;
    public static final int MSTATUS_TW = 1 << 21;
    public static final int MSTATUS_WRITABLE = MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TW;

    public static final int MIP_MSIP = 1 << TrapCause.MACHINE_SOFTWARE_INTERRUPT;
    public static final int MIP_MTIP = 1 << TrapCause.MACHINE_TIMER_INTERRUPT;
    public static final int MIP_MEIP = 1 << TrapCause.MACHINE_EXTERNAL_INTERRUPT;
    public static final int MIE_WRITABLE = MIP_MSIP | MIP_MTIP | MIP_MEIP;

    /** mseccfg.USEED: U-mode may read the seed CSR. */
    public static final int MSECCFG_USEED = 1 << 8;

    /** seed CSR status field: ES16, sixteen bits of entropy follow. */
    public static final int SEED_OPST_ES16 = 0b10 << 30;

    private Csr()
    {
    }
}
