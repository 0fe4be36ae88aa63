package io.tandem.engine.cpu.compiler;

import io.tandem.engine.cpu.Cpu;
import io.tandem.engine.cpu.DecodeCache;
import io.tandem.engine.cpu.DecodedInstruction;
import io.tandem.engine.cpu.Decoder;
import io.tandem.engine.cpu.ExecutionEngine;
import io.tandem.engine.cpu.HartControl;
import io.tandem.engine.cpu.Op;
import io.tandem.engine.mem.GuestRam;
import io.tandem.engine.mem.MemoryMap;
import io.tandem.engine.mem.WrittenPages;

/**
 * The compiling engine: a dispatcher over compiled regions, with the interpreter for everything
 * else. Keeps {@link Cpu#execute(int)}'s contract exactly: a region is entered with the slice's
 * budget left and enters each of its blocks only when that budget covers the block, so a slice
 * ends at the same instruction count as on the interpreter; whatever a region leaves (cold
 * instructions, accesses off the RAM fast path, a budget shorter than a block, cold code) the
 * interpreter runs, and its stop codes end the slice as they would.
 * <p>
 * Cold code runs at the interpreter's own speed: off the pages where code gets warm, the
 * interpreter runs stretches of up to {@link #MAX_INTERPRETED_STRETCH} instructions and stops
 * only where a compiled region starts, because the slot of every region's entry in the decode
 * cache holds {@link Op#REGION_ENTRY} (a store there clears it, as it clears any decoded
 * instruction; a mark whose region is gone is cleared when met). The page where a stretch ends is
 * a sample of where cold code spends its time; once a page has had enough of them it is warm, and
 * there the interpreter steps one basic block at a time and counts entries at block starts, so
 * that regions start where loops and functions start. A pc entered often enough is compiled at
 * once on this thread: compiling only changes how fast the same instructions retire, never which.
 */
public final class CompiledEngine implements ExecutionEngine
{
    /** Instructions a region holds at most; fewer when its bytecode would exceed {@link #MAX_CODE_BYTES}. */
    static final int MAX_REGION_INSTRUCTIONS = 512;
    /**
     * Bytecode bytes of a region's method at most. HotSpot compiles no method over 8000, but
     * regions well under that already fail: C1's profiling tier gave up on cpubench's regions of
     * 6596-7180 bytes ("out of virtual registers in linear scan"), which then stayed in C1's
     * tier without profiles, never reached C2, and cost C1 its time for nothing; and C2's time
     * grows faster than a method's size. At 4000 cpubench has 42 regions instead of 40, C1
     * compiles every one, and the JIT's CPU in a fresh JVM fell by a fifth.
     */
    static final int MAX_CODE_BYTES = 4000;
    /**
     * Calls with a budget of zero given to a region class just generated: each leaves at its
     * entry's budget check, retiring nothing and writing back the registers it read, but counts
     * as an invocation, so that HotSpot queues the method for C1 at once instead of after some
     * hundreds of real calls spent in its bytecode interpreter, where a region runs at a few
     * percent of its compiled speed (a third of the machine thread's samples in a fresh JVM on
     * cpubench). HotSpot's threshold is 200 invocations, scaled up by the length of C1's queue.
     */
    static final int PRIMING_CALLS = 2000;
    /**
     * Instructions the interpreter runs at most per call when no region applies: the pc where such
     * a stretch ends is a sample of where cold code spends its time.
     */
    static final int MAX_INTERPRETED_STRETCH = 256;
    /** Stretches ending on a page that make it warm, at most: a page is warm after 4 K instructions or fewer. */
    static final int MAX_WARM_PAGE_SAMPLES = 16;
    /** Instructions the interpreter runs at most per step on a warm page when no region applies. */
    private static final int MAX_INTERPRETED_BLOCK = 64;

    private final Cpu cpu;
    private final HartControl control;
    private final int[] x;
    private final DecodeCache decodeCache;
    private final long[][] decodedPages;
    private final long ramAddress;
    private final int ramWords;
    private final int ramHalfwords;
    private final CodeCache cache;
    private final RegionGenerator generator;
    private final RegionExit exit = new RegionExit();
    private final int compileThreshold;
    private final int warmPageSamples;
    private final int[] codeBytes = new int[1];
    private long compileNanos;
    private int largestBytecode;
    private long regionCalls;
    private long regionInstructions;
    private long interpreterSteps;
    private long regionsGenerated;
    private long regionsShared;

