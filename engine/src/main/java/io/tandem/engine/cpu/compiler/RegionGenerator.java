package io.tandem.engine.cpu.compiler;

import java.util.ArrayList;
import java.util.List;

import io.tandem.engine.cpu.DecodeCache;
import io.tandem.engine.cpu.DecodedInstruction;
import io.tandem.engine.cpu.Op;
import io.tandem.engine.mem.MemoryMap;
import io.tandem.engine.mem.WrittenPages;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Generates the class of one region: a subclass of {@link CompiledRegion} whose {@code run}
 * holds the region's blocks in guest-address order, guest registers in JVM locals (loaded at
 * entry, the written ones stored back at the one shared exit), branches between held blocks as
 * JVM jumps, so that a guest loop is a JVM loop. Each block first checks that the budget covers
 * it and takes its length off at once; an exit in the middle of a block gives back what did not
 * retire. RAM is reached by raw address after the interpreter's unsigned rotate compare, with the
 * RAM base, size and host address as constants.
 */
final class RegionGenerator implements Opcodes
{
    static final String CLASS_NAME = "io/tandem/engine/cpu/compiler/GuestRegion";
    private static final String SUPER_NAME = "io/tandem/engine/cpu/compiler/CompiledRegion";
    private static final String EXIT_NAME = "io/tandem/engine/cpu/compiler/RegionExit";
    private static final String UNSAFE = "org/agrona/UnsafeApi";
    private static final String RUN_DESCRIPTOR = "([I[[JIL" + EXIT_NAME + ";I)I";

    private static final int X = 1;
    private static final int DECODED = 2;
    private static final int REMAINING = 3;
    private static final int EXIT = 4;
    /** The pc the region is entered at (its last parameter), then the pc it leaves at. */
    private static final int PC_OUT = 5;
    private static final int REASON_OUT = 6;
    private static final int OFFSET = 7;
    private static final int TEMP = 8;
    private static final int REGISTER_BASE = 9; // x1..x31 in locals 10..40
    /** An atomic's value read from memory, kept while its new value is stored. */
    private static final int AMO_OLD = 41;
    /** The region a jump out of this one continues in, when chained. */
    private static final int NEXT = 42;
    /** The decode cache's slots of the page a store wrote, or {@link DecodeCache#EMPTY}. */
    private static final int STORED_SLOTS = 43;

    private static final String CACHE_NAME = "io/tandem/engine/cpu/compiler/CodeCache";
    /**
     * Regions run from within regions at most this deep; past it a jump out returns to the
     * dispatcher. Bounds the JVM stack a chain of guest calls can take.
     */
    static final int MAX_CHAIN_DEPTH = 12;
    /**
     * System property: false to return to the dispatcher at every jump out of a region instead
     * of entering the next region from the region itself (for measuring what chaining gives).
     */
    static final String CHAIN_PROPERTY = "tandem.cpu.chain";
    private static final boolean CHAIN = !"false".equals(System.getProperty(CHAIN_PROPERTY));

    private static final int STORED_PAGE = -1;
    /** Return addresses a JALR compares its target with before leaving the region. */
    static final int MAX_RETURN_TARGETS = 8;
    /** Longest run of instructions between budget checks. */
    static final int MAX_UNCHECKED_INSTRUCTIONS = 128;

    private final int ramWords;

    private RegionShape shape;
    private MethodVisitor mv;
    private Label[] labels;
    private Label exitLabel;
    /** Jumps out of the region go here: registers written back, then the next region entered. */
    private Label chainLabel;
    private final List<PendingExit> pendingExits = new ArrayList<>();
    private final boolean[] written = new boolean[32];
    private final boolean[] used = new boolean[32];
    private final int[] blockStart = new int[RegionShape.PAGE_HALFWORDS];
    private final int[] blockLength = new int[RegionShape.PAGE_HALFWORDS];
    /** Index of each block's last instruction. */
    private final int[] blockEnd = new int[RegionShape.PAGE_HALFWORDS];
    private final int[] blockAt = new int[RegionShape.PAGE_HALFWORDS];
    private final int[] pathLength = new int[RegionShape.PAGE_HALFWORDS];
    private final boolean[] checked = new boolean[RegionShape.PAGE_HALFWORDS];

    /** An exit whose code goes after the blocks, out of the hot path. */
    private static final class PendingExit
    {
        final Label label;
        final int pc;
        final int reason;
        final int refund;
        /** With {@link RegionExit#CODE_WRITTEN}: the page, or {@link #STORED_PAGE} for the page just stored to. */
        final int writtenPage;
        /** Leaves at the pc the region was entered at, which {@link #PC_OUT} still holds. */
        boolean atEntry;

        PendingExit(final Label label, final int pc, final int reason, final int refund, final int writtenPage)
        {
            this.label = label;
            this.pc = pc;
            this.reason = reason;
            this.refund = refund;
            this.writtenPage = writtenPage;
        }
    }

    /**
     * @param ramWords the machine's RAM size in words. Host addresses are not compiled in: a
     *                 region reads them from its instance, so that one class serves every machine
     *                 of the process that runs the same code ({@link SharedRegions}).
     */
    RegionGenerator(final int ramWords)
    {
        this.ramWords = ramWords;
    }

