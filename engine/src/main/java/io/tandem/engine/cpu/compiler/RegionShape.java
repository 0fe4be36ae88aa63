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
 * compiler leaves to the interpreter. A region holds 32-bit instructions at word addresses only:
 * it ends before a compressed instruction or a jump target at a halfword address, which the
 * interpreter runs (the dispatcher finds the next region after it). Block leaders (the entry, jump targets, the instruction
 * after a branch) are where the budget is checked. Reads the instruction words from RAM itself,
 * so the decode cache is neither needed nor disturbed.
 */
final class RegionShape
{
    static final int PAGE_WORDS = WrittenPages.PAGE_BYTES >>> 2;

    final int entryPc;
    final int pageBase;
    final boolean[] included = new boolean[PAGE_WORDS];
    final boolean[] leader = new boolean[PAGE_WORDS];
    /** Return addresses of the region's own calls: a JALR may come back to them inside the region. */
    final boolean[] returnTarget = new boolean[PAGE_WORDS];
    final long[] decoded = new long[PAGE_WORDS];
    final int[] words = new int[PAGE_WORDS];
    int count;
    int firstIndex = PAGE_WORDS;
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
        final int[] work = new int[2 * PAGE_WORDS + 1];
        int pending = 0;
        work[pending++] = entryPc;
        shape.leader[shape.index(entryPc)] = true;
        while (pending > 0 && shape.count < maxInstructions)
        {
            int pc = work[--pending];
            while (shape.inPage(pc) && shape.count < maxInstructions)
            {
                final int i = shape.index(pc);
                if (shape.included[i])
                {
                    break;
                }
                final int word = UnsafeApi.getInt(ramAddress + (pc - MemoryMap.RAM_BASE));
                final long d = Decoder.decode(word, pc, ramHalfwords);
                final int op = DecodedInstruction.op(d);
                if (!compiled(op) || DecodedInstruction.length(d) != 4)
                {
                    break;
                }
                shape.include(i, d, word);
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
                        if (DecodedInstruction.rd(d) != DecodedInstruction.SINK_REGISTER && shape.inPage(pc + 4))
                        {
                            // A call: its return lands after it, which the region holds as well.
                            shape.leader[shape.index(pc + 4)] = true;
                            shape.returnTarget[shape.index(pc + 4)] = true;
                            work[pending++] = pc + 4;
                        }
                        break;
                    }
                    if (shape.inPage(pc + 4))
                    {
                        shape.leader[shape.index(pc + 4)] = true;
                    }
                }
                else if (op == Op.JALR)
                {
                    if (DecodedInstruction.rd(d) != DecodedInstruction.SINK_REGISTER && shape.inPage(pc + 4))
                    {
                        shape.leader[shape.index(pc + 4)] = true; // an indirect call returns here
                        shape.returnTarget[shape.index(pc + 4)] = true;
                        work[pending++] = pc + 4;
                    }
                    break;
                }
                pc += 4;
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
        decoded[i] = d;
        words[i] = word;
        count++;
        firstIndex = Math.min(firstIndex, i);
        lastIndex = Math.max(lastIndex, i);
    }

    /** @return true when {@code pc} is a word address on the region's page, one it can hold. */
    boolean inPage(final int pc)
    {
        return (pc & -WrittenPages.PAGE_BYTES) == pageBase && (pc & 3) == 0;
    }

    int index(final int pc)
    {
        return (pc - pageBase) >>> 2;
    }

    int pcOf(final int index)
    {
        return pageBase + (index << 2);
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
    static boolean compiled(final int op)
    {
        return op >= Op.LUI && op <= Op.FENCE;
    }
}
