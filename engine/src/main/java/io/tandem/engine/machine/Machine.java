package io.tandem.engine.machine;

import io.tandem.codec.StateCheck;
import io.tandem.engine.cpu.Cpu;
import io.tandem.engine.cpu.Csr;
import io.tandem.engine.cpu.DecodeCache;
import io.tandem.engine.cpu.ExecutionEngine;
import io.tandem.engine.cpu.compiler.CompiledEngine;
import io.tandem.engine.cpu.HartControl;
import io.tandem.engine.cpu.HartPlatform;
import io.tandem.engine.dev.Clint;
import io.tandem.engine.dev.DiskCompletions;
import io.tandem.engine.dev.DiskRequests;
import io.tandem.engine.dev.MachineClock;
import io.tandem.engine.dev.Plic;
import io.tandem.engine.dev.TestFinisher;
import io.tandem.engine.dev.Uart16550;
import io.tandem.engine.dev.virtio.EmptyVirtioSlot;
import io.tandem.engine.dev.virtio.VirtioBlk;
import io.tandem.engine.dev.virtio.VirtioNet;
import io.tandem.engine.elf.ElfImage;
import io.tandem.engine.elf.ElfSegment;
import io.tandem.engine.mem.Bus;
import io.tandem.engine.mem.GuestMemory;
import io.tandem.engine.mem.GuestRam;
import io.tandem.engine.mem.MemoryMap;
import io.tandem.engine.mem.MmioDevice;
import io.tandem.engine.mem.WrittenPages;
import io.tandem.engine.snapshot.SectionReader;
import io.tandem.engine.snapshot.SectionWriter;
import io.tandem.engine.snapshot.SnapshotSection;
import io.tandem.engine.snapshot.StateReader;
import io.tandem.engine.snapshot.StateWriter;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * A deterministic RV32IMA computer with the {@code virt} board's devices.
 * <p>
 * {@link #run(long)} retires exactly the requested number of instructions unless the hart waits
 * (WFI) or the machine halts first. The CPU runs in slices; between slices the machine polls
 * input ports and takes interrupts. Slices are cut on a fixed grid of instruction counts
 * ({@link MachineContext#interruptCheckInstructions()}) and after instructions that may raise an
 * interrupt themselves, never where the caller happened to split its budget — so running N
 * instructions at once or in any number of pieces reaches the same state.
 * <p>
 * Single-threaded: one thread owns a machine.
 */
public final class Machine implements AutoCloseable, StateCheckSource
{
    /** Pages of a state-check interval a divergence report names. */
    private static final int CHECKED_PAGES_LISTED = 16;

    private final MachineContext context;
    private final GuestRam ram;
    private final DecodeCache decodeCache;
    private final MachineInputs inputs;
    private final Clint clint;
    private final Plic plic;
    private final Uart16550 uart;
    private final TestFinisher finisher;
    private final VirtioNet network;
    private final VirtioBlk disk;
    private final Cpu cpu;
    private final ExecutionEngine engine;
    private final HartControl control;
    private final long checkInterval;
    private long stateLoads;

    private final StateHasher checkHasher = new StateHasher();
    private final int[] checkedPages = new int[CHECKED_PAGES_LISTED];
    private int checkedPageCount;

    private boolean interruptCheckDue = true;
    private HaltReason haltReason = HaltReason.NONE;
    private String haltMessage;
    private boolean closed;

    /** @param context the configuration. */
    public Machine(final MachineContext context)
    {
        this.context = context;
        this.ram = new GuestRam(context.ramBytes());
        this.decodeCache = new DecodeCache(ram);
        this.inputs = context.inputs();
        this.clint = new Clint(inputs);
        this.plic = new Plic();
        this.uart = new Uart16550(context.consoleSink(), this::consoleInputNow, plic, MemoryMap.UART_IRQ);
        this.finisher = new TestFinisher();

        final GuestMemory dma = new GuestMemory(ram, decodeCache);
        final MmioDevice[] slots = new MmioDevice[MemoryMap.VIRTIO_SLOTS];
        java.util.Arrays.fill(slots, new EmptyVirtioSlot());
        if (context.hasNetwork())
        {
            network = new VirtioNet(dma, plic, MemoryMap.VIRTIO_IRQ_BASE + MemoryMap.VIRTIO_NET_SLOT,
                context.macAddress(), this::networkFrameNow, context.packetSink());
            slots[MemoryMap.VIRTIO_NET_SLOT] = network.transport();
        }
        else
        {
            network = null;
        }
        if (context.blockStore() != null)
        {
            disk = new VirtioBlk(dma, plic, MemoryMap.VIRTIO_IRQ_BASE + MemoryMap.VIRTIO_BLK_SLOT, context.blockStore(),
                context.diskMode(), context.diskIoThread(), new DiskInputs());
            disk.latency(context.diskLatency());
            slots[MemoryMap.VIRTIO_BLK_SLOT] = disk.transport();
        }
        else
        {
            disk = null;
        }
        final Bus bus = new Bus(finisher, clint, plic, uart, slots);
        this.cpu = new Cpu(ram, decodeCache, bus, new Platform());
        this.control = cpu.control();
        this.engine = context.cpuEngine() == CpuEngine.COMPILED ? new CompiledEngine(cpu, ram, decodeCache, context.compileThreshold()) : cpu;
        this.checkInterval = context.interruptCheckInstructions();
    }

    /**
     * Runs until {@code icount() == icount-at-call + budget}, or earlier if the hart waits for an
     * interrupt or the machine halts.
     *
     * @param budget instructions to retire, zero or more.
     * @return why it returned.
     */
    public StopReason run(final long budget)
    {
        ensureOpen();
        if (budget < 0)
        {
            throw new IllegalArgumentException("budget must not be negative: " + budget);
        }
        // Saturate: "run until something happens" is Long.MAX_VALUE, whatever icount already is.
        final long target = budget > Long.MAX_VALUE - cpu.icount() ? Long.MAX_VALUE : cpu.icount() + budget;
        while (true)
        {
            if (haltReason != HaltReason.NONE)
            {
                return StopReason.HALT;
            }
            if (interruptCheckDue)
            {
                final long now = cpu.icount();
                if (!inputs.checkpointReady(now))
                {
                    return StopReason.INPUTS; // the check point is held once its inputs are all known
                }
                interruptCheckDue = false;
                inputs.checkpoint(now);
                clint.checkTimer(now);
                uart.pollInput();
                if (network != null)
                {
                    network.transport().service();
                }
                if (disk != null)
                {
                    disk.transport().service();
                }
                control.serviceInterrupts();
                if (inputs.failure() != null)
                {
                    halt(HaltReason.INPUTS_FAILED, inputs.failure());
                    return StopReason.HALT;
                }
            }
            if (control.waitingForInterrupt())
            {
                interruptCheckDue = true; // a waiting hart looks again on every call
                context.consoleSink().flush();
                return StopReason.WFI;
            }
            final long now = cpu.icount();
            if (now >= target)
            {
                return StopReason.BUDGET;
            }
            final long horizon = inputs.horizon(now);
            if (horizon <= now)
            {
                return StopReason.INPUTS;
            }
            final long nextCheck = (now / checkInterval + 1) * checkInterval;
            final int slice = (int)(Math.min(Math.min(target, horizon), nextCheck) - now);
            final int stop = engine.execute(slice);
            if (stop != Cpu.STOP_BUDGET || cpu.icount() % checkInterval == 0)
            {
                interruptCheckDue = true;
            }
            if (stop == Cpu.STOP_LOCKUP)
            {
                halt(HaltReason.LOCKED_UP, control.lockupReport());
            }
            else if (inputs.failure() != null)
            {
                halt(HaltReason.INPUTS_FAILED, inputs.failure());
            }
            else if (finisher.status() != TestFinisher.RUNNING)
            {
                haltFromFinisher();
            }
        }
    }

    /**
     * While the hart waits in WFI on a clock that can jump (a virtual clock), moves time to the
     * timer deadline.
     *
     * @return true when time jumped; false when the caller must let real time pass (idle) instead.
     */
    public boolean skipToTimer()
    {
        return control.waitingForInterrupt() && inputs.skipTo(cpu.icount(), clint.clockDeadline());
    }

    /**
     * How long the host may sleep while the hart waits in WFI before its timer fires: read from
     * the context's own clock, so that nothing is logged (a recording logs time only when the
     * guest reads it).
     *
     * @return ns until the armed, enabled timer is due (0 when it is), or {@link Long#MAX_VALUE}
     * when the hart does not wait or only an input can wake it.
     */
    public long timerWaitNs()
    {
        final long deadlineTicks = clint.clockDeadline();
        if (!control.waitingForInterrupt() || deadlineTicks == -1L || (control.peek(Csr.MIE) & Csr.MIP_MTIP) == 0)
        {
            return Long.MAX_VALUE;
        }
        final long ticks = deadlineTicks - context.clock().mtime(cpu.icount());
        final long nanosPerTick = 1_000_000_000L / MachineClock.TICKS_PER_SECOND;
        return ticks <= 0 ? 0 : ticks >= Long.MAX_VALUE / nanosPerTick ? Long.MAX_VALUE : ticks * nanosPerTick;
    }

    /**
     * @return true when a hart waiting in WFI can never wake: nothing but the timer can wake it
     * on a virtual clock, and the timer is not armed or not enabled.
     */
    public boolean waitsForever()
    {
        return control.waitingForInterrupt() && inputs.timeIsVirtual() &&
            ((control.peek(Csr.MIE) & Csr.MIP_MTIP) == 0 || clint.mtimecmp() == -1L) &&
            (control.peek(Csr.MIE) & (Csr.MIP_MSIP | Csr.MIP_MEIP)) == 0;
    }

    private void haltFromFinisher()
    {
        switch (finisher.status())
        {
            case TestFinisher.PASSED:
                halt(HaltReason.PASSED, "guest passed");
                break;
            case TestFinisher.FAILED:
                halt(HaltReason.FAILED, "guest failed with exit code " + finisher.exitCode());
                break;
            default:
                halt(HaltReason.RESET_REQUESTED, "guest requested a reset; the run ends here");
                break;
        }
    }

    private void halt(final HaltReason reason, final String message)
    {
        haltReason = reason;
        haltMessage = message;
        context.consoleSink().flush();
    }

    /** Pushes buffered console output to its destination. */
    public void flushConsole()
    {
        context.consoleSink().flush();
    }

    /** @return instructions retired since reset. */
    public long icount()
    {
        return cpu.icount();
    }

    /** @return the engine that runs the hart's instructions. */
    public ExecutionEngine engine()
    {
        return engine;
    }

    /** @return the hart. */
    public Cpu cpu()
    {
        return cpu;
    }

    /** @return the interrupt check interval in instructions: the grid of check points. */
    public int checkInterval()
    {
        return (int)checkInterval;
    }

    /** @return guest RAM; it must not be touched after {@link #close()}. */
    public GuestRam ram()
    {
        ensureOpen();
        return ram;
    }

    /** @return the CLINT. */
    public Clint clint()
    {
        return clint;
    }

    /** @return the console UART. */
    public Uart16550 uart()
    {
        return uart;
    }

    /** @return the test finisher. */
    public TestFinisher finisher()
    {
        return finisher;
    }

    /** @return the PLIC. */
    public Plic plic()
    {
        return plic;
    }

    /** @return the network card, or null. */
    public VirtioNet network()
    {
        return network;
    }

    /** @return the disk, or null. */
    public VirtioBlk disk()
    {
        return disk;
    }

    /** @return why the machine halted, or {@link HaltReason#NONE}. */
    public HaltReason haltReason()
    {
        return haltReason;
    }

    /** @return a sentence on why the machine halted, or null. */
    public String haltMessage()
    {
        return haltMessage;
    }

    /** @return the guest's exit code: the finisher's code, 0 on pass; meaningful once halted. */
    public int exitCode()
    {
        return finisher.exitCode();
    }

    /**
     * Loads an ELF image: copies each segment to its load address, zero-fills the rest of its
     * memory size, and sets pc to the entry point.
     *
     * @param image a parsed ELF.
     * @throws IllegalArgumentException naming the segment when one does not fit in RAM.
     */
    public void load(final ElfImage image)
    {
        ensureOpen();
        for (final ElfSegment segment : image.segments())
        {
            if (!ram.contains(segment.address(), (int)Math.min(Integer.MAX_VALUE, segment.memSize())) ||
                segment.memSize() > ram.sizeBytes())
            {
                throw new IllegalArgumentException(String.format(
                    "%s: segment at 0x%08x (%d bytes) does not fit in RAM 0x%08x..0x%08x; " +
                    "link the guest for RAM at 0x%08x or give the machine more RAM",
                    image.sourceName(), segment.address(), segment.memSize(), MemoryMap.RAM_BASE,
                    MemoryMap.RAM_BASE + ram.sizeBytes() - 1, MemoryMap.RAM_BASE));
            }
        }
        for (final ElfSegment segment : image.segments())
        {
            final byte[] bytes = segment.fileBytes();
            writeRam(segment.address(), bytes, 0, bytes.length);
            if (segment.zeroFillSize() > 0)
            {
                zeroRam(segment.address() + bytes.length, (int)segment.zeroFillSize());
            }
        }
        cpu.pc(image.entry());
    }

    /**
     * Copies bytes into guest RAM from the host (loader, tests), forgetting decoded code there.
     *
     * @param guestAddress where to write.
     * @param bytes        what to write.
     * @param offset       first byte of {@code bytes}.
     * @param length       bytes to write.
     */
    public void writeRam(final int guestAddress, final byte[] bytes, final int offset, final int length)
    {
        ensureOpen();
        ram.putBytesRaw(guestAddress, bytes, offset, length);
        decodeCache.invalidate(ram.offsetOf(guestAddress, length), length);
    }

    /** Writes one little-endian word into guest RAM from the host. */
    public void writeRamInt(final int guestAddress, final int value)
    {
        ensureOpen();
        ram.putIntRaw(guestAddress, value);
        decodeCache.invalidate(ram.offsetOf(guestAddress, 4), 4);
    }

    /** Zero-fills guest RAM from the host (a segment's bss). */
    public void zeroRam(final int guestAddress, final int length)
    {
        ensureOpen();
        ram.setMemoryRaw(guestAddress, length, (byte)0);
        decodeCache.invalidate(ram.offsetOf(guestAddress, length), length);
    }

    /**
     * @return a 64-bit hash of everything the guest can observe or that decides its future:
     * icount, pc, registers, CSRs, device state and all of RAM. Input-side state (clocks, queues
     * of frames not yet taken) is not machine state and is left out, so that a recording and its
     * replay hash alike.
     */
    public long stateHash()
    {
        return stateHasherWithoutRam().addMemory(ram.address(), ram.sizeBytes()).hash();
    }

    /**
     * @return a hasher fed with everything {@link #stateHash()} covers but RAM, which comes last:
     * adding a copy of RAM's bytes taken at this point gives the state hash of this point, so that
     * a snapshot taken while the guest runs on can be hashed later, from its copy.
     */
    public StateHasher stateHasherWithoutRam()
    {
        ensureOpen();
        final StateHasher hasher = new StateHasher();
        hasher.add(cpu.icount()).add(cpu.pc());
        for (int i = 1; i < 32; i++)
        {
            hasher.add(cpu.register(i));
        }
        control.hashState(hasher);
        hashDevices(hasher);
        return hasher;
    }

    /**
     * @return how many times a whole state was loaded into this machine ({@link #loadState}): RAM
     * written without marking its pages, the written-page flags replaced by the saved ones. A copy
     * of RAM kept up to date by those flags must start again from every page after a load.
     */
    public long stateLoads()
    {
        return stateLoads;
    }

    /**
     * @return true when the machine's state can be saved now: no disk request is in live I/O
     * without having completed (a replaying machine always can).
     */
    public boolean stateSavable()
    {
        return disk == null || disk.quiescent();
    }

    /**
     * Saves everything but RAM into sections: the hart, every device, the run state and the
     * positions of virtual input sources. RAM is saved by the caller, straight from
     * {@link #ram()}, because it is large. Called between {@link #run} calls.
     *
     * @throws IllegalStateException when disk I/O is in flight ({@link #stateSavable()}).
     */
    public void saveState(final SectionWriter out)
    {
        ensureOpen();
        if (!stateSavable())
        {
            throw new IllegalStateException("disk I/O in flight: the state cannot be saved at instruction " + icount());
        }
        cpu.saveState(out.begin(SnapshotSection.CPU));
        clint.saveState(out.begin(SnapshotSection.CLINT));
        plic.saveState(out.begin(SnapshotSection.PLIC));
        uart.saveState(out.begin(SnapshotSection.UART));
        finisher.saveState(out.begin(SnapshotSection.FINISHER));
        if (network != null)
        {
            network.transport().saveState(out.begin(SnapshotSection.NET));
        }
        if (disk != null)
        {
            disk.transport().saveState(out.begin(SnapshotSection.DISK));
        }
        final StateWriter run = out.begin(SnapshotSection.MACHINE);
        run.putInt(haltReason.ordinal()).putString(haltMessage).putBoolean(interruptCheckDue);
        // Pages written since the last state check: the next check covers them on both replicas.
        final WrittenPages written = ram.writtenPages();
        run.putBytes(written.flags(), 0, written.flags().capacity());
        inputs.saveState(out.begin(SnapshotSection.INPUTS));
    }

    /**
     * Loads what {@link #saveState} saved into this machine, whose RAM the caller has already
     * loaded, and forgets every decoded instruction. The sections must have been checked
     * (checksums) before: a section that does not parse throws, and then the machine is half
     * loaded and must be closed.
     *
     * @throws io.tandem.engine.snapshot.SnapshotFormatException naming the section and offset.
     */
    public void loadState(final SectionReader in)
    {
        ensureOpen();
        stateLoads++; // RAM was written wholesale, unmarked, and the written-page flags replaced
        if (in.has(SnapshotSection.NET) != (network != null) || in.has(SnapshotSection.DISK) != (disk != null))
        {
            throw new io.tandem.engine.snapshot.SnapshotFormatException(
                "the snapshot's machine " + devices(in.has(SnapshotSection.NET), in.has(SnapshotSection.DISK)) +
                ", this one " + devices(network != null, disk != null));
        }
        load(cpu::loadState, in.section(SnapshotSection.CPU));
        load(clint::loadState, in.section(SnapshotSection.CLINT));
        load(plic::loadState, in.section(SnapshotSection.PLIC));
        load(uart::loadState, in.section(SnapshotSection.UART));
        load(finisher::loadState, in.section(SnapshotSection.FINISHER));
        if (network != null)
        {
            load(network.transport()::loadState, in.section(SnapshotSection.NET));
        }
        if (disk != null)
        {
            load(disk.transport()::loadState, in.section(SnapshotSection.DISK));
        }
        final StateReader run = in.section(SnapshotSection.MACHINE);
        final HaltReason[] reasons = HaltReason.values();
        haltReason = reasons[run.getInt("halt reason", 0, reasons.length - 1)];
        haltMessage = run.getString();
        interruptCheckDue = run.getBoolean();
        final WrittenPages written = ram.writtenPages();
        final int flags = run.getBytes("written-page flags", written.flags(), 0, written.flags().capacity());
        if (flags != written.flags().capacity())
        {
            throw run.error(flags + " written-page flags for " + written.flags().capacity() + " pages");
        }
        run.expectEnd();
        load(inputs::loadState, in.section(SnapshotSection.INPUTS));
        decodeCache.invalidateAll();
        engine.ramRewritten();
    }

    private static void load(final java.util.function.Consumer<StateReader> component, final StateReader section)
    {
        component.accept(section);
        section.expectEnd();
    }

    private static String devices(final boolean net, final boolean disk)
    {
        return (net ? "has" : "has no") + " network card and " + (disk ? "a" : "no") + " disk";
    }

    @Override
    public void stateCheck(final MutableDirectBuffer buffer, final int offset)
    {
        ensureOpen();
        final StateHasher hasher = checkHasher;
        control.hashState(hasher.reset());
        final long csrHash = hasher.hash();
        hashDevices(hasher.reset());
        final long deviceHash = hasher.hash();

        hasher.reset();
        final WrittenPages written = ram.writtenPages();
        int pages = 0;
        for (int page = written.nextWritten(0, WrittenPages.STATE_CHECK); page >= 0;
            page = written.nextWritten(page + 1, WrittenPages.STATE_CHECK))
        {
            hasher.add(page).addMemory(ram.address() + ((long)page << WrittenPages.PAGE_SHIFT), WrittenPages.PAGE_BYTES);
            if (pages < checkedPages.length)
            {
                checkedPages[pages] = page;
            }
            pages++;
        }
        written.clear(WrittenPages.STATE_CHECK);
        checkedPageCount = pages;
        final long pagesHash = hasher.hash();

        hasher.reset().add(cpu.icount()).add(cpu.pc()).add(csrHash).add(deviceHash).add(pagesHash).add(pages);
        for (int i = 1; i < 32; i++)
        {
            final int value = cpu.register(i);
            hasher.add(value);
            buffer.putInt(offset + StateCheck.REGISTERS_OFFSET + 4 * (i - 1), value, ByteOrder.LITTLE_ENDIAN);
        }
        buffer.putInt(offset + StateCheck.REGISTERS_OFFSET + 4 * 31, 0, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + StateCheck.HASH_OFFSET, hasher.hash(), ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + StateCheck.PC_OFFSET, cpu.pc(), ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + StateCheck.KIND_OFFSET, StateCheck.KIND_INCREMENTAL, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + StateCheck.CSR_HASH_OFFSET, csrHash, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + StateCheck.DEVICE_HASH_OFFSET, deviceHash, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + StateCheck.PAGES_HASH_OFFSET, pagesHash, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + StateCheck.PAGES_OFFSET, pages, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + StateCheck.PAGES_OFFSET + 4, 0, ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String describeDifference(final DirectBuffer logged, final int loggedOffset, final DirectBuffer own,
        final int ownOffset)
    {
        return StateCheckReport.describe(cpu.icount(), logged, loggedOffset, own, ownOffset, checkedPages,
            checkedPageCount);
    }

    private void hashDevices(final StateHasher hasher)
    {
        clint.hashState(hasher);
        plic.hashState(hasher);
        uart.hashState(hasher);
        finisher.hashState(hasher);
        if (network != null)
        {
            network.transport().hashState(hasher);
        }
        if (disk != null)
        {
            disk.transport().hashState(hasher);
        }
    }

    private void ensureOpen()
    {
        if (closed)
        {
            // Its RAM is freed: touching it would crash the JVM, not just this machine.
            throw new IllegalStateException("machine is closed");
        }
    }

    /**
     * For a machine whose inputs just switched from a replay to the world (a backup going live):
     * starts the I/O of every disk request the guest made whose completion the log never brought,
     * because the primary died in between. Their completions then enter at the next check points.
     *
     * @return how many disk requests wait for completion.
     */
    public int reissuePendingIo()
    {
        ensureOpen();
        return disk == null ? 0 : disk.reissuePending();
    }

    /** Stops the disk's I/O thread, if any, and frees guest RAM; the machine cannot run afterwards. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            if (disk != null)
            {
                disk.close(); // first: its thread must not outlive the machine
            }
            ram.close();
        }
    }

    private int consoleInputNow()
    {
        return inputs.consoleInput(cpu.icount());
    }

    private int networkFrameNow(final MutableDirectBuffer buffer)
    {
        return inputs.networkFrame(cpu.icount(), buffer);
    }

    /** The disk asks the inputs at the current instruction count. */
    private final class DiskInputs implements DiskCompletions
    {
        @Override
        public void requested(final DiskRequests requests)
        {
            inputs.diskRequested(cpu.icount(), requests);
        }

        @Override
        public int completion(final DiskRequests requests)
        {
            return inputs.diskCompletion(cpu.icount(), requests);
        }
    }

    /** The hart's view of the board: interrupt lines, mtime and entropy. */
    private final class Platform implements HartPlatform
    {
        @Override
        public int pendingInterrupts(final long icount)
        {
            return (clint.softwareInterrupt() ? Csr.MIP_MSIP : 0) |
                (clint.timerInterrupt() ? Csr.MIP_MTIP : 0) |
                (plic.externalInterrupt() ? Csr.MIP_MEIP : 0);
        }

        @Override
        public long mtime(final long icount)
        {
            return clint.mtime(icount);
        }

        @Override
        public int entropy16(final long icount)
        {
            return inputs.entropy16(icount);
        }

        @Override
        public int hostId(final long icount)
        {
            return inputs.hostId(icount);
        }
    }
}
