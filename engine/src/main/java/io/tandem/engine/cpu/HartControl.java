package io.tandem.engine.cpu;

import io.tandem.engine.machine.StateHasher;
import io.tandem.engine.mem.Bus;
import io.tandem.engine.mem.GuestRam;
import io.tandem.engine.mem.MemoryMap;
import io.tandem.engine.mem.WrittenPages;
import io.tandem.engine.snapshot.StateReader;
import io.tandem.engine.snapshot.StateWriter;
import org.agrona.UnsafeApi;

import static io.tandem.engine.cpu.DecodedInstruction.aux;
import static io.tandem.engine.cpu.DecodedInstruction.imm;
import static io.tandem.engine.cpu.DecodedInstruction.rd;
import static io.tandem.engine.cpu.DecodedInstruction.rs1;
import static io.tandem.engine.cpu.DecodedInstruction.rs2;
import static io.tandem.engine.mem.WrittenPages.ALL;
import static io.tandem.engine.mem.WrittenPages.AREA_BYTES;
import static io.tandem.engine.mem.WrittenPages.PAGE_SHIFT;

/**
 * The privileged, rare side of the hart: CSRs, trap and interrupt entry, MRET and WFI, atomics,
 * device accesses and illegal instructions. Everything here runs off the hot loop, which calls in
 * and continues with {@link #nextPc} or {@link #trapPc}.
 * <p>
 * A trap whose handler cannot execute a single instruction (mtvec points at nothing, or its first
 * instruction traps again) would loop forever without retiring anything; the hart detects the
 * second trap at the same instruction count and locks up with a report instead.
 */
public final class HartControl
{
    static final long TRAPPED = Long.MIN_VALUE;
    static final int NEXT_ACTION = 0;
    static final int BREAK_ACTION = 1;
    static final int TRAPPED_ACTION = 2;

    private final Cpu cpu;
    private final long ramAddress;
    private final int ramBytes;
    private final int ramHalfwords;
    private final long[][] decodedPages;
    private final DecodeCache decodeCache;
    private final WrittenPages writtenPages;
    private final Bus bus;
    private final HartPlatform platform;

    int priv = Privilege.MACHINE;
    private int mstatus;
    private int mie;
    private int mtvec;
    private int mscratch;
    private int mepc;
    private int mcause;
    private int mtval;
    private int mcounteren;
    private int mseccfg;
    private final int[] pmpcfg = new int[4];
    private final int[] pmpaddr = new int[16];
    private long cycleOffset;
    private long instretOffset;

    private boolean reservationValid;
    private int reservationAddress;

    boolean waitingForInterrupt;
    boolean lockedUp;
    private long lastTrapIcount = -1;
    private int lastTrapCause;
    private int lastTrapEpc;
    private int lastTrapTval;
    private String lockupReport;

    /** pc after a cold instruction that did not trap. */
    int nextPc;
    /** pc of the trap handler after a cold path raised a trap. */
    int trapPc;

    HartControl(final Cpu cpu, final GuestRam ram, final DecodeCache decodeCache, final Bus bus, final HartPlatform platform)
    {
        this.cpu = cpu;
        this.ramAddress = ram.address();
        this.ramBytes = ram.sizeBytes();
        this.ramHalfwords = ram.sizeBytes() >>> 1;
        this.decodedPages = decodeCache.pages();
        this.decodeCache = decodeCache;
        this.writtenPages = ram.writtenPages();
        this.bus = bus;
        this.platform = platform;
    }

    // ------------------------------------------------------------------------------------------
    // Traps and interrupts

