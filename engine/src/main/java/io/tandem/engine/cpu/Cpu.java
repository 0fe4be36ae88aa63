package io.tandem.engine.cpu;

import io.tandem.engine.mem.Bus;
import io.tandem.engine.mem.GuestRam;
import io.tandem.engine.mem.MemoryMap;
import io.tandem.engine.snapshot.StateReader;
import io.tandem.engine.snapshot.StateWriter;
import org.agrona.UnsafeApi;

import static io.tandem.engine.cpu.DecodedInstruction.imm;
import static io.tandem.engine.cpu.DecodedInstruction.rd;
import static io.tandem.engine.cpu.DecodedInstruction.rs1;
import static io.tandem.engine.cpu.DecodedInstruction.rs2;
import static io.tandem.engine.mem.WrittenPages.ALL;
import static io.tandem.engine.mem.WrittenPages.AREA_BYTES;
import static io.tandem.engine.mem.WrittenPages.PAGE_SHIFT;

/**
 * One RV32IMAC hart and its hot loop.
 * <p>
 * {@link #execute(int)} runs one slice: a dense {@code switch} over decoded instructions taken
 * from the {@link DecodeCache}, with pc, the slice budget and the array references in locals. The
 * budget is decremented per instruction and added to {@link #icount()} once per slice, so the
 * count is exact without any per-instruction counter in memory. Everything rare (MMIO, CSRs,
 * traps, atomics, system instructions) lives in {@link HartControl} and returns to the loop.
 * <p>
 * RAM is accessed by raw address after one unsigned comparison: rotating the RAM offset right by
 * the access size's log2 turns both "misaligned" and "outside RAM" into "too large", so the
 * common case costs a single branch.
 */
public final class Cpu implements ExecutionEngine
{
    /** Registers x0..x31 plus the sink that absorbs writes to x0; sized to the 6-bit rd field. */
    private static final int REGISTER_SLOTS = 64;

    /** execute() ran its whole budget. */
    public static final int STOP_BUDGET = 0;
    /** An instruction asked for the slice to end (CSR write, MRET, device store). */
    public static final int STOP_BREAK = 1;
    /** The hart executed WFI and waits for an interrupt. */
    public static final int STOP_WFI = 2;
    /** A trap could not be taken: the handler's first instruction trapped again. */
    public static final int STOP_LOCKUP = 3;
    /**
     * The next instruction is the entry of a compiled region ({@link Op#REGION_ENTRY} in its
     * slot), not retired: only the compiled engine marks slots, and it never returns this code.
     */
    public static final int STOP_REGION_ENTRY = 4;

    /** Offset of a page's slot 1 (its first halfword's) in the {@code long[]}: 4 bytes of offset per byte of pc. */
    private static final long SLOT_OFFSET = UnsafeApi.arrayBaseOffset(long[].class) + Long.BYTES;

    final int[] x = new int[REGISTER_SLOTS];
    int pc;
    long icount;

    private final long[][] pages;
    private final DecodeCache decodeCache;
    private final long ramAddress;
    private final int ramWords;
    private final int ramHalfwords;
    private final HartControl control;

    /**
     * @param ram         guest RAM.
     * @param decodeCache the decode cache over that RAM.
     * @param bus         the device bus for accesses outside RAM.
     * @param platform    interrupt lines, timer and entropy.
     */
    public Cpu(final GuestRam ram, final DecodeCache decodeCache, final Bus bus, final HartPlatform platform)
    {
        this.pages = decodeCache.pages();
        this.decodeCache = decodeCache;
        this.ramAddress = ram.address();
        this.ramWords = ram.sizeBytes() >>> 2;
        this.ramHalfwords = ram.sizeBytes() >>> 1;
        this.control = new HartControl(this, ram, decodeCache, bus, platform);
        this.pc = MemoryMap.RAM_BASE;
    }

