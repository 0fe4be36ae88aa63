package io.tandem.engine.cpu.compiler;

import io.tandem.engine.cpu.DecodedInstruction;
import io.tandem.engine.cpu.Decoder;
import io.tandem.engine.cpu.Op;
import io.tandem.engine.mem.MemoryMap;
import io.tandem.engine.mem.WrittenPages;
import org.agrona.UnsafeApi;

/**
 * Which instructions a region holds: everything reachable from its entry within the entry's
 * page through fall-through, branches and JAL, up to a cap, stopping before any instruction the
 * compiler leaves to the interpreter. Instructions are 16 or 32 bits (the C extension) and start
 * at any halfword, so the shape is indexed by halfword; it ends before a 32-bit instruction that
 * straddles the page's end and never holds two instructions that overlap (a jump into the middle
 * of a held instruction leaves the region). Block leaders (the entry, jump targets, the
 * instruction after a branch) are where the budget is checked. Reads the instructions from RAM
 * itself, so the decode cache is neither needed nor disturbed.
 */
final class RegionShape
{
    static final int PAGE_HALFWORDS = WrittenPages.PAGE_BYTES >>> 1;

    final int entryPc;
    final int pageBase;
    final boolean[] included = new boolean[PAGE_HALFWORDS];
    final boolean[] leader = new boolean[PAGE_HALFWORDS];
    /** Return addresses of the region's own calls: a JALR may come back to them inside the region. */
    final boolean[] returnTarget = new boolean[PAGE_HALFWORDS];
    final long[] decoded = new long[PAGE_HALFWORDS];
    /** The instruction's bits: 16 (upper half zero) or 32. */
    final int[] words = new int[PAGE_HALFWORDS];
    /** The second halfword of a held 32-bit instruction: no other instruction may start there. */
    final boolean[] covered = new boolean[PAGE_HALFWORDS];
    int count;
    int firstIndex = PAGE_HALFWORDS;
    int lastIndex = -1;

    private RegionShape(final int entryPc)
    {
        this.entryPc = entryPc;
        this.pageBase = entryPc & -WrittenPages.PAGE_BYTES;
    }

    /**
     * @param entryPc         a fetchable pc.
     * @param ramAddress      host address of RAM.
     * @param ramHalfwords    RAM size in halfwords.
     * @param maxInstructions cap on the instructions held.
     * @return the shape, or null when the entry's own instruction is left to the interpreter.
     */
    static RegionShape scan(final int entryPc, final long ramAddress, final int ramHalfwords, final int maxInstructions)
    {
        final RegionShape shape = new RegionShape(entryPc);
        final int[] work = new int[2 * PAGE_HALFWORDS + 1];
        int pending = 0;
        work[pending++] = entryPc;
        shape.leader[shape.index(entryPc)] = true;
        while (pending > 0 && shape.count < maxInstructions)
        {
            int pc = work[--pending];
            while (shape.inPage(pc) && shape.count < maxInstructions)
            {
                final int i = shape.index(pc);
                if (shape.included[i] || shape.covered[i])
                {
                    break;
                }
                final int low = UnsafeApi.getShort(ramAddress + (pc - MemoryMap.RAM_BASE)) & 0xFFFF;
                final boolean compressed = (low & 3) != 3;
                if (!compressed && (i + 1 == PAGE_HALFWORDS || shape.included[i + 1]))
                {
                    break; // straddles the page's end, or overlaps a held instruction
                }
                final int word = compressed ? low : low | UnsafeApi.getShort(ramAddress + (pc + 2 - MemoryMap.RAM_BASE)) << 16;
                // Compressed ops as their 32-bit forms: the length field says how long each is.
                final long d = DecodedInstruction.uncompressed(Decoder.decode(word, pc, ramHalfwords));
                final int op = DecodedInstruction.op(d);
                if (!compiled(d))
                {
                    break;
                }
                shape.include(i, d, word);
                final int next = pc + DecodedInstruction.length(d);
                if (isBranch(op) || op == Op.JAL)
                {
                    final int target = DecodedInstruction.imm(d);
                    if (shape.inPage(target))
                    {
                        shape.leader[shape.index(target)] = true;
                        work[pending++] = target;
                    }
                    if (op == Op.JAL)
                    {
                        if (DecodedInstruction.rd(d) != DecodedInstruction.SINK_REGISTER && shape.inPage(next))
                        {
                            // A call: its return lands after it, which the region holds as well.
                            shape.leader[shape.index(next)] = true;
                            shape.returnTarget[shape.index(next)] = true;
                            work[pending++] = next;
                        }
                        break;
                    }
                    if (shape.inPage(next))
                    {
                        shape.leader[shape.index(next)] = true;
                    }
                }
                else if (op == Op.JALR)
                {
                    if (DecodedInstruction.rd(d) != DecodedInstruction.SINK_REGISTER && shape.inPage(next))
                    {
                        shape.leader[shape.index(next)] = true; // an indirect call returns here
                        shape.returnTarget[shape.index(next)] = true;
                        work[pending++] = next;
                    }
                    break;
                }
                pc = next;
            }
        }
        return shape.count == 0 ? null : shape;
    }