    /**
     * Enters the trap handler.
     *
     * @param cause   mcause.
     * @param tval    mtval.
     * @param epc     pc of the trapping instruction, or of the next one to run for an interrupt.
     * @param retired instructions retired in the current slice before this trap.
     * @return the handler's pc, or {@code epc} if the hart locked up.
     */
    int raise(final int cause, final int tval, final int epc, final int retired)
    {
        final long now = cpu.icount + retired;
        if (now == lastTrapIcount)
        {
            lockedUp = true;
            lockupReport = String.format(
                "guest locked up at instruction %d: %s at pc 0x%08x (mtval 0x%08x), and its trap handler " +
                "at 0x%08x could not run (%s at pc 0x%08x, mtval 0x%08x)",
                now, TrapCause.describe(lastTrapCause), lastTrapEpc, lastTrapTval,
                mtvec & ~3, TrapCause.describe(cause), epc, tval);
            trapPc = epc;
            return epc;
        }
        lastTrapIcount = now;
        lastTrapCause = cause;
        lastTrapEpc = epc;
        lastTrapTval = tval;

        mepc = epc;
        mcause = cause;
        mtval = tval;
        final int mpie = (mstatus & Csr.MSTATUS_MIE) != 0 ? Csr.MSTATUS_MPIE : 0;
        mstatus = (mstatus & ~(Csr.MSTATUS_MIE | Csr.MSTATUS_MPIE | Csr.MSTATUS_MPP)) |
            mpie | (priv << Csr.MSTATUS_MPP_SHIFT);
        priv = Privilege.MACHINE;
        reservationValid = false;

        final int base = mtvec & ~3;
        final int handler = (cause & TrapCause.INTERRUPT_BIT) != 0 && (mtvec & 1) != 0 ?
            base + 4 * (cause & ~TrapCause.INTERRUPT_BIT) : base;
        if (!Decoder.fetchable(handler, ramHalfwords))
        {
            // The handler's first fetch faults before anything retires: that second trap locks up.
            return raise(fetchFaultCause(handler), handler, handler, retired);
        }
        trapPc = handler;
        return handler;
    }

    /**
     * Called between slices: wakes a hart waiting in WFI when an enabled interrupt is pending,
     * and takes the highest-priority one if interrupts are enabled at the current privilege.
     *
     * @return true when an interrupt was taken.
     */
    public boolean serviceInterrupts()
    {
        final int pending = platform.pendingInterrupts(cpu.icount) & mie;
        if (pending == 0)
        {
            return false;
        }
        waitingForInterrupt = false;
        if (priv == Privilege.MACHINE && (mstatus & Csr.MSTATUS_MIE) == 0)
        {
            return false;
        }
        final int cause;
        if ((pending & Csr.MIP_MEIP) != 0)
        {
            cause = TrapCause.MACHINE_EXTERNAL_INTERRUPT;
        }
        else if ((pending & Csr.MIP_MSIP) != 0)
        {
            cause = TrapCause.MACHINE_SOFTWARE_INTERRUPT;
        }
        else
        {
            cause = TrapCause.MACHINE_TIMER_INTERRUPT;
        }
        cpu.pc = raise(TrapCause.INTERRUPT_BIT | cause, 0, cpu.pc, 0);
        return true;
    }

    /** @return true while the hart waits in WFI. */
    public boolean waitingForInterrupt()
    {
        return waitingForInterrupt;
    }

    /** @return true when a trap could not be taken; see {@link #lockupReport()}. */
    public boolean lockedUp()
    {
        return lockedUp;
    }

    /** @return what locked the hart up, or null. */
    public String lockupReport()
    {
        return lockupReport;
    }

    /** @return the current privilege level, {@link Privilege#MACHINE} or {@link Privilege#USER}. */
    public int privilege()
    {
        return priv;
    }

    // ------------------------------------------------------------------------------------------
    // Memory accesses that missed the RAM fast path

    /*
     * Misaligned loads and stores are performed, as QEMU's virt does, when every byte is in RAM:
     * byte by byte, little-endian, for a store with the decode cache and written-page marks kept
     * as for any store (also when it crosses a page). One that touches anything outside RAM (the
     * end of RAM, a device, nothing) is an access fault, which the privileged spec allows where a
     * region does not support misaligned accesses; mtval is the first address outside RAM (the
     * part that faulted) and a faulting store writes nothing. The aligned fast paths never come
     * here for RAM, so they cost nothing more.
     */