    /**
     * Runs at most {@code budget} instructions.
     *
     * @param budget instructions to retire, at least 1.
     * @return why the slice ended: {@link #STOP_BUDGET}, {@link #STOP_BREAK}, {@link #STOP_WFI}
     * or {@link #STOP_LOCKUP}.
     */
    @Override
    public int execute(final int budget)
    {
        if (control.waitingForInterrupt)
        {
            return STOP_WFI;
        }
        if (control.lockedUp)
        {
            return STOP_LOCKUP;
        }

        final int[] x = this.x;
        final long[][] pages = this.pages;
        final long ramAddress = this.ramAddress;
        final int ramWords = this.ramWords;
        final int ramHalfwords = this.ramHalfwords;
        final HartControl control = this.control;
        final int ramBase = MemoryMap.RAM_BASE;

        int pc = this.pc;
        if (!Decoder.fetchable(pc, ramHalfwords))
        {
            // pc came from outside the loop (reset, MRET, a jump that left RAM): fault before fetching.
            pc = control.raise(control.fetchFaultCause(pc), pc, pc, 0);
            this.pc = pc;
            if (control.lockedUp)
            {
                return STOP_LOCKUP;
            }
        }
        int remaining = budget;
        int stop = STOP_BUDGET;
        // The slots of the page pc is in, kept while pc stays there: a fetch is one compare and one load
        // (indexing the table at every fetch instead ran the alu and calls mixes at 0.6-0.8 of this).
        int pageBase = pc & -DecodeCache.PAGE_BYTES;
        long[] page = pages[(pageBase - ramBase) >>> PAGE_SHIFT];

        // Invariant: pc is fetchable here, or the first address past the end of RAM (the sentinel page), so
        // the fetch needs no check of its own. Every path that sets pc to anything else goes cold.
        loop:
        while (remaining > 0)
        {
            if ((pc - pageBase) >>> PAGE_SHIFT != 0)
            {
                // Left the page: a jump, a taken branch, or straight line over its end.
                pageBase = pc & -DecodeCache.PAGE_BYTES;
                page = pages[(pageBase - ramBase) >>> PAGE_SHIFT];
            }
            // Slot ((pc - pageBase) >>> 1) + 1 without the array's bounds check: the test above
            // keeps pc - pageBase (even) below the page's size, and the table holds no null.
            final long d = UnsafeApi.getLong(page, SLOT_OFFSET + ((long)(pc - pageBase) << 2));
            remaining--;
            trapped:
            {
            switch (DecodedInstruction.op(d))
            {
                case Op.UNDECODED:
                    page = decodeCache.fill(pc); // the page's slots are made on its first decode
                    remaining++;
                    continue;

                case Op.LUI:
                    x[rd(d)] = imm(d);
                    pc += 4;
                    break;

                case Op.JAL:
                    x[rd(d)] = pc + 4;
                    pc = imm(d);
                    break;

                case Op.JALR:
                {
                    final int target = (x[rs1(d)] + imm(d)) & ~1;
                    if (Integer.compareUnsigned(Integer.rotateRight(target - ramBase, 1), ramHalfwords) >= 0)
                    {
                        final int action = control.jumpOutOfRam(rd(d), target, pc, 4, budget - remaining - 1);
                        if (action == HartControl.TRAPPED_ACTION)
                        {
                            break trapped;
                        }
                        pc = target;
                        stop = STOP_BREAK;
                        break loop;
                    }
                    x[rd(d)] = pc + 4;
                    pc = target;
                    break;
                }

                case Op.BEQ:
                    pc = x[rs1(d)] == x[rs2(d)] ? imm(d) : pc + 4;
                    break;

                case Op.BNE:
                    pc = x[rs1(d)] != x[rs2(d)] ? imm(d) : pc + 4;
                    break;

                case Op.BLT:
                    pc = x[rs1(d)] < x[rs2(d)] ? imm(d) : pc + 4;
                    break;

                case Op.BGE:
                    pc = x[rs1(d)] >= x[rs2(d)] ? imm(d) : pc + 4;
                    break;

                case Op.BLTU:
                    pc = Integer.compareUnsigned(x[rs1(d)], x[rs2(d)]) < 0 ? imm(d) : pc + 4;
                    break;

                case Op.BGEU:
                    pc = Integer.compareUnsigned(x[rs1(d)], x[rs2(d)]) >= 0 ? imm(d) : pc + 4;
                    break;

                case Op.LW:
                {
                    final int address = x[rs1(d)] + imm(d);
                    final int offset = address - ramBase;
                    if (Integer.compareUnsigned(Integer.rotateRight(offset, 2), ramWords) < 0)
                    {
                        x[rd(d)] = UnsafeApi.getInt(ramAddress + offset);
                        pc += 4;
                        break;
                    }
                    final long value = control.loadSlow(address, 4, false, pc, budget - remaining - 1);
                    if (value == HartControl.TRAPPED)
                    {
                        break trapped;
                    }
                    x[rd(d)] = (int)value;
                    pc += 4;
                    break;
                }

                case Op.LH:
                case Op.LHU:
                {
                    final int address = x[rs1(d)] + imm(d);
                    final int offset = address - ramBase;
                    final boolean signed = DecodedInstruction.op(d) == Op.LH;
                    if (Integer.compareUnsigned(Integer.rotateRight(offset, 1), ramWords << 1) < 0)
                    {
                        final short half = UnsafeApi.getShort(ramAddress + offset);
                        x[rd(d)] = signed ? half : half & 0xFFFF;
                        pc += 4;
                        break;
                    }
                    final long value = control.loadSlow(address, 2, signed, pc, budget - remaining - 1);
                    if (value == HartControl.TRAPPED)
                    {
                        break trapped;
                    }
                    x[rd(d)] = (int)value;
                    pc += 4;
                    break;
                }

                case Op.LB:
                case Op.LBU:
                {
                    final int address = x[rs1(d)] + imm(d);
                    final int offset = address - ramBase;
                    final boolean signed = DecodedInstruction.op(d) == Op.LB;
                    if (Integer.compareUnsigned(offset, ramWords << 2) < 0)
                    {
                        final byte b = UnsafeApi.getByte(ramAddress + offset);
                        x[rd(d)] = signed ? b : b & 0xFF;
                        pc += 4;
                        break;
                    }
                    final long value = control.loadSlow(address, 1, signed, pc, budget - remaining - 1);
                    if (value == HartControl.TRAPPED)
                    {
                        break trapped;
                    }
                    x[rd(d)] = (int)value;
                    pc += 4;
                    break;
                }

                case Op.SW:
                {
                    final int address = x[rs1(d)] + imm(d);
                    final int offset = address - ramBase;
                    final int wordSlot = Integer.rotateRight(offset, 2);
                    if (Integer.compareUnsigned(wordSlot, ramWords) < 0)
                    {
                        UnsafeApi.putInt(ramAddress + offset, x[rs2(d)]);
                        final long[] stored = pages[offset >>> PAGE_SHIFT];
                        if (stored != DecodeCache.EMPTY)
                        {
                            // Code on the page: the word's two halfwords and the one before (a 32-bit
                            // instruction there reaches in).
                            final int before = (offset >>> 1) & DecodeCache.HALFWORD_MASK;
                            stored[before] = 0L;
                            stored[before + 1] = 0L;
                            stored[before + 2] = 0L;
                        }
                        UnsafeApi.putByte(ramAddress + ((offset >>> PAGE_SHIFT) - AREA_BYTES), ALL);
                        pc += 4;
                        break;
                    }
                    final int action = control.storeSlow(address, 4, x[rs2(d)], pc, budget - remaining - 1);
                    if (action == HartControl.TRAPPED_ACTION)
                    {
                        break trapped;
                    }
                    pc += 4;
                    if (action == HartControl.BREAK_ACTION)
                    {
                        stop = STOP_BREAK; // a device store
                        break loop;
                    }
                    break;
                }

                case Op.SH:
                {
                    final int address = x[rs1(d)] + imm(d);
                    final int offset = address - ramBase;
                    if (Integer.compareUnsigned(Integer.rotateRight(offset, 1), ramWords << 1) < 0)
                    {
                        UnsafeApi.putShort(ramAddress + offset, (short)x[rs2(d)]);
                        final long[] stored = pages[offset >>> PAGE_SHIFT];
                        if (stored != DecodeCache.EMPTY)
                        {
                            final int before = (offset >>> 1) & DecodeCache.HALFWORD_MASK;
                            stored[before] = 0L;
                            stored[before + 1] = 0L;
                        }
                        UnsafeApi.putByte(ramAddress + ((offset >>> PAGE_SHIFT) - AREA_BYTES), ALL);
                        pc += 4;
                        break;
                    }
                    final int action = control.storeSlow(address, 2, x[rs2(d)], pc, budget - remaining - 1);
                    if (action == HartControl.TRAPPED_ACTION)
                    {
                        break trapped;
                    }
                    pc += 4;
                    if (action == HartControl.BREAK_ACTION)
                    {
                        stop = STOP_BREAK; // a device store
                        break loop;
                    }
                    break;
                }

                case Op.SB:
                {
                    final int address = x[rs1(d)] + imm(d);
                    final int offset = address - ramBase;
                    if (Integer.compareUnsigned(offset, ramWords << 2) < 0)
                    {
                        UnsafeApi.putByte(ramAddress + offset, (byte)x[rs2(d)]);
                        final long[] stored = pages[offset >>> PAGE_SHIFT];
                        if (stored != DecodeCache.EMPTY)
                        {
                            final int before = (offset >>> 1) & DecodeCache.HALFWORD_MASK;
                            stored[before] = 0L;
                            stored[before + 1] = 0L;
                        }
                        UnsafeApi.putByte(ramAddress + ((offset >>> PAGE_SHIFT) - AREA_BYTES), ALL);
                        pc += 4;
                        break;
                    }
                    final int action = control.storeSlow(address, 1, x[rs2(d)], pc, budget - remaining - 1);
                    if (action == HartControl.TRAPPED_ACTION)
                    {
                        break trapped;
                    }
                    pc += 4;
                    if (action == HartControl.BREAK_ACTION)
                    {
                        stop = STOP_BREAK; // a device store
                        break loop;
                    }
                    break;
                }

                case Op.ADDI:
                    x[rd(d)] = x[rs1(d)] + imm(d);
                    pc += 4;
                    break;

                case Op.SLTI:
                    x[rd(d)] = x[rs1(d)] < imm(d) ? 1 : 0;
                    pc += 4;
                    break;

                case Op.SLTIU:
                    x[rd(d)] = Integer.compareUnsigned(x[rs1(d)], imm(d)) < 0 ? 1 : 0;
                    pc += 4;
                    break;

                case Op.XORI:
                    x[rd(d)] = x[rs1(d)] ^ imm(d);
                    pc += 4;
                    break;

                case Op.ORI:
                    x[rd(d)] = x[rs1(d)] | imm(d);
                    pc += 4;
                    break;

                case Op.ANDI:
                    x[rd(d)] = x[rs1(d)] & imm(d);
                    pc += 4;
                    break;

                case Op.SLLI:
                    x[rd(d)] = x[rs1(d)] << imm(d);
                    pc += 4;
                    break;

                case Op.SRLI:
                    x[rd(d)] = x[rs1(d)] >>> imm(d);
                    pc += 4;
                    break;

                case Op.SRAI:
                    x[rd(d)] = x[rs1(d)] >> imm(d);
                    pc += 4;
                    break;

                case Op.ADD:
                    x[rd(d)] = x[rs1(d)] + x[rs2(d)];
                    pc += 4;
                    break;

                case Op.SUB:
                    x[rd(d)] = x[rs1(d)] - x[rs2(d)];
                    pc += 4;
                    break;

                case Op.SLL:
                    x[rd(d)] = x[rs1(d)] << x[rs2(d)]; // Java masks the shift to 5 bits, as RV32 does
                    pc += 4;
                    break;

                case Op.SLT:
                    x[rd(d)] = x[rs1(d)] < x[rs2(d)] ? 1 : 0;
                    pc += 4;
                    break;

                case Op.SLTU:
                    x[rd(d)] = Integer.compareUnsigned(x[rs1(d)], x[rs2(d)]) < 0 ? 1 : 0;
                    pc += 4;
                    break;

                case Op.XOR:
                    x[rd(d)] = x[rs1(d)] ^ x[rs2(d)];
                    pc += 4;
                    break;

                case Op.SRL:
                    x[rd(d)] = x[rs1(d)] >>> x[rs2(d)];
                    pc += 4;
                    break;

                case Op.SRA:
                    x[rd(d)] = x[rs1(d)] >> x[rs2(d)];
                    pc += 4;
                    break;

                case Op.OR:
                    x[rd(d)] = x[rs1(d)] | x[rs2(d)];
                    pc += 4;
                    break;

                case Op.AND:
                    x[rd(d)] = x[rs1(d)] & x[rs2(d)];
                    pc += 4;
                    break;

                case Op.MUL:
                    x[rd(d)] = x[rs1(d)] * x[rs2(d)];
                    pc += 4;
                    break;

                case Op.MULH:
                    x[rd(d)] = (int)(((long)x[rs1(d)] * (long)x[rs2(d)]) >> 32);
                    pc += 4;
                    break;

                case Op.MULHSU:
                    x[rd(d)] = (int)(((long)x[rs1(d)] * Integer.toUnsignedLong(x[rs2(d)])) >> 32);
                    pc += 4;
                    break;

                case Op.MULHU:
                    x[rd(d)] = (int)((Integer.toUnsignedLong(x[rs1(d)]) * Integer.toUnsignedLong(x[rs2(d)])) >>> 32);
                    pc += 4;
                    break;

                case Op.DIV:
                {
                    final int dividend = x[rs1(d)];
                    final int divisor = x[rs2(d)];
                    // Java's MIN_VALUE / -1 is MIN_VALUE, which is what RISC-V specifies for the overflow case.
                    x[rd(d)] = divisor == 0 ? -1 : dividend / divisor;
                    pc += 4;
                    break;
                }

                case Op.DIVU:
                {
                    final int divisor = x[rs2(d)];
                    x[rd(d)] = divisor == 0 ? -1 : Integer.divideUnsigned(x[rs1(d)], divisor);
                    pc += 4;
                    break;
                }

                case Op.REM:
                {
                    final int dividend = x[rs1(d)];
                    final int divisor = x[rs2(d)];
                    x[rd(d)] = divisor == 0 ? dividend : dividend % divisor;
                    pc += 4;
                    break;
                }

                case Op.REMU:
                {
                    final int dividend = x[rs1(d)];
                    final int divisor = x[rs2(d)];
                    x[rd(d)] = divisor == 0 ? dividend : Integer.remainderUnsigned(dividend, divisor);
                    pc += 4;
                    break;
                }

                case Op.FENCE:
                    pc += 4;
                    break;

                // Compressed instructions: the cases of their 32-bit forms, 2 bytes long.
                case Op.COMPRESSED + Op.ADDI:
                    x[rd(d)] = x[rs1(d)] + imm(d);
                    pc += 2;
                    break;

                case Op.COMPRESSED + Op.LUI:
                    x[rd(d)] = imm(d);
                    pc += 2;
                    break;

                case Op.COMPRESSED + Op.ADD:
                    x[rd(d)] = x[rs1(d)] + x[rs2(d)];
                    pc += 2;
                    break;

                case Op.COMPRESSED + Op.SUB:
                    x[rd(d)] = x[rs1(d)] - x[rs2(d)];
                    pc += 2;
                    break;

                case Op.COMPRESSED + Op.XOR:
                    x[rd(d)] = x[rs1(d)] ^ x[rs2(d)];
                    pc += 2;
                    break;

                case Op.COMPRESSED + Op.OR:
                    x[rd(d)] = x[rs1(d)] | x[rs2(d)];
                    pc += 2;
                    break;

                case Op.COMPRESSED + Op.AND:
                    x[rd(d)] = x[rs1(d)] & x[rs2(d)];
                    pc += 2;
                    break;

                case Op.COMPRESSED + Op.ANDI:
                    x[rd(d)] = x[rs1(d)] & imm(d);
                    pc += 2;
                    break;

                case Op.COMPRESSED + Op.SLLI:
                    x[rd(d)] = x[rs1(d)] << imm(d);
                    pc += 2;
                    break;

                case Op.COMPRESSED + Op.SRLI:
                    x[rd(d)] = x[rs1(d)] >>> imm(d);
                    pc += 2;
                    break;

                case Op.COMPRESSED + Op.SRAI:
                    x[rd(d)] = x[rs1(d)] >> imm(d);
                    pc += 2;
                    break;

                case Op.COMPRESSED + Op.JAL:
                    x[rd(d)] = pc + 2;
                    pc = imm(d);
                    break;

                case Op.COMPRESSED + Op.BEQ:
                    pc = x[rs1(d)] == x[rs2(d)] ? imm(d) : pc + 2;
                    break;

                case Op.COMPRESSED + Op.BNE:
                    pc = x[rs1(d)] != x[rs2(d)] ? imm(d) : pc + 2;
                    break;

                case Op.COMPRESSED + Op.JALR:
                {
                    final int target = (x[rs1(d)] + imm(d)) & ~1;
                    if (Integer.compareUnsigned(Integer.rotateRight(target - ramBase, 1), ramHalfwords) >= 0)
                    {
                        control.jumpOutOfRam(rd(d), target, pc, 2, budget - remaining - 1);
                        pc = target;
                        stop = STOP_BREAK;
                        break loop;
                    }
                    x[rd(d)] = pc + 2;
                    pc = target;
                    break;
                }

                case Op.COMPRESSED + Op.LW:
                {
                    final int address = x[rs1(d)] + imm(d);
                    final int offset = address - ramBase;
                    if (Integer.compareUnsigned(Integer.rotateRight(offset, 2), ramWords) < 0)
                    {
                        x[rd(d)] = UnsafeApi.getInt(ramAddress + offset);
                        pc += 2;
                        break;
                    }
                    final long value = control.loadSlow(address, 4, false, pc, budget - remaining - 1);
                    if (value == HartControl.TRAPPED)
                    {
                        break trapped;
                    }
                    x[rd(d)] = (int)value;
                    pc += 2;
                    break;
                }

                case Op.COMPRESSED + Op.SW:
                {
                    final int address = x[rs1(d)] + imm(d);
                    final int offset = address - ramBase;
                    if (Integer.compareUnsigned(Integer.rotateRight(offset, 2), ramWords) < 0)
                    {
                        UnsafeApi.putInt(ramAddress + offset, x[rs2(d)]);
                        final long[] stored = pages[offset >>> PAGE_SHIFT];
                        if (stored != DecodeCache.EMPTY)
                        {
                            // Code on the page: as SW.
                            final int before = (offset >>> 1) & DecodeCache.HALFWORD_MASK;
                            stored[before] = 0L;
                            stored[before + 1] = 0L;
                            stored[before + 2] = 0L;
                        }
                        UnsafeApi.putByte(ramAddress + ((offset >>> PAGE_SHIFT) - AREA_BYTES), ALL);
                        pc += 2;
                        break;
                    }
                    final int action = control.storeSlow(address, 4, x[rs2(d)], pc, budget - remaining - 1);
                    if (action == HartControl.TRAPPED_ACTION)
                    {
                        break trapped;
                    }
                    pc += 2;
                    if (action == HartControl.BREAK_ACTION)
                    {
                        stop = STOP_BREAK;
                        break loop;
                    }
                    break;
                }

                case Op.REGION_ENTRY:
                    remaining++;
                    stop = STOP_REGION_ENTRY;
                    break loop;

                default:
                {
                    // Cold instructions: CSR, SYSTEM, AMO, ILLEGAL, unfetchable jump targets, the end of RAM.
                    final int action = control.executeCold(d, pc, budget - remaining - 1);
                    if (action == HartControl.TRAPPED_ACTION)
                    {
                        break trapped;
                    }
                    pc = control.nextPc;
                    if (action == HartControl.BREAK_ACTION)
                    {
                        stop = control.waitingForInterrupt ? STOP_WFI : STOP_BREAK;
                        break loop;
                    }
                    break;
                }
            }
            continue; // retired, or stepped over an undecoded slot
            }
            // Every cold path that took a trap comes here: the instruction did not retire, and
            // the hart goes on at the handler unless it could not be entered.
            remaining++;
            pc = control.trapPc;
            if (control.lockedUp)
            {
                stop = STOP_LOCKUP;
                break;
            }
        }

        this.pc = pc;
        this.icount += budget - remaining;
        return stop;
    }