    /**
     * @return the head of the innermost loop around the entry that the shape holds: the highest
     * target at or before the entry of a branch or JAL at or after it, else the entry itself. A
     * region entered there holds the loop with one way in, which HotSpot optimises as a loop; one
     * entered in the middle of a loop makes it a loop with two ways in, which it does not.
     */
    int enclosingLoopHead()
    {
        int head = 0;
        boolean found = false;
        for (int i = index(entryPc); i <= lastIndex; i++)
        {
            if (!included[i])
            {
                continue;
            }
            final int op = DecodedInstruction.op(decoded[i]);
            if (isBranch(op) || op == Op.JAL)
            {
                final int target = DecodedInstruction.imm(decoded[i]);
                if (inPage(target) && Integer.compareUnsigned(target, entryPc) <= 0
                    && (!found || Integer.compareUnsigned(target, head) > 0))
                {
                    head = target;
                    found = true;
                }
            }
        }
        return found ? head : entryPc;
    }

    private void include(final int i, final long d, final int word)
    {
        included[i] = true;
        if (DecodedInstruction.length(d) == 4)
        {
            covered[i + 1] = true;
        }
        decoded[i] = d;
        words[i] = word;
        count++;
        firstIndex = Math.min(firstIndex, i);
        lastIndex = Math.max(lastIndex, i);
    }

    /** @return true when {@code pc} (even: every jump target and fall-through is) is on the region's page. */
    boolean inPage(final int pc)
    {
        return (pc & -WrittenPages.PAGE_BYTES) == pageBase;
    }

    int index(final int pc)
    {
        return (pc - pageBase) >>> 1;
    }

    int pcOf(final int index)
    {
        return pageBase + (index << 1);
    }

    /** @return the index of the instruction after the one at index {@code i} (a held one). */
    int next(final int i)
    {
        return i + (DecodedInstruction.length(decoded[i]) >>> 1);
    }

    /** @return the length in bytes of the held instruction at index {@code i}. */
    int length(final int i)
    {
        return DecodedInstruction.length(decoded[i]);
    }

    /** @return true when the region holds the instruction at {@code pc}. */
    boolean holds(final int pc)
    {
        return inPage(pc) && included[index(pc)];
    }

    /** @return whether an instruction at index {@code i} ends its block (control leaves it or may). */
    boolean endsBlock(final int i)
    {
        final int op = DecodedInstruction.op(decoded[i]);
        return isBranch(op) || op == Op.JAL || op == Op.JALR;
    }

    static boolean isBranch(final int op)
    {
        return op >= Op.BEQ && op <= Op.BGEU;
    }

    /** @return true for the instructions compiled code executes itself; the rest the interpreter steps. */
    static boolean compiled(final long d)
    {
        final int op = DecodedInstruction.op(d);
        return op >= Op.LUI && op <= Op.FENCE || op == Op.AMO && !reservation(DecodedInstruction.aux(d));
    }

    /** @return true for LR.W and SC.W, whose reservation the interpreter's hart holds. */
    static boolean reservation(final int funct5)
    {
        return funct5 == 0x02 || funct5 == 0x03;
    }
}