    long loadSlow(final int address, final int sizeBytes, final boolean signed, final int pc, final int retired)
    {
        if ((address & (sizeBytes - 1)) != 0)
        {
            final int outside = firstOutsideRam(address, sizeBytes);
            if (outside != 0)
            {
                raise(TrapCause.LOAD_ACCESS_FAULT, outside, pc, retired);
                return TRAPPED;
            }
            final long at = ramAddress + (address - MemoryMap.RAM_BASE);
            int value = 0;
            for (int i = sizeBytes - 1; i >= 0; i--)
            {
                value = (value << 8) | (UnsafeApi.getByte(at + i) & 0xFF);
            }
            return !signed ? Integer.toUnsignedLong(value) : sizeBytes == 2 ? (short)value : value;
        }
        final long value = bus.load(address, sizeBytes, cpu.icount + retired);
        if (value == Bus.ACCESS_FAULT)
        {
            raise(TrapCause.LOAD_ACCESS_FAULT, address, pc, retired);
            return TRAPPED;
        }
        if (!signed)
        {
            return value;
        }
        return sizeBytes == 1 ? (byte)value : sizeBytes == 2 ? (short)value : (int)value;
    }

    int storeSlow(final int address, final int sizeBytes, final int value, final int pc, final int retired)
    {
        if ((address & (sizeBytes - 1)) != 0)
        {
            final int outside = firstOutsideRam(address, sizeBytes);
            if (outside != 0)
            {
                raise(TrapCause.STORE_ACCESS_FAULT, outside, pc, retired);
                return TRAPPED_ACTION;
            }
            final int offset = address - MemoryMap.RAM_BASE;
            for (int i = 0; i < sizeBytes; i++)
            {
                UnsafeApi.putByte(ramAddress + offset + i, (byte)(value >>> (8 * i)));
            }
            DecodeCache.clear(decodedPages, offset, sizeBytes);
            writtenPages.mark(offset, sizeBytes);
            return NEXT_ACTION;
        }
        if (!bus.store(address, sizeBytes, value, cpu.icount + retired))
        {
            raise(TrapCause.STORE_ACCESS_FAULT, address, pc, retired);
            return TRAPPED_ACTION;
        }
        // A device store can raise an interrupt or stop the machine: end the slice so that the
        // machine looks at once, at an instruction count that depends on the program alone.
        return BREAK_ACTION;
    }

    /**
     * @return the first address of {@code [address, address + sizeBytes)} outside RAM, or 0 when
     * the whole access is in RAM (0 is never in RAM).
     */
    private int firstOutsideRam(final int address, final int sizeBytes)
    {
        final long offset = Integer.toUnsignedLong(address) - Integer.toUnsignedLong(MemoryMap.RAM_BASE);
        if (offset < 0 || offset >= ramBytes)
        {
            return address;
        }
        return offset + sizeBytes <= ramBytes ? 0 : MemoryMap.RAM_BASE + ramBytes;
    }

    // ------------------------------------------------------------------------------------------
    // Cold instructions

    int executeCold(final long d, final int pc, final int retired)
    {
        switch (DecodedInstruction.op(d))
        {
            case Op.CSR:
                return csrInstruction(d, pc, retired);
            case Op.SYSTEM:
                return systemInstruction(d, pc, retired);
            case Op.AMO:
                return atomic(d, pc, retired);
            case Op.BRANCH_COLD:
                return coldBranch(d, pc, retired);
            case Op.STRADDLING:
                return straddling(pc, retired);
            case Op.FETCH_FAULT:
                // mtval is the first address past RAM: pc itself, or the second half of a 32-bit
                // instruction in RAM's last halfword (the part that faulted; mepc is its start).
                raise(TrapCause.INSTRUCTION_ACCESS_FAULT, imm(d), pc, retired);
                return TRAPPED_ACTION;
            default:
                raise(TrapCause.ILLEGAL_INSTRUCTION, imm(d), pc, retired);
                return TRAPPED_ACTION;
        }
    }