    /** The interpreter derives nothing from guest code but the decode cache, which its owner clears. */
    @Override
    public void ramRewritten()
    {
    }

    @Override
    public String name()
    {
        return "interpreted";
    }

    /**
     * @return the register file itself, x0..x31 and the sink slots above: compiled code loads
     * registers from it at a region's entry and writes them back at its exits.
     */
    public int[] registerFile()
    {
        return x;
    }

    /**
     * Moves the hart past instructions that compiled code retired.
     *
     * @param nextPc  the pc to continue at.
     * @param retired instructions retired.
     */
    public void advance(final int nextPc, final int retired)
    {
        this.pc = nextPc;
        this.icount += retired;
    }

    /** @return instructions retired since reset: the machine's clock of record. */
    public long icount()
    {
        return icount;
    }

    /** @return the program counter. */
    public int pc()
    {
        return pc;
    }

    /** Sets the program counter (loader, reset). */
    public void pc(final int pc)
    {
        this.pc = pc;
    }

    /** @return register x{@code index}; x0 reads zero. */
    public int register(final int index)
    {
        return x[index & 31];
    }

    /** Sets register x{@code index}; writes to x0 are ignored. */
    public void register(final int index, final int value)
    {
        if ((index & 31) != 0)
        {
            x[index & 31] = value;
        }
    }

    /** @return the decode cache this hart fetches from. */
    public DecodeCache decodeCache()
    {
        return decodeCache;
    }

    /** @return the privileged-architecture side of this hart: CSRs, traps, interrupts. */
    public HartControl control()
    {
        return control;
    }

    /** Saves icount, pc and x1..x31 (the sink slots above 31 hold nothing), then the CSR side. */
    public void saveState(final StateWriter out)
    {
        out.putLong(icount).putInt(pc);
        for (int i = 1; i < 32; i++)
        {
            out.putInt(x[i]);
        }
        control.saveState(out);
    }

    /** Loads what {@link #saveState} saved; the caller invalidates the decode cache. */
    public void loadState(final StateReader in)
    {
        final long loadedIcount = in.getLong();
        if (loadedIcount < 0)
        {
            throw in.error("icount is negative: " + loadedIcount);
        }
        icount = loadedIcount;
        pc = in.getInt();
        x[0] = 0;
        for (int i = 1; i < 32; i++)
        {
            x[i] = in.getInt();
        }
        control.loadState(in);
    }
}