    /**
     * @param shape the region.
     * @return the class file, and in {@code codeBytes[0]} the size of {@code run}'s bytecode.
     */
    byte[] generate(final RegionShape shape, final int[] codeBytes)
    {
        this.shape = shape;
        pendingExits.clear();
        java.util.Arrays.fill(written, false);
        java.util.Arrays.fill(used, false);
        labels = new Label[RegionShape.PAGE_HALFWORDS];
        for (int i = shape.firstIndex; i <= shape.lastIndex; i++)
        {
            if (shape.included[i])
            {
                labels[i] = new Label();
                noteRegisters(shape.decoded[i]);
            }
        }

        final ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_FINAL | ACC_SUPER, CLASS_NAME, null, SUPER_NAME, null);
        final MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, SUPER_NAME, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        mv = cw.visitMethod(0, "run", RUN_DESCRIPTOR, null, null);
        mv.visitCode();
        exitLabel = new Label();
        chainLabel = new Label();
        prologue();
        emitBlocks();
        for (final PendingExit exit : pendingExits)
        {
            mv.visitLabel(exit.label);
            if (exit.reason == RegionExit.CODE_WRITTEN)
            {
                mv.visitVarInsn(ALOAD, EXIT);
                if (exit.writtenPage == STORED_PAGE)
                {
                    mv.visitVarInsn(ILOAD, OFFSET);
                    pushInt(WrittenPages.PAGE_SHIFT);
                    mv.visitInsn(IUSHR);
                }
                else
                {
                    pushInt(exit.writtenPage);
                }
                mv.visitFieldInsn(PUTFIELD, EXIT_NAME, "writtenPage", "I");
            }
            if (exit.atEntry)
            {
                exitAtEntry(exit.reason);
            }
            else
            {
                exitTo(exit.pc, exit.reason, exit.refund);
            }
        }
        epilogue();
        final Label end = new Label();
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        final byte[] bytes = cw.toByteArray();
        codeBytes[0] = end.getOffset();
        return bytes;
    }

    private void noteRegisters(final long d)
    {
        final int op = DecodedInstruction.op(d);
        final int rd = DecodedInstruction.rd(d);
        if (rd > 0 && rd < 32 && writesRd(op))
        {
            written[rd] = true;
            used[rd] = true;
        }
        if (readsRs1(op))
        {
            used[DecodedInstruction.rs1(d)] = true;
        }
        if (readsRs2(op))
        {
            used[DecodedInstruction.rs2(d)] = true;
        }
        used[0] = false;
    }

    private static boolean writesRd(final int op)
    {
        return !(RegionShape.isBranch(op) || op == Op.SB || op == Op.SH || op == Op.SW || op == Op.FENCE);
    }

    private static boolean readsRs1(final int op)
    {
        return op != Op.LUI && op != Op.JAL && op != Op.FENCE;
    }

    private static boolean readsRs2(final int op)
    {
        return RegionShape.isBranch(op) || op == Op.SB || op == Op.SH || op == Op.SW || (op >= Op.ADD && op <= Op.REMU)
            || op == Op.AMO;
    }

    private void prologue()
    {
        for (int r = 1; r < 32; r++)
        {
            if (used[r])
            {
                mv.visitVarInsn(ALOAD, X);
                pushInt(r);
                mv.visitInsn(IALOAD);
                mv.visitVarInsn(ISTORE, REGISTER_BASE + r);
            }
        }
        // Code on this page written since the region was checked: leave before running any of it.
        loadRamAddress();
        pushLong(((shape.pageBase - MemoryMap.RAM_BASE) >>> WrittenPages.PAGE_SHIFT) - (long)WrittenPages.AREA_BYTES);
        mv.visitInsn(LADD);
        mv.visitMethodInsn(INVOKESTATIC, UNSAFE, "getByte", "(J)B", false);
        pushInt(WrittenPages.COMPILED_CODE);
        mv.visitInsn(IAND);
        final Label written = pendingExit(shape.entryPc, RegionExit.CODE_WRITTEN, 0,
            (shape.pageBase - MemoryMap.RAM_BASE) >>> WrittenPages.PAGE_SHIFT);
        pendingExits.get(pendingExits.size() - 1).atEntry = true;
        mv.visitJumpInsn(IFNE, written);
        // Blocks are laid out in address order; the region is entered at its entry or at the
        // return address of one of its calls (a function it calls returns there from elsewhere).
        final int[] entries = entries(shape);
        if (entries.length > 1)
        {
            final Label[] targets = new Label[entries.length];
            for (int e = 0; e < entries.length; e++)
            {
                targets[e] = labels[shape.index(entries[e])];
            }
            mv.visitVarInsn(ILOAD, PC_OUT);
            mv.visitLookupSwitchInsn(labels[shape.index(shape.entryPc)], entries, targets);
        }
        else if (shape.index(shape.entryPc) != shape.firstIndex)
        {
            mv.visitJumpInsn(GOTO, labels[shape.index(shape.entryPc)]);
        }
    }

    /**
     * @return the pcs a region of this shape may be entered at, ascending: its entry and the
     * return addresses of its calls.
     */
    static int[] entries(final RegionShape shape)
    {
        int count = 0;
        for (int i = shape.firstIndex; i <= shape.lastIndex; i++)
        {
            if (shape.included[i] && (shape.returnTarget[i] || shape.pcOf(i) == shape.entryPc))
            {
                count++;
            }
        }
        final int[] entries = new int[count];
        count = 0;
        for (int i = shape.firstIndex; i <= shape.lastIndex; i++)
        {
            if (shape.included[i] && (shape.returnTarget[i] || shape.pcOf(i) == shape.entryPc))
            {
                entries[count++] = shape.pcOf(i);
            }
        }
        java.util.Arrays.sort(entries);
        return entries;
    }

    private void epilogue()
    {
        final Label finish = new Label();
        mv.visitLabel(exitLabel);
        writeBack();
        mv.visitJumpInsn(GOTO, finish);

        // A jump out: enter the next region from here, as the dispatcher would, so that a call
        // and its return (or a chain of successors) cost no trip through the dispatcher. When
        // the next region comes back to one of this region's entries, this one goes on there.
        mv.visitLabel(chainLabel);
        writeBack();
        if (CHAIN)
        {
            final Label chainLoop = new Label();
            mv.visitLabel(chainLoop);
            mv.visitVarInsn(ALOAD, EXIT);
            mv.visitFieldInsn(GETFIELD, EXIT_NAME, "depth", "I");
            pushInt(MAX_CHAIN_DEPTH);
            mv.visitJumpInsn(IF_ICMPGE, finish);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, SUPER_NAME, "cache", "L" + CACHE_NAME + ";");
            mv.visitVarInsn(ILOAD, PC_OUT);
            mv.visitMethodInsn(INVOKEVIRTUAL, CACHE_NAME, "lookup", "(I)L" + SUPER_NAME + ";", false);
            mv.visitVarInsn(ASTORE, NEXT);
            mv.visitVarInsn(ALOAD, NEXT);
            mv.visitJumpInsn(IFNULL, finish);
            addToDepth(1);
            mv.visitVarInsn(ALOAD, NEXT);
            mv.visitVarInsn(ALOAD, X);
            mv.visitVarInsn(ALOAD, DECODED);
            mv.visitVarInsn(ILOAD, REMAINING);
            mv.visitVarInsn(ALOAD, EXIT);
            mv.visitVarInsn(ILOAD, PC_OUT);
            mv.visitMethodInsn(INVOKEVIRTUAL, SUPER_NAME, "run", RUN_DESCRIPTOR, false);
            mv.visitVarInsn(ISTORE, PC_OUT);
            addToDepth(-1);
            mv.visitVarInsn(ALOAD, EXIT);
            mv.visitFieldInsn(GETFIELD, EXIT_NAME, "remaining", "I");
            mv.visitVarInsn(ISTORE, REMAINING);
            mv.visitVarInsn(ALOAD, EXIT);
            mv.visitFieldInsn(GETFIELD, EXIT_NAME, "reason", "I");
            mv.visitVarInsn(ISTORE, REASON_OUT);
            // Anything but a jump (a trap to step, code written) goes back to the dispatcher,
            // with the registers as the next region left them in the register file.
            mv.visitVarInsn(ILOAD, REASON_OUT);
            pushInt(RegionExit.JUMP);
            mv.visitJumpInsn(IF_ICMPNE, finish);
            final int[] entries = entries(shape);
            final Label[] ours = new Label[entries.length];
            final Label reenter = new Label();
            java.util.Arrays.fill(ours, reenter);
            mv.visitVarInsn(ILOAD, PC_OUT);
            mv.visitLookupSwitchInsn(chainLoop, entries, ours);
            mv.visitLabel(reenter);
            for (int r = 1; r < 32; r++)
            {
                if (used[r])
                {
                    mv.visitVarInsn(ALOAD, X);
                    pushInt(r);
                    mv.visitInsn(IALOAD);
                    mv.visitVarInsn(ISTORE, REGISTER_BASE + r);
                }
            }
            final Label[] targets = new Label[entries.length];
            for (int e = 0; e < entries.length; e++)
            {
                targets[e] = labels[shape.index(entries[e])];
            }
            mv.visitVarInsn(ILOAD, PC_OUT);
            mv.visitLookupSwitchInsn(labels[shape.index(shape.entryPc)], entries, targets);
        }

        mv.visitLabel(finish);
        mv.visitVarInsn(ALOAD, EXIT);
        mv.visitVarInsn(ILOAD, REMAINING);
        mv.visitFieldInsn(PUTFIELD, EXIT_NAME, "remaining", "I");
        mv.visitVarInsn(ALOAD, EXIT);
        mv.visitVarInsn(ILOAD, REASON_OUT);
        mv.visitFieldInsn(PUTFIELD, EXIT_NAME, "reason", "I");
        mv.visitVarInsn(ILOAD, PC_OUT);
        mv.visitInsn(IRETURN);
    }

    private void writeBack()
    {
        for (int r = 1; r < 32; r++)
        {
            if (written[r])
            {
                mv.visitVarInsn(ALOAD, X);
                pushInt(r);
                mv.visitVarInsn(ILOAD, REGISTER_BASE + r);
                mv.visitInsn(IASTORE);
            }
        }
    }

    private void addToDepth(final int delta)
    {
        mv.visitVarInsn(ALOAD, EXIT);
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, EXIT_NAME, "depth", "I");
        pushInt(delta);
        mv.visitInsn(IADD);
        mv.visitFieldInsn(PUTFIELD, EXIT_NAME, "depth", "I");
    }

    private void emitBlocks()
    {
        // Blocks in address order: a leader, a gap or a jump ends one.
        int blocks = 0;
        for (int i = shape.firstIndex; i <= shape.lastIndex; )
        {
            if (!shape.included[i])
            {
                i++;
                continue;
            }
            int length = 1;
            int end = i;
            while (!shape.endsBlock(end) && shape.next(end) <= shape.lastIndex &&
                shape.included[shape.next(end)] && !shape.leader[shape.next(end)])
            {
                end = shape.next(end);
                length++;
            }
            blockStart[blocks] = i;
            blockLength[blocks] = length;
            blockEnd[blocks] = end;
            blockAt[i] = blocks;
            blocks++;
            i = shape.next(end);
        }
        planBudgetChecks(blocks);
        for (int b = 0; b < blocks; b++)
        {
            emitBlock(b);
        }
    }

    /**
     * Decides where the budget is checked. A check at a block covers the longest path from it to
     * the next check or exit, so the blocks in between need none: the region's entry and every
     * target of a backward jump (each loop) check, and so does any block where the path from a
     * check would grow past {@link #MAX_UNCHECKED_INSTRUCTIONS}. Few checks matter twice: each
     * costs a compare, and each exit HotSpot has not yet seen taken costs a deoptimisation the
     * first time a slice ends there.
     */
    private void planBudgetChecks(final int blocks)
    {
        java.util.Arrays.fill(checked, 0, blocks, false);
        checked[blockAt[shape.index(shape.entryPc)]] = true;
        for (int b = 0; b < blocks; b++)
        {
            // Entered from a JALR, an edge the plan below does not see.
            checked[b] |= shape.returnTarget[blockStart[b]];
        }
        for (int b = 0; b < blocks; b++)
        {
            final int last = blockEnd[b];
            for (int s = 0; s < 2; s++)
            {
                final int target = successor(last, s);
                if (target >= 0 && target <= last)
                {
                    checked[blockAt[target]] = true;
                }
            }
        }
        for (int b = blocks - 1; b >= 0; b--)
        {
            final int last = blockEnd[b];
            int longest = 0;
            for (int s = 0; s < 2; s++)
            {
                final int target = successor(last, s);
                if (target > last && !checked[blockAt[target]])
                {
                    if (blockLength[b] + pathLength[blockAt[target]] > MAX_UNCHECKED_INSTRUCTIONS)
                    {
                        checked[blockAt[target]] = true;
                    }
                    else
                    {
                        longest = Math.max(longest, pathLength[blockAt[target]]);
                    }
                }
            }
            pathLength[b] = blockLength[b] + longest;
        }
    }

    /**
     * @param last  the index of a block's last instruction.
     * @param which 0 for the fall-through, 1 for the jump target.
     * @return the index of that successor when the region holds it, else -1.
     */
    private int successor(final int last, final int which)
    {
        final long d = shape.decoded[last];
        final int op = DecodedInstruction.op(d);
        final int pc;
        if (which == 0)
        {
            if (op == Op.JAL || op == Op.JALR)
            {
                return -1;
            }
            pc = shape.pcOf(last) + shape.length(last);
        }
        else
        {
            if (!(RegionShape.isBranch(op) || op == Op.JAL))
            {
                return -1;
            }
            pc = DecodedInstruction.imm(d);
        }
        return shape.holds(pc) ? shape.index(pc) : -1;
    }

    private void emitBlock(final int b)
    {
        final int first = blockStart[b];
        final int length = blockLength[b];
        mv.visitLabel(labels[first]);
        if (checked[b])
        {
            mv.visitVarInsn(ILOAD, REMAINING);
            pushInt(pathLength[b]);
            mv.visitJumpInsn(IF_ICMPLT, pendingExit(shape.pcOf(first), RegionExit.INTERPRET, 0));
        }
        mv.visitIincInsn(REMAINING, -length);
        int at = first;
        for (int k = 0; k < length; k++)
        {
            emitInstruction(at, length - k);
            at = k < length - 1 ? shape.next(at) : at;
        }
        final int last = blockEnd[b];
        if (!shape.endsBlock(last))
        {
            jumpTo(shape.pcOf(last) + shape.length(last), shape.next(last));
        }
    }

    /** Continues at {@code pc}: falls into the next block when it is emitted next, jumps to it, or exits. */
    private void jumpTo(final int pc, final int nextEmittedIndex)
    {
        if (shape.holds(pc))
        {
            final int index = shape.index(pc);
            if (index != nextEmittedIndex)
            {
                mv.visitJumpInsn(GOTO, labels[index]);
            }
            return;
        }
        exitTo(pc, RegionExit.JUMP, 0);
    }

    /**
     * @param i          the instruction's index in the page.
     * @param unretired  instructions of the block from this one to its end: what an exit before
     *                   this instruction gives back to the budget.
     */
    private void emitInstruction(final int i, final int unretired)
    {
        final long d = shape.decoded[i];
        final int pc = shape.pcOf(i);
        final int op = DecodedInstruction.op(d);
        final int rd = DecodedInstruction.rd(d);
        final int rs1 = DecodedInstruction.rs1(d);
        final int rs2 = DecodedInstruction.rs2(d);
        final int imm = DecodedInstruction.imm(d);
        switch (op)
        {
            case Op.LUI:
                pushInt(imm);
                storeRegister(rd);
                break;

            case Op.JAL:
                pushInt(pc + shape.length(i));
                storeRegister(rd);
                jumpTo(imm, -1);
                break;

            case Op.JALR:
                emitJalr(pc, pc + shape.length(i), rd, rs1, imm);
                break;

            case Op.BEQ:
            case Op.BNE:
            case Op.BLT:
            case Op.BGE:
            case Op.BLTU:
            case Op.BGEU:
                emitBranch(i, op, rs1, rs2, imm);
                break;

            case Op.LB:
            case Op.LH:
            case Op.LW:
            case Op.LBU:
            case Op.LHU:
                emitLoad(pc, op, rd, rs1, imm, unretired);
                break;

            case Op.SB:
            case Op.SH:
            case Op.SW:
                emitStore(pc, pc + shape.length(i), op, rs1, rs2, imm, unretired);
                break;

            case Op.ADDI:
                emitImmediate(IADD, rd, rs1, imm);
                break;
            case Op.XORI:
                emitImmediate(IXOR, rd, rs1, imm);
                break;
            case Op.ORI:
                emitImmediate(IOR, rd, rs1, imm);
                break;
            case Op.ANDI:
                emitImmediate(IAND, rd, rs1, imm);
                break;
            case Op.SLLI:
                emitImmediate(ISHL, rd, rs1, imm);
                break;
            case Op.SRLI:
                emitImmediate(IUSHR, rd, rs1, imm);
                break;
            case Op.SRAI:
                emitImmediate(ISHR, rd, rs1, imm);
                break;
            case Op.SLTI:
                loadRegister(rs1);
                pushInt(imm);
                setIfLess(false, rd);
                break;
            case Op.SLTIU:
                loadRegister(rs1);
                pushInt(imm);
                setIfLess(true, rd);
                break;

            case Op.ADD:
                emitRegister(IADD, rd, rs1, rs2);
                break;
            case Op.SUB:
                emitRegister(ISUB, rd, rs1, rs2);
                break;
            case Op.SLL:
                emitRegister(ISHL, rd, rs1, rs2);
                break;
            case Op.SRL:
                emitRegister(IUSHR, rd, rs1, rs2);
                break;
            case Op.SRA:
                emitRegister(ISHR, rd, rs1, rs2);
                break;
            case Op.XOR:
                emitRegister(IXOR, rd, rs1, rs2);
                break;
            case Op.OR:
                emitRegister(IOR, rd, rs1, rs2);
                break;
            case Op.AND:
                emitRegister(IAND, rd, rs1, rs2);
                break;
            case Op.MUL:
                emitRegister(IMUL, rd, rs1, rs2);
                break;
            case Op.SLT:
                loadRegister(rs1);
                loadRegister(rs2);
                setIfLess(false, rd);
                break;
            case Op.SLTU:
                loadRegister(rs1);
                loadRegister(rs2);
                setIfLess(true, rd);
                break;

            case Op.MULH:
            case Op.MULHSU:
            case Op.MULHU:
                emitMultiplyHigh(op, rd, rs1, rs2);
                break;

            case Op.DIV:
            case Op.DIVU:
            case Op.REM:
            case Op.REMU:
                emitDivide(op, rd, rs1, rs2);
                break;

            case Op.AMO:
                emitAtomic(pc, DecodedInstruction.aux(d), rd, rs1, rs2, unretired);
                break;

            case Op.FENCE:
                break; // stores invalidate compiled code themselves: FENCE and FENCE.I have nothing to do

            default:
                throw new IllegalStateException("not a compiled instruction: op " + op + " at " + Integer.toHexString(pc));
        }
    }

    private void emitImmediate(final int opcode, final int rd, final int rs1, final int imm)
    {
        loadRegister(rs1);
        pushInt(imm);
        mv.visitInsn(opcode);
        storeRegister(rd);
    }

    private void emitRegister(final int opcode, final int rd, final int rs1, final int rs2)
    {
        loadRegister(rs1);
        loadRegister(rs2);
        mv.visitInsn(opcode);
        storeRegister(rd);
    }

    /** Two ints on the stack: stores 1 into rd when the first is less than the second, else 0. */
    private void setIfLess(final boolean unsigned, final int rd)
    {
        if (unsigned)
        {
            flipSigns();
        }
        final Label less = new Label();
        final Label done = new Label();
        mv.visitJumpInsn(IF_ICMPLT, less);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(less);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(done);
        storeRegister(rd);
    }

    /** Two ints on the stack: adds MIN_VALUE to both, so that a signed compare orders them unsigned. */
    private void flipSigns()
    {
        mv.visitVarInsn(ISTORE, TEMP);
        pushInt(Integer.MIN_VALUE);
        mv.visitInsn(IXOR);
        mv.visitVarInsn(ILOAD, TEMP);
        pushInt(Integer.MIN_VALUE);
        mv.visitInsn(IXOR);
    }

    private void emitMultiplyHigh(final int op, final int rd, final int rs1, final int rs2)
    {
        loadRegister(rs1);
        mv.visitInsn(I2L);
        if (op == Op.MULHU)
        {
            pushLong(0xFFFF_FFFFL);
            mv.visitInsn(LAND);
        }
        loadRegister(rs2);
        mv.visitInsn(I2L);
        if (op != Op.MULH)
        {
            pushLong(0xFFFF_FFFFL);
            mv.visitInsn(LAND);
        }
        mv.visitInsn(LMUL);
        pushInt(32);
        mv.visitInsn(op == Op.MULHU ? LUSHR : LSHR);
        mv.visitInsn(L2I);
        storeRegister(rd);
    }

    private void emitDivide(final int op, final int rd, final int rs1, final int rs2)
    {
        final Label byZero = new Label();
        final Label done = new Label();
        loadRegister(rs2);
        mv.visitVarInsn(ISTORE, TEMP);
        mv.visitVarInsn(ILOAD, TEMP);
        mv.visitJumpInsn(IFEQ, byZero);
        loadRegister(rs1);
        mv.visitVarInsn(ILOAD, TEMP);
        switch (op)
        {
            case Op.DIV:
                mv.visitInsn(IDIV); // MIN_VALUE / -1 is MIN_VALUE in Java, as RISC-V specifies
                break;
            case Op.REM:
                mv.visitInsn(IREM);
                break;
            case Op.DIVU:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "divideUnsigned", "(II)I", false);
                break;
            default:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "remainderUnsigned", "(II)I", false);
                break;
        }
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(byZero);
        if (op == Op.DIV || op == Op.DIVU)
        {
            mv.visitInsn(ICONST_M1);
        }
        else
        {
            loadRegister(rs1);
        }
        mv.visitLabel(done);
        storeRegister(rd);
    }

    private void emitBranch(final int i, final int op, final int rs1, final int rs2, final int target)
    {
        loadRegister(rs1);
        loadRegister(rs2);
        final int opcode;
        switch (op)
        {
            case Op.BEQ: opcode = IF_ICMPEQ; break;
            case Op.BNE: opcode = IF_ICMPNE; break;
            case Op.BLT: opcode = IF_ICMPLT; break;
            case Op.BGE: opcode = IF_ICMPGE; break;
            case Op.BLTU:
                flipSigns();
                opcode = IF_ICMPLT;
                break;
            default:
                flipSigns();
                opcode = IF_ICMPGE;
                break;
        }
        final Label taken = shape.holds(target) ? labels[shape.index(target)] : pendingExit(target, RegionExit.JUMP, 0);
        mv.visitJumpInsn(opcode, taken);
        jumpTo(shape.pcOf(i) + shape.length(i), shape.next(i));
    }

    private void emitJalr(final int pc, final int link, final int rd, final int rs1, final int imm)
    {
        loadRegister(rs1);
        pushInt(imm);
        mv.visitInsn(IADD);
        pushInt(~1);
        mv.visitInsn(IAND);
        mv.visitVarInsn(ISTORE, PC_OUT);
        // A target outside RAM: the interpreter steps the JALR. Any halfword in RAM can be fetched.
        mv.visitVarInsn(ILOAD, PC_OUT);
        pushInt(MemoryMap.RAM_BASE);
        mv.visitInsn(ISUB);
        pushInt(1);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "rotateRight", "(II)I", false);
        branchUnlessBelow(ramWords << 1, pendingExit(pc, RegionExit.INTERPRET, 1));
        pushInt(link);
        storeRegister(rd);
        // A return to one of the region's own calls stays in the region.
        int candidates = 0;
        for (int r = shape.firstIndex; r <= shape.lastIndex && candidates < MAX_RETURN_TARGETS; r++)
        {
            if (shape.returnTarget[r] && shape.included[r])
            {
                mv.visitVarInsn(ILOAD, PC_OUT);
                pushInt(shape.pcOf(r));
                mv.visitJumpInsn(IF_ICMPEQ, labels[r]);
                candidates++;
            }
        }
        pushInt(RegionExit.JUMP);
        mv.visitVarInsn(ISTORE, REASON_OUT);
        mv.visitJumpInsn(GOTO, chainLabel);
    }

    /** An int on the stack: goes to {@code otherwise} unless it is below {@code limit}, unsigned. */
    private void branchUnlessBelow(final int limit, final Label otherwise)
    {
        pushInt(Integer.MIN_VALUE);
        mv.visitInsn(IXOR);
        pushInt(limit ^ Integer.MIN_VALUE);
        mv.visitJumpInsn(IF_ICMPGE, otherwise);
    }

    /** Computes the RAM offset of rs1 + imm into {@link #OFFSET} and checks it as the interpreter does. */
    private void ramCheck(final int pc, final int rs1, final int imm, final int sizeBytes, final int unretired)
    {
        loadRegister(rs1);
        pushInt(imm - MemoryMap.RAM_BASE);
        mv.visitInsn(IADD);
        mv.visitVarInsn(ISTORE, OFFSET);
        mv.visitVarInsn(ILOAD, OFFSET);
        final int shift = sizeBytes == 4 ? 2 : sizeBytes == 2 ? 1 : 0;
        if (shift != 0)
        {
            pushInt(shift);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "rotateRight", "(II)I", false);
        }
        // Misaligned, outside RAM: the interpreter steps the access, which may trap or reach a device.
        branchUnlessBelow(ramWords << (2 - shift), pendingExit(pc, RegionExit.INTERPRET, unretired));
    }

    /**
     * Pushes the machine's RAM address, read from the instance where it is used rather than
     * held in a local for the whole method: a local pins a host register across every loop of
     * the region, where guest registers need them (measured: 7-10% slower on cpubench).
     */
    private void loadRamAddress()
    {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, SUPER_NAME, "ramAddress", "J");
    }

    private void loadCodeWordBitsAddress()
    {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, SUPER_NAME, "codeWordBitsAddress", "J");
    }

    private void pushHostAddress()
    {
        loadRamAddress();
        mv.visitVarInsn(ILOAD, OFFSET);
        mv.visitInsn(I2L);
        mv.visitInsn(LADD);
    }

    private void emitLoad(final int pc, final int op, final int rd, final int rs1, final int imm, final int unretired)
    {
        final int size = op == Op.LW ? 4 : op == Op.LH || op == Op.LHU ? 2 : 1;
        ramCheck(pc, rs1, imm, size, unretired);
        pushHostAddress();
        switch (op)
        {
            case Op.LW:
                mv.visitMethodInsn(INVOKESTATIC, UNSAFE, "getInt", "(J)I", false);
                break;
            case Op.LH:
                mv.visitMethodInsn(INVOKESTATIC, UNSAFE, "getShort", "(J)S", false);
                break;
            case Op.LHU:
                mv.visitMethodInsn(INVOKESTATIC, UNSAFE, "getShort", "(J)S", false);
                pushInt(0xFFFF);
                mv.visitInsn(IAND);
                break;
            case Op.LB:
                mv.visitMethodInsn(INVOKESTATIC, UNSAFE, "getByte", "(J)B", false);
                break;
            default:
                mv.visitMethodInsn(INVOKESTATIC, UNSAFE, "getByte", "(J)B", false);
                pushInt(0xFF);
                mv.visitInsn(IAND);
                break;
        }
        storeRegister(rd);
    }

    private void emitStore(final int pc, final int nextPc, final int op, final int rs1, final int rs2, final int imm,
        final int unretired)
    {
        final int size = op == Op.SW ? 4 : op == Op.SH ? 2 : 1;
        ramCheck(pc, rs1, imm, size, unretired);
        pushHostAddress();
        loadRegister(rs2);
        switch (op)
        {
            case Op.SW:
                mv.visitMethodInsn(INVOKESTATIC, UNSAFE, "putInt", "(JI)V", false);
                break;
            case Op.SH:
                mv.visitInsn(I2S);
                mv.visitMethodInsn(INVOKESTATIC, UNSAFE, "putShort", "(JS)V", false);
                break;
            default:
                mv.visitInsn(I2B);
                mv.visitMethodInsn(INVOKESTATIC, UNSAFE, "putByte", "(JB)V", false);
                break;
        }
        afterStore(nextPc, size, unretired);
    }

    /**
     * A read-modify-write AMO (LR and SC stay with the interpreter, which holds the reservation):
     * aligned RAM only, everything else (a misaligned or device address, which traps) left to the
     * interpreter; the store is kept track of as {@link #emitStore}'s is.
     */
    private void emitAtomic(final int pc, final int funct5, final int rd, final int rs1, final int rs2, final int unretired)
    {
        ramCheck(pc, rs1, 0, 4, unretired);
        pushHostAddress();
        mv.visitMethodInsn(INVOKESTATIC, UNSAFE, "getInt", "(J)I", false);
        mv.visitVarInsn(ISTORE, AMO_OLD);
        pushHostAddress();
        switch (funct5)
        {
            case 0x01: // AMOSWAP
                loadRegister(rs2);
                break;
            case 0x00: // AMOADD
                amoOperands(rs2);
                mv.visitInsn(IADD);
                break;
            case 0x04: // AMOXOR
                amoOperands(rs2);
                mv.visitInsn(IXOR);
                break;
            case 0x0C: // AMOAND
                amoOperands(rs2);
                mv.visitInsn(IAND);
                break;
            case 0x08: // AMOOR
                amoOperands(rs2);
                mv.visitInsn(IOR);
                break;
            case 0x10: // AMOMIN
                amoOperands(rs2);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "min", "(II)I", false);
                break;
            case 0x14: // AMOMAX
                amoOperands(rs2);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max", "(II)I", false);
                break;
            case 0x18: // AMOMINU: the signed minimum of both with their sign bits flipped
            case 0x1C: // AMOMAXU
                amoOperands(rs2);
                flipSigns();
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", funct5 == 0x18 ? "min" : "max", "(II)I", false);
                pushInt(Integer.MIN_VALUE);
                mv.visitInsn(IXOR);
                break;
            default:
                throw new IllegalStateException("not a compiled atomic: funct5 " + funct5 + " at " + Integer.toHexString(pc));
        }
        mv.visitMethodInsn(INVOKESTATIC, UNSAFE, "putInt", "(JI)V", false);
        mv.visitVarInsn(ILOAD, AMO_OLD);
        storeRegister(rd);
        afterStore(pc + 4, 4, unretired);
    }

    private void amoOperands(final int rs2)
    {
        mv.visitVarInsn(ILOAD, AMO_OLD);
        loadRegister(rs2);
    }

    /**
     * After a store of {@code size} bytes at {@link #OFFSET}: what every store does, as the
     * interpreter's; a store into compiled code leaves for {@code nextPc}.
     */
    private void afterStore(final int nextPc, final int size, final int unretired)
    {
        // As the interpreter: on a page with decoded code, forget the decoded instructions that
        // may cover the stored bytes (the slots of its halfwords and the one before); a page
        // without costs one load and a compare. Then mark the page written, for every reader but
        // the compiler, which the code-word bitmap tells instead.
        final Label noSlots = new Label();
        mv.visitVarInsn(ALOAD, DECODED);
        mv.visitVarInsn(ILOAD, OFFSET);
        pushInt(DecodeCache.PAGE_SHIFT);
        mv.visitInsn(IUSHR);
        mv.visitInsn(AALOAD);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ASTORE, STORED_SLOTS);
        mv.visitFieldInsn(GETSTATIC, "io/tandem/engine/cpu/DecodeCache", "EMPTY", "[J");
        mv.visitJumpInsn(IF_ACMPEQ, noSlots);
        mv.visitVarInsn(ILOAD, OFFSET);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IUSHR);
        pushInt(DecodeCache.HALFWORD_MASK);
        mv.visitInsn(IAND);
        mv.visitVarInsn(ISTORE, TEMP);
        for (int k = 0; k <= (size + 1) / 2; k++)
        {
            mv.visitVarInsn(ALOAD, STORED_SLOTS);
            mv.visitVarInsn(ILOAD, TEMP);
            if (k != 0)
            {
                pushInt(k);
                mv.visitInsn(IADD);
            }
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LASTORE);
        }
        mv.visitLabel(noSlots);
        loadRamAddress();
        pushLong(-WrittenPages.AREA_BYTES);
        mv.visitInsn(LADD);
        mv.visitVarInsn(ILOAD, OFFSET);
        pushInt(WrittenPages.PAGE_SHIFT);
        mv.visitInsn(IUSHR);
        mv.visitInsn(I2L);
        mv.visitInsn(LADD);
        pushInt((byte)(WrittenPages.ALL & ~WrittenPages.COMPILED_CODE));
        mv.visitMethodInsn(INVOKESTATIC, UNSAFE, "putByte", "(JB)V", false);
        // A store into a word of compiled code: leave after it, so that nothing stale runs.
        loadCodeWordBitsAddress();
        mv.visitVarInsn(ILOAD, OFFSET);
        pushInt(5);
        mv.visitInsn(IUSHR);
        mv.visitInsn(I2L);
        mv.visitInsn(LADD);
        mv.visitMethodInsn(INVOKESTATIC, UNSAFE, "getByte", "(J)B", false);
        mv.visitVarInsn(ILOAD, OFFSET);
        pushInt(2);
        mv.visitInsn(IUSHR);
        pushInt(7);
        mv.visitInsn(IAND);
        mv.visitInsn(ISHR);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IAND);
        mv.visitJumpInsn(IFNE, pendingExit(nextPc, RegionExit.CODE_WRITTEN, unretired - 1, STORED_PAGE));
    }

    private Label pendingExit(final int pc, final int reason, final int refund)
    {
        return pendingExit(pc, reason, refund, 0);
    }

    private Label pendingExit(final int pc, final int reason, final int refund, final int writtenPage)
    {
        final PendingExit exit = new PendingExit(new Label(), pc, reason, refund, writtenPage);
        pendingExits.add(exit);
        return exit.label;
    }

    private void exitAtEntry(final int reason)
    {
        pushInt(reason);
        mv.visitVarInsn(ISTORE, REASON_OUT);
        mv.visitJumpInsn(GOTO, reason == RegionExit.JUMP ? chainLabel : exitLabel);
    }

    private void exitTo(final int pc, final int reason, final int refund)
    {
        if (refund != 0)
        {
            mv.visitIincInsn(REMAINING, refund);
        }
        pushInt(pc);
        mv.visitVarInsn(ISTORE, PC_OUT);
        pushInt(reason);
        mv.visitVarInsn(ISTORE, REASON_OUT);
        mv.visitJumpInsn(GOTO, reason == RegionExit.JUMP ? chainLabel : exitLabel);
    }

    private void loadRegister(final int r)
    {
        if (r == 0)
        {
            mv.visitInsn(ICONST_0);
        }
        else
        {
            mv.visitVarInsn(ILOAD, REGISTER_BASE + r);
        }
    }

    private void storeRegister(final int rd)
    {
        if (rd == 0 || rd >= 32)
        {
            mv.visitInsn(POP); // x0, decoded as the sink register
        }
        else
        {
            mv.visitVarInsn(ISTORE, REGISTER_BASE + rd);
        }
    }

    private void pushInt(final int value)
    {
        if (value >= -1 && value <= 5)
        {
            mv.visitInsn(ICONST_0 + value);
        }
        else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE)
        {
            mv.visitIntInsn(BIPUSH, value);
        }
        else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE)
        {
            mv.visitIntInsn(SIPUSH, value);
        }
        else
        {
            mv.visitLdcInsn(value);
        }
    }

    private void pushLong(final long value)
    {
        if (value == 0L || value == 1L)
        {
            mv.visitInsn(LCONST_0 + (int)value);
        }
        else
        {
            mv.visitLdcInsn(value);
        }
    }
}