    /**
     * A 32-bit instruction in a page's last halfword, whose decoded form is never cached: decoded
     * from RAM now, put in its slot for one step of the interpreter, and the slot's mark put back
     * after (unless the step wrote over the slot, a store into its own first halfword). The step
     * counts nothing itself: the calling loop retires the instruction, or takes the trap, as for
     * any cold instruction.
     */
    private int straddling(final int pc, final int retired)
    {
        final long fresh = Decoder.fetchAndDecode(ramAddress, ramHalfwords, pc);
        final long[] page = decodeCache.put(pc, fresh);
        final int index = DecodeCache.indexOf(pc);
        final long sliceIcount = cpu.icount;
        final long before = sliceIcount + retired;
        cpu.icount = before;
        cpu.pc = pc;
        final int stop = cpu.execute(1);
        final boolean retiredIt = cpu.icount != before;
        cpu.icount = sliceIcount;
        if (page[index] == fresh)
        {
            page[index] = DecodedInstruction.STRADDLING_MARK;
        }
        if (!retiredIt)
        {
            trapPc = cpu.pc; // the handler, or pc itself when the hart locked up
            return TRAPPED_ACTION;
        }
        nextPc = cpu.pc;
        return stop == Cpu.STOP_BUDGET ? NEXT_ACTION : BREAK_ACTION;
    }

    private int illegal(final int pc, final int retired)
    {
        // The instruction bits are mtval for illegal instructions; RAM holds them (fetch succeeded).
        final int bits = UnsafeApi.getInt(ramAddress + (pc - MemoryMap.RAM_BASE));
        raise(TrapCause.ILLEGAL_INSTRUCTION, bits, pc, retired);
        return TRAPPED_ACTION;
    }

    private int systemInstruction(final long d, final int pc, final int retired)
    {
        switch (aux(d))
        {
            case Op.SYS_ECALL:
                raise(priv == Privilege.USER ? TrapCause.ECALL_FROM_U : TrapCause.ECALL_FROM_M, 0, pc, retired);
                return TRAPPED_ACTION;

            case Op.SYS_EBREAK:
                raise(TrapCause.BREAKPOINT, pc, pc, retired);
                return TRAPPED_ACTION;

            case Op.SYS_MRET:
            {
                if (priv != Privilege.MACHINE)
                {
                    return illegal(pc, retired);
                }
                final int mpp = (mstatus & Csr.MSTATUS_MPP) >>> Csr.MSTATUS_MPP_SHIFT;
                int status = mstatus & ~(Csr.MSTATUS_MIE | Csr.MSTATUS_MPP);
                if ((mstatus & Csr.MSTATUS_MPIE) != 0)
                {
                    status |= Csr.MSTATUS_MIE;
                }
                status |= Csr.MSTATUS_MPIE; // MPP becomes U, the least-privileged mode
                if (mpp != Privilege.MACHINE)
                {
                    status &= ~Csr.MSTATUS_MPRV;
                }
                mstatus = status;
                priv = mpp;
                nextPc = mepc;
                return BREAK_ACTION;
            }

            case Op.SYS_WFI:
                // Without S-mode, U-mode WFI is legal unless mstatus.TW is set (as QEMU does).
                if (priv == Privilege.USER && (mstatus & Csr.MSTATUS_TW) != 0)
                {
                    return illegal(pc, retired);
                }
                waitingForInterrupt = true;
                nextPc = pc + 4;
                return BREAK_ACTION;

            default:
                return illegal(pc, retired);
        }
    }

    /**
     * A JALR whose target cannot be fetched: the target is outside RAM (JALR clears bit 0, and with
     * the C extension bit 1 may be set), so the JALR retires, rd is written and the fetch there
     * faults when the next slice starts.
     *
     * @param lengthBytes the JALR's length: rd receives {@code pc + lengthBytes}.
     * @return {@link #BREAK_ACTION}.
     */
    int jumpOutOfRam(final int rd, final int target, final int pc, final int lengthBytes, final int retired)
    {
        cpu.x[rd] = pc + lengthBytes;
        return BREAK_ACTION;
    }