    /**
     * @param cpu         the hart: its interpreter steps what is not compiled.
     * @param ram         its RAM.
     * @param decodeCache      its decode cache.
     * @param compileThreshold entries at a pc, counted at the block starts the interpreter runs on
     *                         warm pages, before the code there is compiled; it also sets when a
     *                         page is warm: after {@code min(16, compileThreshold / 256)}
     *                         interpreter stretches ended there.
     */
    public CompiledEngine(final Cpu cpu, final GuestRam ram, final DecodeCache decodeCache, final int compileThreshold)
    {
        this.compileThreshold = compileThreshold;
        this.warmPageSamples = Math.max(0, Math.min(MAX_WARM_PAGE_SAMPLES, compileThreshold / MAX_INTERPRETED_STRETCH));
        this.cpu = cpu;
        this.control = cpu.control();
        this.x = cpu.registerFile();
        this.decodeCache = decodeCache;
        this.decodedPages = decodeCache.pages();
        this.ramAddress = ram.address();
        this.ramWords = ram.sizeBytes() >>> 2;
        this.ramHalfwords = ram.sizeBytes() >>> 1;
        this.cache = new CodeCache(ram, decodeCache);
        this.generator = new RegionGenerator(ramWords);
        RegionJitTier.apply();
    }

    @Override
    public int execute(final int budget)
    {
        if (control.waitingForInterrupt() || control.lockedUp())
        {
            return cpu.execute(budget);
        }
        final Cpu cpu = this.cpu;
        final RegionExit exit = this.exit;
        int remaining = budget;
        while (remaining > 0)
        {
            final int pc = cpu.pc();
            final CompiledRegion region = cache.lookup(pc);
            if (region != null)
            {
                regionCalls++;
                final int nextPc = region.run(x, decodedPages, remaining, exit, pc);
                regionInstructions += remaining - exit.remaining;
                cpu.advance(nextPc, remaining - exit.remaining);
                remaining = exit.remaining;
                if (exit.reason == RegionExit.JUMP)
                {
                    continue;
                }
                if (exit.reason == RegionExit.CODE_WRITTEN)
                {
                    cache.revalidate(exit.writtenPage);
                    continue;
                }
                if (remaining == 0)
                {
                    break;
                }
                // INTERPRET: step from here without looking for a region again.
                if (marked(nextPc))
                {
                    // Another region's entry whose first block the budget left does not cover.
                    final long before = cpu.icount();
                    final int stop = stepMarked(nextPc);
                    remaining -= (int)(cpu.icount() - before);
                    if (stop != Cpu.STOP_BUDGET)
                    {
                        return stop;
                    }
                    continue;
                }
            }
            else
            {
                if (!Decoder.fetchable(pc, ramHalfwords) || !cache.warm(pc, warmPageSamples))
                {
                    // Cold code: the interpreter at its own speed, stopped only by region entries.
                    final long before = cpu.icount();
                    final int stretch = Math.min(remaining, MAX_INTERPRETED_STRETCH);
                    final int stop = cpu.execute(stretch);
                    final int retired = (int)(cpu.icount() - before);
                    interpreterSteps++;
                    remaining -= retired;
                    if (stop == Cpu.STOP_REGION_ENTRY)
                    {
                        continue;
                    }
                    if (stop != Cpu.STOP_BUDGET)
                    {
                        return stop;
                    }
                    if (retired == stretch && Decoder.fetchable(cpu.pc(), ramHalfwords))
                    {
                        cache.sample(cpu.pc(), warmPageSamples);
                    }
                    continue;
                }
                if (decodeCache.slot(pc) == DecodedInstruction.REGION_ENTRY_MARK)
                {
                    // The region marked here was discarded since (its code changed, or the cache was emptied).
                    decodeCache.forget(pc);
                }
                if (cache.hot(pc, compileThreshold) && compileAtLoopHead(pc))
                {
                    continue;
                }
            }
            // Warm code: one basic block at a time, counting entries at block starts.
            final long before = cpu.icount();
            final int stop = cpu.execute(Math.min(remaining, blockLength(cpu.pc())));
            interpreterSteps++;
            remaining -= (int)(cpu.icount() - before);
            if (stop == Cpu.STOP_REGION_ENTRY)
            {
                continue;
            }
            if (stop != Cpu.STOP_BUDGET)
            {
                return stop;
            }
        }
        return Cpu.STOP_BUDGET;
    }