    /**
     * @return the mcause of fetching from {@code pc}, which is not a halfword-aligned RAM address:
     * only a pc set from outside (the ELF entry, the host) can be odd, since every jump clears bit 0
     * or has an even offset.
     */
    int fetchFaultCause(final int pc)
    {
        return (pc & 1) != 0 ? TrapCause.INSTRUCTION_ADDRESS_MISALIGNED : TrapCause.INSTRUCTION_ACCESS_FAULT;
    }

    /**
     * A branch or JAL whose target cannot be fetched, which with IALIGN 16 means outside RAM (its
     * offset is even). Not taken: nothing happens. Taken: the jump retires and the fetch at the
     * target faults when the next slice starts.
     */
    private int coldBranch(final long d, final int pc, final int retired)
    {
        final int a = cpu.x[rs1(d)];
        final int b = cpu.x[rs2(d)];
        final boolean taken;
        switch (aux(d))
        {
            case 0: taken = true; break; // JAL
            case Op.BEQ: taken = a == b; break;
            case Op.BNE: taken = a != b; break;
            case Op.BLT: taken = a < b; break;
            case Op.BGE: taken = a >= b; break;
            case Op.BLTU: taken = Integer.compareUnsigned(a, b) < 0; break;
            default: taken = Integer.compareUnsigned(a, b) >= 0; break;
        }
        if (!taken)
        {
            nextPc = pc + DecodedInstruction.length(d);
            return NEXT_ACTION;
        }
        final int target = imm(d);
        cpu.x[rd(d)] = pc + DecodedInstruction.length(d); // JAL links; branches decode rd as the sink register
        nextPc = target;
        return BREAK_ACTION;
    }

    private int atomic(final long d, final int pc, final int retired)
    {
        final int funct5 = aux(d);
        final int address = cpu.x[rs1(d)];
        final boolean loadReserved = funct5 == 0x02;
        if ((address & 3) != 0)
        {
            raise(loadReserved ? TrapCause.LOAD_ADDRESS_MISALIGNED : TrapCause.STORE_ADDRESS_MISALIGNED,
                address, pc, retired);
            return TRAPPED_ACTION;
        }
        final int offset = address - MemoryMap.RAM_BASE;
        if (Integer.compareUnsigned(offset, ramBytes) >= 0)
        {
            // Atomics are supported on RAM only; on devices they are access faults.
            raise(loadReserved ? TrapCause.LOAD_ACCESS_FAULT : TrapCause.STORE_ACCESS_FAULT, address, pc, retired);
            return TRAPPED_ACTION;
        }
        final long hostAddress = ramAddress + offset;
        final int rd = rd(d);
        nextPc = pc + 4;

        if (loadReserved)
        {
            cpu.x[rd] = UnsafeApi.getInt(hostAddress);
            reservationValid = true;
            reservationAddress = address;
            return NEXT_ACTION;
        }
        final int source = cpu.x[rs2(d)];
        if (funct5 == 0x03) // SC.W
        {
            final boolean success = reservationValid && reservationAddress == address;
            reservationValid = false;
            if (success)
            {
                UnsafeApi.putInt(hostAddress, source);
                DecodeCache.clear(decodedPages, offset, 4);
                UnsafeApi.putByte(ramAddress + ((offset >>> PAGE_SHIFT) - AREA_BYTES), ALL);
            }
            cpu.x[rd] = success ? 0 : 1;
            return NEXT_ACTION;
        }

        final int old = UnsafeApi.getInt(hostAddress);
        final int result;
        switch (funct5)
        {
            case 0x01: result = source; break;
            case 0x00: result = old + source; break;
            case 0x04: result = old ^ source; break;
            case 0x0C: result = old & source; break;
            case 0x08: result = old | source; break;
            case 0x10: result = Math.min(old, source); break;
            case 0x14: result = Math.max(old, source); break;
            case 0x18: result = Integer.compareUnsigned(old, source) <= 0 ? old : source; break;
            default: result = Integer.compareUnsigned(old, source) >= 0 ? old : source; break;
        }
        UnsafeApi.putInt(hostAddress, result);
        DecodeCache.clear(decodedPages, offset, 4);
        UnsafeApi.putByte(ramAddress + ((offset >>> PAGE_SHIFT) - AREA_BYTES), ALL);
        cpu.x[rd] = old;
        return NEXT_ACTION;
    }

    // ------------------------------------------------------------------------------------------
    // CSRs

    private int csrInstruction(final long d, final int pc, final int retired)
    {
        final int funct3 = aux(d);
        final int csr = imm(d) & 0xFFF;
        final int source = rs1(d);
        final int rd = rd(d);
        final int kind = funct3 & 3; // 1 = RW, 2 = RS, 3 = RC
        final int operand = funct3 >= 5 ? source : cpu.x[source];
        final boolean writes = kind == 1 || source != 0;
        final boolean reads = kind != 1 || rd != DecodedInstruction.SINK_REGISTER;
        final long now = cpu.icount + retired;

        if (!accessible(csr, writes))
        {
            return illegal(pc, retired);
        }
        final int old = reads ? read(csr, now) : 0;
        if (writes)
        {
            final int value = kind == 1 ? operand : kind == 2 ? old | operand : old & ~operand;
            write(csr, value, now);
        }
        cpu.x[rd] = old;
        nextPc = pc + 4;
        // A CSR write may enable a pending interrupt: end the slice so that it is taken at once.
        return writes ? BREAK_ACTION : NEXT_ACTION;
    }

    private boolean accessible(final int csr, final boolean writes)
    {
        if (!implemented(csr))
        {
            return false;
        }
        if (priv < ((csr >>> 8) & 3))
        {
            return false;
        }
        if (writes && (csr >>> 10) == 3)
        {
            return false;
        }
        if (csr == Csr.SEED)
        {
            // seed must be accessed with a write (Zkr), and from U-mode only if mseccfg.USEED.
            return writes && (priv == Privilege.MACHINE || (mseccfg & Csr.MSECCFG_USEED) != 0);
        }
        if (priv == Privilege.USER && (csr & 0xF00) == 0xC00)
        {
            return (mcounteren & (1 << (csr & 0x1F))) != 0;
        }
        return true;
    }

    private static boolean implemented(final int csr)
    {
        switch (csr)
        {
            case Csr.SEED:
            case Csr.CYCLE: case Csr.TIME: case Csr.INSTRET:
            case Csr.CYCLEH: case Csr.TIMEH: case Csr.INSTRETH:
            case Csr.MSTATUS: case Csr.MISA: case Csr.MIE: case Csr.MTVEC: case Csr.MCOUNTEREN:
            case Csr.MENVCFG: case Csr.MSTATUSH: case Csr.MENVCFGH: case Csr.MCOUNTINHIBIT:
            case Csr.MSCRATCH: case Csr.MEPC: case Csr.MCAUSE: case Csr.MTVAL: case Csr.MIP:
            case Csr.MSECCFG: case Csr.MSECCFGH:
            case Csr.MCYCLE: case Csr.MINSTRET: case Csr.MCYCLEH: case Csr.MINSTRETH:
            case Csr.MVENDORID: case Csr.MARCHID: case Csr.MIMPID: case Csr.MHARTID: case Csr.MCONFIGPTR:
            case Csr.HOSTID:
            case Csr.TSELECT: case Csr.TDATA1: case Csr.TDATA2: case Csr.TDATA3: case Csr.TINFO:
                return true;
            default:
                return inRange(csr, Csr.PMPCFG0, Csr.PMPCFG3) ||
                    inRange(csr, Csr.PMPADDR0, Csr.PMPADDR15) ||
                    inRange(csr, Csr.MHPMCOUNTER3, Csr.MHPMCOUNTER31) ||
                    inRange(csr, Csr.MHPMCOUNTER3H, Csr.MHPMCOUNTER31H) ||
                    inRange(csr, Csr.MHPMEVENT3, Csr.MHPMEVENT31) ||
                    inRange(csr, Csr.HPMCOUNTER3, Csr.HPMCOUNTER31) ||
                    inRange(csr, Csr.HPMCOUNTER3H, Csr.HPMCOUNTER31H);
        }
    }