    /**
     * @return instructions from {@code pc} up to and including the first that may leave straight
     * line (a jump, a branch, a cold instruction), at most {@link #MAX_INTERPRETED_BLOCK}: after
     * them the dispatcher looks for a region again, at a block start that can become hot.
     */
    private int blockLength(final int pc)
    {
        if (!Decoder.fetchable(pc, ramHalfwords))
        {
            return 1;
        }
        int at = pc;
        int length = 1;
        while (length < MAX_INTERPRETED_BLOCK)
        {
            if (!Decoder.fetchable(at, ramHalfwords))
            {
                return length; // straight line ran off the end of RAM
            }
            long d = decodeCache.slot(at);
            if (d == 0L)
            {
                // The same slot the interpreter would fill when it gets here.
                d = decodeCache.fetchAndDecode(at);
                decodeCache.put(at, d);
            }
            final long full = DecodedInstruction.uncompressed(d);
            final int op = DecodedInstruction.op(full);
            if (!RegionShape.compiled(full) || RegionShape.isBranch(op) || op == Op.JAL || op == Op.JALR)
            {
                return length;
            }
            at += DecodedInstruction.length(d);
            length++;
        }
        return length;
    }

    /** @return true when the slot of {@code pc} holds a region's entry mark. */
    private boolean marked(final int pc)
    {
        return Decoder.fetchable(pc, ramHalfwords) && decodeCache.slot(pc) == DecodedInstruction.REGION_ENTRY_MARK;
    }

    /**
     * Has the interpreter retire the one instruction under a region's entry mark: the slot is
     * cleared (the interpreter decodes the word again), then marked again if the region is still
     * there and the instruction did not write its own word.
     */
    private int stepMarked(final int pc)
    {
        decodeCache.forget(pc);
        final int stop = cpu.execute(1);
        interpreterSteps++;
        if (decodeCache.slot(pc) != 0L && cache.lookup(pc) != null)
        {
            decodeCache.put(pc, DecodedInstruction.REGION_ENTRY_MARK);
        }
        return stop;
    }

    /**
     * Compiles the code at a hot pc from the head of the innermost loop around it, so that the
     * loop has one way in; from the pc itself when a region there already stops before it (or
     * the head cannot be compiled), or when the head's region holds it but lost its mark (which
     * is then marked again).
     *
     * @return true when a region was compiled (at {@code pc} or at its loop head).
     */
    private boolean compileAtLoopHead(final int pc)
    {
        if (!Decoder.fetchable(pc, ramHalfwords))
        {
            return false;
        }
        final RegionShape shape = RegionShape.scan(pc, ramAddress, ramHalfwords, MAX_REGION_INSTRUCTIONS);
        final int head = shape == null ? pc : shape.enclosingLoopHead();
        if (head != pc)
        {
            final CompiledRegion atHead = cache.lookup(head);
            if (atHead == null)
            {
                if (compile(head))
                {
                    return true;
                }
            }
            else if (atHead.holds(pc))
            {
                // The loop is compiled from its head: the interpreter steps on to it.
                cache.markEntry(atHead);
                return false;
            }
        }
        return compile(pc);
    }