    private static boolean inRange(final int csr, final int first, final int last)
    {
        return csr >= first && csr <= last;
    }

    /**
     * Reads a CSR as an instruction would, at instruction count {@code icount}.
     * Reading {@code seed} consumes entropy.
     */
    private int read(final int csr, final long icount)
    {
        switch (csr)
        {
            case Csr.SEED: return Csr.SEED_OPST_ES16 | (platform.entropy16(icount) & 0xFFFF);
            case Csr.CYCLE: case Csr.MCYCLE: return (int)(icount + cycleOffset);
            case Csr.CYCLEH: case Csr.MCYCLEH: return (int)((icount + cycleOffset) >>> 32);
            case Csr.INSTRET: case Csr.MINSTRET: return (int)(icount + instretOffset);
            case Csr.INSTRETH: case Csr.MINSTRETH: return (int)((icount + instretOffset) >>> 32);
            case Csr.TIME: return (int)platform.mtime(icount);
            case Csr.TIMEH: return (int)(platform.mtime(icount) >>> 32);
            case Csr.MIP: return platform.pendingInterrupts(icount);
            case Csr.HOSTID: return platform.hostId(icount);
            default: return peek(csr);
        }
    }

    /**
     * Reads a side-effect-free CSR for the host (tests, reports, state hash); counters and
     * seed read zero here because their value depends on the moment of reading.
     *
     * @param csr CSR number.
     * @return its value.
     */
    public int peek(final int csr)
    {
        switch (csr)
        {
            case Csr.MSTATUS: return mstatus;
            case Csr.MISA: return Csr.MISA_VALUE;
            case Csr.MIE: return mie;
            case Csr.MTVEC: return mtvec;
            case Csr.MCOUNTEREN: return mcounteren;
            case Csr.MSCRATCH: return mscratch;
            case Csr.MEPC: return mepc;
            case Csr.MCAUSE: return mcause;
            case Csr.MTVAL: return mtval;
            case Csr.MSECCFG: return mseccfg;
            case Csr.MIP: return platform.pendingInterrupts(cpu.icount);
            case Csr.MINSTRET: return (int)(cpu.icount + instretOffset);
            case Csr.MCYCLE: return (int)(cpu.icount + cycleOffset);
            // No triggers (Sdtrig): tselect 0 names a trigger that does not exist, so tdata1
            // reads type 0 and tinfo has only bit 0 set; writes to them are ignored.
            case Csr.TINFO: return 1;
            default:
                if (inRange(csr, Csr.PMPCFG0, Csr.PMPCFG3))
                {
                    return pmpcfg[csr - Csr.PMPCFG0];
                }
                if (inRange(csr, Csr.PMPADDR0, Csr.PMPADDR15))
                {
                    return pmpaddr[csr - Csr.PMPADDR0];
                }
                return 0;
        }
    }

    private void write(final int csr, final int value, final long icount)
    {
        // A counter written by an instruction shows the written value to the next instruction:
        // the write suppresses the writing instruction's own increment, of the whole 64-bit
        // counter whichever half is written, so the half not written keeps its value at this
        // instruction (icount), not at the next. The instruction count itself never changes.
        final long next = icount + 1;
        switch (csr)
        {
            case Csr.MSTATUS:
            {
                int status = value & Csr.MSTATUS_WRITABLE;
                final int mpp = (status & Csr.MSTATUS_MPP) >>> Csr.MSTATUS_MPP_SHIFT;
                if (mpp != Privilege.MACHINE && mpp != Privilege.USER)
                {
                    status &= ~Csr.MSTATUS_MPP; // WARL: no S-mode, an unsupported mode reads as U
                }
                mstatus = status;
                break;
            }
            case Csr.MIE: mie = value & Csr.MIE_WRITABLE; break;
            case Csr.MTVEC:
                if ((value & 3) < 2) // modes 2 and 3 are reserved: the write is ignored, as QEMU does
                {
                    mtvec = value;
                }
                break;
            case Csr.MCOUNTEREN: mcounteren = value & 0x7; break;
            case Csr.MSCRATCH: mscratch = value; break;
            case Csr.MEPC: mepc = value & ~1; break; // IALIGN 16: only bit 0 is always zero
            case Csr.MCAUSE: mcause = value; break;
            case Csr.MTVAL: mtval = value; break;
            case Csr.MSECCFG: mseccfg = value & Csr.MSECCFG_USEED; break;
            case Csr.MCYCLE:
                cycleOffset = (((icount + cycleOffset) & 0xFFFF_FFFF_0000_0000L) | Integer.toUnsignedLong(value)) - next;
                break;
            case Csr.MCYCLEH:
                cycleOffset = (((long)value << 32) | ((icount + cycleOffset) & 0xFFFF_FFFFL)) - next;
                break;
            case Csr.MINSTRET:
                instretOffset = (((icount + instretOffset) & 0xFFFF_FFFF_0000_0000L) | Integer.toUnsignedLong(value)) - next;
                break;
            case Csr.MINSTRETH:
                instretOffset = (((long)value << 32) | ((icount + instretOffset) & 0xFFFF_FFFFL)) - next;
                break;
            default:
                if (inRange(csr, Csr.PMPCFG0, Csr.PMPCFG3))
                {
                    pmpcfg[csr - Csr.PMPCFG0] = value;
                }
                else if (inRange(csr, Csr.PMPADDR0, Csr.PMPADDR15))
                {
                    pmpaddr[csr - Csr.PMPADDR0] = value;
                }
                // Everything else is read-only zero or WARL-ignored (misa, mip, hpm counters,
                // menvcfg, seed, mcountinhibit, the trigger CSRs).
                break;
        }
    }

    /** Adds the hart's privileged state to a state hash. */
    public void hashState(final StateHasher hasher)
    {
        hasher.add(priv).add(mstatus).add(mie).add(mtvec).add(mscratch).add(mepc).add(mcause).add(mtval)
            .add(mcounteren).add(mseccfg).add(cycleOffset).add(instretOffset)
            .add(reservationValid ? 1 : 0).add(reservationAddress)
            .add(waitingForInterrupt ? 1 : 0).add(lockedUp ? 1 : 0);
        for (final int cfg : pmpcfg)
        {
            hasher.add(cfg);
        }
        for (final int address : pmpaddr)
        {
            hasher.add(address);
        }
    }

    /** Saves every CSR, the reservation, WFI and lock-up state, and the trap repeat detector. */
    public void saveState(final StateWriter out)
    {
        out.putInt(priv).putInt(mstatus).putInt(mie).putInt(mtvec).putInt(mscratch).putInt(mepc).putInt(mcause)
            .putInt(mtval).putInt(mcounteren).putInt(mseccfg).putInts(pmpcfg).putInts(pmpaddr)
            .putLong(cycleOffset).putLong(instretOffset)
            .putBoolean(reservationValid).putInt(reservationAddress)
            .putBoolean(waitingForInterrupt).putBoolean(lockedUp)
            .putLong(lastTrapIcount).putInt(lastTrapCause).putInt(lastTrapEpc).putInt(lastTrapTval)
            .putString(lockupReport);
    }

    /** Loads what {@link #saveState} saved. */
    public void loadState(final StateReader in)
    {
        priv = in.getInt("privilege", Privilege.USER, Privilege.MACHINE);
        mstatus = in.getInt();
        mie = in.getInt();
        mtvec = in.getInt();
        mscratch = in.getInt();
        mepc = in.getInt();
        mcause = in.getInt();
        mtval = in.getInt();
        mcounteren = in.getInt();
        mseccfg = in.getInt();
        in.getInts(pmpcfg);
        in.getInts(pmpaddr);
        cycleOffset = in.getLong();
        instretOffset = in.getLong();
        reservationValid = in.getBoolean();
        reservationAddress = in.getInt();
        waitingForInterrupt = in.getBoolean();
        lockedUp = in.getBoolean();
        lastTrapIcount = in.getLong();
        lastTrapCause = in.getInt();
        lastTrapEpc = in.getInt();
        lastTrapTval = in.getInt();
        lockupReport = in.getString();
    }
}