    private boolean compile(final int pc)
    {
        if (!Decoder.fetchable(pc, ramHalfwords))
        {
            return false;
        }
        final int page = (pc - MemoryMap.RAM_BASE) >>> WrittenPages.PAGE_SHIFT;
        if (!cache.compilable(page))
        {
            return false;
        }
        final long start = System.nanoTime();
        cache.prepareForCompile(page);
        int cap = MAX_REGION_INSTRUCTIONS;
        while (true)
        {
            final RegionShape shape = RegionShape.scan(pc, ramAddress, ramHalfwords, cap);
            if (shape == null)
            {
                return false;
            }
            final int[] pcs = new int[shape.count];
            final int[] words = new int[shape.count];
            int held = 0;
            for (int i = shape.firstIndex; i <= shape.lastIndex; i++)
            {
                if (shape.included[i])
                {
                    pcs[held] = shape.pcOf(i);
                    words[held] = shape.words[i];
                    held++;
                }
            }
            final SharedRegions.Key key = new SharedRegions.Key(pc, ramWords, pcs, words);
            SharedRegions.Shared shared = SharedRegions.find(key);
            Class<?> type = shared != null ? shared.get() : null;
            final boolean generatedHere = type == null; // a class from another machine is primed already
            if (type == null)
            {
                final byte[] classBytes = generator.generate(shape, codeBytes);
                if (codeBytes[0] > MAX_CODE_BYTES && cap > 1)
                {
                    cap = Math.max(1, Math.min(cap, shape.count) / 2);
                    continue;
                }
                final Class<?> defined = RegionLoader.define(classBytes);
                final SharedRegions.Shared offered = new SharedRegions.Shared(defined, codeBytes[0], classBytes.length);
                shared = SharedRegions.publish(key, offered);
                type = shared.get();
                if (type == null) // another machine's class, unloaded since: this one serves
                {
                    shared = offered;
                    type = defined;
                }
                regionsGenerated++;
            }
            else
            {
                regionsShared++;
            }
            final CompiledRegion region = RegionLoader.instantiate(type);
            region.ramAddress = ramAddress;
            region.codeWordBitsAddress = cache.codeWordBitsAddress();
            region.cache = cache;
            region.entryPc = pc;
            region.entries = RegionGenerator.entries(shape);
            region.page = page;
            region.pcs = pcs;
            region.words = words;
            region.bytecodeBytes = shared.bytecodeBytes;
            largestBytecode = Math.max(largestBytecode, shared.bytecodeBytes);
            region.classBytes = shared.classBytes;
            cache.add(region);
            if (generatedHere)
            {
                prime(region);
            }
            compileNanos += System.nanoTime() - start;
            return true;
        }
    }

    /**
     * Has HotSpot compile a new region class soon ({@link #PRIMING_CALLS}). A call with no budget
     * changes nothing: the region leaves before its first instruction (at the entry's budget
     * check, or, if its page was written, at the check before it), having stored back only the
     * register values it loaded; what it wrote into the exit record the next call overwrites.
     */
    private void prime(final CompiledRegion region)
    {
        for (int i = 0; i < PRIMING_CALLS; i++)
        {
            region.run(x, decodedPages, 0, exit, region.entryPc);
        }
    }

    /**
     * Marks every page that holds compiled code as written: each region is compared with RAM
     * before it next runs, and only those whose code changed are dropped (a snapshot of the same
     * program keeps its compiled code).
     */
    @Override
    public void ramRewritten()
    {
        cache.markAllCodePagesWritten();
    }

    @Override
    public String name()
    {
        return "compiled";
    }

    /** @return regions held now. */
    public int regions()
    {
        return cache.regions();
    }

    /** @return regions compiled since start. */
    public long regionsCompiled()
    {
        return cache.compiled();
    }

    /** @return which of HotSpot's compilers compile region classes in this JVM ({@link RegionJitTier}). */
    public static String regionJitTier()
    {
        return RegionJitTier.outcome();
    }

    /** @return region classes this machine generated since start. */
    public long regionsGenerated()
    {
        return regionsGenerated;
    }

    /**
     * @return regions since start whose class another machine of this process had generated from
     * the same code, so that neither generation nor HotSpot's compilation was paid twice.
     */
    public long regionsShared()
    {
        return regionsShared;
    }

    /** @return regions discarded since start (their code was written, caps, wholesale loads). */
    public long regionsDiscarded()
    {
        return cache.discarded();
    }

    /** @return generated class bytes held now. */
    public long classBytes()
    {
        return cache.classBytes();
    }

    /** @return guest code bytes the held regions cover. */
    public long guestCodeBytes()
    {
        return cache.guestBytes();
    }

    /** @return nanoseconds spent compiling since start (scan, generation, class definition). */
    public long compileNanos()
    {
        return compileNanos;
    }

    /** @return instructions retired inside compiled regions since start. */
    public long instructionsInRegions()
    {
        return regionInstructions;
    }

    /** @return times the interpreter was called to step instructions no region ran. */
    public long interpreterSteps()
    {
        return interpreterSteps;
    }

    /** @return bytecode bytes of the largest region method generated since start. */
    int largestRegionBytecode()
    {
        return largestBytecode;
    }

    /** @return calls into compiled regions since start. */
    public long regionCalls()
    {
        return regionCalls;
    }
}
